#!/bin/sh
# A stand-in for Binaryen's wasm-opt: prints each argument in brackets and
# who called it, and exits with the code given by --exit=N (0 otherwise).
printf 'fake wasm-opt:'
code=0
for a in "$@"; do
  printf ' [%s]' "$a"
  case "$a" in --exit=*) code=${a#--exit=} ;; esac
done
printf '\ncaller: %s\n' "${WASM_OPT_ASYNCIFY_CALLER:-none}"
exit "$code"
