;; --imports @FILE reads the list from a response file: one entry per line,
;; trimmed; blank lines and lines starting with # are skipped; CRLF line ends
;; are accepted. `@@FILE` (Binaryen's spelling) is the same. The whole value
;; after `@` is the path. A response file can be combined with other values
;; of the option. A warning about an entry names the file and line it came
;; from.
;; RUN: %wasm-asyncify %s --imports @%S/Inputs/imports.txt --report | %report-fields options.imports 'functions.*.mayUnwind' | FileCheck %s
;; CHECK: options.imports.0 = "env.sleep"
;; CHECK-NEXT: options.imports.1 = "wasi.fd_*"
;; CHECK-NEXT: functions.sleep.mayUnwind = true
;; CHECK-NEXT: functions.log.mayUnwind = false
;; CHECK-NEXT: functions.fd_read.mayUnwind = true
;; CHECK-NEXT: functions.fd_write.mayUnwind = true
;; CHECK-NEXT: functions.random_get.mayUnwind = false
;; RUN: %wasm-asyncify %s --imports @@%S/Inputs/imports.txt --report | %report-fields options.imports 'functions.*.mayUnwind' | FileCheck %s
;; RUN: %wasm-asyncify %s --imports @%S/Inputs/imports-crlf.txt --report | %report-fields options.imports | FileCheck %s --check-prefix=CRLF
;; CRLF: options.imports.0 = "env.sleep"
;; CRLF-NEXT: options.imports.1 = "wasi.fd_read"
;; RUN: %wasm-asyncify %s --imports @%S/Inputs/imports-crlf.txt --imports env.log --report | %report-fields options.imports | FileCheck %s --check-prefix=COMBINED
;; COMBINED: options.imports.0 = "env.sleep"
;; COMBINED-NEXT: options.imports.1 = "wasi.fd_read"
;; COMBINED-NEXT: options.imports.2 = "env.log"
;; RUN: cd %S && %wasm-asyncify imports-response-file.wat --imports @Inputs/imports-unused.txt 2>&1 | FileCheck %s --check-prefix=ORIGIN
;; ORIGIN: imports-response-file.wat: warning: --imports entry `env.slep` matches no import; did you mean `env.sleep` or `env.log`? [Inputs/imports-unused.txt:3]
(module
  (import "env" "sleep" (func $sleep))
  (import "env" "log" (func $log))
  (import "wasi" "fd_read" (func $fd_read))
  (import "wasi" "fd_write" (func $fd_write))
  (import "wasi" "random_get" (func $random_get))
)
