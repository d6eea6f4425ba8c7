// ConstantExprGuard: finds a block, loop, if, try or another structured
// instruction inside a constant expression (a global's initializer, a table's
// initializer, an element or data segment's offset, an element expression)
// before WABT reads the module: WABT 1.0.32's IR reader asserts on one and
// takes the whole process down (found by the libFuzzer target). No proposal
// allows them there, so such a module is malformed.
//
// One pass over the raw section headers, reading only the table, global,
// element and data sections; the code section is skipped by its size. Where
// the bytes stop making sense (truncated, an opcode this scan does not know)
// the scan stops and leaves the verdict to WABT's reader, which reports the
// error properly.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace wa {

// Throws Error(ExitCode::Input) naming the instruction and its offset.
void checkConstantExpressions(const std::vector<uint8_t> &binary, const std::string &file);

} // namespace wa
