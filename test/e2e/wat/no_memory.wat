;; A module without a memory: the rewriter adds one page for the data block
;; and exports it as `memory`, so the host can set the block up. Locals of a
;; recursion survive the async calls.
(module
  (import "env" "async_i32" (func $async (param i32) (result i32)))
  (import "env" "print_i32" (func $print (param i32)))
  (func $fib (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (call $async (local.get $n)))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func (export "main") (param $n i32) (result i32)
    (local $i i32)
    (loop $l
      (call $print (call $fib (local.get $i)))
      (br_if $l (i32.le_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (call $fib (local.get $n))))
