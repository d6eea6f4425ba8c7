// wasm-opt-asyncify: a drop-in `wasm-opt` that runs wasm-asyncify in place of
// Binaryen's asyncify pass and hands every other pass to the real wasm-opt.
// Emscripten (and any build that runs `wasm-opt ... --asyncify ...`) uses it
// when it is found as `wasm-opt`; see docs/emscripten.md. All logic is in
// lib/WasmOptShim and lib/WasmOptCommandLine.
#include "lib/Diagnostics.h"
#include "lib/WasmOptShim.h"

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace {

void printError(const wa::Error &e) {
  const wa::Diagnostic &d = e.diagnostic();
  if (d.file.empty())
    std::fprintf(stderr, "wasm-opt-asyncify: %s\n", wa::render("error", d).c_str());
  else
    std::fprintf(stderr, "%s\n", wa::render("error", d).c_str());
}

} // namespace

int main(int argc, char **argv) {
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    return wa::runWasmOptShim(
        args, wa::ShimEnvironment::fromProcess(),
        [](const std::string &line) { std::fprintf(stderr, "%s\n", line.c_str()); });
  } catch (const wa::StepFailed &e) {
    printError(e);
    return e.exitCode();
  } catch (const wa::Error &e) {
    printError(e);
    return static_cast<int>(e.code());
  } catch (const std::exception &e) {
    std::fprintf(stderr, "wasm-opt-asyncify: error: internal error: %s\n", e.what());
    return 70;
  }
}
