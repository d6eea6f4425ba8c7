;; Recursion: the analysis terminates on self-recursive and mutually recursive
;; functions, marks a whole cycle when one member reaches an async import, and
;; leaves cycles that never reach one alone. The recursive call sites of an
;; instrumented function can unwind too.
;; RUN: %wasm-asyncify %s --imports env.sleep --explain self --explain even --explain odd --explain spin --explain ping | FileCheck %s
;; CHECK: self is instrumented (2 of its 2 call sites can unwind):
;; CHECK-NEXT:   call #2 of self calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; CHECK-NEXT: even is instrumented (1 of its 1 call site can unwind):
;; CHECK-NEXT:   call #1 of even calls odd directly
;; CHECK-NEXT:   call #2 of odd calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; CHECK-NEXT: odd is instrumented (2 of its 2 call sites can unwind):
;; CHECK-NEXT:   call #2 of odd calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; CHECK-NEXT: spin is not instrumented: no call chain from it reaches an async import.
;; CHECK-NEXT: ping is not instrumented: no call chain from it reaches an async import.
;; RUN: %wasm-asyncify %s --imports env.sleep --report | %report-fields 'functions.*.instrumented,unwindingCallSites' | FileCheck %s --check-prefix=FIELDS
;; FIELDS: functions.sleep.instrumented = false
;; FIELDS-NEXT: functions.self.instrumented = true
;; FIELDS-NEXT: functions.self.unwindingCallSites = 2
;; FIELDS-NEXT: functions.even.instrumented = true
;; FIELDS-NEXT: functions.even.unwindingCallSites = 1
;; FIELDS-NEXT: functions.odd.instrumented = true
;; FIELDS-NEXT: functions.odd.unwindingCallSites = 2
;; FIELDS-NEXT: functions.spin.instrumented = false
;; FIELDS-NEXT: functions.spin.unwindingCallSites = 0
;; FIELDS-NEXT: functions.ping.instrumented = false
;; FIELDS-NEXT: functions.ping.unwindingCallSites = 0
;; FIELDS-NEXT: functions.pong.instrumented = false
;; FIELDS-NEXT: functions.pong.unwindingCallSites = 0
(module
  (import "env" "sleep" (func $sleep))
  ;; Self recursion, then the import.
  (func $self (param i32)
    (if (local.get 0) (then (call $self (i32.sub (local.get 0) (i32.const 1)))))
    (call $sleep))
  ;; Mutual recursion: only odd calls the import; even reaches it through odd.
  (func $even (param i32)
    (if (local.get 0) (then (call $odd (i32.sub (local.get 0) (i32.const 1))))))
  (func $odd (param i32)
    (if (local.get 0) (then (call $even (i32.sub (local.get 0) (i32.const 1)))))
    (call $sleep))
  ;; Cycles that never reach an async import.
  (func $spin (call $spin))
  (func $ping (call $pong))
  (func $pong (call $ping))
)
