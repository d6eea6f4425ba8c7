;; --explain also takes an export name: the function exported as "run" is
;; explained under its own name.
;; RUN: %wasm-asyncify %s --imports env.sleep --explain run | FileCheck %s
;; CHECK: entry_point is instrumented (1 of its 1 call site can unwind):
;; CHECK-NEXT:   call #1 of entry_point calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
(module
  (import "env" "sleep" (func $sleep))
  (func $entry_point (export "run") (call $sleep))
)
