// RefSlots: reference values live across a call that can unwind. A frame in
// linear memory cannot hold them, so it holds an i32 handle to a slot of a
// table inside the module instead.
#pragma once

#include "lib/Module.h"

#include <binaryen-c.h>

#include <cstdint>
#include <string>

namespace wa {

// The reference types a frame can save: one table, one pair of helpers each.
enum class RefSlotKind : uint8_t { Externref = 0, Funcref = 1 };
inline constexpr uint32_t kRefSlotKinds = 2;

// The kind that saves a value of type t, or -1: only the nullable
// `externref` and `funcref` (typed references would need a cast back).
int refSlotKind(BinaryenType t);
BinaryenType refSlotType(uint32_t kind);

// Names not taken in the module, chosen with the runtime's
// (passes/RuntimeApi.h) before instrumenting, whose calls name the helpers.
struct RefSlotNames {
  std::string put[kRefSlotKinds];   // (T) -> i32: a new slot holding the value
  std::string take[kRefSlotKinds];  // (i32) -> T: the slot's value; frees it
  std::string table[kRefSlotKinds]; // the slots
  std::string live[kRefSlotKinds];  // i32 global: slots in use
  std::string hint[kRefSlotKinds];  // i32 global: where the next search starts
};

// Adds, for each kind in `kinds` (bit k for kind k), the table, its two
// globals and the two helpers. Turns on reference types.
void addRefSlots(BinaryenModuleRef m, const RefSlotNames &names, uint32_t kinds);

} // namespace wa
