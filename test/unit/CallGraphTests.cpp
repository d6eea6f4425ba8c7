// Unit tests for passes/CallGraph: function nodes, direct and indirect call
// sites, indirect-call groups for private and open tables, signature pruning,
// escaping functions, and tail calls.
#include "WatHelpers.h"

#include "lib/Diagnostics.h"
#include "passes/CallGraph.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace wa;
using namespace wa::test;

namespace {

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// The group of the only indirect call site of `caller`.
const IndirectGroup &groupOf(const CallGraph &g, const std::string &caller) {
  const CallSite *indirect = nullptr;
  for (const CallSite *s : sitesOf(g, fn(g, caller)))
    if (s->kind == CallSite::Kind::Indirect) {
      REQUIRE(indirect == nullptr);
      indirect = s;
    }
  REQUIRE(indirect != nullptr);
  REQUIRE(indirect->group < g.groups.size());
  return g.groups[indirect->group];
}

std::vector<std::string> targetsOf(const CallGraph &g, const std::string &caller) {
  return sorted(namesOf(g, groupOf(g, caller).targets));
}

} // namespace

TEST_CASE("function nodes: imports first, names, import names, exports, signatures",
          "[callgraph]") {
  Module m = parseWat(R"(
    (module
      (import "env" "sleep" (func $sleep (param i32)))
      (func $a (export "run") (param i32 i64) (result f32) (f32.const 0))
      (func $b))
  )");
  CallGraph g = buildCallGraph(m);
  REQUIRE(g.functions.size() == 3);

  const FunctionNode &sleep = g.functions[0];
  CHECK(sleep.name == "sleep");
  CHECK(sleep.index == 0);
  CHECK(sleep.imported);
  CHECK(sleep.importModule == "env");
  CHECK(sleep.importBase == "sleep");
  CHECK_FALSE(sleep.exported);
  CHECK(signatureString(sleep.params, sleep.results) == "(i32) -> ()");

  const FunctionNode &a = g.functions[fn(g, "a")];
  CHECK(a.index == 1);
  CHECK_FALSE(a.imported);
  CHECK(a.exported);
  CHECK(signatureString(a.params, a.results) == "(i32, i64) -> (f32)");
  CHECK(g.escapes[a.index]); // exported: the host holds a reference

  CHECK_FALSE(g.functions[fn(g, "b")].exported);
  CHECK_FALSE(g.escapes[fn(g, "b")]);
  CHECK(g.find("nope") == kNone);
}

TEST_CASE("direct call sites are recorded per caller, in order, with 1-based ordinals",
          "[callgraph]") {
  Module m = parseWat(R"(
    (module
      (import "env" "log" (func $log (param i32)))
      (func $leaf)
      (func $main
        (call $leaf)
        (call $log (i32.const 1))
        (call $leaf)))
  )");
  CallGraph g = buildCallGraph(m);
  uint32_t main = fn(g, "main"), leaf = fn(g, "leaf"), log = fn(g, "log");
  CHECK(g.functions[leaf].numSites == 0);
  CHECK(g.functions[log].numSites == 0);

  auto sites = sitesOf(g, main);
  REQUIRE(sites.size() == 3);
  const uint32_t expected[] = {leaf, log, leaf};
  for (uint32_t i = 0; i < 3; i++) {
    INFO("site " << i);
    CHECK(sites[i]->kind == CallSite::Kind::Direct);
    CHECK(sites[i]->caller == main);
    CHECK(sites[i]->callee == expected[i]);
    CHECK(sites[i]->group == kNone);
    CHECK(sites[i]->ordinal == i + 1);
    CHECK_FALSE(sites[i]->isReturn);
    CHECK(sites[i]->expr != nullptr);
  }
  CHECK(g.numIndirectSites == 0);
  CHECK(g.groups.empty());
  CHECK(g.numEdges == 3);
}

TEST_CASE("a private table's group holds its segment members of the call's signature only",
          "[callgraph]") {
  Module m = parseWat(R"(
    (module
      (type $v (func))
      (type $ii (func (param i32) (result i32)))
      (table 4 funcref)
      (elem (i32.const 0) $v1 $v2 $ii1)
      (func $v1 (type $v))
      (func $v2 (type $v))
      (func $v_outside (type $v))
      (func $ii1 (type $ii) (local.get 0))
      (func $call_v (call_indirect (type $v) (i32.const 0)))
      (func $call_ii (drop (call_indirect (type $ii) (i32.const 0) (i32.const 2)))))
  )");
  CallGraph g = buildCallGraph(m);
  REQUIRE(g.groups.size() == 2);
  CHECK(g.numIndirectSites == 2);

  const IndirectGroup &v = groupOf(g, "call_v");
  CHECK_FALSE(v.tableOpen);
  CHECK(signatureString(v.params, v.results) == "() -> ()");
  // v_outside has the right type but is in no segment: not a target.
  CHECK(targetsOf(g, "call_v") == std::vector<std::string>{"v1", "v2"});
  CHECK(targetsOf(g, "call_ii") == std::vector<std::string>{"ii1"});
  CHECK_FALSE(g.escapes[fn(g, "v_outside")]);
  CHECK(g.numEdges == 3);
}

TEST_CASE("signature pruning compares params and results exactly", "[callgraph]") {
  Module m = parseWat(R"(
    (module
      (type $i_i (func (param i32) (result i32)))
      (type $i (func (param i32)))
      (type $i_j (func (param i32) (result i64)))
      (type $f (func (param f32)))
      (table 4 funcref)
      (elem (i32.const 0) $t_i_i $t_i $t_i_j $t_f)
      (func $t_i_i (type $i_i) (local.get 0))
      (func $t_i (type $i))
      (func $t_i_j (type $i_j) (i64.const 0))
      (func $t_f (type $f))
      (func $call_i (call_indirect (type $i) (i32.const 1) (i32.const 0)))
      (func $call_i_j (drop (call_indirect (type $i_j) (i32.const 1) (i32.const 0))))
      (func $call_f (call_indirect (type $f) (f32.const 1) (i32.const 0))))
  )");
  CallGraph g = buildCallGraph(m);
  CHECK(targetsOf(g, "call_i") == std::vector<std::string>{"t_i"});
  CHECK(targetsOf(g, "call_i_j") == std::vector<std::string>{"t_i_j"});
  CHECK(targetsOf(g, "call_f") == std::vector<std::string>{"t_f"});
}

TEST_CASE("call sites with the same table and signature share one group", "[callgraph]") {
  Module m = parseWat(R"(
    (module
      (type $v (func))
      (table $t 2 funcref)
      (table $u 2 funcref)
      (elem (table $t) (i32.const 0) func $a $b)
      (elem (table $u) (i32.const 0) func $b)
      (func $a (type $v))
      (func $b (type $v))
      (func $x (call_indirect $t (type $v) (i32.const 0)) (call_indirect $t (type $v) (i32.const 1)))
      (func $y (call_indirect $t (type $v) (i32.const 0)))
      (func $z (call_indirect $u (type $v) (i32.const 0))))
  )");
  CallGraph g = buildCallGraph(m);
  CHECK(g.numIndirectSites == 4);
  REQUIRE(g.groups.size() == 2);
  auto xs = sitesOf(g, fn(g, "x"));
  auto ys = sitesOf(g, fn(g, "y"));
  auto zs = sitesOf(g, fn(g, "z"));
  REQUIRE(xs.size() == 2);
  CHECK(xs[0]->group == xs[1]->group);
  CHECK(xs[0]->group == ys[0]->group);
  CHECK(zs[0]->group != xs[0]->group);
  CHECK(g.groups[xs[0]->group].table == "t");
  CHECK(g.groups[zs[0]->group].table == "u");
  CHECK(sorted(namesOf(g, g.groups[xs[0]->group].targets)) == std::vector<std::string>{"a", "b"});
  CHECK(namesOf(g, g.groups[zs[0]->group].targets) == std::vector<std::string>{"b"});
  // Edges count each group's targets once, however many sites share it.
  CHECK(g.numEdges == 3);
}

TEST_CASE("escaping functions: element segments, ref.func and exports", "[callgraph]") {
  Module m = parseWat(R"(
    (module
      (type $v (func))
      (table 1 funcref)
      (elem (i32.const 0) $active)
      (elem func $passive)
      (elem declare func $refd)
      (func $active (type $v))
      (func $passive (type $v))
      (func $refd (type $v))
      (func $exported (export "e") (type $v))
      (func $hidden (type $v))
      (func $take (drop (ref.func $refd))))
  )");
  CallGraph g = buildCallGraph(m);
  CHECK(g.escapes[fn(g, "active")]);
  CHECK(g.escapes[fn(g, "passive")]);
  CHECK(g.escapes[fn(g, "refd")]);
  CHECK(g.escapes[fn(g, "exported")]);
  CHECK_FALSE(g.escapes[fn(g, "hidden")]);
  CHECK_FALSE(g.escapes[fn(g, "take")]);
}

TEST_CASE("an open table's group holds every escaping function of the signature", "[callgraph]") {
  // Everything but the table declaration is shared: `active` is in the
  // table's segment, `passive` in a passive segment, `refd` named by
  // ref.func, `exported` exported; `hidden` never escapes, `other` has
  // another signature.
  auto module = [](const std::string &table, const std::string &extra) {
    return R"(
      (module
        (type $v (func))
        )" +
           table + R"(
        (elem (table $t) (i32.const 0) func $active)
        (elem func $passive)
        (elem declare func $refd)
        (func $active (type $v))
        (func $passive (type $v))
        (func $refd (type $v))
        (func $exported (export "exported") (type $v))
        (func $hidden (type $v))
        (func $other (export "other") (param i32))
        (func $take (drop (ref.func $refd)))
        )" +
           extra + R"(
        (func $caller (call_indirect $t (type $v) (i32.const 0))))
    )";
  };
  const std::vector<std::string> escaping{"active", "exported", "passive", "refd"};

  SECTION("private: only the segment's members") {
    Module m = parseWat(module("(table $t 1 funcref)", ""));
    CallGraph g = buildCallGraph(m);
    CHECK_FALSE(groupOf(g, "caller").tableOpen);
    CHECK(targetsOf(g, "caller") == std::vector<std::string>{"active"});
  }
  SECTION("exported table") {
    Module m = parseWat(module(R"((table $t (export "table") 1 funcref))", ""));
    CallGraph g = buildCallGraph(m);
    CHECK(groupOf(g, "caller").tableOpen);
    CHECK(targetsOf(g, "caller") == escaping);
  }
  SECTION("imported table") {
    Module m = parseWat(module(R"((import "env" "table" (table $t 1 funcref)))", ""));
    CallGraph g = buildCallGraph(m);
    CHECK(groupOf(g, "caller").tableOpen);
    CHECK(targetsOf(g, "caller") == escaping);
  }
  SECTION("table written by table.set") {
    Module m =
        parseWat(module("(table $t 1 funcref)", "(func $store (param funcref) "
                                                "(table.set $t (i32.const 0) (local.get 0)))"));
    CallGraph g = buildCallGraph(m);
    CHECK(groupOf(g, "caller").tableOpen);
    CHECK(targetsOf(g, "caller") == escaping);
  }
  SECTION("table grown by table.grow") {
    Module m = parseWat(module("(table $t 1 funcref)",
                               "(func $grow (param funcref) "
                               "(drop (table.grow $t (local.get 0) (i32.const 1))))"));
    CallGraph g = buildCallGraph(m);
    CHECK(groupOf(g, "caller").tableOpen);
    CHECK(targetsOf(g, "caller") == escaping);
  }
}

TEST_CASE("writing one table does not open another", "[callgraph]") {
  Module m = parseWat(R"(
    (module
      (type $v (func))
      (table $open 1 funcref)
      (table $closed 1 funcref)
      (elem (table $closed) (i32.const 0) func $member)
      (elem func $escaping)
      (func $member (type $v))
      (func $escaping (type $v))
      (func $store (param funcref) (table.set $open (i32.const 0) (local.get 0)))
      (func $call_open (call_indirect $open (type $v) (i32.const 0)))
      (func $call_closed (call_indirect $closed (type $v) (i32.const 0))))
  )");
  CallGraph g = buildCallGraph(m);
  CHECK(groupOf(g, "call_open").tableOpen);
  CHECK(targetsOf(g, "call_open") == std::vector<std::string>{"escaping", "member"});
  CHECK_FALSE(groupOf(g, "call_closed").tableOpen);
  CHECK(targetsOf(g, "call_closed") == std::vector<std::string>{"member"});
}

TEST_CASE("an imported function in a segment is a possible target", "[callgraph]") {
  Module m = parseWat(R"(
    (module
      (type $v (func))
      (import "env" "sleep" (func $sleep (type $v)))
      (table 1 funcref)
      (elem (i32.const 0) $sleep)
      (func $caller (call_indirect (type $v) (i32.const 0))))
  )");
  CallGraph g = buildCallGraph(m);
  CHECK(targetsOf(g, "caller") == std::vector<std::string>{"sleep"});
}

TEST_CASE("return_call and return_call_indirect are call sites flagged isReturn", "[callgraph]") {
  Module m = parseWat(R"(
    (module
      (type $v (func))
      (table 1 funcref)
      (elem (i32.const 0) $target)
      (func $target (type $v))
      (func $tail (return_call $target))
      (func $tail_indirect (return_call_indirect (type $v) (i32.const 0)))
      (func $plain (call $target) (call_indirect (type $v) (i32.const 0))))
  )");
  CallGraph g = buildCallGraph(m);
  uint32_t target = fn(g, "target");

  auto tail = sitesOf(g, fn(g, "tail"));
  REQUIRE(tail.size() == 1);
  CHECK(tail[0]->kind == CallSite::Kind::Direct);
  CHECK(tail[0]->isReturn);
  CHECK(tail[0]->callee == target);

  auto tailIndirect = sitesOf(g, fn(g, "tail_indirect"));
  REQUIRE(tailIndirect.size() == 1);
  CHECK(tailIndirect[0]->kind == CallSite::Kind::Indirect);
  CHECK(tailIndirect[0]->isReturn);
  CHECK(namesOf(g, g.groups[tailIndirect[0]->group].targets) == std::vector<std::string>{"target"});

  auto plain = sitesOf(g, fn(g, "plain"));
  REQUIRE(plain.size() == 2);
  CHECK_FALSE(plain[0]->isReturn);
  CHECK_FALSE(plain[1]->isReturn);
  // A tail call and a plain call_indirect of the same table and type share a group.
  CHECK(plain[1]->group == tailIndirect[0]->group);
}

TEST_CASE("call sites nested in control flow and operands are all found", "[callgraph]") {
  Module m = parseWat(R"(
    (module
      (func $f (result i32) (i32.const 1))
      (func $g (param i32))
      (func $main
        (block
          (loop
            (if (call $f)
              (then (call $g (call $f)))
              (else (br 2)))))))
  )");
  CallGraph g = buildCallGraph(m);
  auto sites = sitesOf(g, fn(g, "main"));
  REQUIRE(sites.size() == 3);
  std::vector<uint32_t> ordinals;
  for (const CallSite *s : sites)
    ordinals.push_back(s->ordinal);
  CHECK(ordinals == std::vector<uint32_t>{1, 2, 3});
}

TEST_CASE("signatureString spells value types", "[callgraph]") {
  Module m = parseWat(R"(
    (module
      (func $f (param i32 i64 f32 f64 v128 funcref externref) (result i32 i64)
        (i32.const 0) (i64.const 0)))
  )");
  CallGraph g = buildCallGraph(m);
  const FunctionNode &f = g.functions[fn(g, "f")];
  CHECK(signatureString(f.params, f.results) ==
        "(i32, i64, f32, f64, v128, funcref, externref) -> (i32, i64)");
  CHECK(signatureString(BinaryenTypeNone(), BinaryenTypeNone()) == "() -> ()");
}
