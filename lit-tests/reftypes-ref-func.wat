;; A valid reference-types module: a funcref global initialized with ref.func,
;; and a table.set of a ref.func. It must be read (exit code 0), and both
;; functions escape, so the call_indirect can reach `stored`.
;;
;; update_checks: manual
;;
;; RUN: %wasm-asyncify %s --imports env.sleep --report | %report-fields functions.caller.instrumented 'functions.caller.chain.0.possibleTargets' | FileCheck %s
;; CHECK: functions.caller.instrumented = true
;; CHECK-NEXT: functions.caller.chain.0.possibleTargets = 2
(module
  (type $v (func))
  (import "env" "sleep" (func $sleep))
  (table $t 1 funcref)
  (global $g funcref (ref.func $in_global))
  (elem declare func $stored)
  (func $in_global (type $v) (call $sleep))
  (func $stored (type $v) (call $sleep))
  (func $store (table.set $t (i32.const 0) (ref.func $stored)))
  (func $caller (call_indirect $t (type $v) (i32.const 0)))
)
