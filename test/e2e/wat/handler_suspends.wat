;; A suspension inside an exception handler cannot be resumed: rewinding
;; cannot enter a `catch` (no exception is in flight then). The rewritten
;; module traps in the state check right after the call (an
;; __asyncify_assert_* helper) instead of running on with a frame that was
;; never saved.
(module
  (import "env" "sleep_ms" (func $sleep (param i32) (result i32)))
  (import "env" "print_i32" (func $print (param i32)))
  (tag $oops (param i32))
  (memory (export "memory") 1)
  (func $fail (param $n i32) (result i32)
    (drop (call $sleep (local.get $n)))
    (throw $oops (local.get $n)))
  (func (export "main") (param $n i32) (result i32)
    (local $i i32)
    (loop $each
      (call $print (call $sleep (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $each (i32.lt_u (local.get $i) (local.get $n))))
    (call $print (i32.const 12345))
    try (result i32)
      (call $fail (local.get $n))
    catch $oops
      ;; the handler suspends: the rewritten module traps here
      (call $sleep)
    end))
