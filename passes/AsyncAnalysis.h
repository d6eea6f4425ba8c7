// AsyncAnalysis: which functions can unwind, which get instrumented, and why.
#pragma once

#include "lib/Diagnostics.h"
#include "lib/Lists.h"
#include "passes/CallGraph.h"

#include <optional>
#include <string>
#include <vector>

namespace wa {

// The in-module runtime imports (`asyncify.start_unwind` and friends).
enum class RuntimeImport : uint8_t {
  None,
  StartUnwind,
  StopUnwind,
  StartRewind,
  StopRewind,
  GetState
};
RuntimeImport runtimeImportKind(const FunctionNode &f);
const char *runtimeImportName(RuntimeImport r);

struct AnalysisOptions {
  std::optional<NameList> imports; // nullopt: every import may unwind
  NameList add, remove, only;
  bool propagateAdd = false;
  bool ignoreIndirect = false;
  bool ignoreImports = false;
  // Dynamic linking (--import-globals / --export-globals): modules share the
  // asyncify state, so a function of another module reached through a shared
  // (imported or exported) table may unwind.
  bool sharedTablesMayUnwind = false;
};

// Why a function is (or is not) instrumented.
enum class Reason : uint8_t {
  None,          // cannot unwind: not instrumented
  AsyncImport,   // an import on the async list (imports only)
  RuntimeImport, // asyncify.start_unwind / stop_rewind: changes the state (imports only)
  CallsAsync,    // reaches an async import through the call site `via`
  AddList,       // named by --add (its callers too with --propagate-add)
  OnlyList,      // named by --only
  Removed,       // could unwind, but --remove says it never does
  RuntimeLeaf,   // calls asyncify.start_unwind / stop_rewind itself: it unwinds (or finishes a
                 // rewind) by its own code, is re-entered from its start on rewind, and is
                 // not instrumented; its callers are
  RuntimeBottom, // calls asyncify.stop_unwind / start_rewind: the bottom of the stack that
                 // drives the unwinding; never instrumented, and its callers are not told
  SharedTable,   // calls through a table shared with dynamically linked modules
};
const char *reasonName(Reason r);

struct FunctionAnalysis {
  bool mayUnwind = false;    // a call to it can change the state
  bool instrumented = false; // a defined function that gets rewritten
  Reason reason = Reason::None;
  uint32_t via = kNone;  // CallsAsync: the call site that leads on towards the import
  uint32_t next = kNone; // CallsAsync: the function that call site reaches on the chain
  uint32_t distance = 0; // calls between it and the import along that chain
  uint32_t unwindingSites = 0;
  bool fromList = false; // instrumented because a list named it (--add / --only): its
                         // indirect calls unwind even with --ignore-indirect, as in Binaryen
};

struct AsyncAnalysis {
  std::vector<FunctionAnalysis> functions; // parallel to CallGraph::functions
  std::vector<bool> siteMayUnwind;         // parallel to CallGraph::sites
  std::vector<bool> groupMayUnwind;        // parallel to CallGraph::groups
  size_t numInstrumented = 0;
  size_t numAsyncImports = 0;
  size_t numUnwindingSites = 0;
  bool onlyMode = false;       // --only decided
  bool ignoreIndirect = false; // --ignore-indirect was given

  // The call chain from `f` to the import that makes it unwind: one step per
  // call, each "caller -> callee (call #k, direct|indirect via TABLE SIG)",
  // ending with the import or the list entry that decided.
  struct Step {
    uint32_t function;
    uint32_t site; // kNone on the last step
  };
  std::vector<Step> chain(uint32_t f) const;
};

// Runs the analysis. Entries of the lists that match nothing become warnings
// naming the closest candidates.
AsyncAnalysis analyzeAsync(const CallGraph &graph, AnalysisOptions &options, Warnings &warnings,
                           const std::string &file);

} // namespace wa
