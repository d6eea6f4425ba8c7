;; --explain accepts an import's module.base name, so a misspelt module.base
;; name gets module.base suggestions, not only the function names.
;;
;; update_checks: manual
;;
;; RUN: cd %S && not %wasm-asyncify explain-unknown-import-name.wat --explain env.slep 2>&1 | FileCheck %s
;; CHECK: explain-unknown-import-name.wat: error: --explain: no function named `env.slep`; did you mean `env.sleep`{{.*}}?
(module
  (import "env" "sleep" (func $sleep))
  (func $main (call $sleep))
)
