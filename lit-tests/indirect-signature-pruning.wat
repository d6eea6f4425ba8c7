;; Signature pruning: a call_indirect can only reach table entries of exactly
;; its own type (params and results both count). The table holds one sleeping
;; function of each of three types and two pure ones; only the callers whose
;; call_indirect type matches a sleeping entry are instrumented.
;; RUN: %wasm-asyncify %s --imports env.sleep --explain via_v --explain via_i_i --explain via_i --explain via_f --explain via_i_j | FileCheck %s
;; CHECK: via_v is instrumented (1 of its 1 call site can unwind):
;; CHECK-NEXT:   call_indirect #1 of via_v (table 0, type () -> (), 2 possible targets, private table) can call sleep_v
;; CHECK-NEXT:   call #1 of sleep_v calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; CHECK-NEXT: via_i_i is instrumented (1 of its 1 call site can unwind):
;; CHECK-NEXT:   call_indirect #1 of via_i_i (table 0, type (i32) -> (i32), 1 possible target, private table) can call sleep_i_i
;; CHECK-NEXT:   call #1 of sleep_i_i calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; CHECK-NEXT: via_i is not instrumented: no call chain from it reaches an async import.
;; CHECK-NEXT: via_f is not instrumented: no call chain from it reaches an async import.
;; CHECK-NEXT: via_i_j is instrumented (1 of its 1 call site can unwind):
;; CHECK-NEXT:   call_indirect #1 of via_i_j (table 0, type (i32) -> (i64), 1 possible target, private table) can call sleep_i_j
;; CHECK-NEXT:   call #1 of sleep_i_j calls env.sleep directly
;; CHECK-NEXT:   env.sleep is an async import (on the --imports list)
;; RUN: %wasm-asyncify %s --imports env.sleep --report | %report-fields 'functions.via_*.instrumented' 'functions.via_*.chain.0.type,possibleTargets' summary.indirectCallSites summary.indirectGroups | FileCheck %s --check-prefix=FIELDS
;; FIELDS: functions.via_v.instrumented = true
;; FIELDS-NEXT: functions.via_i_i.instrumented = true
;; FIELDS-NEXT: functions.via_i.instrumented = false
;; FIELDS-NEXT: functions.via_f.instrumented = false
;; FIELDS-NEXT: functions.via_i_j.instrumented = true
;; FIELDS-NEXT: functions.via_v.chain.0.type = "() -> ()"
;; FIELDS-NEXT: functions.via_v.chain.0.possibleTargets = 2
;; FIELDS-NEXT: functions.via_i_i.chain.0.type = "(i32) -> (i32)"
;; FIELDS-NEXT: functions.via_i_i.chain.0.possibleTargets = 1
;; FIELDS-NEXT: functions.via_i_j.chain.0.type = "(i32) -> (i64)"
;; FIELDS-NEXT: functions.via_i_j.chain.0.possibleTargets = 1
;; FIELDS-NEXT: summary.indirectCallSites = 5
;; FIELDS-NEXT: summary.indirectGroups = 5
(module
  (type $v (func))
  (type $i_i (func (param i32) (result i32)))
  (type $i (func (param i32)))
  (type $f (func (param f32)))
  (type $i_j (func (param i32) (result i64)))
  (import "env" "sleep" (func $sleep))
  (table 8 funcref)
  (elem (i32.const 0) $sleep_v $sleep_i_i $pure_i $pure_f $sleep_i_j $pure_v)
  (func $sleep_v (type $v) (call $sleep))
  (func $pure_v (type $v))
  (func $sleep_i_i (type $i_i) (call $sleep) (local.get 0))
  (func $pure_i (type $i))
  (func $pure_f (type $f))
  (func $sleep_i_j (type $i_j) (call $sleep) (i64.const 0))
  ;; () -> (): sleep_v and pure_v; sleep_v sleeps.
  (func $via_v (call_indirect (type $v) (i32.const 0)))
  ;; (i32) -> (i32): only sleep_i_i.
  (func $via_i_i (drop (call_indirect (type $i_i) (i32.const 1) (i32.const 1))))
  ;; (i32) -> (): only pure_i, although sleep_i_i has the same params.
  (func $via_i (call_indirect (type $i) (i32.const 1) (i32.const 2)))
  ;; (f32) -> (): only pure_f.
  (func $via_f (call_indirect (type $f) (f32.const 1) (i32.const 3)))
  ;; (i32) -> (i64): only sleep_i_j, although sleep_i_i has the same params.
  (func $via_i_j (drop (call_indirect (type $i_j) (i32.const 1) (i32.const 4))))
)
