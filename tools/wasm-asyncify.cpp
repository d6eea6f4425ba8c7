// wasm-asyncify: the command-line driver. It turns flags into a wa::Config,
// makes one library call, and prints what comes back. All logic is in lib/
// and passes/; every flag is documented in docs/cli.md.
#include "lib/Config.h"
#include "lib/Diagnostics.h"
#include "lib/Isolate.h"
#include "lib/Lists.h"
#include "lib/Pipeline.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace {

using wa::Config;
using wa::Error;
using wa::ExitCode;

void appendList(std::vector<wa::ListEntry> &out, const std::string &value, const char *option) {
  auto entries = wa::parseListArgument(value, option);
  out.insert(out.end(), entries.begin(), entries.end());
}

bool passArgFlag(const std::string &value) {
  return value != "" && value != "0" && value != "false";
}

// Binaryen's spelling: --pass-arg=KEY@VALUE (a KEY alone means "1").
void applyPassArg(Config &config, const std::string &arg) {
  auto at = arg.find('@');
  std::string key = arg.substr(0, at);
  std::string value = at == std::string::npos ? "1" : arg.substr(at + 1);
  if (key == "asyncify-imports") {
    // An empty list means the default, every import, as in wasm-opt.
    if (value.empty())
      return;
    if (!config.imports)
      config.imports.emplace();
    appendList(*config.imports, value, "asyncify-imports");
  } else if (key == "asyncify-addlist") {
    appendList(config.add, value, "asyncify-addlist");
  } else if (key == "asyncify-removelist" || key == "asyncify-blacklist") {
    appendList(config.remove, value, key.c_str());
  } else if (key == "asyncify-onlylist" || key == "asyncify-whitelist") {
    appendList(config.only, value, key.c_str());
  } else if (key == "asyncify-propagate-addlist") {
    config.propagateAdd = passArgFlag(value);
  } else if (key == "asyncify-ignore-imports") {
    config.ignoreImports = passArgFlag(value);
  } else if (key == "asyncify-ignore-indirect") {
    config.ignoreIndirect = passArgFlag(value);
  } else if (key == "asyncify-asserts") {
    config.asserts = passArgFlag(value);
  } else if (key == "asyncify-verbose") {
    config.verbose = passArgFlag(value);
  } else if (key == "asyncify-memory") {
    config.memory = value;
  } else if (key == "asyncify-import-globals" || key == "asyncify-relocatable") {
    config.importGlobals = passArgFlag(value);
  } else if (key == "asyncify-export-globals") {
    config.exportGlobals = passArgFlag(value);
  } else {
    throw Error(ExitCode::Usage,
                {"",
                 fmt::format("unknown --pass-arg `{}`; wasm-asyncify understands the "
                             "asyncify-* arguments of Binaryen's asyncify pass",
                             key),
                 ""});
  }
}

// Flags whose shapes CLI11 does not parse the way users write them:
// -O, -O0..-O4, -Os, -Oz, --report and --report=FILE, and the list options,
// whose values may be JSON arrays (CLI11 reads `[...]` as its own syntax) and
// take exactly one value each (so the input file after them stays the input).
std::vector<std::string> takeSpecialFlags(int argc, char **argv, Config &config) {
  std::vector<std::string> rest;
  auto listOption = [&](const std::string &a, int &i) -> bool {
    static const char *names[] = {"--imports", "--add", "--remove", "--only"};
    for (const char *name : names) {
      std::string n = name;
      std::string value;
      if (a == n) {
        if (i + 1 >= argc)
          throw Error(ExitCode::Usage, {"", fmt::format("{} needs a list", n), ""});
        value = argv[++i];
      } else if (a.starts_with(n + "=")) {
        value = a.substr(n.size() + 1);
      } else {
        continue;
      }
      if (n == "--imports") {
        if (!config.imports)
          config.imports.emplace();
        appendList(*config.imports, value, "--imports");
      } else {
        appendList(n == "--add"      ? config.add
                   : n == "--remove" ? config.remove
                                     : config.only,
                   value, name);
      }
      return true;
    }
    return false;
  };
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--") {
      for (; i < argc; i++)
        rest.push_back(argv[i]);
      break;
    }
    if (listOption(a, i))
      continue;
    if (a == "-O") {
      config.optimizeLevel = 2;
      config.shrinkLevel = 1;
    } else if (a.size() == 3 && a.starts_with("-O")) {
      char c = a[2];
      if (c >= '0' && c <= '4') {
        config.optimizeLevel = c - '0';
        config.shrinkLevel = 0;
      } else if (c == 's') {
        config.optimizeLevel = 2;
        config.shrinkLevel = 1;
      } else if (c == 'z') {
        config.optimizeLevel = 2;
        config.shrinkLevel = 2;
      } else {
        throw Error(
            ExitCode::Usage,
            {"", fmt::format("unknown optimization flag `{}` (use -O0..-O4, -Os, -Oz)", a), ""});
      }
    } else if (a == "--report") {
      config.reportPath = "-";
    } else if (a.starts_with("--report=")) {
      config.reportPath = a.substr(9);
      if (config.reportPath->empty())
        throw Error(ExitCode::Usage, {"", "--report= needs a file name", ""});
    } else {
      rest.push_back(std::move(a));
    }
  }
  return rest;
}

void printError(const Error &e);

// Runs `f`, turning an exception into its message and exit code.
template <typename F> int reportingErrors(F &&f) {
  try {
    return f();
  } catch (const Error &e) {
    printError(e);
    return static_cast<int>(e.code());
  } catch (const std::exception &e) {
    std::fprintf(stderr, "wasm-asyncify: error: internal error: %s\n", e.what());
    return static_cast<int>(ExitCode::Internal);
  }
}

void printError(const Error &e) {
  const wa::Diagnostic &d = e.diagnostic();
  if (d.file.empty())
    std::fprintf(stderr, "wasm-asyncify: %s\n", wa::render("error", d).c_str());
  else
    std::fprintf(stderr, "%s\n", wa::render("error", d).c_str());
}

// Runs the pipeline and prints what it returns.
int execute(const Config &config) {
  return reportingErrors([&] {
    wa::PipelineResult result = wa::runPipeline(config);

    for (const auto &w : result.warnings.items())
      std::fprintf(stderr, "%s\n", wa::render("warning", w).c_str());
    if (config.verbose) {
      for (const auto &p : result.phases)
        std::fprintf(stderr, "[%-10s] %8.3f s   peak memory %6.1f MiB\n", p.name.c_str(), p.seconds,
                     static_cast<double>(p.peakRssKiB) / 1024.0);
      std::fprintf(stderr, "%zu of %zu functions instrumented\n", result.instrumented,
                   result.functions);
    }
    if (!result.explanation.empty())
      std::fputs(result.explanation.c_str(), stdout);
    if (config.reportPath && *config.reportPath == "-")
      std::fputs(result.reportJson.c_str(), stdout);
    return 0;
  });
}

int run(int argc, char **argv) {
  Config config;
  std::vector<std::string> args = takeSpecialFlags(argc, argv, config);

  CLI::App app{"wasm-asyncify: rewrite a WebAssembly module so that its stack can unwind into "
               "linear memory and rewind later (Binaryen Asyncify ABI)",
               "wasm-asyncify"};
  app.set_version_flag("--version", std::string("wasm-asyncify ") + WASM_ASYNCIFY_VERSION);
  app.footer("Also: -O, -O0..-O4, -Os, -Oz (optimization), --report[=FILE] (JSON report; "
             "standard output without FILE).\nExit codes: 0 ok, 2 usage, 3 bad input, "
             "4 unsupported module, 5 cannot write, 6 bad list file, 70 internal error.");

  app.add_option("input", config.input, "Input module (.wasm binary or .wat text)")->required();
  app.add_option("-o,--output", config.output, "Write the rewritten module here (- for stdout)");
  app.add_flag("-S,--emit-text", config.textOutput, "Write the text format instead of binary");

  // The list options are parsed by takeSpecialFlags; they are declared here
  // for --help only.
  std::string unusedList;
  std::vector<std::string> passArgs;
  app.add_option("--imports", unusedList,
                 "Imports that may unwind: module.base entries with * wildcards, comma "
                 "separated, @file, or a JSON array (default: every import); repeatable");
  app.add_option("--add", unusedList, "Functions to instrument even if the analysis says no");
  app.add_option("--remove", unusedList, "Functions never to instrument (calls to them are safe)");
  app.add_option("--only", unusedList, "Instrument exactly these functions");
  app.add_flag("--propagate-add", config.propagateAdd,
               "Callers of --add functions are instrumented too");
  app.add_flag("--ignore-indirect", config.ignoreIndirect, "Assume indirect calls never unwind");
  app.add_flag("--ignore-imports", config.ignoreImports, "Assume no import unwinds");
  app.add_flag("--asserts", config.asserts,
               "Trap when a call assumed safe changes the state, or the API is misused");
  app.add_option("--pass-arg", passArgs,
                 "Binaryen spelling: asyncify-imports@LIST, asyncify-addlist@LIST, ...");

  app.add_option("--explain", config.explain,
                 "Print why this function is (or is not) instrumented");
  app.add_flag("-v,--verbose", config.verbose, "Print each phase's time and memory to stderr");
  app.add_option("-j,--jobs", config.jobs,
                 "Threads for per-function work (default: the machine's cores, or "
                 "WASM_ASYNCIFY_JOBS); the output does not depend on it")
      ->check(CLI::Range(1, 256));

  app.add_option("--optimize-level", config.optimizeLevel, "Optimization level 0..4")
      ->check(CLI::Range(0, 4));
  app.add_option("--shrink-level", config.shrinkLevel, "Shrink level 0..2")
      ->check(CLI::Range(0, 2));
  app.add_flag("-g,--debuginfo", config.debugInfo, "Keep names in the output");
  bool noTidy = false;
  app.add_flag("--no-tidy", noTidy,
               "At -O0, skip the cleanup of the rewritten functions (faster, about twice the "
               "growth)");
  app.add_flag("--flatten-all", config.flattenAll,
               "Flatten every instrumented function whole, as Binaryen does, instead of changing "
               "only the statements that hold calls that can unwind (slower, larger output; for "
               "comparison)");
  std::string rewindCopies = "auto";
  app.add_option("--rewind-copies", rewindCopies,
                 "Functions whose rewinding goes to a copy of them, so that their own code "
                 "stays fast: auto (loops when optimizing for speed, else none), none, loops, all")
      ->check(CLI::IsMember({"auto", "none", "loops", "all"}));
  app.add_option("--memory", config.memory, "The memory that holds the data blocks");
  app.add_flag("--import-globals", config.importGlobals,
               "Import the state and data globals (dynamic linking)");
  app.add_flag("--export-globals", config.exportGlobals,
               "Export the state and data globals (dynamic linking)");

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp &e) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  } catch (const CLI::CallForVersion &e) {
    std::puts(e.what());
    return 0;
  } catch (const CLI::ParseError &e) {
    throw Error(ExitCode::Usage, {"", e.what(), ""});
  }

  for (const auto &p : passArgs)
    applyPassArg(config, p);
  config.tidy = !noTidy;
  config.rewindCopies = rewindCopies == "none"    ? wa::RewindCopies::None
                        : rewindCopies == "loops" ? wa::RewindCopies::Loops
                        : rewindCopies == "all"   ? wa::RewindCopies::All
                                                  : wa::RewindCopies::Auto;

  // A binary input is validated by WABT in a process of its own while the
  // pipeline's process reads it with Binaryen (lib/Isolate.h).
  std::function<int()> inputCheck = wa::prepareInputCheck(config);
  return wa::runIsolated([&] { return execute(config); }, config.input, inputCheck);
}

} // namespace

int main(int argc, char **argv) {
  return reportingErrors([&] { return run(argc, argv); });
}
