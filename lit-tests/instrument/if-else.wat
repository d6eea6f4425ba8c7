;; Sites in both arms of an if: while rewinding the arm is chosen by the saved index.
;; RUN: %wasm-asyncify %s --imports env.sleep  -g -S -o - | FileCheck %s
;; CHECK: (module
;; CHECK-NEXT:  (type $i32_=>_i32 (func (param i32) (result i32)))
;; CHECK-NEXT:  (type $i32_=>_none (func (param i32)))
;; CHECK-NEXT:  (type $none_=>_none (func))
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
;; CHECK-NEXT:  (func $f (param $c i32) (result i32)
;; CHECK-NEXT:   (local $1 i32)
;; CHECK-NEXT:   (local $2 i32)
;; CHECK-NEXT:   (local $3 i32)
;; CHECK-NEXT:   (local $4 i32)
;; CHECK-NEXT:   (local $5 i32)
;; CHECK-NEXT:   (local $6 i32)
;; CHECK-NEXT:   (local $7 i32)
;; CHECK-NEXT:   (local $8 i32)
;; CHECK-NEXT:   (local $9 i32)
;; CHECK-NEXT:   (local $10 i32)
;; CHECK-NEXT:   (if
;; CHECK-NEXT:    (i32.eq
;; CHECK-NEXT:     (global.get $__asyncify_state)
;; CHECK-NEXT:     (i32.const 2)
;; CHECK-NEXT:    )
;; CHECK-NEXT:    (block
;; CHECK-NEXT:     (local.set $9
;; CHECK-NEXT:      (i32.sub
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:        (global.get $__asyncify_data)
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (i32.const 4)
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (local.set $8
;; CHECK-NEXT:      (i32.load
;; CHECK-NEXT:       (local.get $9)
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (block
;; CHECK-NEXT:      (local.set $9
;; CHECK-NEXT:       (i32.sub
;; CHECK-NEXT:        (local.get $9)
;; CHECK-NEXT:        (i32.const 4)
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:      (local.set $c
;; CHECK-NEXT:       (i32.load
;; CHECK-NEXT:        (local.get $9)
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (i32.store
;; CHECK-NEXT:      (global.get $__asyncify_data)
;; CHECK-NEXT:      (local.get $9)
;; CHECK-NEXT:     )
;; CHECK-NEXT:    )
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (local.set $8
;; CHECK-NEXT:    (block $__asyncify_unwind_block (result i32)
;; CHECK-NEXT:     (block
;; CHECK-NEXT:      (block
;; CHECK-NEXT:       (if
;; CHECK-NEXT:        (i32.eqz
;; CHECK-NEXT:         (global.get $__asyncify_state)
;; CHECK-NEXT:        )
;; CHECK-NEXT:        (local.set $1
;; CHECK-NEXT:         (local.get $c)
;; CHECK-NEXT:        )
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (if
;; CHECK-NEXT:        (if (result i32)
;; CHECK-NEXT:         (i32.eq
;; CHECK-NEXT:          (global.get $__asyncify_state)
;; CHECK-NEXT:          (i32.const 2)
;; CHECK-NEXT:         )
;; CHECK-NEXT:         (i32.eq
;; CHECK-NEXT:          (local.get $8)
;; CHECK-NEXT:          (i32.const 0)
;; CHECK-NEXT:         )
;; CHECK-NEXT:         (local.get $1)
;; CHECK-NEXT:        )
;; CHECK-NEXT:        (block
;; CHECK-NEXT:         (if
;; CHECK-NEXT:          (i32.or
;; CHECK-NEXT:           (i32.eqz
;; CHECK-NEXT:            (global.get $__asyncify_state)
;; CHECK-NEXT:           )
;; CHECK-NEXT:           (i32.eq
;; CHECK-NEXT:            (local.get $8)
;; CHECK-NEXT:            (i32.const 0)
;; CHECK-NEXT:           )
;; CHECK-NEXT:          )
;; CHECK-NEXT:          (block
;; CHECK-NEXT:           (local.set $2
;; CHECK-NEXT:            (call $sleep
;; CHECK-NEXT:             (i32.const 1)
;; CHECK-NEXT:            )
;; CHECK-NEXT:           )
;; CHECK-NEXT:           (if
;; CHECK-NEXT:            (i32.eq
;; CHECK-NEXT:             (global.get $__asyncify_state)
;; CHECK-NEXT:             (i32.const 1)
;; CHECK-NEXT:            )
;; CHECK-NEXT:            (br $__asyncify_unwind_block
;; CHECK-NEXT:             (i32.const 0)
;; CHECK-NEXT:            )
;; CHECK-NEXT:           )
;; CHECK-NEXT:          )
;; CHECK-NEXT:         )
;; CHECK-NEXT:         (if
;; CHECK-NEXT:          (i32.eqz
;; CHECK-NEXT:           (global.get $__asyncify_state)
;; CHECK-NEXT:          )
;; CHECK-NEXT:          (local.set $6
;; CHECK-NEXT:           (local.get $2)
;; CHECK-NEXT:          )
;; CHECK-NEXT:         )
;; CHECK-NEXT:        )
;; CHECK-NEXT:        (block
;; CHECK-NEXT:         (if
;; CHECK-NEXT:          (i32.or
;; CHECK-NEXT:           (i32.eqz
;; CHECK-NEXT:            (global.get $__asyncify_state)
;; CHECK-NEXT:           )
;; CHECK-NEXT:           (i32.eq
;; CHECK-NEXT:            (local.get $8)
;; CHECK-NEXT:            (i32.const 1)
;; CHECK-NEXT:           )
;; CHECK-NEXT:          )
;; CHECK-NEXT:          (block
;; CHECK-NEXT:           (local.set $3
;; CHECK-NEXT:            (call $sleep
;; CHECK-NEXT:             (i32.const 2)
;; CHECK-NEXT:            )
;; CHECK-NEXT:           )
;; CHECK-NEXT:           (if
;; CHECK-NEXT:            (i32.eq
;; CHECK-NEXT:             (global.get $__asyncify_state)
;; CHECK-NEXT:             (i32.const 1)
;; CHECK-NEXT:            )
;; CHECK-NEXT:            (br $__asyncify_unwind_block
;; CHECK-NEXT:             (i32.const 1)
;; CHECK-NEXT:            )
;; CHECK-NEXT:           )
;; CHECK-NEXT:          )
;; CHECK-NEXT:         )
;; CHECK-NEXT:         (if
;; CHECK-NEXT:          (i32.eqz
;; CHECK-NEXT:           (global.get $__asyncify_state)
;; CHECK-NEXT:          )
;; CHECK-NEXT:          (block
;; CHECK-NEXT:           (local.set $4
;; CHECK-NEXT:            (local.get $c)
;; CHECK-NEXT:           )
;; CHECK-NEXT:           (local.set $5
;; CHECK-NEXT:            (i32.add
;; CHECK-NEXT:             (local.get $3)
;; CHECK-NEXT:             (local.get $4)
;; CHECK-NEXT:            )
;; CHECK-NEXT:           )
;; CHECK-NEXT:           (local.set $6
;; CHECK-NEXT:            (local.get $5)
;; CHECK-NEXT:           )
;; CHECK-NEXT:          )
;; CHECK-NEXT:         )
;; CHECK-NEXT:        )
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:      (if
;; CHECK-NEXT:       (i32.eqz
;; CHECK-NEXT:        (global.get $__asyncify_state)
;; CHECK-NEXT:       )
;; CHECK-NEXT:       (block
;; CHECK-NEXT:        (local.set $7
;; CHECK-NEXT:         (local.get $6)
;; CHECK-NEXT:        )
;; CHECK-NEXT:        (return
;; CHECK-NEXT:         (local.get $7)
;; CHECK-NEXT:        )
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (unreachable)
;; CHECK-NEXT:    )
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (local.set $9
;; CHECK-NEXT:    (i32.load
;; CHECK-NEXT:     (global.get $__asyncify_data)
;; CHECK-NEXT:    )
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (block
;; CHECK-NEXT:    (local.set $10
;; CHECK-NEXT:     (i32.add
;; CHECK-NEXT:      (local.get $9)
;; CHECK-NEXT:      (i32.const 8)
;; CHECK-NEXT:     )
;; CHECK-NEXT:    )
;; CHECK-NEXT:    (if
;; CHECK-NEXT:     (i32.and
;; CHECK-NEXT:      (i32.le_u
;; CHECK-NEXT:       (local.get $10)
;; CHECK-NEXT:       (i32.load offset=4
;; CHECK-NEXT:        (global.get $__asyncify_data)
;; CHECK-NEXT:       )
;; CHECK-NEXT:      )
;; CHECK-NEXT:      (i32.ge_u
;; CHECK-NEXT:       (local.get $10)
;; CHECK-NEXT:       (local.get $9)
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:     (block
;; CHECK-NEXT:      (i32.store
;; CHECK-NEXT:       (local.get $9)
;; CHECK-NEXT:       (local.get $c)
;; CHECK-NEXT:      )
;; CHECK-NEXT:      (i32.store offset=4
;; CHECK-NEXT:       (local.get $9)
;; CHECK-NEXT:       (local.get $8)
;; CHECK-NEXT:      )
;; CHECK-NEXT:     )
;; CHECK-NEXT:    )
;; CHECK-NEXT:   )
;; CHECK-NEXT:   (i32.store
;; CHECK-NEXT:    (global.get $__asyncify_data)
;; CHECK-NEXT:    (local.get $10)
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
;; CHECK-NEXT: )
(module
  (import "env" "sleep" (func $sleep (param i32) (result i32)))
  (memory 1)
  (func $f (export "f") (param $c i32) (result i32)
    (if (result i32) (local.get $c)
      (then (call $sleep (i32.const 1)))
      (else (i32.add (call $sleep (i32.const 2)) (local.get $c))))))
