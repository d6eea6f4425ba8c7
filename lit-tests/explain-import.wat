;; --explain on an import, named module.base or by its function name: whether
;; it is async (on the --imports list) or assumed to return normally.
;; RUN: %wasm-asyncify %s --imports env.sleep --explain env.sleep --explain log --explain env.log | FileCheck %s
;; CHECK: env.sleep (import) is an async import (on the --imports list): calls to it are instrumented.
;; CHECK-NEXT: env.log (import) is not async: calls to it are assumed to return normally.
;; CHECK-NEXT: env.log (import) is not async: calls to it are assumed to return normally.
;; RUN: %wasm-asyncify %s --explain env.log | FileCheck %s --check-prefix=DEFAULT
;; DEFAULT: env.log (import) is an async import (on the --imports list): calls to it are instrumented.
(module
  (import "env" "sleep" (func $sleep))
  (import "env" "log" (func $log))
  (func $f (call $sleep) (call $log))
)
