;; A suspension inside an exception handler that rethrows cannot be
;; resumed: rewinding cannot enter a `catch` (no exception is in flight
;; then), and the handler cannot move after its try (the rethrow needs the
;; exception). The rewritten module traps in the state check right after the
;; call (an __asyncify_assert_* helper) instead of running on with a frame
;; that was never saved.
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
      try (result i32)
        (call $fail (local.get $n))
      catch_all
        ;; the handler suspends before rethrowing: it cannot be moved out of
        ;; its try, and the rewritten module traps here
        (call $print (call $sleep (i32.const 7)))
        rethrow 0
      end
    catch $oops
    end))
