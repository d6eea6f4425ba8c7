;; --report=FILE writes the same document as --report (standard output) to
;; FILE, replacing it atomically (no temporary file is left beside it), and
;; prints nothing else; --explain text still goes to standard output. The
;; last --report option wins.
;; RUN: rm -rf %t.dir && mkdir %t.dir && echo stale > %t.dir/report.json
;; RUN: %wasm-asyncify %s --imports env.sleep --report=%t.dir/report.json > %t.stdout
;; RUN: not test -s %t.stdout
;; RUN: %wasm-asyncify %s --imports env.sleep --report | %report-fields tool schemaVersion input inputBytes options summary functions > %t.expected
;; RUN: %report-fields tool schemaVersion input inputBytes options summary functions < %t.dir/report.json | diff %t.expected -
;; RUN: test "$(ls -A %t.dir)" = report.json
;; RUN: %wasm-asyncify %s --imports env.sleep --report=%t.dir/report.json --explain main | FileCheck %s --check-prefix=EXPLAIN
;; EXPLAIN: main is instrumented (1 of its 1 call site can unwind):
;; EXPLAIN-NEXT:   call #1 of main calls env.sleep directly
;; EXPLAIN-NEXT:   env.sleep is an async import (on the --imports list)
;; RUN: %wasm-asyncify %s --imports env.sleep --report=%t.dir/ignored.json --report | %report-fields tool | FileCheck %s --check-prefix=LAST
;; LAST: tool = "wasm-asyncify"
;; RUN: not ls %t.dir/ignored.json
(module
  (import "env" "sleep" (func $sleep))
  (func $main (export "main") (call $sleep))
)
