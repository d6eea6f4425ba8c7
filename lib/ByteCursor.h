// ByteCursor: a bounded reader over [pos, end) of a module's raw bytes, for
// the checks that run before any wasm reader sees the input. Every read fails
// softly (nullopt or false) instead of running past the end.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace wa {

struct ByteCursor {
  const std::vector<uint8_t> &bytes;
  size_t pos, end;

  std::optional<uint8_t> byte() {
    if (pos >= end)
      return std::nullopt;
    return bytes[pos++];
  }
  // An unsigned LEB128 of at most `maxBits` bits (1..64): at most
  // ceil(maxBits / 7) bytes, the bits past `maxBits` zero.
  std::optional<uint64_t> leb(unsigned maxBits = 32) {
    uint64_t value = 0;
    unsigned maxBytes = (maxBits + 6) / 7;
    for (unsigned i = 0; i < maxBytes; i++) {
      if (pos >= end)
        return std::nullopt;
      uint8_t b = bytes[pos++];
      uint64_t part = b & 0x7f;
      unsigned shift = 7 * i; // < maxBits <= 64
      if (shift + 7 > maxBits && part >> (maxBits - shift))
        return std::nullopt; // more bits than maxBits
      value |= part << shift;
      if (!(b & 0x80))
        return value;
    }
    return std::nullopt; // too many bytes
  }
  // Any LEB128 (signed or not) of at most `maxBytes` bytes, value unread.
  bool skipLeb(unsigned maxBytes = 10) {
    for (unsigned i = 0; i < maxBytes; i++) {
      if (pos >= end)
        return false;
      if (!(bytes[pos++] & 0x80))
        return true;
    }
    return false;
  }
  bool skip(uint64_t n) {
    if (n > end - pos)
      return false;
    pos += n;
    return true;
  }
  // A name: a length and that many bytes, none of them NUL (Binaryen 108
  // aborts on a NUL in any name it reads).
  bool skipName() {
    auto len = leb();
    if (!len || *len > end - pos)
      return false;
    for (uint64_t i = 0; i < *len; i++)
      if (bytes[pos + i] == 0)
        return false;
    pos += *len;
    return true;
  }
};

// Appends `v` as an unsigned LEB128, in as few bytes as it needs.
inline void appendLeb(std::vector<uint8_t> &out, uint64_t v) {
  do {
    uint8_t b = v & 0x7f;
    v >>= 7;
    out.push_back(v ? (b | 0x80) : b);
  } while (v);
}

} // namespace wa
