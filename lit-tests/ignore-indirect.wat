;; --ignore-indirect: indirect calls are assumed never to unwind, so a
;; function that reaches an async import only through call_indirect is not
;; instrumented, while direct chains still are. As in Binaryen, a function
;; named by --add or --only keeps its indirect calls as unwinding call sites.
;; RUN: %wasm-asyncify %s --imports env.sleep --report | %report-fields 'functions.*.instrumented' | FileCheck %s --check-prefix=DEFAULT
;; DEFAULT: functions.sleep.instrumented = false
;; DEFAULT-NEXT: functions.target.instrumented = true
;; DEFAULT-NEXT: functions.via_indirect.instrumented = true
;; DEFAULT-NEXT: functions.via_direct.instrumented = true
;; DEFAULT-NEXT: functions.main.instrumented = true
;; RUN: %wasm-asyncify %s --imports env.sleep --ignore-indirect --report | %report-fields 'functions.*.instrumented' options.ignoreIndirect summary.unwindingCallSites | FileCheck %s --check-prefix=IGNORED
;; IGNORED: functions.sleep.instrumented = false
;; IGNORED-NEXT: functions.target.instrumented = true
;; IGNORED-NEXT: functions.via_indirect.instrumented = false
;; IGNORED-NEXT: functions.via_direct.instrumented = true
;; IGNORED-NEXT: functions.main.instrumented = true
;; IGNORED-NEXT: options.ignoreIndirect = true
;; IGNORED-NEXT: summary.unwindingCallSites = 3
;; RUN: %wasm-asyncify %s --imports env.sleep --pass-arg=asyncify-ignore-indirect --report | %report-fields 'functions.*.instrumented' options.ignoreIndirect summary.unwindingCallSites | FileCheck %s --check-prefix=IGNORED
;; RUN: %wasm-asyncify %s --imports env.sleep --ignore-indirect --add via_indirect --report | %report-fields 'functions.via_indirect.instrumented,reason,unwindingCallSites' | FileCheck %s --check-prefix=ADDED
;; ADDED: functions.via_indirect.instrumented = true
;; ADDED-NEXT: functions.via_indirect.reason = "add-list"
;; ADDED-NEXT: functions.via_indirect.unwindingCallSites = 1
;; RUN: %wasm-asyncify %s --imports env.sleep --ignore-indirect --only via_indirect --report | %report-fields 'functions.via_indirect.instrumented,reason,unwindingCallSites' | FileCheck %s --check-prefix=ONLY
;; ONLY: functions.via_indirect.instrumented = true
;; ONLY-NEXT: functions.via_indirect.reason = "only-list"
;; ONLY-NEXT: functions.via_indirect.unwindingCallSites = 1
(module
  (type $v (func))
  (import "env" "sleep" (func $sleep))
  (table 1 funcref)
  (elem (i32.const 0) $target)
  (func $target (call $sleep))
  (func $via_indirect (call_indirect (type $v) (i32.const 0)))
  (func $via_direct (call $target))
  (func $main (export "main") (call $via_indirect) (call $via_direct))
)
