;; -v prints, on standard error, one line per phase with its time and the
;; process's peak memory, then how many functions are instrumented; standard
;; output is unchanged.
;; RUN: %wasm-asyncify %s --imports env.sleep -v 2>&1 >/dev/null | FileCheck %s
;; CHECK: [read      ] {{ *[0-9]+\.[0-9][0-9][0-9]}} s   peak memory {{ *[0-9]+\.[0-9]}} MiB
;; CHECK-NEXT: [call-graph] {{ *[0-9]+\.[0-9][0-9][0-9]}} s   peak memory {{ *[0-9]+\.[0-9]}} MiB
;; CHECK-NEXT: [analysis  ] {{ *[0-9]+\.[0-9][0-9][0-9]}} s   peak memory {{ *[0-9]+\.[0-9]}} MiB
;; CHECK-NEXT: 2 of 3 functions instrumented
;; RUN: %wasm-asyncify %s --imports env.sleep -v --explain main 2>/dev/null | FileCheck %s --check-prefix=STDOUT
;; STDOUT: main is instrumented (1 of its 1 call site can unwind):
;; STDOUT-NEXT:   call #1 of main calls inner directly
;; STDOUT-NEXT:   call #1 of inner calls env.sleep directly
;; STDOUT-NEXT:   env.sleep is an async import (on the --imports list)
;; RUN: %wasm-asyncify %s --imports env.sleep --verbose 2>&1 >/dev/null | FileCheck %s
;; With -o the rewriting phases follow; `optimize` at -O1 and above, `tidy`
;; at -O0, `text` only with -S.
;; RUN: %wasm-asyncify %s --imports env.sleep -v -O1 -S -o %t.wat 2>&1 | FileCheck %s --check-prefix=WRITE
;; WRITE: [analysis  ]
;; WRITE-NEXT: [instrument] {{ *[0-9]+\.[0-9][0-9][0-9]}} s   peak memory {{ *[0-9]+\.[0-9]}} MiB
;; WRITE-NEXT: [runtime   ]
;; WRITE-NEXT: [optimize  ]
;; WRITE-NEXT: [finish    ]
;; WRITE-NEXT: [validate  ]
;; WRITE-NEXT: [write     ]
;; WRITE-NEXT: [text      ]
;; WRITE-NEXT: [check     ]
;; WRITE-NEXT: 2 of 3 functions instrumented
;; RUN: %wasm-asyncify %s --imports env.sleep -v -o %t.wasm 2>&1 | FileCheck %s --check-prefix=O0
;; O0: [runtime   ]
;; O0-NEXT: [tidy      ]
;; O0-NEXT: [finish    ]
;; O0-NEXT: [validate  ]
;; O0-NEXT: [write     ]
;; O0-NEXT: [check     ]
;; O0-NEXT: 2 of 3 functions instrumented
;; --no-tidy: no tidy phase at -O0.
;; RUN: %wasm-asyncify %s --imports env.sleep -v --no-tidy -o %t.wasm 2>&1 | FileCheck %s --check-prefix=NOTIDY
;; NOTIDY: [runtime   ]
;; NOTIDY-NEXT: [finish    ]
;; update_checks: manual (timings vary)
(module
  (import "env" "sleep" (func $sleep))
  (func $inner (call $sleep))
  (func $main (export "main") (call $inner))
)
