;; table.grow writes its init value into the new slots, so a table the module
;; grows is open like one it writes with table.set.
;; RUN: %wasm-asyncify %s --imports env.sleep --report | %report-fields functions.caller.instrumented,reason 'functions.caller.chain.0.table,possibleTargets,calls' | FileCheck %s
;; CHECK: functions.caller.instrumented = true
;; CHECK-NEXT: functions.caller.reason = "calls-async"
;; CHECK-NEXT: functions.caller.chain.0.table = "t"
;; CHECK-NEXT: functions.caller.chain.0.possibleTargets = 1
;; CHECK-NEXT: functions.caller.chain.0.calls = "escaping"
(module
  (type $v (func))
  (import "env" "sleep" (func $sleep))
  (table $t 1 funcref)
  (elem func $escaping)
  (func $escaping (type $v) (call $sleep))
  (func $hidden (type $v) (call $sleep))
  (func $grow (param $f funcref) (drop (table.grow $t (local.get $f) (i32.const 1))))
  (func $caller (call_indirect $t (type $v) (i32.const 0)))
)
