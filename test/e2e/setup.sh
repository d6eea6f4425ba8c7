#!/usr/bin/env bash
# Installs the npm packages the end-to-end tests use (asyncify-wasm, pinned in
# package.json and package-lock.json) into test/e2e/node_modules. run.py calls
# it when node_modules is missing.
set -euo pipefail
cd "$(dirname "$0")"
exec npm ci --no-audit --no-fund --loglevel=error
