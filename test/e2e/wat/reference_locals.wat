;; References live across async calls: in every frame of a recursion, two
;; externrefs (one of them null at odd depths) and a funcref (null at every
;; third depth) are held across two sleeps; the frames unwind into the data
;; block with handles to slots of the module's own tables (passes/RefSlots.h).
;; Three tasks suspended at once, each on its own data block, rewind in turn:
;; a slot must come back to the frame that took it. 14 levels × up to 3
;; references × 3 tasks make the tables grow several times. At -O2 the `if`
;; choosing the function becomes a select of two `ref.func`s, which must be
;; written as a `funcref` select (passes/WidenRefs.cpp).
(module
  (import "env" "sleep_ms" (func $sleep (param i32) (result i32)))
  (import "env" "ref_make" (func $make (param i32) (result externref)))
  (import "env" "ref_value" (func $value (param externref) (result i32)))
  (import "env" "print_i32" (func $print (param i32)))
  (memory (export "memory") 1)
  (type $i2i (func (param i32) (result i32)))
  (table $fns 2 funcref)
  (elem (table $fns) (i32.const 0) func $double $negate)
  (table $scratch 1 funcref)
  (func $double (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func $negate (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))

  ;; One step of the checksum: r * 31 + v.
  (func $mix (param $r i32) (param $v i32) (result i32)
    (i32.add (i32.mul (local.get $r) (i32.const 31)) (local.get $v)))

  (func $hold (param $id i32) (param $depth i32) (param $verbose i32) (result i32)
    (local $a externref) (local $b externref) (local $f funcref) (local $r i32)
    (local.set $a (call $make (i32.add (i32.mul (local.get $id) (i32.const 1000))
                                       (local.get $depth))))
    (if (i32.eqz (i32.and (local.get $depth) (i32.const 1)))
      (then (local.set $b (call $make (i32.sub (i32.const 0) (local.get $depth))))))
    (if (i32.rem_u (local.get $depth) (i32.const 3))
      (then (local.set $f (if (result funcref) (i32.and (local.get $depth) (i32.const 1))
                            (then (ref.func $negate)) (else (ref.func $double))))))
    (local.set $r (call $sleep (local.get $depth)))
    (if (local.get $depth)
      (then (local.set $r
              (call $mix (local.get $r)
                (call $hold (local.get $id) (i32.sub (local.get $depth) (i32.const 1))
                            (local.get $verbose))))))
    (local.set $r (call $mix (local.get $r) (call $sleep (local.get $id))))
    (if (local.get $verbose)
      (then
        (call $print (call $value (local.get $a)))
        (call $print (call $value (local.get $b)))
        (call $print (ref.is_null (local.get $f)))))
    (local.set $r (call $mix (local.get $r) (call $value (local.get $a))))
    (local.set $r (call $mix (local.get $r) (call $value (local.get $b))))
    (if (ref.is_null (local.get $f))
      (then (local.set $r (call $mix (local.get $r) (i32.const 7))))
      (else
        (table.set $scratch (i32.const 0) (local.get $f))
        (local.set $r (call $mix (local.get $r)
                        (call_indirect $scratch (type $i2i) (i32.add (local.get $depth) (i32.const 5))
                                                           (i32.const 0))))))
    (local.get $r))

  (func (export "main") (param $id i32) (result i32)
    (call $hold (local.get $id) (i32.const 5) (i32.const 1)))
  (func (export "run") (param $id i32) (result i32)
    (call $hold (local.get $id) (i32.const 14) (i32.const 0))))
