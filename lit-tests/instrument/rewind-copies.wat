;; --rewind-copies=loops: $spin calls an unwinding function inside a loop, so
;; its own code keeps only the normal path and unwinding (no rewind dispatch,
;; no rewinding if-conditions; its prologue calls the copy), and the copy
;; $spin$asyncify_rewind, added last, has the whole state machine with the
;; same frame layout. In the copy, the loop is peeled: its first iteration,
;; which rewinding enters, is a block $l with the state machine, and the later
;; ones run in a loop with unwind checks only (instrument/peel-loops.wat).
;; $once has no loop around its call: it rewinds itself.
;; $dead's only call is unreachable: no copy.
;; RUN: %wasm-asyncify %s --imports env.sleep --rewind-copies=loops -g -S -o - | FileCheck %s
;; CHECK: (module
;; CHECK-NEXT:   (type (;0;) (func))
;; CHECK-NEXT:   (type (;1;) (func (param i32) (result i32)))
;; CHECK-NEXT:   (type (;2;) (func (result i32)))
;; CHECK-NEXT:   (type (;3;) (func (param i32)))
;; CHECK-NEXT:   (import "env" "sleep" (func $sleep (type 0)))
;; CHECK-NEXT:   (func $spin (type 1) (param $n i32) (result i32)
;; CHECK-NEXT:     (local $acc i32) (local i32 i32 i32)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.eq
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:         (i32.const 2))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (call $spin$asyncify_rewind
;; CHECK-NEXT:             (local.get $n)))))
;; CHECK-NEXT:     (local.set 2
;; CHECK-NEXT:       (block (result i32)  ;; label = @1
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (block (result i32)  ;; label = @2
;; CHECK-NEXT:             (loop  ;; label = @3
;; CHECK-NEXT:               (block  ;; label = @4
;; CHECK-NEXT:                 (call $sleep)
;; CHECK-NEXT:                 (if  ;; label = @5
;; CHECK-NEXT:                   (i32.eq
;; CHECK-NEXT:                     (global.get $__asyncify_state)
;; CHECK-NEXT:                     (i32.const 1))
;; CHECK-NEXT:                   (then
;; CHECK-NEXT:                     (br 4 (;@1;)
;; CHECK-NEXT:                       (i32.const 0)))))
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
;; CHECK-NEXT:   (func $once (type 2) (result i32)
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
;; CHECK-NEXT:         (return
;; CHECK-NEXT:           (block (result i32)  ;; label = @2
;; CHECK-NEXT:             (block  ;; label = @3
;; CHECK-NEXT:               (call $sleep)
;; CHECK-NEXT:               (if  ;; label = @4
;; CHECK-NEXT:                 (i32.eq
;; CHECK-NEXT:                   (global.get $__asyncify_state)
;; CHECK-NEXT:                   (i32.const 1))
;; CHECK-NEXT:                 (then
;; CHECK-NEXT:                   (br 3 (;@1;)
;; CHECK-NEXT:                     (i32.const 0)))))
;; CHECK-NEXT:             (i32.const 7)))))
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
;; CHECK-NEXT:     (return
;; CHECK-NEXT:       (i32.const 0)))
;; CHECK-NEXT:   (func $taken (type 0))
;; CHECK-NEXT:   (func $dead (type 0)
;; CHECK-NEXT:     (loop  ;; label = @1
;; CHECK-NEXT:       (return))
;; CHECK-NEXT:     (unreachable))
;; CHECK-NEXT:   (func $spin$asyncify_rewind (type 1) (param i32) (result i32)
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
;; CHECK-NEXT:                 (block  ;; label = @5
;; CHECK-NEXT:                   (block  ;; label = @6
;; CHECK-NEXT:                     (call $sleep)
;; CHECK-NEXT:                     (if  ;; label = @7
;; CHECK-NEXT:                       (i32.eq
;; CHECK-NEXT:                         (global.get $__asyncify_state)
;; CHECK-NEXT:                         (i32.const 1))
;; CHECK-NEXT:                       (then
;; CHECK-NEXT:                         (br 6 (;@1;)
;; CHECK-NEXT:                           (i32.const 0)))))
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
;; CHECK-NEXT:                         (i32.const 0)))))
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
;; CHECK-NEXT:   (memory (;0;) 1 65536)
;; CHECK-NEXT:   (global $__asyncify_state (mut i32) (i32.const 0))
;; CHECK-NEXT:   (global $__asyncify_data (mut i32) (i32.const 0))
;; CHECK-NEXT:   (export "memory" (memory 0))
;; CHECK-NEXT:   (export "asyncify_start_unwind" (func $asyncify_start_unwind))
;; CHECK-NEXT:   (export "asyncify_stop_unwind" (func $asyncify_stop_unwind))
;; CHECK-NEXT:   (export "asyncify_start_rewind" (func $asyncify_start_rewind))
;; CHECK-NEXT:   (export "asyncify_stop_rewind" (func $asyncify_stop_rewind))
;; CHECK-NEXT:   (export "asyncify_get_state" (func $asyncify_get_state)))
;; The report names the copy.
;; RUN: %wasm-asyncify %s --imports env.sleep --rewind-copies=loops -o %t.wasm --report | %report-fields 'functions.*.name' 'functions.*.rewindCopy' | FileCheck %s --check-prefix=REPORT
;; REPORT: functions.sleep.name = "sleep"
;; REPORT-NEXT: functions.spin.name = "spin"
;; REPORT-NEXT: functions.once.name = "once"
;; REPORT-NEXT: functions.taken.name = "taken"
;; REPORT-NEXT: functions.dead.name = "dead"
;; REPORT-NEXT: functions.spin.rewindCopy = "spin$asyncify_rewind"
;; REPORT-NOT: rewindCopy
;; auto: copies at -O1 and above unless -Os/-Oz; none at -O0.
;; RUN: %wasm-asyncify %s --imports env.sleep -O2 -o %t.wasm --report | %report-fields 'functions.*.rewindCopy' | FileCheck %s --check-prefix=AUTO-O2
;; AUTO-O2: functions.spin.rewindCopy = "spin$asyncify_rewind"
;; RUN: %wasm-asyncify %s --imports env.sleep -o %t.wasm --report | not grep rewindCopy
;; RUN: %wasm-asyncify %s --imports env.sleep -Os -o %t.wasm --report | not grep rewindCopy
;; RUN: %wasm-asyncify %s --imports env.sleep -O2 --rewind-copies=none -o %t.wasm --report | not grep rewindCopy
;; all: $once too.
;; RUN: %wasm-asyncify %s --imports env.sleep --rewind-copies=all -o %t.wasm --report | %report-fields 'functions.*.rewindCopy' | FileCheck %s --check-prefix=ALL
;; ALL: functions.spin.rewindCopy = "spin$asyncify_rewind"
;; ALL-NEXT: functions.once.rewindCopy = "once$asyncify_rewind"
;; A name already taken gets a number.
;; RUN: sed 's/$taken/$spin$asyncify_rewind/' %s > %t.taken.wat
;; RUN: %wasm-asyncify %t.taken.wat --imports env.sleep --rewind-copies=loops -o %t.wasm --report | %report-fields 'functions.*.rewindCopy' | FileCheck %s --check-prefix=TAKEN
;; TAKEN: functions.spin.rewindCopy = "spin$asyncify_rewind1"
;; RUN: not %wasm-asyncify %s --imports env.sleep --rewind-copies=some -o %t.wasm 2>&1 | FileCheck %s --check-prefix=BAD
;; BAD: wasm-asyncify: error: --rewind-copies: some not in {auto,none,loops,all}
(module
  (import "env" "sleep" (func $sleep))
  (func $spin (param $n i32) (result i32)
    (local $acc i32)
    (loop $l
      (call $sleep)
      (local.set $acc (i32.add (local.get $acc) (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))
  (func $once (result i32)
    (call $sleep)
    (i32.const 7))
  (func $taken)
  ;; A loop whose call is dead code: flattening drops the call, so $dead has
  ;; no call site left and gets no copy.
  (func $dead
    (loop $l
      (return)
      (call $sleep)))
)
