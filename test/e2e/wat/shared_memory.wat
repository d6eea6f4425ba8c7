;; A shared memory (threads): atomic read-modify-writes on it between async
;; calls, locals live across them. The rewriter's own frame stores are plain
;; stores into the data block, which only the suspending thread uses.
(module
  (import "env" "sleep_ms" (func $sleep (param i32) (result i32)))
  (import "env" "print_i32" (func $print (param i32)))
  (memory (export "memory") 1 4 shared)
  (func (export "main") (param $n i32) (result i32)
    (local $i i32) (local $old i32)
    (loop $l
      (local.set $old (i32.atomic.rmw.add (i32.const 64) (call $sleep (local.get $i))))
      (call $print (i32.add (local.get $old) (i32.atomic.load (i32.const 64))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i32.atomic.load (i32.const 64))))
