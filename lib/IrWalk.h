// IrWalk: the children of a Binaryen expression, through the C API. Binaryen
// 108's C API has no generic child iterator, so one switch over expression ids
// lists every child in wasm evaluation order, and another replaces a child by
// its position in that order. Expression kinds the C API cannot inspect (GC,
// call_ref) are reported as unsupported instead of being skipped silently.
#pragma once

#include <binaryen-c.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace wa {

// Binaryen's expression ids are functions; this caches them once.
struct ExprIds {
  BinaryenExpressionId Nop, Block, If, Loop, Break, Switch, Call, CallIndirect, LocalGet, LocalSet,
      GlobalGet, GlobalSet, Load, Store, AtomicRMW, AtomicCmpxchg, AtomicWait, AtomicNotify,
      AtomicFence, SIMDExtract, SIMDReplace, SIMDShuffle, SIMDTernary, SIMDShift, SIMDLoad,
      SIMDLoadStoreLane, MemoryInit, DataDrop, MemoryCopy, MemoryFill, Const, Unary, Binary, Select,
      Drop, Return, MemorySize, MemoryGrow, Unreachable, Pop, RefNull, RefIs, RefFunc, RefEq,
      TableGet, TableSet, TableSize, TableGrow, Try, Throw, Rethrow, TupleMake, TupleExtract,
      CallRef;
  static const ExprIds &get();
};

// Appends the children of `e` to `out` in evaluation order. Returns false if
// `e` is an expression kind whose children the C API cannot reach.
bool childrenOf(BinaryenExpressionRef e, std::vector<BinaryenExpressionRef> &out);

// Replaces the child at `index` (in the order childrenOf gives) with `child`.
void setChild(BinaryenExpressionRef e, size_t index, BinaryenExpressionRef child);

// A readable name for an expression id ("call_indirect", "try", ...).
std::string exprKindName(BinaryenExpressionId id);

// Visits every expression of a tree, parents before children, without
// recursion (so 10k-deep nesting cannot overflow the native stack). The
// visitor returns nothing; an unsupported kind is passed to `unsupported`.
template <typename Visit, typename Unsupported>
void walkPreorder(BinaryenExpressionRef root, Visit &&visit, Unsupported &&unsupported) {
  std::vector<BinaryenExpressionRef> stack;
  if (root)
    stack.push_back(root);
  while (!stack.empty()) {
    BinaryenExpressionRef e = stack.back();
    stack.pop_back();
    visit(e);
    // The children go onto the stack directly, last first, without nulls.
    size_t begin = stack.size();
    if (!childrenOf(e, stack))
      unsupported(e);
    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(begin), stack.end());
    stack.erase(
        std::remove(stack.begin() + static_cast<std::ptrdiff_t>(begin), stack.end(), nullptr),
        stack.end());
  }
}

// Visits every expression of a tree, children before parents (the order in
// which wasm evaluates them), without recursion.
template <typename Visit, typename Unsupported>
void walkPostorder(BinaryenExpressionRef root, Visit &&visit, Unsupported &&unsupported) {
  // Each frame's children are a range of one shared vector, which is a stack
  // too: a frame's range is always at its end when the frame is done.
  struct Frame {
    BinaryenExpressionRef e;
    size_t begin, next, end;
  };
  if (!root)
    return;
  std::vector<Frame> stack;
  std::vector<BinaryenExpressionRef> kids;
  auto push = [&](BinaryenExpressionRef e) {
    size_t begin = kids.size();
    if (!childrenOf(e, kids))
      unsupported(e);
    stack.push_back({e, begin, begin, kids.size()});
  };
  push(root);
  while (!stack.empty()) {
    Frame &top = stack.back();
    if (top.next < top.end) {
      BinaryenExpressionRef kid = kids[top.next++];
      if (kid)
        push(kid);
      continue;
    }
    BinaryenExpressionRef done = top.e;
    kids.resize(top.begin);
    stack.pop_back();
    visit(done);
  }
}

} // namespace wa
