// Catch2 entry point shared by all unit test files.
//
// GCC 12 reports a false -Wmaybe-uninitialized inside libstdc++'s <regex>,
// which Catch2's runner uses, when optimizing with sanitizers enabled; it is
// not in our code, so it is silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
