// Unit tests for lib/FunctionRebuild: appendVars, which adds locals to a
// function in place, and functionWhere, how messages point at a function, by
// name, or by wasm index for one the module does not name.
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

TEST_CASE("appendVars adds vars of each type in place, after the existing ones",
          "[function-rebuild]") {
  Module m = parseWat(R"((module
    (func $f (param i32) (result i64)
      (local f32)
      (i64.const 7))
    (func $g)))");
  BinaryenModuleSetFeatures(m.ref(), BinaryenFeatureAll());
  BinaryenFunctionRef f = BinaryenGetFunction(m.ref(), "f");
  BinaryenExpressionRef body = BinaryenFunctionGetBody(f);
  std::vector<BinaryenType> types = {BinaryenTypeInt32(),   BinaryenTypeInt64(),
                                     BinaryenTypeFloat64(), BinaryenTypeVec128(),
                                     BinaryenTypeFuncref(), BinaryenTypeInt32()};
  REQUIRE(appendVars(m.ref(), f, types));
  // Still the same function: no removal, the module's order is unchanged.
  CHECK(BinaryenGetFunctionByIndex(m.ref(), 0) == f);
  REQUIRE(BinaryenFunctionGetNumVars(f) == 1 + types.size());
  CHECK(BinaryenFunctionGetVar(f, 0) == BinaryenTypeFloat32());
  for (size_t i = 0; i < types.size(); i++)
    CHECK(BinaryenFunctionGetVar(f, static_cast<BinaryenIndex>(1 + i)) == types[i]);
  // The caller sets the body; the module is then valid again.
  BinaryenFunctionSetBody(f, body);
  CHECK(BinaryenModuleValidate(m.ref()));
  // Nothing to add: nothing changes.
  BinaryenFunctionRef g = BinaryenGetFunction(m.ref(), "g");
  CHECK(appendVars(m.ref(), g, {}));
  CHECK(BinaryenFunctionGetNumVars(g) == 0);
}

TEST_CASE("appendVars refuses a type it has no constant for", "[function-rebuild]") {
  Module m = parseWat(R"((module (func $f (local i32))))");
  BinaryenFunctionRef f = BinaryenGetFunction(m.ref(), "f");
  BinaryenType tuple[] = {BinaryenTypeInt32(), BinaryenTypeInt64()};
  CHECK_FALSE(appendVars(m.ref(), f, {BinaryenTypeInt32(), BinaryenTypeCreate(tuple, 2)}));
  // Refused before anything was added.
  CHECK(BinaryenFunctionGetNumVars(f) == 1);
}
