// LocalLimit: keeps rewritten functions within the number of locals engines
// accept. See LocalLimit.cpp.
#pragma once

#include <binaryen-c.h>

#include <string>
#include <vector>

namespace wa {

// For each named function with more locals than engines accept
// (kMaxFunctionLocals): drops unused locals, and in a function that was
// flattened (`flattened[i]` for functions[i]) sinks flattening's
// temporaries; if it is still over the limit, throws ExitCode::Unsupported
// naming the function. Returns how many functions were compacted.
size_t enforceLocalLimit(BinaryenModuleRef m, const std::vector<std::string> &functions,
                         const std::vector<bool> &flattened, const std::string &file);

} // namespace wa
