// FunctionRebuild: replacing functions' bodies and locals in place. Binaryen
// 108's C API cannot add or retype a function's locals, only remove and add
// whole functions, and an added function goes last, which would renumber
// every function after it. So the functions from the first replaced one on
// are removed and re-added in their order, each keeping its name, signature
// and local names, the replaced ones with their new body and vars.
#pragma once

#include <binaryen-c.h>

#include <optional>
#include <string>
#include <vector>

namespace wa {

struct FunctionReplacement {
  BinaryenExpressionRef body;
  std::vector<BinaryenType> vars;
};

// `defined` lists the module's defined functions in index order;
// `replacements[i]`, when set, replaces defined[i]. Cost: linear in the
// number of functions from the first replaced one on (not in their size).
void replaceFunctions(BinaryenModuleRef m, const std::vector<std::string> &defined,
                      const std::vector<std::optional<FunctionReplacement>> &replacements);

// Appends vars of `types` to `func` in place, after its current locals, so
// that nothing is removed and re-added (each removal moves the module's
// function list: quadratic over a module's functions). Binaryen 108's C API
// has no call for it; its `flatten` pass gives each `select` of constants a
// var, so the body is swapped for one such select per type and flattened;
// the caller then sets the function's real body. Returns
// false when a type has no constant to fill such a select (tuples,
// non-nullable references) or flatten did not add exactly these vars: the
// caller then rebuilds the function (replaceFunctions). Cost: linear in
// `types`, not in the function's size.
bool appendVars(BinaryenModuleRef m, BinaryenFunctionRef func,
                const std::vector<BinaryenType> &types);

// The module's defined (not imported) functions in index order.
std::vector<std::string> definedFunctions(BinaryenModuleRef m);

// Where a message about function `name` points: "function NAME", or, for a
// function the module does not name, "function #INDEX" with its index in the
// wasm function index space (imports first), as our reader's messages and
// wasm-objdump count. Binaryen 108 names such a function by its position
// among the defined functions only, which is off by the number of imports.
// Linear in the number of functions: for messages.
std::string functionWhere(BinaryenModuleRef m, const std::string &name);

} // namespace wa
