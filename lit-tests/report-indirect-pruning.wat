;; An indirect call whose signature no async function has is not unwinding:
;; only the caller of the () -> () table entry that sleeps is instrumented.
;; RUN: %wasm-asyncify %s --imports env.sleep --explain main --explain calls_ii | FileCheck %s
;; CHECK: main is instrumented (1 of its 3 call sites can unwind):
;; CHECK-NEXT:   call #1 of main calls calls_v directly
;; CHECK-NEXT:   call_indirect #1 of calls_v (table 0, type () -> (), 1 possible target, private table) can call cb
;; CHECK-NEXT:   call #1 of cb calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; CHECK-NEXT: calls_ii is not instrumented: no call chain from it reaches an async import.
(module
  (type $v (func))
  (type $ii (func (param i32) (result i32)))
  (import "env" "sleep" (func $sleep (param i32)))
  (import "env" "log" (func $log (param i32)))
  (table 2 funcref)
  (elem (i32.const 0) $cb $pure)
  (func $cb (type $v) (call $sleep (i32.const 1)))
  (func $pure (param i32) (result i32) (local.get 0))
  (func $calls_v (call_indirect (type $v) (i32.const 0)))
  (func $calls_ii (drop (call_indirect (type $ii) (i32.const 1) (i32.const 1))))
  (func $main (export "main") (call $calls_v) (call $calls_ii) (call $log (i32.const 3)))
)
