#include "lib/Pipeline.h"

#include "lib/FunctionRebuild.h"
#include "lib/Isolate.h"
#include "lib/Module.h"
#include "lib/Parallel.h"
#include "lib/SinkCost.h"
#include "lib/Types.h"
#include "passes/AsyncAnalysis.h"
#include "passes/CallGraph.h"
#include "passes/Instrument.h"
#include "passes/LocalLimit.h"
#include "passes/RefSlots.h"
#include "passes/RuntimeApi.h"
#include "passes/WidenRefs.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <sys/resource.h>

namespace wa {

uint64_t peakRssKiB() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<uint64_t>(usage.ru_maxrss);
}

namespace {

class PhaseClock {
public:
  explicit PhaseClock(std::vector<PhaseStat> &out) : out_(out) {}
  template <typename F> auto run(const char *name, F &&f) {
    notePhase(name);
    auto start = std::chrono::steady_clock::now();
    auto finish = [&] {
      std::chrono::duration<double> d = std::chrono::steady_clock::now() - start;
      out_.push_back({name, d.count(), peakRssKiB()});
    };
    if constexpr (std::is_void_v<decltype(f())>) {
      f();
      finish();
    } else {
      auto r = f();
      finish();
      return r;
    }
  }

private:
  std::vector<PhaseStat> &out_;
};

NameList toList(const std::vector<ListEntry> &entries) {
  NameList l;
  l.addAll(entries);
  return l;
}

} // namespace

std::function<int()> prepareInputCheck(Config &config) {
  std::shared_ptr<const std::vector<uint8_t>> bytes;
  try {
    bytes = std::make_shared<const std::vector<uint8_t>>(readFileBytes(config.input));
  } catch (const Error &) {
    return nullptr;
  }
  if (!isBinary(*bytes))
    return nullptr;
  config.inputBytes = bytes;
  return [&config] {
    try {
      setJobs(config.jobs);
      validateBinaryInput(*config.inputBytes, config.input);
      return 0;
    } catch (const Error &e) {
      std::fprintf(stderr, "%s\n", render("error", e.diagnostic()).c_str());
      return static_cast<int>(e.code());
    } catch (const std::exception &e) {
      std::fprintf(stderr, "wasm-asyncify: error: internal error: %s\n", e.what());
      return static_cast<int>(ExitCode::Internal);
    }
  };
}

PipelineResult runPipeline(const Config &config) {
  PipelineResult result;
  PhaseClock clock(result.phases);
  setJobs(config.jobs);

  if (!config.only.empty() && (!config.add.empty() || !config.remove.empty()))
    throw Error(ExitCode::Usage,
                {"",
                 "--only cannot be combined with --add or --remove: the only-list already "
                 "says exactly which functions are instrumented",
                 ""});

  std::optional<SideCheckStats> inputCheck;
  Module module = clock.run("read", [&] {
    if (!config.inputBytes)
      return readModule(config.input);
    if (!sideCheckRunning())
      return readModuleFromBytes(*config.inputBytes, config.input);
    return readModuleFromBytes(*config.inputBytes, config.input,
                               [&] { inputCheck = awaitSideCheck(); });
  });
  // The input's validation ran beside reading, in a process of its own.
  if (inputCheck)
    result.phases.push_back({"check-in", inputCheck->seconds, inputCheck->peakRssKiB});
  for (const Diagnostic &w : module.facts().warnings)
    result.warnings.add(w);
  CallGraph graph = clock.run("call-graph", [&] { return buildCallGraph(module); });

  AnalysisOptions options;
  if (config.imports)
    options.imports = toList(*config.imports);
  options.add = toList(config.add);
  options.remove = toList(config.remove);
  options.only = toList(config.only);
  options.propagateAdd = config.propagateAdd;
  options.ignoreIndirect = config.ignoreIndirect;
  options.ignoreImports = config.ignoreImports;
  options.sharedTablesMayUnwind = config.importGlobals || config.exportGlobals;
  AsyncAnalysis analysis = clock.run(
      "analysis", [&] { return analyzeAsync(graph, options, result.warnings, config.input); });
  // While the start function runs, the instance does not exist yet for the
  // host, so nothing can unwind: imports called from it must return at once.
  uint32_t start = module.facts().startFunction;
  if (start < analysis.functions.size() && analysis.functions[start].mayUnwind)
    result.warnings.add(
        {config.input,
         fmt::format("the start function `{}` can reach an async import; during instantiation "
                     "the host cannot reach the asyncify exports, so the imports it calls must "
                     "return without suspending (see --explain {})",
                     displayName(graph.functions[start]), displayName(graph.functions[start])),
         ""});
  result.instrumented = analysis.numInstrumented;
  result.functions = graph.functions.size();

  // Before rewriting: a misspelled name fails fast.
  for (const std::string &name : config.explain) {
    uint32_t f = graph.find(name);
    if (f == kNone) {
      // Imports can be named module.base too.
      for (uint32_t i = 0; i < graph.functions.size() && f == kNone; i++)
        if (graph.functions[i].imported && displayName(graph.functions[i]) == name)
          f = i;
    }
    if (f == kNone) {
      // And exported functions by their export name.
      BinaryenExportRef e = BinaryenGetExport(module.ref(), name.c_str());
      if (e && BinaryenExportGetKind(e) == BinaryenExternalFunction())
        f = graph.find(BinaryenExportGetValue(e));
    }
    if (f == kNone) {
      std::vector<std::string> names;
      for (const auto &fn : graph.functions) {
        names.push_back(displayName(fn));
        for (const auto &e : fn.exportNames)
          names.push_back(e);
      }
      std::vector<std::string> close = closestNames(name, names);
      std::string what = fmt::format("--explain: no function named `{}`", name);
      if (!close.empty())
        what += fmt::format("; did you mean `{}`?", fmt::join(close, "`, `"));
      throw Error(ExitCode::Usage, {config.input, what, ""});
    }
    result.explanation += explainFunction(graph, analysis, f);
  }

  // Nothing is written until everything has succeeded.
  StagedWrites writes;
  InstrumentResult instrumented;
  if (!config.output.empty()) {
    BinaryenSetOptimizeLevel(config.optimizeLevel);
    BinaryenSetShrinkLevel(config.shrinkLevel);
    BinaryenSetDebugInfo(config.debugInfo);
    RuntimeApiOptions apiOptions{config.asserts, config.importGlobals, config.exportGlobals,
                                 config.memory};
    RuntimeNames names = planRuntime(module, apiOptions);
    InstrumentOptions instrumentOptions{
        config.asserts,      config.ignoreIndirect, config.optimizeLevel, config.shrinkLevel,
        config.rewindCopies, config.tidy,           config.flattenAll};
    if (config.rewindCopies == RewindCopies::Auto)
      instrumentOptions.rewindCopies = config.optimizeLevel > 0 && config.shrinkLevel == 0
                                           ? RewindCopies::Loops
                                           : RewindCopies::None;
    instrumented = clock.run("instrument", [&] {
      return instrumentModule(module, graph, analysis, names, instrumentOptions);
    });
    // Handlers cannot be re-entered by a rewind: say where a suspension
    // would trap.
    uint32_t handlerCalls = 0, handlerFunctions = 0, firstHandler = kNone;
    for (uint32_t f = 0; f < graph.functions.size(); f++)
      if (uint32_t n = instrumented.frames[f].handlerCalls) {
        handlerCalls += n;
        handlerFunctions++;
        if (firstHandler == kNone)
          firstHandler = f;
      }
    if (handlerCalls > 0)
      result.warnings.add(
          {config.input,
           fmt::format("{} call{} that can unwind {} inside exception handlers that rethrow, in {} "
                       "function{}: a rewind cannot enter a handler, so a suspension there traps "
                       "(the report's `handlerCalls` lists them)",
                       handlerCalls, handlerCalls == 1 ? "" : "s", handlerCalls == 1 ? "is" : "are",
                       handlerFunctions, handlerFunctions == 1 ? "" : "s"),
           functionWhere(module.ref(), graph.functions[firstHandler].name)});
    clock.run("runtime", [&] {
      addRuntime(module, graph, names, apiOptions, instrumented.assertTypes);
      addRefSlots(module.ref(), names.refSlots, instrumented.refSlotKinds);
    });
    std::vector<std::string> rewritten;
    std::vector<bool> flattened;
    for (uint32_t f = 0; f < graph.functions.size(); f++)
      if (instrumented.frames[f].instrumented) {
        rewritten.push_back(graph.functions[f].name);
        flattened.push_back(instrumented.frames[f].flattened);
      }
    for (uint32_t f = 0; f < graph.functions.size(); f++)
      if (!instrumented.frames[f].rewindCopy.empty()) {
        rewritten.push_back(instrumented.frames[f].rewindCopy);
        flattened.push_back(instrumented.frames[f].flattened);
      }
    bool optimizing = config.optimizeLevel > 0 || config.shrinkLevel > 0;
    // Without the optimizer, what rewriting leaves behind is still cleaned
    // up over the rewritten functions only: temporaries sunk into their uses,
    // unused locals dropped. Each pass costs 2-4 s on rolldown's 28k
    // functions; these two (simplify-locals without tees or structures: a
    // third of the full pass's time) give most of it: growth 0.43 of
    // Binaryen's there instead of 0.71. vacuum and merge-blocks would take
    // 7 s more for another 2.5 MB. Only where the sinking is affordable
    // (lib/SinkCost.h).
    auto tidy = [&](BinaryenFunctionRef f) {
      if (!sinkingAffordable(f))
        return;
      const char *passes[] = {"simplify-locals-notee-nostructure", "reorder-locals"};
      // Binaryen 108 writes the local names of a function with tuple locals
      // out of order after reorder-locals alone (WABT rejects the name
      // section): such functions keep their local order.
      BinaryenFunctionRunPasses(f, module.ref(), passes, hasTupleVar(f) ? 1 : 2);
    };
    if (!optimizing && config.tidy)
      clock.run("tidy", [&] {
        parallelFor(rewritten.size(), [&](size_t i) {
          // A spilled function (passes/Spill.h) keeps its own code: what
          // rewriting adds to it leaves almost nothing to sink (rolldown:
          // 0.2% of the output, for 2.3 s).
          if (!flattened[i])
            return;
          noteFunction(rewritten[i]);
          tidy(BinaryenGetFunction(module.ref(), rewritten[i].c_str()));
          noteFunction("");
        });
      });
    if (optimizing)
      clock.run("optimize", [&] {
        // One function per thread at a time (lib/Parallel.h); warnings are
        // kept in function order.
        std::vector<std::optional<Diagnostic>> skipped(rewritten.size());
        parallelFor(rewritten.size(), [&](size_t i) {
          BinaryenFunctionRef f = BinaryenGetFunction(module.ref(), rewritten[i].c_str());
          noteFunction(rewritten[i]);
          // Binaryen's coalesce-locals is quadratic in a function's locals
          // (20 minutes, 20 GiB at 39k): such a function is only tidied.
          // (Optimizing it when tidying brings it under the bound is no
          // way out: 50k statements of temporaries, 150k locals tidied to
          // 5: 51 s in the rest of -O2.)
          if (BinaryenFunctionGetNumLocals(f) > kMaxOptimizedLocals) {
            BinaryenIndex locals = BinaryenFunctionGetNumLocals(f);
            tidy(f);
            skipped[i] =
                Diagnostic{config.input,
                           fmt::format("not optimized: {} locals after rewriting, more "
                                       "than Binaryen's optimizer handles in bounded "
                                       "time ({}); {}",
                                       locals, kMaxOptimizedLocals,
                                       BinaryenFunctionGetNumLocals(f) < locals
                                           ? fmt::format("its temporaries were sunk instead "
                                                         "({} locals left)",
                                                         BinaryenFunctionGetNumLocals(f))
                                           : std::string("written as rewritten")),
                           functionWhere(module.ref(), rewritten[i])};
            noteFunction("");
            return;
          }
          BinaryenFunctionOptimize(f, module.ref());
          noteFunction("");
        });
        for (const std::optional<Diagnostic> &d : skipped)
          if (d)
            result.warnings.add(*d);
      });
    // Before writing: Binaryen 108 would write typed function references
    // into multivalue block types (see passes/WidenRefs.cpp), and engines
    // refuse functions with too many locals (passes/LocalLimit.cpp).
    clock.run("finish", [&] {
      // Function references exist only in an input that uses reference
      // types (rolldown declares the feature but uses none: 0.23 s saved).
      if (module.facts().features & FeatureReferenceTypes)
        widenTypedRefs(module.ref(), rewritten);
      enforceLocalLimit(module.ref(), rewritten, flattened, config.input);
    });
    clock.run("validate", [&] { validateOutput(module); });
    std::vector<uint8_t> bytes = clock.run("write", [&] { return writeOutput(module); });
    std::vector<uint8_t> text;
    if (config.textOutput)
      text = clock.run("text", [&] { return writeOutputText(module); });
    // Nothing needs the IR any more: WABT's check reuses its memory.
    module.releaseIr();
    clock.run("check", [&] { checkOutput(module, bytes); });
    if (config.textOutput)
      bytes = std::move(text);
    result.outputBytes = bytes.size();
    writes.stage(config.output, std::move(bytes), "the output");
  }

  if (config.reportPath) {
    result.reportJson =
        renderReportJson(config, module, graph, analysis, instrumented, result.phases);
    if (*config.reportPath != "-")
      writes.stage(*config.reportPath,
                   std::vector<uint8_t>(result.reportJson.begin(), result.reportJson.end()),
                   "the report");
  }
  writes.commit();
  return result;
}

} // namespace wa
