;; Regression: at -O1 and up, coalesce-locals gave the call_indirect's result
;; the local that held its table index; the unwinding call's dummy result then
;; overwrote the index before the frame saved it, and the rewind called the
;; wrong table entry (or null).
(module
  (type $t (func (param i32) (result i32)))
  (import "env" "sleep_ms" (func $sleep (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $twice $op)
  (memory (export "memory") 1)
  (func $op (type $t) (call $sleep (local.get 0)))
  (func $twice (type $t) (i32.mul (call $sleep (local.get 0)) (i32.const 2)))
  (func $apply (export "apply") (param $fn i32) (param $x i32) (result i32)
    (i32.add (call_indirect (type $t) (local.get $x) (local.get $fn)) (i32.const 1)))
)
