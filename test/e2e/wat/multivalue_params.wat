;; Multi-value control flow with parameters: a block, a loop and an if whose
;; inputs wait on the operand stack while async calls in their bodies suspend.
;; The loop carries a (count, acc) pair through its parameters.
(module
  (import "env" "sleep_ms" (func $sleep (param i32) (result i32)))
  (import "env" "async_i64" (func $async_i64 (param i64) (result i64)))
  (import "env" "async_f64" (func $async_f64 (param f64) (result f64)))
  (import "env" "print_i32" (func $print_i32 (param i32)))
  (import "env" "print_i64" (func $print_i64 (param i64)))
  (import "env" "print_f64" (func $print_f64 (param f64)))
  (memory (export "memory") 1)

  ;; A block with parameters: its two inputs wait on the stack, inside the
  ;; block, while the async call in its body suspends.
  (func $block_params (param $x i32) (result i64)
    (local $t i64)
    (local.get $x)
    (i64.const 1000)
    (block $b (param i32 i64) (result i64)
      (call $async_i64 (i64.const 7))
      (i64.add)
      (local.set $t)
      (i64.extend_i32_s)
      (i64.mul (local.get $t))
      (i64.extend_i32_s (call $sleep (i32.const 2)))
      (i64.add))
    (i64.add (i64.const 1)))

  ;; A loop with parameters: the carried (count, acc) pair is on the stack at
  ;; the top of each iteration, with an async call per iteration.
  (func $loop_params (param $n i32) (result i32 i64)
    (local $i i32) (local $acc i64)
    (i32.const 0)
    (i64.const 1)
    (loop $l (param i32 i64) (result i32 i64)
      (local.set $acc)
      (local.set $i)
      (local.get $i)
      (local.get $acc)
      (i64.add (i64.mul (local.get $acc) (i64.const 3))
               (call $async_i64 (i64.extend_i32_s (local.get $i))))
      (local.set $acc)
      (drop)
      (i32.add (i32.const 1))
      (local.get $acc)
      (br_if $l (i32.lt_s (i32.add (local.get $i) (i32.const 1)) (local.get $n)))))

  ;; An if with parameters, async calls in both arms.
  (func $if_params (param $c i32) (param $x f64) (result f64)
    (local.get $x)
    (f64.const 0.5)
    (if (param f64 f64) (result f64) (local.get $c)
      (then (f64.add) (call $async_f64) (f64.mul (f64.const 2)))
      (else (f64.sub) (f64.add (call $async_f64 (f64.const 9))))))

  (func (export "main") (param $x i32)
    (call $print_i64 (call $block_params (local.get $x)))
    (call $loop_params (i32.add (local.get $x) (i32.const 3)))
    (call $print_i64)
    (call $print_i32)
    (call $print_f64 (call $if_params (i32.const 1) (f64.convert_i32_s (local.get $x))))
    (call $print_f64 (call $if_params (i32.const 0) (f64.convert_i32_s (local.get $x)))))
)
