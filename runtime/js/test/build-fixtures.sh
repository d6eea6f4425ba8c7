#!/usr/bin/env bash
# Compiles the test programs into OUT_DIR: each unrewritten (NAME.wasm, for
# JSPI) and rewritten by wasm-asyncify (NAME.async.wasm), plus program-nosp,
# which does not export __stack_pointer, and binaryen/program.async.wasm,
# rewritten by wasm-opt --asyncify.
# usage: build-fixtures.sh OUT_DIR WASM_ASYNCIFY
set -euo pipefail
out=$1
tool=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
cflags=(--target=wasm32-wasi --sysroot=/usr -O2 -mexec-model=reactor
        -Wl,--export=malloc -Wl,--export=free)
imports=env.fetch_value,env.fetch_i64,env.fetch_f64,env.sleep_ms,env.yield_value,env.wait_frame

clang "${cflags[@]}" -mmutable-globals -Wl,--export=__stack_pointer \
  -o "$out/program.wasm" "$here/fixtures/program.c"
clang "${cflags[@]}" -o "$out/program-nosp.wasm" "$here/fixtures/program.c"
wat2wasm -o "$out/multi.wasm" "$here/fixtures/multi.wat"

for name in program program-nosp; do
  "$tool" "$out/$name.wasm" --imports "$imports" -O2 -o "$out/$name.async.wasm" --report="$out/$name.report.json"
done
"$tool" "$out/multi.wasm" --imports env.pair,env.big -o "$out/multi.async.wasm"
# the same ABI from Binaryen's own pass: the runtime must drive it too
mkdir -p "$out/binaryen"
wasm-opt "$out/program.wasm" --asyncify -O2 -o "$out/binaryen/program.async.wasm" \
  "--pass-arg=asyncify-imports@${imports}"
wat2wasm --enable-memory64 -o "$out/mem64.wasm" "$here/fixtures/mem64.wat"
"$tool" "$out/mem64.wasm" --imports env.get -o "$out/mem64.async.wasm"
clang --target=wasm32-wasi --sysroot=/usr -O2 -Wl,--export=malloc -Wl,--export=free -o "$out/command.wasm" "$here/fixtures/command.c"
"$tool" "$out/command.wasm" --imports env.sleep_ms -O2 -o "$out/command.async.wasm"
# the examples of docs/js-runtime.md
clang "${cflags[@]}" -o "$out/hello.wasm" "$here/../examples/hello.c"
"$tool" "$out/hello.wasm" --imports env.sleep_ms,env.fetch_number,env.emit,env.next_frame -O2 -o "$out/hello.async.wasm"
