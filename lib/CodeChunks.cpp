#include "lib/CodeChunks.h"

#include "lib/ByteCursor.h"

namespace wa {

namespace {

// A body of no locals and `unreachable end`, with its size.
constexpr uint8_t kStubBody[] = {0x03, 0x00, 0x00, 0x0b};

} // namespace

std::optional<CodeLayout> findCodeLayout(const std::vector<uint8_t> &bytes) {
  if (bytes.size() < 8)
    return std::nullopt;
  ByteCursor c{bytes, 8, bytes.size()};
  while (c.pos < c.end) {
    size_t start = c.pos;
    auto id = c.byte();
    auto size = c.leb();
    if (!id || !size || *size > c.end - c.pos)
      return std::nullopt;
    if (*id != 10) {
      c.pos += *size;
      continue;
    }
    CodeLayout layout;
    layout.sectionStart = start;
    layout.sectionEnd = c.pos + *size;
    ByteCursor body{bytes, c.pos, layout.sectionEnd};
    auto count = body.leb();
    if (!count || *count > layout.sectionEnd - body.pos)
      return std::nullopt;
    layout.bodies.reserve(*count);
    for (uint64_t i = 0; i < *count; i++) {
      size_t from = body.pos;
      auto length = body.leb();
      if (!length || !body.skip(*length))
        return std::nullopt;
      layout.bodies.emplace_back(from, body.pos);
    }
    if (body.pos != layout.sectionEnd)
      return std::nullopt;
    return layout;
  }
  return std::nullopt;
}

std::vector<std::pair<size_t, size_t>> chunkBodies(const CodeLayout &layout, size_t chunkBytes) {
  std::vector<std::pair<size_t, size_t>> chunks;
  size_t first = 0, bytes = 0;
  for (size_t i = 0; i < layout.bodies.size(); i++) {
    bytes += layout.bodies[i].second - layout.bodies[i].first;
    if (bytes >= chunkBytes || i + 1 == layout.bodies.size()) {
      chunks.emplace_back(first, i + 1);
      first = i + 1;
      bytes = 0;
    }
  }
  return chunks;
}

std::vector<uint8_t> moduleWithBodies(const std::vector<uint8_t> &bytes, const CodeLayout &layout,
                                      size_t first, size_t last) {
  std::vector<uint8_t> payload;
  appendLeb(payload, layout.bodies.size());
  for (size_t i = 0; i < layout.bodies.size(); i++) {
    if (i >= first && i < last)
      payload.insert(payload.end(), bytes.begin() + layout.bodies[i].first,
                     bytes.begin() + layout.bodies[i].second);
    else
      payload.insert(payload.end(), std::begin(kStubBody), std::end(kStubBody));
  }
  std::vector<uint8_t> out(bytes.begin(), bytes.begin() + layout.sectionStart);
  out.push_back(10);
  appendLeb(out, payload.size());
  out.insert(out.end(), payload.begin(), payload.end());
  out.insert(out.end(), bytes.begin() + layout.sectionEnd, bytes.end());
  return out;
}

} // namespace wa
