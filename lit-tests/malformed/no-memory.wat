;; A module without a memory gets one page for the data block, growable,
;; exported as `memory` so that the host can set the block up; when the
;; module already exports something called `memory`, as `asyncify_memory`.
;; (test/e2e/wat/no_memory runs such a module.)
;; RUN: %wasm-asyncify %s -o %t.out.wasm
;; RUN: wasm2wat %t.out.wasm | FileCheck %s
;; CHECK: (memory (;0;) 1 65536)
;; CHECK: (export "memory" (memory 0))
;; RUN: sed 's/"main"/"memory"/' %s > %t.taken.wat
;; RUN: %wasm-asyncify %t.taken.wat -o %t.taken.wasm
;; RUN: wasm2wat %t.taken.wasm | FileCheck %s --check-prefix=TAKEN
;; TAKEN: (export "memory" (func 1))
;; TAKEN: (export "asyncify_memory" (memory 0))
(module
  (import "env" "sleep" (func $sleep))
  (func (export "main") (call $sleep)))
