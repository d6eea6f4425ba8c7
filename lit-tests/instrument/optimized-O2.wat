;; Optimized output (-O2): the instrumentation after Binaryen's function optimizer.
;; RUN: %wasm-asyncify %s --imports env.sleep -O2 -g -S -o - | FileCheck %s
;; CHECK: (module
;; CHECK-NEXT:   (type (;0;) (func (param i32) (result i32)))
;; CHECK-NEXT:   (type (;1;) (func (param i32)))
;; CHECK-NEXT:   (type (;2;) (func))
;; CHECK-NEXT:   (type (;3;) (func (result i32)))
;; CHECK-NEXT:   (import "env" "sleep" (func $sleep (type 0)))
;; CHECK-NEXT:   (func $fib (type 0) (param i32) (result i32)
;; CHECK-NEXT:     (local i32 i32 i32 i32)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.eq
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:         (i32.const 2))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (block  ;; label = @2
;; CHECK-NEXT:           (block  ;; label = @3
;; CHECK-NEXT:             (block  ;; label = @4
;; CHECK-NEXT:               (br_table 0 (;@4;) 0 (;@4;) 1 (;@3;)
;; CHECK-NEXT:                 (local.tee 3
;; CHECK-NEXT:                   (i32.load
;; CHECK-NEXT:                     (local.tee 1
;; CHECK-NEXT:                       (i32.sub
;; CHECK-NEXT:                         (i32.load
;; CHECK-NEXT:                           (global.get $__asyncify_data))
;; CHECK-NEXT:                         (i32.const 4)))))))
;; CHECK-NEXT:             (local.set 0
;; CHECK-NEXT:               (i32.load
;; CHECK-NEXT:                 (local.tee 1
;; CHECK-NEXT:                   (i32.sub
;; CHECK-NEXT:                     (local.get 1)
;; CHECK-NEXT:                     (i32.const 4)))))
;; CHECK-NEXT:             (br 1 (;@2;)))
;; CHECK-NEXT:           (local.set 4
;; CHECK-NEXT:             (i32.load
;; CHECK-NEXT:               (local.tee 1
;; CHECK-NEXT:                 (i32.sub
;; CHECK-NEXT:                   (local.get 1)
;; CHECK-NEXT:                   (i32.const 4))))))
;; CHECK-NEXT:         (i32.store
;; CHECK-NEXT:           (global.get $__asyncify_data)
;; CHECK-NEXT:           (local.get 1))))
;; CHECK-NEXT:     (local.set 3
;; CHECK-NEXT:       (block (result i32)  ;; label = @1
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (if (result i32)  ;; label = @2
;; CHECK-NEXT:             (select
;; CHECK-NEXT:               (i32.eqz
;; CHECK-NEXT:                 (local.get 3))
;; CHECK-NEXT:               (i32.lt_s
;; CHECK-NEXT:                 (local.get 0)
;; CHECK-NEXT:                 (i32.const 2))
;; CHECK-NEXT:               (i32.eq
;; CHECK-NEXT:                 (global.get $__asyncify_state)
;; CHECK-NEXT:                 (i32.const 2)))
;; CHECK-NEXT:             (then
;; CHECK-NEXT:               (local.set 1
;; CHECK-NEXT:                 (call $sleep
;; CHECK-NEXT:                   (local.get 0)))
;; CHECK-NEXT:               (drop
;; CHECK-NEXT:                 (br_if 1 (;@1;)
;; CHECK-NEXT:                   (i32.const 0)
;; CHECK-NEXT:                   (i32.eq
;; CHECK-NEXT:                     (global.get $__asyncify_state)
;; CHECK-NEXT:                     (i32.const 1))))
;; CHECK-NEXT:               (i32.add
;; CHECK-NEXT:                 (local.get 0)
;; CHECK-NEXT:                 (local.get 1)))
;; CHECK-NEXT:             (else
;; CHECK-NEXT:               (block  ;; label = @3
;; CHECK-NEXT:                 (block  ;; label = @4
;; CHECK-NEXT:                   (if  ;; label = @5
;; CHECK-NEXT:                     (i32.eq
;; CHECK-NEXT:                       (global.get $__asyncify_state)
;; CHECK-NEXT:                       (i32.const 2))
;; CHECK-NEXT:                     (then
;; CHECK-NEXT:                       (br_if 2 (;@3;)
;; CHECK-NEXT:                         (i32.ge_u
;; CHECK-NEXT:                           (local.get 3)
;; CHECK-NEXT:                           (i32.const 2)))
;; CHECK-NEXT:                       (br 1 (;@4;))))
;; CHECK-NEXT:                   (local.set 2
;; CHECK-NEXT:                     (i32.sub
;; CHECK-NEXT:                       (local.get 0)
;; CHECK-NEXT:                       (i32.const 1))))
;; CHECK-NEXT:                 (local.set 4
;; CHECK-NEXT:                   (call $fib
;; CHECK-NEXT:                     (local.get 2)))
;; CHECK-NEXT:                 (drop
;; CHECK-NEXT:                   (br_if 2 (;@1;)
;; CHECK-NEXT:                     (i32.const 1)
;; CHECK-NEXT:                     (i32.eq
;; CHECK-NEXT:                       (global.get $__asyncify_state)
;; CHECK-NEXT:                       (i32.const 1))))
;; CHECK-NEXT:                 (local.set 2
;; CHECK-NEXT:                   (i32.sub
;; CHECK-NEXT:                     (local.get 0)
;; CHECK-NEXT:                     (i32.const 2))))
;; CHECK-NEXT:               (local.set 1
;; CHECK-NEXT:                 (call $fib
;; CHECK-NEXT:                   (local.get 2)))
;; CHECK-NEXT:               (drop
;; CHECK-NEXT:                 (br_if 1 (;@1;)
;; CHECK-NEXT:                   (i32.const 2)
;; CHECK-NEXT:                   (i32.eq
;; CHECK-NEXT:                     (global.get $__asyncify_state)
;; CHECK-NEXT:                     (i32.const 1))))
;; CHECK-NEXT:               (i32.add
;; CHECK-NEXT:                 (local.get 1)
;; CHECK-NEXT:                 (local.get 4)))))))
;; CHECK-NEXT:     (local.set 1
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:         (global.get $__asyncify_data)))
;; CHECK-NEXT:     (block  ;; label = @1
;; CHECK-NEXT:       (block  ;; label = @2
;; CHECK-NEXT:         (block  ;; label = @3
;; CHECK-NEXT:           (br_table 0 (;@3;) 0 (;@3;) 1 (;@2;)
;; CHECK-NEXT:             (local.get 3)))
;; CHECK-NEXT:         (if  ;; label = @3
;; CHECK-NEXT:           (i32.and
;; CHECK-NEXT:             (i32.ge_u
;; CHECK-NEXT:               (local.tee 2
;; CHECK-NEXT:                 (i32.add
;; CHECK-NEXT:                   (local.get 1)
;; CHECK-NEXT:                   (i32.const 8)))
;; CHECK-NEXT:               (local.get 1))
;; CHECK-NEXT:             (i32.le_u
;; CHECK-NEXT:               (local.get 2)
;; CHECK-NEXT:               (i32.load offset=4
;; CHECK-NEXT:                 (global.get $__asyncify_data))))
;; CHECK-NEXT:           (then
;; CHECK-NEXT:             (i32.store
;; CHECK-NEXT:               (local.get 1)
;; CHECK-NEXT:               (local.get 0))
;; CHECK-NEXT:             (i32.store offset=4
;; CHECK-NEXT:               (local.get 1)
;; CHECK-NEXT:               (local.get 3))))
;; CHECK-NEXT:         (br 1 (;@1;)))
;; CHECK-NEXT:       (if  ;; label = @2
;; CHECK-NEXT:         (i32.and
;; CHECK-NEXT:           (i32.ge_u
;; CHECK-NEXT:             (local.tee 2
;; CHECK-NEXT:               (i32.add
;; CHECK-NEXT:                 (local.get 1)
;; CHECK-NEXT:                 (i32.const 8)))
;; CHECK-NEXT:             (local.get 1))
;; CHECK-NEXT:           (i32.le_u
;; CHECK-NEXT:             (local.get 2)
;; CHECK-NEXT:             (i32.load offset=4
;; CHECK-NEXT:               (global.get $__asyncify_data))))
;; CHECK-NEXT:         (then
;; CHECK-NEXT:           (i32.store
;; CHECK-NEXT:             (local.get 1)
;; CHECK-NEXT:             (local.get 4))
;; CHECK-NEXT:           (i32.store offset=4
;; CHECK-NEXT:             (local.get 1)
;; CHECK-NEXT:             (local.get 3)))))
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:       (global.get $__asyncify_data)
;; CHECK-NEXT:       (local.get 2))
;; CHECK-NEXT:     (i32.const 0))
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
;; CHECK-NEXT:   (export "fib" (func $fib))
;; CHECK-NEXT:   (export "asyncify_start_unwind" (func $asyncify_start_unwind))
;; CHECK-NEXT:   (export "asyncify_stop_unwind" (func $asyncify_stop_unwind))
;; CHECK-NEXT:   (export "asyncify_start_rewind" (func $asyncify_start_rewind))
;; CHECK-NEXT:   (export "asyncify_stop_rewind" (func $asyncify_stop_rewind))
;; CHECK-NEXT:   (export "asyncify_get_state" (func $asyncify_get_state)))
(module
  (import "env" "sleep" (func $sleep (param i32) (result i32)))
  (memory 1)
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_s (local.get $n) (i32.const 2))
      (then (i32.add (local.get $n) (call $sleep (local.get $n))))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2))))))))
