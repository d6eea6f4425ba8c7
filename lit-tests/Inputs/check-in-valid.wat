(module
  (import "env" "sleep" (func $sleep))
  (memory 1)
  (func $main (export "main") (call $sleep)))
