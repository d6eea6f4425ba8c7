#include "lib/FunctionRebuild.h"

#include "lib/Types.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace wa {

namespace {

struct SavedFunction {
  std::string name;
  BinaryenType params, results;
  std::vector<BinaryenType> vars;
  BinaryenExpressionRef body;
  std::vector<std::pair<BinaryenIndex, std::string>> localNames;
};

SavedFunction saveFunction(BinaryenFunctionRef f) {
  SavedFunction s;
  s.name = BinaryenFunctionGetName(f);
  s.params = BinaryenFunctionGetParams(f);
  s.results = BinaryenFunctionGetResults(f);
  for (BinaryenIndex i = 0; i < BinaryenFunctionGetNumVars(f); i++)
    s.vars.push_back(BinaryenFunctionGetVar(f, i));
  s.body = BinaryenFunctionGetBody(f);
  for (BinaryenIndex i = 0; i < BinaryenFunctionGetNumLocals(f); i++)
    if (BinaryenFunctionHasLocalName(f, i))
      s.localNames.emplace_back(i, BinaryenFunctionGetLocalName(f, i));
  return s;
}

} // namespace

void replaceFunctions(BinaryenModuleRef m, const std::vector<std::string> &defined,
                      const std::vector<std::optional<FunctionReplacement>> &replacements) {
  size_t first = 0;
  while (first < replacements.size() && !replacements[first])
    first++;
  if (first == replacements.size())
    return;
  std::vector<SavedFunction> saved;
  for (size_t i = first; i < defined.size(); i++) {
    SavedFunction s = saveFunction(BinaryenGetFunction(m, defined[i].c_str()));
    if (i < replacements.size() && replacements[i]) {
      s.body = replacements[i]->body;
      s.vars = replacements[i]->vars;
    }
    saved.push_back(std::move(s));
  }
  for (const auto &s : saved)
    BinaryenRemoveFunction(m, s.name.c_str());
  for (auto &s : saved) {
    BinaryenFunctionRef nf =
        BinaryenAddFunction(m, s.name.c_str(), s.params, s.results, s.vars.data(),
                            static_cast<BinaryenIndex>(s.vars.size()), s.body);
    for (const auto &[i, n] : s.localNames)
      if (i < BinaryenFunctionGetNumLocals(nf))
        BinaryenFunctionSetLocalName(nf, i, n.c_str());
  }
}

bool appendVars(BinaryenModuleRef m, BinaryenFunctionRef func,
                const std::vector<BinaryenType> &types) {
  if (types.empty())
    return true;
  std::vector<BinaryenExpressionRef> dummies;
  for (BinaryenType t : types) {
    if (!isPlainValueType(t))
      return false;
    BinaryenExpressionRef zero = zeroOf(m, t), other = zeroOf(m, t);
    // Its operands are constants, so flatten gives the select alone a var.
    dummies.push_back(BinaryenDrop(
        m, BinaryenSelect(m, BinaryenConst(m, BinaryenLiteralInt32(0)), zero, other, t)));
  }
  // Unreachable at the end: the body fits any result type.
  dummies.push_back(BinaryenUnreachable(m));
  BinaryenIndex before = BinaryenFunctionGetNumVars(func);
  BinaryenFunctionSetBody(func, BinaryenBlock(m, nullptr, dummies.data(),
                                              static_cast<BinaryenIndex>(dummies.size()),
                                              BinaryenTypeUnreachable()));
  const char *flatten[] = {"flatten"};
  BinaryenFunctionRunPasses(func, m, flatten, 1);
  if (BinaryenFunctionGetNumVars(func) != before + types.size())
    return false;
  for (size_t i = 0; i < types.size(); i++)
    if (BinaryenFunctionGetVar(func, before + static_cast<BinaryenIndex>(i)) != types[i])
      return false;
  return true;
}

std::vector<std::string> definedFunctions(BinaryenModuleRef m) {
  std::vector<std::string> names;
  for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(m); i++) {
    BinaryenFunctionRef f = BinaryenGetFunctionByIndex(m, i);
    // Binaryen 108 gives a defined function an empty module name, not null.
    const char *importModule = BinaryenFunctionImportGetModule(f);
    if (!importModule || !*importModule)
      names.push_back(BinaryenFunctionGetName(f));
  }
  return names;
}

std::string functionWhere(BinaryenModuleRef m, const std::string &name) {
  bool number = !name.empty() && name.size() < 10 &&
                std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (number) {
    BinaryenIndex imports = 0, n = BinaryenGetNumFunctions(m);
    while (imports < n) {
      const char *module = BinaryenFunctionImportGetModule(BinaryenGetFunctionByIndex(m, imports));
      if (!module || !*module)
        break;
      imports++;
    }
    uint64_t index = imports + std::stoull(name);
    if (index < n && name == BinaryenFunctionGetName(BinaryenGetFunctionByIndex(m, index)))
      return fmt::format("function #{}", index);
  }
  return fmt::format("function {}", name);
}

} // namespace wa
