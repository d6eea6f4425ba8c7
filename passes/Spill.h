// Spill: shapes a function for the instrumenter by changing only the
// statements that hold a call that can unwind, instead of flattening it all.
#pragma once

#include <binaryen-c.h>

#include <functional>
#include <vector>

namespace wa {

struct SpillResult {
  BinaryenExpressionRef body = nullptr; // null: the function needs flatten
  std::vector<BinaryenType> locals;     // added after the function's own, in order
};

// `isSite(call)` tells the calls that can unwind; `firstLocal` is the index
// the first added local gets (params + vars). Returns a body in which every
// such call stands alone as `call`, `local.set (call)` or `drop (call)` with
// locals and constants as operands, reached from the body only through
// blocks, none-typed loops and none-typed if arms, or a null body (the
// function unchanged) when the code around a call is a shape left to
// Binaryen's flatten (see Spill.cpp).
SpillResult spillCalls(BinaryenModuleRef m, BinaryenExpressionRef body, uint32_t firstLocal,
                       const std::function<bool(BinaryenExpressionRef)> &isSite);

} // namespace wa
