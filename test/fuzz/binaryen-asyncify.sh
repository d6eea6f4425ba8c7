#!/usr/bin/env bash
# A stand-in for wasm-asyncify that rewrites with Binaryen's own pass
# (wasm-opt --asyncify), to check the harness itself:
#   test/fuzz/differential.py --tool test/fuzz/binaryen-asyncify.sh --seeds 20
# must pass (the harness finds nothing wrong with the reference
# implementation). It takes the options differential.py gives the tool; the
# report (--report=FILE, which decides --only and --ignore-indirect) still
# comes from wasm-asyncify's analysis: $WASM_ASYNCIFY, default build/wasm-asyncify.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tool=${WASM_ASYNCIFY:-$root/build/wasm-asyncify}
in=$1; shift
opt=-O0; extra=(); analysis=(); out=; rep=
while [ $# -gt 0 ]; do
  case $1 in
    -O*) opt=$1 ;;
    --only) list=${2#@}; extra+=("--pass-arg=asyncify-onlylist@$(paste -sd, "$list")"); shift ;;
    --ignore-indirect) extra+=(--pass-arg=asyncify-ignore-indirect); analysis+=(--ignore-indirect) ;;
    --report=*) rep=${1#--report=} ;;
    -o) out=$2; shift ;;
    *) echo "binaryen-asyncify.sh: unexpected option $1" >&2; exit 2 ;;
  esac
  shift
done
if [ -n "$rep" ]; then "$tool" "$in" "${analysis[@]}" --report="$rep"; fi
[ -n "$out" ] || exit 0
exec wasm-opt -all "$in" --asyncify "${extra[@]}" "$opt" -g -o "$out"
