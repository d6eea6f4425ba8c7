;; A tag with two parameters is legal with exception handling alone, but
;; Binaryen's validator wants its multivalue feature for it: the features the
;; module needs must include it (regression: exit 70, found by fuzzing).
;; RUN: %wasm-asyncify %s -o %t.wasm
;; RUN: wasm-validate --enable-all %t.wasm
(module
 (import "fuzzing-support" "log-i32" (func $log (param i32)))
 (tag $t (param i32 i32))
 (memory (export "memory") 1)
 (func (export "t") (call $log (i32.const 1))))
