;; The program's own functions and globals carry the names the rewriter uses
;; for its runtime ($asyncify_start_unwind, $__asyncify_state, ...), and it
;; exports `asyncify_memory`. The runtime must get names of its own and the
;; program's functions must keep working.
(module
  (import "env" "sleep_ms" (func $sleep (param i32) (result i32)))
  (import "env" "print_i32" (func $print (param i32)))
  (memory (export "memory") 1)
  (global $__asyncify_state (mut i32) (i32.const 40))
  (global $__asyncify_data (mut i32) (i32.const 2))
  (func $asyncify_start_unwind (param $x i32) (result i32)
    (global.set $__asyncify_state (i32.add (global.get $__asyncify_state) (local.get $x)))
    (call $sleep (local.get $x)))
  (func $asyncify_get_state (export "asyncify_memory") (result i32)
    (global.get $__asyncify_state))
  (func $asyncify_stop_rewind (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (local.get $acc) (call $asyncify_start_unwind (local.get $i))))
      (call $print (call $asyncify_get_state))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i32.mul (local.get $acc) (global.get $__asyncify_data)))
  (func (export "main") (param $n i32) (result i32)
    (call $asyncify_stop_rewind (local.get $n))))
