// Pipeline: one run of wasm-asyncify, from a Config to the files it writes.
// read → call graph → async analysis → (instrument → runtime API → optimize →
// validate → write). The library prints nothing: messages come back in the
// result for the caller to show.
#pragma once

#include "lib/Config.h"
#include "lib/Diagnostics.h"
#include "lib/Report.h"

#include <functional>
#include <string>
#include <vector>

namespace wa {

struct PipelineResult {
  Warnings warnings;
  std::vector<PhaseStat> phases;
  std::string explanation; // --explain text
  std::string reportJson;  // the --report document, also when written to a file
  size_t instrumented = 0;
  size_t functions = 0;
  size_t outputBytes = 0;
};

// Runs the pipeline. Throws wa::Error on failure; nothing is written then.
PipelineResult runPipeline(const Config &config);

// For a binary input: reads it ahead into config.inputBytes and returns the
// check of it that runs beside the pipeline (lib/Isolate.h), which prints its
// error, if any, and returns the exit code. Empty for a text input or a file
// that cannot be read (the pipeline then reads it and reports the problem).
std::function<int()> prepareInputCheck(Config &config);

// The process's peak resident set in KiB.
uint64_t peakRssKiB();

} // namespace wa
