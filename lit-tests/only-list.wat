;; --only replaces the analysis: exactly the listed functions are instrumented
;; (Binaryen's asyncify-onlylist), whatever they call. Inside them, only calls
;; to async imports and to other listed functions can unwind: `mid` calls
;; `leaf`, which is not listed, so that call is assumed to return normally.
;; RUN: %wasm-asyncify %s --imports env.sleep --only mid,top,pure --report | %report-fields 'functions.*.instrumented,reason,unwindingCallSites' summary.instrumented | FileCheck %s
;; CHECK: functions.sleep.instrumented = false
;; CHECK-NEXT: functions.sleep.reason = "async-import"
;; CHECK-NEXT: functions.leaf.instrumented = false
;; CHECK-NEXT: functions.leaf.reason = "none"
;; CHECK-NEXT: functions.leaf.unwindingCallSites = 0
;; CHECK-NEXT: functions.mid.instrumented = true
;; CHECK-NEXT: functions.mid.reason = "only-list"
;; CHECK-NEXT: functions.mid.unwindingCallSites = 0
;; CHECK-NEXT: functions.top.instrumented = true
;; CHECK-NEXT: functions.top.reason = "only-list"
;; CHECK-NEXT: functions.top.unwindingCallSites = 1
;; CHECK-NEXT: functions.pure.instrumented = true
;; CHECK-NEXT: functions.pure.reason = "only-list"
;; CHECK-NEXT: functions.pure.unwindingCallSites = 0
;; CHECK-NEXT: summary.instrumented = 3
;; RUN: %wasm-asyncify %s --imports env.sleep --only mid,top,pure --explain top | FileCheck %s --check-prefix=EXPLAIN
;; EXPLAIN: top is instrumented (1 of its 1 call site can unwind):
;; EXPLAIN-NEXT:   top is on the --only list
(module
  (import "env" "sleep" (func $sleep))
  (func $leaf (call $sleep))
  (func $mid (call $leaf))
  (func $top (call $mid))
  (func $pure)
)
