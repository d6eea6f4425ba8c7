;; Direct calls: every function on a chain of direct calls that ends in an
;; async import is instrumented, each call on the chain can unwind, and a
;; function whose calls reach only synchronous imports is left alone. The chain
;; printed is the shortest one (c reaches env.sleep through b and a, but its
;; own second call is to env.sleep directly).
;; RUN: %wasm-asyncify %s --imports env.sleep --explain top --explain c --explain sync | FileCheck %s
;; CHECK: top is instrumented (1 of its 3 call sites can unwind):
;; CHECK-NEXT:   call #2 of top calls c directly
;; CHECK-NEXT:   call #2 of c calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; CHECK-NEXT: c is instrumented (2 of its 2 call sites can unwind):
;; CHECK-NEXT:   call #2 of c calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; CHECK-NEXT: sync is not instrumented: no call chain from it reaches an async import.
;; RUN: %wasm-asyncify %s --imports env.sleep --report | %report-fields 'functions.*.instrumented,unwindingCallSites' summary.instrumented summary.unwindingCallSites | FileCheck %s --check-prefix=FIELDS
;; FIELDS: functions.sleep.instrumented = false
;; FIELDS-NEXT: functions.log.instrumented = false
;; FIELDS-NEXT: functions.a.instrumented = true
;; FIELDS-NEXT: functions.a.unwindingCallSites = 1
;; FIELDS-NEXT: functions.b.instrumented = true
;; FIELDS-NEXT: functions.b.unwindingCallSites = 1
;; FIELDS-NEXT: functions.c.instrumented = true
;; FIELDS-NEXT: functions.c.unwindingCallSites = 2
;; FIELDS-NEXT: functions.sync.instrumented = false
;; FIELDS-NEXT: functions.sync.unwindingCallSites = 0
;; FIELDS-NEXT: functions.top.instrumented = true
;; FIELDS-NEXT: functions.top.unwindingCallSites = 1
;; FIELDS-NEXT: summary.instrumented = 4
;; FIELDS-NEXT: summary.unwindingCallSites = 5
(module
  (import "env" "sleep" (func $sleep))
  (import "env" "log" (func $log (param i32)))
  (func $a (call $log (i32.const 1)) (call $sleep))
  (func $b (call $a))
  (func $c (call $b) (call $sleep))
  (func $sync (call $log (i32.const 2)))
  (func $top (export "top") (call $sync) (call $c) (call $log (i32.const 3)))
)
