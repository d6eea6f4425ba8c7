// Config: everything a run of wasm-asyncify is told, filled by the driver
// (tools/wasm-asyncify.cpp) or by any other user of the library.
#pragma once

#include "lib/Lists.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wa {

// Which instrumented functions hand rewinding to a copy of themselves
// (passes/Instrument.h). Auto: Loops when optimizing for speed (-O1 and
// above without -Os/-Oz), None otherwise.
enum class RewindCopies { Auto, None, Loops, All };

struct Config {
  std::string input;
  // The input's bytes when the driver has read them already (so that the
  // input check beside the pipeline, lib/Isolate.h, sees the same bytes).
  std::shared_ptr<const std::vector<uint8_t>> inputBytes;
  std::string output;      // empty: analyse and report only
  bool textOutput = false; // -S

  // Lists. `imports` unset means every import may unwind (Binaryen's default).
  std::optional<std::vector<ListEntry>> imports;
  std::vector<ListEntry> add, remove, only;
  bool propagateAdd = false;
  bool ignoreIndirect = false;
  bool ignoreImports = false;
  bool asserts = false;

  // Reports.
  std::optional<std::string> reportPath; // "-" is standard output
  std::vector<std::string> explain;      // function names
  bool verbose = false;

  // Rewriting.
  int optimizeLevel = 0;
  int shrinkLevel = 0;
  bool debugInfo = false;
  std::string memory; // which memory holds the data blocks, when there are several
  bool importGlobals = false;
  bool exportGlobals = false;
  RewindCopies rewindCopies = RewindCopies::Auto;
  bool tidy = true; // at -O0, clean up what flattening and rewriting leave
  // Flatten every instrumented function, as Binaryen does, instead of
  // spilling only the statements that hold calls that can unwind.
  bool flattenAll = false;

  // Threads for per-function work (lib/Parallel.h); 0: the default.
  unsigned jobs = 0;
};

} // namespace wa
