;; --explain with a name that is no function is a usage error (exit code 2)
;; naming the input file, with the closest names as suggestions when there are
;; any; nothing is printed on standard output.
;; RUN: cd %S && %wasm-asyncify explain-unknown-name.wat --explain main_loop > %t.out 2> %t.err; echo "exit=$?" >> %t.err
;; RUN: cat %t.err | FileCheck %s
;; CHECK: explain-unknown-name.wat: error: --explain: no function named `main_loop`; did you mean `main_loop_step`?
;; CHECK-NEXT: exit=2
;; RUN: not test -s %t.out
;; RUN: cd %S && not %wasm-asyncify explain-unknown-name.wat --explain qqqqqqqqqqqq 2>&1 | FileCheck %s --check-prefix=FAR
;; FAR: explain-unknown-name.wat: error: --explain: no function named `qqqqqqqqqqqq`
(module
  (import "env" "sleep" (func $sleep))
  (func $main_loop_step (call $sleep))
  (func $main (call $main_loop_step))
)
