// CallGraph: every call site of the module and what it can reach.
#pragma once

#include "lib/Module.h"

#include <binaryen-c.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace wa {

constexpr uint32_t kNone = UINT32_MAX;

struct FunctionNode {
  std::string name; // Binaryen's name: the name section's, else by index
  uint32_t index;   // position in the function index space (imports first)
  bool imported = false;
  std::string importModule, importBase;
  bool exported = false;
  std::vector<std::string> exportNames;
  BinaryenType params = 0, results = 0;
  uint32_t firstSite = 0, numSites = 0; // this function's call sites: sites[first, first+num)
};

// The set of functions one `call_indirect` can reach: same table, same
// signature. Call sites with the same key share one group, so the graph stays
// linear in the module's size however many sites and targets there are.
struct IndirectGroup {
  std::string table;
  BinaryenType params = 0, results = 0;
  bool tableOpen = false;   // imported, exported or written at run time
  bool tableShared = false; // imported or exported: other modules can store their functions
  std::vector<uint32_t> targets;
};

struct CallSite {
  enum class Kind : uint8_t { Direct, Indirect };
  Kind kind;
  bool isReturn = false; // return_call / return_call_indirect
  uint32_t caller;
  uint32_t callee = kNone;    // Direct: the function; Indirect: kNone
  uint32_t group = kNone;     // Indirect: the IndirectGroup
  uint32_t ordinal;           // 1-based position among the caller's call sites
  BinaryenExpressionRef expr; // the call in Binaryen's IR
};

struct CallGraph {
  std::vector<FunctionNode> functions;
  std::unordered_map<std::string, uint32_t> byName;
  std::vector<CallSite> sites;
  std::vector<IndirectGroup> groups;
  std::vector<bool> escapes; // per function: its reference may be held outside a private table
  size_t numIndirectSites = 0;
  size_t numEdges = 0; // distinct caller→target pairs counted with groups shared

  // The same, keyed by the name's address in Binaryen's table of interned
  // strings: a name read back from the IR (a call's target) is found without
  // copying or hashing it; any other string falls back to byName.
  std::unordered_map<const char *, uint32_t> byInternedName;

  uint32_t find(const std::string &name) const {
    auto it = byName.find(name);
    return it == byName.end() ? kNone : it->second;
  }
  uint32_t find(const char *name) const {
    if (auto it = byInternedName.find(name); it != byInternedName.end())
      return it->second;
    return find(std::string(name));
  }
};

// Builds the graph. Throws wa::Error (ExitCode::Unsupported) naming the
// function and the construct for expressions it cannot see into.
CallGraph buildCallGraph(const Module &module);

// "(i32, i64) -> f32"
std::string signatureString(BinaryenType params, BinaryenType results);

} // namespace wa
