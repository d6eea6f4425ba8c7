// WasmOptCommandLine: reads a Binaryen 108 `wasm-opt` command line the way
// wasm-opt does, and splits a run that contains `--asyncify` into steps, so
// that wasm-opt-asyncify (tools/wasm-opt-asyncify.cpp) can hand every pass but
// asyncify to the real wasm-opt and run our pipeline in its place.
//
// What matters in wasm-opt's command line (checked against wasm-opt 108):
// - Passes (`--post-emscripten`, `--strip-debug`, `-O2`, ...) run in the order
//   given; `-O`, `-O0`..`-O4`, `-Os`, `-Oz` are positions in that order too
//   (they run the default optimization passes there).
// - The optimization and shrink levels are global: the last `-O*`,
//   `--optimize-level` or `--shrink-level` on the line sets them for every
//   pass, asyncify included (`-O2 --asyncify -O0` runs asyncify at level 0).
// - Everything else (features, `--pass-arg`, `--low-memory-unused`, `-g`,
//   `-o`, ...) is an option of the whole run, wherever it stands.
// So a run `IN [options] A... --asyncify B... -o OUT` is the same as
//   wasm-opt IN [options] A... -g -o T1      (names kept for the lists)
//   wasm-asyncify T1 [asyncify-* pass-args] -O<level> -g -o T2
//   wasm-opt T2 [options] B... -o OUT
// with the effective levels given explicitly to each step. A step with no
// passes is left out. Everything here is pure: the steps are argument
// vectors, run by lib/WasmOptShim.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wa {

struct WasmOptCommandLine {
  std::vector<std::string> inputs;   // positional arguments (wasm-opt takes one)
  std::optional<std::string> output; // -o, --output
  // Options of the whole run, for every real wasm-opt step, spelled as given
  // (an option and its value may be one `--name=value` or two arguments):
  // features, non-asyncify --pass-args, --low-memory-unused, --quiet, ...
  // -g, -S, -o and the levels are not here: each step gets its own.
  std::vector<std::string> common;
  std::vector<std::string> passesBefore;     // passes before the first --asyncify
  std::vector<std::string> passesAfter;      // passes after it
  std::vector<std::string> asyncifyPassArgs; // `asyncify-...@VALUE`, in order
  int asyncifyCount = 0;                     // how many --asyncify
  // The effective levels (the last setting wins, as in wasm-opt 108), and
  // whether any option set them.
  int optimizeLevel = 0;
  int shrinkLevel = 0;
  bool levelsGiven = false;
  bool debugInfo = false; // -g, --debuginfo
  bool emitText = false;  // -S, --emit-text
  // Options that wasm-opt-asyncify cannot honour around our pipeline (source
  // maps, translate-to-fuzz): used with --asyncify, they are an error.
  std::vector<std::string> unsupportedWithAsyncify;
  // Malformed arguments (an option without its value, a bad level). Only an
  // error when --asyncify is present: otherwise the real wasm-opt sees the
  // command line unchanged and says what it says.
  std::vector<std::string> problems;
};

// Parses `args` (the arguments after the program name). Never throws.
WasmOptCommandLine parseWasmOptCommandLine(const std::vector<std::string> &args);

// One process to run: the real wasm-opt, or wasm-asyncify.
struct ShimStep {
  enum class Tool { RealWasmOpt, WasmAsyncify };
  Tool tool;
  std::string what;              // for messages: "passes before --asyncify", ...
  std::vector<std::string> args; // arguments after the program name
};

// The steps for a command line with exactly one --asyncify, one input and no
// unsupported options (checked by checkAsyncifyCommandLine). Intermediate
// modules are written into `tempDir`. With `reportPath`, wasm-asyncify writes
// its JSON report there.
std::vector<ShimStep> planAsyncifySteps(const WasmOptCommandLine &cl, const std::string &tempDir,
                                        const std::optional<std::string> &reportPath);

// Throws wa::Error(ExitCode::Usage, ...) if a command line with --asyncify
// cannot be run by wasm-opt-asyncify: no input or several, --asyncify twice,
// a malformed option, an unsupported option.
void checkAsyncifyCommandLine(const WasmOptCommandLine &cl);

// True for wasm-asyncify's warning that an --imports entry matches no import
// when the entry is one of the imports Emscripten lists for every -sASYNCIFY
// build (emscripten_sleep, emscripten_wget, invoke_*, ...): most programs use
// few of them, and Binaryen says nothing about unused entries. Warnings about
// the user's own ASYNCIFY_IMPORTS entries are kept.
bool isEmscriptenDefaultImportWarning(std::string_view line);

// `args` quoted for a POSIX shell, separated by spaces (for logs and -v).
std::string shellQuote(const std::vector<std::string> &args);

} // namespace wa
