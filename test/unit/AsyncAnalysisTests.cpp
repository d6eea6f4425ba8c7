// Unit tests for passes/AsyncAnalysis: which functions can unwind and which
// are instrumented, the chains that explain why, the list options (--imports,
// --add, --remove, --only, --propagate-add), the ignore flags, the in-module
// runtime imports, and the warnings for list entries that match nothing.
#include "WatHelpers.h"

#include "passes/AsyncAnalysis.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace wa;
using namespace wa::test;
using Strings = std::vector<std::string>;

namespace {

// main -> c -> b -> a -> env.sleep, and a pure function calling env.log.
const char *kChain = R"(
  (module
    (import "env" "sleep" (func $sleep))
    (import "env" "log" (func $log))
    (func $a (call $log) (call $sleep))
    (func $b (call $a))
    (func $c (call $b))
    (func $pure (call $log))
    (func $main (export "main") (call $pure) (call $c)))
)";

std::vector<std::string> warningTexts(const Warnings &w) {
  std::vector<std::string> out;
  for (const Diagnostic &d : w.items())
    out.push_back(render("warning", d));
  return out;
}

} // namespace

TEST_CASE("a direct chain to an async import is instrumented end to end", "[analysis]") {
  Analyzed r(kChain, importsOnly({"env.sleep"}));

  CHECK(r["sleep"].mayUnwind);
  CHECK_FALSE(r["sleep"].instrumented); // imports are never rewritten
  CHECK(r["sleep"].reason == Reason::AsyncImport);
  CHECK_FALSE(r["log"].mayUnwind);
  CHECK(r["log"].reason == Reason::None);

  for (const char *f : {"a", "b", "c", "main"}) {
    INFO(f);
    CHECK(r[f].mayUnwind);
    CHECK(r[f].instrumented);
    CHECK(r[f].reason == Reason::CallsAsync);
  }
  CHECK_FALSE(r.instrumented("pure"));
  CHECK(r["pure"].reason == Reason::None);

  CHECK(r["a"].distance == 1);
  CHECK(r["b"].distance == 2);
  CHECK(r["main"].distance == 4);
  CHECK(r["a"].next == fn(r.graph, "sleep"));
  CHECK(r["main"].next == fn(r.graph, "c"));

  // a's call to log cannot unwind, its call to sleep can; main's call to pure
  // cannot, its call to c can.
  CHECK(r["a"].unwindingSites == 1);
  CHECK(r["main"].unwindingSites == 1);
  auto mainSites = sitesOf(r.graph, fn(r.graph, "main"));
  CHECK_FALSE(r.analysis.siteMayUnwind[mainSites[0] - r.graph.sites.data()]);
  CHECK(r.analysis.siteMayUnwind[mainSites[1] - r.graph.sites.data()]);

  CHECK(r.analysis.numInstrumented == 4);
  CHECK(r.analysis.numAsyncImports == 1);
  CHECK(r.analysis.numUnwindingSites == 4);
  CHECK(r.warnings.empty());
}

TEST_CASE("chain() follows the recorded call sites down to the import", "[analysis]") {
  Analyzed r(kChain, importsOnly({"env.sleep"}));
  CHECK(r.chain("main") == Strings{"main#2", "c#1", "b#1", "a#2", "env.sleep"});
  CHECK(r.chain("a") == Strings{"a#2", "env.sleep"});
  CHECK(r.chain("sleep") == Strings{"env.sleep"});
  // A function that cannot unwind has a one-step chain: itself.
  CHECK(r.chain("pure") == Strings{"pure"});

  auto steps = r.analysis.chain(fn(r.graph, "b"));
  REQUIRE(steps.size() == 3);
  CHECK(steps[0].function == fn(r.graph, "b"));
  CHECK(r.graph.sites[steps[0].site].callee == fn(r.graph, "a"));
  CHECK(steps[2].function == fn(r.graph, "sleep"));
  CHECK(steps[2].site == kNone);
}

TEST_CASE("the chain is a shortest one", "[analysis]") {
  Analyzed r(R"(
    (module
      (import "env" "sleep" (func $sleep))
      (func $deep3 (call $sleep))
      (func $deep2 (call $deep3))
      (func $deep1 (call $deep2))
      (func $near (call $sleep))
      (func $top (call $deep1) (call $near)))
  )",
             importsOnly({"env.sleep"}));
  CHECK(r["top"].distance == 2);
  CHECK(r.chain("top") == Strings{"top#2", "near#1", "env.sleep"});
  CHECK(r["top"].unwindingSites == 2);
}

TEST_CASE("recursion terminates and marks whole cycles", "[analysis]") {
  Analyzed r(R"(
    (module
      (import "env" "sleep" (func $sleep))
      (func $self (param i32)
        (if (local.get 0) (then (call $self (i32.const 0))))
        (call $sleep))
      (func $even (param i32) (if (local.get 0) (then (call $odd (i32.const 0)))))
      (func $odd (param i32)
        (if (local.get 0) (then (call $even (i32.const 0))))
        (call $sleep))
      (func $spin (call $spin))
      (func $ping (call $pong))
      (func $pong (call $ping)))
  )",
             importsOnly({"env.sleep"}));
  CHECK(r.instrumented("self"));
  CHECK(r["self"].unwindingSites == 2); // the recursive call can unwind too
  CHECK(r.chain("self") == Strings{"self#2", "env.sleep"});
  CHECK(r.instrumented("even"));
  CHECK(r.instrumented("odd"));
  CHECK(r.chain("even") == Strings{"even#1", "odd#2", "env.sleep"});
  CHECK(r["odd"].unwindingSites == 2);
  CHECK_FALSE(r.instrumented("spin"));
  CHECK_FALSE(r.instrumented("ping"));
  CHECK_FALSE(r.instrumented("pong"));
}

TEST_CASE("imports: every import by default, or those the list matches", "[analysis]") {
  const char *wat = R"(
    (module
      (import "env" "sleep" (func $sleep))
      (import "env" "sleepy_two" (func $sleepy_two))
      (import "wasi" "fd_read" (func $fd_read))
      (func $a (call $sleep))
      (func $b (call $sleepy_two))
      (func $c (call $fd_read)))
  )";
  SECTION("no list: all imports") {
    Analyzed r(wat, AnalysisOptions{});
    CHECK(r.analysis.numAsyncImports == 3);
    CHECK(r.instrumentedNames() == Strings{"a", "b", "c"});
  }
  SECTION("exact entry, matched as module.base") {
    Analyzed r(wat, importsOnly({"env.sleep"}));
    CHECK(r.instrumentedNames() == Strings{"a"});
  }
  SECTION("the internal name does not match") {
    Analyzed r(wat, importsOnly({"sleep"}));
    CHECK(r.instrumentedNames().empty());
    CHECK(r.warnings.items().size() == 1);
  }
  SECTION("wildcards anywhere") {
    CHECK(Analyzed(wat, importsOnly({"env.sleep*"})).instrumentedNames() == Strings{"a", "b"});
    CHECK(Analyzed(wat, importsOnly({"*_two"})).instrumentedNames() == Strings{"b"});
    CHECK(Analyzed(wat, importsOnly({"wasi.*", "env.sleep"})).instrumentedNames() ==
          Strings{"a", "c"});
    CHECK(Analyzed(wat, importsOnly({"*"})).instrumentedNames() == Strings{"a", "b", "c"});
  }
}

TEST_CASE("ignore-imports: no import unwinds, the runtime imports still do", "[analysis]") {
  AnalysisOptions o;
  o.ignoreImports = true;
  Analyzed r(R"(
    (module
      (import "env" "sleep" (func $sleep))
      (import "asyncify" "start_unwind" (func $start_unwind (param i32)))
      (memory 1)
      (func $sleeper (call $sleep))
      (func $yield (call $start_unwind (i32.const 16)))
      (func $caller (call $yield)))
  )",
             std::move(o));
  CHECK_FALSE(r["sleep"].mayUnwind);
  CHECK_FALSE(r.instrumented("sleeper"));
  CHECK(r.analysis.numAsyncImports == 0);
  CHECK(r["start_unwind"].mayUnwind);
  CHECK(r["start_unwind"].reason == Reason::RuntimeImport);
  CHECK(r.instrumented("caller"));
}

TEST_CASE("ignore-imports wins over an import list", "[analysis]") {
  AnalysisOptions o = importsOnly({"env.sleep"});
  o.ignoreImports = true;
  Analyzed r("(module (import \"env\" \"sleep\" (func $sleep)) (func $f (call $sleep)))",
             std::move(o));
  CHECK_FALSE(r.instrumented("f"));
}

TEST_CASE("indirect calls unwind when a possible target does", "[analysis]") {
  const char *wat = R"(
    (module
      (type $v (func))
      (type $i (func (param i32)))
      (import "env" "sleep" (func $sleep))
      (table 3 funcref)
      (elem (i32.const 0) $sleeper $pure_i $pure_v)
      (func $sleeper (type $v) (call $sleep))
      (func $pure_v (type $v))
      (func $pure_i (type $i))
      (func $outside (type $i) (call $sleep))
      (func $call_v (call_indirect (type $v) (i32.const 0)))
      (func $call_v_again (call_indirect (type $v) (i32.const 2)))
      (func $call_i (call_indirect (type $i) (i32.const 0) (i32.const 1)))
      (func $main (call $call_v) (call $call_i)))
  )";
  SECTION("pruned by signature and table membership") {
    Analyzed r(wat, importsOnly({"env.sleep"}));
    CHECK(r.instrumented("call_v"));
    CHECK(r.instrumented("call_v_again")); // same group: both sites are reached
    CHECK_FALSE(r.instrumented("call_i")); // outside is (i32) -> () but not in the table
    CHECK(r.chain("call_v") == Strings{"call_v#1", "sleeper#1", "env.sleep"});
    CHECK(r["call_v"].next == fn(r.graph, "sleeper"));
    CHECK(r["main"].unwindingSites == 1);
    uint32_t group = r.graph.sites[r["call_v"].via].group;
    REQUIRE(group != kNone);
    CHECK(r.analysis.groupMayUnwind[group]);
  }
  SECTION("--ignore-indirect: indirect calls never unwind") {
    AnalysisOptions o = importsOnly({"env.sleep"});
    o.ignoreIndirect = true;
    Analyzed r(wat, std::move(o));
    CHECK(r.instrumented("sleeper"));
    CHECK_FALSE(r.instrumented("call_v"));
    CHECK_FALSE(r.instrumented("call_v_again"));
    CHECK_FALSE(r.instrumented("main"));
  }
  SECTION("--ignore-indirect keeps the indirect calls of functions named by --add") {
    AnalysisOptions o = importsOnly({"env.sleep"});
    o.ignoreIndirect = true;
    o.add = listOf({"call_v"}, "--add");
    Analyzed r(wat, std::move(o));
    CHECK(r.instrumented("call_v"));
    CHECK(r["call_v"].fromList);
    CHECK(r["call_v"].unwindingSites == 1);
    CHECK_FALSE(r.instrumented("call_v_again"));
  }
  SECTION("--ignore-indirect keeps the indirect calls of functions named by --only") {
    AnalysisOptions o = importsOnly({"env.sleep"});
    o.ignoreIndirect = true;
    o.only = listOf({"call_v"}, "--only");
    Analyzed r(wat, std::move(o));
    CHECK(r.instrumentedNames() == Strings{"call_v"});
    CHECK(r["call_v"].unwindingSites == 1);
  }
}

TEST_CASE("an open table's indirect call reaches escaping functions only", "[analysis]") {
  Analyzed r(R"(
    (module
      (type $v (func))
      (import "env" "sleep" (func $sleep))
      (import "env" "table" (table $t 1 funcref))
      (func $hidden (type $v) (call $sleep))
      (func $exported (export "exported") (type $v))
      (func $caller (call_indirect $t (type $v) (i32.const 0))))
  )",
             importsOnly({"env.sleep"}));
  // hidden sleeps but cannot be in the table; exported can but does not sleep.
  CHECK(r.instrumented("hidden"));
  CHECK_FALSE(r.instrumented("caller"));
}

TEST_CASE("return_call edges propagate like calls", "[analysis]") {
  Analyzed r(R"(
    (module
      (type $v (func))
      (import "env" "sleep" (func $sleep))
      (table 1 funcref)
      (elem (i32.const 0) $target)
      (func $target (call $sleep))
      (func $tail (return_call $target))
      (func $tail_indirect (return_call_indirect (type $v) (i32.const 0)))
      (func $main (call $tail) (call $tail_indirect)))
  )",
             importsOnly({"env.sleep"}));
  CHECK(r.instrumented("tail"));
  CHECK(r.instrumented("tail_indirect"));
  CHECK(r["main"].unwindingSites == 2);
  CHECK(r.graph.sites[r["tail"].via].isReturn);
  CHECK(r.chain("main") == Strings{"main#1", "tail#1", "target#1", "env.sleep"});
}

TEST_CASE("remove list: never instrumented, and a barrier for its callers", "[analysis]") {
  AnalysisOptions o = importsOnly({"env.sleep"});
  o.remove = listOf({"b"}, "--remove");
  Analyzed r(kChain, std::move(o));
  CHECK(r.instrumented("a"));
  CHECK_FALSE(r.instrumented("b"));
  CHECK_FALSE(r["b"].mayUnwind);
  CHECK(r["b"].reason == Reason::Removed);
  // Why it would have unwound is still known.
  CHECK(r.chain("b") == Strings{"b#1", "a#2", "env.sleep"});
  CHECK_FALSE(r.instrumented("c"));
  CHECK(r["c"].reason == Reason::None);
  CHECK_FALSE(r.instrumented("main"));
  CHECK(r.analysis.numInstrumented == 1);
  CHECK(r.warnings.empty());
}

TEST_CASE("remove list with a wildcard, and a caller with another path", "[analysis]") {
  AnalysisOptions o = importsOnly({"env.sleep"});
  o.remove = listOf({"mid*"}, "--remove");
  Analyzed r(R"(
    (module
      (import "env" "sleep" (func $sleep))
      (func $leaf (call $sleep))
      (func $mid_one (call $leaf))
      (func $mid_two (call $leaf))
      (func $both (call $mid_one) (call $leaf))
      (func $only_mids (call $mid_one) (call $mid_two)))
  )",
             std::move(o));
  CHECK(r["mid_one"].reason == Reason::Removed);
  CHECK(r["mid_two"].reason == Reason::Removed);
  CHECK(r.instrumented("both"));
  CHECK(r["both"].unwindingSites == 1); // the call to the removed mid_one is safe
  CHECK(r.chain("both") == Strings{"both#2", "leaf#1", "env.sleep"});
  CHECK_FALSE(r.instrumented("only_mids"));
}

TEST_CASE("add list: instruments without telling the callers", "[analysis]") {
  AnalysisOptions o = importsOnly({"env.sleep"});
  o.add = listOf({"pure"}, "--add");
  Analyzed r(kChain, std::move(o));
  CHECK(r.instrumented("pure"));
  CHECK(r["pure"].reason == Reason::AddList);
  CHECK(r["pure"].fromList);
  CHECK(r["pure"].unwindingSites == 0); // env.log is not async
  CHECK(r.chain("pure") == Strings{"pure"});
  // main is instrumented anyway (through c); its call to an added function
  // is a call to a function that can change the state.
  CHECK(r["main"].reason == Reason::CallsAsync);
  CHECK(r["main"].unwindingSites == 2);
}

TEST_CASE("add list without --propagate-add leaves the callers alone", "[analysis]") {
  const char *wat = R"(
    (module
      (import "env" "log" (func $log))
      (func $extra (call $log))
      (func $wrapper (call $extra))
      (func $main (call $wrapper)))
  )";
  SECTION("not propagated") {
    AnalysisOptions o = importsOnly({"env.sleep_nothing"});
    o.add = listOf({"extra"}, "--add");
    Analyzed r(wat, std::move(o));
    CHECK(r.instrumentedNames() == Strings{"extra"});
  }
  SECTION("propagated") {
    AnalysisOptions o = importsOnly({"env.sleep_nothing"});
    o.add = listOf({"extra"}, "--add");
    o.propagateAdd = true;
    Analyzed r(wat, std::move(o));
    CHECK(r.instrumentedNames() == Strings{"extra", "wrapper", "main"});
    CHECK(r["wrapper"].reason == Reason::CallsAsync);
    CHECK(r.chain("main") == Strings{"main#1", "wrapper#1", "extra"});
    CHECK(r["extra"].reason == Reason::AddList);
  }
}

TEST_CASE("a function on both the add and the remove list is an error", "[analysis]") {
  AnalysisOptions o = importsOnly({"env.sleep"});
  o.add = listOf({"b"}, "--add");
  o.remove = listOf({"b"}, "--remove");
  try {
    Analyzed r(kChain, std::move(o));
    FAIL("expected an error");
  } catch (const wa::Error &e) {
    CHECK(e.code() == wa::ExitCode::Usage);
    CHECK(std::string(e.what()).find("both the --add and the --remove list") != std::string::npos);
  }
}

TEST_CASE("an import named in a function list is an error", "[analysis]") {
  AnalysisOptions o = importsOnly({"env.sleep"});
  o.remove = listOf({"env.sleep"}, "--remove");
  CHECK_THROWS_AS(Analyzed(kChain, std::move(o)), wa::Error);
}

TEST_CASE("only list: instruments exactly the listed functions", "[analysis]") {
  AnalysisOptions o = importsOnly({"env.sleep"});
  o.only = listOf({"b", "c", "pure"}, "--only");
  Analyzed r(kChain, std::move(o));
  CHECK(r.instrumentedNames() == Strings{"b", "c", "pure"});
  CHECK(r["b"].reason == Reason::OnlyList);
  CHECK(r["b"].fromList);
  CHECK_FALSE(r["a"].mayUnwind);     // not listed: assumed never to unwind
  CHECK(r["b"].unwindingSites == 0); // calls a, which is not listed
  CHECK(r["c"].unwindingSites == 1); // calls b, which is listed
  CHECK(r["pure"].unwindingSites == 0);
  CHECK(r["sleep"].mayUnwind); // imports still follow --imports
  CHECK(r.analysis.numInstrumented == 3);
}

TEST_CASE("only list: a listed function's calls to async imports can unwind", "[analysis]") {
  AnalysisOptions o = importsOnly({"env.sleep"});
  o.only = listOf({"a"}, "--only");
  Analyzed r(kChain, std::move(o));
  CHECK(r.instrumentedNames() == Strings{"a"});
  CHECK(r["a"].unwindingSites == 1);
}

TEST_CASE("runtime imports: leaves are not instrumented, their callers are; bottoms are barriers",
          "[analysis]") {
  Analyzed r(R"(
    (module
      (import "asyncify" "start_unwind" (func $start_unwind (param i32)))
      (import "asyncify" "stop_unwind" (func $stop_unwind))
      (import "asyncify" "start_rewind" (func $start_rewind (param i32)))
      (import "asyncify" "stop_rewind" (func $stop_rewind))
      (import "env" "log" (func $log))
      (memory 1)
      (func $yield (call $start_unwind (i32.const 16)))
      (func $resume (call $stop_rewind))
      (func $work (call $yield))
      (func $outer (call $work))
      (func $driver (call $outer) (call $stop_unwind) (call $start_rewind (i32.const 16)) (call $outer))
      (func $rewinder (call $start_rewind (i32.const 16)))
      (func $main (call $driver) (call $rewinder)))
  )",
             importsOnly({"env.nothing"}));
  CHECK(runtimeImportKind(r.graph.functions[fn(r.graph, "start_unwind")]) ==
        RuntimeImport::StartUnwind);
  CHECK(runtimeImportKind(r.graph.functions[fn(r.graph, "log")]) == RuntimeImport::None);
  CHECK(std::string(runtimeImportName(RuntimeImport::StopRewind)) == "asyncify.stop_rewind");

  CHECK(r["start_unwind"].reason == Reason::RuntimeImport);
  CHECK(r["stop_rewind"].reason == Reason::RuntimeImport);
  CHECK_FALSE(r["stop_unwind"].mayUnwind);
  CHECK_FALSE(r["start_rewind"].mayUnwind);

  CHECK(r["yield"].reason == Reason::RuntimeLeaf);
  CHECK(r["yield"].mayUnwind);
  CHECK_FALSE(r["yield"].instrumented);
  CHECK(r.chain("yield") == Strings{"yield#1", "asyncify.start_unwind"});
  CHECK(r["resume"].reason == Reason::RuntimeLeaf);
  CHECK_FALSE(r["resume"].instrumented);

  CHECK(r.instrumented("work"));
  CHECK(r.instrumented("outer"));
  CHECK(r.chain("outer") == Strings{"outer#1", "work#1", "yield#1", "asyncify.start_unwind"});

  CHECK(r["driver"].reason == Reason::RuntimeBottom);
  CHECK_FALSE(r["driver"].instrumented);
  CHECK(r["rewinder"].reason == Reason::RuntimeBottom);
  CHECK_FALSE(r.instrumented("main")); // the bottoms are barriers
  CHECK(r.instrumentedNames() == Strings{"work", "outer"});
  CHECK(r.analysis.numAsyncImports == 0);
}

TEST_CASE("runtime leaves and bottoms are not overridden by --add or --only", "[analysis]") {
  const char *wat = R"(
    (module
      (import "asyncify" "start_unwind" (func $start_unwind (param i32)))
      (import "asyncify" "stop_unwind" (func $stop_unwind))
      (memory 1)
      (func $yield (call $start_unwind (i32.const 16)))
      (func $driver (call $stop_unwind)))
  )";
  SECTION("add") {
    AnalysisOptions o;
    o.add = listOf({"yield", "driver"}, "--add");
    Analyzed r(wat, std::move(o));
    CHECK(r.instrumentedNames().empty());
  }
  SECTION("only") {
    AnalysisOptions o;
    o.only = listOf({"yield", "driver"}, "--only");
    Analyzed r(wat, std::move(o));
    CHECK(r.instrumentedNames().empty());
  }
}

TEST_CASE("list entries that match nothing become warnings with suggestions", "[analysis]") {
  AnalysisOptions o = importsOnly({"env.slep", "env.log", "wasi.*"});
  o.add = listOf({"handlr"}, "--add");
  o.remove = {};
  o.remove.add({"zzzzzzzz", "remove.txt:3"});
  Analyzed r(R"(
    (module
      (import "env" "sleep" (func $sleep))
      (import "env" "log" (func $log))
      (func $handler (call $sleep))
      (func $run (call $handler)))
  )",
             std::move(o));
  CHECK(warningTexts(r.warnings) ==
        Strings{"test.wat: warning: --imports entry `env.slep` matches no import; did you mean "
                "`env.sleep` or `env.log`? [--imports]",
                "test.wat: warning: --imports entry `wasi.*` matches no import [--imports]",
                "test.wat: warning: --add entry `handlr` matches no function; did you mean "
                "`handler`? [--add]",
                "test.wat: warning: --remove entry `zzzzzzzz` matches no function [remove.txt:3]"});
  const Diagnostic &first = r.warnings.items().front();
  CHECK(first.file == "test.wat");
  CHECK(first.where == "--imports");
  // The matched entry (env.log) did its job; the unmatched ones changed nothing.
  CHECK(r.instrumentedNames() == Strings{});
}

TEST_CASE("an entry used by a wildcard is not reported", "[analysis]") {
  AnalysisOptions o = importsOnly({"env.*"});
  o.only = listOf({"h*", "run"}, "--only");
  Analyzed r(R"(
    (module
      (import "env" "sleep" (func $sleep))
      (func $handler (call $sleep))
      (func $run (call $handler)))
  )",
             std::move(o));
  CHECK(r.warnings.empty());
}

TEST_CASE("reasonName spells every reason as the report does", "[analysis]") {
  CHECK(std::string(reasonName(Reason::None)) == "none");
  CHECK(std::string(reasonName(Reason::AsyncImport)) == "async-import");
  CHECK(std::string(reasonName(Reason::RuntimeImport)) == "runtime-import");
  CHECK(std::string(reasonName(Reason::CallsAsync)) == "calls-async");
  CHECK(std::string(reasonName(Reason::AddList)) == "add-list");
  CHECK(std::string(reasonName(Reason::OnlyList)) == "only-list");
  CHECK(std::string(reasonName(Reason::Removed)) == "removed");
  CHECK(std::string(reasonName(Reason::RuntimeLeaf)) == "runtime-leaf");
  CHECK(std::string(reasonName(Reason::RuntimeBottom)) == "runtime-bottom");
}
