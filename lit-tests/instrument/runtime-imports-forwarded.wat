;; In-module runtime imports become forwarders to the exported runtime; their callers are leaves.
;; RUN: %wasm-asyncify %s --imports env.sleep  -g -S -o - | FileCheck %s
;; CHECK: (module
;; CHECK-NEXT:   (type (;0;) (func))
;; CHECK-NEXT:   (type (;1;) (func (param i32)))
;; CHECK-NEXT:   (type (;2;) (func (result i32)))
;; CHECK-NEXT:   (type (;3;) (func (param i32) (result i32)))
;; CHECK-NEXT:   (func $yield (type 0)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (global.get $sleeping)
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (call $stop_rewind)
;; CHECK-NEXT:         (global.set $sleeping
;; CHECK-NEXT:           (i32.const 0)))
;; CHECK-NEXT:       (else
;; CHECK-NEXT:         (call $start_unwind
;; CHECK-NEXT:           (i32.const 16))
;; CHECK-NEXT:         (global.set $sleeping
;; CHECK-NEXT:           (i32.const 1)))))
;; CHECK-NEXT:   (func $coroutine (type 3) (param $n i32) (result i32)
;; CHECK-NEXT:     (local i32 i32 i32)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.eq
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:         (i32.const 2))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (local.set 2
;; CHECK-NEXT:           (i32.sub
;; CHECK-NEXT:             (i32.load
;; CHECK-NEXT:               (global.get $__asyncify_data))
;; CHECK-NEXT:             (i32.const 4)))
;; CHECK-NEXT:         (local.set 1
;; CHECK-NEXT:           (i32.load
;; CHECK-NEXT:             (local.get 2)))
;; CHECK-NEXT:         (block  ;; label = @2
;; CHECK-NEXT:           (local.set 2
;; CHECK-NEXT:             (i32.sub
;; CHECK-NEXT:               (local.get 2)
;; CHECK-NEXT:               (i32.const 4)))
;; CHECK-NEXT:           (local.set $n
;; CHECK-NEXT:             (i32.load
;; CHECK-NEXT:               (local.get 2))))
;; CHECK-NEXT:         (i32.store
;; CHECK-NEXT:           (global.get $__asyncify_data)
;; CHECK-NEXT:           (local.get 2))))
;; CHECK-NEXT:     (local.set 1
;; CHECK-NEXT:       (block (result i32)  ;; label = @1
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (block (result i32)  ;; label = @2
;; CHECK-NEXT:             (block  ;; label = @3
;; CHECK-NEXT:               (call $yield)
;; CHECK-NEXT:               (if  ;; label = @4
;; CHECK-NEXT:                 (i32.eq
;; CHECK-NEXT:                   (global.get $__asyncify_state)
;; CHECK-NEXT:                   (i32.const 1))
;; CHECK-NEXT:                 (then
;; CHECK-NEXT:                   (br 3 (;@1;)
;; CHECK-NEXT:                     (i32.const 0)))))
;; CHECK-NEXT:             (i32.add
;; CHECK-NEXT:               (local.get $n)
;; CHECK-NEXT:               (call $get_state))))))
;; CHECK-NEXT:     (local.set 2
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:         (global.get $__asyncify_data)))
;; CHECK-NEXT:     (block  ;; label = @1
;; CHECK-NEXT:       (local.set 3
;; CHECK-NEXT:         (i32.add
;; CHECK-NEXT:           (local.get 2)
;; CHECK-NEXT:           (i32.const 8)))
;; CHECK-NEXT:       (if  ;; label = @2
;; CHECK-NEXT:         (i32.and
;; CHECK-NEXT:           (i32.le_u
;; CHECK-NEXT:             (local.get 3)
;; CHECK-NEXT:             (i32.load offset=4
;; CHECK-NEXT:               (global.get $__asyncify_data)))
;; CHECK-NEXT:           (i32.ge_u
;; CHECK-NEXT:             (local.get 3)
;; CHECK-NEXT:             (local.get 2)))
;; CHECK-NEXT:         (then
;; CHECK-NEXT:           (i32.store
;; CHECK-NEXT:             (local.get 2)
;; CHECK-NEXT:             (local.get $n))
;; CHECK-NEXT:           (i32.store offset=4
;; CHECK-NEXT:             (local.get 2)
;; CHECK-NEXT:             (local.get 1)))))
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:       (global.get $__asyncify_data)
;; CHECK-NEXT:       (local.get 3))
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
;; CHECK-NEXT:   (func $asyncify_stop_unwind (type 0)
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
;; CHECK-NEXT:   (func $asyncify_stop_rewind (type 0)
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
;; CHECK-NEXT:   (func $asyncify_get_state (type 2) (result i32)
;; CHECK-NEXT:     (global.get $__asyncify_state))
;; CHECK-NEXT:   (func $start_unwind (type 1) (param i32)
;; CHECK-NEXT:     (call $asyncify_start_unwind
;; CHECK-NEXT:       (local.get 0)))
;; CHECK-NEXT:   (func $stop_rewind (type 0)
;; CHECK-NEXT:     (call $asyncify_stop_rewind))
;; CHECK-NEXT:   (func $get_state (type 2) (result i32)
;; CHECK-NEXT:     (call $asyncify_get_state))
;; CHECK-NEXT:   (memory (;0;) 1)
;; CHECK-NEXT:   (global $sleeping (mut i32) (i32.const 0))
;; CHECK-NEXT:   (global $__asyncify_state (mut i32) (i32.const 0))
;; CHECK-NEXT:   (global $__asyncify_data (mut i32) (i32.const 0))
;; CHECK-NEXT:   (export "coroutine" (func $coroutine))
;; CHECK-NEXT:   (export "asyncify_start_unwind" (func $asyncify_start_unwind))
;; CHECK-NEXT:   (export "asyncify_stop_unwind" (func $asyncify_stop_unwind))
;; CHECK-NEXT:   (export "asyncify_start_rewind" (func $asyncify_start_rewind))
;; CHECK-NEXT:   (export "asyncify_stop_rewind" (func $asyncify_stop_rewind))
;; CHECK-NEXT:   (export "asyncify_get_state" (func $asyncify_get_state)))
(module
  (import "asyncify" "start_unwind" (func $start_unwind (param i32)))
  (import "asyncify" "stop_rewind" (func $stop_rewind))
  (import "asyncify" "get_state" (func $get_state (result i32)))
  (memory 1)
  (global $sleeping (mut i32) (i32.const 0))
  (func $yield
    (if (global.get $sleeping)
      (then (call $stop_rewind) (global.set $sleeping (i32.const 0)))
      (else (call $start_unwind (i32.const 16)) (global.set $sleeping (i32.const 1)))))
  (func $coroutine (export "coroutine") (param $n i32) (result i32)
    (call $yield)
    (i32.add (local.get $n) (call $get_state))))
