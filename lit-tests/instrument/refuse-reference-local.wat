;; A reference value live across a call that can unwind cannot be saved to
;; linear memory: refused, naming the function and the local.
;; RUN: not %wasm-asyncify %s --imports env.sleep -o %t.wasm 2>&1 | FileCheck %s
;; RUN: test ! -e %t.wasm
;; CHECK: {{.*}}/refuse-reference-local.wat: error: local 1 of type externref is live across a call that can unwind; reference values cannot be saved to linear memory [function f]
(module
  (import "env" "sleep" (func $sleep (param i32) (result i32)))
  (memory 1)
  (func $f (export "f") (param $r externref) (result externref)
    (local $keep externref)
    (local.set $keep (local.get $r))
    (drop (call $sleep (i32.const 1)))
    (local.get $keep)))
