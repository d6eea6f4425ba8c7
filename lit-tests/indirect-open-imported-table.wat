;; An imported table is open: the host (or another module) can put any
;; function reference it has into it, so its call_indirect can reach every
;; function of the right type whose reference escapes this module (element
;; segments, ref.func, exports), even with no element segment for the table
;; itself. `hidden` never escapes and is not a target.
;; RUN: %wasm-asyncify %s --imports env.sleep --explain caller | FileCheck %s
;; CHECK: caller is instrumented (1 of its 1 call site can unwind):
;; CHECK-NEXT:   call_indirect #1 of caller (table t, type () -> (), 2 possible targets, open table) can call refd
;; CHECK-NEXT:   call #1 of refd calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; RUN: %wasm-asyncify %s --imports env.sleep --remove refd --explain caller | FileCheck %s --check-prefix=EXPORTED
;; EXPORTED: caller is instrumented (1 of its 1 call site can unwind):
;; EXPORTED-NEXT:   call_indirect #1 of caller (table t, type () -> (), 2 possible targets, open table) can call exported
;; EXPORTED-NEXT:   call #1 of exported calls env.sleep directly
;; EXPORTED-NEXT:   env.sleep is an async import (on the --imports list)
;; RUN: %wasm-asyncify %s --imports env.sleep --remove refd,exported --report | %report-fields functions.caller.instrumented,reason | FileCheck %s --check-prefix=NONE
;; NONE: functions.caller.instrumented = false
;; NONE-NEXT: functions.caller.reason = "none"
(module
  (type $v (func))
  (import "env" "sleep" (func $sleep))
  (import "env" "table" (table $t 1 funcref))
  (elem declare func $refd)
  (func $refd (type $v) (call $sleep))
  (func $exported (export "exported") (type $v) (call $sleep))
  (func $hidden (type $v) (call $sleep))
  (func $take_ref (drop (ref.func $refd)))
  (func $caller (call_indirect $t (type $v) (i32.const 0)))
)
