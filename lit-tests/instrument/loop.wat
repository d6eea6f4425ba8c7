;; A site in a loop: the loop is entered while rewinding and code before the call is skipped.
;; RUN: %wasm-asyncify %s --imports env.sleep  -g -S -o - | FileCheck %s
;; CHECK: (module
;; CHECK-NEXT:   (type (;0;) (func (param i32) (result i32)))
;; CHECK-NEXT:   (type (;1;) (func (param i32)))
;; CHECK-NEXT:   (type (;2;) (func))
;; CHECK-NEXT:   (type (;3;) (func (result i32)))
;; CHECK-NEXT:   (import "env" "sleep" (func $sleep (type 0)))
;; CHECK-NEXT:   (func $f (type 0) (param $n i32) (result i32)
;; CHECK-NEXT:     (local $i i32) (local $sum i32) (local i32 i32 i32 i32)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.eq
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:         (i32.const 2))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (local.set 5
;; CHECK-NEXT:           (i32.sub
;; CHECK-NEXT:             (i32.load
;; CHECK-NEXT:               (global.get $__asyncify_data))
;; CHECK-NEXT:             (i32.const 4)))
;; CHECK-NEXT:         (local.set 4
;; CHECK-NEXT:           (i32.load
;; CHECK-NEXT:             (local.get 5)))
;; CHECK-NEXT:         (block  ;; label = @2
;; CHECK-NEXT:           (local.set 5
;; CHECK-NEXT:             (i32.sub
;; CHECK-NEXT:               (local.get 5)
;; CHECK-NEXT:               (i32.const 12)))
;; CHECK-NEXT:           (local.set $n
;; CHECK-NEXT:             (i32.load
;; CHECK-NEXT:               (local.get 5)))
;; CHECK-NEXT:           (local.set $i
;; CHECK-NEXT:             (i32.load offset=4
;; CHECK-NEXT:               (local.get 5)))
;; CHECK-NEXT:           (local.set $sum
;; CHECK-NEXT:             (i32.load offset=8
;; CHECK-NEXT:               (local.get 5))))
;; CHECK-NEXT:         (i32.store
;; CHECK-NEXT:           (global.get $__asyncify_data)
;; CHECK-NEXT:           (local.get 5))))
;; CHECK-NEXT:     (local.set 4
;; CHECK-NEXT:       (block (result i32)  ;; label = @1
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (block (result i32)  ;; label = @2
;; CHECK-NEXT:             (loop  ;; label = @3
;; CHECK-NEXT:               (block  ;; label = @4
;; CHECK-NEXT:                 (if  ;; label = @5
;; CHECK-NEXT:                   (i32.eq
;; CHECK-NEXT:                     (global.get $__asyncify_state)
;; CHECK-NEXT:                     (i32.const 2))
;; CHECK-NEXT:                   (then
;; CHECK-NEXT:                     (br 1 (;@4;))))
;; CHECK-NEXT:                 (local.set $sum
;; CHECK-NEXT:                   (i32.mul
;; CHECK-NEXT:                     (local.get $sum)
;; CHECK-NEXT:                     (i32.const 3))))
;; CHECK-NEXT:               (block  ;; label = @4
;; CHECK-NEXT:                 (block  ;; label = @5
;; CHECK-NEXT:                   (local.set 3
;; CHECK-NEXT:                     (call $sleep
;; CHECK-NEXT:                       (local.get $i)))
;; CHECK-NEXT:                   (if  ;; label = @6
;; CHECK-NEXT:                     (i32.eq
;; CHECK-NEXT:                       (global.get $__asyncify_state)
;; CHECK-NEXT:                       (i32.const 1))
;; CHECK-NEXT:                     (then
;; CHECK-NEXT:                       (br 5 (;@1;)
;; CHECK-NEXT:                         (i32.const 0)))))
;; CHECK-NEXT:                 (local.set $sum
;; CHECK-NEXT:                   (i32.add
;; CHECK-NEXT:                     (local.get $sum)
;; CHECK-NEXT:                     (local.get 3))))
;; CHECK-NEXT:               (br_if 0 (;@3;)
;; CHECK-NEXT:                 (i32.lt_u
;; CHECK-NEXT:                   (local.tee $i
;; CHECK-NEXT:                     (i32.add
;; CHECK-NEXT:                       (local.get $i)
;; CHECK-NEXT:                       (i32.const 1)))
;; CHECK-NEXT:                   (local.get $n))))
;; CHECK-NEXT:             (local.get $sum)))))
;; CHECK-NEXT:     (local.set 5
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:         (global.get $__asyncify_data)))
;; CHECK-NEXT:     (block  ;; label = @1
;; CHECK-NEXT:       (local.set 6
;; CHECK-NEXT:         (i32.add
;; CHECK-NEXT:           (local.get 5)
;; CHECK-NEXT:           (i32.const 16)))
;; CHECK-NEXT:       (if  ;; label = @2
;; CHECK-NEXT:         (i32.and
;; CHECK-NEXT:           (i32.le_u
;; CHECK-NEXT:             (local.get 6)
;; CHECK-NEXT:             (i32.load offset=4
;; CHECK-NEXT:               (global.get $__asyncify_data)))
;; CHECK-NEXT:           (i32.ge_u
;; CHECK-NEXT:             (local.get 6)
;; CHECK-NEXT:             (local.get 5)))
;; CHECK-NEXT:         (then
;; CHECK-NEXT:           (i32.store
;; CHECK-NEXT:             (local.get 5)
;; CHECK-NEXT:             (local.get $n))
;; CHECK-NEXT:           (i32.store offset=4
;; CHECK-NEXT:             (local.get 5)
;; CHECK-NEXT:             (local.get $i))
;; CHECK-NEXT:           (i32.store offset=8
;; CHECK-NEXT:             (local.get 5)
;; CHECK-NEXT:             (local.get $sum))
;; CHECK-NEXT:           (i32.store offset=12
;; CHECK-NEXT:             (local.get 5)
;; CHECK-NEXT:             (local.get 4)))))
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:       (global.get $__asyncify_data)
;; CHECK-NEXT:       (local.get 6))
;; CHECK-NEXT:     (return
;; CHECK-NEXT:       (i32.const 0)))
;; CHECK-NEXT:   (func $asyncify_start_unwind (type 1) (param i32)
;; CHECK-NEXT:     (global.set $__asyncify_state
;; CHECK-NEXT:       (i32.const 1))
;; CHECK-NEXT:     (global.set $__asyncify_data
;; CHECK-NEXT:       (local.get 0))
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.gt_u
;; CHECK-NEXT:         (i32.load
;; CHECK-NEXT:           (global.get $__asyncify_data))
;; CHECK-NEXT:         (i32.load offset=4
;; CHECK-NEXT:           (global.get $__asyncify_data)))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (unreachable))))
;; CHECK-NEXT:   (func $asyncify_stop_unwind (type 2)
;; CHECK-NEXT:     (global.set $__asyncify_state
;; CHECK-NEXT:       (i32.const 0))
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.gt_u
;; CHECK-NEXT:         (i32.load
;; CHECK-NEXT:           (global.get $__asyncify_data))
;; CHECK-NEXT:         (i32.load offset=4
;; CHECK-NEXT:           (global.get $__asyncify_data)))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (unreachable))))
;; CHECK-NEXT:   (func $asyncify_start_rewind (type 1) (param i32)
;; CHECK-NEXT:     (global.set $__asyncify_state
;; CHECK-NEXT:       (i32.const 2))
;; CHECK-NEXT:     (global.set $__asyncify_data
;; CHECK-NEXT:       (local.get 0))
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.gt_u
;; CHECK-NEXT:         (i32.load
;; CHECK-NEXT:           (global.get $__asyncify_data))
;; CHECK-NEXT:         (i32.load offset=4
;; CHECK-NEXT:           (global.get $__asyncify_data)))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (unreachable))))
;; CHECK-NEXT:   (func $asyncify_stop_rewind (type 2)
;; CHECK-NEXT:     (global.set $__asyncify_state
;; CHECK-NEXT:       (i32.const 0))
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.gt_u
;; CHECK-NEXT:         (i32.load
;; CHECK-NEXT:           (global.get $__asyncify_data))
;; CHECK-NEXT:         (i32.load offset=4
;; CHECK-NEXT:           (global.get $__asyncify_data)))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (unreachable))))
;; CHECK-NEXT:   (func $asyncify_get_state (type 3) (result i32)
;; CHECK-NEXT:     (global.get $__asyncify_state))
;; CHECK-NEXT:   (memory (;0;) 1)
;; CHECK-NEXT:   (global $__asyncify_state (mut i32) (i32.const 0))
;; CHECK-NEXT:   (global $__asyncify_data (mut i32) (i32.const 0))
;; CHECK-NEXT:   (export "f" (func $f))
;; CHECK-NEXT:   (export "asyncify_start_unwind" (func $asyncify_start_unwind))
;; CHECK-NEXT:   (export "asyncify_stop_unwind" (func $asyncify_stop_unwind))
;; CHECK-NEXT:   (export "asyncify_start_rewind" (func $asyncify_start_rewind))
;; CHECK-NEXT:   (export "asyncify_stop_rewind" (func $asyncify_stop_rewind))
;; CHECK-NEXT:   (export "asyncify_get_state" (func $asyncify_get_state)))
(module
  (import "env" "sleep" (func $sleep (param i32) (result i32)))
  (memory 1)
  (func $f (export "f") (param $n i32) (result i32)
    (local $i i32) (local $sum i32)
    (loop $l
      (local.set $sum (i32.mul (local.get $sum) (i32.const 3)))
      (local.set $sum (i32.add (local.get $sum) (call $sleep (local.get $i))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $sum)))
