;; Exception handling inside a function that must be instrumented is refused
;; with the function's name (exit code 4), never a crash or a wrong module.
;; update_checks: manual
;; RUN: %wasm-asyncify %s --imports env.sleep -o %t.wasm > %t.log 2>&1 || echo "exit=$?" > %t.code
;; RUN: FileCheck %s --check-prefix=CODE < %t.code
;; CODE: exit=4
;; RUN: not %wasm-asyncify %s --imports env.sleep -o %t.wasm 2>&1 | FileCheck %s
;; RUN: test ! -e %t.wasm
;; CHECK: {{.*}}/refuse-try.wat: error: exception handling (`try`) inside a function that must be instrumented is not supported yet [function f]
(module
  (import "env" "sleep" (func $sleep (param i32) (result i32)))
  (tag $e)
  (memory 1)
  (func $f (export "f") (param $x i32) (result i32)
    (try (result i32) (do (call $sleep (local.get $x))) (catch $e (i32.const 0)))))
