// LocalLimit: keeps rewritten functions within the number of locals engines
// accept. See LocalLimit.cpp.
#pragma once

#include <binaryen-c.h>

#include <string>
#include <vector>

namespace wa {

// For each named function with more locals than engines accept
// (kMaxFunctionLocals): drops unused locals; if it is still over the limit,
// throws
// ExitCode::Unsupported naming the function. Returns how many functions
// were compacted.
size_t enforceLocalLimit(BinaryenModuleRef m, const std::vector<std::string> &functions,
                         const std::string &file);

} // namespace wa
