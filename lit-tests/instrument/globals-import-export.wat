;; --import-globals and --export-globals, for dynamically linked modules.
;; RUN: %wasm-asyncify %s --imports env.sleep --import-globals -g -S -o - | FileCheck %s --check-prefix=IMPORT
;; IMPORT: (module
;; IMPORT-NEXT:  (type $none_=>_none (func))
;; IMPORT-NEXT:  (type $i32_=>_none (func (param i32)))
;; IMPORT-NEXT:  (type $i32_=>_i32 (func (param i32) (result i32)))
;; IMPORT-NEXT:  (type $none_=>_i32 (func (result i32)))
;; IMPORT-NEXT:  (import "env" "__asyncify_state" (global $__asyncify_state (mut i32)))
;; IMPORT-NEXT:  (import "env" "__asyncify_data" (global $__asyncify_data (mut i32)))
;; IMPORT-NEXT:  (import "env" "sleep" (func $sleep (param i32) (result i32)))
;; IMPORT-NEXT:  (memory $0 1)
;; IMPORT-NEXT:  (export "f" (func $f))
;; IMPORT-NEXT:  (export "asyncify_start_unwind" (func $asyncify_start_unwind))
;; IMPORT-NEXT:  (export "asyncify_stop_unwind" (func $asyncify_stop_unwind))
;; IMPORT-NEXT:  (export "asyncify_start_rewind" (func $asyncify_start_rewind))
;; IMPORT-NEXT:  (export "asyncify_stop_rewind" (func $asyncify_stop_rewind))
;; IMPORT-NEXT:  (export "asyncify_get_state" (func $asyncify_get_state))
;; IMPORT-NEXT:  (func $f
;; IMPORT-NEXT:   (local $0 i32)
;; IMPORT-NEXT:   (local $1 i32)
;; IMPORT-NEXT:   (local $2 i32)
;; IMPORT-NEXT:   (local $3 i32)
;; IMPORT-NEXT:   (if
;; IMPORT-NEXT:    (i32.eq
;; IMPORT-NEXT:     (global.get $__asyncify_state)
;; IMPORT-NEXT:     (i32.const 2)
;; IMPORT-NEXT:    )
;; IMPORT-NEXT:    (block
;; IMPORT-NEXT:     (local.set $2
;; IMPORT-NEXT:      (i32.sub
;; IMPORT-NEXT:       (i32.load
;; IMPORT-NEXT:        (global.get $__asyncify_data)
;; IMPORT-NEXT:       )
;; IMPORT-NEXT:       (i32.const 4)
;; IMPORT-NEXT:      )
;; IMPORT-NEXT:     )
;; IMPORT-NEXT:     (local.set $1
;; IMPORT-NEXT:      (i32.load
;; IMPORT-NEXT:       (local.get $2)
;; IMPORT-NEXT:      )
;; IMPORT-NEXT:     )
;; IMPORT-NEXT:     (block
;; IMPORT-NEXT:      (local.set $2
;; IMPORT-NEXT:       (i32.sub
;; IMPORT-NEXT:        (local.get $2)
;; IMPORT-NEXT:        (i32.const 0)
;; IMPORT-NEXT:       )
;; IMPORT-NEXT:      )
;; IMPORT-NEXT:     )
;; IMPORT-NEXT:     (i32.store
;; IMPORT-NEXT:      (global.get $__asyncify_data)
;; IMPORT-NEXT:      (local.get $2)
;; IMPORT-NEXT:     )
;; IMPORT-NEXT:    )
;; IMPORT-NEXT:   )
;; IMPORT-NEXT:   (local.set $1
;; IMPORT-NEXT:    (block $__asyncify_unwind_block (result i32)
;; IMPORT-NEXT:     (block
;; IMPORT-NEXT:      (if
;; IMPORT-NEXT:       (i32.or
;; IMPORT-NEXT:        (i32.eqz
;; IMPORT-NEXT:         (global.get $__asyncify_state)
;; IMPORT-NEXT:        )
;; IMPORT-NEXT:        (i32.eq
;; IMPORT-NEXT:         (local.get $1)
;; IMPORT-NEXT:         (i32.const 0)
;; IMPORT-NEXT:        )
;; IMPORT-NEXT:       )
;; IMPORT-NEXT:       (block
;; IMPORT-NEXT:        (local.set $0
;; IMPORT-NEXT:         (call $sleep
;; IMPORT-NEXT:          (i32.const 1)
;; IMPORT-NEXT:         )
;; IMPORT-NEXT:        )
;; IMPORT-NEXT:        (if
;; IMPORT-NEXT:         (i32.eq
;; IMPORT-NEXT:          (global.get $__asyncify_state)
;; IMPORT-NEXT:          (i32.const 1)
;; IMPORT-NEXT:         )
;; IMPORT-NEXT:         (br $__asyncify_unwind_block
;; IMPORT-NEXT:          (i32.const 0)
;; IMPORT-NEXT:         )
;; IMPORT-NEXT:        )
;; IMPORT-NEXT:       )
;; IMPORT-NEXT:      )
;; IMPORT-NEXT:      (if
;; IMPORT-NEXT:       (i32.eqz
;; IMPORT-NEXT:        (global.get $__asyncify_state)
;; IMPORT-NEXT:       )
;; IMPORT-NEXT:       (drop
;; IMPORT-NEXT:        (local.get $0)
;; IMPORT-NEXT:       )
;; IMPORT-NEXT:      )
;; IMPORT-NEXT:     )
;; IMPORT-NEXT:     (return)
;; IMPORT-NEXT:    )
;; IMPORT-NEXT:   )
;; IMPORT-NEXT:   (local.set $2
;; IMPORT-NEXT:    (i32.load
;; IMPORT-NEXT:     (global.get $__asyncify_data)
;; IMPORT-NEXT:    )
;; IMPORT-NEXT:   )
;; IMPORT-NEXT:   (block
;; IMPORT-NEXT:    (local.set $3
;; IMPORT-NEXT:     (i32.add
;; IMPORT-NEXT:      (local.get $2)
;; IMPORT-NEXT:      (i32.const 4)
;; IMPORT-NEXT:     )
;; IMPORT-NEXT:    )
;; IMPORT-NEXT:    (if
;; IMPORT-NEXT:     (i32.and
;; IMPORT-NEXT:      (i32.le_u
;; IMPORT-NEXT:       (local.get $3)
;; IMPORT-NEXT:       (i32.load offset=4
;; IMPORT-NEXT:        (global.get $__asyncify_data)
;; IMPORT-NEXT:       )
;; IMPORT-NEXT:      )
;; IMPORT-NEXT:      (i32.ge_u
;; IMPORT-NEXT:       (local.get $3)
;; IMPORT-NEXT:       (local.get $2)
;; IMPORT-NEXT:      )
;; IMPORT-NEXT:     )
;; IMPORT-NEXT:     (i32.store
;; IMPORT-NEXT:      (local.get $2)
;; IMPORT-NEXT:      (local.get $1)
;; IMPORT-NEXT:     )
;; IMPORT-NEXT:    )
;; IMPORT-NEXT:   )
;; IMPORT-NEXT:   (i32.store
;; IMPORT-NEXT:    (global.get $__asyncify_data)
;; IMPORT-NEXT:    (local.get $3)
;; IMPORT-NEXT:   )
;; IMPORT-NEXT:   (return)
;; IMPORT-NEXT:  )
;; IMPORT-NEXT:  (func $asyncify_start_unwind (param $0 i32)
;; IMPORT-NEXT:   (global.set $__asyncify_state
;; IMPORT-NEXT:    (i32.const 1)
;; IMPORT-NEXT:   )
;; IMPORT-NEXT:   (global.set $__asyncify_data
;; IMPORT-NEXT:    (local.get $0)
;; IMPORT-NEXT:   )
;; IMPORT-NEXT:   (if
;; IMPORT-NEXT:    (i32.gt_u
;; IMPORT-NEXT:     (i32.load
;; IMPORT-NEXT:      (global.get $__asyncify_data)
;; IMPORT-NEXT:     )
;; IMPORT-NEXT:     (i32.load offset=4
;; IMPORT-NEXT:      (global.get $__asyncify_data)
;; IMPORT-NEXT:     )
;; IMPORT-NEXT:    )
;; IMPORT-NEXT:    (unreachable)
;; IMPORT-NEXT:   )
;; IMPORT-NEXT:  )
;; IMPORT-NEXT:  (func $asyncify_stop_unwind
;; IMPORT-NEXT:   (global.set $__asyncify_state
;; IMPORT-NEXT:    (i32.const 0)
;; IMPORT-NEXT:   )
;; IMPORT-NEXT:   (if
;; IMPORT-NEXT:    (i32.gt_u
;; IMPORT-NEXT:     (i32.load
;; IMPORT-NEXT:      (global.get $__asyncify_data)
;; IMPORT-NEXT:     )
;; IMPORT-NEXT:     (i32.load offset=4
;; IMPORT-NEXT:      (global.get $__asyncify_data)
;; IMPORT-NEXT:     )
;; IMPORT-NEXT:    )
;; IMPORT-NEXT:    (unreachable)
;; IMPORT-NEXT:   )
;; IMPORT-NEXT:  )
;; IMPORT-NEXT:  (func $asyncify_start_rewind (param $0 i32)
;; IMPORT-NEXT:   (global.set $__asyncify_state
;; IMPORT-NEXT:    (i32.const 2)
;; IMPORT-NEXT:   )
;; IMPORT-NEXT:   (global.set $__asyncify_data
;; IMPORT-NEXT:    (local.get $0)
;; IMPORT-NEXT:   )
;; IMPORT-NEXT:   (if
;; IMPORT-NEXT:    (i32.gt_u
;; IMPORT-NEXT:     (i32.load
;; IMPORT-NEXT:      (global.get $__asyncify_data)
;; IMPORT-NEXT:     )
;; IMPORT-NEXT:     (i32.load offset=4
;; IMPORT-NEXT:      (global.get $__asyncify_data)
;; IMPORT-NEXT:     )
;; IMPORT-NEXT:    )
;; IMPORT-NEXT:    (unreachable)
;; IMPORT-NEXT:   )
;; IMPORT-NEXT:  )
;; IMPORT-NEXT:  (func $asyncify_stop_rewind
;; IMPORT-NEXT:   (global.set $__asyncify_state
;; IMPORT-NEXT:    (i32.const 0)
;; IMPORT-NEXT:   )
;; IMPORT-NEXT:   (if
;; IMPORT-NEXT:    (i32.gt_u
;; IMPORT-NEXT:     (i32.load
;; IMPORT-NEXT:      (global.get $__asyncify_data)
;; IMPORT-NEXT:     )
;; IMPORT-NEXT:     (i32.load offset=4
;; IMPORT-NEXT:      (global.get $__asyncify_data)
;; IMPORT-NEXT:     )
;; IMPORT-NEXT:    )
;; IMPORT-NEXT:    (unreachable)
;; IMPORT-NEXT:   )
;; IMPORT-NEXT:  )
;; IMPORT-NEXT:  (func $asyncify_get_state (result i32)
;; IMPORT-NEXT:   (global.get $__asyncify_state)
;; IMPORT-NEXT:  )
;; IMPORT-NEXT: )
;; RUN: %wasm-asyncify %s --imports env.sleep --export-globals -g -S -o - | FileCheck %s --check-prefix=EXPORT
;; EXPORT: (module
;; EXPORT-NEXT:  (type $none_=>_none (func))
;; EXPORT-NEXT:  (type $i32_=>_none (func (param i32)))
;; EXPORT-NEXT:  (type $i32_=>_i32 (func (param i32) (result i32)))
;; EXPORT-NEXT:  (type $none_=>_i32 (func (result i32)))
;; EXPORT-NEXT:  (import "env" "sleep" (func $sleep (param i32) (result i32)))
;; EXPORT-NEXT:  (global $__asyncify_state (mut i32) (i32.const 0))
;; EXPORT-NEXT:  (global $__asyncify_data (mut i32) (i32.const 0))
;; EXPORT-NEXT:  (memory $0 1)
;; EXPORT-NEXT:  (export "f" (func $f))
;; EXPORT-NEXT:  (export "__asyncify_state" (global $__asyncify_state))
;; EXPORT-NEXT:  (export "__asyncify_data" (global $__asyncify_data))
;; EXPORT-NEXT:  (export "asyncify_start_unwind" (func $asyncify_start_unwind))
;; EXPORT-NEXT:  (export "asyncify_stop_unwind" (func $asyncify_stop_unwind))
;; EXPORT-NEXT:  (export "asyncify_start_rewind" (func $asyncify_start_rewind))
;; EXPORT-NEXT:  (export "asyncify_stop_rewind" (func $asyncify_stop_rewind))
;; EXPORT-NEXT:  (export "asyncify_get_state" (func $asyncify_get_state))
;; EXPORT-NEXT:  (func $f
;; EXPORT-NEXT:   (local $0 i32)
;; EXPORT-NEXT:   (local $1 i32)
;; EXPORT-NEXT:   (local $2 i32)
;; EXPORT-NEXT:   (local $3 i32)
;; EXPORT-NEXT:   (if
;; EXPORT-NEXT:    (i32.eq
;; EXPORT-NEXT:     (global.get $__asyncify_state)
;; EXPORT-NEXT:     (i32.const 2)
;; EXPORT-NEXT:    )
;; EXPORT-NEXT:    (block
;; EXPORT-NEXT:     (local.set $2
;; EXPORT-NEXT:      (i32.sub
;; EXPORT-NEXT:       (i32.load
;; EXPORT-NEXT:        (global.get $__asyncify_data)
;; EXPORT-NEXT:       )
;; EXPORT-NEXT:       (i32.const 4)
;; EXPORT-NEXT:      )
;; EXPORT-NEXT:     )
;; EXPORT-NEXT:     (local.set $1
;; EXPORT-NEXT:      (i32.load
;; EXPORT-NEXT:       (local.get $2)
;; EXPORT-NEXT:      )
;; EXPORT-NEXT:     )
;; EXPORT-NEXT:     (block
;; EXPORT-NEXT:      (local.set $2
;; EXPORT-NEXT:       (i32.sub
;; EXPORT-NEXT:        (local.get $2)
;; EXPORT-NEXT:        (i32.const 0)
;; EXPORT-NEXT:       )
;; EXPORT-NEXT:      )
;; EXPORT-NEXT:     )
;; EXPORT-NEXT:     (i32.store
;; EXPORT-NEXT:      (global.get $__asyncify_data)
;; EXPORT-NEXT:      (local.get $2)
;; EXPORT-NEXT:     )
;; EXPORT-NEXT:    )
;; EXPORT-NEXT:   )
;; EXPORT-NEXT:   (local.set $1
;; EXPORT-NEXT:    (block $__asyncify_unwind_block (result i32)
;; EXPORT-NEXT:     (block
;; EXPORT-NEXT:      (if
;; EXPORT-NEXT:       (i32.or
;; EXPORT-NEXT:        (i32.eqz
;; EXPORT-NEXT:         (global.get $__asyncify_state)
;; EXPORT-NEXT:        )
;; EXPORT-NEXT:        (i32.eq
;; EXPORT-NEXT:         (local.get $1)
;; EXPORT-NEXT:         (i32.const 0)
;; EXPORT-NEXT:        )
;; EXPORT-NEXT:       )
;; EXPORT-NEXT:       (block
;; EXPORT-NEXT:        (local.set $0
;; EXPORT-NEXT:         (call $sleep
;; EXPORT-NEXT:          (i32.const 1)
;; EXPORT-NEXT:         )
;; EXPORT-NEXT:        )
;; EXPORT-NEXT:        (if
;; EXPORT-NEXT:         (i32.eq
;; EXPORT-NEXT:          (global.get $__asyncify_state)
;; EXPORT-NEXT:          (i32.const 1)
;; EXPORT-NEXT:         )
;; EXPORT-NEXT:         (br $__asyncify_unwind_block
;; EXPORT-NEXT:          (i32.const 0)
;; EXPORT-NEXT:         )
;; EXPORT-NEXT:        )
;; EXPORT-NEXT:       )
;; EXPORT-NEXT:      )
;; EXPORT-NEXT:      (if
;; EXPORT-NEXT:       (i32.eqz
;; EXPORT-NEXT:        (global.get $__asyncify_state)
;; EXPORT-NEXT:       )
;; EXPORT-NEXT:       (drop
;; EXPORT-NEXT:        (local.get $0)
;; EXPORT-NEXT:       )
;; EXPORT-NEXT:      )
;; EXPORT-NEXT:     )
;; EXPORT-NEXT:     (return)
;; EXPORT-NEXT:    )
;; EXPORT-NEXT:   )
;; EXPORT-NEXT:   (local.set $2
;; EXPORT-NEXT:    (i32.load
;; EXPORT-NEXT:     (global.get $__asyncify_data)
;; EXPORT-NEXT:    )
;; EXPORT-NEXT:   )
;; EXPORT-NEXT:   (block
;; EXPORT-NEXT:    (local.set $3
;; EXPORT-NEXT:     (i32.add
;; EXPORT-NEXT:      (local.get $2)
;; EXPORT-NEXT:      (i32.const 4)
;; EXPORT-NEXT:     )
;; EXPORT-NEXT:    )
;; EXPORT-NEXT:    (if
;; EXPORT-NEXT:     (i32.and
;; EXPORT-NEXT:      (i32.le_u
;; EXPORT-NEXT:       (local.get $3)
;; EXPORT-NEXT:       (i32.load offset=4
;; EXPORT-NEXT:        (global.get $__asyncify_data)
;; EXPORT-NEXT:       )
;; EXPORT-NEXT:      )
;; EXPORT-NEXT:      (i32.ge_u
;; EXPORT-NEXT:       (local.get $3)
;; EXPORT-NEXT:       (local.get $2)
;; EXPORT-NEXT:      )
;; EXPORT-NEXT:     )
;; EXPORT-NEXT:     (i32.store
;; EXPORT-NEXT:      (local.get $2)
;; EXPORT-NEXT:      (local.get $1)
;; EXPORT-NEXT:     )
;; EXPORT-NEXT:    )
;; EXPORT-NEXT:   )
;; EXPORT-NEXT:   (i32.store
;; EXPORT-NEXT:    (global.get $__asyncify_data)
;; EXPORT-NEXT:    (local.get $3)
;; EXPORT-NEXT:   )
;; EXPORT-NEXT:   (return)
;; EXPORT-NEXT:  )
;; EXPORT-NEXT:  (func $asyncify_start_unwind (param $0 i32)
;; EXPORT-NEXT:   (global.set $__asyncify_state
;; EXPORT-NEXT:    (i32.const 1)
;; EXPORT-NEXT:   )
;; EXPORT-NEXT:   (global.set $__asyncify_data
;; EXPORT-NEXT:    (local.get $0)
;; EXPORT-NEXT:   )
;; EXPORT-NEXT:   (if
;; EXPORT-NEXT:    (i32.gt_u
;; EXPORT-NEXT:     (i32.load
;; EXPORT-NEXT:      (global.get $__asyncify_data)
;; EXPORT-NEXT:     )
;; EXPORT-NEXT:     (i32.load offset=4
;; EXPORT-NEXT:      (global.get $__asyncify_data)
;; EXPORT-NEXT:     )
;; EXPORT-NEXT:    )
;; EXPORT-NEXT:    (unreachable)
;; EXPORT-NEXT:   )
;; EXPORT-NEXT:  )
;; EXPORT-NEXT:  (func $asyncify_stop_unwind
;; EXPORT-NEXT:   (global.set $__asyncify_state
;; EXPORT-NEXT:    (i32.const 0)
;; EXPORT-NEXT:   )
;; EXPORT-NEXT:   (if
;; EXPORT-NEXT:    (i32.gt_u
;; EXPORT-NEXT:     (i32.load
;; EXPORT-NEXT:      (global.get $__asyncify_data)
;; EXPORT-NEXT:     )
;; EXPORT-NEXT:     (i32.load offset=4
;; EXPORT-NEXT:      (global.get $__asyncify_data)
;; EXPORT-NEXT:     )
;; EXPORT-NEXT:    )
;; EXPORT-NEXT:    (unreachable)
;; EXPORT-NEXT:   )
;; EXPORT-NEXT:  )
;; EXPORT-NEXT:  (func $asyncify_start_rewind (param $0 i32)
;; EXPORT-NEXT:   (global.set $__asyncify_state
;; EXPORT-NEXT:    (i32.const 2)
;; EXPORT-NEXT:   )
;; EXPORT-NEXT:   (global.set $__asyncify_data
;; EXPORT-NEXT:    (local.get $0)
;; EXPORT-NEXT:   )
;; EXPORT-NEXT:   (if
;; EXPORT-NEXT:    (i32.gt_u
;; EXPORT-NEXT:     (i32.load
;; EXPORT-NEXT:      (global.get $__asyncify_data)
;; EXPORT-NEXT:     )
;; EXPORT-NEXT:     (i32.load offset=4
;; EXPORT-NEXT:      (global.get $__asyncify_data)
;; EXPORT-NEXT:     )
;; EXPORT-NEXT:    )
;; EXPORT-NEXT:    (unreachable)
;; EXPORT-NEXT:   )
;; EXPORT-NEXT:  )
;; EXPORT-NEXT:  (func $asyncify_stop_rewind
;; EXPORT-NEXT:   (global.set $__asyncify_state
;; EXPORT-NEXT:    (i32.const 0)
;; EXPORT-NEXT:   )
;; EXPORT-NEXT:   (if
;; EXPORT-NEXT:    (i32.gt_u
;; EXPORT-NEXT:     (i32.load
;; EXPORT-NEXT:      (global.get $__asyncify_data)
;; EXPORT-NEXT:     )
;; EXPORT-NEXT:     (i32.load offset=4
;; EXPORT-NEXT:      (global.get $__asyncify_data)
;; EXPORT-NEXT:     )
;; EXPORT-NEXT:    )
;; EXPORT-NEXT:    (unreachable)
;; EXPORT-NEXT:   )
;; EXPORT-NEXT:  )
;; EXPORT-NEXT:  (func $asyncify_get_state (result i32)
;; EXPORT-NEXT:   (global.get $__asyncify_state)
;; EXPORT-NEXT:  )
;; EXPORT-NEXT: )
(module
  (import "env" "sleep" (func $sleep (param i32) (result i32)))
  (memory 1)
  (func $f (export "f") (drop (call $sleep (i32.const 1)))))
