;; A function instrumented by --only returns a tuple of `ref.func`s. Binaryen
;; 108 types each `ref.func` as a typed reference and, after -O1, the body's
;; block gets that tuple type, which it would write to the type section
;; (WABT: "expected valid result type (got -0x15)"). WidenRefs gives the
;; tuple `funcref`s back, so the output is written and validates. Found by
;; the differential fuzzer (seed 663, variant only+).
;;
;; update_checks: manual
;;
;; RUN: %wasm-asyncify %s -O1 --only pair,b -o %t.wasm
;; RUN: wasm-validate %t.wasm
;; RUN: wasm2wat %t.wasm | FileCheck %s
;; CHECK: (type (;[[T:[0-9]+]];) (func (result funcref funcref i32)))
;; CHECK-NOT: (ref
;; CHECK: (func {{.*}}(type [[T]]) (result funcref funcref i32)
;; RUN: %wasm-asyncify %s -O1 --only pair,b --report | %report-fields functions.pair.instrumented | FileCheck %s --check-prefix=REPORT
;; REPORT: functions.pair.instrumented = true
(module
  (import "env" "sleep" (func $sleep))
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (elem declare func $pair $b)
  (func $pair (export "pair") (result funcref funcref i32)
    (if (global.get $g)
      (then (return (ref.func $b) (ref.func $pair) (i32.const 2))))
    (global.set $g (i32.const 1))
    (ref.func $pair) (ref.func $b) (i32.const 1))
  (func $b (export "b") (call $sleep)))
