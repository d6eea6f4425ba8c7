;; --jobs only changes how many threads rewrite, optimize and check the
;; functions: the output, the warnings and the report's decisions are the same
;; for every count, with assertions (their helper types are gathered from
;; every function) and with the optimizer on.
;; RUN: %wasm-asyncify %s --imports env.sleep --asserts -O2 -j 1 -o %t.1.wasm 2> %t.1.err
;; RUN: %wasm-asyncify %s --imports env.sleep --asserts -O2 -j 2 -o %t.2.wasm 2> %t.2.err
;; RUN: %wasm-asyncify %s --imports env.sleep --asserts -O2 -j 7 -o %t.7.wasm 2> %t.7.err
;; RUN: cmp %t.1.wasm %t.2.wasm
;; RUN: cmp %t.1.wasm %t.7.wasm
;; RUN: diff %t.1.err %t.2.err
;; RUN: diff %t.1.err %t.7.err
;; RUN: env WASM_ASYNCIFY_JOBS=3 %wasm-asyncify %s --imports env.sleep --asserts -O2 -o %t.env.wasm
;; RUN: cmp %t.1.wasm %t.env.wasm
;; RUN: not %wasm-asyncify %s --imports env.sleep -j 0 -o %t.0.wasm 2>&1 | FileCheck %s --check-prefix=ZERO
;; ZERO: error: --jobs: Value 0 not in range 1 to 256
;; update_checks: manual
(module
  (import "env" "sleep" (func $sleep))
  (import "env" "get" (func $get (result i32)))
  (import "env" "getf" (func $getf (result f64)))
  (import "env" "getl" (func $getl (result i64)))
  (memory 1)
  (func $a (param $x i32) (result i32)
    (local $y i32)
    (local.set $y (i32.add (local.get $x) (call $get)))
    (call $sleep)
    (i32.add (local.get $y) (local.get $x)))
  (func $b (param $x i32) (result i32)
    (loop $l
      (local.set $x (call $a (local.get $x)))
      (br_if $l (i32.lt_u (local.get $x) (i32.const 100))))
    (local.get $x))
  (func $c (result f64)
    (local $d f64)
    (local.set $d (call $getf))
    (drop (call $b (i32.const 3)))
    (f64.add (local.get $d) (call $getf)))
  (func $d (result i64)
    (local $l i64)
    (local.set $l (call $getl))
    (if (i64.eqz (local.get $l)) (then (call $sleep)))
    (local.get $l))
  (func $e (result i32)
    (drop (call $c))
    (drop (call $d))
    (call $b (call $get)))
  (func $f (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then (call $e))
      (else (call $a (i32.const 1)))))
  (func $g (export "g") (result i32)
    (call $f (call $get)))
  (func $h (export "h") (result f64)
    (f64.add (call $c) (call $getf)))
)
