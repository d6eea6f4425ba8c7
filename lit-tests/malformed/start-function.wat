;; A start function that can reach an async import is rewritten like any
;; other function (main shares $work with it), with a warning: while the
;; start function runs the instance does not exist for the host, so the
;; imports it calls must return without suspending.
;; (test/e2e/wat/start_function runs such a module.)
;; RUN: %wasm-asyncify %s --imports env.sleep -o %t.out.wasm 2>&1 | FileCheck %s
;; CHECK: start-function.wat: warning: the start function `init` can reach an async import; during instantiation the host cannot reach the asyncify exports, so the imports it calls must return without suspending (see --explain init)
;; RUN: wasm-validate %t.out.wasm
;; A start function that cannot reach one gets no warning.
;; RUN: %wasm-asyncify %s --imports env.other -o %t.quiet.wasm 2>&1 | count 0
(module
  (import "env" "sleep" (func $sleep))
  (import "env" "other" (func $other))
  (memory 1)
  (func $work (call $sleep))
  (func $init (call $work))
  (start $init)
  (func (export "main") (call $work) (call $other)))
