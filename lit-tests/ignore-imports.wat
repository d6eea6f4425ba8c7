;; --ignore-imports: no import unwinds, so nothing is instrumented because of
;; an import; the asyncify.* runtime imports still change the state, so the
;; callers of a function that calls asyncify.start_unwind are still
;; instrumented.
;; RUN: %wasm-asyncify %s --ignore-imports --report | %report-fields 'functions.*.instrumented,reason' options.ignoreImports summary.asyncImports | FileCheck %s
;; CHECK: functions.sleep.instrumented = false
;; CHECK-NEXT: functions.sleep.reason = "none"
;; CHECK-NEXT: functions.start_unwind.instrumented = false
;; CHECK-NEXT: functions.start_unwind.reason = "runtime-import"
;; CHECK-NEXT: functions.sleeper.instrumented = false
;; CHECK-NEXT: functions.sleeper.reason = "none"
;; CHECK-NEXT: functions.yield.instrumented = false
;; CHECK-NEXT: functions.yield.reason = "runtime-leaf"
;; CHECK-NEXT: functions.coroutine.instrumented = true
;; CHECK-NEXT: functions.coroutine.reason = "calls-async"
;; CHECK-NEXT: options.ignoreImports = true
;; CHECK-NEXT: summary.asyncImports = 0
;; RUN: %wasm-asyncify %s --pass-arg=asyncify-ignore-imports --report | %report-fields 'functions.*.instrumented,reason' options.ignoreImports summary.asyncImports | FileCheck %s
;; RUN: %wasm-asyncify %s --ignore-imports --explain env.sleep | FileCheck %s --check-prefix=EXPLAIN
;; EXPLAIN: env.sleep (import) is not async: calls to it are assumed to return normally.
(module
  (import "env" "sleep" (func $sleep))
  (import "asyncify" "start_unwind" (func $start_unwind (param i32)))
  (memory 1)
  (func $sleeper (call $sleep))
  (func $yield (call $start_unwind (i32.const 16)))
  (func $coroutine (call $yield))
)
