#include "lib/CustomSections.h"

#include "lib/ByteCursor.h"

#include <fmt/format.h>

#include <optional>
#include <string_view>

namespace wa {

namespace {

// Well-formed UTF-8 as the spec's names require: no overlong forms, no
// surrogates, nothing above U+10FFFF.
bool isUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<uint8_t>(s[i]);
    size_t n = b < 0x80             ? 0
               : (b & 0xe0) == 0xc0 ? 1
               : (b & 0xf0) == 0xe0 ? 2
               : (b & 0xf8) == 0xf0 ? 3
                                    : 4;
    if (n == 4 || i + n >= s.size()) // a stray continuation byte, or cut short
      return false;
    uint32_t cp = n == 0 ? b : b & (0x3f >> n);
    for (size_t k = 1; k <= n; k++) {
      auto c = static_cast<uint8_t>(s[i + k]);
      if ((c & 0xc0) != 0x80)
        return false;
      cp = cp << 6 | (c & 0x3f);
    }
    static const uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    i += n + 1;
  }
  return true;
}

// Name subsections Binaryen 108 reads as the standard defines them. 3 (labels)
// it does not read, and 10 it reads as field names while WABT 1.0.32 writes
// tag names there.
bool keptSubsection(uint8_t id) {
  return id <= 2 || (id >= 4 && id <= 9);
}

// Whether a subsection's content parses in full: a name (module), a name map
// (most), or an indirect name map (locals).
bool subsectionParses(const std::vector<uint8_t> &bytes, uint8_t id, size_t begin, size_t end) {
  ByteCursor c{bytes, begin, end};
  auto nameMap = [&] {
    auto count = c.leb();
    if (!count)
      return false;
    for (uint64_t i = 0; i < *count; i++)
      if (!c.leb() || !c.skipName())
        return false;
    return true;
  };
  bool ok;
  if (id == 0) {
    ok = c.skipName();
  } else if (id == 2) {
    auto count = c.leb();
    ok = bool(count);
    for (uint64_t i = 0; ok && i < *count; i++)
      ok = c.leb() && nameMap();
  } else {
    ok = nameMap();
  }
  return ok && c.pos == end;
}

struct NameSectionResult {
  std::vector<uint8_t> payload; // the subsections kept
  bool changed = false;
};

// The subsections of a name section's content [begin, end).
NameSectionResult filterNameSection(const std::vector<uint8_t> &bytes, size_t begin, size_t end,
                                    const std::string &file, std::vector<Diagnostic> &warnings) {
  NameSectionResult r;
  ByteCursor c{bytes, begin, end};
  int lastId = -1;
  while (c.pos < end) {
    size_t at = c.pos;
    uint8_t id = bytes[c.pos++];
    auto size = c.leb();
    size_t contentBegin = c.pos;
    if (!size || !c.skip(*size)) {
      warnings.push_back({file,
                          fmt::format("the name section is malformed (subsection {} runs past "
                                      "its end); the names from there on are dropped",
                                      id),
                          fmt::format("offset {:#x}", at)});
      r.changed = true;
      return r;
    }
    if (!keptSubsection(id)) {
      if (id != 3)
        warnings.push_back({file,
                            fmt::format("name subsection {} is dropped: Binaryen 108 cannot "
                                        "read it{}",
                                        id, id == 10 ? " (WABT writes tag names there)" : ""),
                            fmt::format("offset {:#x}", at)});
      r.changed = true;
      continue;
    }
    if (int(id) <= lastId || !subsectionParses(bytes, id, contentBegin, c.pos)) {
      warnings.push_back({file,
                          fmt::format("name subsection {} is {}; it is dropped", id,
                                      int(id) <= lastId ? "out of order or repeated" : "malformed"),
                          fmt::format("offset {:#x}", at)});
      r.changed = true;
      continue;
    }
    lastId = id;
    r.payload.insert(r.payload.end(), bytes.begin() + at, bytes.begin() + c.pos);
  }
  return r;
}

} // namespace

std::vector<uint8_t> sanitizeCustomSections(const std::vector<uint8_t> &in, const std::string &file,
                                            std::vector<Diagnostic> &warnings) {
  // The input passed WABT's reader, so the section headers can be trusted;
  // only the contents of custom sections are checked here.
  std::vector<uint8_t> out(in.begin(), in.begin() + std::min<size_t>(8, in.size()));
  bool changed = false;
  bool seenNames = false;
  ByteCursor c{in, 8, in.size()};
  while (c.pos < in.size()) {
    size_t start = c.pos;
    uint8_t id = in[c.pos++];
    auto size = c.leb();
    if (!size || !c.skip(*size))
      throw Error(ExitCode::Input, {file, "malformed module: a section runs past the end",
                                    fmt::format("offset {:#x}", start)});
    size_t contentBegin = c.pos - *size, end = c.pos;
    if (id != 0) {
      out.insert(out.end(), in.begin() + start, in.begin() + end);
      continue;
    }
    ByteCursor name{in, contentBegin, end};
    auto nameLen = name.leb();
    if (!nameLen || !name.skip(*nameLen))
      throw Error(ExitCode::Input,
                  {file, "malformed module: a custom section's name runs past the section's end",
                   fmt::format("offset {:#x}", start)});
    std::string_view sectionName(reinterpret_cast<const char *>(in.data()) + name.pos - *nameLen,
                                 *nameLen);
    const char *unreadable =
        sectionName.find('\0') != std::string_view::npos
            ? "a custom section whose name contains a NUL byte is dropped: Binaryen 108 cannot "
              "read such a name"
        : !isUtf8(sectionName) ? "a custom section whose name is not valid UTF-8 is dropped: the "
                                 "name is malformed, and the text format cannot print it"
                               : nullptr;
    if (unreadable) {
      warnings.push_back({file, unreadable, fmt::format("offset {:#x}", start)});
      changed = true;
      continue;
    }
    if (sectionName.starts_with(".debug_")) {
      changed = true;
      continue;
    }
    if (sectionName != "name") {
      out.insert(out.end(), in.begin() + start, in.begin() + end);
      continue;
    }
    if (seenNames) {
      warnings.push_back({file, "a second name section is dropped; the first one's names are kept",
                          fmt::format("offset {:#x}", start)});
      changed = true;
      continue;
    }
    seenNames = true;
    NameSectionResult names = filterNameSection(in, name.pos, end, file, warnings);
    if (!names.changed) {
      out.insert(out.end(), in.begin() + start, in.begin() + end);
      continue;
    }
    changed = true;
    std::vector<uint8_t> payload;
    appendLeb(payload, 4);
    payload.insert(payload.end(), {'n', 'a', 'm', 'e'});
    payload.insert(payload.end(), names.payload.begin(), names.payload.end());
    out.push_back(0);
    appendLeb(out, payload.size());
    out.insert(out.end(), payload.begin(), payload.end());
  }
  return changed ? out : in;
}

} // namespace wa
