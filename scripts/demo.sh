#!/usr/bin/env bash
# Installs what is missing, builds, and runs wasm-asyncify on the bundled
# example (examples/hello): the analysis report, and why main is instrumented.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" >/dev/null
tool="$root/build/wasm-asyncify"
example="$root/examples/hello/hello.wat"
echo "== wasm-asyncify examples/hello/hello.wat --imports env.sleep --explain main --explain log_sum -v"
"$tool" "$example" --imports env.sleep --explain main --explain log_sum -v
