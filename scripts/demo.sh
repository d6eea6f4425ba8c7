#!/usr/bin/env bash
# The main job: installs what is missing, builds wasm-asyncify, compiles the
# bundled C example to wasm, rewrites it so env.sleep_ms can suspend, explains
# why main was instrumented, and runs it in Node with real suspends.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" >/dev/null
tool="$root/build/wasm-asyncify"
work="$root/build/example"
mkdir -p "$work"

echo "== clang --target=wasm32-wasi -Wl,--export=malloc examples/hello/hello.c -o hello.wasm"
clang --target=wasm32-wasi --sysroot=/usr -O2 -Wl,--export=malloc -o "$work/hello.wasm" \
  "$root/examples/hello/hello.c"

echo "== wasm-asyncify hello.wasm --imports env.sleep_ms -O2 -o hello.async.wasm"
"$tool" "$work/hello.wasm" --imports env.sleep_ms -O2 -o "$work/hello.async.wasm" \
  --report="$work/report.json" --explain _start
echo "   $(stat -c %s "$work/hello.wasm") bytes in, $(stat -c %s "$work/hello.async.wasm") bytes out"

echo "== node examples/hello/run.mjs hello.async.wasm"
node "$root/examples/hello/run.mjs" "$work/hello.async.wasm"
