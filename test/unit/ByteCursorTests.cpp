// Unit tests for lib/ByteCursor: LEB128 reads at their bounds (the byte count
// and the unused bits of the last byte) and reads that would pass the end.
#include "lib/ByteCursor.h"

#include <catch2/catch.hpp>

namespace {

std::optional<uint64_t> readLeb(std::vector<uint8_t> bytes, unsigned maxBits,
                                size_t *used = nullptr) {
  wa::ByteCursor c{bytes, 0, bytes.size()};
  auto v = c.leb(maxBits);
  if (used)
    *used = c.pos;
  return v;
}

} // namespace

TEST_CASE("ByteCursor reads u32 LEB128s up to five bytes", "[bytecursor]") {
  size_t used = 0;
  CHECK(readLeb({0x00}, 32) == 0u);
  CHECK(readLeb({0xe5, 0x8e, 0x26}, 32, &used) == 624485u);
  CHECK(used == 3);
  CHECK(readLeb({0xff, 0xff, 0xff, 0xff, 0x0f}, 32) == 0xffffffffu);
  // Padded, still five bytes: valid.
  CHECK(readLeb({0x80, 0x80, 0x80, 0x80, 0x00}, 32) == 0u);
  // The fifth byte may only use its low four bits.
  CHECK_FALSE(readLeb({0xff, 0xff, 0xff, 0xff, 0x1f}, 32));
  // A sixth byte is too many, whatever its value.
  CHECK_FALSE(readLeb({0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 32));
  // Truncated.
  CHECK_FALSE(readLeb({0x80, 0x80}, 32));
  CHECK_FALSE(readLeb({}, 32));
}

TEST_CASE("ByteCursor reads u64 LEB128s up to ten bytes", "[bytecursor]") {
  std::vector<uint8_t> max(9, 0xff);
  max.push_back(0x01);
  CHECK(readLeb(max, 64) == ~uint64_t(0));
  std::vector<uint8_t> over(9, 0xff);
  over.push_back(0x02); // a 65th bit
  CHECK_FALSE(readLeb(over, 64));
  std::vector<uint8_t> eleven(10, 0x80);
  eleven.push_back(0x00);
  CHECK_FALSE(readLeb(eleven, 64));
  CHECK(readLeb({0x80, 0x80, 0x80, 0x80, 0x10}, 64) == (uint64_t(1) << 32));
}

TEST_CASE("ByteCursor skips and refuses to pass the end", "[bytecursor]") {
  std::vector<uint8_t> bytes = {0xc0, 0xbb, 0x78, 0x01, 0x02, 'a', 'b', 0x02, 'a', 0x00};
  wa::ByteCursor c{bytes, 0, bytes.size()};
  CHECK(c.skipLeb()); // a signed LEB128 of three bytes
  CHECK(c.pos == 3);
  CHECK(c.skip(2));
  CHECK(c.pos == 5);
  CHECK_FALSE(c.skip(6));
  CHECK(c.pos == 5);
  wa::ByteCursor name{bytes, 4, bytes.size()};
  CHECK(name.skipName()); // "ab"
  CHECK(name.pos == 7);
  CHECK_FALSE(name.skipName()); // "a\0": a NUL in a name
  wa::ByteCursor unterminated{bytes, 0, 2};
  CHECK_FALSE(unterminated.skipLeb());
  CHECK(unterminated.byte() == std::nullopt); // and nothing past the end
}

TEST_CASE("appendLeb writes the shortest LEB128, which ByteCursor reads back", "[bytecursor]") {
  std::vector<uint8_t> out;
  wa::appendLeb(out, 0);
  CHECK(out == std::vector<uint8_t>{0x00});
  out.clear();
  wa::appendLeb(out, 624485);
  CHECK(out == std::vector<uint8_t>{0xe5, 0x8e, 0x26});
  for (uint64_t v : {uint64_t(0), uint64_t(127), uint64_t(128), uint64_t(1) << 32, ~uint64_t(0)}) {
    std::vector<uint8_t> bytes;
    wa::appendLeb(bytes, v);
    wa::ByteCursor c{bytes, 0, bytes.size()};
    CHECK(c.leb(64) == v);
    CHECK(c.pos == bytes.size());
  }
}
