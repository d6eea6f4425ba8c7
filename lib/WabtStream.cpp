// Compiled as C++17 (CMakeLists.txt): WABT 1.0.32's interpreter headers
// declare destructors with template arguments, which C++20 forbids.
#include "lib/WabtStream.h"

#include <wabt/binary-reader.h>
#include <wabt/interp/binary-reader-interp.h>

#include <string_view>

namespace wa {

StreamCheck validateStreaming(const char *file, const uint8_t *data, size_t size,
                              const wabt::Features &features) {
  StreamCheck check;
  wabt::Errors all;
  wabt::ReadBinaryOptions options(features, nullptr, /*read_debug_names=*/false,
                                  /*stop_on_first_error=*/true,
                                  /*fail_on_custom_section_error=*/false);
  wabt::interp::ModuleDesc module;
  if (wabt::Succeeded(wabt::interp::ReadBinaryInterp(file, data, size, options, &all, &module)))
    return check;
  // A failed validation shows as the validator's messages, then the
  // reader's note that the callback which asked for it failed; the reader's
  // own errors (the module cannot be decoded) come without such a note.
  constexpr std::string_view kCallbackFailed = "callback failed";
  bool validation = false;
  for (wabt::Error &e : all) {
    std::string_view m = e.message;
    if (m.size() >= kCallbackFailed.size() &&
        m.substr(m.size() - kCallbackFailed.size()) == kCallbackFailed) {
      validation = true;
      continue;
    }
    check.errors.push_back(std::move(e));
  }
  check.malformed = !validation;
  if (check.errors.empty()) // a failure without a message of its own
    check.errors.emplace_back(wabt::ErrorLevel::Error, wabt::Location(), "cannot read the module");
  return check;
}

} // namespace wa
