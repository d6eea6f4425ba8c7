;; While rewinding to a later call, the structures that hold earlier calls
;; (a block, a loop, an if) come first: rewinding must get past them without
;; running the code around those earlier calls again (Instrument's rewind
;; dispatch branches over them). Each print here would repeat in the
;; transcript if a rewind ran it.
(module
  (import "env" "sleep_ms" (func $sleep (param i32) (result i32)))
  (import "env" "print_i32" (func $print (param i32)))
  (memory (export "memory") 1)
  (func $f (param $x i32) (result i32)
    (local $i i32)
    (block $a
      (if (local.get $x)
        (then (drop (call $sleep (i32.const 1)))))
      (call $print (i32.const 111)))
    (loop $l
      (call $print (call $sleep (local.get $i)))
      (call $print (i32.const 555))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 2))))
    (call $print (i32.const 222))
    (if (local.get $x)
      (then
        (drop (call $sleep (i32.const 3)))
        (call $print (i32.const 444))))
    (drop (call $sleep (i32.const 2)))
    (call $print (i32.const 333))
    (i32.add (local.get $i) (i32.const 7)))
  (func (export "main") (param $n i32) (result i32)
    (i32.add (call $f (local.get $n)) (call $f (i32.const 0)))))
