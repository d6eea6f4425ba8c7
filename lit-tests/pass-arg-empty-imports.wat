;; Binaryen compatibility: an empty asyncify-imports value
;; (`--pass-arg=asyncify-imports@`) is the default in wasm-opt 108: every
;; import may unwind. Reading it as an empty list (no import unwinds) would
;; leave the callers of every async import uninstrumented, a module that
;; breaks at run time where wasm-opt's works.
;;
;; update_checks: manual
;;
;; RUN: %wasm-asyncify %s --pass-arg=asyncify-imports@ --report | %report-fields summary.asyncImports functions.caller.instrumented | FileCheck %s
;; CHECK: summary.asyncImports = 1
;; CHECK-NEXT: functions.caller.instrumented = true
(module
  (import "env" "sleep" (func $sleep))
  (func $caller (call $sleep))
)
