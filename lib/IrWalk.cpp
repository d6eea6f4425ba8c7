#include "lib/IrWalk.h"

#include <array>
#include <cassert>

namespace wa {

const ExprIds &ExprIds::get() {
  static const ExprIds ids = [] {
    ExprIds i;
#define WA_ID(name) i.name = Binaryen##name##Id()
    WA_ID(Nop);
    WA_ID(Block);
    WA_ID(If);
    WA_ID(Loop);
    WA_ID(Break);
    WA_ID(Switch);
    WA_ID(Call);
    WA_ID(CallIndirect);
    WA_ID(LocalGet);
    WA_ID(LocalSet);
    WA_ID(GlobalGet);
    WA_ID(GlobalSet);
    WA_ID(Load);
    WA_ID(Store);
    WA_ID(AtomicRMW);
    WA_ID(AtomicCmpxchg);
    WA_ID(AtomicWait);
    WA_ID(AtomicNotify);
    WA_ID(AtomicFence);
    WA_ID(SIMDExtract);
    WA_ID(SIMDReplace);
    WA_ID(SIMDShuffle);
    WA_ID(SIMDTernary);
    WA_ID(SIMDShift);
    WA_ID(SIMDLoad);
    WA_ID(SIMDLoadStoreLane);
    WA_ID(MemoryInit);
    WA_ID(DataDrop);
    WA_ID(MemoryCopy);
    WA_ID(MemoryFill);
    WA_ID(Const);
    WA_ID(Unary);
    WA_ID(Binary);
    WA_ID(Select);
    WA_ID(Drop);
    WA_ID(Return);
    WA_ID(MemorySize);
    WA_ID(MemoryGrow);
    WA_ID(Unreachable);
    WA_ID(Pop);
    WA_ID(RefNull);
    WA_ID(RefIs);
    WA_ID(RefFunc);
    WA_ID(RefEq);
    WA_ID(TableGet);
    WA_ID(TableSet);
    WA_ID(TableSize);
    WA_ID(TableGrow);
    WA_ID(Try);
    WA_ID(Throw);
    WA_ID(Rethrow);
    WA_ID(TupleMake);
    WA_ID(TupleExtract);
    WA_ID(CallRef);
#undef WA_ID
    return i;
  }();
  return ids;
}

namespace {

// The expression kinds childrenOf tells apart, dense so that one switch (a
// jump table) dispatches: Binaryen's ids come from functions, not constants.
enum class Kind : uint8_t {
  Unknown,
  Leaf,
  Block,
  If,
  Loop,
  Break,
  Switch,
  Call,
  CallIndirect,
  LocalSet,
  GlobalSet,
  Load,
  Store,
  AtomicRMW,
  AtomicCmpxchg,
  AtomicWait,
  AtomicNotify,
  SIMDExtract,
  SIMDReplace,
  SIMDShuffle,
  SIMDTernary,
  SIMDShift,
  SIMDLoad,
  SIMDLoadStoreLane,
  MemoryInit,
  MemoryCopy,
  MemoryFill,
  Unary,
  Binary,
  Select,
  Drop,
  Return,
  MemoryGrow,
  RefIs,
  RefEq,
  TableGet,
  TableSet,
  TableGrow,
  Try,
  Throw,
  TupleMake,
  TupleExtract,
};

constexpr size_t kMaxId = 256;

const std::array<Kind, kMaxId> &kinds() {
  static const std::array<Kind, kMaxId> table = [] {
    const ExprIds &I = ExprIds::get();
    std::array<Kind, kMaxId> t{};
    auto set = [&](BinaryenExpressionId id, Kind k) {
      if (id < kMaxId)
        t[id] = k;
    };
    for (BinaryenExpressionId leaf :
         {I.Nop, I.LocalGet, I.GlobalGet, I.AtomicFence, I.DataDrop, I.Const, I.MemorySize,
          I.Unreachable, I.Pop, I.RefNull, I.RefFunc, I.TableSize, I.Rethrow})
      set(leaf, Kind::Leaf);
    set(I.Block, Kind::Block);
    set(I.If, Kind::If);
    set(I.Loop, Kind::Loop);
    set(I.Break, Kind::Break);
    set(I.Switch, Kind::Switch);
    set(I.Call, Kind::Call);
    set(I.CallIndirect, Kind::CallIndirect);
    set(I.LocalSet, Kind::LocalSet);
    set(I.GlobalSet, Kind::GlobalSet);
    set(I.Load, Kind::Load);
    set(I.Store, Kind::Store);
    set(I.AtomicRMW, Kind::AtomicRMW);
    set(I.AtomicCmpxchg, Kind::AtomicCmpxchg);
    set(I.AtomicWait, Kind::AtomicWait);
    set(I.AtomicNotify, Kind::AtomicNotify);
    set(I.SIMDExtract, Kind::SIMDExtract);
    set(I.SIMDReplace, Kind::SIMDReplace);
    set(I.SIMDShuffle, Kind::SIMDShuffle);
    set(I.SIMDTernary, Kind::SIMDTernary);
    set(I.SIMDShift, Kind::SIMDShift);
    set(I.SIMDLoad, Kind::SIMDLoad);
    set(I.SIMDLoadStoreLane, Kind::SIMDLoadStoreLane);
    set(I.MemoryInit, Kind::MemoryInit);
    set(I.MemoryCopy, Kind::MemoryCopy);
    set(I.MemoryFill, Kind::MemoryFill);
    set(I.Unary, Kind::Unary);
    set(I.Binary, Kind::Binary);
    set(I.Select, Kind::Select);
    set(I.Drop, Kind::Drop);
    set(I.Return, Kind::Return);
    set(I.MemoryGrow, Kind::MemoryGrow);
    set(I.RefIs, Kind::RefIs);
    set(I.RefEq, Kind::RefEq);
    set(I.TableGet, Kind::TableGet);
    set(I.TableSet, Kind::TableSet);
    set(I.TableGrow, Kind::TableGrow);
    set(I.Try, Kind::Try);
    set(I.Throw, Kind::Throw);
    set(I.TupleMake, Kind::TupleMake);
    set(I.TupleExtract, Kind::TupleExtract);
    return t;
  }();
  return table;
}

} // namespace

bool childrenOf(BinaryenExpressionRef e, std::vector<BinaryenExpressionRef> &out) {
  BinaryenExpressionId id = BinaryenExpressionGetId(e);
  Kind kind = id < kMaxId ? kinds()[id] : Kind::Unknown;
  auto add = [&](BinaryenExpressionRef c) { out.push_back(c); };
  switch (kind) {
  case Kind::Unknown:
    return false;
  case Kind::Leaf:
    return true;
  case Kind::Block: {
    BinaryenIndex n = BinaryenBlockGetNumChildren(e);
    for (BinaryenIndex i = 0; i < n; i++)
      add(BinaryenBlockGetChildAt(e, i));
    return true;
  }
  case Kind::If:
    add(BinaryenIfGetCondition(e));
    add(BinaryenIfGetIfTrue(e));
    add(BinaryenIfGetIfFalse(e));
    return true;
  case Kind::Loop:
    add(BinaryenLoopGetBody(e));
    return true;
  case Kind::Break:
    add(BinaryenBreakGetValue(e));
    add(BinaryenBreakGetCondition(e));
    return true;
  case Kind::Switch:
    add(BinaryenSwitchGetValue(e));
    add(BinaryenSwitchGetCondition(e));
    return true;
  case Kind::Call: {
    BinaryenIndex n = BinaryenCallGetNumOperands(e);
    for (BinaryenIndex i = 0; i < n; i++)
      add(BinaryenCallGetOperandAt(e, i));
    return true;
  }
  case Kind::CallIndirect: {
    BinaryenIndex n = BinaryenCallIndirectGetNumOperands(e);
    for (BinaryenIndex i = 0; i < n; i++)
      add(BinaryenCallIndirectGetOperandAt(e, i));
    add(BinaryenCallIndirectGetTarget(e));
    return true;
  }
  case Kind::LocalSet:
    add(BinaryenLocalSetGetValue(e));
    return true;
  case Kind::GlobalSet:
    add(BinaryenGlobalSetGetValue(e));
    return true;
  case Kind::Load:
    add(BinaryenLoadGetPtr(e));
    return true;
  case Kind::Store:
    add(BinaryenStoreGetPtr(e));
    add(BinaryenStoreGetValue(e));
    return true;
  case Kind::AtomicRMW:
    add(BinaryenAtomicRMWGetPtr(e));
    add(BinaryenAtomicRMWGetValue(e));
    return true;
  case Kind::AtomicCmpxchg:
    add(BinaryenAtomicCmpxchgGetPtr(e));
    add(BinaryenAtomicCmpxchgGetExpected(e));
    add(BinaryenAtomicCmpxchgGetReplacement(e));
    return true;
  case Kind::AtomicWait:
    add(BinaryenAtomicWaitGetPtr(e));
    add(BinaryenAtomicWaitGetExpected(e));
    add(BinaryenAtomicWaitGetTimeout(e));
    return true;
  case Kind::AtomicNotify:
    add(BinaryenAtomicNotifyGetPtr(e));
    add(BinaryenAtomicNotifyGetNotifyCount(e));
    return true;
  case Kind::SIMDExtract:
    add(BinaryenSIMDExtractGetVec(e));
    return true;
  case Kind::SIMDReplace:
    add(BinaryenSIMDReplaceGetVec(e));
    add(BinaryenSIMDReplaceGetValue(e));
    return true;
  case Kind::SIMDShuffle:
    add(BinaryenSIMDShuffleGetLeft(e));
    add(BinaryenSIMDShuffleGetRight(e));
    return true;
  case Kind::SIMDTernary:
    add(BinaryenSIMDTernaryGetA(e));
    add(BinaryenSIMDTernaryGetB(e));
    add(BinaryenSIMDTernaryGetC(e));
    return true;
  case Kind::SIMDShift:
    add(BinaryenSIMDShiftGetVec(e));
    add(BinaryenSIMDShiftGetShift(e));
    return true;
  case Kind::SIMDLoad:
    add(BinaryenSIMDLoadGetPtr(e));
    return true;
  case Kind::SIMDLoadStoreLane:
    add(BinaryenSIMDLoadStoreLaneGetPtr(e));
    add(BinaryenSIMDLoadStoreLaneGetVec(e));
    return true;
  case Kind::MemoryInit:
    add(BinaryenMemoryInitGetDest(e));
    add(BinaryenMemoryInitGetOffset(e));
    add(BinaryenMemoryInitGetSize(e));
    return true;
  case Kind::MemoryCopy:
    add(BinaryenMemoryCopyGetDest(e));
    add(BinaryenMemoryCopyGetSource(e));
    add(BinaryenMemoryCopyGetSize(e));
    return true;
  case Kind::MemoryFill:
    add(BinaryenMemoryFillGetDest(e));
    add(BinaryenMemoryFillGetValue(e));
    add(BinaryenMemoryFillGetSize(e));
    return true;
  case Kind::Unary:
    add(BinaryenUnaryGetValue(e));
    return true;
  case Kind::Binary:
    add(BinaryenBinaryGetLeft(e));
    add(BinaryenBinaryGetRight(e));
    return true;
  case Kind::Select:
    add(BinaryenSelectGetIfTrue(e));
    add(BinaryenSelectGetIfFalse(e));
    add(BinaryenSelectGetCondition(e));
    return true;
  case Kind::Drop:
    add(BinaryenDropGetValue(e));
    return true;
  case Kind::Return:
    add(BinaryenReturnGetValue(e));
    return true;
  case Kind::MemoryGrow:
    add(BinaryenMemoryGrowGetDelta(e));
    return true;
  case Kind::RefIs:
    add(BinaryenRefIsGetValue(e));
    return true;
  case Kind::RefEq:
    add(BinaryenRefEqGetLeft(e));
    add(BinaryenRefEqGetRight(e));
    return true;
  case Kind::TableGet:
    add(BinaryenTableGetGetIndex(e));
    return true;
  case Kind::TableSet:
    add(BinaryenTableSetGetIndex(e));
    add(BinaryenTableSetGetValue(e));
    return true;
  case Kind::TableGrow:
    add(BinaryenTableGrowGetValue(e));
    add(BinaryenTableGrowGetDelta(e));
    return true;
  case Kind::Try: {
    add(BinaryenTryGetBody(e));
    BinaryenIndex n = BinaryenTryGetNumCatchBodies(e);
    for (BinaryenIndex i = 0; i < n; i++)
      add(BinaryenTryGetCatchBodyAt(e, i));
    return true;
  }
  case Kind::Throw: {
    BinaryenIndex n = BinaryenThrowGetNumOperands(e);
    for (BinaryenIndex i = 0; i < n; i++)
      add(BinaryenThrowGetOperandAt(e, i));
    return true;
  }
  case Kind::TupleMake: {
    BinaryenIndex n = BinaryenTupleMakeGetNumOperands(e);
    for (BinaryenIndex i = 0; i < n; i++)
      add(BinaryenTupleMakeGetOperandAt(e, i));
    return true;
  }
  case Kind::TupleExtract:
    add(BinaryenTupleExtractGetTuple(e));
    return true;
  }
  return false;
}

void setChild(BinaryenExpressionRef e, size_t index, BinaryenExpressionRef c) {
  const ExprIds &I = ExprIds::get();
  BinaryenExpressionId id = BinaryenExpressionGetId(e);
  auto idx = static_cast<BinaryenIndex>(index);
  if (id == I.Block) {
    BinaryenBlockSetChildAt(e, idx, c);
  } else if (id == I.If) {
    if (index == 0)
      BinaryenIfSetCondition(e, c);
    else if (index == 1)
      BinaryenIfSetIfTrue(e, c);
    else
      BinaryenIfSetIfFalse(e, c);
  } else if (id == I.Loop) {
    BinaryenLoopSetBody(e, c);
  } else if (id == I.Break) {
    if (index == 0)
      BinaryenBreakSetValue(e, c);
    else
      BinaryenBreakSetCondition(e, c);
  } else if (id == I.Switch) {
    if (index == 0)
      BinaryenSwitchSetValue(e, c);
    else
      BinaryenSwitchSetCondition(e, c);
  } else if (id == I.Call) {
    BinaryenCallSetOperandAt(e, idx, c);
  } else if (id == I.CallIndirect) {
    if (index < BinaryenCallIndirectGetNumOperands(e))
      BinaryenCallIndirectSetOperandAt(e, idx, c);
    else
      BinaryenCallIndirectSetTarget(e, c);
  } else if (id == I.LocalSet) {
    BinaryenLocalSetSetValue(e, c);
  } else if (id == I.GlobalSet) {
    BinaryenGlobalSetSetValue(e, c);
  } else if (id == I.Load) {
    BinaryenLoadSetPtr(e, c);
  } else if (id == I.Store) {
    index == 0 ? BinaryenStoreSetPtr(e, c) : BinaryenStoreSetValue(e, c);
  } else if (id == I.AtomicRMW) {
    index == 0 ? BinaryenAtomicRMWSetPtr(e, c) : BinaryenAtomicRMWSetValue(e, c);
  } else if (id == I.AtomicCmpxchg) {
    if (index == 0)
      BinaryenAtomicCmpxchgSetPtr(e, c);
    else if (index == 1)
      BinaryenAtomicCmpxchgSetExpected(e, c);
    else
      BinaryenAtomicCmpxchgSetReplacement(e, c);
  } else if (id == I.AtomicWait) {
    if (index == 0)
      BinaryenAtomicWaitSetPtr(e, c);
    else if (index == 1)
      BinaryenAtomicWaitSetExpected(e, c);
    else
      BinaryenAtomicWaitSetTimeout(e, c);
  } else if (id == I.AtomicNotify) {
    index == 0 ? BinaryenAtomicNotifySetPtr(e, c) : BinaryenAtomicNotifySetNotifyCount(e, c);
  } else if (id == I.SIMDExtract) {
    BinaryenSIMDExtractSetVec(e, c);
  } else if (id == I.SIMDReplace) {
    index == 0 ? BinaryenSIMDReplaceSetVec(e, c) : BinaryenSIMDReplaceSetValue(e, c);
  } else if (id == I.SIMDShuffle) {
    index == 0 ? BinaryenSIMDShuffleSetLeft(e, c) : BinaryenSIMDShuffleSetRight(e, c);
  } else if (id == I.SIMDTernary) {
    if (index == 0)
      BinaryenSIMDTernarySetA(e, c);
    else if (index == 1)
      BinaryenSIMDTernarySetB(e, c);
    else
      BinaryenSIMDTernarySetC(e, c);
  } else if (id == I.SIMDShift) {
    index == 0 ? BinaryenSIMDShiftSetVec(e, c) : BinaryenSIMDShiftSetShift(e, c);
  } else if (id == I.SIMDLoad) {
    BinaryenSIMDLoadSetPtr(e, c);
  } else if (id == I.SIMDLoadStoreLane) {
    index == 0 ? BinaryenSIMDLoadStoreLaneSetPtr(e, c) : BinaryenSIMDLoadStoreLaneSetVec(e, c);
  } else if (id == I.MemoryInit) {
    if (index == 0)
      BinaryenMemoryInitSetDest(e, c);
    else if (index == 1)
      BinaryenMemoryInitSetOffset(e, c);
    else
      BinaryenMemoryInitSetSize(e, c);
  } else if (id == I.MemoryCopy) {
    if (index == 0)
      BinaryenMemoryCopySetDest(e, c);
    else if (index == 1)
      BinaryenMemoryCopySetSource(e, c);
    else
      BinaryenMemoryCopySetSize(e, c);
  } else if (id == I.MemoryFill) {
    if (index == 0)
      BinaryenMemoryFillSetDest(e, c);
    else if (index == 1)
      BinaryenMemoryFillSetValue(e, c);
    else
      BinaryenMemoryFillSetSize(e, c);
  } else if (id == I.Unary) {
    BinaryenUnarySetValue(e, c);
  } else if (id == I.Binary) {
    index == 0 ? BinaryenBinarySetLeft(e, c) : BinaryenBinarySetRight(e, c);
  } else if (id == I.Select) {
    if (index == 0)
      BinaryenSelectSetIfTrue(e, c);
    else if (index == 1)
      BinaryenSelectSetIfFalse(e, c);
    else
      BinaryenSelectSetCondition(e, c);
  } else if (id == I.Drop) {
    BinaryenDropSetValue(e, c);
  } else if (id == I.Return) {
    BinaryenReturnSetValue(e, c);
  } else if (id == I.MemoryGrow) {
    BinaryenMemoryGrowSetDelta(e, c);
  } else if (id == I.RefIs) {
    BinaryenRefIsSetValue(e, c);
  } else if (id == I.RefEq) {
    index == 0 ? BinaryenRefEqSetLeft(e, c) : BinaryenRefEqSetRight(e, c);
  } else if (id == I.TableGet) {
    BinaryenTableGetSetIndex(e, c);
  } else if (id == I.TableSet) {
    index == 0 ? BinaryenTableSetSetIndex(e, c) : BinaryenTableSetSetValue(e, c);
  } else if (id == I.TableGrow) {
    index == 0 ? BinaryenTableGrowSetValue(e, c) : BinaryenTableGrowSetDelta(e, c);
  } else if (id == I.Try) {
    index == 0 ? BinaryenTrySetBody(e, c) : BinaryenTrySetCatchBodyAt(e, idx - 1, c);
  } else if (id == I.Throw) {
    BinaryenThrowSetOperandAt(e, idx, c);
  } else if (id == I.TupleMake) {
    BinaryenTupleMakeSetOperandAt(e, idx, c);
  } else if (id == I.TupleExtract) {
    BinaryenTupleExtractSetTuple(e, c);
  } else {
    assert(false && "setChild on an expression without children");
  }
}

std::string exprKindName(BinaryenExpressionId id) {
  const ExprIds &I = ExprIds::get();
  const std::pair<BinaryenExpressionId, const char *> names[] = {
      {I.Nop, "nop"},
      {I.Block, "block"},
      {I.If, "if"},
      {I.Loop, "loop"},
      {I.Break, "br"},
      {I.Switch, "br_table"},
      {I.Call, "call"},
      {I.CallIndirect, "call_indirect"},
      {I.LocalGet, "local.get"},
      {I.LocalSet, "local.set"},
      {I.GlobalGet, "global.get"},
      {I.GlobalSet, "global.set"},
      {I.Load, "load"},
      {I.Store, "store"},
      {I.Try, "try"},
      {I.Throw, "throw"},
      {I.Rethrow, "rethrow"},
      {I.Pop, "pop"},
      {I.TupleMake, "tuple.make"},
      {I.TupleExtract, "tuple.extract"},
      {I.CallRef, "call_ref"},
      {I.Return, "return"},
      {I.Unreachable, "unreachable"},
      {I.Select, "select"},
      {I.Drop, "drop"},
      {I.RefFunc, "ref.func"},
      {I.TableSet, "table.set"},
      {I.TableGrow, "table.grow"},
      {I.TableGet, "table.get"},
  };
  for (const auto &[i, n] : names)
    if (i == id)
      return n;
  return "expression #" + std::to_string(id);
}

} // namespace wa
