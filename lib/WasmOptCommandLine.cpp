// WasmOptCommandLine: see the header for what wasm-opt's command line means
// and how a run with --asyncify is split. The option tables below are
// wasm-opt 108's (`wasm-opt --help`); anything else that starts with `-` is a
// pass, as it is for wasm-opt.
#include "lib/WasmOptCommandLine.h"

#include "lib/Diagnostics.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace wa {

namespace {

struct OptionName {
  std::string_view longName;
  std::string_view shortName; // empty: none
};

// Options that take one value, as `--name VALUE` or `--name=VALUE`.
constexpr std::array kValueOptions{
    OptionName{"--output", "-o"},
    OptionName{"--pass-arg", "-pa"},
    OptionName{"--input-source-map", "-ism"},
    OptionName{"--output-source-map", "-osm"},
    OptionName{"--output-source-map-url", "-osu"},
    OptionName{"--optimize-level", "-ol"},
    OptionName{"--shrink-level", "-s"},
    OptionName{"--always-inline-max-function-size", "-aimfs"},
    OptionName{"--flexible-inline-max-function-size", "-fimfs"},
    OptionName{"--one-caller-inline-max-function-size", "-ocimfs"},
    OptionName{"--partial-inlining-ifs", "-pii"},
    OptionName{"--extra-fuzz-command", "-efc"},
    OptionName{"--initial-fuzz", "-if"},
    OptionName{"--emit-js-wrapper", "-ejw"},
    OptionName{"--emit-spec-wrapper", "-esw"},
    OptionName{"--emit-wasm2c-wrapper", ""},
};

// Options of the whole run that take no value (`--debug` takes an optional
// `=VALUE`, which stays attached).
constexpr std::array kFlagOptions{
    OptionName{"--emit-text", "-S"},
    OptionName{"--debuginfo", "-g"},
    OptionName{"--converge", "-c"},
    OptionName{"--fuzz-exec-before", "-feh"},
    OptionName{"--fuzz-exec", "-fe"},
    OptionName{"--translate-to-fuzz", "-ttf"},
    OptionName{"--fuzz-passes", "-fp"},
    OptionName{"--no-fuzz-memory", ""},
    OptionName{"--no-fuzz-oob", ""},
    OptionName{"--inline-functions-with-loops", "-ifwl"},
    OptionName{"--ignore-implicit-traps", "-iit"},
    OptionName{"--traps-never-happen", "-tnh"},
    OptionName{"--low-memory-unused", "-lmu"},
    OptionName{"--fast-math", "-ffm"},
    OptionName{"--zero-filled-memory", "-uim"},
    OptionName{"--mvp-features", "-mvp"},
    OptionName{"--all-features", "-all"},
    OptionName{"--detect-features", ""},
    OptionName{"--quiet", "-q"},
    OptionName{"--experimental-poppy", ""},
    OptionName{"--no-validation", "-n"},
    OptionName{"--nominal", ""},
    OptionName{"--structural", ""},
    OptionName{"--hybrid", ""},
    OptionName{"--version", ""},
    OptionName{"--help", "-h"},
    OptionName{"--debug", "-d"},
};

// Options that wasm-opt-asyncify cannot carry through wasm-asyncify: source
// maps (wasm-asyncify keeps no debug locations) and the fuzzers that replace
// the input module.
constexpr std::array kUnsupportedWithAsyncify{
    std::string_view{"--input-source-map"},      std::string_view{"--output-source-map"},
    std::string_view{"--output-source-map-url"}, std::string_view{"--translate-to-fuzz"},
    std::string_view{"--initial-fuzz"},          std::string_view{"--fuzz-passes"},
};

template <size_t N>
const OptionName *findOption(const std::array<OptionName, N> &table, std::string_view name) {
  for (const OptionName &o : table)
    if (name == o.longName || (!o.shortName.empty() && name == o.shortName))
      return &o;
  return nullptr;
}

// `-O`, `-O0`..`-O4`, `-Os`, `-Oz`: the levels they set, or false.
bool optimizeFlagLevels(std::string_view a, int &optimize, int &shrink) {
  if (a == "-O" || a == "-Os") {
    optimize = 2;
    shrink = 1;
  } else if (a == "-Oz") {
    optimize = 2;
    shrink = 2;
  } else if (a.size() == 3 && a.starts_with("-O") && a[2] >= '0' && a[2] <= '4') {
    optimize = a[2] - '0';
    shrink = 0;
  } else {
    return false;
  }
  return true;
}

bool parseLevel(std::string_view value, int max, int &out) {
  if (value.size() != 1 || value[0] < '0' || value[0] > '0' + max)
    return false;
  out = value[0] - '0';
  return true;
}

} // namespace

WasmOptCommandLine parseWasmOptCommandLine(const std::vector<std::string> &args) {
  WasmOptCommandLine cl;
  for (size_t i = 0; i < args.size(); i++) {
    const std::string &a = args[i];
    if (a.size() < 2 || a[0] != '-') {
      cl.inputs.push_back(a);
      continue;
    }
    std::string_view name = a;
    std::optional<std::string> attached; // the value after `=`
    if (auto eq = a.find('='); eq != std::string::npos) {
      name = std::string_view(a).substr(0, eq);
      attached = a.substr(eq + 1);
    }

    if (const OptionName *o = findOption(kValueOptions, name)) {
      std::vector<std::string> spelled{a};
      std::string value;
      if (attached) {
        value = *attached;
      } else if (i + 1 < args.size()) {
        value = args[++i];
        spelled.push_back(value);
      } else {
        cl.problems.push_back(fmt::format("{} needs a value", a));
        continue;
      }
      std::string_view longName = o->longName;
      if (std::find(kUnsupportedWithAsyncify.begin(), kUnsupportedWithAsyncify.end(), longName) !=
          kUnsupportedWithAsyncify.end())
        cl.unsupportedWithAsyncify.push_back(std::string(longName));
      if (longName == "--output") {
        cl.output = value;
      } else if (longName == "--optimize-level") {
        if (!parseLevel(value, 4, cl.optimizeLevel))
          cl.problems.push_back(fmt::format("{} needs a level from 0 to 4, not `{}`", name, value));
        cl.levelsGiven = true;
      } else if (longName == "--shrink-level") {
        if (!parseLevel(value, 2, cl.shrinkLevel))
          cl.problems.push_back(fmt::format("{} needs a level from 0 to 2, not `{}`", name, value));
        cl.levelsGiven = true;
      } else if (longName == "--pass-arg" && value.starts_with("asyncify-")) {
        cl.asyncifyPassArgs.push_back(value);
      } else {
        cl.common.insert(cl.common.end(), spelled.begin(), spelled.end());
      }
      continue;
    }

    if (const OptionName *o = findOption(kFlagOptions, name)) {
      std::string_view longName = o->longName;
      if (std::find(kUnsupportedWithAsyncify.begin(), kUnsupportedWithAsyncify.end(), longName) !=
          kUnsupportedWithAsyncify.end())
        cl.unsupportedWithAsyncify.push_back(std::string(longName));
      if (longName == "--debuginfo")
        cl.debugInfo = true;
      else if (longName == "--emit-text")
        cl.emitText = true;
      else
        cl.common.push_back(a);
      continue;
    }

    if (name.starts_with("--enable-") || name.starts_with("--disable-")) {
      cl.common.push_back(a);
      continue;
    }

    // A pass, at its position. The -O flags are passes that also set the
    // levels of the whole run.
    if (optimizeFlagLevels(a, cl.optimizeLevel, cl.shrinkLevel))
      cl.levelsGiven = true;
    if (a == "--asyncify") {
      cl.asyncifyCount++;
      continue;
    }
    (cl.asyncifyCount == 0 ? cl.passesBefore : cl.passesAfter).push_back(a);
  }
  return cl;
}

void checkAsyncifyCommandLine(const WasmOptCommandLine &cl) {
  auto usage = [](std::string what) { return Error(ExitCode::Usage, {"", std::move(what), ""}); };
  if (!cl.problems.empty())
    throw usage(cl.problems.front());
  if (cl.asyncifyCount > 1)
    throw usage(fmt::format("--asyncify is given {} times; wasm-opt-asyncify runs it once per "
                            "command line",
                            cl.asyncifyCount));
  if (cl.inputs.empty())
    throw usage("--asyncify needs an input module");
  if (cl.inputs.size() > 1)
    throw usage(fmt::format("wasm-opt takes one input module, got {}: {}", cl.inputs.size(),
                            shellQuote(cl.inputs)));
  if (!cl.unsupportedWithAsyncify.empty())
    throw usage(fmt::format("{} cannot be used with --asyncify here: wasm-asyncify keeps no source "
                            "maps and needs a real input module (run Binaryen's wasm-opt "
                            "directly for this)",
                            cl.unsupportedWithAsyncify.front()));
}

std::vector<ShimStep> planAsyncifySteps(const WasmOptCommandLine &cl, const std::string &tempDir,
                                        const std::optional<std::string> &reportPath) {
  std::vector<ShimStep> steps;
  std::string current = cl.inputs.at(0);
  const bool after = !cl.passesAfter.empty();

  auto realStep = [&](const char *what, const std::vector<std::string> &passes, bool debugInfo,
                      bool emitText, const std::optional<std::string> &out) {
    ShimStep step{ShimStep::Tool::RealWasmOpt, what, {current}};
    auto &a = step.args;
    a.insert(a.end(), cl.common.begin(), cl.common.end());
    a.insert(a.end(), passes.begin(), passes.end());
    if (cl.levelsGiven) {
      a.push_back(fmt::format("--optimize-level={}", cl.optimizeLevel));
      a.push_back(fmt::format("--shrink-level={}", cl.shrinkLevel));
    }
    if (debugInfo)
      a.push_back("-g");
    if (emitText)
      a.push_back("-S");
    if (out) {
      a.push_back("-o");
      a.push_back(*out);
    }
    steps.push_back(std::move(step));
  };

  // Intermediate modules keep their names (-g): the asyncify lists name
  // functions, and wasm-opt keeps names in memory within one run.
  if (!cl.passesBefore.empty()) {
    std::string out = tempDir + "/before-asyncify.wasm";
    realStep("the passes before --asyncify", cl.passesBefore, true, false, out);
    current = out;
  }

  ShimStep ours{ShimStep::Tool::WasmAsyncify, "asyncify", {current}};
  for (const std::string &p : cl.asyncifyPassArgs)
    ours.args.push_back("--pass-arg=" + p);
  if (cl.levelsGiven) {
    ours.args.push_back(fmt::format("--optimize-level={}", cl.optimizeLevel));
    ours.args.push_back(fmt::format("--shrink-level={}", cl.shrinkLevel));
  }
  std::optional<std::string> oursOut = cl.output;
  if (after) {
    oursOut = tempDir + "/asyncified.wasm";
    ours.args.push_back("-g");
  } else {
    if (cl.debugInfo)
      ours.args.push_back("-g");
    if (cl.emitText && cl.output)
      ours.args.push_back("-S");
  }
  if (oursOut) {
    ours.args.push_back("-o");
    ours.args.push_back(*oursOut);
  }
  if (reportPath)
    ours.args.push_back("--report=" + *reportPath);
  steps.push_back(std::move(ours));

  if (after) {
    current = *oursOut;
    realStep("the passes after --asyncify", cl.passesAfter, cl.debugInfo, cl.emitText, cl.output);
  }
  return steps;
}

bool isEmscriptenDefaultImportWarning(std::string_view line) {
  // Emscripten 3.1.6's DEFAULT_ASYNCIFY_IMPORTS, `invoke_*` (added unless
  // ASYNCIFY_IGNORE_INDIRECT) and `__call_main` (with pthreads), with the
  // `env.` it puts before names without a module; and
  // `emscripten_promise_await`, which later versions add.
  static constexpr std::array<std::string_view, 21> kDefaults{
      "env.emscripten_sleep",
      "env.emscripten_wget",
      "env.emscripten_wget_data",
      "env.emscripten_idb_load",
      "env.emscripten_idb_store",
      "env.emscripten_idb_delete",
      "env.emscripten_idb_exists",
      "env.emscripten_idb_load_blob",
      "env.emscripten_idb_store_blob",
      "env.SDL_Delay",
      "env.emscripten_scan_registers",
      "env.emscripten_lazy_load_code",
      "env.emscripten_fiber_swap",
      "wasi_snapshot_preview1.fd_sync",
      "env.__wasi_fd_sync",
      "env._emval_await",
      "env._dlopen_js",
      "env.__asyncjs__*",
      "env.invoke_*",
      "env.__call_main",
      "env.emscripten_promise_await",
  };
  static constexpr std::string_view kStart = "warning: --imports entry `";
  static constexpr std::string_view kEnd = "` matches no import";
  size_t start = line.find(kStart);
  if (start == std::string_view::npos)
    return false;
  start += kStart.size();
  size_t end = line.find(kEnd, start);
  if (end == std::string_view::npos)
    return false;
  std::string_view entry = line.substr(start, end - start);
  return std::find(kDefaults.begin(), kDefaults.end(), entry) != kDefaults.end();
}

std::string shellQuote(const std::vector<std::string> &args) {
  std::string out;
  for (const std::string &a : args) {
    if (!out.empty())
      out += ' ';
    bool plain = !a.empty() && std::all_of(a.begin(), a.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             std::string_view("_@%+=:,./-").find(c) != std::string_view::npos;
    });
    if (plain) {
      out += a;
      continue;
    }
    out += '\'';
    for (char c : a) {
      if (c == '\'')
        out += "'\\''";
      else
        out += c;
    }
    out += '\'';
  }
  return out;
}

} // namespace wa
