#!/usr/bin/env bash
# Makes a "Binaryen root" for Emscripten in which `bin/wasm-opt` is
# wasm-opt-asyncify: `--asyncify` runs with wasm-asyncify, every other pass
# and every other tool is Binaryen's. See docs/emscripten.md.
#
#   scripts/make-binaryen-root.sh ROOT [WASM_OPT_ASYNCIFY [REAL_WASM_OPT]]
#
# WASM_OPT_ASYNCIFY defaults to build/wasm-opt-asyncify, then to the one on
# PATH; REAL_WASM_OPT to $WASM_ASYNCIFY_REAL_WASM_OPT, then to the first
# wasm-opt on PATH outside ROOT. ROOT/bin/wasm-opt is a small script that
# pins REAL_WASM_OPT (the environment variable still wins) and runs
# wasm-opt-asyncify; the other Binaryen tools next to REAL_WASM_OPT are
# symlinked into ROOT/bin. Running it again refreshes the root.
set -euo pipefail

die() { echo "make-binaryen-root: error: $*" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 3 ] || die "usage: $0 ROOT [WASM_OPT_ASYNCIFY [REAL_WASM_OPT]]"

here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1/bin"
root=$(cd "$1" && pwd)

shim=${2:-}
if [ -z "$shim" ]; then
  if [ -x "$here/build/wasm-opt-asyncify" ]; then
    shim=$here/build/wasm-opt-asyncify
  else
    shim=$(command -v wasm-opt-asyncify || true)
  fi
fi
[ -n "$shim" ] && [ -x "$shim" ] || die "cannot find wasm-opt-asyncify (build it, or name it as the second argument)"
shim=$(realpath "$shim")

real=${3:-${WASM_ASYNCIFY_REAL_WASM_OPT:-}}
if [ -z "$real" ]; then
  IFS=: read -r -a dirs <<<"$PATH"
  for d in "${dirs[@]}"; do
    [ -n "$d" ] || d=.
    [ -x "$d/wasm-opt" ] || continue
    [ "$(realpath "$d")" = "$root/bin" ] && continue
    real=$d/wasm-opt
    break
  done
fi
[ -n "$real" ] && [ -x "$real" ] || die "cannot find Binaryen's wasm-opt (put it on PATH, or name it as the third argument)"
real=$(realpath "$real")
[ "$real" != "$shim" ] || die "$real is wasm-opt-asyncify itself, not Binaryen's wasm-opt"

# Single-quotes a string for sh.
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

tmp=$(mktemp "$root/bin/.wasm-opt.XXXXXX")
cat >"$tmp" <<SCRIPT
#!/bin/sh
# wasm-opt for Emscripten, made by wasm-asyncify's scripts/make-binaryen-root.sh:
# --asyncify runs with wasm-asyncify, everything else with Binaryen's wasm-opt.
[ -n "\${WASM_ASYNCIFY_REAL_WASM_OPT:-}" ] || WASM_ASYNCIFY_REAL_WASM_OPT=$(quote "$real")
export WASM_ASYNCIFY_REAL_WASM_OPT
exec $(quote "$shim") "\$@"
SCRIPT
chmod 755 "$tmp"
mv -f "$tmp" "$root/bin/wasm-opt"

bindir=$(dirname "$real")
linked=()
for tool in wasm-as wasm-ctor-eval wasm-dis wasm-emscripten-finalize wasm-fuzz-types \
            wasm-metadce wasm-reduce wasm-shell wasm-split wasm2js; do
  if [ -x "$bindir/$tool" ]; then
    ln -sfn "$bindir/$tool" "$root/bin/$tool"
    linked+=("$tool")
  fi
done
echo "make-binaryen-root: $root/bin/wasm-opt runs $shim (real wasm-opt: $real); linked ${linked[*]:-nothing}"
