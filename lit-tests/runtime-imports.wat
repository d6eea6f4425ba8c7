;; Code inside the module can drive unwinding through the asyncify.* runtime
;; imports, as with Binaryen. A function that calls asyncify.start_unwind (or
;; asyncify.stop_rewind) is a "runtime-leaf": it unwinds by its own code and is
;; run again from its start on rewind, so it is not instrumented, but its
;; callers are. A function that calls asyncify.stop_unwind (or
;; asyncify.start_rewind) is a "runtime-bottom": the bottom of the stack being
;; unwound, never instrumented, and its callers are not instrumented through
;; it. The runtime imports change the state whatever --imports says.
;; RUN: %wasm-asyncify %s --report | %report-fields 'functions.*.instrumented,reason' summary.asyncImports summary.instrumented | FileCheck %s
;; CHECK: functions.start_unwind.instrumented = false
;; CHECK-NEXT: functions.start_unwind.reason = "runtime-import"
;; CHECK-NEXT: functions.stop_unwind.instrumented = false
;; CHECK-NEXT: functions.stop_unwind.reason = "none"
;; CHECK-NEXT: functions.start_rewind.instrumented = false
;; CHECK-NEXT: functions.start_rewind.reason = "none"
;; CHECK-NEXT: functions.stop_rewind.instrumented = false
;; CHECK-NEXT: functions.stop_rewind.reason = "runtime-import"
;; CHECK-NEXT: functions.yield.instrumented = false
;; CHECK-NEXT: functions.yield.reason = "runtime-leaf"
;; CHECK-NEXT: functions.work.instrumented = true
;; CHECK-NEXT: functions.work.reason = "calls-async"
;; CHECK-NEXT: functions.outer.instrumented = true
;; CHECK-NEXT: functions.outer.reason = "calls-async"
;; CHECK-NEXT: functions.driver.instrumented = false
;; CHECK-NEXT: functions.driver.reason = "runtime-bottom"
;; CHECK-NEXT: functions.resume.instrumented = false
;; CHECK-NEXT: functions.resume.reason = "runtime-leaf"
;; CHECK-NEXT: functions.main.instrumented = false
;; CHECK-NEXT: functions.main.reason = "none"
;; CHECK-NEXT: summary.asyncImports = 0
;; CHECK-NEXT: summary.instrumented = 2
;; RUN: %wasm-asyncify %s --imports env.nothing --report 2>/dev/null | %report-fields 'functions.*.instrumented,reason' summary.asyncImports summary.instrumented | FileCheck %s
;; RUN: %wasm-asyncify %s --explain yield --explain work --explain driver --explain resume | FileCheck %s --check-prefix=EXPLAIN
;; EXPLAIN: yield is not instrumented, but can unwind by itself: it calls the runtime directly and is run again from its start on rewind; its callers are instrumented:
;; EXPLAIN-NEXT:   call #1 of yield calls asyncify.start_unwind directly
;; EXPLAIN-NEXT:   asyncify.start_unwind is an asyncify runtime import that changes the state (its direct callers unwind by their own code and are not instrumented; their callers are)
;; EXPLAIN-NEXT: work is instrumented (1 of its 1 call site can unwind):
;; EXPLAIN-NEXT:   call #1 of work calls yield directly
;; EXPLAIN-NEXT:   call #1 of yield calls asyncify.start_unwind directly
;; EXPLAIN-NEXT:   asyncify.start_unwind is an asyncify runtime import that changes the state (its direct callers unwind by their own code and are not instrumented; their callers are)
;; EXPLAIN-NEXT: driver is not instrumented: it calls asyncify.stop_unwind or asyncify.start_rewind, so it is the bottom of the stack it unwinds.
;; EXPLAIN-NEXT: resume is not instrumented, but can unwind by itself: it calls the runtime directly and is run again from its start on rewind; its callers are instrumented:
;; EXPLAIN-NEXT:   call #1 of resume calls asyncify.stop_rewind directly
;; EXPLAIN-NEXT:   asyncify.stop_rewind is an asyncify runtime import that changes the state (its direct callers unwind by their own code and are not instrumented; their callers are)
;; RUN: %wasm-asyncify %s --report | %report-fields functions.work.chain functions.driver.chain | FileCheck %s --check-prefix=CHAIN
;; CHAIN: functions.work.chain.0.function = "work"
;; CHAIN-NEXT: functions.work.chain.0.callSite = 1
;; CHAIN-NEXT: functions.work.chain.0.kind = "call"
;; CHAIN-NEXT: functions.work.chain.0.calls = "yield"
;; CHAIN-NEXT: functions.work.chain.1.function = "yield"
;; CHAIN-NEXT: functions.work.chain.1.callSite = 1
;; CHAIN-NEXT: functions.work.chain.1.kind = "call"
;; CHAIN-NEXT: functions.work.chain.1.calls = "asyncify.start_unwind"
;; CHAIN-NEXT: functions.work.chain.2.function = "asyncify.start_unwind"
;; CHAIN-NEXT: functions.work.chain.2.reason = "runtime-import"
;; CHAIN-NEXT: functions.driver.chain.0.function = "driver"
;; CHAIN-NEXT: functions.driver.chain.0.reason = "runtime-bottom"
(module
  (import "asyncify" "start_unwind" (func $start_unwind (param i32)))
  (import "asyncify" "stop_unwind" (func $stop_unwind))
  (import "asyncify" "start_rewind" (func $start_rewind (param i32)))
  (import "asyncify" "stop_rewind" (func $stop_rewind))
  (memory 1)
  ;; A coroutine yield: starts the unwind.
  (func $yield (call $start_unwind (i32.const 16)))
  ;; Code that yields, two frames deep.
  (func $work (call $yield))
  (func $outer (call $work))
  ;; The scheduler: runs outer, stops the unwind, rewinds, runs outer again.
  (func $driver
    (call $outer)
    (call $stop_unwind)
    (call $start_rewind (i32.const 16))
    (call $outer))
  ;; Finishes a rewind.
  (func $resume (call $stop_rewind))
  ;; Calls the scheduler: not instrumented, the driver is a barrier.
  (func $main (export "main") (call $driver))
)
