#!/usr/bin/env bash
# What CTest runs (js-runtime-node, js-runtime-chromium): compiles the test
# programs into BUILD_DIR/js-runtime/KIND, installs the pinned npm packages
# (package-lock.json: playwright-core, typescript) into runtime/js/node_modules,
# and runs the tests with Node's test runner.
# usage: run.sh BUILD_DIR WASM_ASYNCIFY node|chromium
set -euo pipefail
build=$1
tool=$2
kind=$3
here=$(cd "$(dirname "$0")" && pwd)
pkg=$(dirname "$here")
fixtures="$build/js-runtime/$kind"

"$here/build-fixtures.sh" "$fixtures" "$tool"

# The pinned npm packages (playwright-core, typescript), once per lockfile;
# both CTest tests, and those of other build folders, may get here at once.
(
  flock 9
  if ! cmp -s "$pkg/package-lock.json" "$pkg/node_modules/.installed-lock.json" 2>/dev/null; then
    (cd "$pkg" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$pkg/package-lock.json" "$pkg/node_modules/.installed-lock.json"
  fi
) 9>"$pkg/.npm-ci.lock"

case "$kind" in
  node) tests=("$here/node.test.mjs" "$here/examples.test.mjs" "$here/types.test.mjs") ;;
  chromium) tests=("$here/chromium.test.mjs") ;;
  *) echo "usage: run.sh BUILD_DIR WASM_ASYNCIFY node|chromium" >&2; exit 2 ;;
esac
cd "$pkg"
flags=()
# Node 20 has memory64 behind a flag (the memory64 scenario needs it).
node --experimental-wasm-memory64 -e 0 2>/dev/null && flags+=(--experimental-wasm-memory64)
WASM_ASYNCIFY_FIXTURES="$fixtures" exec node "${flags[@]}" --test --test-reporter=spec "${tests[@]}"
