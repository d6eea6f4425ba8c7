;; The async import itself is in the table (an element segment), and its
;; reference is also held by a global initializer that main stores into the
;; exported table: both call_indirects reach env.sleep_ms directly, so main
;; must be instrumented and really suspend.
(module
  (import "env" "sleep_ms" (func $sleep (param i32) (result i32)))
  (import "env" "print_i32" (func $print (param i32)))
  (memory (export "memory") 1)
  (type $i2i (func (param i32) (result i32)))
  (table $t (export "table") 4 funcref)
  (elem (table $t) (i32.const 0) func $sleep)
  (global $g funcref (ref.func $sleep))
  (func (export "main") (param $n i32) (result i32)
    (local $a i32)
    (local.set $a (call_indirect $t (type $i2i) (local.get $n) (i32.const 0)))
    (call $print (local.get $a))
    (table.set $t (i32.const 2) (global.get $g))
    (i32.add (local.get $a)
      (call_indirect $t (type $i2i) (i32.add (local.get $n) (i32.const 1)) (i32.const 2)))))
