#include "lib/IrWalk.h"

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

bool childrenOf(BinaryenExpressionRef e, std::vector<BinaryenExpressionRef> &out) {
  const ExprIds &I = ExprIds::get();
  BinaryenExpressionId id = BinaryenExpressionGetId(e);
  auto add = [&](BinaryenExpressionRef c) { out.push_back(c); };
  if (id == I.Block) {
    BinaryenIndex n = BinaryenBlockGetNumChildren(e);
    for (BinaryenIndex i = 0; i < n; i++)
      add(BinaryenBlockGetChildAt(e, i));
  } else if (id == I.If) {
    add(BinaryenIfGetCondition(e));
    add(BinaryenIfGetIfTrue(e));
    add(BinaryenIfGetIfFalse(e));
  } else if (id == I.Loop) {
    add(BinaryenLoopGetBody(e));
  } else if (id == I.Break) {
    add(BinaryenBreakGetValue(e));
    add(BinaryenBreakGetCondition(e));
  } else if (id == I.Switch) {
    add(BinaryenSwitchGetValue(e));
    add(BinaryenSwitchGetCondition(e));
  } else if (id == I.Call) {
    BinaryenIndex n = BinaryenCallGetNumOperands(e);
    for (BinaryenIndex i = 0; i < n; i++)
      add(BinaryenCallGetOperandAt(e, i));
  } else if (id == I.CallIndirect) {
    BinaryenIndex n = BinaryenCallIndirectGetNumOperands(e);
    for (BinaryenIndex i = 0; i < n; i++)
      add(BinaryenCallIndirectGetOperandAt(e, i));
    add(BinaryenCallIndirectGetTarget(e));
  } else if (id == I.LocalSet) {
    add(BinaryenLocalSetGetValue(e));
  } else if (id == I.GlobalSet) {
    add(BinaryenGlobalSetGetValue(e));
  } else if (id == I.Load) {
    add(BinaryenLoadGetPtr(e));
  } else if (id == I.Store) {
    add(BinaryenStoreGetPtr(e));
    add(BinaryenStoreGetValue(e));
  } else if (id == I.AtomicRMW) {
    add(BinaryenAtomicRMWGetPtr(e));
    add(BinaryenAtomicRMWGetValue(e));
  } else if (id == I.AtomicCmpxchg) {
    add(BinaryenAtomicCmpxchgGetPtr(e));
    add(BinaryenAtomicCmpxchgGetExpected(e));
    add(BinaryenAtomicCmpxchgGetReplacement(e));
  } else if (id == I.AtomicWait) {
    add(BinaryenAtomicWaitGetPtr(e));
    add(BinaryenAtomicWaitGetExpected(e));
    add(BinaryenAtomicWaitGetTimeout(e));
  } else if (id == I.AtomicNotify) {
    add(BinaryenAtomicNotifyGetPtr(e));
    add(BinaryenAtomicNotifyGetNotifyCount(e));
  } else if (id == I.SIMDExtract) {
    add(BinaryenSIMDExtractGetVec(e));
  } else if (id == I.SIMDReplace) {
    add(BinaryenSIMDReplaceGetVec(e));
    add(BinaryenSIMDReplaceGetValue(e));
  } else if (id == I.SIMDShuffle) {
    add(BinaryenSIMDShuffleGetLeft(e));
    add(BinaryenSIMDShuffleGetRight(e));
  } else if (id == I.SIMDTernary) {
    add(BinaryenSIMDTernaryGetA(e));
    add(BinaryenSIMDTernaryGetB(e));
    add(BinaryenSIMDTernaryGetC(e));
  } else if (id == I.SIMDShift) {
    add(BinaryenSIMDShiftGetVec(e));
    add(BinaryenSIMDShiftGetShift(e));
  } else if (id == I.SIMDLoad) {
    add(BinaryenSIMDLoadGetPtr(e));
  } else if (id == I.SIMDLoadStoreLane) {
    add(BinaryenSIMDLoadStoreLaneGetPtr(e));
    add(BinaryenSIMDLoadStoreLaneGetVec(e));
  } else if (id == I.MemoryInit) {
    add(BinaryenMemoryInitGetDest(e));
    add(BinaryenMemoryInitGetOffset(e));
    add(BinaryenMemoryInitGetSize(e));
  } else if (id == I.MemoryCopy) {
    add(BinaryenMemoryCopyGetDest(e));
    add(BinaryenMemoryCopyGetSource(e));
    add(BinaryenMemoryCopyGetSize(e));
  } else if (id == I.MemoryFill) {
    add(BinaryenMemoryFillGetDest(e));
    add(BinaryenMemoryFillGetValue(e));
    add(BinaryenMemoryFillGetSize(e));
  } else if (id == I.Unary) {
    add(BinaryenUnaryGetValue(e));
  } else if (id == I.Binary) {
    add(BinaryenBinaryGetLeft(e));
    add(BinaryenBinaryGetRight(e));
  } else if (id == I.Select) {
    add(BinaryenSelectGetIfTrue(e));
    add(BinaryenSelectGetIfFalse(e));
    add(BinaryenSelectGetCondition(e));
  } else if (id == I.Drop) {
    add(BinaryenDropGetValue(e));
  } else if (id == I.Return) {
    add(BinaryenReturnGetValue(e));
  } else if (id == I.MemoryGrow) {
    add(BinaryenMemoryGrowGetDelta(e));
  } else if (id == I.RefIs) {
    add(BinaryenRefIsGetValue(e));
  } else if (id == I.RefEq) {
    add(BinaryenRefEqGetLeft(e));
    add(BinaryenRefEqGetRight(e));
  } else if (id == I.TableGet) {
    add(BinaryenTableGetGetIndex(e));
  } else if (id == I.TableSet) {
    add(BinaryenTableSetGetIndex(e));
    add(BinaryenTableSetGetValue(e));
  } else if (id == I.TableGrow) {
    add(BinaryenTableGrowGetValue(e));
    add(BinaryenTableGrowGetDelta(e));
  } else if (id == I.Try) {
    add(BinaryenTryGetBody(e));
    BinaryenIndex n = BinaryenTryGetNumCatchBodies(e);
    for (BinaryenIndex i = 0; i < n; i++)
      add(BinaryenTryGetCatchBodyAt(e, i));
  } else if (id == I.Throw) {
    BinaryenIndex n = BinaryenThrowGetNumOperands(e);
    for (BinaryenIndex i = 0; i < n; i++)
      add(BinaryenThrowGetOperandAt(e, i));
  } else if (id == I.TupleMake) {
    BinaryenIndex n = BinaryenTupleMakeGetNumOperands(e);
    for (BinaryenIndex i = 0; i < n; i++)
      add(BinaryenTupleMakeGetOperandAt(e, i));
  } else if (id == I.TupleExtract) {
    add(BinaryenTupleExtractGetTuple(e));
  } else if (id == I.Nop || id == I.LocalGet || id == I.GlobalGet || id == I.AtomicFence ||
             id == I.DataDrop || id == I.Const || id == I.MemorySize || id == I.Unreachable ||
             id == I.Pop || id == I.RefNull || id == I.RefFunc || id == I.TableSize ||
             id == I.Rethrow) {
    // leaves
  } else {
    return false;
  }
  return true;
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
