// Unit tests for lib/FunctionRebuild's functionWhere: how messages point at a
// function, by name, or by wasm index for one the module does not name.
#include "WatHelpers.h"

#include "lib/FunctionRebuild.h"

#include <catch2/catch.hpp>

using namespace wa;
using namespace wa::test;

TEST_CASE("functionWhere names a function the module names", "[function-rebuild]") {
  Module m = parseWat(R"((module
    (import "env" "a" (func $a))
    (func $named)))");
  CHECK(functionWhere(m.ref(), "named") == "function named");
  CHECK(functionWhere(m.ref(), "a") == "function a");
}

TEST_CASE("functionWhere gives the wasm index of an unnamed function", "[function-rebuild]") {
  // No names: Binaryen names the defined functions 0, 1 (their position
  // among the defined ones); their wasm indices come after the 2 imports.
  Module m = parseWat(R"((module
    (import "env" "a" (func))
    (import "env" "b" (func))
    (func)
    (func)))");
  CHECK(BinaryenFunctionGetName(BinaryenGetFunctionByIndex(m.ref(), 3)) == std::string("1"));
  CHECK(functionWhere(m.ref(), "0") == "function #2");
  CHECK(functionWhere(m.ref(), "1") == "function #3");
  // A number that is no function's name stays as it is.
  CHECK(functionWhere(m.ref(), "7") == "function 7");
}
