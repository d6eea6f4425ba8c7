// WidenRefs: function references typed as plain `funcref` again, in modules
// without typed function references. See WidenRefs.cpp.
#pragma once

#include <binaryen-c.h>

#include <string>
#include <vector>

namespace wa {

// Widens typed function references in the named functions when the module's
// features do not include typed function references. Returns how many
// functions were rewritten.
size_t widenTypedRefs(BinaryenModuleRef m, const std::vector<std::string> &functions);

} // namespace wa
