;; Only the statements that hold a call that can unwind change (passes/Spill.cpp):
;; operands evaluated before a call move into locals in evaluation order, a
;; call's result goes to a local, and a block, loop or if that yields a value
;; and holds a call gives it through a local (branches carrying values to it
;; included). Each export gives the same result rewritten, unwinding at every
;; call, as the unrewritten module; env.sleep's results depend on the order
;; of the calls. A br_table carrying a value out of such a block is left to
;; Binaryen's flatten, and the report says so.
;; RUN: wat2wasm --debug-names %s -o %t.orig.wasm
;; RUN: %wasm-asyncify %t.orig.wasm --imports env.sleep -o %t.wasm --report=%t.json
;; RUN: %report-fields 'functions.*.flattened' < %t.json | FileCheck %s --check-prefix=SHAPE
;; SHAPE: functions.bump.flattened = false
;; SHAPE-NEXT: functions.operands.flattened = false
;; SHAPE-NEXT: functions.tee_order.flattened = false
;; SHAPE-NEXT: functions.accumulate.flattened = false
;; SHAPE-NEXT: functions.two_calls.flattened = false
;; SHAPE-NEXT: functions.value_block.flattened = false
;; SHAPE-NEXT: functions.nested_br_if.flattened = false
;; SHAPE-NEXT: functions.value_if.flattened = false
;; SHAPE-NEXT: functions.value_loop.flattened = false
;; SHAPE-NEXT: functions.returns.flattened = false
;; SHAPE-NEXT: functions.table_value.flattened = true
;; RUN: node %S/Inputs/spill.mjs %t.orig.wasm %t.wasm | FileCheck %s --check-prefix=AGREE
;; AGREE: operands(0): 327 unrewritten, 327 after 1 unwinds
;; AGREE-NEXT: operands(5): 332 unrewritten, 332 after 1 unwinds
;; AGREE-NEXT: tee_order(0): 1 unrewritten, 1 after 1 unwinds
;; AGREE-NEXT: tee_order(5): 5016 unrewritten, 5016 after 1 unwinds
;; AGREE-NEXT: accumulate(0): -3976 unrewritten, -3976 after 3 unwinds
;; AGREE-NEXT: accumulate(5): -43976 unrewritten, -43976 after 3 unwinds
;; AGREE-NEXT: two_calls(0): 1005 unrewritten, 1005 after 2 unwinds
;; AGREE-NEXT: two_calls(5): 16020 unrewritten, 16020 after 2 unwinds
;; AGREE-NEXT: value_block(0): 4 unrewritten, 4 after 1 unwinds
;; AGREE-NEXT: value_block(5): 45 unrewritten, 45 after 2 unwinds
;; AGREE-NEXT: nested_br_if(0): 960 unrewritten, 960 after 1 unwinds
;; AGREE-NEXT: nested_br_if(5): 1007 unrewritten, 1007 after 1 unwinds
;; AGREE-NEXT: value_if(0): 32 unrewritten, 32 after 2 unwinds
;; AGREE-NEXT: value_if(5): -57 unrewritten, -57 after 2 unwinds
;; AGREE-NEXT: value_loop(0): 1112 unrewritten, 1112 after 4 unwinds
;; AGREE-NEXT: value_loop(5): 1086 unrewritten, 1086 after 2 unwinds
;; AGREE-NEXT: returns(0): 9 unrewritten, 9 after 0 unwinds
;; AGREE-NEXT: returns(5): 16 unrewritten, 16 after 1 unwinds
;; AGREE-NEXT: table_value(0): 1 unrewritten, 1 after 1 unwinds
;; AGREE-NEXT: table_value(5): 116 unrewritten, 116 after 1 unwinds
;; RUN: %wasm-asyncify %t.orig.wasm --imports env.sleep -O2 -o %t.O2.wasm
;; RUN: node %S/Inputs/spill.mjs %t.orig.wasm %t.O2.wasm | FileCheck %s --check-prefix=AGREE
;; RUN: %wasm-asyncify %t.orig.wasm --imports env.sleep --flatten-all -o %t.flat.wasm
;; RUN: node %S/Inputs/spill.mjs %t.orig.wasm %t.flat.wasm | FileCheck %s --check-prefix=AGREE
(module
  (import "env" "sleep" (func $sleep (param i32) (result i32)))
  (memory (export "memory") 1)
  (func $pair (param i32 i32) (result i32)
    (i32.add (i32.mul (local.get 0) (i32.const 1000)) (local.get 1)))
  ;; Changes memory at 64, then sleeps.
  (func $bump (param $x i32) (result i32)
    (i32.store (i32.const 64) (i32.add (i32.load (i32.const 64)) (i32.const 100)))
    (call $sleep (local.get $x)))

  ;; The load before the call reads memory before $bump changes it.
  (func $operands (export "operands") (param $x i32) (result i32)
    (i32.store (i32.const 64) (i32.add (local.get $x) (i32.const 7)))
    (i32.add
      (i32.sub (i32.load (i32.const 64)) (call $bump (local.get $x)))
      (i32.mul (i32.load (i32.const 64)) (i32.const 3))))
  ;; $x is read before a later operand writes it.
  (func $tee_order (export "tee_order") (param $x i32) (result i32)
    (call $pair (local.get $x) (local.tee $x (call $sleep (local.get $x)))))
  ;; The statement writes $x last: $x is read in place. A tee writes it in the
  ;; middle: the read before it is copied first.
  (func $accumulate (export "accumulate") (param $x i32) (result i32)
    (local.set $x (i32.xor (local.get $x) (call $sleep (local.get $x))))
    (local.set $x (i32.sub (local.get $x) (call $sleep (local.get $x))))
    (call $pair (local.get $x) (i32.add (local.tee $x (call $sleep (i32.const 3))) (local.get $x))))
  (func $two_calls (export "two_calls") (param $x i32) (result i32)
    (call $pair (call $sleep (local.get $x)) (call $sleep (i32.add (local.get $x) (i32.const 1)))))
  (func $value_block (export "value_block") (param $x i32) (result i32)
    (i32.add (local.get $x)
      (block $b (result i32)
        (drop (br_if $b (call $sleep (i32.const 1)) (i32.eqz (local.get $x))))
        (if (i32.gt_u (call $sleep (local.get $x)) (i32.const 14))
          (then (br $b (i32.const 40))))
        (i32.mul (call $sleep (i32.const 2)) (i32.const 2)))))
  ;; The outer br_if's condition holds a br_if to the same block that does
  ;; not branch: the block's value is the outer one's, 7, not -40.
  (func $nested_br_if (export "nested_br_if") (param $x i32) (result i32)
    (i32.add (i32.const 1000)
      (block $b (result i32)
        (drop (br_if $b (i32.const 7)
          (i32.add (call $sleep (local.get $x))
                   (br_if $b (i32.const -40) (i32.eqz (local.get $x))))))
        (i32.const 3))))
  (func $value_if (export "value_if") (param $x i32) (result i32)
    (if (result i32) (i32.and (call $sleep (local.get $x)) (i32.const 1))
      (then (i32.add (call $sleep (i32.const 10)) (local.get $x)))
      (else (i32.sub (local.get $x) (call $sleep (i32.const 20))))))
  (func $value_loop (export "value_loop") (param $x i32) (result i32)
    (local $i i32)
    (local.set $i (local.get $x))
    (i32.add (i32.const 1000)
      (loop $l (result i32)
        (local.set $i (i32.add (local.get $i) (call $sleep (local.get $i))))
        (br_if $l (i32.lt_u (local.get $i) (i32.const 50)))
        (local.get $i))))
  (func $returns (export "returns") (param $x i32) (result i32)
    (if (local.get $x) (then (return (call $sleep (local.get $x)))))
    (i32.const 9))
  (func $table_value (export "table_value") (param $x i32) (result i32)
    (block $a (result i32)
      (i32.add
        (block $b (result i32)
          (br_table $a $b (call $sleep (local.get $x)) (i32.and (local.get $x) (i32.const 1))))
        (i32.const 100)))))
