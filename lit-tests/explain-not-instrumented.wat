;; --explain on a function that is not instrumented because nothing it calls,
;; directly or through a table, can reach an async import. Several --explain
;; options print their explanations in the order given.
;; RUN: %wasm-asyncify %s --imports env.sleep --explain pure --explain uses_log --explain calls_pure | FileCheck %s
;; CHECK: pure is not instrumented: no call chain from it reaches an async import.
;; CHECK-NEXT: uses_log is not instrumented: no call chain from it reaches an async import.
;; CHECK-NEXT: calls_pure is not instrumented: no call chain from it reaches an async import.
(module
  (import "env" "sleep" (func $sleep))
  (import "env" "log" (func $log))
  (func $pure)
  (func $uses_log (call $log))
  (func $calls_pure (call $pure) (call $uses_log))
  (func $sleeper (call $sleep))
)
