// LocalLimit: keeps every rewritten function within the 50000 locals (its
// parameters included) that engines accept, the JS API's implementation
// limit and Wasmtime's.
//
// Flattening gives each intermediate value a local of its own, so a function
// that was close to the limit can pass it once instrumented, and at -O0
// nothing merges those locals again: the output would be valid wasm that no
// engine compiles ("local count too large"). Such a function loses its
// unused locals (reorder-locals, at any -O level), then, while still over
// the limit, in a function that was flattened, the temporaries flattening
// made (simplify-locals, flat and then nesting); one still over the limit is
// refused with its name. Inputs over the limit are refused
// when they are read (lib/Module.cpp). Cost: one count per rewritten function; the passes run only
// on functions over the limit.
#include "passes/LocalLimit.h"

#include "lib/FunctionRebuild.h"

#include "lib/Diagnostics.h"
#include "lib/ModuleFacts.h"

#include <fmt/format.h>

namespace wa {

namespace {

uint64_t numLocals(BinaryenFunctionRef f) {
  return BinaryenFunctionGetNumLocals(f);
}

} // namespace

size_t enforceLocalLimit(BinaryenModuleRef m, const std::vector<std::string> &functions,
                         const std::vector<bool> &flattened, const std::string &file) {
  size_t compacted = 0;
  for (size_t k = 0; k < functions.size(); k++) {
    const std::string &name = functions[k];
    BinaryenFunctionRef f = BinaryenGetFunction(m, name.c_str());
    if (numLocals(f) <= kMaxFunctionLocals)
      continue;
    uint64_t before = numLocals(f);
    // Unused locals go (linear). Merging locals whose live ranges never
    // overlap (coalesce-locals) would bring most such functions back under
    // the limit, but Binaryen 108's is quadratic in time and memory: 20
    // minutes and 20 GiB for 39k locals. Until our own instrumentation makes
    // fewer temporaries, such a function is refused, quickly.
    const char *drop[] = {"reorder-locals"};
    BinaryenFunctionRunPasses(f, m, drop, 1);
    compacted++;
    // Then the temporaries flattening made: a value set once and read once
    // goes back into its use, first where that keeps the code flat, then
    // anywhere (simplify-locals; measured on onnxruntime's largest function,
    // 121k locals down to under 50k: 20 s, and 3 GiB that the nesting form
    // costs over the flat one), and the locals left unused go.
    // Beyond three times the limit that is hopeless and slow (387k locals:
    // minutes), so such a function is refused at once. A function that was
    // spilled, not flattened (passes/Spill.h), has no such temporaries: its
    // locals are its own and values held across calls, which cannot sink
    // (and simplify-locals is quadratic on one that sets 50,000 locals and
    // reads them after its calls: minutes, for nothing).
    for (const char *sinkPass : {"simplify-locals-nonesting", "simplify-locals"}) {
      if (!flattened[k] || numLocals(f) <= kMaxFunctionLocals ||
          numLocals(f) > 3 * kMaxFunctionLocals)
        break;
      const char *passes[] = {sinkPass, "reorder-locals"};
      BinaryenFunctionRunPasses(f, m, passes, 2);
    }
    if (numLocals(f) > kMaxFunctionLocals)
      throw Error(ExitCode::Unsupported,
                  {file,
                   fmt::format("after rewriting, the function has {} locals ({} before unused ones "
                               "were dropped); engines accept at most {}. Rewriting adds locals "
                               "(the frame's, values held across calls, and every intermediate "
                               "value where a function is flattened): split the function, or leave "
                               "it out with --remove if it cannot unwind",
                               numLocals(f), before, kMaxFunctionLocals),
                   functionWhere(m, name)});
  }
  return compacted;
}

} // namespace wa
