;; Wasm exceptions (legacy `try`) around async calls: sites inside try
;; bodies, exceptions thrown by a callee after it was rewound and caught by a
;; frame that was rewound too, handlers reading locals set before and after
;; the suspensions, handlers that suspend (moved after their try), a handler
;; inside a handler, catch_all + rethrow, delegate, a try inside a loop.
(module
  (import "env" "sleep_ms" (func $sleep (param i32) (result i32)))
  (import "env" "print_i32" (func $print (param i32)))
  (tag $oops (param i32))
  (tag $other)
  (memory (export "memory") 1)

  ;; Sleeps, then throws $oops(r + n) when n is odd.
  (func $maybe_throw (param $n i32) (result i32)
    (local $r i32)
    (local.set $r (call $sleep (local.get $n)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (throw $oops (i32.add (local.get $r) (local.get $n)))))
    (local.get $r))

  ;; Sleeps: called from handlers, which then suspend and are resumed (they
  ;; are moved after their try).
  (func $note (param $n i32) (result i32)
    (drop (call $sleep (local.get $n)))
    (i32.mul (local.get $n) (i32.const 3)))

  ;; A site before the try and two in its body; the handler reads $before
  ;; (set before the first site, read nowhere else) and $acc (set between the
  ;; sites in the body). $tmp keeps the first site's frame apart from the
  ;; others' (otherwise one frame layout would serve all three).
  (func $guarded (param $n i32) (result i32)
    (local $before i32) (local $acc i32) (local $tmp i32)
    (local.set $before (i32.mul (local.get $n) (i32.const 100)))
    (local.set $tmp (i32.add (local.get $n) (i32.const 40)))
    (call $print (i32.add (local.get $tmp) (call $sleep (i32.const 2))))
    try (result i32)
      (local.set $acc (call $sleep (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (call $maybe_throw (local.get $n))))
      (local.get $acc)
    catch $oops
      (local.get $before)
      i32.add
      (local.get $acc)
      i32.add
      (call $note (i32.add (local.get $n) (i32.const 1)))
      i32.add
    end)

  ;; catch_all + rethrow inside, caught outside; a delegate to the outer try.
  (func $nested (param $n i32) (result i32)
    (local $x i32)
    (local.set $x (i32.const 7))
    try (result i32)
      try (result i32)
        (local.set $x (i32.add (local.get $x) (call $sleep (local.get $n))))
        (call $maybe_throw (local.get $n))
      catch_all
        (call $print (i32.add (i32.const 1000) (local.get $x)))
        rethrow 0
      end
      try (result i32)
        (call $maybe_throw (i32.add (local.get $n) (i32.const 1)))
      delegate 0
      i32.add
    catch $oops
      (local.get $x)
      i32.sub
    end)

  ;; A try inside a loop: each iteration sleeps, odd ones throw and are
  ;; caught; $other is never thrown.
  (func $looping (param $n i32) (result i32)
    (local $i i32) (local $sum i32)
    (loop $next
      try
        (local.set $sum (i32.add (local.get $sum) (call $maybe_throw (local.get $i))))
      catch $other
        (call $print (i32.const -1))
      catch $oops
        (local.set $sum (i32.sub (local.get $sum)))
        try
          (local.set $sum (i32.add (local.get $sum) (call $maybe_throw (local.get $sum))))
        catch $oops
          (local.set $sum (i32.add (local.get $sum) (call $note)))
        end
      end
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $sum))

  (func (export "main") (param $n i32) (result i32)
    (local $i i32) (local $total i32)
    (loop $each
      (call $print (call $guarded (local.get $i)))
      (call $print (call $nested (local.get $i)))
      (local.set $total (i32.add (local.get $total) (call $looping (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $each (i32.le_u (local.get $i) (local.get $n))))
    (local.get $total)))
