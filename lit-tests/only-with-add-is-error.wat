;; --only says exactly which functions are instrumented, so combining it with
;; --add or --remove (in any spelling) is a usage error (exit code 2), as
;; Binaryen refuses an only-list together with another list. Nothing is
;; printed on standard output.
;; RUN: %wasm-asyncify %s --only a --add b --report > %t.out 2> %t.err; echo "exit=$?" >> %t.err
;; RUN: cat %t.err | FileCheck %s
;; CHECK: wasm-asyncify: error: --only cannot be combined with --add or --remove: the only-list already says exactly which functions are instrumented
;; CHECK-NEXT: exit=2
;; RUN: not test -s %t.out
;; RUN: not %wasm-asyncify %s --only a --remove b 2>&1 | FileCheck %s --check-prefix=REMOVE
;; REMOVE: wasm-asyncify: error: --only cannot be combined with --add or --remove: the only-list already says exactly which functions are instrumented
;; RUN: not %wasm-asyncify %s --pass-arg=asyncify-onlylist@a --pass-arg=asyncify-addlist@b 2>&1 | FileCheck %s --check-prefix=PASSARG
;; PASSARG: wasm-asyncify: error: --only cannot be combined with --add or --remove: the only-list already says exactly which functions are instrumented
(module
  (func $a)
  (func $b)
)
