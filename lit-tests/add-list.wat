;; --add instruments a function the analysis would leave alone, without telling
;; its callers (as Binaryen's asyncify-addlist): `extra` is instrumented, its
;; caller `wrapper` is not, and none of extra's call sites can unwind since
;; env.log is not async. With --propagate-add, `extra` counts as able to
;; unwind, so wrapper and main are instrumented too and their chains end at
;; the --add list. Adding a function that is instrumented anyway changes
;; nothing.
;; RUN: %wasm-asyncify %s --imports env.sleep --add extra --report | %report-fields options.add,propagateAdd 'functions.*.instrumented,reason,unwindingCallSites' | FileCheck %s --check-prefix=ADD
;; ADD: options.add.0 = "extra"
;; ADD-NEXT: options.propagateAdd = false
;; ADD-NEXT: functions.sleep.instrumented = false
;; ADD-NEXT: functions.sleep.reason = "async-import"
;; ADD-NEXT: functions.log.instrumented = false
;; ADD-NEXT: functions.log.reason = "none"
;; ADD-NEXT: functions.extra.instrumented = true
;; ADD-NEXT: functions.extra.reason = "add-list"
;; ADD-NEXT: functions.extra.unwindingCallSites = 0
;; ADD-NEXT: functions.wrapper.instrumented = false
;; ADD-NEXT: functions.wrapper.reason = "none"
;; ADD-NEXT: functions.wrapper.unwindingCallSites = 0
;; ADD-NEXT: functions.sleeper.instrumented = true
;; ADD-NEXT: functions.sleeper.reason = "calls-async"
;; ADD-NEXT: functions.sleeper.unwindingCallSites = 1
;; ADD-NEXT: functions.main.instrumented = false
;; ADD-NEXT: functions.main.reason = "none"
;; ADD-NEXT: functions.main.unwindingCallSites = 0
;; RUN: %wasm-asyncify %s --imports env.sleep --add extra --propagate-add --report | %report-fields options.add,propagateAdd 'functions.*.instrumented,reason,unwindingCallSites' | FileCheck %s --check-prefix=PROPAGATE
;; PROPAGATE: options.add.0 = "extra"
;; PROPAGATE-NEXT: options.propagateAdd = true
;; PROPAGATE-NEXT: functions.sleep.instrumented = false
;; PROPAGATE-NEXT: functions.sleep.reason = "async-import"
;; PROPAGATE-NEXT: functions.log.instrumented = false
;; PROPAGATE-NEXT: functions.log.reason = "none"
;; PROPAGATE-NEXT: functions.extra.instrumented = true
;; PROPAGATE-NEXT: functions.extra.reason = "add-list"
;; PROPAGATE-NEXT: functions.extra.unwindingCallSites = 0
;; PROPAGATE-NEXT: functions.wrapper.instrumented = true
;; PROPAGATE-NEXT: functions.wrapper.reason = "calls-async"
;; PROPAGATE-NEXT: functions.wrapper.unwindingCallSites = 1
;; PROPAGATE-NEXT: functions.sleeper.instrumented = true
;; PROPAGATE-NEXT: functions.sleeper.reason = "calls-async"
;; PROPAGATE-NEXT: functions.sleeper.unwindingCallSites = 1
;; PROPAGATE-NEXT: functions.main.instrumented = true
;; PROPAGATE-NEXT: functions.main.reason = "calls-async"
;; PROPAGATE-NEXT: functions.main.unwindingCallSites = 1
;; RUN: %wasm-asyncify %s --imports env.sleep --add extra --propagate-add --explain extra --explain main | FileCheck %s --check-prefix=EXPLAIN
;; EXPLAIN: extra is instrumented (0 of its 1 call site can unwind):
;; EXPLAIN-NEXT:   extra is on the --add list
;; EXPLAIN-NEXT: main is instrumented (1 of its 1 call site can unwind):
;; EXPLAIN-NEXT:   call #1 of main calls wrapper directly
;; EXPLAIN-NEXT:   call #1 of wrapper calls extra directly
;; EXPLAIN-NEXT:   extra is on the --add list
;; RUN: %wasm-asyncify %s --imports env.sleep --add 'ex*,sleeper' --report | %report-fields 'functions.extra,sleeper.reason' | FileCheck %s --check-prefix=WILDCARD
;; WILDCARD: functions.extra.reason = "add-list"
;; WILDCARD-NEXT: functions.sleeper.reason = "calls-async"
(module
  (import "env" "sleep" (func $sleep))
  (import "env" "log" (func $log))
  (func $extra (call $log))
  (func $wrapper (call $extra))
  (func $sleeper (call $sleep))
  (func $main (export "main") (call $wrapper))
)
