;; The memory is imported (env.memory), not defined: the data block and the
;; program's own data share the host's memory. Values in locals and in
;; memory survive async calls in a loop and a recursion.
(module
  (import "env" "memory" (memory 1 4))
  (import "env" "sleep_ms" (func $sleep (param i32) (result i32)))
  (import "env" "print_i32" (func $print (param i32)))
  (func $depth (param $n i32) (result i32)
    (local $mine i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (call $sleep (i32.const 1)))
      (else
        (local.set $mine (i32.mul (local.get $n) (i32.const 31)))
        (i32.store (i32.shl (local.get $n) (i32.const 2)) (local.get $mine))
        (i32.add
          (call $depth (i32.sub (local.get $n) (i32.const 1)))
          (i32.add (local.get $mine) (i32.load (i32.shl (local.get $n) (i32.const 2))))))))
  (func (export "main") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (local.get $acc) (call $sleep (local.get $i))))
      (call $print (local.get $acc))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i32.add (local.get $acc) (call $depth (local.get $n)))))
