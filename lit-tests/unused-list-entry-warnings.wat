;; A list entry that matches nothing is a warning, not an error: it names the
;; input file, the list, the entry, up to three close names ("did you mean"),
;; and where the entry came from. Imports are suggested for --imports (as
;; module.base), functions for the other lists. The run still succeeds and
;; its results are unchanged; entries that match something are not reported.
;; RUN: cd %S && %wasm-asyncify unused-list-entry-warnings.wat --imports env.slep,env.log,wasi.* --add pollx --remove Handler --report 2> %t.err | %report-fields summary.instrumented | FileCheck %s --check-prefix=RESULT
;; RESULT: summary.instrumented = 1
;; RUN: cat %t.err | FileCheck %s
;; CHECK: unused-list-entry-warnings.wat: warning: --imports entry `env.slep` matches no import; did you mean `env.sleep`, `env.log` or `env.poll`? [--imports]
;; CHECK-NEXT: unused-list-entry-warnings.wat: warning: --imports entry `wasi.*` matches no import [--imports]
;; CHECK-NEXT: unused-list-entry-warnings.wat: warning: --add entry `pollx` matches no function [--add]
;; CHECK-NEXT: unused-list-entry-warnings.wat: warning: --remove entry `Handler` matches no function; did you mean `handler`? [--remove]
;; RUN: cd %S && %wasm-asyncify unused-list-entry-warnings.wat --only 'handle_*,nothing_*,run' 2>&1 | FileCheck %s --check-prefix=ONLY
;; ONLY: unused-list-entry-warnings.wat: warning: --only entry `nothing_*` matches no function [--only]
;; RUN: cd %S && %wasm-asyncify unused-list-entry-warnings.wat --remove sleep 2>&1 | FileCheck %s --check-prefix=IMPORT
;; IMPORT: unused-list-entry-warnings.wat: warning: --remove entry `sleep` matches no function [--remove]
(module
  (import "env" "sleep" (func $sleep))
  (import "env" "log" (func $log))
  (import "env" "poll" (func $poll))
  (func $handler (call $sleep))
  (func $handle_event (call $poll))
  (func $poll_once (call $poll))
  (func $run (call $handler) (call $log))
)
