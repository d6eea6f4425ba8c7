#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, lit, CLI,
# end-to-end). In CI (CI=true) it also builds with ASan + UBSan and runs the
# tests again under the sanitizers, then builds the libFuzzer target and runs
# it over its seed corpus.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
(cd "$root/build" && ctest --output-on-failure -j "$(nproc)")

if [ "${CI:-}" = "true" ] || [ "${WA_SANITIZE:-}" = "1" ]; then
  echo "== sanitizer build (ASan + UBSan)"
  BUILD_DIR="$root/build-asan" "$root/scripts/build.sh" -DWASM_ASYNCIFY_SANITIZE=ON
  (cd "$root/build-asan" &&
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      ctest --output-on-failure -j "$(nproc)")
  echo "== libFuzzer target (clang, ASan + UBSan): the seed corpus, each input once"
  CC=clang CXX=clang++ BUILD_DIR="$root/build-fuzz" "$root/scripts/build.sh" \
    -DWASM_ASYNCIFY_FUZZER=ON -DWASM_ASYNCIFY_SANITIZE=ON -DWA_FUZZ_BUDGET=0
  (cd "$root/build-fuzz" && ctest --output-on-failure -R '^libfuzzer$')
fi
