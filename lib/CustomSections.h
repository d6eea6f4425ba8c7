// CustomSections: the custom sections of a module, made safe for Binaryen
// 108's reader. WABT validates a module's code and known sections but not
// what a custom section holds; Binaryen parses some of them (the name
// section) and aborts the process on anything it cannot parse, and it
// misreads WABT 1.0.32's tag-names subsection (id 10, the standard's field
// names). One pass over the sections, linear in the module's size.
#pragma once

#include "lib/Diagnostics.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wa {

// Returns the module with its custom sections checked and rewritten:
// - a custom section whose name does not fit in it is a malformed module
//   (throws ExitCode::Input, with the offset);
// - .debug_* sections are dropped: DWARF would no longer describe the
//   rewritten code, and Binaryen warns about it for every pass;
// - the name section keeps the subsections Binaryen 108 reads correctly
//   (module, function, local, type, table, memory, global, elem and data
//   names), each only when it parses in full; anything else in it is dropped
//   with a warning, never an error: the spec lets a consumer ignore a
//   malformed name section, and names do not change what a module does.
// Returns `binary` unchanged (a copy) when nothing needs to change.
std::vector<uint8_t> sanitizeCustomSections(const std::vector<uint8_t> &binary,
                                            const std::string &file,
                                            std::vector<Diagnostic> &warnings);

} // namespace wa
