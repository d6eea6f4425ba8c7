;; --memory names the memory that holds the data blocks: by its export name
;; (or `0`). A name that is not the module's memory is a usage error (exit 2)
;; that says what the memory is called, and nothing is written.
;; update_checks: manual
;; RUN: rm -f %t.wasm
;; RUN: %wasm-asyncify %s --imports env.sleep --memory mem -o %t.wasm
;; RUN: %wasm-asyncify %s --imports env.sleep --memory 0 -o %t.wasm
;; RUN: %wasm-asyncify %s --imports env.sleep --pass-arg=asyncify-memory@mem -o %t.wasm
;; RUN: rm -f %t.wasm
;; RUN: %wasm-asyncify %s --imports env.sleep --memory heap -o %t.wasm > %t.log 2>&1 || echo "exit=$?" >> %t.log
;; RUN: FileCheck %s < %t.log
;; RUN: test ! -e %t.wasm
;; CHECK: memory-option.wat: error: --memory heap: the module has one memory, and it is exported as `mem`
;; CHECK: exit=2
(module
  (import "env" "sleep" (func $sleep (param i32) (result i32)))
  (memory (export "mem") 1)
  (func $f (export "f") (drop (call $sleep (i32.const 1)))))
