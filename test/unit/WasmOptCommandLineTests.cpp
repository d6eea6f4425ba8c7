// Unit tests for lib/WasmOptCommandLine and the tool lookup of lib/WasmOptShim:
// how a wasm-opt command line is read (passes in order, options of the whole
// run, levels where the last one wins), how a run with --asyncify is split
// into steps, which command lines are refused, which warnings are dropped,
// and how the real wasm-opt is found without finding the shim itself.
#include "lib/Diagnostics.h"
#include "lib/WasmOptCommandLine.h"
#include "lib/WasmOptShim.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace wa;
using Strings = std::vector<std::string>;
namespace fs = std::filesystem;

namespace {

WasmOptCommandLine parse(const Strings &args) {
  return parseWasmOptCommandLine(args);
}

std::string usageMessage(const WasmOptCommandLine &cl) {
  try {
    checkAsyncifyCommandLine(cl);
  } catch (const Error &e) {
    CHECK(e.code() == ExitCode::Usage);
    return e.diagnostic().what;
  }
  return "";
}

} // namespace

TEST_CASE("Emscripten's -O0 command line splits around --asyncify", "[wasm-opt-shim]") {
  // As emcc 3.1.6 runs it for `emcc -O0 -sASYNCIFY`.
  auto cl = parse({"--strip-dwarf", "--asyncify", "--pass-arg=asyncify-asserts",
                   "--pass-arg=asyncify-imports@env.slow,env.invoke_*", "--strip-debug",
                   "--strip-producers", "a.wasm", "-o", "a.wasm", "--mvp-features"});
  CHECK(cl.asyncifyCount == 1);
  CHECK(cl.inputs == Strings{"a.wasm"});
  CHECK(cl.output == "a.wasm");
  CHECK(cl.passesBefore == Strings{"--strip-dwarf"});
  CHECK(cl.passesAfter == Strings{"--strip-debug", "--strip-producers"});
  CHECK(cl.asyncifyPassArgs ==
        Strings{"asyncify-asserts", "asyncify-imports@env.slow,env.invoke_*"});
  CHECK(cl.common == Strings{"--mvp-features"});
  CHECK_FALSE(cl.levelsGiven);
  CHECK_FALSE(cl.debugInfo);
  CHECK(usageMessage(cl).empty());

  auto steps = planAsyncifySteps(cl, "/t", std::nullopt);
  REQUIRE(steps.size() == 3);
  CHECK(steps[0].tool == ShimStep::Tool::RealWasmOpt);
  CHECK(steps[0].args == Strings{"a.wasm", "--mvp-features", "--strip-dwarf", "-g", "-o",
                                 "/t/before-asyncify.wasm"});
  CHECK(steps[1].tool == ShimStep::Tool::WasmAsyncify);
  CHECK(steps[1].args == Strings{"/t/before-asyncify.wasm", "--pass-arg=asyncify-asserts",
                                 "--pass-arg=asyncify-imports@env.slow,env.invoke_*", "-g", "-o",
                                 "/t/asyncified.wasm"});
  CHECK(steps[2].tool == ShimStep::Tool::RealWasmOpt);
  // No -g at the end: the final module has no names, as with wasm-opt.
  CHECK(steps[2].args == Strings{"/t/asyncified.wasm", "--mvp-features", "--strip-debug",
                                 "--strip-producers", "-o", "a.wasm"});
}

TEST_CASE("Emscripten's -O2 command line keeps options and levels in every step",
          "[wasm-opt-shim]") {
  auto cl = parse({"--strip-dwarf", "--post-emscripten", "-O2", "--low-memory-unused", "--asyncify",
                   "--pass-arg=asyncify-imports@env.sleep", "--zero-filled-memory", "--strip-debug",
                   "--strip-producers", "a.wasm", "-o", "b.wasm", "-g", "--mvp-features"});
  CHECK(cl.passesBefore == Strings{"--strip-dwarf", "--post-emscripten", "-O2"});
  CHECK(cl.passesAfter == Strings{"--strip-debug", "--strip-producers"});
  CHECK(cl.common == Strings{"--low-memory-unused", "--zero-filled-memory", "--mvp-features"});
  CHECK(cl.levelsGiven);
  CHECK(cl.optimizeLevel == 2);
  CHECK(cl.shrinkLevel == 0);
  CHECK(cl.debugInfo);

  auto steps = planAsyncifySteps(cl, "/t", std::string("/r/report.json"));
  REQUIRE(steps.size() == 3);
  CHECK(steps[0].args == Strings{"a.wasm", "--low-memory-unused", "--zero-filled-memory",
                                 "--mvp-features", "--strip-dwarf", "--post-emscripten", "-O2",
                                 "--optimize-level=2", "--shrink-level=0", "-g", "-o",
                                 "/t/before-asyncify.wasm"});
  CHECK(steps[1].args == Strings{"/t/before-asyncify.wasm", "--pass-arg=asyncify-imports@env.sleep",
                                 "--optimize-level=2", "--shrink-level=0", "-g", "-o",
                                 "/t/asyncified.wasm", "--report=/r/report.json"});
  CHECK(steps[2].args == Strings{"/t/asyncified.wasm", "--low-memory-unused",
                                 "--zero-filled-memory", "--mvp-features", "--strip-debug",
                                 "--strip-producers", "--optimize-level=2", "--shrink-level=0",
                                 "-g", "-o", "b.wasm"});
}

TEST_CASE("wasm-opt's levels: the last setting wins for the whole run", "[wasm-opt-shim]") {
  auto levels = [](const Strings &args) {
    auto cl = parse(args);
    return std::pair{cl.optimizeLevel, cl.shrinkLevel};
  };
  CHECK(levels({"-O2", "--asyncify", "-O0", "x.wasm"}) == std::pair{0, 0});
  CHECK(levels({"--asyncify", "-O3", "x.wasm"}) == std::pair{3, 0});
  CHECK(levels({"-O", "--asyncify", "x.wasm"}) == std::pair{2, 1});
  CHECK(levels({"-Os", "--asyncify", "x.wasm"}) == std::pair{2, 1});
  CHECK(levels({"-Oz", "--asyncify", "x.wasm"}) == std::pair{2, 2});
  CHECK(levels({"-O4", "--shrink-level", "1", "--asyncify", "x.wasm"}) == std::pair{4, 1});
  CHECK(levels({"-Oz", "-ol=1", "--asyncify", "x.wasm"}) == std::pair{1, 2});
  CHECK(levels({"--asyncify", "x.wasm"}) == std::pair{0, 0});
  CHECK_FALSE(parse({"--asyncify", "x.wasm"}).levelsGiven);

  // -O flags are passes at their position too.
  auto cl = parse({"--asyncify", "-O1", "--strip-debug", "x.wasm"});
  CHECK(cl.passesBefore.empty());
  CHECK(cl.passesAfter == Strings{"-O1", "--strip-debug"});

  CHECK(usageMessage(parse({"--asyncify", "--optimize-level=7", "x.wasm"})) ==
        "--optimize-level needs a level from 0 to 4, not `7`");
  CHECK(usageMessage(parse({"--asyncify", "-s", "3", "x.wasm"})) ==
        "-s needs a level from 0 to 2, not `3`");
}

TEST_CASE("option values are not passes, inputs or the --asyncify pass", "[wasm-opt-shim]") {
  // A value that looks like a pass stays a value.
  auto cl = parse({"in.wasm", "-o", "--asyncify"});
  CHECK(cl.asyncifyCount == 0);
  CHECK(cl.output == "--asyncify");

  // Both spellings of a value option; non-asyncify pass-args stay with
  // wasm-opt, spelled as given.
  cl = parse({"--pass-arg", "inlining@1", "-pa", "asyncify-imports@env.a", "--asyncify",
              "--pass-arg=asyncify-ignore-indirect", "-pa=other@2", "in.wasm", "--output=o.wasm"});
  CHECK(cl.common == Strings{"--pass-arg", "inlining@1", "-pa=other@2"});
  CHECK(cl.asyncifyPassArgs == Strings{"asyncify-imports@env.a", "asyncify-ignore-indirect"});
  CHECK(cl.output == "o.wasm");
  CHECK(cl.inputs == Strings{"in.wasm"});

  // Feature flags keep their order (it matters to wasm-opt).
  cl = parse({"-all", "--disable-simd", "--enable-tail-call", "--asyncify", "x.wasm"});
  CHECK(cl.common == Strings{"-all", "--disable-simd", "--enable-tail-call"});

  // -S goes to the last step only.
  cl = parse({"--asyncify", "x.wat", "-S", "-o", "y.wat"});
  CHECK(cl.emitText);
  CHECK(cl.common.empty());
  auto steps = planAsyncifySteps(cl, "/t", std::nullopt);
  REQUIRE(steps.size() == 1);
  CHECK(steps[0].args == Strings{"x.wat", "-S", "-o", "y.wat"});
}

TEST_CASE("a command line without --asyncify is left to wasm-opt", "[wasm-opt-shim]") {
  // Even a malformed one: the real wasm-opt gives its own message.
  auto cl = parse({"--version"});
  CHECK(cl.asyncifyCount == 0);
  cl = parse({"a.wasm", "-O2", "--pass-arg=asyncify-imports@env.x", "-o"});
  CHECK(cl.asyncifyCount == 0);
  CHECK(cl.problems == Strings{"-o needs a value"});
  cl = parse({"a.wasm", "--mod-asyncify-never-unwind", "-o", "b.wasm"});
  CHECK(cl.asyncifyCount == 0);
}

TEST_CASE("command lines with --asyncify that cannot be run are refused", "[wasm-opt-shim]") {
  CHECK(usageMessage(parse({"--asyncify"})) == "--asyncify needs an input module");
  CHECK(usageMessage(parse({"--asyncify", "a.wasm", "b.wasm"})) ==
        "wasm-opt takes one input module, got 2: a.wasm b.wasm");
  CHECK(usageMessage(parse({"--asyncify", "-O", "--asyncify", "a.wasm"})) ==
        "--asyncify is given 2 times; wasm-opt-asyncify runs it once per command line");
  CHECK(usageMessage(parse({"--asyncify", "a.wasm", "-o"})) == "-o needs a value");
  CHECK_THAT(usageMessage(parse({"--asyncify", "a.wasm", "--input-source-map=a.map"})),
             Catch::Matchers::StartsWith("--input-source-map cannot be used with --asyncify"));
  CHECK_THAT(usageMessage(parse({"--asyncify", "a.wasm", "-osm", "b.map", "-o", "b.wasm"})),
             Catch::Matchers::StartsWith("--output-source-map cannot be used with --asyncify"));
  CHECK_THAT(usageMessage(parse({"-ttf", "--asyncify", "a.wasm"})),
             Catch::Matchers::StartsWith("--translate-to-fuzz cannot be used"));
}

TEST_CASE("the steps leave out empty stages and follow -o, -g and -S", "[wasm-opt-shim]") {
  // Only asyncify: our output is the final output; -g decides the names.
  auto cl = parse({"in.wasm", "--asyncify", "-o", "out.wasm"});
  auto steps = planAsyncifySteps(cl, "/t", std::nullopt);
  REQUIRE(steps.size() == 1);
  CHECK(steps[0].args == Strings{"in.wasm", "-o", "out.wasm"});
  cl = parse({"in.wasm", "--asyncify", "-g", "-o", "out.wasm"});
  CHECK(planAsyncifySteps(cl, "/t", std::nullopt)[0].args ==
        Strings{"in.wasm", "-g", "-o", "out.wasm"});

  // No -o: wasm-asyncify only analyses, and the passes after print.
  cl = parse({"in.wasm", "--asyncify", "--metrics"});
  steps = planAsyncifySteps(cl, "/t", std::nullopt);
  REQUIRE(steps.size() == 2);
  CHECK(steps[0].args == Strings{"in.wasm", "-g", "-o", "/t/asyncified.wasm"});
  CHECK(steps[1].args == Strings{"/t/asyncified.wasm", "--metrics"});

  // Passes before only: wasm-asyncify writes the output.
  cl = parse({"in.wasm", "-O1", "--asyncify", "-S", "-o", "out.wat"});
  steps = planAsyncifySteps(cl, "/t", std::nullopt);
  REQUIRE(steps.size() == 2);
  CHECK(steps[0].args == Strings{"in.wasm", "-O1", "--optimize-level=1", "--shrink-level=0", "-g",
                                 "-o", "/t/before-asyncify.wasm"});
  CHECK(steps[1].args == Strings{"/t/before-asyncify.wasm", "--optimize-level=1",
                                 "--shrink-level=0", "-S", "-o", "out.wat"});
}

TEST_CASE("warnings about Emscripten's default imports are recognised", "[wasm-opt-shim]") {
  CHECK(isEmscriptenDefaultImportWarning(
      "/tmp/x/before-asyncify.wasm: warning: --imports entry `env.emscripten_wget` matches no "
      "import; did you mean `env.emscripten_sleep`? [asyncify-imports]\n"));
  CHECK(isEmscriptenDefaultImportWarning(
      "a.wasm: warning: --imports entry `env.invoke_*` matches no import [asyncify-imports]"));
  CHECK(isEmscriptenDefaultImportWarning(
      "a.wasm: warning: --imports entry `wasi_snapshot_preview1.fd_sync` matches no import"));
  // The user's own entries, and other warnings, are kept.
  CHECK_FALSE(isEmscriptenDefaultImportWarning(
      "a.wasm: warning: --imports entry `env.my_fetch` matches no import [asyncify-imports]"));
  CHECK_FALSE(isEmscriptenDefaultImportWarning(
      "a.wasm: warning: --remove entry `env.emscripten_sleep` matches no function"));
  CHECK_FALSE(isEmscriptenDefaultImportWarning("a.wasm: error: malformed module"));
}

TEST_CASE("shellQuote quotes only what needs it", "[wasm-opt-shim]") {
  CHECK(shellQuote({"wasm-opt", "a.wasm", "--pass-arg=asyncify-imports@env.a,env.b"}) ==
        "wasm-opt a.wasm --pass-arg=asyncify-imports@env.a,env.b");
  CHECK(shellQuote({"x", "env.invoke_*", "it's", ""}) == "x 'env.invoke_*' 'it'\\''s' ''");
}

TEST_CASE("the real wasm-opt is found on PATH, never the shim itself", "[wasm-opt-shim]") {
  char pattern[] = "/tmp/wasm-opt-shim-test.XXXXXX";
  REQUIRE(::mkdtemp(pattern) != nullptr);
  fs::path dir = pattern;
  auto executable = [](const fs::path &p) {
    std::ofstream(p) << "#!/bin/sh\n";
    fs::permissions(p, fs::perms::owner_all);
  };
  fs::create_directories(dir / "shim-bin");
  fs::create_directories(dir / "real-bin");
  fs::create_directories(dir / "empty");
  executable(dir / "wasm-opt-asyncify");
  fs::create_symlink(dir / "wasm-opt-asyncify", dir / "shim-bin" / "wasm-opt");
  executable(dir / "real-bin" / "wasm-opt");
  executable(dir / "wasm-asyncify");

  ShimEnvironment env;
  env.self = (dir / "wasm-opt-asyncify").string();
  env.path = (dir / "empty").string() + ":" + (dir / "shim-bin").string() + ":" +
             (dir / "real-bin").string();
  CHECK(findRealWasmOpt(env) == (dir / "real-bin" / "wasm-opt").string());
  // The sibling wasm-asyncify.
  CHECK(findWasmAsyncify(env) == (dir / "wasm-asyncify").string());

  env.path = (dir / "shim-bin").string();
  CHECK_THROWS_AS(findRealWasmOpt(env), Error);

  env.realWasmOpt = (dir / "shim-bin" / "wasm-opt").string();
  CHECK_THROWS_WITH(findRealWasmOpt(env), Catch::Matchers::Contains("wasm-opt-asyncify itself"));
  env.realWasmOpt = (dir / "missing").string();
  CHECK_THROWS_WITH(findRealWasmOpt(env), Catch::Matchers::Contains("not an executable file"));
  env.realWasmOpt = (dir / "real-bin" / "wasm-opt").string();
  CHECK(findRealWasmOpt(env) == *env.realWasmOpt);

  fs::remove_all(dir);
}
