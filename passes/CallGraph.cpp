// CallGraph: who calls whom, direct and indirect, in time linear in the
// module's size.
//
// One walk over every function body records each call site in order. Direct
// calls name their callee. An indirect call (`call_indirect`, and its tail
// form) can reach only functions of its exact signature that can be in its
// table; which functions those are depends on the table:
//
//   * a private table (defined here, not exported, never written by
//     `table.set`/`table.grow`) holds exactly the functions its active element
//     segments put there;
//   * an open table (imported, exported, or written at run time) can hold any
//     function whose reference escapes: every function named by `ref.func`,
//     by any element segment, or by an export (the host can hand an exported
//     function back through an open table). A table shared with other
//     modules (imported or exported) can also hold their functions; whether
//     those can unwind this module's stack is the analysis's decision (they
//     can under dynamic linking, where modules share the asyncify state).
//
// Candidates are bucketed by signature once per table (and once for the
// shared escape set), and every call site with the same (table, signature)
// shares one IndirectGroup, so the cost is O(instructions + table entries +
// functions) however many indirect call sites there are.
#include "passes/CallGraph.h"

#include "lib/Diagnostics.h"
#include "lib/FunctionRebuild.h"
#include "lib/IrWalk.h"
#include "lib/Types.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace wa {

namespace {

std::string typeString(BinaryenType t) {
  std::string out;
  for (BinaryenType p : expandType(t)) {
    if (!out.empty())
      out += ", ";
    std::string name = valueTypeName(p);
    out += name.empty() ? "ref" : name;
  }
  return out;
}

struct SigKey {
  BinaryenType params, results;
  bool operator<(const SigKey &o) const {
    return params != o.params ? params < o.params : results < o.results;
  }
  bool operator==(const SigKey &o) const { return params == o.params && results == o.results; }
};

struct SigKeyHash {
  size_t operator()(const SigKey &k) const {
    return std::hash<uint64_t>()(k.params * 0x9E3779B97F4A7C15ull ^ k.results);
  }
};

using Buckets = std::unordered_map<SigKey, std::vector<uint32_t>, SigKeyHash>;

} // namespace

std::string signatureString(BinaryenType params, BinaryenType results) {
  return fmt::format("({}) -> ({})", typeString(params), typeString(results));
}

CallGraph buildCallGraph(const Module &module) {
  BinaryenModuleRef m = module.ref();
  const ExprIds &I = ExprIds::get();
  CallGraph g;

  BinaryenIndex numFuncs = BinaryenGetNumFunctions(m);
  g.functions.reserve(numFuncs);
  g.escapes.assign(numFuncs, false);
  for (BinaryenIndex i = 0; i < numFuncs; i++) {
    BinaryenFunctionRef f = BinaryenGetFunctionByIndex(m, i);
    FunctionNode node;
    const char *interned = BinaryenFunctionGetName(f);
    g.byInternedName.emplace(interned, i);
    node.name = interned;
    node.index = i;
    const char *importModule = BinaryenFunctionImportGetModule(f);
    if (importModule && *importModule) {
      node.imported = true;
      node.importModule = importModule;
      node.importBase = BinaryenFunctionImportGetBase(f);
    }
    node.params = BinaryenFunctionGetParams(f);
    node.results = BinaryenFunctionGetResults(f);
    g.byName.emplace(node.name, i);
    g.functions.push_back(std::move(node));
  }

  // Tables: open or private; shared with other modules or not.
  std::unordered_map<std::string, bool> tableOpen, tableShared;
  BinaryenIndex numTables = BinaryenGetNumTables(m);
  for (BinaryenIndex i = 0; i < numTables; i++) {
    BinaryenTableRef t = BinaryenGetTableByIndex(m, i);
    const char *importModule = BinaryenTableImportGetModule(t);
    tableOpen[BinaryenTableGetName(t)] = importModule && *importModule;
    tableShared[BinaryenTableGetName(t)] = importModule && *importModule;
  }
  for (BinaryenIndex i = 0, n = BinaryenGetNumExports(m); i < n; i++) {
    BinaryenExportRef e = BinaryenGetExportByIndex(m, i);
    if (BinaryenExportGetKind(e) == BinaryenExternalTable()) {
      tableOpen[BinaryenExportGetValue(e)] = true;
      tableShared[BinaryenExportGetValue(e)] = true;
    }
    if (BinaryenExportGetKind(e) == BinaryenExternalFunction()) {
      uint32_t f = g.find(BinaryenExportGetValue(e));
      if (f != kNone) {
        g.functions[f].exported = true;
        g.functions[f].exportNames.push_back(BinaryenExportGetName(e));
        g.escapes[f] = true;
      }
    }
  }

  // Element segments: members of private tables, and escapes.
  std::unordered_map<std::string, std::vector<uint32_t>> tableMembers;
  for (BinaryenIndex i = 0, n = BinaryenGetNumElementSegments(m); i < n; i++) {
    BinaryenElementSegmentRef seg = BinaryenGetElementSegmentByIndex(m, i);
    bool passive = BinaryenElementSegmentIsPassive(seg);
    const char *table = passive ? nullptr : BinaryenElementSegmentGetTable(seg);
    for (BinaryenIndex j = 0, len = BinaryenElementSegmentGetLength(seg); j < len; j++) {
      const char *name = BinaryenElementSegmentGetData(seg, j);
      if (!name)
        continue;
      uint32_t f = g.find(name);
      if (f == kNone)
        continue;
      g.escapes[f] = true;
      if (table)
        tableMembers[table].push_back(f);
    }
  }

  // Global initializers may hold ref.func.
  auto noteRefFuncs = [&](BinaryenExpressionRef root, const char *where) {
    walkPreorder(
        root,
        [&](BinaryenExpressionRef e) {
          if (BinaryenExpressionGetId(e) == I.RefFunc) {
            uint32_t f = g.find(BinaryenRefFuncGetFunc(e));
            if (f != kNone)
              g.escapes[f] = true;
          }
        },
        [&](BinaryenExpressionRef e) {
          throw Error(ExitCode::Unsupported, {module.path(),
                                              fmt::format("unsupported expression `{}`",
                                                          exprKindName(BinaryenExpressionGetId(e))),
                                              where});
        });
  };
  for (BinaryenIndex i = 0, n = BinaryenGetNumGlobals(m); i < n; i++) {
    BinaryenGlobalRef gl = BinaryenGetGlobalByIndex(m, i);
    if (BinaryenExpressionRef init = BinaryenGlobalGetInitExpr(gl))
      noteRefFuncs(init, fmt::format("global {}", BinaryenGlobalGetName(gl)).c_str());
  }

  // One walk over every body: call sites, ref.func, table writes.
  std::map<std::pair<std::string, SigKey>, uint32_t> groupIndex;
  for (uint32_t fi = 0; fi < g.functions.size(); fi++) {
    FunctionNode &node = g.functions[fi];
    node.firstSite = static_cast<uint32_t>(g.sites.size());
    if (node.imported)
      continue;
    BinaryenFunctionRef f = BinaryenGetFunctionByIndex(m, fi);
    uint32_t ordinal = 0;
    // Children first: call #k is the k-th call to run.
    walkPostorder(
        BinaryenFunctionGetBody(f),
        [&](BinaryenExpressionRef e) {
          BinaryenExpressionId id = BinaryenExpressionGetId(e);
          if (id == I.Call) {
            CallSite s{
                CallSite::Kind::Direct, BinaryenCallIsReturn(e), fi, kNone, kNone, ++ordinal, e};
            s.callee = g.find(BinaryenCallGetTarget(e));
            g.sites.push_back(s);
          } else if (id == I.CallIndirect) {
            CallSite s{CallSite::Kind::Indirect,
                       BinaryenCallIndirectIsReturn(e),
                       fi,
                       kNone,
                       kNone,
                       ++ordinal,
                       e};
            SigKey key{BinaryenCallIndirectGetParams(e), BinaryenCallIndirectGetResults(e)};
            std::string table = BinaryenCallIndirectGetTable(e);
            auto [it, inserted] = groupIndex.emplace(std::make_pair(table, key),
                                                     static_cast<uint32_t>(g.groups.size()));
            if (inserted)
              g.groups.push_back({table, key.params, key.results, false, false, {}});
            s.group = it->second;
            g.sites.push_back(s);
            g.numIndirectSites++;
          } else if (id == I.RefFunc) {
            uint32_t target = g.find(BinaryenRefFuncGetFunc(e));
            if (target != kNone)
              g.escapes[target] = true;
          } else if (id == I.TableSet) {
            tableOpen[BinaryenTableSetGetTable(e)] = true;
          } else if (id == I.TableGrow) {
            tableOpen[BinaryenTableGrowGetTable(e)] = true;
          }
        },
        [&](BinaryenExpressionRef e) {
          throw Error(ExitCode::Unsupported,
                      {module.path(),
                       fmt::format("unsupported expression `{}`: Binaryen 108's C API cannot "
                                   "inspect it",
                                   exprKindName(BinaryenExpressionGetId(e))),
                       functionWhere(m, node.name)});
        });
    node.numSites = static_cast<uint32_t>(g.sites.size()) - node.firstSite;
  }

  // Resolve groups through signature buckets.
  auto bucketize = [&](const std::vector<uint32_t> &funcs) {
    Buckets b;
    std::vector<bool> seen(g.functions.size(), false);
    for (uint32_t f : funcs) {
      if (seen[f])
        continue;
      seen[f] = true;
      b[{g.functions[f].params, g.functions[f].results}].push_back(f);
    }
    return b;
  };
  std::vector<uint32_t> escaping;
  for (uint32_t f = 0; f < g.escapes.size(); f++)
    if (g.escapes[f])
      escaping.push_back(f);
  Buckets openBuckets = bucketize(escaping);
  std::unordered_map<std::string, Buckets> privateBuckets;
  for (auto &group : g.groups) {
    group.tableOpen = tableOpen[group.table];
    group.tableShared = tableShared[group.table];
    const Buckets *buckets = &openBuckets;
    if (!group.tableOpen) {
      auto it = privateBuckets.find(group.table);
      if (it == privateBuckets.end())
        it = privateBuckets.emplace(group.table, bucketize(tableMembers[group.table])).first;
      buckets = &it->second;
    }
    auto hit = buckets->find({group.params, group.results});
    if (hit != buckets->end())
      group.targets = hit->second;
    g.numEdges += group.targets.size();
  }
  g.numEdges += g.sites.size() - g.numIndirectSites;
  return g;
}

} // namespace wa
