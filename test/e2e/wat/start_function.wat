;; The start function reaches the async import through $work, which main
;; calls too. During instantiation the host cannot unwind (the import returns
;; at once); afterwards main's calls through $work really suspend. The tool
;; warns about the start function.
(module
  (import "env" "sleep_ms" (func $sleep (param i32) (result i32)))
  (import "env" "print_i32" (func $print (param i32)))
  (memory (export "memory") 1)
  (global $seed (mut i32) (i32.const 0))
  (func $work (param $x i32) (result i32)
    (local $keep i32)
    (local.set $keep (i32.mul (local.get $x) (i32.const 3)))
    (i32.add (local.get $keep) (call $sleep (local.get $x))))
  (func $init (global.set $seed (call $work (i32.const 5))))
  (start $init)
  (func (export "main") (param $n i32) (result i32)
    (local $i i32)
    (call $print (global.get $seed))
    (loop $l
      (call $print (call $work (local.get $i)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i32.add (global.get $seed) (call $work (local.get $n)))))
