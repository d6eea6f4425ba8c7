// Unit tests for lib/Json: the pretty-printing writer (escaping, layout,
// numbers) and the strict JSON string-array reader (decoding, every error).
#include "lib/Diagnostics.h"
#include "lib/Json.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

using namespace wa;

namespace {

// The JSON text of a single string value.
std::string quoted(std::string_view s) {
  JsonWriter w;
  w.value(s);
  return w.str();
}

std::string number(double d) {
  JsonWriter w;
  w.value(d);
  return w.str();
}

// Parses `text`, which must fail; checks the exit code, file and location and
// that the message contains `what`.
void requireParseError(std::string_view text, std::string_view what, std::string_view where) {
  INFO("input: " << text);
  try {
    parseJsonStringArray(text, "list.json");
    FAIL("no error thrown");
  } catch (const Error &e) {
    INFO("message: " << e.what());
    REQUIRE(e.code() == ExitCode::ListFile);
    REQUIRE(e.diagnostic().file == "list.json");
    REQUIRE_THAT(e.diagnostic().what, Catch::Contains(std::string(what)));
    REQUIRE(e.diagnostic().where == where);
  }
}

} // namespace

TEST_CASE("JsonWriter escapes strings", "[json]") {
  SECTION("plain ASCII passes through") {
    REQUIRE(quoted("env.sleep") == R"("env.sleep")");
  }
  SECTION("quotes and backslashes") {
    REQUIRE(quoted(R"(say "hi" \ bye)") == R"("say \"hi\" \\ bye")");
  }
  SECTION("control characters become \\u00XX") {
    REQUIRE(quoted("a\nb\tc\rd") == R"("a\u000ab\u0009c\u000dd")");
    REQUIRE(quoted("\x01\x1f") == R"("\u0001\u001f")");
    REQUIRE(quoted(std::string_view("a\0b", 3)) == R"("a\u0000b")");
  }
  SECTION("DEL and slash are not escaped") {
    REQUIRE(quoted("\x7f/") == "\"\x7f/\"");
  }
  SECTION("valid UTF-8 passes through") {
    REQUIRE(quoted("caf\xC3\xA9") == "\"caf\xC3\xA9\"");           // é
    REQUIRE(quoted("\xE2\x82\xAC") == "\"\xE2\x82\xAC\"");         // €
    REQUIRE(quoted("\xF0\x9F\x98\x80") == "\"\xF0\x9F\x98\x80\""); // 😀
    REQUIRE(quoted("\xF4\x8F\xBF\xBF") == "\"\xF4\x8F\xBF\xBF\""); // U+10FFFF
    REQUIRE(quoted("\xE2\x80\xA8") == "\"\xE2\x80\xA8\"");         // U+2028
  }
  SECTION("each invalid UTF-8 byte becomes U+FFFD") {
    const std::string r = "\xEF\xBF\xBD";
    REQUIRE(quoted("a\xFF"
                   "b") == "\"a" + r + "b\"");
    REQUIRE(quoted("\x80") == "\"" + r + "\"");   // stray continuation
    REQUIRE(quoted("x\xC3") == "\"x" + r + "\""); // truncated at the end
    REQUIRE(quoted("\xE2\x82"
                   "a") == "\"" + r + r + "a\"");                       // truncated in the middle
    REQUIRE(quoted("\xC0\xAF") == "\"" + r + r + "\"");                 // overlong '/'
    REQUIRE(quoted("\xE0\x80\xAF") == "\"" + r + r + r + "\"");         // overlong 3-byte
    REQUIRE(quoted("\xED\xA0\x80") == "\"" + r + r + r + "\"");         // UTF-16 surrogate
    REQUIRE(quoted("\xF4\x90\x80\x80") == "\"" + r + r + r + r + "\""); // above U+10FFFF
    REQUIRE(quoted("\xF5\x80") == "\"" + r + r + "\"");
  }
  SECTION("keys are escaped the same way") {
    JsonWriter w;
    w.beginObject();
    w.key("a\"b\n");
    w.value(true);
    w.endObject();
    REQUIRE(w.str() == "{\n  \"a\\\"b\\u000a\": true\n}");
  }
}

TEST_CASE("JsonWriter pretty-prints nested containers", "[json]") {
  SECTION("empty containers") {
    JsonWriter o;
    o.beginObject();
    o.endObject();
    REQUIRE(o.str() == "{}");
    JsonWriter a;
    a.beginArray();
    a.endArray();
    REQUIRE(a.str() == "[]");
  }
  SECTION("nested document") {
    JsonWriter w;
    w.beginObject();
    w.key("tool");
    w.value("wasm-asyncify");
    w.key("imports");
    w.beginArray();
    w.value("env.sleep");
    w.beginObject();
    w.key("name");
    w.value("env.fetch");
    w.key("calls");
    w.value(3);
    w.endObject();
    w.endArray();
    w.key("empty");
    w.beginObject();
    w.endObject();
    w.key("none");
    w.beginArray();
    w.endArray();
    w.key("matrix");
    w.beginArray();
    w.beginArray();
    w.value(1);
    w.value(2);
    w.endArray();
    w.beginArray();
    w.endArray();
    w.endArray();
    w.key("missing");
    w.null();
    w.endObject();
    REQUIRE(w.str() == R"({
  "tool": "wasm-asyncify",
  "imports": [
    "env.sleep",
    {
      "name": "env.fetch",
      "calls": 3
    }
  ],
  "empty": {},
  "none": [],
  "matrix": [
    [
      1,
      2
    ],
    []
  ],
  "missing": null
})");
  }
  SECTION("a scalar document") {
    JsonWriter w;
    w.value(false);
    REQUIRE(w.str() == "false");
  }
  SECTION("string overloads") {
    JsonWriter w;
    w.beginArray();
    w.value("literal");
    w.value(std::string("string"));
    w.value(std::string_view("view"));
    w.value(static_cast<const char *>(nullptr));
    w.endArray();
    REQUIRE(w.str() == "[\n  \"literal\",\n  \"string\",\n  \"view\",\n  null\n]");
  }
}

TEST_CASE("JsonWriter formats numbers", "[json]") {
  SECTION("integers") {
    JsonWriter w;
    w.beginArray();
    w.value(int64_t{0});
    w.value(std::numeric_limits<int64_t>::min());
    w.value(std::numeric_limits<int64_t>::max());
    w.value(std::numeric_limits<uint64_t>::max());
    w.value(-7);         // int
    w.value(7u);         // unsigned
    w.value(size_t{42}); // size_t
    w.value(-5LL);       // long long
    w.value(static_cast<short>(-3));
    w.endArray();
    REQUIRE(w.str() == "[\n  0,\n  -9223372036854775808,\n  9223372036854775807,\n"
                       "  18446744073709551615,\n  -7,\n  7,\n  42,\n  -5,\n  -3\n]");
  }
  SECTION("booleans") {
    JsonWriter w;
    w.beginArray();
    w.value(true);
    w.value(false);
    w.endArray();
    REQUIRE(w.str() == "[\n  true,\n  false\n]");
  }
  SECTION("doubles use the shortest round-trip form") {
    REQUIRE(number(0.1) == "0.1");
    REQUIRE(number(1.5) == "1.5");
    REQUIRE(number(-2.25) == "-2.25");
    REQUIRE(number(3.0) == "3");
    REQUIRE(number(1e300) == "1e+300");
  }
  SECTION("doubles round-trip") {
    const double values[] = {0.1,
                             1.0 / 3.0,
                             2.0 / 3.0,
                             123456.789,
                             1e21,
                             1e-7,
                             6.02214076e23,
                             std::numeric_limits<double>::min(),
                             std::numeric_limits<double>::denorm_min(),
                             std::numeric_limits<double>::max(),
                             -std::numeric_limits<double>::max(),
                             -0.0};
    for (double d : values) {
      std::string text = number(d);
      INFO(text);
      REQUIRE(std::strtod(text.c_str(), nullptr) == d);
      REQUIRE(std::signbit(std::strtod(text.c_str(), nullptr)) == std::signbit(d));
      // JSON numbers: no "inf", "nan", no leading '+' or '.'.
      REQUIRE(text.find_first_not_of("0123456789+-.e") == std::string::npos);
      REQUIRE(text[0] != '+');
      REQUIRE(text[0] != '.');
    }
  }
  SECTION("non-finite doubles are null") {
    REQUIRE(number(std::numeric_limits<double>::quiet_NaN()) == "null");
    REQUIRE(number(std::numeric_limits<double>::infinity()) == "null");
    REQUIRE(number(-std::numeric_limits<double>::infinity()) == "null");
    JsonWriter w;
    w.beginObject();
    w.key("ratio");
    w.value(std::nan(""));
    w.endObject();
    REQUIRE(w.str() == "{\n  \"ratio\": null\n}");
  }
}

TEST_CASE("parseJsonStringArray reads arrays of strings", "[json]") {
  using V = std::vector<std::string>;
  SECTION("empty arrays") {
    REQUIRE(parseJsonStringArray("[]", "f").empty());
    REQUIRE(parseJsonStringArray(" \t\r\n[ \n ]\n", "f").empty());
  }
  SECTION("whitespace anywhere between tokens") {
    REQUIRE(parseJsonStringArray("\n[\n  \"a\" ,\r\n\t\"b\"\n]\n", "f") == V{"a", "b"});
  }
  SECTION("strings are not trimmed and may be empty") {
    REQUIRE(parseJsonStringArray(R"([" a ", "", "x,y"])", "f") == V{" a ", "", "x,y"});
  }
  SECTION("simple escapes") {
    REQUIRE(parseJsonStringArray(R"(["\"\\\/\b\f\n\r\t"])", "f") == V{"\"\\/\b\f\n\r\t"});
  }
  SECTION("\\u escapes decode to UTF-8") {
    REQUIRE(parseJsonStringArray(R"(["\u0041\u00e9\u20AC\uFFFF"])", "f") ==
            V{"A\xC3\xA9\xE2\x82\xAC\xEF\xBF\xBF"});
    REQUIRE(parseJsonStringArray(R"(["a\u0000b"])", "f") == V{std::string("a\0b", 3)});
  }
  SECTION("surrogate pairs") {
    REQUIRE(parseJsonStringArray(R"(["\ud83d\ude00"])", "f") == V{"\xF0\x9F\x98\x80"});
    REQUIRE(parseJsonStringArray(R"(["\uD800\uDC00", "\uDBFF\uDFFF"])", "f") ==
            V{"\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF"});
  }
  SECTION("raw UTF-8 passes through") {
    REQUIRE(parseJsonStringArray("[\"caf\xC3\xA9\", \"\xF0\x9F\x98\x80\"]", "f") ==
            V{"caf\xC3\xA9", "\xF0\x9F\x98\x80"});
  }
  SECTION("writer output reads back") {
    const char raw[] = "quote\" back\\ nl\n nul\0 \xC3\xA9 \x1f \xE2\x82\xAC";
    const std::string tricky(raw, sizeof raw - 1);
    JsonWriter w;
    w.beginArray();
    w.value(tricky);
    w.value("");
    w.endArray();
    REQUIRE(parseJsonStringArray(w.str(), "f") == V{tricky, ""});
  }
}

TEST_CASE("parseJsonStringArray reports errors with line and column", "[json]") {
  SECTION("document structure") {
    requireParseError("", "empty document", "line 1, column 1");
    requireParseError("  \n   ", "empty document", "line 2, column 4");
    requireParseError("{}", "expected '['", "line 1, column 1");
    requireParseError("\"a\"", "expected '['", "line 1, column 1");
    requireParseError("[", "unterminated array; expected a string", "line 1, column 2");
    requireParseError("[\"a\"", "unterminated array; expected ',' or ']'", "line 1, column 5");
    requireParseError("[\"a\",", "unterminated array; expected a string", "line 1, column 6");
    requireParseError("[] x", "unexpected 'x' after the array", "line 1, column 4");
    requireParseError("[][]", "unexpected '[' after the array", "line 1, column 3");
  }
  SECTION("elements") {
    requireParseError("[1]", "expected a string, found '1'", "line 1, column 2");
    requireParseError("[null]", "expected a string, found 'n'", "line 1, column 2");
    requireParseError("[\"a\", [\"b\"]]", "expected a string, found '['", "line 1, column 7");
    requireParseError("['a']", "expected a string, found '''", "line 1, column 2");
    requireParseError("[\"a\" \"b\"]", "expected ',' or ']', found '\"'", "line 1, column 6");
    requireParseError("[\"a\";]", "expected ',' or ']', found ';'", "line 1, column 5");
    requireParseError("[\"a\",]", "trailing comma before ']'", "line 1, column 5");
    requireParseError("[\"a\",\n]", "trailing comma", "line 1, column 5");
    requireParseError("[,]", "expected a string, found ','", "line 1, column 2");
  }
  SECTION("strings") {
    requireParseError("[\"abc", "unterminated string", "line 1, column 2");
    requireParseError("[\"a\\", "unterminated string", "line 1, column 2");
    requireParseError("[\"a\nb\"]", "control character U+000A", "line 1, column 4");
    requireParseError("[\"a\tb\"]", "control character U+0009", "line 1, column 4");
    requireParseError("[\"\xFF\"]", "invalid UTF-8", "line 1, column 3");
    requireParseError("[\"ok\xC3\"]", "invalid UTF-8", "line 1, column 5");
    requireParseError("[\"\xED\xA0\x80\"]", "invalid UTF-8", "line 1, column 3");
  }
  SECTION("escapes") {
    requireParseError(R"(["a\x"])", "invalid escape sequence; '\\' followed by 'x'",
                      "line 1, column 4");
    requireParseError(R"(["\'"])", "invalid escape sequence", "line 1, column 3");
    requireParseError(R"(["\u12"])", "invalid \\u escape; expected 4 hex digits",
                      "line 1, column 3");
    requireParseError(R"(["\u12G4"])", "expected 4 hex digits", "line 1, column 3");
    requireParseError("[\"\\u12", "expected 4 hex digits", "line 1, column 3");
  }
  SECTION("surrogates") {
    requireParseError(R"(["\ud83d"])", "unpaired high surrogate \\uD83D", "line 1, column 3");
    requireParseError(R"(["\ud83dx"])", "unpaired high surrogate", "line 1, column 3");
    requireParseError(R"(["\ud83d\u0041"])", "unpaired high surrogate", "line 1, column 3");
    requireParseError(R"(["\ud83d\ud83d"])", "unpaired high surrogate", "line 1, column 3");
    requireParseError(R"(["\ud83d\n"])", "unpaired high surrogate", "line 1, column 3");
    requireParseError(R"(["\ud83d\u12"])", "expected 4 hex digits", "line 1, column 9");
    requireParseError(R"(["\ude00"])", "unpaired low surrogate \\uDE00", "line 1, column 3");
    requireParseError(R"(["ok", "x\uDFFF"])", "unpaired low surrogate", "line 1, column 10");
  }
  SECTION("lines and columns") {
    requireParseError("[\n  \"a\",\n  2\n]", "expected a string", "line 3, column 3");
    requireParseError("[\r\n  \"a\",\r\n  2\r\n]", "expected a string", "line 3, column 3");
    // Columns count characters, not bytes: é is two bytes, one column.
    requireParseError("[\"\xC3\xA9\", 1]", "expected a string", "line 1, column 7");
    requireParseError("[\t1]", "expected a string", "line 1, column 3");
  }
}
