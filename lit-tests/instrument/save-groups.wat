;; Sites with different live sets get separate save and restore blocks, dispatched by index.
;; RUN: %wasm-asyncify %s --imports env.sleep  -g -S -o - | FileCheck %s
;; CHECK: (module
;; CHECK-NEXT:   (type (;0;) (func (param i32)))
;; CHECK-NEXT:   (type (;1;) (func))
;; CHECK-NEXT:   (type (;2;) (func (param i32) (result i32)))
;; CHECK-NEXT:   (type (;3;) (func (param i32 i64) (result i64)))
;; CHECK-NEXT:   (type (;4;) (func (result i32)))
;; CHECK-NEXT:   (import "env" "sleep" (func $sleep (type 2)))
;; CHECK-NEXT:   (func $f (type 3) (param $a i32) (param $b i64) (result i64)
;; CHECK-NEXT:     (local $r i32) (local i32 i32 i32 i32)
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
;; CHECK-NEXT:           (local.set $b
;; CHECK-NEXT:             (i64.load align=4
;; CHECK-NEXT:               (local.get 5)))
;; CHECK-NEXT:           (local.set $r
;; CHECK-NEXT:             (i32.load offset=8
;; CHECK-NEXT:               (local.get 5))))
;; CHECK-NEXT:         (i32.store
;; CHECK-NEXT:           (global.get $__asyncify_data)
;; CHECK-NEXT:           (local.get 5))))
;; CHECK-NEXT:     (local.set 4
;; CHECK-NEXT:       (block (result i32)  ;; label = @1
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (block (result i64)  ;; label = @2
;; CHECK-NEXT:             (block  ;; label = @3
;; CHECK-NEXT:               (if  ;; label = @4
;; CHECK-NEXT:                 (i32.eq
;; CHECK-NEXT:                   (global.get $__asyncify_state)
;; CHECK-NEXT:                   (i32.const 2))
;; CHECK-NEXT:                 (then
;; CHECK-NEXT:                   (br_if 1 (;@3;)
;; CHECK-NEXT:                     (i32.ge_u
;; CHECK-NEXT:                       (local.get 4)
;; CHECK-NEXT:                       (i32.const 1)))))
;; CHECK-NEXT:               (block  ;; label = @4
;; CHECK-NEXT:                 (local.set $r
;; CHECK-NEXT:                   (call $sleep
;; CHECK-NEXT:                     (local.get $a)))
;; CHECK-NEXT:                 (if  ;; label = @5
;; CHECK-NEXT:                   (i32.eq
;; CHECK-NEXT:                     (global.get $__asyncify_state)
;; CHECK-NEXT:                     (i32.const 1))
;; CHECK-NEXT:                   (then
;; CHECK-NEXT:                     (br 4 (;@1;)
;; CHECK-NEXT:                       (i32.const 0))))))
;; CHECK-NEXT:             (block (result i64)  ;; label = @3
;; CHECK-NEXT:               (block  ;; label = @4
;; CHECK-NEXT:                 (local.set 3
;; CHECK-NEXT:                   (call $sleep
;; CHECK-NEXT:                     (i32.const 2)))
;; CHECK-NEXT:                 (if  ;; label = @5
;; CHECK-NEXT:                   (i32.eq
;; CHECK-NEXT:                     (global.get $__asyncify_state)
;; CHECK-NEXT:                     (i32.const 1))
;; CHECK-NEXT:                   (then
;; CHECK-NEXT:                     (br 4 (;@1;)
;; CHECK-NEXT:                       (i32.const 1)))))
;; CHECK-NEXT:               (i64.add
;; CHECK-NEXT:                 (local.get $b)
;; CHECK-NEXT:                 (i64.extend_i32_u
;; CHECK-NEXT:                   (i32.add
;; CHECK-NEXT:                     (local.get $r)
;; CHECK-NEXT:                     (local.get 3)))))))))
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
;; CHECK-NEXT:           (i64.store align=4
;; CHECK-NEXT:             (local.get 5)
;; CHECK-NEXT:             (local.get $b))
;; CHECK-NEXT:           (i32.store offset=8
;; CHECK-NEXT:             (local.get 5)
;; CHECK-NEXT:             (local.get $r))
;; CHECK-NEXT:           (i32.store offset=12
;; CHECK-NEXT:             (local.get 5)
;; CHECK-NEXT:             (local.get 4)))))
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:       (global.get $__asyncify_data)
;; CHECK-NEXT:       (local.get 6))
;; CHECK-NEXT:     (return
;; CHECK-NEXT:       (i64.const 0)))
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
;; CHECK-NEXT:   (func $asyncify_get_state (type 4) (result i32)
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
  (func $f (export "f") (param $a i32) (param $b i64) (result i64)
    (local $r i32)
    (local.set $r (call $sleep (local.get $a)))
    (i64.add (local.get $b)
      (i64.extend_i32_u (i32.add (local.get $r) (call $sleep (i32.const 2)))))))
