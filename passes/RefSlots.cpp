// RefSlots: reference values across an unwind.
//
// A frame lives in linear memory, where an `externref` or `funcref` cannot
// be stored. Such a value is kept in a table of its type inside the module,
// and the frame holds the slot's index (4 bytes) instead:
//
//   unwinding:  store i32 (call $put (local.get $ref))
//   rewinding:  local.set $ref (call $take (load i32))
//
// `put` returns -1 for null without taking a slot; otherwise it takes a free
// slot (one holding null), searching from a hint that moves past each slot
// it takes, and grows the table (by its size, at least 16) whenever half of it is
// in use, so the search is short. `take` reads the slot, clears it (the
// table keeps no reference the program has let go) and frees it.
//
// Slots are found by search rather than pushed on a stack because several
// stacks can be suspended at once, each in its own data block, and rewound
// in any order (coroutines, fibers): a slot belongs to the frame whose handle
// names it, wherever that frame's block is. Each frame is rewound at most
// once; a stack that is never rewound keeps its slots. The tables are not
// exported: hosts see the Binaryen ABI unchanged.
//
// Cost: constant code per kind used; at run time, one call per reference
// saved or restored, only while unwinding or rewinding.
#include "passes/RefSlots.h"

#include <vector>

namespace wa {

namespace {

using E = BinaryenExpressionRef;

E i32(BinaryenModuleRef m, int32_t v) {
  return BinaryenConst(m, BinaryenLiteralInt32(v));
}

E block(BinaryenModuleRef m, std::vector<E> kids, const char *label = nullptr,
        BinaryenType type = BinaryenTypeAuto()) {
  return BinaryenBlock(m, label, kids.data(), static_cast<BinaryenIndex>(kids.size()), type);
}

} // namespace

int refSlotKind(BinaryenType t) {
  if (t == BinaryenTypeExternref())
    return static_cast<int>(RefSlotKind::Externref);
  if (t == BinaryenTypeFuncref())
    return static_cast<int>(RefSlotKind::Funcref);
  return -1;
}

BinaryenType refSlotType(uint32_t kind) {
  return kind == static_cast<uint32_t>(RefSlotKind::Externref) ? BinaryenTypeExternref()
                                                               : BinaryenTypeFuncref();
}

void addRefSlots(BinaryenModuleRef m, const RefSlotNames &names, uint32_t kinds) {
  if (kinds == 0)
    return;
  BinaryenModuleSetFeatures(m, BinaryenModuleGetFeatures(m) | BinaryenFeatureReferenceTypes());
  BinaryenType i32t = BinaryenTypeInt32();
  for (uint32_t k = 0; k < kRefSlotKinds; k++) {
    if (!(kinds & (1u << k)))
      continue;
    BinaryenType t = refSlotType(k);
    const char *table = names.table[k].c_str();
    const char *live = names.live[k].c_str();
    const char *hint = names.hint[k].c_str();
    BinaryenAddTable(m, table, 0, 0xffffffffu, t);
    BinaryenAddGlobal(m, live, i32t, true, i32(m, 0));
    BinaryenAddGlobal(m, hint, i32t, true, i32(m, 0));
    auto liveGet = [&] { return BinaryenGlobalGet(m, live, i32t); };
    auto isNull = [&](E v) { return BinaryenRefIs(m, BinaryenRefIsNull(), v); };

    // put: locals 0 value, 1 index, 2 table size.
    {
      auto value = [&] { return BinaryenLocalGet(m, 0, t); };
      auto index = [&] { return BinaryenLocalGet(m, 1, i32t); };
      auto size = [&] { return BinaryenLocalGet(m, 2, i32t); };
      E grow =
          block(m, {BinaryenIf(m,
                               BinaryenBinary(m, BinaryenEqInt32(),
                                              BinaryenTableGrow(m, table, BinaryenRefNull(m, t),
                                                                BinaryenSelect(m, size(), size(),
                                                                               i32(m, 16), i32t)),
                                              i32(m, -1)),
                               BinaryenUnreachable(m), nullptr),
                    BinaryenLocalSet(m, 2, BinaryenTableSize(m, table))});
      E scan = BinaryenLoop(
          m, "scan",
          block(m, {BinaryenIf(m, BinaryenBinary(m, BinaryenGeUInt32(), index(), size()),
                               BinaryenLocalSet(m, 1, i32(m, 0)), nullptr),
                    BinaryenIf(m,
                               BinaryenUnary(m, BinaryenEqZInt32(),
                                             isNull(BinaryenTableGet(m, table, index(), t))),
                               block(m, {BinaryenLocalSet(m, 1,
                                                          BinaryenBinary(m, BinaryenAddInt32(),
                                                                         index(), i32(m, 1))),
                                         BinaryenBreak(m, "scan", nullptr, nullptr)}),
                               nullptr)}));
      std::vector<E> body{
          BinaryenIf(m, isNull(value()), BinaryenReturn(m, i32(m, -1)), nullptr),
          BinaryenLocalSet(m, 2, BinaryenTableSize(m, table)),
          BinaryenIf(m,
                     BinaryenBinary(m, BinaryenGeUInt32(),
                                    BinaryenBinary(m, BinaryenShlInt32(), liveGet(), i32(m, 1)),
                                    size()),
                     grow, nullptr),
          BinaryenLocalSet(m, 1, BinaryenGlobalGet(m, hint, i32t)),
          scan,
          BinaryenTableSet(m, table, index(), value()),
          BinaryenGlobalSet(m, hint, BinaryenBinary(m, BinaryenAddInt32(), index(), i32(m, 1))),
          BinaryenGlobalSet(m, live, BinaryenBinary(m, BinaryenAddInt32(), liveGet(), i32(m, 1))),
          index()};
      BinaryenType vars[] = {i32t, i32t};
      BinaryenAddFunction(m, names.put[k].c_str(), t, i32t, vars, 2, block(m, body, nullptr, i32t));
    }

    // take: locals 0 index, 1 value.
    {
      auto index = [&] { return BinaryenLocalGet(m, 0, i32t); };
      std::vector<E> body{
          BinaryenIf(m, BinaryenBinary(m, BinaryenLtSInt32(), index(), i32(m, 0)),
                     BinaryenReturn(m, BinaryenRefNull(m, t)), nullptr),
          BinaryenLocalSet(m, 1, BinaryenTableGet(m, table, index(), t)),
          BinaryenTableSet(m, table, index(), BinaryenRefNull(m, t)),
          BinaryenGlobalSet(m, live, BinaryenBinary(m, BinaryenSubInt32(), liveGet(), i32(m, 1))),
          BinaryenLocalGet(m, 1, t)};
      BinaryenType vars[] = {t};
      BinaryenAddFunction(m, names.take[k].c_str(), i32t, t, vars, 1, block(m, body, nullptr, t));
    }
  }
}

} // namespace wa
