#include "lib/Diagnostics.h"

#include <fmt/format.h>

namespace wa {

std::string render(const char *severity, const Diagnostic &d) {
  std::string out;
  if (!d.file.empty())
    out += fmt::format("{}: ", d.file);
  out += fmt::format("{}: {}", severity, d.what);
  if (!d.where.empty())
    out += fmt::format(" [{}]", d.where);
  return out;
}

Error::Error(ExitCode code, Diagnostic diag)
    : code_(code), diag_(std::move(diag)), rendered_(render("error", diag_)) {}

} // namespace wa
