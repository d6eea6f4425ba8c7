;; The --report document, field by field (docs/report.md): the tool and
;; schema version, the input and its size in bytes, the options as given,
;; the summary counts, the module's features and memory, one entry per phase
;; (timings vary, so only their presence is checked), and per function its
;; index, name, import name, decision, reason, call-site counts and chain.
;; RUN: cd %S && %wasm-asyncify report-json-fields.wat --imports env.sleep --remove never --report | %report-fields tool schemaVersion input options summary 'phases.*' | FileCheck %s --check-prefix=TOP
;; TOP: tool = "wasm-asyncify"
;; TOP-NEXT: schemaVersion = 1
;; TOP-NEXT: input = "report-json-fields.wat"
;; TOP-NEXT: options.imports.0 = "env.sleep"
;; TOP-NEXT: options.add = []
;; TOP-NEXT: options.remove.0 = "never"
;; TOP-NEXT: options.only = []
;; TOP-NEXT: options.propagateAdd = false
;; TOP-NEXT: options.ignoreIndirect = false
;; TOP-NEXT: options.ignoreImports = false
;; TOP-NEXT: summary.functions = 6
;; TOP-NEXT: summary.importedFunctions = 2
;; TOP-NEXT: summary.asyncImports = 1
;; TOP-NEXT: summary.instrumented = 2
;; TOP-NEXT: summary.callSites = 5
;; TOP-NEXT: summary.indirectCallSites = 1
;; TOP-NEXT: summary.indirectGroups = 1
;; TOP-NEXT: summary.unwindingCallSites = 2
;; TOP-NEXT: summary.features.0 = "sign-ext"
;; TOP-NEXT: summary.memory.indexType = "i32"
;; TOP-NEXT: summary.memory.imported = true
;; TOP-NEXT: summary.memory.shared = false
;; TOP-NEXT: phases.0.name = "read"
;; TOP-NEXT: phases.0.seconds = <number>
;; TOP-NEXT: phases.0.peakRssKiB = <number>
;; TOP-NEXT: phases.1.name = "call-graph"
;; TOP-NEXT: phases.1.seconds = <number>
;; TOP-NEXT: phases.1.peakRssKiB = <number>
;; TOP-NEXT: phases.2.name = "analysis"
;; TOP-NEXT: phases.2.seconds = <number>
;; TOP-NEXT: phases.2.peakRssKiB = <number>
;; RUN: test "$(%wasm-asyncify %s --report | %report-fields inputBytes)" = "inputBytes = $(wc -c < %s)"
;; RUN: %wasm-asyncify %s --imports env.sleep --remove never --report | %report-fields functions.sleep functions.log functions.pure functions.caller functions.never | FileCheck %s --check-prefix=FUNCTIONS
;; FUNCTIONS: functions.sleep.index = 0
;; FUNCTIONS-NEXT: functions.sleep.name = "sleep"
;; FUNCTIONS-NEXT: functions.sleep.import = "env.sleep"
;; FUNCTIONS-NEXT: functions.sleep.instrumented = false
;; FUNCTIONS-NEXT: functions.sleep.mayUnwind = true
;; FUNCTIONS-NEXT: functions.sleep.reason = "async-import"
;; FUNCTIONS-NEXT: functions.sleep.chain.0.function = "env.sleep"
;; FUNCTIONS-NEXT: functions.sleep.chain.0.reason = "async-import"
;; FUNCTIONS-NEXT: functions.log.index = 1
;; FUNCTIONS-NEXT: functions.log.name = "log"
;; FUNCTIONS-NEXT: functions.log.import = "env.log"
;; FUNCTIONS-NEXT: functions.log.instrumented = false
;; FUNCTIONS-NEXT: functions.log.mayUnwind = false
;; FUNCTIONS-NEXT: functions.log.reason = "none"
;; FUNCTIONS-NEXT: functions.pure.index = 3
;; FUNCTIONS-NEXT: functions.pure.name = "pure"
;; FUNCTIONS-NEXT: functions.pure.instrumented = false
;; FUNCTIONS-NEXT: functions.pure.mayUnwind = false
;; FUNCTIONS-NEXT: functions.pure.reason = "none"
;; FUNCTIONS-NEXT: functions.pure.callSites = 0
;; FUNCTIONS-NEXT: functions.pure.unwindingCallSites = 0
;; FUNCTIONS-NEXT: functions.caller.index = 4
;; FUNCTIONS-NEXT: functions.caller.name = "caller"
;; FUNCTIONS-NEXT: functions.caller.instrumented = true
;; FUNCTIONS-NEXT: functions.caller.mayUnwind = true
;; FUNCTIONS-NEXT: functions.caller.reason = "calls-async"
;; FUNCTIONS-NEXT: functions.caller.callSites = 3
;; FUNCTIONS-NEXT: functions.caller.unwindingCallSites = 1
;; FUNCTIONS-NEXT: functions.caller.chain.0.function = "caller"
;; FUNCTIONS-NEXT: functions.caller.chain.0.callSite = 3
;; FUNCTIONS-NEXT: functions.caller.chain.0.kind = "call_indirect"
;; FUNCTIONS-NEXT: functions.caller.chain.0.table = "0"
;; FUNCTIONS-NEXT: functions.caller.chain.0.type = "() -> ()"
;; FUNCTIONS-NEXT: functions.caller.chain.0.possibleTargets = 1
;; FUNCTIONS-NEXT: functions.caller.chain.0.calls = "target"
;; FUNCTIONS-NEXT: functions.caller.chain.1.function = "target"
;; FUNCTIONS-NEXT: functions.caller.chain.1.callSite = 1
;; FUNCTIONS-NEXT: functions.caller.chain.1.kind = "call"
;; FUNCTIONS-NEXT: functions.caller.chain.1.calls = "env.sleep"
;; FUNCTIONS-NEXT: functions.caller.chain.2.function = "env.sleep"
;; FUNCTIONS-NEXT: functions.caller.chain.2.reason = "async-import"
;; FUNCTIONS-NEXT: functions.never.index = 5
;; FUNCTIONS-NEXT: functions.never.name = "never"
;; FUNCTIONS-NEXT: functions.never.instrumented = false
;; FUNCTIONS-NEXT: functions.never.mayUnwind = false
;; FUNCTIONS-NEXT: functions.never.reason = "removed"
;; FUNCTIONS-NEXT: functions.never.callSites = 1
;; FUNCTIONS-NEXT: functions.never.unwindingCallSites = 0
;; FUNCTIONS-NEXT: functions.never.chain.0.function = "never"
;; FUNCTIONS-NEXT: functions.never.chain.0.callSite = 1
;; FUNCTIONS-NEXT: functions.never.chain.0.kind = "call"
;; FUNCTIONS-NEXT: functions.never.chain.0.calls = "target"
;; FUNCTIONS-NEXT: functions.never.chain.1.function = "target"
;; FUNCTIONS-NEXT: functions.never.chain.1.callSite = 1
;; FUNCTIONS-NEXT: functions.never.chain.1.kind = "call"
;; FUNCTIONS-NEXT: functions.never.chain.1.calls = "env.sleep"
;; FUNCTIONS-NEXT: functions.never.chain.2.function = "env.sleep"
;; FUNCTIONS-NEXT: functions.never.chain.2.reason = "async-import"
;; RUN: %wasm-asyncify %s --imports env.sleep --remove never --report | %python -c 'import json, sys; print(sorted(json.load(sys.stdin)))' | FileCheck %s --check-prefix=KEYS
;; KEYS: ['functions', 'input', 'inputBytes', 'options', 'phases', 'schemaVersion', 'summary', 'tool']
(module
  (type $v (func))
  (import "env" "sleep" (func $sleep))
  (import "env" "log" (func $log (param i32)))
  (import "env" "memory" (memory 1))
  (table 1 funcref)
  (elem (i32.const 0) $target)
  (func $target (type $v) (call $sleep))
  (func $pure (param i32) (result i32) (i32.extend8_s (local.get 0)))
  (func $caller (export "caller")
    (call $log (call $pure (i32.const 1)))
    (call_indirect (type $v) (i32.const 0)))
  (func $never (call $target))
)
