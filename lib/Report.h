// Report: what the analysis found, as JSON for tools (--report, schema in
// docs/report.md) and as sentences for people (--explain).
#pragma once

#include "lib/Config.h"
#include "lib/Module.h"
#include "passes/AsyncAnalysis.h"
#include "passes/CallGraph.h"

#include <string>
#include <vector>

namespace wa {

struct PhaseStat {
  std::string name;
  double seconds = 0;
  uint64_t peakRssKiB = 0; // the process's peak resident memory at the end of the phase
};

// How a function is shown to people: its name, and for imports "module.base".
std::string displayName(const FunctionNode& f);

// One call site in words: "call #2 (direct) to env.sleep".
std::string describeSite(const CallGraph& graph, uint32_t site, uint32_t target);

std::string renderReportJson(const Config& config, const Module& module, const CallGraph& graph,
                             const AsyncAnalysis& analysis, const std::vector<PhaseStat>& phases);

// The chain for one function, for --explain: several lines ending in "\n".
std::string explainFunction(const CallGraph& graph, const AsyncAnalysis& analysis, uint32_t f);

} // namespace wa
