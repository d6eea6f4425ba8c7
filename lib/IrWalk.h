// IrWalk: the children of a Binaryen expression, through the C API. Binaryen
// 108's C API has no generic child iterator, so one switch over expression ids
// lists every child in wasm evaluation order, and another replaces a child by
// its position in that order. Expression kinds the C API cannot inspect (GC,
// call_ref) are reported as unsupported instead of being skipped silently.
#pragma once

#include <binaryen-c.h>

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
  std::vector<BinaryenExpressionRef> kids;
  if (root)
    stack.push_back(root);
  while (!stack.empty()) {
    BinaryenExpressionRef e = stack.back();
    stack.pop_back();
    visit(e);
    kids.clear();
    if (!childrenOf(e, kids))
      unsupported(e);
    for (size_t i = kids.size(); i-- > 0;)
      if (kids[i])
        stack.push_back(kids[i]);
  }
}

// Visits every expression of a tree, children before parents (the order in
// which wasm evaluates them), without recursion.
template <typename Visit, typename Unsupported>
void walkPostorder(BinaryenExpressionRef root, Visit &&visit, Unsupported &&unsupported) {
  struct Frame {
    BinaryenExpressionRef e;
    std::vector<BinaryenExpressionRef> kids;
    size_t next;
  };
  if (!root)
    return;
  std::vector<Frame> stack;
  stack.push_back({root, {}, 0});
  if (!childrenOf(root, stack.back().kids))
    unsupported(root);
  while (!stack.empty()) {
    Frame &top = stack.back();
    if (top.next < top.kids.size()) {
      BinaryenExpressionRef kid = top.kids[top.next++];
      if (!kid)
        continue;
      Frame child{kid, {}, 0};
      if (!childrenOf(kid, child.kids))
        unsupported(kid);
      stack.push_back(std::move(child));
      continue;
    }
    BinaryenExpressionRef done = top.e;
    stack.pop_back();
    visit(done);
  }
}

} // namespace wa
