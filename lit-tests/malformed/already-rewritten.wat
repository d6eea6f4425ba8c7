;; A module that already carries the Asyncify ABI (rewritten once, by us or
;; by Binaryen) is refused with exit code 4 rather than rewritten twice,
;; which would nest two state machines; so is a module exporting just one of
;; the ABI's names. Nothing is written.
;; RUN: %wasm-asyncify %s --imports env.sleep -o %t.once.wasm
;; RUN: rm -f %t.twice.wasm
;; RUN: %wasm-asyncify %t.once.wasm -o %t.twice.wasm > %t.log 2>&1; echo "exit=$?" >> %t.log
;; RUN: FileCheck %s < %t.log
;; CHECK: error: the module already exports `asyncify_start_unwind`: it was already rewritten by an Asyncify pass; rewrite the original module instead
;; CHECK-NEXT: exit=4
;; RUN: not test -e %t.twice.wasm
;; RUN: printf '(module (func (export "asyncify_get_state") (result i32) (i32.const 0)))' > %t.one.wat
;; RUN: %wasm-asyncify %t.one.wat -o %t.one.out.wasm > %t.one.log 2>&1; echo "exit=$?" >> %t.one.log
;; RUN: FileCheck %s --check-prefix=ONE < %t.one.log
;; ONE: error: the module already exports `asyncify_get_state`
;; ONE-NEXT: exit=4
;; RUN: not test -e %t.one.out.wasm
(module
  (import "env" "sleep" (func $sleep))
  (memory (export "memory") 1)
  (func (export "main") (call $sleep)))
