;; An `if` choosing between two `ref.func`s in an instrumented function: at
;; -O2 Binaryen's optimizer turns it into a select, which Binaryen 108 types
;; and writes as `(ref func)` (WABT: "expected valid select result type (got
;; -0x15)"). WidenRefs gives the select `funcref` back, so the output is
;; written and validates.
;;
;; update_checks: manual
;;
;; RUN: %wasm-asyncify %s --imports env.sleep -O2 -g -o %t.wasm
;; RUN: wasm-validate %t.wasm
;; RUN: wasm2wat %t.wasm | FileCheck %s
;; CHECK: (func $f
;; CHECK-NOT: (ref
;; CHECK: select (result funcref)
(module
  (import "env" "sleep" (func $sleep (param i32) (result i32)))
  (import "env" "use" (func $use (param funcref i32)))
  (import "env" "pick" (func $pick (result i32)))
  (memory 1)
  (elem declare func $g $h)
  (func $g)
  (func $h)
  (func $f (export "f")
    (drop (call $sleep (i32.const 1)))
    (call $use (if (result funcref) (call $pick) (then (ref.func $g)) (else (ref.func $h)))
               (i32.const 2))))
