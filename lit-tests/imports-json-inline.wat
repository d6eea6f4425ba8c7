;; --imports '[...]': an inline JSON array of strings is a list, exactly as in
;; a response file, and so are the values of --add, --remove and --only.
;;
;; update_checks: manual
;;
;; RUN: %wasm-asyncify %s --imports='["env.sleep", "wasi.*"]' --report | %report-fields options.imports 'functions.*.mayUnwind' | FileCheck %s
;; RUN: %wasm-asyncify %s --imports '["env.sleep"]' --imports '[ "wasi.*" ]' --report | %report-fields options.imports 'functions.*.mayUnwind' | FileCheck %s
;; CHECK: options.imports.0 = "env.sleep"
;; CHECK-NEXT: options.imports.1 = "wasi.*"
;; CHECK-NEXT: functions.sleep.mayUnwind = true
;; CHECK-NEXT: functions.log.mayUnwind = false
;; CHECK-NEXT: functions.fd_read.mayUnwind = true
;; RUN: %wasm-asyncify %s --imports env.log --add '["top"]' --report | %report-fields options.add functions.top.instrumented | FileCheck %s --check-prefix=ADD
;; ADD: options.add.0 = "top"
;; ADD-NEXT: functions.top.instrumented = true
(module
  (import "env" "sleep" (func $sleep))
  (import "env" "log" (func $log))
  (import "wasi" "fd_read" (func $fd_read))
  (func $top)
)
