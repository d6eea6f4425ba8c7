;; Two exports with the same name: an invalid module (exit code 3), located
;; by line and column; nothing written.
;; RUN: rm -f %t.out.wasm
;; RUN: %wasm-asyncify %s -o %t.out.wasm > %t.log 2>&1; echo "exit=$?" >> %t.log
;; RUN: FileCheck %s < %t.log
;; CHECK: duplicate-export.wat: error: invalid module: duplicate export "run" [line {{[0-9]+}}, column {{[0-9]+}}]
;; CHECK-NEXT: exit=3
;; RUN: not test -e %t.out.wasm
(module
  (import "env" "sleep" (func $sleep))
  (func $f (call $sleep))
  (export "run" (func $f))
  (export "run" (func $f)))
