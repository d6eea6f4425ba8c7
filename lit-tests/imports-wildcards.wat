;; --imports entries are `module.base` patterns where `*` matches any run of
;; characters (none included), anywhere in the entry; every other character,
;; `?` too, matches only itself. Entries are separated by commas and trimmed.
;; Import names are matched as module.base, never by their $name in the text.
;; RUN: %wasm-asyncify %s --imports 'env.sleep*' --report | %report-fields 'functions.*.mayUnwind' | FileCheck %s --check-prefix=PREFIX
;; PREFIX: functions.sleep.mayUnwind = true
;; PREFIX-NEXT: functions.sleepy_two.mayUnwind = true
;; PREFIX-NEXT: functions.log.mayUnwind = false
;; PREFIX-NEXT: functions.fd_read.mayUnwind = false
;; RUN: %wasm-asyncify %s --imports '*sleep' --report | %report-fields 'functions.*.mayUnwind' | FileCheck %s --check-prefix=SUFFIX
;; SUFFIX: functions.sleep.mayUnwind = true
;; SUFFIX-NEXT: functions.sleepy_two.mayUnwind = false
;; SUFFIX-NEXT: functions.log.mayUnwind = false
;; SUFFIX-NEXT: functions.fd_read.mayUnwind = false
;; RUN: %wasm-asyncify %s --imports 'env.*_two' --report | %report-fields 'functions.*.mayUnwind' | FileCheck %s --check-prefix=MIDDLE
;; MIDDLE: functions.sleep.mayUnwind = false
;; MIDDLE-NEXT: functions.sleepy_two.mayUnwind = true
;; MIDDLE-NEXT: functions.log.mayUnwind = false
;; MIDDLE-NEXT: functions.fd_read.mayUnwind = false
;; RUN: %wasm-asyncify %s --imports '*' --report | %report-fields 'functions.*.mayUnwind' | FileCheck %s --check-prefix=ALL
;; ALL: functions.sleep.mayUnwind = true
;; ALL-NEXT: functions.sleepy_two.mayUnwind = true
;; ALL-NEXT: functions.log.mayUnwind = true
;; ALL-NEXT: functions.fd_read.mayUnwind = true
;; RUN: %wasm-asyncify %s --imports ' wasi.* , env.log ' --report | %report-fields options.imports 'functions.*.mayUnwind' | FileCheck %s --check-prefix=LIST
;; LIST: options.imports.0 = "wasi.*"
;; LIST-NEXT: options.imports.1 = "env.log"
;; LIST-NEXT: functions.sleep.mayUnwind = false
;; LIST-NEXT: functions.sleepy_two.mayUnwind = false
;; LIST-NEXT: functions.log.mayUnwind = true
;; LIST-NEXT: functions.fd_read.mayUnwind = true
;; RUN: %wasm-asyncify %s --imports env.log --imports wasi.fd_read --report | %report-fields options.imports 'functions.*.mayUnwind' | FileCheck %s --check-prefix=REPEATED
;; REPEATED: options.imports.0 = "env.log"
;; REPEATED-NEXT: options.imports.1 = "wasi.fd_read"
;; REPEATED-NEXT: functions.sleep.mayUnwind = false
;; REPEATED-NEXT: functions.sleepy_two.mayUnwind = false
;; REPEATED-NEXT: functions.log.mayUnwind = true
;; REPEATED-NEXT: functions.fd_read.mayUnwind = true
;; RUN: %wasm-asyncify %s --imports 'env.sl?ep,$sleep,sleep' --report 2> %t.err | %report-fields 'functions.*.mayUnwind' | FileCheck %s --check-prefix=LITERAL
;; LITERAL: functions.sleep.mayUnwind = false
;; LITERAL-NEXT: functions.sleepy_two.mayUnwind = false
;; LITERAL-NEXT: functions.log.mayUnwind = false
;; LITERAL-NEXT: functions.fd_read.mayUnwind = false
;; RUN: cat %t.err | FileCheck %s --check-prefix=LITERAL-WARN
;; LITERAL-WARN: {{.*}}/imports-wildcards.wat: warning: --imports entry `env.sl?ep` matches no import; did you mean `env.sleep` or `env.log`? [--imports]
;; LITERAL-WARN-NEXT: {{.*}}/imports-wildcards.wat: warning: --imports entry `$sleep` matches no import [--imports]
;; LITERAL-WARN-NEXT: {{.*}}/imports-wildcards.wat: warning: --imports entry `sleep` matches no import; did you mean `env.sleep` or `env.sleepy_two`? [--imports]
;; RUN: %wasm-asyncify %s --report | %report-fields options.imports summary.asyncImports | FileCheck %s --check-prefix=DEFAULT
;; DEFAULT: options.imports = "all"
;; DEFAULT-NEXT: summary.asyncImports = 4
(module
  (import "env" "sleep" (func $sleep))
  (import "env" "sleepy_two" (func $sleepy_two))
  (import "env" "log" (func $log))
  (import "wasi" "fd_read" (func $fd_read))
)
