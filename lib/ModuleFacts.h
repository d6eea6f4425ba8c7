// ModuleFacts: what Binaryen 108's C API cannot tell about a module, read from
// its binary form in one pass of WABT's binary reader: the memories (imported
// or not, 32 or 64 bit, shared, exported names), the tables, and the wasm
// features the module uses, so that Binaryen validates and optimizes it with
// exactly those features and the output needs no more than the input did.
#pragma once

#include "lib/Diagnostics.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wa {

// The wasm features a module can use. Bits are ours; lib/Module.cpp maps them
// to Binaryen's.
enum Feature : uint32_t {
  FeatureSignExt = 1u << 0,
  FeatureMutableGlobals = 1u << 1,
  FeatureSatFloatToInt = 1u << 2,
  FeatureSIMD = 1u << 3,
  FeatureBulkMemory = 1u << 4,
  FeatureMultivalue = 1u << 5,
  FeatureReferenceTypes = 1u << 6,
  FeatureTailCall = 1u << 7,
  FeatureExceptions = 1u << 8,
  FeatureThreads = 1u << 9,
  FeatureMemory64 = 1u << 10,
  FeatureMultiMemory = 1u << 11,
  FeatureExtendedConst = 1u << 12,
  FeatureRelaxedSIMD = 1u << 13,
  FeatureFunctionReferences = 1u << 14,
  FeatureGC = 1u << 15,
};
using FeatureSet = uint32_t;

// Names as the wasm proposals spell them, for messages and reports.
std::vector<std::string> featureNames(FeatureSet set);

struct MemoryFacts {
  bool imported = false;
  std::string importModule, importBase;
  bool is64 = false;
  bool shared = false;
  uint64_t initialPages = 0;
  bool hasMax = false;
  uint64_t maxPages = 0;
  std::vector<std::string> exportNames;
};

struct TableFacts {
  bool imported = false;
  bool exported = false;
  bool funcref = true;
};

struct ModuleFacts {
  std::vector<MemoryFacts> memories; // in index space order: imports first
  std::vector<TableFacts> tables;
  uint32_t numImportedFunctions = 0;
  uint32_t numDefinedFunctions = 0;
  uint32_t numTags = 0;
  FeatureSet features = 0;
  // The first function (index space) with a block, loop or if that takes
  // parameters: Binaryen 108 cannot read those. kNoFunction if none.
  static constexpr uint32_t kNoFunction = UINT32_MAX;
  uint32_t firstBlockWithParams = kNoFunction;
  uint32_t startFunction = kNoFunction; // the start section's function
  // The first function whose body does not end with the function's own
  // `end` (WABT 1.0.32 lets that through).
  uint32_t firstUnterminatedBody = kNoFunction;
  // An import or export name with a NUL byte: valid wasm, but Binaryen 108
  // aborts on it. Empty if none.
  std::string nameWithNul;
  // The function (index space) with the most locals, parameters included,
  // and how many; the count saturates rather than wraps.
  uint32_t mostLocalsFunction = kNoFunction;
  uint64_t mostLocals = 0;
  // What reading found worth a warning (dropped names, ...).
  std::vector<Diagnostic> warnings;
};

// The most locals (parameters included) engines accept in one function: the
// JS API's implementation limit, also Wasmtime's.
constexpr uint64_t kMaxFunctionLocals = 50000;

// Above this many locals (after flattening) a function is not given to
// Binaryen 108's local optimizations: its coalesce-locals is quadratic in
// time and memory (20 minutes and 20 GiB for 39k locals).
constexpr uint32_t kMaxOptimizedLocals = 10000;

// Reads the facts from a module that WABT has already validated. Throws
// wa::Error (ExitCode::Input) if WABT's reader fails.
ModuleFacts readModuleFacts(const std::vector<uint8_t> &binary, const std::string &file);

} // namespace wa
