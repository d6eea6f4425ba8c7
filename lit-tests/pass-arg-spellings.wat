;; Binaryen's spellings: --pass-arg=KEY@VALUE with the keys of wasm-opt's
;; asyncify pass. asyncify-imports@LIST is --imports LIST (comma list, inline
;; JSON); a VALUE starting with `@` is a response file, so @@FILE reads FILE;
;; asyncify-removelist / addlist / onlylist are --remove / --add / --only;
;; a flag key alone (no @VALUE) turns the flag on.
;; RUN: %wasm-asyncify %s --pass-arg=asyncify-imports@env.sleep,env.log --report | %report-fields options.imports 'functions.*.instrumented' | FileCheck %s --check-prefix=IMPORTS
;; IMPORTS: options.imports.0 = "env.sleep"
;; IMPORTS-NEXT: options.imports.1 = "env.log"
;; IMPORTS-NEXT: functions.sleep.instrumented = false
;; IMPORTS-NEXT: functions.log.instrumented = false
;; IMPORTS-NEXT: functions.leaf.instrumented = true
;; IMPORTS-NEXT: functions.mid.instrumented = true
;; IMPORTS-NEXT: functions.quiet.instrumented = false
;; IMPORTS-NEXT: functions.quiet_caller.instrumented = false
;; IMPORTS-NEXT: functions.logger.instrumented = true
;; IMPORTS-NEXT: functions.main.instrumented = true
;; RUN: %wasm-asyncify %s --imports env.sleep,env.log --report | %report-fields options.imports 'functions.*.instrumented' | FileCheck %s --check-prefix=IMPORTS
;; RUN: %wasm-asyncify %s --pass-arg='asyncify-imports@["env.sleep","env.log"]' --report | %report-fields options.imports 'functions.*.instrumented' | FileCheck %s --check-prefix=IMPORTS
;; RUN: %wasm-asyncify %s --pass-arg=asyncify-imports@@%S/Inputs/imports-log.txt --report | %report-fields options.imports 'functions.*.instrumented' | FileCheck %s --check-prefix=FILE
;; FILE: options.imports.0 = "env.log"
;; FILE-NEXT: functions.sleep.instrumented = false
;; FILE-NEXT: functions.log.instrumented = false
;; FILE-NEXT: functions.leaf.instrumented = false
;; FILE-NEXT: functions.mid.instrumented = false
;; FILE-NEXT: functions.quiet.instrumented = false
;; FILE-NEXT: functions.quiet_caller.instrumented = false
;; FILE-NEXT: functions.logger.instrumented = true
;; FILE-NEXT: functions.main.instrumented = true
;; RUN: %wasm-asyncify %s --pass-arg=asyncify-imports@env.sleep --pass-arg=asyncify-removelist@@%S/Inputs/remove-mid.txt --report | %report-fields options.remove 'functions.*.instrumented' | FileCheck %s --check-prefix=REMOVE
;; REMOVE: options.remove.0 = "mid"
;; REMOVE-NEXT: functions.sleep.instrumented = false
;; REMOVE-NEXT: functions.log.instrumented = false
;; REMOVE-NEXT: functions.leaf.instrumented = true
;; REMOVE-NEXT: functions.mid.instrumented = false
;; REMOVE-NEXT: functions.quiet.instrumented = false
;; REMOVE-NEXT: functions.quiet_caller.instrumented = false
;; REMOVE-NEXT: functions.logger.instrumented = false
;; REMOVE-NEXT: functions.main.instrumented = false
;; RUN: %wasm-asyncify %s --pass-arg=asyncify-imports@env.sleep --pass-arg=asyncify-addlist@quiet --pass-arg=asyncify-propagate-addlist --report | %report-fields options.add,propagateAdd 'functions.*.instrumented' | FileCheck %s --check-prefix=ADD
;; ADD: options.add.0 = "quiet"
;; ADD-NEXT: options.propagateAdd = true
;; ADD-NEXT: functions.sleep.instrumented = false
;; ADD-NEXT: functions.log.instrumented = false
;; ADD-NEXT: functions.leaf.instrumented = true
;; ADD-NEXT: functions.mid.instrumented = true
;; ADD-NEXT: functions.quiet.instrumented = true
;; ADD-NEXT: functions.quiet_caller.instrumented = true
;; ADD-NEXT: functions.logger.instrumented = false
;; ADD-NEXT: functions.main.instrumented = true
;; RUN: %wasm-asyncify %s --pass-arg=asyncify-imports@env.sleep --pass-arg=asyncify-onlylist@leaf,quiet --report | %report-fields options.only 'functions.*.instrumented' | FileCheck %s --check-prefix=ONLY
;; ONLY: options.only.0 = "leaf"
;; ONLY-NEXT: options.only.1 = "quiet"
;; ONLY-NEXT: functions.sleep.instrumented = false
;; ONLY-NEXT: functions.log.instrumented = false
;; ONLY-NEXT: functions.leaf.instrumented = true
;; ONLY-NEXT: functions.mid.instrumented = false
;; ONLY-NEXT: functions.quiet.instrumented = true
;; ONLY-NEXT: functions.quiet_caller.instrumented = false
;; ONLY-NEXT: functions.logger.instrumented = false
;; ONLY-NEXT: functions.main.instrumented = false
(module
  (import "env" "sleep" (func $sleep))
  (import "env" "log" (func $log))
  (func $leaf (call $sleep))
  (func $mid (call $leaf))
  (func $quiet)
  (func $quiet_caller (call $quiet))
  (func $logger (call $log))
  (func $main (export "main") (call $mid) (call $quiet) (call $logger))
)
