;; Sites with different live sets get separate save and restore blocks, dispatched by index.
;; RUN: %wasm-asyncify %s --imports env.sleep  -g -S -o - | FileCheck %s
;; CHECK: (module
;; CHECK-NEXT:  (type $i32_=>_none (func (param i32)))
;; CHECK-NEXT:  (type $none_=>_none (func))
;; CHECK-NEXT:  (type $i32_=>_i32 (func (param i32) (result i32)))
;; CHECK-NEXT:  (type $i32_i64_=>_i64 (func (param i32 i64) (result i64)))
;; CHECK-NEXT:  (type $none_=>_i32 (func (result i32)))
;; CHECK-NEXT:  (import "env" "sleep" (func $sleep (param i32) (result i32)))
;; CHECK-NEXT:  (global $__asyncify_state (mut i32) (i32.const 0))
;; CHECK-NEXT:  (global $__asyncify_data (mut i32) (i32.const 0))
;; CHECK-NEXT:  (memory $0 1)
;; CHECK-NEXT:  (export "f" (func $f))
;; CHECK-NEXT:  (export "asyncify_start_unwind" (func $asyncify_start_unwind))
;; CHECK-NEXT:  (export "asyncify_stop_unwind" (func $asyncify_stop_unwind))
;; CHECK-NEXT:  (export "asyncify_start_rewind" (func $asyncify_start_rewind))
;; CHECK-NEXT:  (export "asyncify_stop_rewind" (func $asyncify_stop_rewind))
;; CHECK-NEXT:  (export "asyncify_get_state" (func $asyncify_get_state))
;; CHECK-NEXT:  (func $f (param $a i32) (param $b i64) (result i64)
;; CHECK-NEXT:   (local $r i32)
;; CHECK-NEXT:   (local $3 i32)
;; CHECK-NEXT:   (local $4 i32)
;; CHECK-NEXT:   (local $5 i64)
;; CHECK-NEXT:   (local $6 i32)
;; CHECK-NEXT:   (local $7 i32)
;; CHECK-NEXT:   (local $8 i32)
;; CHECK-NEXT:   (local $9 i64)
;; CHECK-NEXT:   (local $10 i64)
;; CHECK-NEXT:   (local $11 i64)
;; CHECK-NEXT:   (local $12 i64)
;; CHECK-NEXT:   (local $13 i32)
;; CHECK-NEXT:   (local $14 i32)
;; CHECK-NEXT:   (local $15 i32)
;; CHECK-NEXT:   (if
;; CHECK-NEXT:    (i32.eq
;; CHECK-NEXT:     (global.get $__asyncify_state)
;; CHECK-NEXT:     (i32.const 2)
;; CHECK-NEXT:    )
;; CHECK-NEXT:    (block
;; CHECK-NEXT:     (local.set $14
;; CHECK-NEXT:      (i32.sub
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:        (global.get $__asyncify_data)
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (i32.const 4)
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (local.set $13
;; CHECK-NEXT:      (i32.load
;; CHECK-NEXT:       (local.get $14)
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (block $__asyncify_restore_done
;; CHECK-NEXT:      (block $__asyncify_restore_1
;; CHECK-NEXT:       (block $__asyncify_restore_0
;; CHECK-NEXT:        (br_table $__asyncify_restore_1 $__asyncify_restore_0 $__asyncify_restore_1
;; CHECK-NEXT:         (local.get $13)
;; CHECK-NEXT:        )
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (local.set $14
;; CHECK-NEXT:        (i32.sub
;; CHECK-NEXT:         (local.get $14)
;; CHECK-NEXT:         (i32.const 12)
;; CHECK-NEXT:        )
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (local.set $5
;; CHECK-NEXT:        (i64.load align=4
;; CHECK-NEXT:         (local.get $14)
;; CHECK-NEXT:        )
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (local.set $6
;; CHECK-NEXT:        (i32.load offset=8
;; CHECK-NEXT:         (local.get $14)
;; CHECK-NEXT:        )
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (br $__asyncify_restore_done)
;; CHECK-NEXT:      )
;; CHECK-NEXT:      (local.set $14
;; CHECK-NEXT:       (i32.sub
;; CHECK-NEXT:        (local.get $14)
;; CHECK-NEXT:        (i32.const 8)
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:      (local.set $b
;; CHECK-NEXT:       (i64.load align=4
;; CHECK-NEXT:        (local.get $14)
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:      (global.get $__asyncify_data)
;; CHECK-NEXT:      (local.get $14)
;; CHECK-NEXT:     )
;; CHECK-NEXT:    )
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (local.set $13
;; CHECK-NEXT:    (block $__asyncify_unwind_block (result i32)
;; CHECK-NEXT:     (block
;; CHECK-NEXT:      (block
;; CHECK-NEXT:       (if
;; CHECK-NEXT:        (i32.eqz
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:        )
;; CHECK-NEXT:        (local.set $3
;; CHECK-NEXT:         (local.get $a)
;; CHECK-NEXT:        )
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (if
;; CHECK-NEXT:        (i32.or
;; CHECK-NEXT:         (i32.eqz
;; CHECK-NEXT:          (global.get $__asyncify_state)
;; CHECK-NEXT:         )
;; CHECK-NEXT:         (i32.eq
;; CHECK-NEXT:          (local.get $13)
;; CHECK-NEXT:          (i32.const 0)
;; CHECK-NEXT:         )
;; CHECK-NEXT:        )
;; CHECK-NEXT:        (block
;; CHECK-NEXT:         (local.set $4
;; CHECK-NEXT:          (call $sleep
;; CHECK-NEXT:           (local.get $3)
;; CHECK-NEXT:          )
;; CHECK-NEXT:         )
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
;; CHECK-NEXT:         (local.set $r
;; CHECK-NEXT:          (local.get $4)
;; CHECK-NEXT:         )
;; CHECK-NEXT:         (local.set $5
;; CHECK-NEXT:          (local.get $b)
;; CHECK-NEXT:         )
;; CHECK-NEXT:         (local.set $6
;; CHECK-NEXT:          (local.get $r)
;; CHECK-NEXT:         )
;; CHECK-NEXT:        )
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (if
;; CHECK-NEXT:        (i32.or
;; CHECK-NEXT:         (i32.eqz
;; CHECK-NEXT:          (global.get $__asyncify_state)
;; CHECK-NEXT:         )
;; CHECK-NEXT:         (i32.eq
;; CHECK-NEXT:          (local.get $13)
;; CHECK-NEXT:          (i32.const 1)
;; CHECK-NEXT:         )
;; CHECK-NEXT:        )
;; CHECK-NEXT:        (block
;; CHECK-NEXT:         (local.set $7
;; CHECK-NEXT:          (call $sleep
;; CHECK-NEXT:           (i32.const 2)
;; CHECK-NEXT:          )
;; CHECK-NEXT:         )
;; CHECK-NEXT:         (if
;; CHECK-NEXT:          (i32.eq
;; CHECK-NEXT:           (global.get $__asyncify_state)
;; CHECK-NEXT:           (i32.const 1)
;; CHECK-NEXT:          )
;; CHECK-NEXT:          (br $__asyncify_unwind_block
;; CHECK-NEXT:           (i32.const 1)
;; CHECK-NEXT:          )
;; CHECK-NEXT:         )
;; CHECK-NEXT:        )
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (if
;; CHECK-NEXT:        (i32.eqz
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:        )
;; CHECK-NEXT:        (block
;; CHECK-NEXT:         (local.set $8
;; CHECK-NEXT:          (i32.add
;; CHECK-NEXT:           (local.get $6)
;; CHECK-NEXT:           (local.get $7)
;; CHECK-NEXT:          )
;; CHECK-NEXT:         )
;; CHECK-NEXT:         (local.set $9
;; CHECK-NEXT:          (i64.extend_i32_u
;; CHECK-NEXT:           (local.get $8)
;; CHECK-NEXT:          )
;; CHECK-NEXT:         )
;; CHECK-NEXT:         (local.set $10
;; CHECK-NEXT:          (i64.add
;; CHECK-NEXT:           (local.get $5)
;; CHECK-NEXT:           (local.get $9)
;; CHECK-NEXT:          )
;; CHECK-NEXT:         )
;; CHECK-NEXT:         (local.set $11
;; CHECK-NEXT:          (local.get $10)
;; CHECK-NEXT:         )
;; CHECK-NEXT:        )
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:      (if
;; CHECK-NEXT:       (i32.eqz
;; CHECK-NEXT:        (global.get $__asyncify_state)
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (block
;; CHECK-NEXT:        (local.set $12
;; CHECK-NEXT:         (local.get $11)
;; CHECK-NEXT:        )
;; CHECK-NEXT:        (return
;; CHECK-NEXT:         (local.get $12)
;; CHECK-NEXT:        )
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (unreachable)
;; CHECK-NEXT:    )
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (local.set $14
;; CHECK-NEXT:    (i32.load
;; CHECK-NEXT:     (global.get $__asyncify_data)
;; CHECK-NEXT:    )
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (block $__asyncify_save_done
;; CHECK-NEXT:    (block $__asyncify_save_1
;; CHECK-NEXT:     (block $__asyncify_save_0
;; CHECK-NEXT:      (br_table $__asyncify_save_1 $__asyncify_save_0 $__asyncify_save_1
;; CHECK-NEXT:       (local.get $13)
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (local.set $15
;; CHECK-NEXT:      (i32.add
;; CHECK-NEXT:       (local.get $14)
;; CHECK-NEXT:       (i32.const 16)
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (if
;; CHECK-NEXT:      (i32.and
;; CHECK-NEXT:       (i32.le_u
;; CHECK-NEXT:        (local.get $15)
;; CHECK-NEXT:        (i32.load offset=4
;; CHECK-NEXT:         (global.get $__asyncify_data)
;; CHECK-NEXT:        )
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (i32.ge_u
;; CHECK-NEXT:        (local.get $15)
;; CHECK-NEXT:        (local.get $14)
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:      (block
;; CHECK-NEXT:       (i64.store align=4
;; CHECK-NEXT:        (local.get $14)
;; CHECK-NEXT:        (local.get $5)
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (i32.store offset=8
;; CHECK-NEXT:        (local.get $14)
;; CHECK-NEXT:        (local.get $6)
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (i32.store offset=12
;; CHECK-NEXT:        (local.get $14)
;; CHECK-NEXT:        (local.get $13)
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (br $__asyncify_save_done)
;; CHECK-NEXT:    )
;; CHECK-NEXT:    (local.set $15
;; CHECK-NEXT:     (i32.add
;; CHECK-NEXT:      (local.get $14)
;; CHECK-NEXT:      (i32.const 12)
;; CHECK-NEXT:     )
;; CHECK-NEXT:    )
;; CHECK-NEXT:    (if
;; CHECK-NEXT:     (i32.and
;; CHECK-NEXT:      (i32.le_u
;; CHECK-NEXT:       (local.get $15)
;; CHECK-NEXT:       (i32.load offset=4
;; CHECK-NEXT:        (global.get $__asyncify_data)
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:      (i32.ge_u
;; CHECK-NEXT:       (local.get $15)
;; CHECK-NEXT:       (local.get $14)
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (block
;; CHECK-NEXT:      (i64.store align=4
;; CHECK-NEXT:       (local.get $14)
;; CHECK-NEXT:       (local.get $b)
;; CHECK-NEXT:      )
;; CHECK-NEXT:      (i32.store offset=8
;; CHECK-NEXT:       (local.get $14)
;; CHECK-NEXT:       (local.get $13)
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:    )
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (i32.store
;; CHECK-NEXT:    (global.get $__asyncify_data)
;; CHECK-NEXT:    (local.get $15)
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (return
;; CHECK-NEXT:    (i64.const 0)
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
;; CHECK-NEXT: )
(module
  (import "env" "sleep" (func $sleep (param i32) (result i32)))
  (memory 1)
  (func $f (export "f") (param $a i32) (param $b i64) (result i64)
    (local $r i32)
    (local.set $r (call $sleep (local.get $a)))
    (i64.add (local.get $b)
      (i64.extend_i32_u (i32.add (local.get $r) (call $sleep (i32.const 2)))))))
