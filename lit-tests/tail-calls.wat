;; Tail calls are call edges like any other: return_call to a function that
;; sleeps, and return_call_indirect through a table whose entry sleeps, make
;; their caller instrumented, and the chain names them as tail calls. (WABT
;; reads tail calls; Binaryen's own asyncify refuses any module with them.)
;; RUN: %wasm-asyncify %s --imports env.sleep --explain tail --explain tail_indirect --explain main | FileCheck %s
;; CHECK: tail is instrumented (1 of its 1 call site can unwind):
;; CHECK-NEXT:   return_call #1 of tail calls target directly
;; CHECK-NEXT:   call #1 of target calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; CHECK-NEXT: tail_indirect is instrumented (1 of its 1 call site can unwind):
;; CHECK-NEXT:   return_call_indirect #1 of tail_indirect (table 0, type () -> (), 1 possible target, private table) can call target
;; CHECK-NEXT:   call #1 of target calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; CHECK-NEXT: main is instrumented (2 of its 3 call sites can unwind):
;; CHECK-NEXT:   call #1 of main calls tail directly
;; CHECK-NEXT:   return_call #1 of tail calls target directly
;; CHECK-NEXT:   call #1 of target calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; RUN: %wasm-asyncify %s --imports env.sleep --report | %report-fields summary.features 'functions.tail*.instrumented' 'functions.tail*.chain.0.kind' | FileCheck %s --check-prefix=FIELDS
;; FIELDS: summary.features.0 = "tail-call"
;; FIELDS-NEXT: functions.tail.instrumented = true
;; FIELDS-NEXT: functions.tail_indirect.instrumented = true
;; FIELDS-NEXT: functions.tail_pure.instrumented = false
;; FIELDS-NEXT: functions.tail.chain.0.kind = "return_call"
;; FIELDS-NEXT: functions.tail_indirect.chain.0.kind = "return_call_indirect"
(module
  (type $v (func))
  (import "env" "sleep" (func $sleep))
  (table 1 funcref)
  (elem (i32.const 0) $target)
  (func $target (call $sleep))
  (func $pure)
  (func $tail (return_call $target))
  (func $tail_indirect (return_call_indirect (type $v) (i32.const 0)))
  (func $tail_pure (return_call $pure))
  (func $main (export "main") (call $tail) (call $tail_indirect) (call $tail_pure))
)
