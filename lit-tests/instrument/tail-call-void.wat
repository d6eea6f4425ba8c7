;; A tail call without results in an instrumented function becomes the call
;; followed by `return`; the call must stay (regression: it disappeared).
;; RUN: %wasm-asyncify %s --imports env.log -g -S -o - | FileCheck %s
;; CHECK: (module
;; CHECK-NEXT:   (type (;0;) (func (param i32)))
;; CHECK-NEXT:   (type (;1;) (func))
;; CHECK-NEXT:   (type (;2;) (func (result i32)))
;; CHECK-NEXT:   (import "env" "log" (func $log (type 0)))
;; CHECK-NEXT:   (func $t (type 1)
;; CHECK-NEXT:     (local i32 i32 i32)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.eq
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:         (i32.const 2))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (local.set 1
;; CHECK-NEXT:           (i32.sub
;; CHECK-NEXT:             (i32.load
;; CHECK-NEXT:               (global.get $__asyncify_data))
;; CHECK-NEXT:             (i32.const 4)))
;; CHECK-NEXT:         (local.set 0
;; CHECK-NEXT:           (i32.load
;; CHECK-NEXT:             (local.get 1)))
;; CHECK-NEXT:         (block  ;; label = @2
;; CHECK-NEXT:           (local.set 1
;; CHECK-NEXT:             (i32.sub
;; CHECK-NEXT:               (local.get 1)
;; CHECK-NEXT:               (i32.const 0))))
;; CHECK-NEXT:         (i32.store
;; CHECK-NEXT:           (global.get $__asyncify_data)
;; CHECK-NEXT:           (local.get 1))))
;; CHECK-NEXT:     (local.set 0
;; CHECK-NEXT:       (block (result i32)  ;; label = @1
;; CHECK-NEXT:         (block  ;; label = @2
;; CHECK-NEXT:           (block  ;; label = @3
;; CHECK-NEXT:             (call $log
;; CHECK-NEXT:               (i32.const 42))
;; CHECK-NEXT:             (if  ;; label = @4
;; CHECK-NEXT:               (i32.eq
;; CHECK-NEXT:                 (global.get $__asyncify_state)
;; CHECK-NEXT:                 (i32.const 1))
;; CHECK-NEXT:               (then
;; CHECK-NEXT:                 (br 3 (;@1;)
;; CHECK-NEXT:                   (i32.const 0)))))
;; CHECK-NEXT:           (return))
;; CHECK-NEXT:         (return)))
;; CHECK-NEXT:     (local.set 1
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:         (global.get $__asyncify_data)))
;; CHECK-NEXT:     (block  ;; label = @1
;; CHECK-NEXT:       (local.set 2
;; CHECK-NEXT:         (i32.add
;; CHECK-NEXT:           (local.get 1)
;; CHECK-NEXT:           (i32.const 4)))
;; CHECK-NEXT:       (if  ;; label = @2
;; CHECK-NEXT:         (i32.and
;; CHECK-NEXT:           (i32.le_u
;; CHECK-NEXT:             (local.get 2)
;; CHECK-NEXT:             (i32.load offset=4
;; CHECK-NEXT:               (global.get $__asyncify_data)))
;; CHECK-NEXT:           (i32.ge_u
;; CHECK-NEXT:             (local.get 2)
;; CHECK-NEXT:             (local.get 1)))
;; CHECK-NEXT:         (then
;; CHECK-NEXT:           (i32.store
;; CHECK-NEXT:             (local.get 1)
;; CHECK-NEXT:             (local.get 0)))))
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:       (global.get $__asyncify_data)
;; CHECK-NEXT:       (local.get 2))
;; CHECK-NEXT:     (return))
;; CHECK-NEXT:   (func $asyncify_start_unwind (type 0) (param i32)
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
;; CHECK-NEXT:   (func $asyncify_stop_unwind (type 1)
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
;; CHECK-NEXT:   (func $asyncify_start_rewind (type 0) (param i32)
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
;; CHECK-NEXT:   (func $asyncify_stop_rewind (type 1)
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
;; CHECK-NEXT:   (memory (;0;) 1)
;; CHECK-NEXT:   (global $__asyncify_state (mut i32) (i32.const 0))
;; CHECK-NEXT:   (global $__asyncify_data (mut i32) (i32.const 0))
;; CHECK-NEXT:   (export "t" (func $t))
;; CHECK-NEXT:   (export "asyncify_start_unwind" (func $asyncify_start_unwind))
;; CHECK-NEXT:   (export "asyncify_stop_unwind" (func $asyncify_stop_unwind))
;; CHECK-NEXT:   (export "asyncify_start_rewind" (func $asyncify_start_rewind))
;; CHECK-NEXT:   (export "asyncify_stop_rewind" (func $asyncify_stop_rewind))
;; CHECK-NEXT:   (export "asyncify_get_state" (func $asyncify_get_state)))
(module
  (import "env" "log" (func $log (param i32)))
  (memory 1)
  (func $t (export "t") (return_call $log (i32.const 42))))
