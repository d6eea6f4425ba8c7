#include "lib/ConstantExprGuard.h"

#include "lib/ByteCursor.h"
#include "lib/Diagnostics.h"

#include <fmt/format.h>

namespace wa {

namespace {

// The outcome of scanning one constant expression.
enum class Scan { Ok, Unknown, Control };

struct Scanner {
  ByteCursor c;
  size_t controlAt = 0;
  uint8_t controlOpcode = 0;

  // A value type or reference type: one byte, or (ref null? ht) with a heap
  // type that is a signed LEB128.
  bool valueType() {
    auto b = c.byte();
    if (!b)
      return false;
    if (*b == 0x63 || *b == 0x64 || *b == 0x6b || *b == 0x6c)
      return c.skipLeb(5);
    return true;
  }

  bool limits() {
    auto flags = c.byte();
    if (!flags || !c.leb(64))
      return false;
    return !(*flags & 1) || c.leb(64);
  }

  // Instructions up to the `end` that closes the expression.
  Scan expression() {
    for (;;) {
      size_t at = c.pos;
      auto op = c.byte();
      if (!op)
        return Scan::Unknown;
      switch (*op) {
      case 0x0b: // end
        return Scan::Ok;
      case 0x02: // block
      case 0x03: // loop
      case 0x04: // if
      case 0x05: // else
      case 0x06: // try
      case 0x07: // catch
      case 0x18: // delegate
      case 0x19: // catch_all
        controlAt = at;
        controlOpcode = *op;
        return Scan::Control;
      default:
        // Not allowed in a constant expression either, but harmless to
        // WABT's reader: skipped by its immediates, so that a structured
        // instruction after it is still found.
        if (!immediates(*op))
          return Scan::Unknown;
        break;
      }
    }
  }

  // Skips the immediates of a non-structured instruction; false for an
  // opcode this scan does not know (GC, most SIMD) or truncated bytes.
  bool immediates(uint8_t op) {
    auto memarg = [&] { return c.leb() && c.leb(64); };
    if (op <= 0x01 || op == 0x0f || op == 0x1a || op == 0x1b || op == 0xd1 ||
        (op >= 0x45 && op <= 0xc4))
      return true; // none: unreachable, nop, return, drop, select, numeric
    if ((op >= 0x0c && op <= 0x0d) || op == 0x10 || op == 0x12 || (op >= 0x20 && op <= 0x26) ||
        op == 0x3f || op == 0x40 || op == 0x08 || op == 0x09 || op == 0xd2 || op == 0xd0)
      return bool(c.leb(64)); // one index (or a heap type's LEB)
    if (op == 0x11 || op == 0x13)
      return c.leb() && c.leb(); // type and table
    if (op >= 0x28 && op <= 0x3e)
      return memarg();
    switch (op) {
    case 0x41:
    case 0x42:
      return c.skipLeb();
    case 0x43:
      return c.skip(4);
    case 0x44:
      return c.skip(8);
    case 0x0e: { // br_table
      auto n = c.leb();
      if (!n)
        return false;
      for (uint64_t i = 0; i <= *n; i++)
        if (!c.leb())
          return false;
      return true;
    }
    case 0x1c: { // select with types
      auto n = c.leb();
      if (!n)
        return false;
      for (uint64_t i = 0; i < *n; i++)
        if (!valueType())
          return false;
      return true;
    }
    case 0xfc: { // saturating truncation, bulk memory, tables
      auto sub = c.leb();
      if (!sub || *sub > 17)
        return false;
      if (*sub <= 7)
        return true;
      if (*sub == 8 || *sub == 10 || *sub == 12 || *sub == 14)
        return c.leb() && c.leb();
      return bool(c.leb());
    }
    case 0xfd: { // SIMD: v128.const (the one allowed here) and the memory ones
      auto sub = c.leb();
      if (!sub)
        return false;
      if (*sub == 12)
        return c.skip(16);
      if (*sub <= 11)
        return memarg();
      return false;
    }
    case 0xfe: { // atomics: a memarg each, but atomic.fence
      auto sub = c.leb();
      if (!sub)
        return false;
      return *sub == 3 ? bool(c.byte()) : memarg();
    }
    default:
      return false;
    }
  }

  // Each section's entries, up to their constant expressions. Returns false
  // when the scan has to stop.
  Scan tables() {
    auto count = c.leb();
    if (!count)
      return Scan::Unknown;
    for (uint64_t i = 0; i < *count; i++) {
      bool withInit = c.pos + 1 < c.end && c.bytes[c.pos] == 0x40 && c.bytes[c.pos + 1] == 0;
      if (withInit)
        c.pos += 2;
      if (!valueType() || !limits())
        return Scan::Unknown;
      if (withInit)
        if (Scan s = expression(); s != Scan::Ok)
          return s;
    }
    return Scan::Ok;
  }

  Scan globals() {
    auto count = c.leb();
    if (!count)
      return Scan::Unknown;
    for (uint64_t i = 0; i < *count; i++) {
      if (!valueType() || !c.byte())
        return Scan::Unknown;
      if (Scan s = expression(); s != Scan::Ok)
        return s;
    }
    return Scan::Ok;
  }

  Scan elements() {
    auto count = c.leb();
    if (!count)
      return Scan::Unknown;
    for (uint64_t i = 0; i < *count; i++) {
      auto flags = c.leb();
      if (!flags || *flags > 7)
        return Scan::Unknown;
      bool passiveOrDeclared = *flags & 1, explicitTable = *flags & 2, expressions = *flags & 4;
      if (!passiveOrDeclared && explicitTable && !c.leb())
        return Scan::Unknown;
      if (!passiveOrDeclared)
        if (Scan s = expression(); s != Scan::Ok)
          return s;
      if (passiveOrDeclared || explicitTable)
        if (expressions ? !valueType() : !c.byte()) // reference type or element kind
          return Scan::Unknown;
      auto n = c.leb();
      if (!n)
        return Scan::Unknown;
      for (uint64_t j = 0; j < *n; j++) {
        if (!expressions) {
          if (!c.leb())
            return Scan::Unknown;
        } else if (Scan s = expression(); s != Scan::Ok) {
          return s;
        }
      }
    }
    return Scan::Ok;
  }

  Scan data() {
    auto count = c.leb();
    if (!count)
      return Scan::Unknown;
    for (uint64_t i = 0; i < *count; i++) {
      auto flags = c.leb();
      if (!flags || *flags > 2)
        return Scan::Unknown;
      if (*flags == 2 && !c.leb())
        return Scan::Unknown;
      if (*flags != 1)
        if (Scan s = expression(); s != Scan::Ok)
          return s;
      auto size = c.leb();
      if (!size || !c.skip(*size))
        return Scan::Unknown;
    }
    return Scan::Ok;
  }
};

const char *controlName(uint8_t op) {
  switch (op) {
  case 0x02:
    return "block";
  case 0x03:
    return "loop";
  case 0x04:
    return "if";
  case 0x05:
    return "else";
  case 0x06:
    return "try";
  case 0x07:
    return "catch";
  case 0x18:
    return "delegate";
  default:
    return "catch_all";
  }
}

} // namespace

void checkConstantExpressions(const std::vector<uint8_t> &binary, const std::string &file) {
  ByteCursor sections{binary, 8, binary.size()};
  while (sections.pos < binary.size()) {
    auto id = sections.byte();
    auto size = sections.leb();
    if (!id || !size || *size > sections.end - sections.pos)
      return; // WABT's reader reports it
    size_t begin = sections.pos;
    sections.pos += *size;
    Scanner s{ByteCursor{binary, begin, begin + *size}};
    Scan result = Scan::Ok;
    switch (*id) {
    case 4:
      result = s.tables();
      break;
    case 6:
      result = s.globals();
      break;
    case 9:
      result = s.elements();
      break;
    case 11:
      result = s.data();
      break;
    default:
      break;
    }
    if (result == Scan::Control)
      throw Error(ExitCode::Input,
                  {file,
                   fmt::format("malformed module: a constant expression holds `{}`; only "
                               "function bodies may hold structured instructions",
                               controlName(s.controlOpcode)),
                   fmt::format("offset {:#x}", s.controlAt)});
    if (result == Scan::Unknown)
      return;
  }
}

} // namespace wa
