// Helpers for unit tests that build modules from .wat text and run the call
// graph and the async analysis on them.
#pragma once

#include "lib/Diagnostics.h"
#include "lib/Lists.h"
#include "lib/Module.h"
#include "passes/AsyncAnalysis.h"
#include "passes/CallGraph.h"

#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace wa::test {

// Reads a module from text, as the tool would read a .wat file.
inline Module parseWat(std::string_view text, const std::string &name = "test.wat") {
  std::vector<uint8_t> bytes(text.begin(), text.end());
  return readModuleFromBytes(bytes, name);
}

// A list as the driver would build it from `--option a,b`.
inline NameList listOf(std::initializer_list<const char *> patterns,
                       const char *origin = "--test") {
  NameList list;
  for (const char *p : patterns)
    list.add({p, origin});
  return list;
}

// A function's index in the graph, failing the test if it has no such name.
inline uint32_t fn(const CallGraph &graph, const std::string &name) {
  uint32_t f = graph.find(name);
  INFO("function " << name);
  REQUIRE(f != kNone);
  return f;
}

// Names of functions, for readable comparisons.
inline std::vector<std::string> namesOf(const CallGraph &graph, const std::vector<uint32_t> &fs) {
  std::vector<std::string> out;
  for (uint32_t f : fs)
    out.push_back(graph.functions[f].name);
  return out;
}

// The call sites of one function, in order.
inline std::vector<const CallSite *> sitesOf(const CallGraph &graph, uint32_t f) {
  std::vector<const CallSite *> out;
  const FunctionNode &node = graph.functions[f];
  for (uint32_t s = node.firstSite; s < node.firstSite + node.numSites; s++)
    out.push_back(&graph.sites[s]);
  return out;
}

// A module, its graph and the analysis with the given options.
struct Analyzed {
  Module module;
  CallGraph graph;
  AnalysisOptions options;
  Warnings warnings;
  AsyncAnalysis analysis;

  Analyzed(std::string_view wat, AnalysisOptions opts)
      : module(parseWat(wat)), graph(buildCallGraph(module)), options(std::move(opts)),
        analysis(analyzeAsync(graph, options, warnings, "test.wat")) {}

  const FunctionAnalysis &operator[](const std::string &name) const {
    return analysis.functions[fn(graph, name)];
  }
  bool instrumented(const std::string &name) const { return (*this)[name].instrumented; }

  // The chain as "name#ordinal" steps and the last function's name, e.g.
  // {"main#1", "a#2", "env.sleep"}.
  std::vector<std::string> chain(const std::string &name) const {
    std::vector<std::string> out;
    for (const auto &step : analysis.chain(fn(graph, name))) {
      const FunctionNode &node = graph.functions[step.function];
      std::string label = node.imported ? node.importModule + "." + node.importBase : node.name;
      if (step.site != kNone)
        label += "#" + std::to_string(graph.sites[step.site].ordinal);
      out.push_back(label);
    }
    return out;
  }

  std::vector<std::string> instrumentedNames() const {
    std::vector<std::string> out;
    for (uint32_t f = 0; f < graph.functions.size(); f++)
      if (analysis.functions[f].instrumented)
        out.push_back(graph.functions[f].name);
    return out;
  }
};

inline AnalysisOptions importsOnly(std::initializer_list<const char *> imports) {
  AnalysisOptions o;
  o.imports = listOf(imports, "--imports");
  return o;
}

} // namespace wa::test
