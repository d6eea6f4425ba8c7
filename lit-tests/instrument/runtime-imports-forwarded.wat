;; In-module runtime imports become forwarders to the exported runtime; their callers are leaves.
;; RUN: %wasm-asyncify %s --imports env.sleep  -g -S -o - | FileCheck %s
;; CHECK: (module
;; CHECK-NEXT:  (type $none_=>_none (func))
;; CHECK-NEXT:  (type $i32_=>_none (func (param i32)))
;; CHECK-NEXT:  (type $none_=>_i32 (func (result i32)))
;; CHECK-NEXT:  (type $i32_=>_i32 (func (param i32) (result i32)))
;; CHECK-NEXT:  (global $sleeping (mut i32) (i32.const 0))
;; CHECK-NEXT:  (global $__asyncify_state (mut i32) (i32.const 0))
;; CHECK-NEXT:  (global $__asyncify_data (mut i32) (i32.const 0))
;; CHECK-NEXT:  (memory $0 1)
;; CHECK-NEXT:  (export "coroutine" (func $coroutine))
;; CHECK-NEXT:  (export "asyncify_start_unwind" (func $asyncify_start_unwind))
;; CHECK-NEXT:  (export "asyncify_stop_unwind" (func $asyncify_stop_unwind))
;; CHECK-NEXT:  (export "asyncify_start_rewind" (func $asyncify_start_rewind))
;; CHECK-NEXT:  (export "asyncify_stop_rewind" (func $asyncify_stop_rewind))
;; CHECK-NEXT:  (export "asyncify_get_state" (func $asyncify_get_state))
;; CHECK-NEXT:  (func $yield
;; CHECK-NEXT:   (if
;; CHECK-NEXT:    (global.get $sleeping)
;; CHECK-NEXT:    (block
;; CHECK-NEXT:     (call $stop_rewind)
;; CHECK-NEXT:     (global.set $sleeping
;; CHECK-NEXT:      (i32.const 0)
;; CHECK-NEXT:     )
;; CHECK-NEXT:    )
;; CHECK-NEXT:    (block
;; CHECK-NEXT:     (call $start_unwind
;; CHECK-NEXT:      (i32.const 16)
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (global.set $sleeping
;; CHECK-NEXT:      (i32.const 1)
;; CHECK-NEXT:     )
;; CHECK-NEXT:    )
;; CHECK-NEXT:   )
;; CHECK-NEXT:  )
;; CHECK-NEXT:  (func $coroutine (param $n i32) (result i32)
;; CHECK-NEXT:   (local $1 i32)
;; CHECK-NEXT:   (local $2 i32)
;; CHECK-NEXT:   (local $3 i32)
;; CHECK-NEXT:   (local $4 i32)
;; CHECK-NEXT:   (local $5 i32)
;; CHECK-NEXT:   (local $6 i32)
;; CHECK-NEXT:   (local $7 i32)
;; CHECK-NEXT:   (local $8 i32)
;; CHECK-NEXT:   (if
;; CHECK-NEXT:    (i32.eq
;; CHECK-NEXT:     (global.get $__asyncify_state)
;; CHECK-NEXT:     (i32.const 2)
;; CHECK-NEXT:    )
;; CHECK-NEXT:    (block
;; CHECK-NEXT:     (local.set $7
;; CHECK-NEXT:      (i32.sub
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:        (global.get $__asyncify_data)
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (i32.const 4)
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (local.set $6
;; CHECK-NEXT:      (i32.load
;; CHECK-NEXT:       (local.get $7)
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (block
;; CHECK-NEXT:      (local.set $7
;; CHECK-NEXT:       (i32.sub
;; CHECK-NEXT:        (local.get $7)
;; CHECK-NEXT:        (i32.const 4)
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:      (local.set $n
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:        (local.get $7)
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:      (global.get $__asyncify_data)
;; CHECK-NEXT:      (local.get $7)
;; CHECK-NEXT:     )
;; CHECK-NEXT:    )
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (local.set $6
;; CHECK-NEXT:    (block $__asyncify_unwind_block (result i32)
;; CHECK-NEXT:     (block
;; CHECK-NEXT:      (block
;; CHECK-NEXT:       (if
;; CHECK-NEXT:        (i32.or
;; CHECK-NEXT:         (i32.eqz
;; CHECK-NEXT:          (global.get $__asyncify_state)
;; CHECK-NEXT:         )
;; CHECK-NEXT:         (i32.eq
;; CHECK-NEXT:          (local.get $6)
;; CHECK-NEXT:          (i32.const 0)
;; CHECK-NEXT:         )
;; CHECK-NEXT:        )
;; CHECK-NEXT:        (block
;; CHECK-NEXT:         (call $yield)
;; CHECK-NEXT:         (if
;; CHECK-NEXT:          (i32.eq
;; CHECK-NEXT:           (global.get $__asyncify_state)
;; CHECK-NEXT:           (i32.const 1)
;; CHECK-NEXT:          )
;; CHECK-NEXT:          (br $__asyncify_unwind_block
;; CHECK-NEXT:           (i32.const 0)
;; CHECK-NEXT:          )
;; CHECK-NEXT:         )
;; CHECK-NEXT:        )
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (if
;; CHECK-NEXT:        (i32.eqz
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:        )
;; CHECK-NEXT:        (block
;; CHECK-NEXT:         (local.set $1
;; CHECK-NEXT:          (local.get $n)
;; CHECK-NEXT:         )
;; CHECK-NEXT:         (local.set $2
;; CHECK-NEXT:          (call $get_state)
;; CHECK-NEXT:         )
;; CHECK-NEXT:         (local.set $3
;; CHECK-NEXT:          (i32.add
;; CHECK-NEXT:           (local.get $1)
;; CHECK-NEXT:           (local.get $2)
;; CHECK-NEXT:          )
;; CHECK-NEXT:         )
;; CHECK-NEXT:         (local.set $4
;; CHECK-NEXT:          (local.get $3)
;; CHECK-NEXT:         )
;; CHECK-NEXT:        )
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:      (if
;; CHECK-NEXT:       (i32.eqz
;; CHECK-NEXT:        (global.get $__asyncify_state)
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (block
;; CHECK-NEXT:        (local.set $5
;; CHECK-NEXT:         (local.get $4)
;; CHECK-NEXT:        )
;; CHECK-NEXT:        (return
;; CHECK-NEXT:         (local.get $5)
;; CHECK-NEXT:        )
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (unreachable)
;; CHECK-NEXT:    )
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (local.set $7
;; CHECK-NEXT:    (i32.load
;; CHECK-NEXT:     (global.get $__asyncify_data)
;; CHECK-NEXT:    )
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (block
;; CHECK-NEXT:    (local.set $8
;; CHECK-NEXT:     (i32.add
;; CHECK-NEXT:      (local.get $7)
;; CHECK-NEXT:      (i32.const 8)
;; CHECK-NEXT:     )
;; CHECK-NEXT:    )
;; CHECK-NEXT:    (if
;; CHECK-NEXT:     (i32.and
;; CHECK-NEXT:      (i32.le_u
;; CHECK-NEXT:       (local.get $8)
;; CHECK-NEXT:       (i32.load offset=4
;; CHECK-NEXT:        (global.get $__asyncify_data)
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:      (i32.ge_u
;; CHECK-NEXT:       (local.get $8)
;; CHECK-NEXT:       (local.get $7)
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (block
;; CHECK-NEXT:      (i32.store
;; CHECK-NEXT:       (local.get $7)
;; CHECK-NEXT:       (local.get $n)
;; CHECK-NEXT:      )
;; CHECK-NEXT:      (i32.store offset=4
;; CHECK-NEXT:       (local.get $7)
;; CHECK-NEXT:       (local.get $6)
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:    )
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (i32.store
;; CHECK-NEXT:    (global.get $__asyncify_data)
;; CHECK-NEXT:    (local.get $8)
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (return
;; CHECK-NEXT:    (i32.const 0)
;; CHECK-NEXT:   )
;; CHECK-NEXT:  )
;; CHECK-NEXT:  (func $asyncify_start_unwind (param $0 i32)
;; CHECK-NEXT:   (global.set $__asyncify_state
;; CHECK-NEXT:    (i32.const 1)
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (global.set $__asyncify_data
;; CHECK-NEXT:    (local.get $0)
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (if
;; CHECK-NEXT:    (i32.gt_u
;; CHECK-NEXT:     (i32.load
;; CHECK-NEXT:      (global.get $__asyncify_data)
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (i32.load offset=4
;; CHECK-NEXT:      (global.get $__asyncify_data)
;; CHECK-NEXT:     )
;; CHECK-NEXT:    )
;; CHECK-NEXT:    (unreachable)
;; CHECK-NEXT:   )
;; CHECK-NEXT:  )
;; CHECK-NEXT:  (func $asyncify_stop_unwind
;; CHECK-NEXT:   (global.set $__asyncify_state
;; CHECK-NEXT:    (i32.const 0)
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (if
;; CHECK-NEXT:    (i32.gt_u
;; CHECK-NEXT:     (i32.load
;; CHECK-NEXT:      (global.get $__asyncify_data)
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (i32.load offset=4
;; CHECK-NEXT:      (global.get $__asyncify_data)
;; CHECK-NEXT:     )
;; CHECK-NEXT:    )
;; CHECK-NEXT:    (unreachable)
;; CHECK-NEXT:   )
;; CHECK-NEXT:  )
;; CHECK-NEXT:  (func $asyncify_start_rewind (param $0 i32)
;; CHECK-NEXT:   (global.set $__asyncify_state
;; CHECK-NEXT:    (i32.const 2)
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (global.set $__asyncify_data
;; CHECK-NEXT:    (local.get $0)
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (if
;; CHECK-NEXT:    (i32.gt_u
;; CHECK-NEXT:     (i32.load
;; CHECK-NEXT:      (global.get $__asyncify_data)
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (i32.load offset=4
;; CHECK-NEXT:      (global.get $__asyncify_data)
;; CHECK-NEXT:     )
;; CHECK-NEXT:    )
;; CHECK-NEXT:    (unreachable)
;; CHECK-NEXT:   )
;; CHECK-NEXT:  )
;; CHECK-NEXT:  (func $asyncify_stop_rewind
;; CHECK-NEXT:   (global.set $__asyncify_state
;; CHECK-NEXT:    (i32.const 0)
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (if
;; CHECK-NEXT:    (i32.gt_u
;; CHECK-NEXT:     (i32.load
;; CHECK-NEXT:      (global.get $__asyncify_data)
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (i32.load offset=4
;; CHECK-NEXT:      (global.get $__asyncify_data)
;; CHECK-NEXT:     )
;; CHECK-NEXT:    )
;; CHECK-NEXT:    (unreachable)
;; CHECK-NEXT:   )
;; CHECK-NEXT:  )
;; CHECK-NEXT:  (func $asyncify_get_state (result i32)
;; CHECK-NEXT:   (global.get $__asyncify_state)
;; CHECK-NEXT:  )
;; CHECK-NEXT:  (func $start_unwind (param $0 i32)
;; CHECK-NEXT:   (call $asyncify_start_unwind
;; CHECK-NEXT:    (local.get $0)
;; CHECK-NEXT:   )
;; CHECK-NEXT:  )
;; CHECK-NEXT:  (func $stop_rewind
;; CHECK-NEXT:   (call $asyncify_stop_rewind)
;; CHECK-NEXT:  )
;; CHECK-NEXT:  (func $get_state (result i32)
;; CHECK-NEXT:   (call $asyncify_get_state)
;; CHECK-NEXT:  )
;; CHECK-NEXT: )
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
