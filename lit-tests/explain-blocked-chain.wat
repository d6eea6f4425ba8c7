;; --explain on a function that is not instrumented although a call chain from
;; it reaches an async import must say what cut the chain (a --remove entry,
;; --only, --ignore-indirect, a function that drives the unwinding), not that
;; there is no such chain.
;;
;; update_checks: manual
;;
;; RUN: %wasm-asyncify %s --imports env.sleep --remove mid --explain top | FileCheck %s --check-prefix=REMOVE
;; REMOVE-NOT: no call chain
;; REMOVE: top is not instrumented{{.*}}--remove
;; RUN: %wasm-asyncify %s --imports env.sleep --only top --explain leaf | FileCheck %s --check-prefix=ONLY
;; ONLY-NOT: no call chain
;; ONLY: leaf is not instrumented{{.*}}--only
;; RUN: %wasm-asyncify %s --imports env.sleep --ignore-indirect --explain indirect | FileCheck %s --check-prefix=INDIRECT
;; INDIRECT-NOT: no call chain
;; INDIRECT: indirect is not instrumented{{.*}}--ignore-indirect
;; RUN: %wasm-asyncify %s --imports env.sleep --explain main | FileCheck %s --check-prefix=BOTTOM
;; BOTTOM-NOT: no call chain
;; BOTTOM: main is not instrumented{{.*}}driver
(module
  (type $v (func))
  (import "env" "sleep" (func $sleep))
  (import "asyncify" "stop_unwind" (func $stop_unwind))
  (table 1 funcref)
  (elem (i32.const 0) $leaf)
  (func $leaf (call $sleep))
  (func $mid (call $leaf))
  (func $top (call $mid))
  (func $indirect (call_indirect (type $v) (i32.const 0)))
  (func $driver (call $top) (call $stop_unwind))
  (func $main (export "main") (call $driver))
)
