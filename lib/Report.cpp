#include "lib/Report.h"

#include "lib/Json.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace wa {

std::string displayName(const FunctionNode &f) {
  if (f.imported)
    return fmt::format("{}.{}", f.importModule, f.importBase);
  return f.name;
}

std::string describeSite(const CallGraph &graph, uint32_t s, uint32_t target) {
  const CallSite &site = graph.sites[s];
  const FunctionNode &caller = graph.functions[site.caller];
  std::string kind = site.isReturn ? "return_call" : "call";
  if (site.kind == CallSite::Kind::Direct)
    return fmt::format("{} #{} of {} calls {} directly", kind, site.ordinal, caller.name,
                       displayName(graph.functions[target]));
  const IndirectGroup &g = graph.groups[site.group];
  return fmt::format("{}_indirect #{} of {} (table {}, type {}, {} possible target{}, {} table) "
                     "can call {}",
                     kind, site.ordinal, caller.name, g.table, signatureString(g.params, g.results),
                     g.targets.size(), g.targets.size() == 1 ? "" : "s",
                     g.tableOpen ? "open" : "private", displayName(graph.functions[target]));
}

namespace {

const char *terminalReason(const FunctionAnalysis &a) {
  switch (a.reason) {
  case Reason::AsyncImport:
    return "is an async import (on the --imports list)";
  case Reason::RuntimeImport:
    return "is an asyncify runtime import that changes the state (its direct callers unwind by "
           "their own code and are not instrumented; their callers are)";
  case Reason::AddList:
    return "is on the --add list";
  case Reason::OnlyList:
    return "is on the --only list";
  case Reason::RuntimeBottom:
    return "drives the unwinding (calls asyncify.stop_unwind or start_rewind), so it is never "
           "instrumented";
  case Reason::SharedTable:
    return "calls through a table shared with dynamically linked modules, whose functions may "
           "unwind";
  default:
    return "";
  }
}

void writeChain(JsonWriter &w, const CallGraph &graph, const AsyncAnalysis &analysis, uint32_t f) {
  w.beginArray();
  for (const auto &step : analysis.chain(f)) {
    const FunctionAnalysis &a = analysis.functions[step.function];
    w.beginObject();
    w.key("function");
    w.value(displayName(graph.functions[step.function]));
    if (step.site != kNone) {
      const CallSite &site = graph.sites[step.site];
      w.key("callSite");
      w.value(site.ordinal);
      w.key("kind");
      w.value(site.kind == CallSite::Kind::Direct
                  ? (site.isReturn ? "return_call" : "call")
                  : (site.isReturn ? "return_call_indirect" : "call_indirect"));
      if (site.kind == CallSite::Kind::Indirect) {
        const IndirectGroup &g = graph.groups[site.group];
        w.key("table");
        w.value(g.table);
        w.key("type");
        w.value(signatureString(g.params, g.results));
        w.key("possibleTargets");
        w.value(g.targets.size());
      }
      w.key("calls");
      w.value(displayName(graph.functions[a.next]));
    } else {
      w.key("reason");
      w.value(reasonName(a.reason));
      if (a.reason == Reason::SharedTable && a.via != kNone) {
        const CallSite &site = graph.sites[a.via];
        w.key("callSite");
        w.value(site.ordinal);
        w.key("table");
        w.value(graph.groups[site.group].table);
      }
    }
    w.endObject();
  }
  w.endArray();
}

} // namespace

WorstCase worstCaseDataBlock(const CallGraph &graph, const AsyncAnalysis &analysis,
                             const InstrumentResult &frames) {
  const size_t n = graph.functions.size();
  WorstCase result;
  result.bytes.assign(n, std::optional<uint64_t>(0));
  std::vector<uint8_t> color(n, 0); // 0 new, 1 on the stack, 2 done
  auto targetsOf = [&](uint32_t s) {
    const CallSite &site = graph.sites[s];
    if (site.kind == CallSite::Kind::Direct)
      return std::vector<uint32_t>{site.callee};
    return graph.groups[site.group].targets;
  };
  struct Frame {
    uint32_t f;
    uint32_t site = 0; // next site offset to look at
    std::vector<uint32_t> targets;
    size_t target = 0;
    std::optional<uint64_t> deepest = 0;
  };
  for (uint32_t root = 0; root < n; root++) {
    if (color[root] || !frames.frames.size() || !frames.frames[root].instrumented)
      continue;
    std::vector<Frame> stack;
    stack.push_back(Frame{root, 0, {}, 0, 0});
    color[root] = 1;
    while (!stack.empty()) {
      Frame &top = stack.back();
      const FunctionNode &node = graph.functions[top.f];
      if (top.target < top.targets.size()) {
        uint32_t t = top.targets[top.target++];
        if (t == kNone || !analysis.functions[t].mayUnwind || !frames.frames[t].instrumented)
          continue;
        if (color[t] == 1) {
          top.deepest.reset(); // recursion: no static bound
        } else if (color[t] == 2) {
          if (top.deepest && result.bytes[t])
            top.deepest = std::max(*top.deepest, *result.bytes[t]);
          else
            top.deepest.reset();
        } else {
          color[t] = 1;
          stack.push_back(Frame{t, 0, {}, 0, 0});
        }
        continue;
      }
      if (top.site < node.numSites) {
        uint32_t s = node.firstSite + top.site++;
        top.targets = analysis.siteMayUnwind[s] ? targetsOf(s) : std::vector<uint32_t>{};
        top.target = 0;
        continue;
      }
      std::optional<uint64_t> total;
      if (top.deepest)
        total = *top.deepest + frames.frames[top.f].maxFrameBytes;
      result.bytes[top.f] = total;
      color[top.f] = 2;
      uint32_t done = top.f;
      stack.pop_back();
      if (!stack.empty()) {
        Frame &parent = stack.back();
        if (parent.deepest && result.bytes[done])
          parent.deepest = std::max(*parent.deepest, *result.bytes[done]);
        else
          parent.deepest.reset();
      }
    }
  }
  return result;
}

std::string renderReportJson(const Config &config, const Module &module, const CallGraph &graph,
                             const AsyncAnalysis &analysis, const InstrumentResult &frames,
                             const std::vector<PhaseStat> &phases) {
  bool rewritten = !frames.frames.empty();
  WorstCase worst;
  if (rewritten)
    worst = worstCaseDataBlock(graph, analysis, frames);
  JsonWriter w;
  w.beginObject();
  w.key("tool");
  w.value("wasm-asyncify");
  w.key("schemaVersion");
  w.value(1);
  w.key("input");
  w.value(config.input);
  w.key("inputBytes");
  w.value(module.inputSize());

  w.key("options");
  w.beginObject();
  w.key("imports");
  if (config.imports) {
    w.beginArray();
    for (const auto &e : *config.imports)
      w.value(e.pattern);
    w.endArray();
  } else {
    w.value("all");
  }
  auto list = [&](const char *name, const std::vector<ListEntry> &entries) {
    w.key(name);
    w.beginArray();
    for (const auto &e : entries)
      w.value(e.pattern);
    w.endArray();
  };
  list("add", config.add);
  list("remove", config.remove);
  list("only", config.only);
  w.key("propagateAdd");
  w.value(config.propagateAdd);
  w.key("ignoreIndirect");
  w.value(config.ignoreIndirect);
  w.key("ignoreImports");
  w.value(config.ignoreImports);
  w.endObject();

  const ModuleFacts &facts = module.facts();
  w.key("summary");
  w.beginObject();
  w.key("functions");
  w.value(graph.functions.size());
  w.key("importedFunctions");
  w.value(facts.numImportedFunctions);
  w.key("asyncImports");
  w.value(analysis.numAsyncImports);
  w.key("instrumented");
  w.value(analysis.numInstrumented);
  w.key("callSites");
  w.value(graph.sites.size());
  w.key("indirectCallSites");
  w.value(graph.numIndirectSites);
  w.key("indirectGroups");
  w.value(graph.groups.size());
  w.key("unwindingCallSites");
  w.value(analysis.numUnwindingSites);
  w.key("features");
  w.beginArray();
  for (const auto &f : featureNames(facts.features))
    w.value(f);
  w.endArray();
  w.key("memory");
  if (facts.memories.empty()) {
    w.null();
  } else {
    const MemoryFacts &mem = facts.memories[0];
    w.beginObject();
    w.key("indexType");
    w.value(mem.is64 ? "i64" : "i32");
    w.key("imported");
    w.value(mem.imported);
    w.key("shared");
    w.value(mem.shared);
    w.endObject();
  }
  w.endObject();

  if (rewritten) {
    w.key("exports");
    w.beginArray();
    for (uint32_t f = 0; f < graph.functions.size(); f++) {
      if (!graph.functions[f].exported || !frames.frames[f].instrumented)
        continue;
      w.beginObject();
      w.key("function");
      w.value(graph.functions[f].name);
      w.key("exportNames");
      w.beginArray();
      for (const auto &e : graph.functions[f].exportNames)
        w.value(e);
      w.endArray();
      w.key("worstCaseDataBytes");
      if (worst.bytes[f])
        w.value(*worst.bytes[f]);
      else
        w.null();
      w.key("recursive");
      w.value(!worst.bytes[f].has_value());
      w.endObject();
    }
    w.endArray();
  }

  w.key("phases");
  w.beginArray();
  for (const auto &p : phases) {
    w.beginObject();
    w.key("name");
    w.value(p.name);
    w.key("seconds");
    w.value(p.seconds);
    w.key("peakRssKiB");
    w.value(p.peakRssKiB);
    w.endObject();
  }
  w.endArray();

  w.key("functions");
  w.beginArray();
  for (uint32_t f = 0; f < graph.functions.size(); f++) {
    const FunctionNode &node = graph.functions[f];
    const FunctionAnalysis &a = analysis.functions[f];
    w.beginObject();
    w.key("index");
    w.value(node.index);
    w.key("name");
    w.value(node.name);
    if (node.imported) {
      w.key("import");
      w.value(displayName(node));
    }
    w.key("instrumented");
    w.value(a.instrumented);
    w.key("mayUnwind");
    w.value(a.mayUnwind);
    w.key("reason");
    w.value(reasonName(a.reason));
    if (!node.imported) {
      w.key("callSites");
      w.value(node.numSites);
      w.key("unwindingCallSites");
      w.value(a.unwindingSites);
    }
    if (rewritten && frames.frames[f].instrumented) {
      const FrameInfo &fi = frames.frames[f];
      w.key("frameBytes");
      w.value(fi.maxFrameBytes);
      w.key("saveGroups");
      w.value(fi.saveGroups);
      w.key("flattened");
      w.value(fi.flattened);
      if (!fi.rewindCopy.empty()) {
        w.key("rewindCopy");
        w.value(fi.rewindCopy);
      }
      if (fi.handlerCalls > 0) {
        w.key("handlerCalls");
        w.value(fi.handlerCalls);
      }
      w.key("worstCaseDataBytes");
      if (worst.bytes[f])
        w.value(*worst.bytes[f]);
      else
        w.null();
    }
    if (a.reason != Reason::None) {
      w.key("chain");
      writeChain(w, graph, analysis, f);
    }
    w.endObject();
  }
  w.endArray();
  w.endObject();
  std::string out = w.str();
  out += "\n";
  return out;
}

namespace {

// For a function that is not instrumented: the calls that would have made it
// unwind but were ruled out, and by what.
struct Cut {
  std::string brief; // for the headline: what cut it
  std::string line;  // the call site and why
};

std::vector<Cut> cutChains(const CallGraph &graph, const AsyncAnalysis &analysis, uint32_t f) {
  std::vector<Cut> cuts;
  const FunctionNode &node = graph.functions[f];
  for (uint32_t s = node.firstSite; s < node.firstSite + node.numSites; s++) {
    const CallSite &site = graph.sites[s];
    std::vector<uint32_t> targets = site.kind == CallSite::Kind::Direct
                                        ? std::vector<uint32_t>{site.callee}
                                        : graph.groups[site.group].targets;
    for (uint32_t t : targets) {
      if (t == kNone)
        continue;
      const FunctionAnalysis &ta = analysis.functions[t];
      std::string target = displayName(graph.functions[t]);
      if (ta.reason == Reason::Removed) {
        cuts.push_back({fmt::format("{} is on the --remove list", target),
                        fmt::format("{}: {} is on the --remove list, so calls to it are assumed "
                                    "not to unwind",
                                    describeSite(graph, s, t), target)});
      } else if (ta.reason == Reason::RuntimeBottom) {
        cuts.push_back({fmt::format("{} drives the unwinding", target),
                        fmt::format("{}: {} drives the unwinding itself (it calls "
                                    "asyncify.stop_unwind or start_rewind)",
                                    describeSite(graph, s, t), target)});
      } else if (ta.mayUnwind && site.kind == CallSite::Kind::Indirect && analysis.ignoreIndirect) {
        cuts.push_back({"--ignore-indirect",
                        fmt::format("{}, which can unwind, but --ignore-indirect says indirect "
                                    "calls never do",
                                    describeSite(graph, s, t))});
      } else if (ta.mayUnwind && analysis.onlyMode) {
        cuts.push_back({"--only", fmt::format("{}, which can unwind", describeSite(graph, s, t))});
      } else {
        continue;
      }
      break; // one line per call site
    }
  }
  return cuts;
}

} // namespace

std::string explainFunction(const CallGraph &graph, const AsyncAnalysis &analysis, uint32_t f) {
  const FunctionNode &node = graph.functions[f];
  const FunctionAnalysis &a = analysis.functions[f];
  std::string out;
  std::string name = displayName(node);
  if (node.imported) {
    if (a.mayUnwind)
      out +=
          fmt::format("{} (import) {}: calls to it are instrumented.\n", name, terminalReason(a));
    else
      out += fmt::format("{} (import) is not async: calls to it are assumed to return normally.\n",
                         name);
    return out;
  }
  if (a.reason == Reason::None) {
    std::vector<Cut> cuts = cutChains(graph, analysis, f);
    if (cuts.empty() && !analysis.onlyMode) {
      out += fmt::format("{} is not instrumented: no call chain from it reaches an async import.\n",
                         name);
      return out;
    }
    if (analysis.onlyMode) {
      out += fmt::format("{} is not instrumented: it is not on the --only list", name);
    } else {
      std::vector<std::string> briefs;
      for (const auto &c : cuts)
        if (std::find(briefs.begin(), briefs.end(), c.brief) == briefs.end())
          briefs.push_back(c.brief);
      out += fmt::format("{} is not instrumented: its call chains to an async import are cut ({})",
                         name, fmt::join(briefs, "; "));
    }
    out += cuts.empty() ? ".\n" : ":\n";
    for (const auto &c : cuts)
      out += fmt::format("  {}\n", c.line);
    return out;
  }
  if (a.reason == Reason::RuntimeBottom) {
    out += fmt::format("{} is not instrumented: it calls asyncify.stop_unwind or "
                       "asyncify.start_rewind, so it is the bottom of the stack it unwinds.\n",
                       name);
    return out;
  }
  if (a.reason == Reason::RuntimeLeaf)
    out += fmt::format("{} is not instrumented, but can unwind by itself: it calls the runtime "
                       "directly and is run again from its start on rewind; its callers are "
                       "instrumented:\n",
                       name);
  else if (a.reason == Reason::Removed)
    out += fmt::format("{} is not instrumented: it is on the --remove list, although it can reach "
                       "an async import:\n",
                       name);
  else
    out += fmt::format("{} is instrumented ({} of its {} call site{} can unwind):\n", name,
                       a.unwindingSites, node.numSites, node.numSites == 1 ? "" : "s");
  for (const auto &step : analysis.chain(f)) {
    const FunctionAnalysis &sa = analysis.functions[step.function];
    if (step.site != kNone) {
      out += fmt::format("  {}\n", describeSite(graph, step.site, sa.next));
    } else if (sa.reason == Reason::SharedTable && sa.via != kNone) {
      const CallSite &site = graph.sites[sa.via];
      out += fmt::format("  call_indirect #{} of {} goes through table {}, shared with "
                         "dynamically linked modules whose functions may unwind\n",
                         site.ordinal, displayName(graph.functions[step.function]),
                         graph.groups[site.group].table);
    } else {
      out +=
          fmt::format("  {} {}\n", displayName(graph.functions[step.function]), terminalReason(sa));
    }
  }
  return out;
}

} // namespace wa
