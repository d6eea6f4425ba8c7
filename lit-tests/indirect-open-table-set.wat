;; A table that the module writes at run time (table.set, table.grow) is open
;; even though it is neither imported nor exported: the value written can be
;; any escaping function reference. Here $t's only element segment holds
;; `pure`, but `escaping` (in a passive segment) and `exported` can be stored
;; into it, so its call_indirect can reach them; `hidden` never escapes. $u,
;; which is never written, stays private: its call_indirect reaches only its
;; segment's `pure`.
;; RUN: %wasm-asyncify %s --imports env.sleep --explain call_t --explain call_u | FileCheck %s
;; CHECK: call_t is instrumented (1 of its 1 call site can unwind):
;; CHECK-NEXT:   call_indirect #1 of call_t (table t, type () -> (), 3 possible targets, open table) can call escaping
;; CHECK-NEXT:   call #1 of escaping calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; CHECK-NEXT: call_u is not instrumented: no call chain from it reaches an async import.
;; RUN: %wasm-asyncify %s --imports env.sleep --remove escaping,exported --report | %report-fields functions.call_t.instrumented,reason | FileCheck %s --check-prefix=NONE
;; NONE: functions.call_t.instrumented = false
;; NONE-NEXT: functions.call_t.reason = "none"
;; RUN: %wasm-asyncify %s --imports env.sleep --report | %report-fields 'functions.call_*.chain.0.possibleTargets' | FileCheck %s --check-prefix=FIELDS
;; FIELDS: functions.call_t.chain.0.possibleTargets = 3
(module
  (type $v (func))
  (import "env" "sleep" (func $sleep))
  (table $t 1 funcref)
  (table $u 1 funcref)
  (elem (table $t) (i32.const 0) func $pure)
  (elem (table $u) (i32.const 0) func $pure)
  (elem func $escaping)
  (func $pure (type $v))
  (func $escaping (type $v) (call $sleep))
  (func $exported (export "exported") (type $v) (call $sleep))
  (func $hidden (type $v) (call $sleep))
  (func $store (param $f funcref) (table.set $t (i32.const 0) (local.get $f)))
  (func $call_t (call_indirect $t (type $v) (i32.const 0)))
  (func $call_u (call_indirect $u (type $v) (i32.const 0)))
)
