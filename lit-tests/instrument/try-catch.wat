;; Exception handling in an instrumented function. The call in the try body
;; is a site: rewinding enters the try like a block, and $y, which only the
;; handlers read, is saved with it (an exception can reach them after the
;; call is resumed). The `catch $e` handler moves after the try (its pop
;; stays in the catch, which branches out), so its call is a site too. The
;; `catch_all` handler rethrows, so it stays, and its call, which a rewind
;; could not reach, gets a state check; a warning names the function.
;; RUN: %wasm-asyncify %s --imports env.sleep -g -S -o - 2>%t.err | FileCheck %s
;; RUN: FileCheck %s --check-prefix=WARN < %t.err
;; WARN: {{.*}}/try-catch.wat: warning: 1 call that can unwind is inside exception handlers that rethrow, in 1 function: a rewind cannot enter a handler, so a suspension there traps (the report's `handlerCalls` lists them) [function f]
;; RUN: %wasm-asyncify %s --imports env.sleep -o %t.wasm --report 2>/dev/null | %report-fields 'functions.f.handlerCalls,unwindingCallSites' | FileCheck %s --check-prefix=REPORT
;; CHECK: (module
;; CHECK-NEXT:   (type (;0;) (func (param i32)))
;; CHECK-NEXT:   (type (;1;) (func))
;; CHECK-NEXT:   (type (;2;) (func (param i32) (result i32)))
;; CHECK-NEXT:   (type (;3;) (func (result i32)))
;; CHECK-NEXT:   (import "env" "sleep" (func $sleep (type 2)))
;; CHECK-NEXT:   (import "env" "log" (func $log (type 0)))
;; CHECK-NEXT:   (func $g (type 0) (param i32)
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
;; CHECK-NEXT:         (block  ;; label = @2
;; CHECK-NEXT:           (block  ;; label = @3
;; CHECK-NEXT:             (local.set 1
;; CHECK-NEXT:               (call $sleep
;; CHECK-NEXT:                 (local.get 0)))
;; CHECK-NEXT:             (if  ;; label = @4
;; CHECK-NEXT:               (i32.eq
;; CHECK-NEXT:                 (global.get $__asyncify_state)
;; CHECK-NEXT:                 (i32.const 1))
;; CHECK-NEXT:               (then
;; CHECK-NEXT:                 (br 3 (;@1;)
;; CHECK-NEXT:                   (i32.const 0)))))
;; CHECK-NEXT:           (call $log
;; CHECK-NEXT:             (local.get 1)))
;; CHECK-NEXT:         (return)))
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
;; CHECK-NEXT:     (return))
;; CHECK-NEXT:   (func $f (type 2) (param $x i32) (result i32)
;; CHECK-NEXT:     (local i32) (local $y i32) (local i32 i32 i32 i32 i32)
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
;; CHECK-NEXT:         (local.set 3
;; CHECK-NEXT:           (i32.load
;; CHECK-NEXT:             (local.get 1)))
;; CHECK-NEXT:         (block  ;; label = @2
;; CHECK-NEXT:           (local.set 1
;; CHECK-NEXT:             (i32.sub
;; CHECK-NEXT:               (local.get 1)
;; CHECK-NEXT:               (i32.const 4)))
;; CHECK-NEXT:           (local.set $y
;; CHECK-NEXT:             (i32.load
;; CHECK-NEXT:               (local.get 1))))
;; CHECK-NEXT:         (i32.store
;; CHECK-NEXT:           (global.get $__asyncify_data)
;; CHECK-NEXT:           (local.get 1))))
;; CHECK-NEXT:     (local.set 3
;; CHECK-NEXT:       (block (result i32)  ;; label = @1
;; CHECK-NEXT:         (block  ;; label = @2
;; CHECK-NEXT:           (block  ;; label = @3
;; CHECK-NEXT:             (block  ;; label = @4
;; CHECK-NEXT:               (if  ;; label = @5
;; CHECK-NEXT:                 (i32.eq
;; CHECK-NEXT:                   (global.get $__asyncify_state)
;; CHECK-NEXT:                   (i32.const 2))
;; CHECK-NEXT:                 (then
;; CHECK-NEXT:                   (br 1 (;@4;))))
;; CHECK-NEXT:               (nop)
;; CHECK-NEXT:               (nop)
;; CHECK-NEXT:               (local.set $y
;; CHECK-NEXT:                 (i32.add
;; CHECK-NEXT:                   (local.get $x)
;; CHECK-NEXT:                   (i32.const 1))))
;; CHECK-NEXT:             (block  ;; label = @4
;; CHECK-NEXT:               (block  ;; label = @5
;; CHECK-NEXT:                 (block  ;; label = @6
;; CHECK-NEXT:                   (block  ;; label = @7
;; CHECK-NEXT:                     (if  ;; label = @8
;; CHECK-NEXT:                       (i32.eq
;; CHECK-NEXT:                         (global.get $__asyncify_state)
;; CHECK-NEXT:                         (i32.const 2))
;; CHECK-NEXT:                       (then
;; CHECK-NEXT:                         (br_if 2 (;@6;)
;; CHECK-NEXT:                           (i32.ge_u
;; CHECK-NEXT:                             (local.get 3)
;; CHECK-NEXT:                             (i32.const 1)))))
;; CHECK-NEXT:                     (try  ;; label = @8
;; CHECK-NEXT:                       (do
;; CHECK-NEXT:                         (block  ;; label = @9
;; CHECK-NEXT:                           (if  ;; label = @10
;; CHECK-NEXT:                             (i32.eq
;; CHECK-NEXT:                               (global.get $__asyncify_state)
;; CHECK-NEXT:                               (i32.const 2))
;; CHECK-NEXT:                             (then
;; CHECK-NEXT:                               (br 1 (;@9;))))
;; CHECK-NEXT:                           (nop))
;; CHECK-NEXT:                         (block  ;; label = @9
;; CHECK-NEXT:                           (local.set 6
;; CHECK-NEXT:                             (call $sleep
;; CHECK-NEXT:                               (local.get $x)))
;; CHECK-NEXT:                           (if  ;; label = @10
;; CHECK-NEXT:                             (i32.eq
;; CHECK-NEXT:                               (global.get $__asyncify_state)
;; CHECK-NEXT:                               (i32.const 1))
;; CHECK-NEXT:                             (then
;; CHECK-NEXT:                               (br 9 (;@1;)
;; CHECK-NEXT:                                 (i32.const 0)))))
;; CHECK-NEXT:                         (nop)
;; CHECK-NEXT:                         (local.set 5
;; CHECK-NEXT:                           (i32.add
;; CHECK-NEXT:                             (local.get 6)
;; CHECK-NEXT:                             (i32.const 2))))
;; CHECK-NEXT:                       (catch 0
;; CHECK-NEXT:                         (local.set 7)
;; CHECK-NEXT:                         (br 1 (;@7;)))
;; CHECK-NEXT:                       (catch_all
;; CHECK-NEXT:                         (block  ;; label = @9
;; CHECK-NEXT:                           (nop)
;; CHECK-NEXT:                           (block  ;; label = @10
;; CHECK-NEXT:                             (call $g
;; CHECK-NEXT:                               (local.get $y))
;; CHECK-NEXT:                             (call $__asyncify_assert_none))
;; CHECK-NEXT:                           (rethrow 1 (;@8;)))
;; CHECK-NEXT:                         (unreachable)))
;; CHECK-NEXT:                     (br 3 (;@4;))))
;; CHECK-NEXT:                 (block  ;; label = @6
;; CHECK-NEXT:                   (block  ;; label = @7
;; CHECK-NEXT:                     (block  ;; label = @8
;; CHECK-NEXT:                       (if  ;; label = @9
;; CHECK-NEXT:                         (i32.eq
;; CHECK-NEXT:                           (global.get $__asyncify_state)
;; CHECK-NEXT:                           (i32.const 2))
;; CHECK-NEXT:                         (then
;; CHECK-NEXT:                           (br 1 (;@8;))))
;; CHECK-NEXT:                       (nop))
;; CHECK-NEXT:                     (block  ;; label = @8
;; CHECK-NEXT:                       (call $g
;; CHECK-NEXT:                         (local.get 7))
;; CHECK-NEXT:                       (if  ;; label = @9
;; CHECK-NEXT:                         (i32.eq
;; CHECK-NEXT:                           (global.get $__asyncify_state)
;; CHECK-NEXT:                           (i32.const 1))
;; CHECK-NEXT:                         (then
;; CHECK-NEXT:                           (br 8 (;@1;)
;; CHECK-NEXT:                             (i32.const 1)))))
;; CHECK-NEXT:                     (nop)
;; CHECK-NEXT:                     (nop))
;; CHECK-NEXT:                   (nop)
;; CHECK-NEXT:                   (local.set 5
;; CHECK-NEXT:                     (local.get $y)))))
;; CHECK-NEXT:             (nop)
;; CHECK-NEXT:             (nop))
;; CHECK-NEXT:           (nop)
;; CHECK-NEXT:           (return
;; CHECK-NEXT:             (local.get 5)))
;; CHECK-NEXT:         (unreachable)))
;; CHECK-NEXT:     (local.set 1
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:         (global.get $__asyncify_data)))
;; CHECK-NEXT:     (block  ;; label = @1
;; CHECK-NEXT:       (local.set 4
;; CHECK-NEXT:         (i32.add
;; CHECK-NEXT:           (local.get 1)
;; CHECK-NEXT:           (i32.const 8)))
;; CHECK-NEXT:       (if  ;; label = @2
;; CHECK-NEXT:         (i32.and
;; CHECK-NEXT:           (i32.le_u
;; CHECK-NEXT:             (local.get 4)
;; CHECK-NEXT:             (i32.load offset=4
;; CHECK-NEXT:               (global.get $__asyncify_data)))
;; CHECK-NEXT:           (i32.ge_u
;; CHECK-NEXT:             (local.get 4)
;; CHECK-NEXT:             (local.get 1)))
;; CHECK-NEXT:         (then
;; CHECK-NEXT:           (i32.store
;; CHECK-NEXT:             (local.get 1)
;; CHECK-NEXT:             (local.get $y))
;; CHECK-NEXT:           (i32.store offset=4
;; CHECK-NEXT:             (local.get 1)
;; CHECK-NEXT:             (local.get 3)))))
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:       (global.get $__asyncify_data)
;; CHECK-NEXT:       (local.get 4))
;; CHECK-NEXT:     (return
;; CHECK-NEXT:       (i32.const 0)))
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
;; CHECK-NEXT:   (func $asyncify_get_state (type 3) (result i32)
;; CHECK-NEXT:     (global.get $__asyncify_state))
;; CHECK-NEXT:   (func $__asyncify_assert_none (type 1)
;; CHECK-NEXT:     (if  ;; label = @1
;; CHECK-NEXT:       (i32.ne
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:         (i32.const 0))
;; CHECK-NEXT:       (then
;; CHECK-NEXT:         (unreachable))))
;; CHECK-NEXT:   (memory (;0;) 1)
;; CHECK-NEXT:   (tag (;0;) (type 0) (param i32))
;; CHECK-NEXT:   (global $__asyncify_state (mut i32) (i32.const 0))
;; CHECK-NEXT:   (global $__asyncify_data (mut i32) (i32.const 0))
;; CHECK-NEXT:   (export "f" (func $f))
;; CHECK-NEXT:   (export "asyncify_start_unwind" (func $asyncify_start_unwind))
;; CHECK-NEXT:   (export "asyncify_stop_unwind" (func $asyncify_stop_unwind))
;; CHECK-NEXT:   (export "asyncify_start_rewind" (func $asyncify_start_rewind))
;; CHECK-NEXT:   (export "asyncify_stop_rewind" (func $asyncify_stop_rewind))
;; CHECK-NEXT:   (export "asyncify_get_state" (func $asyncify_get_state)))
;; REPORT: functions.f.unwindingCallSites = 3
;; REPORT-NEXT: functions.f.handlerCalls = 1
(module
  (import "env" "sleep" (func $sleep (param i32) (result i32)))
  (import "env" "log" (func $log (param i32)))
  (tag $e (param i32))
  (memory 1)
  (func $g (param i32) (call $log (call $sleep (local.get 0))))
  (func $f (export "f") (param $x i32) (result i32)
    (local $y i32)
    (local.set $y (i32.add (local.get $x) (i32.const 1)))
    try (result i32)
      (i32.add (call $sleep (local.get $x)) (i32.const 2))
    catch $e
      call $g
      local.get $y
    catch_all
      (call $g (local.get $y))
      rethrow 0
    end))
