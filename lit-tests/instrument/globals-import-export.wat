;; --import-globals and --export-globals, for dynamically linked modules.
;; RUN: %wasm-asyncify %s --imports env.sleep --import-globals -g -S -o - | FileCheck %s --check-prefix=IMPORT
;; IMPORT: (module
;; IMPORT-NEXT:   (type (;0;) (func))
;; IMPORT-NEXT:   (type (;1;) (func (param i32)))
;; IMPORT-NEXT:   (type (;2;) (func (param i32) (result i32)))
;; IMPORT-NEXT:   (type (;3;) (func (result i32)))
;; IMPORT-NEXT:   (import "env" "sleep" (func $sleep (type 2)))
;; IMPORT-NEXT:   (import "env" "__asyncify_state" (global (;0;) (mut i32)))
;; IMPORT-NEXT:   (import "env" "__asyncify_data" (global (;1;) (mut i32)))
;; IMPORT-NEXT:   (func $f (type 0)
;; IMPORT-NEXT:     (local i32 i32 i32)
;; IMPORT-NEXT:     (if  ;; label = @1
;; IMPORT-NEXT:       (i32.eq
;; IMPORT-NEXT:         (global.get 0)
;; IMPORT-NEXT:         (i32.const 2))
;; IMPORT-NEXT:       (then
;; IMPORT-NEXT:         (local.set 1
;; IMPORT-NEXT:           (i32.sub
;; IMPORT-NEXT:             (i32.load
;; IMPORT-NEXT:               (global.get 1))
;; IMPORT-NEXT:             (i32.const 4)))
;; IMPORT-NEXT:         (local.set 0
;; IMPORT-NEXT:           (i32.load
;; IMPORT-NEXT:             (local.get 1)))
;; IMPORT-NEXT:         (block  ;; label = @2
;; IMPORT-NEXT:           (local.set 1
;; IMPORT-NEXT:             (i32.sub
;; IMPORT-NEXT:               (local.get 1)
;; IMPORT-NEXT:               (i32.const 0))))
;; IMPORT-NEXT:         (i32.store
;; IMPORT-NEXT:           (global.get 1)
;; IMPORT-NEXT:           (local.get 1))))
;; IMPORT-NEXT:     (local.set 0
;; IMPORT-NEXT:       (block (result i32)  ;; label = @1
;; IMPORT-NEXT:         (block  ;; label = @2
;; IMPORT-NEXT:           (drop
;; IMPORT-NEXT:             (call $sleep
;; IMPORT-NEXT:               (i32.const 1)))
;; IMPORT-NEXT:           (if  ;; label = @3
;; IMPORT-NEXT:             (i32.eq
;; IMPORT-NEXT:               (global.get 0)
;; IMPORT-NEXT:               (i32.const 1))
;; IMPORT-NEXT:             (then
;; IMPORT-NEXT:               (br 2 (;@1;)
;; IMPORT-NEXT:                 (i32.const 0)))))
;; IMPORT-NEXT:         (return)))
;; IMPORT-NEXT:     (local.set 1
;; IMPORT-NEXT:       (i32.load
;; IMPORT-NEXT:         (global.get 1)))
;; IMPORT-NEXT:     (block  ;; label = @1
;; IMPORT-NEXT:       (local.set 2
;; IMPORT-NEXT:         (i32.add
;; IMPORT-NEXT:           (local.get 1)
;; IMPORT-NEXT:           (i32.const 4)))
;; IMPORT-NEXT:       (if  ;; label = @2
;; IMPORT-NEXT:         (i32.and
;; IMPORT-NEXT:           (i32.le_u
;; IMPORT-NEXT:             (local.get 2)
;; IMPORT-NEXT:             (i32.load offset=4
;; IMPORT-NEXT:               (global.get 1)))
;; IMPORT-NEXT:           (i32.ge_u
;; IMPORT-NEXT:             (local.get 2)
;; IMPORT-NEXT:             (local.get 1)))
;; IMPORT-NEXT:         (then
;; IMPORT-NEXT:           (i32.store
;; IMPORT-NEXT:             (local.get 1)
;; IMPORT-NEXT:             (local.get 0)))))
;; IMPORT-NEXT:     (i32.store
;; IMPORT-NEXT:       (global.get 1)
;; IMPORT-NEXT:       (local.get 2))
;; IMPORT-NEXT:     (return))
;; IMPORT-NEXT:   (func $asyncify_start_unwind (type 1) (param i32)
;; IMPORT-NEXT:     (global.set 0
;; IMPORT-NEXT:       (i32.const 1))
;; IMPORT-NEXT:     (global.set 1
;; IMPORT-NEXT:       (local.get 0))
;; IMPORT-NEXT:     (if  ;; label = @1
;; IMPORT-NEXT:       (i32.gt_u
;; IMPORT-NEXT:         (i32.load
;; IMPORT-NEXT:           (global.get 1))
;; IMPORT-NEXT:         (i32.load offset=4
;; IMPORT-NEXT:           (global.get 1)))
;; IMPORT-NEXT:       (then
;; IMPORT-NEXT:         (unreachable))))
;; IMPORT-NEXT:   (func $asyncify_stop_unwind (type 0)
;; IMPORT-NEXT:     (global.set 0
;; IMPORT-NEXT:       (i32.const 0))
;; IMPORT-NEXT:     (if  ;; label = @1
;; IMPORT-NEXT:       (i32.gt_u
;; IMPORT-NEXT:         (i32.load
;; IMPORT-NEXT:           (global.get 1))
;; IMPORT-NEXT:         (i32.load offset=4
;; IMPORT-NEXT:           (global.get 1)))
;; IMPORT-NEXT:       (then
;; IMPORT-NEXT:         (unreachable))))
;; IMPORT-NEXT:   (func $asyncify_start_rewind (type 1) (param i32)
;; IMPORT-NEXT:     (global.set 0
;; IMPORT-NEXT:       (i32.const 2))
;; IMPORT-NEXT:     (global.set 1
;; IMPORT-NEXT:       (local.get 0))
;; IMPORT-NEXT:     (if  ;; label = @1
;; IMPORT-NEXT:       (i32.gt_u
;; IMPORT-NEXT:         (i32.load
;; IMPORT-NEXT:           (global.get 1))
;; IMPORT-NEXT:         (i32.load offset=4
;; IMPORT-NEXT:           (global.get 1)))
;; IMPORT-NEXT:       (then
;; IMPORT-NEXT:         (unreachable))))
;; IMPORT-NEXT:   (func $asyncify_stop_rewind (type 0)
;; IMPORT-NEXT:     (global.set 0
;; IMPORT-NEXT:       (i32.const 0))
;; IMPORT-NEXT:     (if  ;; label = @1
;; IMPORT-NEXT:       (i32.gt_u
;; IMPORT-NEXT:         (i32.load
;; IMPORT-NEXT:           (global.get 1))
;; IMPORT-NEXT:         (i32.load offset=4
;; IMPORT-NEXT:           (global.get 1)))
;; IMPORT-NEXT:       (then
;; IMPORT-NEXT:         (unreachable))))
;; IMPORT-NEXT:   (func $asyncify_get_state (type 3) (result i32)
;; IMPORT-NEXT:     (global.get 0))
;; IMPORT-NEXT:   (memory (;0;) 1)
;; IMPORT-NEXT:   (export "f" (func $f))
;; IMPORT-NEXT:   (export "asyncify_start_unwind" (func $asyncify_start_unwind))
;; IMPORT-NEXT:   (export "asyncify_stop_unwind" (func $asyncify_stop_unwind))
;; IMPORT-NEXT:   (export "asyncify_start_rewind" (func $asyncify_start_rewind))
;; IMPORT-NEXT:   (export "asyncify_stop_rewind" (func $asyncify_stop_rewind))
;; IMPORT-NEXT:   (export "asyncify_get_state" (func $asyncify_get_state)))
;; RUN: %wasm-asyncify %s --imports env.sleep --export-globals -g -S -o - | FileCheck %s --check-prefix=EXPORT
;; EXPORT: (module
;; EXPORT-NEXT:   (type (;0;) (func))
;; EXPORT-NEXT:   (type (;1;) (func (param i32)))
;; EXPORT-NEXT:   (type (;2;) (func (param i32) (result i32)))
;; EXPORT-NEXT:   (type (;3;) (func (result i32)))
;; EXPORT-NEXT:   (import "env" "sleep" (func $sleep (type 2)))
;; EXPORT-NEXT:   (func $f (type 0)
;; EXPORT-NEXT:     (local i32 i32 i32)
;; EXPORT-NEXT:     (if  ;; label = @1
;; EXPORT-NEXT:       (i32.eq
;; EXPORT-NEXT:         (global.get $__asyncify_state)
;; EXPORT-NEXT:         (i32.const 2))
;; EXPORT-NEXT:       (then
;; EXPORT-NEXT:         (local.set 1
;; EXPORT-NEXT:           (i32.sub
;; EXPORT-NEXT:             (i32.load
;; EXPORT-NEXT:               (global.get $__asyncify_data))
;; EXPORT-NEXT:             (i32.const 4)))
;; EXPORT-NEXT:         (local.set 0
;; EXPORT-NEXT:           (i32.load
;; EXPORT-NEXT:             (local.get 1)))
;; EXPORT-NEXT:         (block  ;; label = @2
;; EXPORT-NEXT:           (local.set 1
;; EXPORT-NEXT:             (i32.sub
;; EXPORT-NEXT:               (local.get 1)
;; EXPORT-NEXT:               (i32.const 0))))
;; EXPORT-NEXT:         (i32.store
;; EXPORT-NEXT:           (global.get $__asyncify_data)
;; EXPORT-NEXT:           (local.get 1))))
;; EXPORT-NEXT:     (local.set 0
;; EXPORT-NEXT:       (block (result i32)  ;; label = @1
;; EXPORT-NEXT:         (block  ;; label = @2
;; EXPORT-NEXT:           (drop
;; EXPORT-NEXT:             (call $sleep
;; EXPORT-NEXT:               (i32.const 1)))
;; EXPORT-NEXT:           (if  ;; label = @3
;; EXPORT-NEXT:             (i32.eq
;; EXPORT-NEXT:               (global.get $__asyncify_state)
;; EXPORT-NEXT:               (i32.const 1))
;; EXPORT-NEXT:             (then
;; EXPORT-NEXT:               (br 2 (;@1;)
;; EXPORT-NEXT:                 (i32.const 0)))))
;; EXPORT-NEXT:         (return)))
;; EXPORT-NEXT:     (local.set 1
;; EXPORT-NEXT:       (i32.load
;; EXPORT-NEXT:         (global.get $__asyncify_data)))
;; EXPORT-NEXT:     (block  ;; label = @1
;; EXPORT-NEXT:       (local.set 2
;; EXPORT-NEXT:         (i32.add
;; EXPORT-NEXT:           (local.get 1)
;; EXPORT-NEXT:           (i32.const 4)))
;; EXPORT-NEXT:       (if  ;; label = @2
;; EXPORT-NEXT:         (i32.and
;; EXPORT-NEXT:           (i32.le_u
;; EXPORT-NEXT:             (local.get 2)
;; EXPORT-NEXT:             (i32.load offset=4
;; EXPORT-NEXT:               (global.get $__asyncify_data)))
;; EXPORT-NEXT:           (i32.ge_u
;; EXPORT-NEXT:             (local.get 2)
;; EXPORT-NEXT:             (local.get 1)))
;; EXPORT-NEXT:         (then
;; EXPORT-NEXT:           (i32.store
;; EXPORT-NEXT:             (local.get 1)
;; EXPORT-NEXT:             (local.get 0)))))
;; EXPORT-NEXT:     (i32.store
;; EXPORT-NEXT:       (global.get $__asyncify_data)
;; EXPORT-NEXT:       (local.get 2))
;; EXPORT-NEXT:     (return))
;; EXPORT-NEXT:   (func $asyncify_start_unwind (type 1) (param i32)
;; EXPORT-NEXT:     (global.set $__asyncify_state
;; EXPORT-NEXT:       (i32.const 1))
;; EXPORT-NEXT:     (global.set $__asyncify_data
;; EXPORT-NEXT:       (local.get 0))
;; EXPORT-NEXT:     (if  ;; label = @1
;; EXPORT-NEXT:       (i32.gt_u
;; EXPORT-NEXT:         (i32.load
;; EXPORT-NEXT:           (global.get $__asyncify_data))
;; EXPORT-NEXT:         (i32.load offset=4
;; EXPORT-NEXT:           (global.get $__asyncify_data)))
;; EXPORT-NEXT:       (then
;; EXPORT-NEXT:         (unreachable))))
;; EXPORT-NEXT:   (func $asyncify_stop_unwind (type 0)
;; EXPORT-NEXT:     (global.set $__asyncify_state
;; EXPORT-NEXT:       (i32.const 0))
;; EXPORT-NEXT:     (if  ;; label = @1
;; EXPORT-NEXT:       (i32.gt_u
;; EXPORT-NEXT:         (i32.load
;; EXPORT-NEXT:           (global.get $__asyncify_data))
;; EXPORT-NEXT:         (i32.load offset=4
;; EXPORT-NEXT:           (global.get $__asyncify_data)))
;; EXPORT-NEXT:       (then
;; EXPORT-NEXT:         (unreachable))))
;; EXPORT-NEXT:   (func $asyncify_start_rewind (type 1) (param i32)
;; EXPORT-NEXT:     (global.set $__asyncify_state
;; EXPORT-NEXT:       (i32.const 2))
;; EXPORT-NEXT:     (global.set $__asyncify_data
;; EXPORT-NEXT:       (local.get 0))
;; EXPORT-NEXT:     (if  ;; label = @1
;; EXPORT-NEXT:       (i32.gt_u
;; EXPORT-NEXT:         (i32.load
;; EXPORT-NEXT:           (global.get $__asyncify_data))
;; EXPORT-NEXT:         (i32.load offset=4
;; EXPORT-NEXT:           (global.get $__asyncify_data)))
;; EXPORT-NEXT:       (then
;; EXPORT-NEXT:         (unreachable))))
;; EXPORT-NEXT:   (func $asyncify_stop_rewind (type 0)
;; EXPORT-NEXT:     (global.set $__asyncify_state
;; EXPORT-NEXT:       (i32.const 0))
;; EXPORT-NEXT:     (if  ;; label = @1
;; EXPORT-NEXT:       (i32.gt_u
;; EXPORT-NEXT:         (i32.load
;; EXPORT-NEXT:           (global.get $__asyncify_data))
;; EXPORT-NEXT:         (i32.load offset=4
;; EXPORT-NEXT:           (global.get $__asyncify_data)))
;; EXPORT-NEXT:       (then
;; EXPORT-NEXT:         (unreachable))))
;; EXPORT-NEXT:   (func $asyncify_get_state (type 3) (result i32)
;; EXPORT-NEXT:     (global.get $__asyncify_state))
;; EXPORT-NEXT:   (memory (;0;) 1)
;; EXPORT-NEXT:   (global $__asyncify_state (mut i32) (i32.const 0))
;; EXPORT-NEXT:   (global $__asyncify_data (mut i32) (i32.const 0))
;; EXPORT-NEXT:   (export "f" (func $f))
;; EXPORT-NEXT:   (export "__asyncify_state" (global $__asyncify_state))
;; EXPORT-NEXT:   (export "__asyncify_data" (global $__asyncify_data))
;; EXPORT-NEXT:   (export "asyncify_start_unwind" (func $asyncify_start_unwind))
;; EXPORT-NEXT:   (export "asyncify_stop_unwind" (func $asyncify_stop_unwind))
;; EXPORT-NEXT:   (export "asyncify_start_rewind" (func $asyncify_start_rewind))
;; EXPORT-NEXT:   (export "asyncify_stop_rewind" (func $asyncify_stop_rewind))
;; EXPORT-NEXT:   (export "asyncify_get_state" (func $asyncify_get_state)))
(module
  (import "env" "sleep" (func $sleep (param i32) (result i32)))
  (memory 1)
  (func $f (export "f") (drop (call $sleep (i32.const 1)))))
