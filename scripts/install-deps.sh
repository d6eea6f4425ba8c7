#!/usr/bin/env bash
# Installs, from Debian packages only, everything wasm-asyncify needs to build
# and test. Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git python3
  binaryen wabt libcli11-dev libfmt-dev catch2
  llvm-14-tools clang lld wasi-libc libclang-rt-14-dev-wasm32
  nodejs chromium help2man groff-base emscripten
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm (for the asyncify-wasm host in the end-to-end tests) comes with some
# Node.js builds and is a package of its own in Debian's.
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything is installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
