// RuntimeApi: the globals and exported functions that hosts drive (the
// Binaryen Asyncify ABI), and the in-module `asyncify.*` imports turned into
// calls to them.
#pragma once

#include "lib/Module.h"
#include "passes/CallGraph.h"
#include "passes/Instrument.h"

#include <string>
#include <vector>

namespace wa {

struct RuntimeApiOptions {
  bool asserts = false;
  bool importGlobals = false;
  bool exportGlobals = false;
  std::string memory; // --memory: must name the module's memory, if given
};

// Chooses the internal names and the memory, and refuses modules that
// already carry the ABI's exports (rewritten twice) or name the memory wrong.
RuntimeNames planRuntime(const Module &module, const RuntimeApiOptions &options);

// Adds the globals, the five exported functions, the --asserts helpers, and
// replaces each `asyncify.*` import by a function calling ours.
void addRuntime(Module &module, const CallGraph &graph, const RuntimeNames &names,
                const RuntimeApiOptions &options, const std::vector<std::string> &assertTypes);

// The ABI's export names.
extern const char *const kRuntimeExports[5];

} // namespace wa
