;; --explain on a function on the --remove list that could unwind: it says so,
;; and prints the chain to the async import that was ignored.
;; RUN: %wasm-asyncify %s --imports env.sleep --remove wrapper --explain wrapper | FileCheck %s
;; CHECK: wrapper is not instrumented: it is on the --remove list, although it can reach an async import:
;; CHECK-NEXT:   call #1 of wrapper calls sleeper directly
;; CHECK-NEXT:   call #1 of sleeper calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; RUN: %wasm-asyncify %s --imports env.sleep --remove wrapper --report | %report-fields functions.wrapper | FileCheck %s --check-prefix=FIELDS
;; FIELDS: functions.wrapper.index = 2
;; FIELDS-NEXT: functions.wrapper.name = "wrapper"
;; FIELDS-NEXT: functions.wrapper.instrumented = false
;; FIELDS-NEXT: functions.wrapper.mayUnwind = false
;; FIELDS-NEXT: functions.wrapper.reason = "removed"
;; FIELDS-NEXT: functions.wrapper.callSites = 1
;; FIELDS-NEXT: functions.wrapper.unwindingCallSites = 0
;; FIELDS-NEXT: functions.wrapper.chain.0.function = "wrapper"
;; FIELDS-NEXT: functions.wrapper.chain.0.callSite = 1
;; FIELDS-NEXT: functions.wrapper.chain.0.kind = "call"
;; FIELDS-NEXT: functions.wrapper.chain.0.calls = "sleeper"
;; FIELDS-NEXT: functions.wrapper.chain.1.function = "sleeper"
;; FIELDS-NEXT: functions.wrapper.chain.1.callSite = 1
;; FIELDS-NEXT: functions.wrapper.chain.1.kind = "call"
;; FIELDS-NEXT: functions.wrapper.chain.1.calls = "env.sleep"
;; FIELDS-NEXT: functions.wrapper.chain.2.function = "env.sleep"
;; FIELDS-NEXT: functions.wrapper.chain.2.reason = "async-import"
(module
  (import "env" "sleep" (func $sleep))
  (func $sleeper (call $sleep))
  (func $wrapper (call $sleeper))
)
