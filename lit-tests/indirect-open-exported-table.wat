;; An exported table is open: the host can store any function reference it
;; can get into it. Its call_indirect can reach every function of the right
;; type whose reference escapes: those in an element segment (of any table,
;; or passive), those named by ref.func, and exported ones. A function that
;; never escapes (`hidden`) is not a target even though it has the right type
;; and sleeps; a function of another type (`other_sig`) is not either.
;; RUN: %wasm-asyncify %s --imports env.sleep --explain caller | FileCheck %s
;; CHECK: caller is instrumented (1 of its 1 call site can unwind):
;; CHECK-NEXT:   call_indirect #1 of caller (table t, type () -> (), 4 possible targets, open table) can call elem_active
;; CHECK-NEXT:   call #1 of elem_active calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; RUN: %wasm-asyncify %s --imports env.sleep --remove elem_active,elem_passive,refd --explain caller | FileCheck %s --check-prefix=EXPORTED
;; EXPORTED: caller is instrumented (1 of its 1 call site can unwind):
;; EXPORTED-NEXT:   call_indirect #1 of caller (table t, type () -> (), 4 possible targets, open table) can call exported
;; EXPORTED-NEXT:   call #1 of exported calls env.sleep directly
;; EXPORTED-NEXT:   env.sleep is an async import (on the --imports list)
;; RUN: %wasm-asyncify %s --imports env.sleep --remove elem_active,elem_passive,refd,exported --report | %report-fields functions.caller.instrumented,reason | FileCheck %s --check-prefix=NONE
;; NONE: functions.caller.instrumented = false
;; NONE-NEXT: functions.caller.reason = "none"
;; RUN: %wasm-asyncify %s --imports env.sleep --report | %report-fields 'functions.caller.chain.0' | FileCheck %s --check-prefix=FIELDS
;; FIELDS: functions.caller.chain.0.function = "caller"
;; FIELDS-NEXT: functions.caller.chain.0.callSite = 1
;; FIELDS-NEXT: functions.caller.chain.0.kind = "call_indirect"
;; FIELDS-NEXT: functions.caller.chain.0.table = "t"
;; FIELDS-NEXT: functions.caller.chain.0.type = "() -> ()"
;; FIELDS-NEXT: functions.caller.chain.0.possibleTargets = 4
;; FIELDS-NEXT: functions.caller.chain.0.calls = "elem_active"
(module
  (type $v (func))
  (import "env" "sleep" (func $sleep))
  (table $t (export "table") 1 funcref)
  (elem (table $t) (i32.const 0) func $elem_active)
  (elem func $elem_passive)
  (elem declare func $refd)
  (func $elem_active (type $v) (call $sleep))
  (func $elem_passive (type $v) (call $sleep))
  (func $refd (type $v) (call $sleep))
  (func $exported (export "exported") (type $v) (call $sleep))
  (func $hidden (type $v) (call $sleep))
  (func $other_sig (export "other_sig") (param i32) (call $sleep))
  (func $take_ref (drop (ref.func $refd)))
  (func $caller (call_indirect $t (type $v) (i32.const 0)))
)
