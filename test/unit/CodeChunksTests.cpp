// Validation of large modules in pieces (lib/CodeChunks.h, validateWithWabt)
// and the streaming check under it (lib/WabtStream.h):
// each piece keeps every section and some bodies; together they must find
// exactly what reading the whole module finds.
#include "lib/ByteCursor.h"
#include "lib/CodeChunks.h"
#include "lib/Diagnostics.h"
#include "lib/Module.h"
#include "lib/Parallel.h"
#include "lib/WabtStream.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>

using namespace wa;

namespace {

void section(std::vector<uint8_t> &m, uint8_t id, const std::vector<uint8_t> &payload) {
  m.push_back(id);
  appendLeb(m, payload.size());
  m.insert(m.end(), payload.begin(), payload.end());
}

// `n` functions of type (param i32) (result i32), body i: `local.get 0`,
// `i32.const i` then `nopsPer` nops and `i32.add`; one body (badBody) instead
// returns an f32. A custom section follows the code.
std::vector<uint8_t> makeModule(uint32_t n, uint32_t nopsPer, uint32_t badBody = UINT32_MAX) {
  std::vector<uint8_t> m = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  section(m, 1, {0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f});
  std::vector<uint8_t> funcs;
  appendLeb(funcs, n);
  for (uint32_t i = 0; i < n; i++)
    funcs.push_back(0);
  section(m, 3, funcs);
  std::vector<uint8_t> code;
  appendLeb(code, n);
  for (uint32_t i = 0; i < n; i++) {
    std::vector<uint8_t> body = {0x00, 0x20, 0x00, 0x41};
    appendLeb(body, i & 0x3f);
    body.insert(body.end(), nopsPer, 0x01);
    if (i == badBody)
      body.insert(body.end(), {0x1a, 0x43, 0, 0, 0, 0}); // drop, f32.const 0
    else
      body.push_back(0x6a);
    body.push_back(0x0b);
    appendLeb(code, body.size());
    code.insert(code.end(), body.begin(), body.end());
  }
  section(m, 10, code);
  section(m, 0, {0x04, 'n', 'o', 't', 'e', 0x2a});
  return m;
}

std::string errorOf(const std::vector<uint8_t> &bytes, size_t chunkBytes) {
  try {
    validateWithWabt(bytes, "m.wasm", chunkBytes);
  } catch (const Error &e) {
    return e.diagnostic().what + " @ " + e.diagnostic().where;
  }
  return "";
}

} // namespace

TEST_CASE("the code layout lists every body", "[chunks]") {
  std::vector<uint8_t> m = makeModule(5, 3);
  std::optional<CodeLayout> layout = findCodeLayout(m);
  REQUIRE(layout);
  REQUIRE(layout->bodies.size() == 5);
  CHECK(m[layout->sectionStart] == 10);
  CHECK(layout->bodies.front().first > layout->sectionStart);
  CHECK(layout->bodies.back().second == layout->sectionEnd);
  CHECK(m[layout->sectionEnd] == 0); // the custom section after it
}

TEST_CASE("no code section or broken framing gives no layout", "[chunks]") {
  std::vector<uint8_t> empty = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  CHECK_FALSE(findCodeLayout(empty));
  std::vector<uint8_t> m = makeModule(3, 1);
  std::optional<CodeLayout> layout = findCodeLayout(m);
  REQUIRE(layout);
  m[layout->bodies[1].first] = 0x7f; // a body longer than the section
  CHECK_FALSE(findCodeLayout(m));
}

TEST_CASE("chunks cover every body once, in order", "[chunks]") {
  std::vector<uint8_t> m = makeModule(10, 20);
  CodeLayout layout = *findCodeLayout(m);
  auto chunks = chunkBodies(layout, 50);
  REQUIRE(chunks.size() > 1);
  size_t next = 0;
  for (auto [first, last] : chunks) {
    CHECK(first == next);
    CHECK(last > first);
    next = last;
  }
  CHECK(next == 10);
}

TEST_CASE("a piece is a valid module that keeps the other sections", "[chunks]") {
  std::vector<uint8_t> m = makeModule(6, 4);
  CodeLayout layout = *findCodeLayout(m);
  std::vector<uint8_t> piece = moduleWithBodies(m, layout, 2, 4);
  CHECK(piece.size() < m.size());
  CHECK(errorOf(piece, 0) == "");
  std::optional<CodeLayout> pieceLayout = findCodeLayout(piece);
  REQUIRE(pieceLayout);
  REQUIRE(pieceLayout->bodies.size() == 6);
  auto bytesOf = [](const std::vector<uint8_t> &b, std::pair<size_t, size_t> r) {
    return std::vector<uint8_t>(b.begin() + r.first, b.begin() + r.second);
  };
  CHECK(bytesOf(piece, pieceLayout->bodies[2]) == bytesOf(m, layout.bodies[2]));
  CHECK(bytesOf(piece, pieceLayout->bodies[3]) == bytesOf(m, layout.bodies[3]));
  CHECK(bytesOf(piece, pieceLayout->bodies[0]) == std::vector<uint8_t>{0x03, 0x00, 0x00, 0x0b});
  // What follows the code section is kept.
  CHECK(std::equal(m.begin() + layout.sectionEnd, m.end(),
                   piece.end() - (m.size() - layout.sectionEnd)));
}

TEST_CASE("validating in pieces finds what reading the whole finds", "[chunks]") {
  // About 40 KiB of code, read in pieces of 1 KiB.
  std::vector<uint8_t> good = makeModule(400, 90);
  CHECK(errorOf(good, 1024) == "");
  for (uint32_t bad : {0u, 217u, 399u}) {
    INFO("bad body " << bad);
    std::vector<uint8_t> m = makeModule(400, 90, bad);
    std::string whole = errorOf(m, 0);
    CHECK(whole.find("invalid module") != std::string::npos);
    CHECK(whole.find("offset 0x") != std::string::npos);
    CHECK(errorOf(m, 1024) == whole);
  }
}

TEST_CASE("the streaming check tells valid, invalid and malformed apart", "[chunks]") {
  wabt::Features features;
  std::vector<uint8_t> good = makeModule(50, 2);
  CHECK(validateStreaming("m.wasm", good.data(), good.size(), features).errors.empty());

  std::vector<uint8_t> bad = makeModule(50, 2, 17);
  StreamCheck invalid = validateStreaming("m.wasm", bad.data(), bad.size(), features);
  REQUIRE_FALSE(invalid.errors.empty());
  for (const wabt::Error &e : invalid.errors) // the reader's notes are left out
    CHECK(e.message.find("callback failed") == std::string::npos);
  INFO(invalid.errors[0].message);
  CHECK_FALSE(invalid.malformed);
  CHECK(invalid.errors[0].message.find("type mismatch") != std::string::npos);
  // At the bad body, where the tree-building check puts it too.
  CodeLayout layout = *findCodeLayout(bad);
  CHECK(invalid.errors[0].loc.offset > layout.bodies[17].first);
  CHECK(invalid.errors[0].loc.offset <= layout.bodies[17].second);
  CHECK(errorOf(bad, 0).find("invalid module: type mismatch") == 0);

  std::vector<uint8_t> cut(good.begin(),
                           good.begin() + static_cast<std::ptrdiff_t>(layout.bodies[30].first + 3));
  StreamCheck truncated = validateStreaming("m.wasm", cut.data(), cut.size(), features);
  REQUIRE_FALSE(truncated.errors.empty());
  CHECK(truncated.malformed);
}

TEST_CASE("parallelFor runs every index and reports the lowest failure", "[parallel]") {
  for (unsigned j : {1u, 2u, 4u}) {
    setJobs(j);
    std::vector<std::atomic<int>> seen(100);
    parallelFor(100, [&](size_t i) { seen[i]++; });
    for (auto &s : seen)
      CHECK(s == 1);
    std::atomic<int> calls{0};
    try {
      parallelFor(50, [&](size_t i) {
        calls++;
        if (i % 7 == 3)
          throw std::runtime_error(std::to_string(i));
      });
      FAIL("no exception");
    } catch (const std::runtime_error &e) {
      CHECK(std::string(e.what()) == "3");
    }
    CHECK(calls == 50);
  }
  setJobs(0);
}
