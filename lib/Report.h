// Report: what the analysis found, as JSON for tools (--report, schema in
// docs/report.md) and as sentences for people (--explain).
#pragma once

#include "lib/Config.h"
#include "lib/Module.h"
#include "passes/AsyncAnalysis.h"
#include "passes/CallGraph.h"
#include "passes/Instrument.h"

#include <optional>
#include <string>
#include <vector>

namespace wa {

struct PhaseStat {
  std::string name;
  double seconds = 0;
  uint64_t peakRssKiB = 0; // the process's peak resident memory at the end of the phase
};

// How a function is shown to people: its name, and for imports "module.base".
std::string displayName(const FunctionNode &f);

// One call site in words: "call #2 (direct) to env.sleep".
std::string describeSite(const CallGraph &graph, uint32_t site, uint32_t target);

// `frames` is empty when nothing was rewritten (no -o).
std::string renderReportJson(const Config &config, const Module &module, const CallGraph &graph,
                             const AsyncAnalysis &analysis, const InstrumentResult &frames,
                             const std::vector<PhaseStat> &phases);

// The largest data block a call into `f` can need when it unwinds from its
// deepest chain: the sum of frame sizes along the worst chain of unwinding
// call sites. nullopt when a chain from `f` can recurse (no static bound).
struct WorstCase {
  std::vector<std::optional<uint64_t>> bytes; // parallel to CallGraph::functions
};
WorstCase worstCaseDataBlock(const CallGraph &graph, const AsyncAnalysis &analysis,
                             const InstrumentResult &frames);

// The chain for one function, for --explain: several lines ending in "\n".
std::string explainFunction(const CallGraph &graph, const AsyncAnalysis &analysis, uint32_t f);

} // namespace wa
