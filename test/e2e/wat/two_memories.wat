;; Two memories: the rewriter cannot say which one holds the data blocks
;; (Binaryen 108, its IR, has one memory), so it must refuse the module with
;; exit code 4 and a message saying why, and write no output file.
(module
  (import "env" "sleep_ms" (func $sleep (param i32) (result i32)))
  (memory $main (export "memory") 1)
  (memory $side (export "side") 1)
  (func (export "main") (param $n i32) (result i32)
    (i32.store $side (i32.const 0) (local.get $n))
    (i32.add (i32.load $side (i32.const 0)) (call $sleep (local.get $n))))
)
