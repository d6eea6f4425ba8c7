;; Table membership: a private table (defined here, not exported, never
;; written at run time) holds only what its active element segments put
;; there. `outside` has the right type and sleeps but is in no table, so the
;; call_indirect on $t cannot reach it; `in_u` sleeps but is in the other
;; table, so only the call_indirect on $u can reach it.
;; RUN: %wasm-asyncify %s --imports env.sleep --explain call_t --explain call_u | FileCheck %s
;; CHECK: call_t is not instrumented: no call chain from it reaches an async import.
;; CHECK-NEXT: call_u is instrumented (1 of its 1 call site can unwind):
;; CHECK-NEXT:   call_indirect #1 of call_u (table u, type () -> (), 2 possible targets, private table) can call in_u
;; CHECK-NEXT:   call #1 of in_u calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; RUN: %wasm-asyncify %s --imports env.sleep --report | %report-fields 'functions.call_*.instrumented' 'functions.call_u.chain.0' | FileCheck %s --check-prefix=FIELDS
;; FIELDS: functions.call_t.instrumented = false
;; FIELDS-NEXT: functions.call_u.instrumented = true
;; FIELDS-NEXT: functions.call_u.chain.0.function = "call_u"
;; FIELDS-NEXT: functions.call_u.chain.0.callSite = 1
;; FIELDS-NEXT: functions.call_u.chain.0.kind = "call_indirect"
;; FIELDS-NEXT: functions.call_u.chain.0.table = "u"
;; FIELDS-NEXT: functions.call_u.chain.0.type = "() -> ()"
;; FIELDS-NEXT: functions.call_u.chain.0.possibleTargets = 2
;; FIELDS-NEXT: functions.call_u.chain.0.calls = "in_u"
(module
  (type $v (func))
  (import "env" "sleep" (func $sleep))
  (table $t 2 funcref)
  (table $u 2 funcref)
  (elem (table $t) (i32.const 0) func $pure_a $pure_b)
  (elem (table $u) (i32.const 0) func $in_u $pure_a)
  (func $pure_a (type $v))
  (func $pure_b (type $v))
  (func $in_u (type $v) (call $sleep))
  (func $outside (type $v) (call $sleep))
  (func $call_t (call_indirect $t (type $v) (i32.const 0)))
  (func $call_u (call_indirect $u (type $v) (i32.const 1)))
)
