;; --remove says a function never unwinds: it is not instrumented even though
;; it reaches an async import, and it is a barrier: its callers are not
;; instrumented through it (Binaryen's asyncify-removelist). Functions below it
;; are still instrumented, and a caller with another path to the import is
;; still instrumented through that path.
;; RUN: %wasm-asyncify %s --imports env.sleep --remove mid --report | %report-fields 'functions.*.instrumented,reason,unwindingCallSites' options.remove | FileCheck %s
;; CHECK: functions.sleep.instrumented = false
;; CHECK-NEXT: functions.sleep.reason = "async-import"
;; CHECK-NEXT: functions.leaf.instrumented = true
;; CHECK-NEXT: functions.leaf.reason = "calls-async"
;; CHECK-NEXT: functions.leaf.unwindingCallSites = 1
;; CHECK-NEXT: functions.mid.instrumented = false
;; CHECK-NEXT: functions.mid.reason = "removed"
;; CHECK-NEXT: functions.mid.unwindingCallSites = 0
;; CHECK-NEXT: functions.top.instrumented = false
;; CHECK-NEXT: functions.top.reason = "none"
;; CHECK-NEXT: functions.top.unwindingCallSites = 0
;; CHECK-NEXT: functions.both.instrumented = true
;; CHECK-NEXT: functions.both.reason = "calls-async"
;; CHECK-NEXT: functions.both.unwindingCallSites = 1
;; CHECK-NEXT: options.remove.0 = "mid"
;; RUN: %wasm-asyncify %s --imports env.sleep --remove mid --explain mid --explain both | FileCheck %s --check-prefix=EXPLAIN
;; EXPLAIN: mid is not instrumented: it is on the --remove list, although it can reach an async import:
;; EXPLAIN-NEXT:   call #1 of mid calls leaf directly
;; EXPLAIN-NEXT:   call #1 of leaf calls env.sleep directly
;; EXPLAIN-NEXT:   env.sleep is an async import (on the --imports list)
;; EXPLAIN-NEXT: both is instrumented (1 of its 2 call sites can unwind):
;; EXPLAIN-NEXT:   call #2 of both calls leaf directly
;; EXPLAIN-NEXT:   call #1 of leaf calls env.sleep directly
;; EXPLAIN-NEXT:   env.sleep is an async import (on the --imports list)
;; RUN: %wasm-asyncify %s --imports env.sleep --remove 'm*' --report | %report-fields 'functions.mid.reason' | FileCheck %s --check-prefix=WILDCARD
;; WILDCARD: functions.mid.reason = "removed"
(module
  (import "env" "sleep" (func $sleep))
  (func $leaf (call $sleep))
  (func $mid (call $leaf))
  (func $top (call $mid))
  (func $both (call $mid) (call $leaf))
)
