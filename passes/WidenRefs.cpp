// WidenRefs: gives typed function references back their plain `funcref` type
// in the functions we rewrote, for modules without the typed function
// references feature.
//
// Binaryen 108's IR types `ref.func $f` as the non-nullable typed reference
// `(ref $sig)` even when the module only has reference types. Its binary
// writer turns such types back into `funcref` for locals and single values,
// but not inside a multivalue block type, which it writes to the type section
// as is, nor in a typed `select`, which it writes as `(ref func)`: modules no
// engine without typed function references accepts (WABT: "expected valid
// result type (got -0x15)"). Flatten makes tuple locals of such types, and
// the optimizer then builds blocks of them, and selects between `ref.func`s
// (from an `if` choosing a function).
//
// For each named function that holds a typed reference in a local's type, in
// a tuple type or as a select's type anywhere in its body: its vars are retyped with every typed
// function reference widened to `funcref` (a rebuild, see FunctionRebuild),
// then one postorder walk gives local.get/local.tee their local's new type
// and re-finalizes every other expression from its children, so block, if,
// loop, select and tuple types follow; a multivalue type that still holds a
// typed reference after that (tuple.make of `ref.func`s), and a select's type, is widened in place.
// `ref.func` keeps its exact type, a subtype of `funcref`. Without GC (refused at reading) and
// typed function references nothing can require the exact type, so the widened function validates.
// Cost: one walk over each named function; a rebuild and a second walk only where a typed reference
// shows up (in practice: reference-types modules that keep function references in multivalue
// values).
#include "passes/WidenRefs.h"

#include "lib/FunctionRebuild.h"
#include "lib/IrWalk.h"
#include "lib/Parallel.h"
#include "lib/Types.h"

#include <optional>
#include <unordered_set>

namespace wa {

namespace {

// Binaryen 108's basic types; anything else is a typed reference or a tuple.
bool isBasic(BinaryenType t) {
  static const BinaryenType basic[] = {
      BinaryenTypeNone(),   BinaryenTypeUnreachable(), BinaryenTypeInt32(),
      BinaryenTypeInt64(),  BinaryenTypeFloat32(),     BinaryenTypeFloat64(),
      BinaryenTypeVec128(), BinaryenTypeFuncref(),     BinaryenTypeExternref(),
      BinaryenTypeAnyref(), BinaryenTypeEqref(),       BinaryenTypeI31ref(),
      BinaryenTypeDataref()};
  for (BinaryenType b : basic)
    if (t == b)
      return true;
  return false;
}

// The type with each typed reference part widened to funcref; `t` itself if
// there is none.
BinaryenType widen(BinaryenType t) {
  if (isBasic(t))
    return t;
  std::vector<BinaryenType> parts = expandType(t);
  if (parts.size() == 1)
    return BinaryenTypeFuncref(); // a single typed (function) reference
  bool changed = false;
  for (BinaryenType &p : parts)
    if (!isBasic(p)) {
      p = BinaryenTypeFuncref();
      changed = true;
    }
  return changed ? BinaryenTypeCreate(parts.data(), static_cast<BinaryenIndex>(parts.size())) : t;
}

// Whether the writer puts the type of an expression of this kind into the
// binary as it is: a multivalue block type, or the type of a `select` (its
// typed form, for references). `ref.func` writes no type.
bool writesType(BinaryenExpressionId id, BinaryenType t) {
  const ExprIds &ids = ExprIds::get();
  return id != ids.RefFunc && (BinaryenTypeArity(t) > 1 || id == ids.Select);
}

bool needsWidening(BinaryenFunctionRef f) {
  for (BinaryenIndex i = 0; i < BinaryenFunctionGetNumVars(f); i++)
    if (widen(BinaryenFunctionGetVar(f, i)) != BinaryenFunctionGetVar(f, i))
      return true;
  bool found = false;
  walkPreorder(
      BinaryenFunctionGetBody(f),
      [&](BinaryenExpressionRef e) {
        BinaryenType t = BinaryenExpressionGetType(e);
        if (!found && writesType(BinaryenExpressionGetId(e), t) && widen(t) != t)
          found = true;
      },
      [](BinaryenExpressionRef) {});
  return found;
}

void refinalize(BinaryenFunctionRef f) {
  const ExprIds &ids = ExprIds::get();
  std::vector<BinaryenType> locals = expandType(BinaryenFunctionGetParams(f));
  for (BinaryenIndex v = 0; v < BinaryenFunctionGetNumVars(f); v++)
    locals.push_back(BinaryenFunctionGetVar(f, v));
  walkPostorder(
      BinaryenFunctionGetBody(f),
      [&](BinaryenExpressionRef e) {
        BinaryenExpressionId id = BinaryenExpressionGetId(e);
        if (id == ids.RefFunc)
          return;
        if (id == ids.LocalGet)
          BinaryenExpressionSetType(e, locals[BinaryenLocalGetGetIndex(e)]);
        else if (id == ids.LocalSet && BinaryenLocalSetIsTee(e))
          BinaryenExpressionSetType(e, locals[BinaryenLocalSetGetIndex(e)]);
        else {
          BinaryenExpressionFinalize(e);
          // tuple.make and select re-finalize to their operands' exact
          // types: widen them too (a subtype flows into them), so that
          // blocks around a tuple follow and a select writes `funcref`.
          BinaryenType t = BinaryenExpressionGetType(e);
          if (BinaryenTypeArity(t) > 1 || id == ids.Select)
            BinaryenExpressionSetType(e, widen(t));
        }
      },
      [](BinaryenExpressionRef) {});
}

} // namespace

size_t widenTypedRefs(BinaryenModuleRef m, const std::vector<std::string> &functions) {
  if (BinaryenModuleGetFeatures(m) & BinaryenFeatureTypedFunctionReferences())
    return 0;
  std::unordered_set<std::string> wanted(functions.begin(), functions.end());
  std::vector<std::string> defined = definedFunctions(m);
  std::vector<std::optional<FunctionReplacement>> replacements(defined.size());
  // The scan (a walk of every rewritten function) runs on several threads.
  parallelFor(defined.size(), [&](size_t i) {
    if (!wanted.count(defined[i]))
      return;
    BinaryenFunctionRef f = BinaryenGetFunction(m, defined[i].c_str());
    if (!needsWidening(f))
      return;
    FunctionReplacement r{BinaryenFunctionGetBody(f), {}};
    for (BinaryenIndex v = 0; v < BinaryenFunctionGetNumVars(f); v++)
      r.vars.push_back(widen(BinaryenFunctionGetVar(f, v)));
    replacements[i] = std::move(r);
  });
  std::vector<std::string> widened;
  for (size_t i = 0; i < defined.size(); i++)
    if (replacements[i])
      widened.push_back(defined[i]);
  replaceFunctions(m, defined, replacements);
  for (const std::string &name : widened)
    refinalize(BinaryenGetFunction(m, name.c_str()));
  return widened.size();
}

} // namespace wa
