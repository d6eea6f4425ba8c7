;; A 64-bit memory: the data block is {i64 current, i64 end} and the host
;; passes its address as a BigInt. Pointers (i64) are live across async calls
;; in a loop that fills an array and a recursion that sums it back, and the
;; host places the data blocks above the module's own page.
(module
  (import "env" "sleep_ms" (func $sleep (param i32) (result i32)))
  (import "env" "async_i64" (func $async_i64 (param i64) (result i64)))
  (import "env" "async_f64" (func $async_f64 (param f64) (result f64)))
  (import "env" "print_i32" (func $print_i32 (param i32)))
  (import "env" "print_i64" (func $print_i64 (param i64)))
  (import "env" "print_f64" (func $print_f64 (param f64)))
  (memory (export "memory") i64 1)

  (func $fill (param $p i64) (param $n i32)
    (local $i i32)
    (loop $l
      (i64.store
        (i64.add (local.get $p) (i64.shl (i64.extend_i32_u (local.get $i)) (i64.const 3)))
        (call $async_i64 (i64.mul (i64.extend_i32_u (local.get $i)) (i64.const 1000000007))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))

  (func $sum (param $p i64) (param $n i32) (result i64)
    (local $here i64)
    (if (result i64) (i32.eqz (local.get $n))
      (then (i64.const 0))
      (else
        (local.set $here (i64.load (local.get $p)))
        (i64.add
          (i64.add (local.get $here) (i64.extend_i32_s (call $sleep (local.get $n))))
          (i64.xor
            (call $sum (i64.add (local.get $p) (i64.const 8)) (i32.sub (local.get $n) (i32.const 1)))
            (i64.load offset=8 (local.get $p)))))))

  ;; f64 values stored at i64 addresses, averaged with async calls between.
  (func $avg (param $p i64) (param $n i32) (result f64)
    (local $i i32) (local $acc f64)
    (loop $l
      (f64.store offset=4096 (local.get $p)
        (call $async_f64 (f64.convert_i32_u (local.get $i))))
      (local.set $acc (f64.add (local.get $acc) (f64.load offset=4096 (local.get $p))))
      (local.set $p (i64.add (local.get $p) (i64.const 8)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (f64.div (local.get $acc) (f64.convert_i32_u (local.get $n))))

  (func (export "main") (param $n i32) (result i64)
    (local $s i64)
    (call $fill (i64.const 1024) (local.get $n))
    (call $print_i64 (i64.load (i64.const 1032)))
    (local.set $s (call $sum (i64.const 1024) (local.get $n)))
    (call $print_i64 (local.get $s))
    (call $print_f64 (call $avg (i64.const 2048) (local.get $n)))
    (call $print_f64 (f64.load offset=4096 (i64.const 2056)))
    (call $print_i32 (i32.wrap_i64 (i64.shr_u (i64.load offset=4104 (i64.const 2048)) (i64.const 32))))
    (i64.add (local.get $s) (i64.extend_i32_s (call $sleep (i32.const 1)))))
)
