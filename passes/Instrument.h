// Instrument: rewrites every function the analysis marked so that it can
// unwind its frame into the data block and later rewind to the same call.
#pragma once

#include "lib/Config.h"
#include "lib/Module.h"
#include "passes/AsyncAnalysis.h"
#include "passes/CallGraph.h"
#include "passes/RefSlots.h"

#include <string>
#include <vector>

namespace wa {

// The runtime's globals and the memory's pointer type, chosen by RuntimeApi
// before instrumentation so that both passes name the same things.
struct RuntimeNames {
  std::string state;  // i32 global: 0 normal, 1 unwinding, 2 rewinding
  std::string data;   // pointer global: the current data block
  std::string memory; // the memory the data blocks live in
  bool memory64 = false;
  std::string assertPrefix; // helper functions for --asserts: PREFIX + type name
  RefSlotNames refSlots;    // reference values in frames (passes/RefSlots.h)
  BinaryenType pointerType() const;
  uint32_t pointerBytes() const { return memory64 ? 8 : 4; }
};

struct InstrumentOptions {
  bool asserts = false;
  bool ignoreIndirect = false;
  int optimizeLevel = 0;
  int shrinkLevel = 0;
  // Which functions hand rewinding to a copy of themselves: their own code
  // then keeps only the normal path and unwinding, which engines compile
  // into smaller, faster frames, and the copy (called on entry while
  // rewinding, it runs the rest of that call) has the whole state machine.
  // None: every function rewinds itself; Loops: those that call something
  // that can unwind inside a loop; All. Auto is resolved by the caller.
  RewindCopies rewindCopies = RewindCopies::None;
  // At -O0: sink flattening's temporaries before instrumenting.
  bool tidy = true;
  // Flatten every instrumented function (Binaryen's way), not only spill
  // the statements that hold calls that can unwind (passes/Spill.h).
  bool flattenAll = false;
};

struct FrameInfo {
  bool instrumented = false;
  uint32_t unwindingSites = 0; // after flattening and dead-code removal
  uint32_t saveGroups = 0;     // distinct sets of live locals among those sites
  uint32_t maxFrameBytes = 0;  // the largest frame it pushes (index included)
  std::string rewindCopy;      // the copy that rewinds it, if any
  bool flattened = false;      // whole, by Binaryen's flatten (else spilled)
  uint32_t refSlotKinds = 0;   // bit k: its frames hold references of RefSlotKind k
  uint32_t handlerCalls = 0;   // calls that can unwind inside catch bodies: trap if they do
};

struct InstrumentResult {
  std::vector<FrameInfo> frames;         // parallel to CallGraph::functions
  std::vector<std::string> assertTypes;  // helper types --asserts needs (RuntimeApi adds them)
  std::vector<std::string> rewindCopies; // the functions added as rewind copies
  uint32_t refSlotKinds = 0;             // every frame's, or'ed (RefSlots adds them)
};

// Rewrites the module in place. Functions not instrumented keep their code
// (with --asserts, calls in them get a state check). Throws wa::Error
// (ExitCode::Unsupported) naming the function and construct for what it
// cannot transform.
InstrumentResult instrumentModule(Module &module, const CallGraph &graph,
                                  const AsyncAnalysis &analysis, const RuntimeNames &names,
                                  const InstrumentOptions &options);

} // namespace wa
