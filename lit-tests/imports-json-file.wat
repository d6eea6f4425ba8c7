;; --imports @FILE where the file holds a JSON array of strings: each string
;; is one entry (wildcards allowed), and a warning about an entry names the
;; file and the entry's position in the array, counted from 0.
;; RUN: %wasm-asyncify %s --imports @%S/Inputs/imports.json --report | %report-fields options.imports 'functions.*.mayUnwind' | FileCheck %s
;; CHECK: options.imports.0 = "env.sleep"
;; CHECK-NEXT: options.imports.1 = "wasi.fd_*"
;; CHECK-NEXT: functions.sleep.mayUnwind = true
;; CHECK-NEXT: functions.log.mayUnwind = false
;; CHECK-NEXT: functions.fd_read.mayUnwind = false
;; RUN: %wasm-asyncify %s --pass-arg=asyncify-imports@@%S/Inputs/imports.json --report | %report-fields options.imports 'functions.*.mayUnwind' | FileCheck %s
;; RUN: cd %S && %wasm-asyncify imports-json-file.wat --imports @Inputs/imports.json --explain env.log 2>&1 >/dev/null | FileCheck %s --check-prefix=WARN
;; WARN: imports-json-file.wat: warning: --imports entry `wasi.fd_*` matches no import [Inputs/imports.json[1]]
(module
  (import "env" "sleep" (func $sleep))
  (import "env" "log" (func $log))
  (import "wasix" "fd_read" (func $fd_read))
)
