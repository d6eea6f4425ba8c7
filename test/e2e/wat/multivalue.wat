;; Multi-value results: functions returning two values computed around async
;; calls, a recursion through such a function, both results held on the
;; operand stack across another async call, a block whose two results come
;; from async calls, and an exported function returning (i32 i64 f64).
;; (Blocks, loops and ifs with parameters are in multivalue_params.wat.)
(module
  (import "env" "sleep_ms" (func $sleep (param i32) (result i32)))
  (import "env" "async_i64" (func $async_i64 (param i64) (result i64)))
  (import "env" "async_f64" (func $async_f64 (param f64) (result f64)))
  (import "env" "print_i32" (func $print_i32 (param i32)))
  (import "env" "print_i64" (func $print_i64 (param i64)))
  (import "env" "print_f64" (func $print_f64 (param f64)))
  (memory (export "memory") 1)

  ;; Two results, each from an async call.
  (func $pair (param $x i32) (result i32 i64)
    (i32.add (local.get $x) (call $sleep (local.get $x)))
    (call $async_i64 (i64.extend_i32_s (local.get $x))))

  ;; Recursion through a function with two results.
  (func $pair_rec (param $n i32) (result i32 i64)
    (local $a i32) (local $b i64)
    (if (result i32 i64) (i32.eqz (local.get $n))
      (then (call $pair (i32.const 3)))
      (else
        (call $pair_rec (i32.sub (local.get $n) (i32.const 1)))
        (local.set $b)
        (local.set $a)
        (i32.add (local.get $a) (call $sleep (local.get $n)))
        (i64.add (local.get $b) (i64.mul (i64.extend_i32_u (local.get $n)) (call $async_i64 (local.get $b)))))))

  ;; Both results of $pair stay on the operand stack while $sleep suspends.
  (func $stacked (param $x i32) (result i64)
    (local $t i64)
    (call $pair (local.get $x))
    (call $sleep (i32.const 5))
    (i64.extend_i32_s)
    (i64.add)
    (i64.extend_i32_s (call $sleep (i32.const 6)))
    (i64.mul)
    (local.set $t)
    (i64.extend_i32_s)
    (i64.add (local.get $t)))

  ;; A block (no parameters) with two results, each from an async call.
  (func $block_results (param $x i32) (result i64)
    (local $t i64)
    (block $b (result i32 i64)
      (call $sleep (local.get $x))
      (call $async_i64 (i64.const 11))
      (br_if $b (i32.eqz (local.get $x)))
      (drop)
      (call $async_i64 (i64.extend_i32_u (local.get $x))))
    (local.set $t)
    (i64.extend_i32_s)
    (i64.add (local.get $t))
    (i64.add (i64.extend_i32_s (call $sleep (i32.const 1)))))

  (func (export "main") (param $x i32) (result i32 i64 f64)
    (local $a i32) (local $b i64)
    (call $pair (local.get $x))
    (call $print_i64)
    (call $print_i32)
    (call $pair_rec (local.get $x))
    (local.set $b)
    (local.set $a)
    (call $print_i32 (local.get $a))
    (call $print_i64 (local.get $b))
    (call $print_i64 (call $stacked (local.get $x)))
    (call $print_i64 (call $block_results (local.get $x)))
    (call $print_i64 (call $block_results (i32.const 0)))
    ;; Three results out of the export, one of them from an async call.
    (i32.add (local.get $a) (call $sleep (local.get $x)))
    (local.get $b)
    (call $async_f64 (f64.convert_i32_s (local.get $x))))
)
