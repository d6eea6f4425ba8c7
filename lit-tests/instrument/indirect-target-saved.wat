;; An indirect call that can unwind saves its table index: rewind must re-enter the same function.
;; RUN: %wasm-asyncify %s --imports env.sleep  -g -S -o - | FileCheck %s
;; CHECK: (module
;; CHECK-NEXT:   (type $t (func (param i32) (result i32)))
;; CHECK-NEXT:   (type (;1;) (func (param i32)))
;; CHECK-NEXT:   (type (;2;) (func))
;; CHECK-NEXT:   (type (;3;) (func (result i32)))
;; CHECK-NEXT:   (import "env" "sleep" (func $sleep (type $t)))
;; CHECK-NEXT:   (func $callee (type $t) (param i32) (result i32)
;; CHECK-NEXT:     (local i32 i32 i32 i32)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.eq
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:         (i32.const 2))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (local.set 3
;; CHECK-NEXT:           (i32.sub
;; CHECK-NEXT:             (i32.load
;; CHECK-NEXT:               (global.get $__asyncify_data))
;; CHECK-NEXT:             (i32.const 4)))
;; CHECK-NEXT:         (local.set 2
;; CHECK-NEXT:           (i32.load
;; CHECK-NEXT:             (local.get 3)))
;; CHECK-NEXT:         (block  ;; label = @2
;; CHECK-NEXT:           (local.set 3
;; CHECK-NEXT:             (i32.sub
;; CHECK-NEXT:               (local.get 3)
;; CHECK-NEXT:               (i32.const 0))))
;; CHECK-NEXT:         (i32.store
;; CHECK-NEXT:           (global.get $__asyncify_data)
;; CHECK-NEXT:           (local.get 3))))
;; CHECK-NEXT:     (local.set 2
;; CHECK-NEXT:       (block (result i32)  ;; label = @1
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (block (result i32)  ;; label = @2
;; CHECK-NEXT:             (block  ;; label = @3
;; CHECK-NEXT:               (local.set 1
;; CHECK-NEXT:                 (call $sleep
;; CHECK-NEXT:                   (local.get 0)))
;; CHECK-NEXT:               (if  ;; label = @4
;; CHECK-NEXT:                 (i32.eq
;; CHECK-NEXT:                   (global.get $__asyncify_state)
;; CHECK-NEXT:                   (i32.const 1))
;; CHECK-NEXT:                 (then
;; CHECK-NEXT:                   (br 3 (;@1;)
;; CHECK-NEXT:                     (i32.const 0)))))
;; CHECK-NEXT:             (local.get 1)))))
;; CHECK-NEXT:     (local.set 3
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:         (global.get $__asyncify_data)))
;; CHECK-NEXT:     (block  ;; label = @1
;; CHECK-NEXT:       (local.set 4
;; CHECK-NEXT:         (i32.add
;; CHECK-NEXT:           (local.get 3)
;; CHECK-NEXT:           (i32.const 4)))
;; CHECK-NEXT:       (if  ;; label = @2
;; CHECK-NEXT:         (i32.and
;; CHECK-NEXT:           (i32.le_u
;; CHECK-NEXT:             (local.get 4)
;; CHECK-NEXT:             (i32.load offset=4
;; CHECK-NEXT:               (global.get $__asyncify_data)))
;; CHECK-NEXT:           (i32.ge_u
;; CHECK-NEXT:             (local.get 4)
;; CHECK-NEXT:             (local.get 3)))
;; CHECK-NEXT:         (then
;; CHECK-NEXT:           (i32.store
;; CHECK-NEXT:             (local.get 3)
;; CHECK-NEXT:             (local.get 2)))))
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:       (global.get $__asyncify_data)
;; CHECK-NEXT:       (local.get 4))
;; CHECK-NEXT:     (return
;; CHECK-NEXT:       (i32.const 0)))
;; CHECK-NEXT:   (func $f (type $t) (param $i i32) (result i32)
;; CHECK-NEXT:     (local i32 i32 i32 i32)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.eq
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:         (i32.const 2))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (local.set 3
;; CHECK-NEXT:           (i32.sub
;; CHECK-NEXT:             (i32.load
;; CHECK-NEXT:               (global.get $__asyncify_data))
;; CHECK-NEXT:             (i32.const 4)))
;; CHECK-NEXT:         (local.set 2
;; CHECK-NEXT:           (i32.load
;; CHECK-NEXT:             (local.get 3)))
;; CHECK-NEXT:         (block  ;; label = @2
;; CHECK-NEXT:           (local.set 3
;; CHECK-NEXT:             (i32.sub
;; CHECK-NEXT:               (local.get 3)
;; CHECK-NEXT:               (i32.const 4)))
;; CHECK-NEXT:           (local.set $i
;; CHECK-NEXT:             (i32.load
;; CHECK-NEXT:               (local.get 3))))
;; CHECK-NEXT:         (i32.store
;; CHECK-NEXT:           (global.get $__asyncify_data)
;; CHECK-NEXT:           (local.get 3))))
;; CHECK-NEXT:     (local.set 2
;; CHECK-NEXT:       (block (result i32)  ;; label = @1
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (block (result i32)  ;; label = @2
;; CHECK-NEXT:             (block  ;; label = @3
;; CHECK-NEXT:               (local.set 1
;; CHECK-NEXT:                 (call_indirect (type $t)
;; CHECK-NEXT:                   (i32.const 5)
;; CHECK-NEXT:                   (local.get $i)))
;; CHECK-NEXT:               (if  ;; label = @4
;; CHECK-NEXT:                 (i32.eq
;; CHECK-NEXT:                   (global.get $__asyncify_state)
;; CHECK-NEXT:                   (i32.const 1))
;; CHECK-NEXT:                 (then
;; CHECK-NEXT:                   (br 3 (;@1;)
;; CHECK-NEXT:                     (i32.const 0)))))
;; CHECK-NEXT:             (local.get 1)))))
;; CHECK-NEXT:     (local.set 3
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:         (global.get $__asyncify_data)))
;; CHECK-NEXT:     (block  ;; label = @1
;; CHECK-NEXT:       (local.set 4
;; CHECK-NEXT:         (i32.add
;; CHECK-NEXT:           (local.get 3)
;; CHECK-NEXT:           (i32.const 8)))
;; CHECK-NEXT:       (if  ;; label = @2
;; CHECK-NEXT:         (i32.and
;; CHECK-NEXT:           (i32.le_u
;; CHECK-NEXT:             (local.get 4)
;; CHECK-NEXT:             (i32.load offset=4
;; CHECK-NEXT:               (global.get $__asyncify_data)))
;; CHECK-NEXT:           (i32.ge_u
;; CHECK-NEXT:             (local.get 4)
;; CHECK-NEXT:             (local.get 3)))
;; CHECK-NEXT:         (then
;; CHECK-NEXT:           (i32.store
;; CHECK-NEXT:             (local.get 3)
;; CHECK-NEXT:             (local.get $i))
;; CHECK-NEXT:           (i32.store offset=4
;; CHECK-NEXT:             (local.get 3)
;; CHECK-NEXT:             (local.get 2)))))
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:       (global.get $__asyncify_data)
;; CHECK-NEXT:       (local.get 4))
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
;; CHECK-NEXT:   (table (;0;) 1 funcref)
;; CHECK-NEXT:   (memory (;0;) 1)
;; CHECK-NEXT:   (global $__asyncify_state (mut i32) (i32.const 0))
;; CHECK-NEXT:   (global $__asyncify_data (mut i32) (i32.const 0))
;; CHECK-NEXT:   (export "f" (func $f))
;; CHECK-NEXT:   (export "asyncify_start_unwind" (func $asyncify_start_unwind))
;; CHECK-NEXT:   (export "asyncify_stop_unwind" (func $asyncify_stop_unwind))
;; CHECK-NEXT:   (export "asyncify_start_rewind" (func $asyncify_start_rewind))
;; CHECK-NEXT:   (export "asyncify_stop_rewind" (func $asyncify_stop_rewind))
;; CHECK-NEXT:   (export "asyncify_get_state" (func $asyncify_get_state))
;; CHECK-NEXT:   (elem (;0;) (i32.const 0) func $callee))
(module
  (import "env" "sleep" (func $sleep (param i32) (result i32)))
  (type $t (func (param i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $callee)
  (memory 1)
  (func $callee (type $t) (call $sleep (local.get 0)))
  (func $f (export "f") (param $i i32) (result i32)
    (call_indirect (type $t) (i32.const 5) (local.get $i))))
