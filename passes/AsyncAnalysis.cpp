// AsyncAnalysis: decides, for every function, whether a call to it can change
// the asyncify state (start an unwind, or finish a rewind), and which defined
// functions must therefore be instrumented.
//
// Seeds are the imports on the async list (every import unless the user gave
// a list) and the in-module runtime imports that change the state
// (`asyncify.start_unwind`, `asyncify.stop_rewind`). A breadth-first search
// then walks the call graph backwards, from callees to callers, through
// direct calls and through indirect-call groups (a group becomes unwinding
// when its first target does, and all its call sites are visited once). Each
// function is reached once, by the fewest calls, and remembers the call site
// that reached it: following those sites gives the shortest "why" chain.
//
// Code inside the module can drive unwinding itself through the runtime
// imports. A function that calls `asyncify.start_unwind` or
// `asyncify.stop_rewind` is a leaf: it changes the state by its own code, is
// run again from its start on rewind, and is not instrumented, but its
// callers are. A function that calls `asyncify.stop_unwind` or
// `asyncify.start_rewind` is the bottom of the stack being unwound: never
// instrumented, and a barrier to the search.
//
// The lists refine this as Binaryen's do: --remove makes a function a barrier
// (never instrumented, calls to it assumed safe); --add instruments a function
// and, with --propagate-add, seeds the search with it; --only replaces the
// search: exactly the listed functions are instrumented.
//
// Cost: O(functions + call sites + group targets), each visited once.
#include "passes/AsyncAnalysis.h"

#include <fmt/format.h>

#include <deque>

namespace wa {

RuntimeImport runtimeImportKind(const FunctionNode &f) {
  if (!f.imported || f.importModule != "asyncify")
    return RuntimeImport::None;
  if (f.importBase == "start_unwind")
    return RuntimeImport::StartUnwind;
  if (f.importBase == "stop_unwind")
    return RuntimeImport::StopUnwind;
  if (f.importBase == "start_rewind")
    return RuntimeImport::StartRewind;
  if (f.importBase == "stop_rewind")
    return RuntimeImport::StopRewind;
  if (f.importBase == "get_state")
    return RuntimeImport::GetState;
  return RuntimeImport::None;
}

const char *runtimeImportName(RuntimeImport r) {
  switch (r) {
  case RuntimeImport::StartUnwind:
    return "asyncify.start_unwind";
  case RuntimeImport::StopUnwind:
    return "asyncify.stop_unwind";
  case RuntimeImport::StartRewind:
    return "asyncify.start_rewind";
  case RuntimeImport::StopRewind:
    return "asyncify.stop_rewind";
  case RuntimeImport::GetState:
    return "asyncify.get_state";
  case RuntimeImport::None:
    break;
  }
  return "";
}

const char *reasonName(Reason r) {
  switch (r) {
  case Reason::None:
    return "none";
  case Reason::AsyncImport:
    return "async-import";
  case Reason::RuntimeImport:
    return "runtime-import";
  case Reason::CallsAsync:
    return "calls-async";
  case Reason::AddList:
    return "add-list";
  case Reason::OnlyList:
    return "only-list";
  case Reason::Removed:
    return "removed";
  case Reason::RuntimeLeaf:
    return "runtime-leaf";
  case Reason::RuntimeBottom:
    return "runtime-bottom";
  case Reason::SharedTable:
    return "shared-table";
  }
  return "none";
}

namespace {

void warnUnused(const NameList &list, const char *option, const std::vector<std::string> &names,
                Warnings &warnings, const std::string &file) {
  for (const ListEntry *e : list.unusedEntries()) {
    std::vector<std::string> close = closestNames(e->pattern, names);
    std::string what = fmt::format("{} entry `{}` matches no {}", option, e->pattern,
                                   std::string_view(option) == "--imports" ? "import" : "function");
    if (!close.empty()) {
      what += "; did you mean ";
      for (size_t i = 0; i < close.size(); i++)
        what +=
            fmt::format("{}`{}`", i == 0 ? "" : (i + 1 == close.size() ? " or " : ", "), close[i]);
      what += "?";
    }
    warnings.add({file, what, e->origin});
  }
}

} // namespace

AsyncAnalysis analyzeAsync(const CallGraph &graph, AnalysisOptions &options, Warnings &warnings,
                           const std::string &file) {
  const size_t n = graph.functions.size();
  AsyncAnalysis result;
  result.functions.assign(n, {});
  result.siteMayUnwind.assign(graph.sites.size(), false);
  auto &fa = result.functions;

  // Classify every function against the lists (every name is matched against
  // every list so that unused entries are known exactly).
  std::vector<bool> removed(n, false), added(n, false), onlyListed(n, false);
  std::vector<std::string> importNames, functionNames;
  for (uint32_t f = 0; f < n; f++) {
    const FunctionNode &node = graph.functions[f];
    if (node.imported) {
      std::string full = node.importModule + "." + node.importBase;
      importNames.push_back(full);
      RuntimeImport r = runtimeImportKind(node);
      bool listed = options.imports ? options.imports->matches(full) : true;
      if (r == RuntimeImport::StartUnwind || r == RuntimeImport::StopRewind) {
        fa[f].mayUnwind = true;
        fa[f].reason = Reason::RuntimeImport;
      } else if (r == RuntimeImport::None && listed && !options.ignoreImports) {
        fa[f].mayUnwind = true;
        fa[f].reason = Reason::AsyncImport;
        result.numAsyncImports++;
      }
      continue;
    }
    functionNames.push_back(node.name);
    removed[f] = options.remove.matches(node.name);
    added[f] = options.add.matches(node.name);
    onlyListed[f] = options.only.matches(node.name);
  }

  // Callers of the runtime imports: leaves and bottoms.
  std::vector<bool> bottom(n, false);
  for (uint32_t s = 0; s < graph.sites.size(); s++) {
    const CallSite &site = graph.sites[s];
    if (site.kind != CallSite::Kind::Direct || site.callee == kNone)
      continue;
    RuntimeImport r = runtimeImportKind(graph.functions[site.callee]);
    FunctionAnalysis &c = fa[site.caller];
    if (r == RuntimeImport::StartUnwind || r == RuntimeImport::StopRewind) {
      if (c.reason != Reason::RuntimeLeaf) {
        c.mayUnwind = true;
        c.reason = Reason::RuntimeLeaf;
        c.via = s;
        c.next = site.callee;
        c.distance = 1;
      }
    } else if (r == RuntimeImport::StopUnwind || r == RuntimeImport::StartRewind) {
      bottom[site.caller] = true;
    }
  }
  for (uint32_t f = 0; f < n; f++)
    if (bottom[f] && fa[f].reason != Reason::RuntimeLeaf)
      fa[f].reason = Reason::RuntimeBottom;

  // Function lists name defined functions; an import there is a mistake
  // that would silently change nothing (Binaryen stops on it too).
  for (const auto *list : {&options.add, &options.remove, &options.only}) {
    for (const ListEntry &e : list->entries()) {
      if (e.pattern.find('*') != std::string::npos || graph.find(e.pattern) != kNone)
        continue;
      for (const FunctionNode &node : graph.functions) {
        if (node.imported &&
            (node.name == e.pattern || node.importModule + "." + node.importBase == e.pattern)) {
          throw Error(ExitCode::Usage,
                      {file,
                       fmt::format("`{}` is an import; function lists name defined functions "
                                   "(say which imports may unwind with --imports)",
                                   e.pattern),
                       e.origin});
        }
      }
    }
  }
  for (uint32_t f = 0; f < n; f++)
    if (added[f] && removed[f])
      throw Error(ExitCode::Usage,
                  {file,
                   fmt::format("function `{}` is on both the --add and the --remove list",
                               graph.functions[f].name),
                   ""});
  result.onlyMode = !options.only.empty();
  result.ignoreIndirect = options.ignoreIndirect;

  std::deque<uint32_t> queue;
  for (uint32_t f = 0; f < n; f++)
    if (fa[f].mayUnwind && (graph.functions[f].imported ? fa[f].reason == Reason::AsyncImport
                                                        : fa[f].reason == Reason::RuntimeLeaf))
      queue.push_back(f);

  if (!options.only.empty()) {
    for (uint32_t f = 0; f < n; f++) {
      if (onlyListed[f] && fa[f].reason != Reason::RuntimeLeaf &&
          fa[f].reason != Reason::RuntimeBottom) {
        fa[f].mayUnwind = fa[f].instrumented = fa[f].fromList = true;
        fa[f].reason = Reason::OnlyList;
      }
    }
  } else {
    for (uint32_t f = 0; f < n; f++) {
      if (added[f] && !removed[f] && options.propagateAdd && !bottom[f] &&
          fa[f].reason != Reason::RuntimeLeaf) {
        fa[f].mayUnwind = fa[f].fromList = true;
        fa[f].reason = Reason::AddList;
        queue.push_back(f);
      }
    }
    // Reverse edges.
    std::vector<std::vector<uint32_t>> directCallers(n), groupsOf(n),
        groupSites(graph.groups.size());
    for (uint32_t s = 0; s < graph.sites.size(); s++) {
      const CallSite &site = graph.sites[s];
      if (site.kind == CallSite::Kind::Direct) {
        if (site.callee != kNone)
          directCallers[site.callee].push_back(s);
      } else if (!options.ignoreIndirect) {
        groupSites[site.group].push_back(s);
      }
    }
    if (!options.ignoreIndirect)
      for (uint32_t g = 0; g < graph.groups.size(); g++)
        for (uint32_t t : graph.groups[g].targets)
          groupsOf[t].push_back(g);
    std::vector<bool> groupActive(graph.groups.size(), false);

    auto reach = [&](uint32_t s, uint32_t callee) {
      uint32_t caller = graph.sites[s].caller;
      FunctionAnalysis &c = fa[caller];
      if (c.mayUnwind || c.reason == Reason::Removed || c.reason == Reason::RuntimeBottom)
        return;
      if (removed[caller]) {
        c.reason = Reason::Removed;
        c.via = s;
        c.next = callee;
        c.distance = fa[callee].distance + 1;
        return;
      }
      c.mayUnwind = true;
      c.reason = Reason::CallsAsync;
      c.via = s;
      c.next = callee;
      c.distance = fa[callee].distance + 1;
      queue.push_back(caller);
    };
    // Under dynamic linking, an indirect call through a shared table may
    // reach another module's function that unwinds.
    if (options.sharedTablesMayUnwind && !options.ignoreIndirect) {
      for (uint32_t g = 0; g < graph.groups.size(); g++) {
        if (!graph.groups[g].tableShared)
          continue;
        groupActive[g] = true;
        for (uint32_t s : groupSites[g]) {
          uint32_t caller = graph.sites[s].caller;
          FunctionAnalysis &c = fa[caller];
          if (c.mayUnwind || removed[caller] || bottom[caller])
            continue;
          c.mayUnwind = true;
          c.reason = Reason::SharedTable;
          c.via = s;
          c.distance = 1;
          queue.push_back(caller);
        }
      }
    }
    while (!queue.empty()) {
      uint32_t f = queue.front();
      queue.pop_front();
      for (uint32_t s : directCallers[f])
        reach(s, f);
      for (uint32_t g : groupsOf[f]) {
        if (groupActive[g])
          continue;
        groupActive[g] = true;
        for (uint32_t s : groupSites[g])
          reach(s, f);
      }
    }
    for (uint32_t f = 0; f < n; f++) {
      if (graph.functions[f].imported || removed[f] || bottom[f] ||
          fa[f].reason == Reason::RuntimeLeaf)
        continue;
      if (added[f] && !fa[f].mayUnwind) {
        // Without --propagate-add an added function is instrumented, and
        // treated as able to unwind by its own call sites' standards, but
        // its callers are not told.
        fa[f].mayUnwind = true;
        fa[f].reason = Reason::AddList;
      }
      if (added[f])
        fa[f].fromList = true;
      fa[f].instrumented = fa[f].mayUnwind;
    }
  }

  // Which call sites can unwind: those inside instrumented functions whose
  // target (or any possible target) can change the state.
  std::vector<bool> &groupUnwinds = result.groupMayUnwind;
  groupUnwinds.assign(graph.groups.size(), false);
  if (!options.ignoreIndirect)
    for (uint32_t g = 0; g < graph.groups.size(); g++) {
      if (options.sharedTablesMayUnwind && graph.groups[g].tableShared)
        groupUnwinds[g] = true;
      for (uint32_t t : graph.groups[g].targets)
        if (fa[t].mayUnwind && !removed[t]) {
          groupUnwinds[g] = true;
          break;
        }
    }
  for (uint32_t s = 0; s < graph.sites.size(); s++) {
    const CallSite &site = graph.sites[s];
    if (!fa[site.caller].instrumented)
      continue;
    bool unwinds =
        site.kind == CallSite::Kind::Direct
            ? (site.callee != kNone && fa[site.callee].mayUnwind && !removed[site.callee])
            : groupUnwinds[site.group] || (options.ignoreIndirect && fa[site.caller].fromList);
    if (unwinds) {
      result.siteMayUnwind[s] = true;
      fa[site.caller].unwindingSites++;
      result.numUnwindingSites++;
    }
  }
  for (uint32_t f = 0; f < n; f++)
    if (fa[f].instrumented)
      result.numInstrumented++;

  if (options.imports)
    warnUnused(*options.imports, "--imports", importNames, warnings, file);
  warnUnused(options.add, "--add", functionNames, warnings, file);
  warnUnused(options.remove, "--remove", functionNames, warnings, file);
  warnUnused(options.only, "--only", functionNames, warnings, file);
  return result;
}

std::vector<AsyncAnalysis::Step> AsyncAnalysis::chain(uint32_t f) const {
  std::vector<Step> steps;
  // Distances strictly decrease along `via`, so this ends.
  while (f != kNone && steps.size() <= functions.size()) {
    const FunctionAnalysis &a = functions[f];
    if ((a.reason == Reason::CallsAsync || a.reason == Reason::Removed ||
         a.reason == Reason::RuntimeLeaf) &&
        a.via != kNone && a.next != kNone) {
      steps.push_back({f, a.via});
      f = a.next;
    } else {
      steps.push_back({f, kNone});
      break;
    }
  }
  return steps;
}

} // namespace wa
