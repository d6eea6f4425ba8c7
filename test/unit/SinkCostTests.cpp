// Unit tests for lib/SinkCost: the estimate of simplify-locals' work that
// decides where it runs. Straight-line sets read only at the end cost
// quadratically, sets read right away linearly, and control flow ends a run.
#include "WatHelpers.h"

#include "lib/SinkCost.h"

#include <catch2/catch.hpp>

#include <string>

using namespace wa;
using namespace wa::test;

namespace {

// A function that sets `n` locals from its parameter, then, if `readAtEnd`,
// sums them all at the end, else reads each right after setting it.
std::string straightLine(int n, bool readAtEnd) {
  std::string wat = "(module (func $f (param i32) (result i32) (local $acc i32)";
  for (int i = 0; i < n; i++)
    wat += " (local i32)";
  for (int i = 0; i < n; i++) {
    wat += " (local.set " + std::to_string(i + 2) + " (local.get 0))";
    if (!readAtEnd)
      wat +=
          " (local.set $acc (i32.add (local.get $acc) (local.get " + std::to_string(i + 2) + ")))";
  }
  if (readAtEnd)
    for (int i = 0; i < n; i++)
      wat +=
          " (local.set $acc (i32.add (local.get $acc) (local.get " + std::to_string(i + 2) + ")))";
  return wat + " (local.get $acc)))";
}

uint64_t workOf(const std::string &wat) {
  Module m = parseWat(wat);
  return sinkingWork(BinaryenGetFunction(m.ref(), "f"));
}

} // namespace

TEST_CASE("sinkingWork grows with the square of sets read only at the end", "[sink-cost]") {
  uint64_t small = workOf(straightLine(200, true));
  uint64_t large = workOf(straightLine(400, true));
  // Twice the sets: about four times the work.
  CHECK(large > 3 * small);
  CHECK(small >= 200 * 200 / 2);
}

TEST_CASE("sinkingWork stays linear when each set is read right away", "[sink-cost]") {
  uint64_t small = workOf(straightLine(200, false));
  uint64_t large = workOf(straightLine(400, false));
  CHECK(large < 3 * small);
  // $acc itself stays pending between its set and the next read of it: a
  // few units per statement.
  CHECK(large < 400 * 10);
}

TEST_CASE("sinkingWork ends a run at control flow", "[sink-cost]") {
  // The same sets, but each in a loop of its own: nothing stays pending.
  std::string wat = "(module (func $f (param i32) (result i32) (local $acc i32)";
  for (int i = 0; i < 300; i++)
    wat += " (local i32)";
  for (int i = 0; i < 300; i++)
    wat += " (loop (local.set " + std::to_string(i + 2) + " (local.get 0)))";
  for (int i = 0; i < 300; i++)
    wat += " (local.set $acc (i32.add (local.get $acc) (local.get " + std::to_string(i + 2) + ")))";
  wat += " (local.get $acc)))";
  CHECK(workOf(wat) < 300 * 10);
  CHECK(workOf(straightLine(300, true)) > 300 * 300 / 2);
}

TEST_CASE("sinkingAffordable refuses the quadratic case only", "[sink-cost]") {
  Module quadratic = parseWat(straightLine(16000, true));
  CHECK(sinkingWork(BinaryenGetFunction(quadratic.ref(), "f")) > kMaxSinkingWork);
  CHECK_FALSE(sinkingAffordable(BinaryenGetFunction(quadratic.ref(), "f")));
  Module linear = parseWat(straightLine(16000, false));
  CHECK(sinkingAffordable(BinaryenGetFunction(linear.ref(), "f")));
}
