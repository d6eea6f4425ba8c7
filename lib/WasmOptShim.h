// WasmOptShim: what wasm-opt-asyncify does with a wasm-opt command line.
// Without --asyncify it replaces itself with the real wasm-opt, arguments
// unchanged. With --asyncify it runs the steps of planAsyncifySteps
// (lib/WasmOptCommandLine.h): the real wasm-opt for the passes before and
// after, wasm-asyncify in the middle, with intermediate modules in a private
// temporary directory that is removed afterwards.
//
// Environment (read once, in ShimEnvironment::fromProcess):
//   WASM_ASYNCIFY_REAL_WASM_OPT  the real wasm-opt; default: the first
//                                `wasm-opt` on PATH that is not this program
//   WASM_ASYNCIFY_TOOL           wasm-asyncify; default: the one next to this
//                                program (symlinks resolved), then PATH
//   WASM_OPT_ASYNCIFY_REPORT     write wasm-asyncify's JSON report here
//   WASM_OPT_ASYNCIFY_LOG        append one line per process run to this file
//   WASM_OPT_ASYNCIFY_VERBOSE=1  print those lines to standard error too
//   WASM_OPT_ASYNCIFY_ALL_WARNINGS=1  keep wasm-asyncify's warnings about
//                                Emscripten's default ASYNCIFY_IMPORTS entries
//                                that match no import (dropped otherwise)
//   WASM_OPT_ASYNCIFY_CALLER     set by wasm-opt-asyncify for its children; a
//                                wasm-opt-asyncify that finds it set was taken
//                                for the real wasm-opt, and stops (no loop)
#pragma once

#include "lib/Diagnostics.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace wa {

struct ShimEnvironment {
  std::string self; // this program, symlinks resolved
  std::string path; // PATH
  std::string tmpDir = "/tmp";
  std::optional<std::string> realWasmOpt;
  std::optional<std::string> wasmAsyncify;
  std::optional<std::string> reportPath;
  std::optional<std::string> logPath;
  std::optional<std::string> caller;
  bool verbose = false;
  bool allWarnings = false;

  static ShimEnvironment fromProcess();
};

// A step's process failed; the process has printed its own message.
class StepFailed : public Error {
public:
  StepFailed(int exitCode, Diagnostic diag)
      : Error(ExitCode::Internal, std::move(diag)), exitCode_(exitCode) {}
  int exitCode() const { return exitCode_; }

private:
  int exitCode_;
};

// The real wasm-opt: $WASM_ASYNCIFY_REAL_WASM_OPT, or the first executable
// `wasm-opt` in `env.path` that is not `env.self`. Throws Error(Usage) when
// there is none.
std::string findRealWasmOpt(const ShimEnvironment &env);

// wasm-asyncify: $WASM_ASYNCIFY_TOOL, or `wasm-asyncify` next to `env.self`,
// or on `env.path`. Throws Error(Usage) when there is none.
std::string findWasmAsyncify(const ShimEnvironment &env);

// Runs a wasm-opt command line (`args` without the program name). Without
// --asyncify this does not return on success (the real wasm-opt replaces the
// process). Returns 0 when every step succeeded; throws StepFailed when a
// step failed and Error for anything else (bad command line, missing tool,
// no temporary directory). `say` receives the log lines for -v.
int runWasmOptShim(const std::vector<std::string> &args, const ShimEnvironment &env,
                   const std::function<void(const std::string &)> &say);

} // namespace wa
