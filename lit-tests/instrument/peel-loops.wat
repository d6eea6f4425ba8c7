;; Rewind copies peel loops: a loop holding call sites becomes its first
;; iteration, rewritten with the state machine in a block carrying the loop's
;; label (so `br $loop` there enters the loop that follows), and the loop
;; itself, its labels renamed, with unwind checks only: after rewinding has
;; reached its call, the loop runs without rewinding checks.
;;
;; $nested: the inner loop (smaller) is peeled, in both the outer loop's first
;; iteration and in its later ones there is none; the outer loop does not fit
;; the budget (the copies may add at most the function's size) and keeps the
;; state machine. A br_table inside the loop targets renamed labels in the
;; fast copy. $forever cannot fall out of its loop: no exit block.
;;
;; A copy runs only from a rewind, so what comes before its first call site
;; never runs there: $prefix's copy starts at the `if` holding that call,
;; which, entered only while rewinding, tests the saved index alone and has
;; no else arm.
;; RUN: %wasm-asyncify %s --imports env.sleep --rewind-copies=all -g -S -o - | FileCheck %s
;; CHECK: (module
;; CHECK-NEXT:   (type (;0;) (func (param i32) (result i32)))
;; CHECK-NEXT:   (type (;1;) (func))
;; CHECK-NEXT:   (type (;2;) (func (param i32 i32) (result i32)))
;; CHECK-NEXT:   (type (;3;) (func (param i32)))
;; CHECK-NEXT:   (type (;4;) (func (result i32)))
;; CHECK-NEXT:   (import "env" "sleep" (func $sleep (type 1)))
;; CHECK-NEXT:   (func $nested (type 2) (param $n i32) (param $m i32) (result i32)
;; CHECK-NEXT:     (local $i i32) (local $j i32) (local $acc i32) (local i32 i32 i32)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.eq
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:         (i32.const 2))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (call $nested$asyncify_rewind
;; CHECK-NEXT:             (local.get $n)
;; CHECK-NEXT:             (local.get $m)))))
;; CHECK-NEXT:     (local.set 5
;; CHECK-NEXT:       (block (result i32)  ;; label = @1
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (block (result i32)  ;; label = @2
;; CHECK-NEXT:             (loop  ;; label = @3
;; CHECK-NEXT:               (local.set $j
;; CHECK-NEXT:                 (i32.const 0))
;; CHECK-NEXT:               (loop  ;; label = @4
;; CHECK-NEXT:                 (local.set $j
;; CHECK-NEXT:                   (i32.add
;; CHECK-NEXT:                     (local.get $j)
;; CHECK-NEXT:                     (i32.const 1)))
;; CHECK-NEXT:                 (block  ;; label = @5
;; CHECK-NEXT:                   (block  ;; label = @6
;; CHECK-NEXT:                     (br_table 0 (;@6;) 1 (;@5;) 2 (;@4;)
;; CHECK-NEXT:                       (i32.rem_u
;; CHECK-NEXT:                         (local.get $j)
;; CHECK-NEXT:                         (i32.const 3))))
;; CHECK-NEXT:                   (local.set $acc
;; CHECK-NEXT:                     (i32.add
;; CHECK-NEXT:                       (local.get $acc)
;; CHECK-NEXT:                       (i32.const 1)))
;; CHECK-NEXT:                   (block  ;; label = @6
;; CHECK-NEXT:                     (call $sleep)
;; CHECK-NEXT:                     (if  ;; label = @7
;; CHECK-NEXT:                       (i32.eq
;; CHECK-NEXT:                         (global.get $__asyncify_state)
;; CHECK-NEXT:                         (i32.const 1))
;; CHECK-NEXT:                       (then
;; CHECK-NEXT:                         (br 6 (;@1;)
;; CHECK-NEXT:                           (i32.const 0))))))
;; CHECK-NEXT:                 (local.set $acc
;; CHECK-NEXT:                   (i32.add
;; CHECK-NEXT:                     (local.get $acc)
;; CHECK-NEXT:                     (i32.mul
;; CHECK-NEXT:                       (local.get $i)
;; CHECK-NEXT:                       (local.get $j))))
;; CHECK-NEXT:                 (br_if 0 (;@4;)
;; CHECK-NEXT:                   (i32.lt_u
;; CHECK-NEXT:                     (local.get $j)
;; CHECK-NEXT:                     (local.get $m))))
;; CHECK-NEXT:               (local.set $acc
;; CHECK-NEXT:                 (i32.add
;; CHECK-NEXT:                   (local.get $acc)
;; CHECK-NEXT:                   (i32.const 10)))
;; CHECK-NEXT:               (block  ;; label = @4
;; CHECK-NEXT:                 (call $sleep)
;; CHECK-NEXT:                 (if  ;; label = @5
;; CHECK-NEXT:                   (i32.eq
;; CHECK-NEXT:                     (global.get $__asyncify_state)
;; CHECK-NEXT:                     (i32.const 1))
;; CHECK-NEXT:                   (then
;; CHECK-NEXT:                     (br 4 (;@1;)
;; CHECK-NEXT:                       (i32.const 1)))))
;; CHECK-NEXT:               (local.set $i
;; CHECK-NEXT:                 (i32.add
;; CHECK-NEXT:                   (local.get $i)
;; CHECK-NEXT:                   (i32.const 1)))
;; CHECK-NEXT:               (br_if 0 (;@3;)
;; CHECK-NEXT:                 (i32.lt_u
;; CHECK-NEXT:                   (local.get $i)
;; CHECK-NEXT:                   (local.get $n))))
;; CHECK-NEXT:             (local.get $acc)))))
;; CHECK-NEXT:     (local.set 6
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:         (global.get $__asyncify_data)))
;; CHECK-NEXT:     (block  ;; label = @1
;; CHECK-NEXT:       (local.set 7
;; CHECK-NEXT:         (i32.add
;; CHECK-NEXT:           (local.get 6)
;; CHECK-NEXT:           (i32.const 24)))
;; CHECK-NEXT:       (if  ;; label = @2
;; CHECK-NEXT:         (i32.and
;; CHECK-NEXT:           (i32.le_u
;; CHECK-NEXT:             (local.get 7)
;; CHECK-NEXT:             (i32.load offset=4
;; CHECK-NEXT:               (global.get $__asyncify_data)))
;; CHECK-NEXT:           (i32.ge_u
;; CHECK-NEXT:             (local.get 7)
;; CHECK-NEXT:             (local.get 6)))
;; CHECK-NEXT:         (then
;; CHECK-NEXT:           (i32.store
;; CHECK-NEXT:             (local.get 6)
;; CHECK-NEXT:             (local.get $n))
;; CHECK-NEXT:           (i32.store offset=4
;; CHECK-NEXT:             (local.get 6)
;; CHECK-NEXT:             (local.get $m))
;; CHECK-NEXT:           (i32.store offset=8
;; CHECK-NEXT:             (local.get 6)
;; CHECK-NEXT:             (local.get $i))
;; CHECK-NEXT:           (i32.store offset=12
;; CHECK-NEXT:             (local.get 6)
;; CHECK-NEXT:             (local.get $j))
;; CHECK-NEXT:           (i32.store offset=16
;; CHECK-NEXT:             (local.get 6)
;; CHECK-NEXT:             (local.get $acc))
;; CHECK-NEXT:           (i32.store offset=20
;; CHECK-NEXT:             (local.get 6)
;; CHECK-NEXT:             (local.get 5)))))
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:       (global.get $__asyncify_data)
;; CHECK-NEXT:       (local.get 7))
;; CHECK-NEXT:     (return
;; CHECK-NEXT:       (i32.const 0)))
;; CHECK-NEXT:   (func $prefix (type 0) (param $n i32) (result i32)
;; CHECK-NEXT:     (local $acc i32) (local i32 i32 i32)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.eq
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:         (i32.const 2))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (call $prefix$asyncify_rewind
;; CHECK-NEXT:             (local.get $n)))))
;; CHECK-NEXT:     (local.set 2
;; CHECK-NEXT:       (block (result i32)  ;; label = @1
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (block (result i32)  ;; label = @2
;; CHECK-NEXT:             (if  ;; label = @3
;; CHECK-NEXT:               (i32.eqz
;; CHECK-NEXT:                 (local.get $n))
;; CHECK-NEXT:               (then
;; CHECK-NEXT:                 (return
;; CHECK-NEXT:                   (i32.const -1))))
;; CHECK-NEXT:             (local.set $acc
;; CHECK-NEXT:               (i32.mul
;; CHECK-NEXT:                 (local.get $n)
;; CHECK-NEXT:                 (i32.const 3)))
;; CHECK-NEXT:             (if  ;; label = @3
;; CHECK-NEXT:               (i32.gt_u
;; CHECK-NEXT:                 (local.get $n)
;; CHECK-NEXT:                 (i32.const 100))
;; CHECK-NEXT:               (then
;; CHECK-NEXT:                 (block  ;; label = @4
;; CHECK-NEXT:                   (call $sleep)
;; CHECK-NEXT:                   (if  ;; label = @5
;; CHECK-NEXT:                     (i32.eq
;; CHECK-NEXT:                       (global.get $__asyncify_state)
;; CHECK-NEXT:                       (i32.const 1))
;; CHECK-NEXT:                     (then
;; CHECK-NEXT:                       (br 4 (;@1;)
;; CHECK-NEXT:                         (i32.const 0)))))
;; CHECK-NEXT:                 (local.set $acc
;; CHECK-NEXT:                   (i32.add
;; CHECK-NEXT:                     (local.get $acc)
;; CHECK-NEXT:                     (i32.const 1))))
;; CHECK-NEXT:               (else
;; CHECK-NEXT:                 (local.set $acc
;; CHECK-NEXT:                   (i32.sub
;; CHECK-NEXT:                     (local.get $acc)
;; CHECK-NEXT:                     (i32.const 1)))))
;; CHECK-NEXT:             (loop  ;; label = @3
;; CHECK-NEXT:               (block  ;; label = @4
;; CHECK-NEXT:                 (call $sleep)
;; CHECK-NEXT:                 (if  ;; label = @5
;; CHECK-NEXT:                   (i32.eq
;; CHECK-NEXT:                     (global.get $__asyncify_state)
;; CHECK-NEXT:                     (i32.const 1))
;; CHECK-NEXT:                   (then
;; CHECK-NEXT:                     (br 4 (;@1;)
;; CHECK-NEXT:                       (i32.const 1)))))
;; CHECK-NEXT:               (local.set $acc
;; CHECK-NEXT:                 (i32.add
;; CHECK-NEXT:                   (local.get $acc)
;; CHECK-NEXT:                   (local.get $n)))
;; CHECK-NEXT:               (br_if 0 (;@3;)
;; CHECK-NEXT:                 (local.tee $n
;; CHECK-NEXT:                   (i32.sub
;; CHECK-NEXT:                     (local.get $n)
;; CHECK-NEXT:                     (i32.const 1)))))
;; CHECK-NEXT:             (local.get $acc)))))
;; CHECK-NEXT:     (local.set 3
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:         (global.get $__asyncify_data)))
;; CHECK-NEXT:     (block  ;; label = @1
;; CHECK-NEXT:       (local.set 4
;; CHECK-NEXT:         (i32.add
;; CHECK-NEXT:           (local.get 3)
;; CHECK-NEXT:           (i32.const 12)))
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
;; CHECK-NEXT:             (local.get $n))
;; CHECK-NEXT:           (i32.store offset=4
;; CHECK-NEXT:             (local.get 3)
;; CHECK-NEXT:             (local.get $acc))
;; CHECK-NEXT:           (i32.store offset=8
;; CHECK-NEXT:             (local.get 3)
;; CHECK-NEXT:             (local.get 2)))))
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:       (global.get $__asyncify_data)
;; CHECK-NEXT:       (local.get 4))
;; CHECK-NEXT:     (return
;; CHECK-NEXT:       (i32.const 0)))
;; CHECK-NEXT:   (func $forever (type 0) (param $n i32) (result i32)
;; CHECK-NEXT:     (local i32 i32 i32)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.eq
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:         (i32.const 2))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (call $forever$asyncify_rewind
;; CHECK-NEXT:             (local.get $n)))))
;; CHECK-NEXT:     (local.set 1
;; CHECK-NEXT:       (block (result i32)  ;; label = @1
;; CHECK-NEXT:         (loop  ;; label = @2
;; CHECK-NEXT:           (block  ;; label = @3
;; CHECK-NEXT:             (call $sleep)
;; CHECK-NEXT:             (if  ;; label = @4
;; CHECK-NEXT:               (i32.eq
;; CHECK-NEXT:                 (global.get $__asyncify_state)
;; CHECK-NEXT:                 (i32.const 1))
;; CHECK-NEXT:               (then
;; CHECK-NEXT:                 (br 3 (;@1;)
;; CHECK-NEXT:                   (i32.const 0)))))
;; CHECK-NEXT:           (local.set $n
;; CHECK-NEXT:             (i32.sub
;; CHECK-NEXT:               (local.get $n)
;; CHECK-NEXT:               (i32.const 1)))
;; CHECK-NEXT:           (if  ;; label = @3
;; CHECK-NEXT:             (i32.eqz
;; CHECK-NEXT:               (local.get $n))
;; CHECK-NEXT:             (then
;; CHECK-NEXT:               (return
;; CHECK-NEXT:                 (i32.const 42))))
;; CHECK-NEXT:           (br 0 (;@2;)))
;; CHECK-NEXT:         (unreachable)))
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
;; CHECK-NEXT:   (func $nested$asyncify_rewind (type 2) (param i32 i32) (result i32)
;; CHECK-NEXT:     (local i32 i32 i32 i32 i32 i32)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.eq
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:         (i32.const 2))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (local.set 6
;; CHECK-NEXT:           (i32.sub
;; CHECK-NEXT:             (i32.load
;; CHECK-NEXT:               (global.get $__asyncify_data))
;; CHECK-NEXT:             (i32.const 4)))
;; CHECK-NEXT:         (local.set 5
;; CHECK-NEXT:           (i32.load
;; CHECK-NEXT:             (local.get 6)))
;; CHECK-NEXT:         (block  ;; label = @2
;; CHECK-NEXT:           (local.set 6
;; CHECK-NEXT:             (i32.sub
;; CHECK-NEXT:               (local.get 6)
;; CHECK-NEXT:               (i32.const 20)))
;; CHECK-NEXT:           (local.set 0
;; CHECK-NEXT:             (i32.load
;; CHECK-NEXT:               (local.get 6)))
;; CHECK-NEXT:           (local.set 1
;; CHECK-NEXT:             (i32.load offset=4
;; CHECK-NEXT:               (local.get 6)))
;; CHECK-NEXT:           (local.set 2
;; CHECK-NEXT:             (i32.load offset=8
;; CHECK-NEXT:               (local.get 6)))
;; CHECK-NEXT:           (local.set 3
;; CHECK-NEXT:             (i32.load offset=12
;; CHECK-NEXT:               (local.get 6)))
;; CHECK-NEXT:           (local.set 4
;; CHECK-NEXT:             (i32.load offset=16
;; CHECK-NEXT:               (local.get 6))))
;; CHECK-NEXT:         (i32.store
;; CHECK-NEXT:           (global.get $__asyncify_data)
;; CHECK-NEXT:           (local.get 6))))
;; CHECK-NEXT:     (local.set 5
;; CHECK-NEXT:       (block (result i32)  ;; label = @1
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (block (result i32)  ;; label = @2
;; CHECK-NEXT:             (loop  ;; label = @3
;; CHECK-NEXT:               (block  ;; label = @4
;; CHECK-NEXT:                 (block  ;; label = @5
;; CHECK-NEXT:                   (if  ;; label = @6
;; CHECK-NEXT:                     (i32.eq
;; CHECK-NEXT:                       (global.get $__asyncify_state)
;; CHECK-NEXT:                       (i32.const 2))
;; CHECK-NEXT:                     (then
;; CHECK-NEXT:                       (br_if 2 (;@4;)
;; CHECK-NEXT:                         (i32.ge_u
;; CHECK-NEXT:                           (local.get 5)
;; CHECK-NEXT:                           (i32.const 1)))
;; CHECK-NEXT:                       (br 1 (;@5;))))
;; CHECK-NEXT:                   (local.set 3
;; CHECK-NEXT:                     (i32.const 0)))
;; CHECK-NEXT:                 (block  ;; label = @5
;; CHECK-NEXT:                   (block  ;; label = @6
;; CHECK-NEXT:                     (block  ;; label = @7
;; CHECK-NEXT:                       (block  ;; label = @8
;; CHECK-NEXT:                         (if  ;; label = @9
;; CHECK-NEXT:                           (i32.eq
;; CHECK-NEXT:                             (global.get $__asyncify_state)
;; CHECK-NEXT:                             (i32.const 2))
;; CHECK-NEXT:                           (then
;; CHECK-NEXT:                             (br 1 (;@8;))))
;; CHECK-NEXT:                         (local.set 3
;; CHECK-NEXT:                           (i32.add
;; CHECK-NEXT:                             (local.get 3)
;; CHECK-NEXT:                             (i32.const 1))))
;; CHECK-NEXT:                       (block  ;; label = @8
;; CHECK-NEXT:                         (block  ;; label = @9
;; CHECK-NEXT:                           (if  ;; label = @10
;; CHECK-NEXT:                             (i32.eq
;; CHECK-NEXT:                               (global.get $__asyncify_state)
;; CHECK-NEXT:                               (i32.const 2))
;; CHECK-NEXT:                             (then
;; CHECK-NEXT:                               (br 1 (;@9;))))
;; CHECK-NEXT:                           (block  ;; label = @10
;; CHECK-NEXT:                             (br_table 0 (;@10;) 2 (;@8;) 4 (;@6;)
;; CHECK-NEXT:                               (i32.rem_u
;; CHECK-NEXT:                                 (local.get 3)
;; CHECK-NEXT:                                 (i32.const 3))))
;; CHECK-NEXT:                           (local.set 4
;; CHECK-NEXT:                             (i32.add
;; CHECK-NEXT:                               (local.get 4)
;; CHECK-NEXT:                               (i32.const 1))))
;; CHECK-NEXT:                         (block  ;; label = @9
;; CHECK-NEXT:                           (call $sleep)
;; CHECK-NEXT:                           (if  ;; label = @10
;; CHECK-NEXT:                             (i32.eq
;; CHECK-NEXT:                               (global.get $__asyncify_state)
;; CHECK-NEXT:                               (i32.const 1))
;; CHECK-NEXT:                             (then
;; CHECK-NEXT:                               (br 9 (;@1;)
;; CHECK-NEXT:                                 (i32.const 0))))))
;; CHECK-NEXT:                       (local.set 4
;; CHECK-NEXT:                         (i32.add
;; CHECK-NEXT:                           (local.get 4)
;; CHECK-NEXT:                           (i32.mul
;; CHECK-NEXT:                             (local.get 2)
;; CHECK-NEXT:                             (local.get 3))))
;; CHECK-NEXT:                       (br_if 1 (;@6;)
;; CHECK-NEXT:                         (i32.lt_u
;; CHECK-NEXT:                           (local.get 3)
;; CHECK-NEXT:                           (local.get 1))))
;; CHECK-NEXT:                     (br 1 (;@5;)))
;; CHECK-NEXT:                   (loop  ;; label = @6
;; CHECK-NEXT:                     (local.set 3
;; CHECK-NEXT:                       (i32.add
;; CHECK-NEXT:                         (local.get 3)
;; CHECK-NEXT:                         (i32.const 1)))
;; CHECK-NEXT:                     (block  ;; label = @7
;; CHECK-NEXT:                       (block  ;; label = @8
;; CHECK-NEXT:                         (br_table 0 (;@8;) 1 (;@7;) 2 (;@6;)
;; CHECK-NEXT:                           (i32.rem_u
;; CHECK-NEXT:                             (local.get 3)
;; CHECK-NEXT:                             (i32.const 3))))
;; CHECK-NEXT:                       (local.set 4
;; CHECK-NEXT:                         (i32.add
;; CHECK-NEXT:                           (local.get 4)
;; CHECK-NEXT:                           (i32.const 1)))
;; CHECK-NEXT:                       (block  ;; label = @8
;; CHECK-NEXT:                         (call $sleep)
;; CHECK-NEXT:                         (if  ;; label = @9
;; CHECK-NEXT:                           (i32.eq
;; CHECK-NEXT:                             (global.get $__asyncify_state)
;; CHECK-NEXT:                             (i32.const 1))
;; CHECK-NEXT:                           (then
;; CHECK-NEXT:                             (br 8 (;@1;)
;; CHECK-NEXT:                               (i32.const 0))))))
;; CHECK-NEXT:                     (local.set 4
;; CHECK-NEXT:                       (i32.add
;; CHECK-NEXT:                         (local.get 4)
;; CHECK-NEXT:                         (i32.mul
;; CHECK-NEXT:                           (local.get 2)
;; CHECK-NEXT:                           (local.get 3))))
;; CHECK-NEXT:                     (br_if 0 (;@6;)
;; CHECK-NEXT:                       (i32.lt_u
;; CHECK-NEXT:                         (local.get 3)
;; CHECK-NEXT:                         (local.get 1)))))
;; CHECK-NEXT:                 (local.set 4
;; CHECK-NEXT:                   (i32.add
;; CHECK-NEXT:                     (local.get 4)
;; CHECK-NEXT:                     (i32.const 10))))
;; CHECK-NEXT:               (block  ;; label = @4
;; CHECK-NEXT:                 (call $sleep)
;; CHECK-NEXT:                 (if  ;; label = @5
;; CHECK-NEXT:                   (i32.eq
;; CHECK-NEXT:                     (global.get $__asyncify_state)
;; CHECK-NEXT:                     (i32.const 1))
;; CHECK-NEXT:                   (then
;; CHECK-NEXT:                     (br 4 (;@1;)
;; CHECK-NEXT:                       (i32.const 1)))))
;; CHECK-NEXT:               (local.set 2
;; CHECK-NEXT:                 (i32.add
;; CHECK-NEXT:                   (local.get 2)
;; CHECK-NEXT:                   (i32.const 1)))
;; CHECK-NEXT:               (br_if 0 (;@3;)
;; CHECK-NEXT:                 (i32.lt_u
;; CHECK-NEXT:                   (local.get 2)
;; CHECK-NEXT:                   (local.get 0))))
;; CHECK-NEXT:             (local.get 4)))))
;; CHECK-NEXT:     (local.set 6
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:         (global.get $__asyncify_data)))
;; CHECK-NEXT:     (block  ;; label = @1
;; CHECK-NEXT:       (local.set 7
;; CHECK-NEXT:         (i32.add
;; CHECK-NEXT:           (local.get 6)
;; CHECK-NEXT:           (i32.const 24)))
;; CHECK-NEXT:       (if  ;; label = @2
;; CHECK-NEXT:         (i32.and
;; CHECK-NEXT:           (i32.le_u
;; CHECK-NEXT:             (local.get 7)
;; CHECK-NEXT:             (i32.load offset=4
;; CHECK-NEXT:               (global.get $__asyncify_data)))
;; CHECK-NEXT:           (i32.ge_u
;; CHECK-NEXT:             (local.get 7)
;; CHECK-NEXT:             (local.get 6)))
;; CHECK-NEXT:         (then
;; CHECK-NEXT:           (i32.store
;; CHECK-NEXT:             (local.get 6)
;; CHECK-NEXT:             (local.get 0))
;; CHECK-NEXT:           (i32.store offset=4
;; CHECK-NEXT:             (local.get 6)
;; CHECK-NEXT:             (local.get 1))
;; CHECK-NEXT:           (i32.store offset=8
;; CHECK-NEXT:             (local.get 6)
;; CHECK-NEXT:             (local.get 2))
;; CHECK-NEXT:           (i32.store offset=12
;; CHECK-NEXT:             (local.get 6)
;; CHECK-NEXT:             (local.get 3))
;; CHECK-NEXT:           (i32.store offset=16
;; CHECK-NEXT:             (local.get 6)
;; CHECK-NEXT:             (local.get 4))
;; CHECK-NEXT:           (i32.store offset=20
;; CHECK-NEXT:             (local.get 6)
;; CHECK-NEXT:             (local.get 5)))))
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:       (global.get $__asyncify_data)
;; CHECK-NEXT:       (local.get 7))
;; CHECK-NEXT:     (return
;; CHECK-NEXT:       (i32.const 0)))
;; CHECK-NEXT:   (func $prefix$asyncify_rewind (type 0) (param i32) (result i32)
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
;; CHECK-NEXT:               (i32.const 8)))
;; CHECK-NEXT:           (local.set 0
;; CHECK-NEXT:             (i32.load
;; CHECK-NEXT:               (local.get 3)))
;; CHECK-NEXT:           (local.set 1
;; CHECK-NEXT:             (i32.load offset=4
;; CHECK-NEXT:               (local.get 3))))
;; CHECK-NEXT:         (i32.store
;; CHECK-NEXT:           (global.get $__asyncify_data)
;; CHECK-NEXT:           (local.get 3))))
;; CHECK-NEXT:     (local.set 2
;; CHECK-NEXT:       (block (result i32)  ;; label = @1
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (block (result i32)  ;; label = @2
;; CHECK-NEXT:             (block  ;; label = @3
;; CHECK-NEXT:               (block  ;; label = @4
;; CHECK-NEXT:                 (br_if 1 (;@3;)
;; CHECK-NEXT:                   (i32.ge_u
;; CHECK-NEXT:                     (local.get 2)
;; CHECK-NEXT:                     (i32.const 1))))
;; CHECK-NEXT:               (if  ;; label = @4
;; CHECK-NEXT:                 (i32.eq
;; CHECK-NEXT:                   (local.get 2)
;; CHECK-NEXT:                   (i32.const 0))
;; CHECK-NEXT:                 (then
;; CHECK-NEXT:                   (block  ;; label = @5
;; CHECK-NEXT:                     (call $sleep)
;; CHECK-NEXT:                     (if  ;; label = @6
;; CHECK-NEXT:                       (i32.eq
;; CHECK-NEXT:                         (global.get $__asyncify_state)
;; CHECK-NEXT:                         (i32.const 1))
;; CHECK-NEXT:                       (then
;; CHECK-NEXT:                         (br 5 (;@1;)
;; CHECK-NEXT:                           (i32.const 0)))))
;; CHECK-NEXT:                   (local.set 1
;; CHECK-NEXT:                     (i32.add
;; CHECK-NEXT:                       (local.get 1)
;; CHECK-NEXT:                       (i32.const 1))))))
;; CHECK-NEXT:             (block  ;; label = @3
;; CHECK-NEXT:               (block  ;; label = @4
;; CHECK-NEXT:                 (block  ;; label = @5
;; CHECK-NEXT:                   (block  ;; label = @6
;; CHECK-NEXT:                     (call $sleep)
;; CHECK-NEXT:                     (if  ;; label = @7
;; CHECK-NEXT:                       (i32.eq
;; CHECK-NEXT:                         (global.get $__asyncify_state)
;; CHECK-NEXT:                         (i32.const 1))
;; CHECK-NEXT:                       (then
;; CHECK-NEXT:                         (br 6 (;@1;)
;; CHECK-NEXT:                           (i32.const 1)))))
;; CHECK-NEXT:                   (local.set 1
;; CHECK-NEXT:                     (i32.add
;; CHECK-NEXT:                       (local.get 1)
;; CHECK-NEXT:                       (local.get 0)))
;; CHECK-NEXT:                   (br_if 1 (;@4;)
;; CHECK-NEXT:                     (local.tee 0
;; CHECK-NEXT:                       (i32.sub
;; CHECK-NEXT:                         (local.get 0)
;; CHECK-NEXT:                         (i32.const 1)))))
;; CHECK-NEXT:                 (br 1 (;@3;)))
;; CHECK-NEXT:               (loop  ;; label = @4
;; CHECK-NEXT:                 (block  ;; label = @5
;; CHECK-NEXT:                   (call $sleep)
;; CHECK-NEXT:                   (if  ;; label = @6
;; CHECK-NEXT:                     (i32.eq
;; CHECK-NEXT:                       (global.get $__asyncify_state)
;; CHECK-NEXT:                       (i32.const 1))
;; CHECK-NEXT:                     (then
;; CHECK-NEXT:                       (br 5 (;@1;)
;; CHECK-NEXT:                         (i32.const 1)))))
;; CHECK-NEXT:                 (local.set 1
;; CHECK-NEXT:                   (i32.add
;; CHECK-NEXT:                     (local.get 1)
;; CHECK-NEXT:                     (local.get 0)))
;; CHECK-NEXT:                 (br_if 0 (;@4;)
;; CHECK-NEXT:                   (local.tee 0
;; CHECK-NEXT:                     (i32.sub
;; CHECK-NEXT:                       (local.get 0)
;; CHECK-NEXT:                       (i32.const 1))))))
;; CHECK-NEXT:             (local.get 1)))))
;; CHECK-NEXT:     (local.set 3
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:         (global.get $__asyncify_data)))
;; CHECK-NEXT:     (block  ;; label = @1
;; CHECK-NEXT:       (local.set 4
;; CHECK-NEXT:         (i32.add
;; CHECK-NEXT:           (local.get 3)
;; CHECK-NEXT:           (i32.const 12)))
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
;; CHECK-NEXT:             (local.get 0))
;; CHECK-NEXT:           (i32.store offset=4
;; CHECK-NEXT:             (local.get 3)
;; CHECK-NEXT:             (local.get 1))
;; CHECK-NEXT:           (i32.store offset=8
;; CHECK-NEXT:             (local.get 3)
;; CHECK-NEXT:             (local.get 2)))))
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:       (global.get $__asyncify_data)
;; CHECK-NEXT:       (local.get 4))
;; CHECK-NEXT:     (return
;; CHECK-NEXT:       (i32.const 0)))
;; CHECK-NEXT:   (func $forever$asyncify_rewind (type 0) (param i32) (result i32)
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
;; CHECK-NEXT:           (local.set 0
;; CHECK-NEXT:             (i32.load
;; CHECK-NEXT:               (local.get 2))))
;; CHECK-NEXT:         (i32.store
;; CHECK-NEXT:           (global.get $__asyncify_data)
;; CHECK-NEXT:           (local.get 2))))
;; CHECK-NEXT:     (local.set 1
;; CHECK-NEXT:       (block (result i32)  ;; label = @1
;; CHECK-NEXT:         (block  ;; label = @2
;; CHECK-NEXT:           (block  ;; label = @3
;; CHECK-NEXT:             (block  ;; label = @4
;; CHECK-NEXT:               (block  ;; label = @5
;; CHECK-NEXT:                 (call $sleep)
;; CHECK-NEXT:                 (if  ;; label = @6
;; CHECK-NEXT:                   (i32.eq
;; CHECK-NEXT:                     (global.get $__asyncify_state)
;; CHECK-NEXT:                     (i32.const 1))
;; CHECK-NEXT:                   (then
;; CHECK-NEXT:                     (br 5 (;@1;)
;; CHECK-NEXT:                       (i32.const 0)))))
;; CHECK-NEXT:               (local.set 0
;; CHECK-NEXT:                 (i32.sub
;; CHECK-NEXT:                   (local.get 0)
;; CHECK-NEXT:                   (i32.const 1)))
;; CHECK-NEXT:               (if  ;; label = @5
;; CHECK-NEXT:                 (i32.eqz
;; CHECK-NEXT:                   (local.get 0))
;; CHECK-NEXT:                 (then
;; CHECK-NEXT:                   (return
;; CHECK-NEXT:                     (i32.const 42))))
;; CHECK-NEXT:               (br 1 (;@3;))))
;; CHECK-NEXT:           (loop  ;; label = @3
;; CHECK-NEXT:             (block  ;; label = @4
;; CHECK-NEXT:               (call $sleep)
;; CHECK-NEXT:               (if  ;; label = @5
;; CHECK-NEXT:                 (i32.eq
;; CHECK-NEXT:                   (global.get $__asyncify_state)
;; CHECK-NEXT:                   (i32.const 1))
;; CHECK-NEXT:                 (then
;; CHECK-NEXT:                   (br 4 (;@1;)
;; CHECK-NEXT:                     (i32.const 0)))))
;; CHECK-NEXT:             (local.set 0
;; CHECK-NEXT:               (i32.sub
;; CHECK-NEXT:                 (local.get 0)
;; CHECK-NEXT:                 (i32.const 1)))
;; CHECK-NEXT:             (if  ;; label = @4
;; CHECK-NEXT:               (i32.eqz
;; CHECK-NEXT:                 (local.get 0))
;; CHECK-NEXT:               (then
;; CHECK-NEXT:                 (return
;; CHECK-NEXT:                   (i32.const 42))))
;; CHECK-NEXT:             (br 0 (;@3;))))
;; CHECK-NEXT:         (unreachable)))
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
;; CHECK-NEXT:             (local.get 0))
;; CHECK-NEXT:           (i32.store offset=4
;; CHECK-NEXT:             (local.get 2)
;; CHECK-NEXT:             (local.get 1)))))
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:       (global.get $__asyncify_data)
;; CHECK-NEXT:       (local.get 3))
;; CHECK-NEXT:     (return
;; CHECK-NEXT:       (i32.const 0)))
;; CHECK-NEXT:   (func $asyncify_start_unwind (type 3) (param i32)
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
;; CHECK-NEXT:   (func $asyncify_start_rewind (type 3) (param i32)
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
;; CHECK-NEXT:   (export "memory" (memory 0))
;; CHECK-NEXT:   (export "nested" (func $nested))
;; CHECK-NEXT:   (export "prefix" (func $prefix))
;; CHECK-NEXT:   (export "forever" (func $forever))
;; CHECK-NEXT:   (export "asyncify_start_unwind" (func $asyncify_start_unwind))
;; CHECK-NEXT:   (export "asyncify_stop_unwind" (func $asyncify_stop_unwind))
;; CHECK-NEXT:   (export "asyncify_start_rewind" (func $asyncify_start_rewind))
;; CHECK-NEXT:   (export "asyncify_stop_rewind" (func $asyncify_stop_rewind))
;; CHECK-NEXT:   (export "asyncify_get_state" (func $asyncify_get_state)))
;;
;; $nested's copy: the outer loop stays, with its dispatch; inside it the
;;
;; Without copies nothing is peeled.
;; RUN: %wasm-asyncify %s --imports env.sleep --rewind-copies=none -S -o - | not grep '\$peel'
;;
;; The output runs: unwinding in the first and in later iterations of both
;; loops and rewinding gives the same result as without unwinds.
;; RUN: %wasm-asyncify %s --imports env.sleep --rewind-copies=all -o %t.wasm
;; RUN: node %S/Inputs/peel-loops.mjs %t.wasm | FileCheck %s --check-prefix=EXEC
;; EXEC: nested(3, 8), unwinding at every other call: 129 after 6 unwinds, same
;; EXEC-NEXT: nested(3, 8), unwinding at every call: 129 after 12 unwinds, same
;; EXEC-NEXT: prefix(120), unwinding at every other call: 7621 after 61 unwinds, same
;; EXEC-NEXT: prefix(120), unwinding at every call: 7621 after 121 unwinds, same
;; EXEC-NEXT: prefix(5), unwinding at every other call: 29 after 3 unwinds, same
;; EXEC-NEXT: prefix(5), unwinding at every call: 29 after 5 unwinds, same
;; EXEC-NEXT: forever(5), unwinding at every other call: 42 after 3 unwinds, same
;; EXEC-NEXT: forever(5), unwinding at every call: 42 after 5 unwinds, same
(module
  (import "env" "sleep" (func $sleep))
  (memory (export "memory") 1)
  (func $nested (export "nested") (param $n i32) (param $m i32) (result i32)
    (local $i i32) (local $j i32) (local $acc i32)
    (loop $outer
      (local.set $j (i32.const 0))
      (loop $inner
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (block $b
          (block $a
            (br_table $a $b $inner (i32.rem_u (local.get $j) (i32.const 3))))
          (local.set $acc (i32.add (local.get $acc) (i32.const 1)))
          (call $sleep))
        (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $i) (local.get $j))))
        (br_if $inner (i32.lt_u (local.get $j) (local.get $m))))
      (local.set $acc (i32.add (local.get $acc) (i32.const 10)))
      (call $sleep)
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $acc))
  (func $prefix (export "prefix") (param $n i32) (result i32)
    (local $acc i32)
    (if (i32.eqz (local.get $n)) (then (return (i32.const -1))))
    (local.set $acc (i32.mul (local.get $n) (i32.const 3)))
    (if (i32.gt_u (local.get $n) (i32.const 100))
      (then
        (call $sleep)
        (local.set $acc (i32.add (local.get $acc) (i32.const 1))))
      (else (local.set $acc (i32.sub (local.get $acc) (i32.const 1)))))
    (loop $l
      (call $sleep)
      (local.set $acc (i32.add (local.get $acc) (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))
  (func $forever (export "forever") (param $n i32) (result i32)
    (loop $spin
      (call $sleep)
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (if (i32.eqz (local.get $n)) (then (return (i32.const 42))))
      (br $spin))
    (unreachable))
)
