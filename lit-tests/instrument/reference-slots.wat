;; References live across a call that can unwind: the frame holds an i32
;; handle for each (from __asyncify_put_T, read back by __asyncify_take_T),
;; the values themselves wait in a table of their type (passes/RefSlots.cpp).
;; A null externref and a null funcref both take the handle -1 and no slot.
;; RUN: %wasm-asyncify %s --imports env.sleep -g -S -o - | FileCheck %s
;; CHECK: (module
;; CHECK-NEXT:   (type (;0;) (func (param i32)))
;; CHECK-NEXT:   (type (;1;) (func))
;; CHECK-NEXT:   (type (;2;) (func (param i32) (result i32)))
;; CHECK-NEXT:   (type (;3;) (func (param externref) (result externref)))
;; CHECK-NEXT:   (type (;4;) (func (result i32)))
;; CHECK-NEXT:   (type (;5;) (func (param externref) (result i32)))
;; CHECK-NEXT:   (type (;6;) (func (param i32) (result externref)))
;; CHECK-NEXT:   (type (;7;) (func (param funcref) (result i32)))
;; CHECK-NEXT:   (type (;8;) (func (param i32) (result funcref)))
;; CHECK-NEXT:   (import "env" "sleep" (func $sleep (type 2)))
;; CHECK-NEXT:   (func $f (type 3) (param $r externref) (result externref)
;; CHECK-NEXT:     (local $keep externref) (local $fn funcref) (local i32 i32 i32)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.eq
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:         (i32.const 2))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (local.set 4
;; CHECK-NEXT:           (i32.sub
;; CHECK-NEXT:             (i32.load
;; CHECK-NEXT:               (global.get $__asyncify_data))
;; CHECK-NEXT:             (i32.const 4)))
;; CHECK-NEXT:         (local.set 3
;; CHECK-NEXT:           (i32.load
;; CHECK-NEXT:             (local.get 4)))
;; CHECK-NEXT:         (block  ;; label = @2
;; CHECK-NEXT:           (local.set 4
;; CHECK-NEXT:             (i32.sub
;; CHECK-NEXT:               (local.get 4)
;; CHECK-NEXT:               (i32.const 8)))
;; CHECK-NEXT:           (local.set $keep
;; CHECK-NEXT:             (call $__asyncify_take_externref
;; CHECK-NEXT:               (i32.load
;; CHECK-NEXT:                 (local.get 4))))
;; CHECK-NEXT:           (local.set $fn
;; CHECK-NEXT:             (call $__asyncify_take_funcref
;; CHECK-NEXT:               (i32.load offset=4
;; CHECK-NEXT:                 (local.get 4)))))
;; CHECK-NEXT:         (i32.store
;; CHECK-NEXT:           (global.get $__asyncify_data)
;; CHECK-NEXT:           (local.get 4))))
;; CHECK-NEXT:     (local.set 3
;; CHECK-NEXT:       (block (result i32)  ;; label = @1
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (block (result externref)  ;; label = @2
;; CHECK-NEXT:             (block  ;; label = @3
;; CHECK-NEXT:               (if  ;; label = @4
;; CHECK-NEXT:                 (i32.eq
;; CHECK-NEXT:                   (global.get $__asyncify_state)
;; CHECK-NEXT:                   (i32.const 2))
;; CHECK-NEXT:                 (then
;; CHECK-NEXT:                   (br 1 (;@3;))))
;; CHECK-NEXT:               (local.set $keep
;; CHECK-NEXT:                 (local.get $r))
;; CHECK-NEXT:               (local.set $fn
;; CHECK-NEXT:                 (table.get $fns
;; CHECK-NEXT:                   (i32.const 0))))
;; CHECK-NEXT:             (block  ;; label = @3
;; CHECK-NEXT:               (drop
;; CHECK-NEXT:                 (call $sleep
;; CHECK-NEXT:                   (i32.const 1)))
;; CHECK-NEXT:               (if  ;; label = @4
;; CHECK-NEXT:                 (i32.eq
;; CHECK-NEXT:                   (global.get $__asyncify_state)
;; CHECK-NEXT:                   (i32.const 1))
;; CHECK-NEXT:                 (then
;; CHECK-NEXT:                   (br 3 (;@1;)
;; CHECK-NEXT:                     (i32.const 0)))))
;; CHECK-NEXT:             (table.set $fns
;; CHECK-NEXT:               (i32.const 0)
;; CHECK-NEXT:               (local.get $fn))
;; CHECK-NEXT:             (local.get $keep)))))
;; CHECK-NEXT:     (local.set 4
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:         (global.get $__asyncify_data)))
;; CHECK-NEXT:     (block  ;; label = @1
;; CHECK-NEXT:       (local.set 5
;; CHECK-NEXT:         (i32.add
;; CHECK-NEXT:           (local.get 4)
;; CHECK-NEXT:           (i32.const 12)))
;; CHECK-NEXT:       (if  ;; label = @2
;; CHECK-NEXT:         (i32.and
;; CHECK-NEXT:           (i32.le_u
;; CHECK-NEXT:             (local.get 5)
;; CHECK-NEXT:             (i32.load offset=4
;; CHECK-NEXT:               (global.get $__asyncify_data)))
;; CHECK-NEXT:           (i32.ge_u
;; CHECK-NEXT:             (local.get 5)
;; CHECK-NEXT:             (local.get 4)))
;; CHECK-NEXT:         (then
;; CHECK-NEXT:           (i32.store
;; CHECK-NEXT:             (local.get 4)
;; CHECK-NEXT:             (call $__asyncify_put_externref
;; CHECK-NEXT:               (local.get $keep)))
;; CHECK-NEXT:           (i32.store offset=4
;; CHECK-NEXT:             (local.get 4)
;; CHECK-NEXT:             (call $__asyncify_put_funcref
;; CHECK-NEXT:               (local.get $fn)))
;; CHECK-NEXT:           (i32.store offset=8
;; CHECK-NEXT:             (local.get 4)
;; CHECK-NEXT:             (local.get 3)))))
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:       (global.get $__asyncify_data)
;; CHECK-NEXT:       (local.get 5))
;; CHECK-NEXT:     (return
;; CHECK-NEXT:       (ref.null extern)))
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
;; CHECK-NEXT:   (func $__asyncify_put_externref (type 5) (param externref) (result i32)
;; CHECK-NEXT:     (local i32 i32)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (ref.is_null
;; CHECK-NEXT:         (local.get 0))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (i32.const -1))))
;; CHECK-NEXT:     (local.set 2
;; CHECK-NEXT:       (table.size $__asyncify_externref_slots))
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.ge_u
;; CHECK-NEXT:         (i32.shl
;; CHECK-NEXT:           (global.get $__asyncify_externref_slots_live)
;; CHECK-NEXT:           (i32.const 1))
;; CHECK-NEXT:         (local.get 2))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (if  ;; label = @2
;; CHECK-NEXT:           (i32.eq
;; CHECK-NEXT:             (table.grow $__asyncify_externref_slots
;; CHECK-NEXT:               (ref.null extern)
;; CHECK-NEXT:               (select
;; CHECK-NEXT:                 (local.get 2)
;; CHECK-NEXT:                 (i32.const 16)
;; CHECK-NEXT:                 (local.get 2)))
;; CHECK-NEXT:             (i32.const -1))
;; CHECK-NEXT:           (then
;; CHECK-NEXT:             (unreachable)))
;; CHECK-NEXT:         (local.set 2
;; CHECK-NEXT:           (table.size $__asyncify_externref_slots))))
;; CHECK-NEXT:     (local.set 1
;; CHECK-NEXT:       (global.get $__asyncify_externref_slots_hint))
;; CHECK-NEXT:     (loop  ;; label = @1
;; CHECK-NEXT:       (if  ;; label = @2
;; CHECK-NEXT:         (i32.ge_u
;; CHECK-NEXT:           (local.get 1)
;; CHECK-NEXT:           (local.get 2))
;; CHECK-NEXT:         (then
;; CHECK-NEXT:           (local.set 1
;; CHECK-NEXT:             (i32.const 0))))
;; CHECK-NEXT:       (if  ;; label = @2
;; CHECK-NEXT:         (i32.eqz
;; CHECK-NEXT:           (ref.is_null
;; CHECK-NEXT:             (table.get $__asyncify_externref_slots
;; CHECK-NEXT:               (local.get 1))))
;; CHECK-NEXT:         (then
;; CHECK-NEXT:           (local.set 1
;; CHECK-NEXT:             (i32.add
;; CHECK-NEXT:               (local.get 1)
;; CHECK-NEXT:               (i32.const 1)))
;; CHECK-NEXT:           (br 1 (;@1;)))))
;; CHECK-NEXT:     (table.set $__asyncify_externref_slots
;; CHECK-NEXT:       (local.get 1)
;; CHECK-NEXT:       (local.get 0))
;; CHECK-NEXT:     (global.set $__asyncify_externref_slots_hint
;; CHECK-NEXT:       (i32.add
;; CHECK-NEXT:         (local.get 1)
;; CHECK-NEXT:         (i32.const 1)))
;; CHECK-NEXT:     (global.set $__asyncify_externref_slots_live
;; CHECK-NEXT:       (i32.add
;; CHECK-NEXT:         (global.get $__asyncify_externref_slots_live)
;; CHECK-NEXT:         (i32.const 1)))
;; CHECK-NEXT:     (local.get 1))
;; CHECK-NEXT:   (func $__asyncify_take_externref (type 6) (param i32) (result externref)
;; CHECK-NEXT:     (local externref)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.lt_s
;; CHECK-NEXT:         (local.get 0)
;; CHECK-NEXT:         (i32.const 0))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (ref.null extern))))
;; CHECK-NEXT:     (local.set 1
;; CHECK-NEXT:       (table.get $__asyncify_externref_slots
;; CHECK-NEXT:         (local.get 0)))
;; CHECK-NEXT:     (table.set $__asyncify_externref_slots
;; CHECK-NEXT:       (local.get 0)
;; CHECK-NEXT:       (ref.null extern))
;; CHECK-NEXT:     (global.set $__asyncify_externref_slots_live
;; CHECK-NEXT:       (i32.sub
;; CHECK-NEXT:         (global.get $__asyncify_externref_slots_live)
;; CHECK-NEXT:         (i32.const 1)))
;; CHECK-NEXT:     (local.get 1))
;; CHECK-NEXT:   (func $__asyncify_put_funcref (type 7) (param funcref) (result i32)
;; CHECK-NEXT:     (local i32 i32)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (ref.is_null
;; CHECK-NEXT:         (local.get 0))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (i32.const -1))))
;; CHECK-NEXT:     (local.set 2
;; CHECK-NEXT:       (table.size $__asyncify_funcref_slots))
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.ge_u
;; CHECK-NEXT:         (i32.shl
;; CHECK-NEXT:           (global.get $__asyncify_funcref_slots_live)
;; CHECK-NEXT:           (i32.const 1))
;; CHECK-NEXT:         (local.get 2))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (if  ;; label = @2
;; CHECK-NEXT:           (i32.eq
;; CHECK-NEXT:             (table.grow $__asyncify_funcref_slots
;; CHECK-NEXT:               (ref.null func)
;; CHECK-NEXT:               (select
;; CHECK-NEXT:                 (local.get 2)
;; CHECK-NEXT:                 (i32.const 16)
;; CHECK-NEXT:                 (local.get 2)))
;; CHECK-NEXT:             (i32.const -1))
;; CHECK-NEXT:           (then
;; CHECK-NEXT:             (unreachable)))
;; CHECK-NEXT:         (local.set 2
;; CHECK-NEXT:           (table.size $__asyncify_funcref_slots))))
;; CHECK-NEXT:     (local.set 1
;; CHECK-NEXT:       (global.get $__asyncify_funcref_slots_hint))
;; CHECK-NEXT:     (loop  ;; label = @1
;; CHECK-NEXT:       (if  ;; label = @2
;; CHECK-NEXT:         (i32.ge_u
;; CHECK-NEXT:           (local.get 1)
;; CHECK-NEXT:           (local.get 2))
;; CHECK-NEXT:         (then
;; CHECK-NEXT:           (local.set 1
;; CHECK-NEXT:             (i32.const 0))))
;; CHECK-NEXT:       (if  ;; label = @2
;; CHECK-NEXT:         (i32.eqz
;; CHECK-NEXT:           (ref.is_null
;; CHECK-NEXT:             (table.get $__asyncify_funcref_slots
;; CHECK-NEXT:               (local.get 1))))
;; CHECK-NEXT:         (then
;; CHECK-NEXT:           (local.set 1
;; CHECK-NEXT:             (i32.add
;; CHECK-NEXT:               (local.get 1)
;; CHECK-NEXT:               (i32.const 1)))
;; CHECK-NEXT:           (br 1 (;@1;)))))
;; CHECK-NEXT:     (table.set $__asyncify_funcref_slots
;; CHECK-NEXT:       (local.get 1)
;; CHECK-NEXT:       (local.get 0))
;; CHECK-NEXT:     (global.set $__asyncify_funcref_slots_hint
;; CHECK-NEXT:       (i32.add
;; CHECK-NEXT:         (local.get 1)
;; CHECK-NEXT:         (i32.const 1)))
;; CHECK-NEXT:     (global.set $__asyncify_funcref_slots_live
;; CHECK-NEXT:       (i32.add
;; CHECK-NEXT:         (global.get $__asyncify_funcref_slots_live)
;; CHECK-NEXT:         (i32.const 1)))
;; CHECK-NEXT:     (local.get 1))
;; CHECK-NEXT:   (func $__asyncify_take_funcref (type 8) (param i32) (result funcref)
;; CHECK-NEXT:     (local funcref)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.lt_s
;; CHECK-NEXT:         (local.get 0)
;; CHECK-NEXT:         (i32.const 0))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (ref.null func))))
;; CHECK-NEXT:     (local.set 1
;; CHECK-NEXT:       (table.get $__asyncify_funcref_slots
;; CHECK-NEXT:         (local.get 0)))
;; CHECK-NEXT:     (table.set $__asyncify_funcref_slots
;; CHECK-NEXT:       (local.get 0)
;; CHECK-NEXT:       (ref.null func))
;; CHECK-NEXT:     (global.set $__asyncify_funcref_slots_live
;; CHECK-NEXT:       (i32.sub
;; CHECK-NEXT:         (global.get $__asyncify_funcref_slots_live)
;; CHECK-NEXT:         (i32.const 1)))
;; CHECK-NEXT:     (local.get 1))
;; CHECK-NEXT:   (table $fns 1 funcref)
;; CHECK-NEXT:   (table $__asyncify_externref_slots 0 externref)
;; CHECK-NEXT:   (table $__asyncify_funcref_slots 0 funcref)
;; CHECK-NEXT:   (memory (;0;) 1)
;; CHECK-NEXT:   (global $__asyncify_state (mut i32) (i32.const 0))
;; CHECK-NEXT:   (global $__asyncify_data (mut i32) (i32.const 0))
;; CHECK-NEXT:   (global $__asyncify_externref_slots_live (mut i32) (i32.const 0))
;; CHECK-NEXT:   (global $__asyncify_externref_slots_hint (mut i32) (i32.const 0))
;; CHECK-NEXT:   (global $__asyncify_funcref_slots_live (mut i32) (i32.const 0))
;; CHECK-NEXT:   (global $__asyncify_funcref_slots_hint (mut i32) (i32.const 0))
;; CHECK-NEXT:   (export "f" (func $f))
;; CHECK-NEXT:   (export "asyncify_start_unwind" (func $asyncify_start_unwind))
;; CHECK-NEXT:   (export "asyncify_stop_unwind" (func $asyncify_stop_unwind))
;; CHECK-NEXT:   (export "asyncify_start_rewind" (func $asyncify_start_rewind))
;; CHECK-NEXT:   (export "asyncify_stop_rewind" (func $asyncify_stop_rewind))
;; CHECK-NEXT:   (export "asyncify_get_state" (func $asyncify_get_state)))
(module
  (import "env" "sleep" (func $sleep (param i32) (result i32)))
  (memory 1)
  (table $fns 1 funcref)
  (func $f (export "f") (param $r externref) (result externref)
    (local $keep externref)
    (local $fn funcref)
    (local.set $keep (local.get $r))
    (local.set $fn (table.get $fns (i32.const 0)))
    (drop (call $sleep (i32.const 1)))
    (table.set $fns (i32.const 0) (local.get $fn))
    (local.get $keep)))
