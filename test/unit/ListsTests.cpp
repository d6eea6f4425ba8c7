// Unit tests for lib/Lists: wildcard matching, parsing of list option values
// (comma lists, response files, inline JSON), NameList use tracking and the
// "did you mean" suggestions.
#include "lib/Diagnostics.h"
#include "lib/Lists.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

using namespace wa;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system temporary directory, removed with
// everything in it when the object goes away.
class TempDir {
public:
  TempDir() {
    std::random_device rd;
    for (int attempt = 0;; ++attempt) {
      path_ = fs::temp_directory_path() / ("wa-lists-tests-" + std::to_string(rd()));
      if (fs::create_directory(path_))
        break;
      if (attempt > 100)
        FAIL("cannot create a temporary directory");
    }
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  // Writes `content` byte for byte to `name` inside the directory.
  std::string write(const std::string &name, std::string_view content) const {
    fs::path p = path_ / name;
    std::ofstream out(p, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    REQUIRE(out.good());
    return p.string();
  }
  std::string path(const std::string &name) const { return (path_ / name).string(); }

private:
  fs::path path_;
};

std::vector<std::string> patterns(const std::vector<ListEntry> &entries) {
  std::vector<std::string> out;
  for (const ListEntry &e : entries)
    out.push_back(e.pattern);
  return out;
}

std::vector<std::string> origins(const std::vector<ListEntry> &entries) {
  std::vector<std::string> out;
  for (const ListEntry &e : entries)
    out.push_back(e.origin);
  return out;
}

std::vector<std::string> patterns(const std::vector<const ListEntry *> &entries) {
  std::vector<std::string> out;
  for (const ListEntry *e : entries)
    out.push_back(e->pattern + " @ " + e->origin);
  return out;
}

// Runs `f`, which must throw wa::Error, and returns the error.
template <typename F> Error catchError(F &&f) {
  try {
    f();
  } catch (const Error &e) {
    return e;
  }
  FAIL("no wa::Error thrown");
  throw; // unreachable
}

using V = std::vector<std::string>;

} // namespace

TEST_CASE("wildcardMatch", "[lists]") {
  SECTION("no wildcard means equality") {
    REQUIRE(wildcardMatch("env.sleep", "env.sleep"));
    REQUIRE_FALSE(wildcardMatch("env.sleep", "env.sleepy"));
    REQUIRE_FALSE(wildcardMatch("env.sleep", "env.slee"));
    REQUIRE_FALSE(wildcardMatch("env.sleep", "Env.sleep"));
  }
  SECTION("empty pattern matches only the empty text") {
    REQUIRE(wildcardMatch("", ""));
    REQUIRE_FALSE(wildcardMatch("", "a"));
  }
  SECTION("a lone star matches anything") {
    REQUIRE(wildcardMatch("*", ""));
    REQUIRE(wildcardMatch("*", "anything at all"));
    REQUIRE(wildcardMatch("**", ""));
    REQUIRE(wildcardMatch("**", "abc"));
    REQUIRE(wildcardMatch("***", "abc"));
  }
  SECTION("star at the ends") {
    REQUIRE(wildcardMatch("env.*", "env."));
    REQUIRE(wildcardMatch("env.*", "env.fetch"));
    REQUIRE_FALSE(wildcardMatch("env.*", "wasi.fetch"));
    REQUIRE(wildcardMatch("*.sleep", "env.sleep"));
    REQUIRE(wildcardMatch("*.sleep", ".sleep"));
    REQUIRE_FALSE(wildcardMatch("*.sleep", "env.sleep2"));
    REQUIRE(wildcardMatch("*sleep*", "sleep"));
    REQUIRE(wildcardMatch("*sleep*", "env.sleep_ms"));
    REQUIRE_FALSE(wildcardMatch("*sleep*", "env.slep"));
  }
  SECTION("several stars") {
    REQUIRE(wildcardMatch("a*b*c", "abc"));
    REQUIRE(wildcardMatch("a*b*c", "a123b456c"));
    REQUIRE(wildcardMatch("a*b*c", "abbbcbc"));
    REQUIRE(wildcardMatch("a*b*c", "acbc"));
    REQUIRE_FALSE(wildcardMatch("a*b*c", "acb"));
    REQUIRE_FALSE(wildcardMatch("a*b*c", "abcd"));
    REQUIRE_FALSE(wildcardMatch("a*b*c", "xabc"));
    REQUIRE(wildcardMatch("a**b", "ab"));
    REQUIRE(wildcardMatch("a**b", "aXXb"));
    REQUIRE(wildcardMatch("*a*a*", "aa"));
    REQUIRE_FALSE(wildcardMatch("*a*a*", "a"));
  }
  SECTION("backtracking to the last star") {
    REQUIRE(wildcardMatch("*aab", "aaaab"));
    REQUIRE(wildcardMatch("*ab*ab", "abxabyab"));
    REQUIRE_FALSE(wildcardMatch("*ab*ab", "abxaby"));
  }
  SECTION("no other metacharacters") {
    REQUIRE(wildcardMatch("a?c", "a?c"));
    REQUIRE_FALSE(wildcardMatch("a?c", "abc"));
    REQUIRE(wildcardMatch("f[1]", "f[1]"));
    REQUIRE_FALSE(wildcardMatch("f[1]", "f1"));
    REQUIRE(wildcardMatch("a.c", "a.c"));
    REQUIRE_FALSE(wildcardMatch("a.c", "abc"));
  }
  SECTION("pathological input stays fast") {
    std::string text(20000, 'a');
    std::string pattern = "*" + std::string(50, 'a') + "*b";
    REQUIRE_FALSE(wildcardMatch(pattern, text));
    REQUIRE(wildcardMatch(pattern, text + "b"));
  }
}

TEST_CASE("parseListArgument splits comma lists", "[lists]") {
  SECTION("plain entries keep the option as origin") {
    auto entries = parseListArgument("env.sleep,env.fetch_*", "--imports");
    REQUIRE(patterns(entries) == V{"env.sleep", "env.fetch_*"});
    REQUIRE(origins(entries) == V{"--imports", "--imports"});
  }
  SECTION("trimming and empty entries") {
    REQUIRE(patterns(parseListArgument("  a , b\t,, ,c  ,", "--x")) == V{"a", "b", "c"});
    REQUIRE(parseListArgument("", "--x").empty());
    REQUIRE(parseListArgument(" , ,", "--x").empty());
    REQUIRE(patterns(parseListArgument("single", "--x")) == V{"single"});
    REQUIRE(patterns(parseListArgument("with inner space, x", "--x")) ==
            V{"with inner space", "x"});
  }
  SECTION("commas nested in brackets do not split") {
    REQUIRE(patterns(parseListArgument("foo(int, char),bar", "--x")) == V{"foo(int, char)", "bar"});
    REQUIRE(patterns(parseListArgument("std::map<int, int>::at, baz", "--x")) ==
            V{"std::map<int, int>::at", "baz"});
    REQUIRE(patterns(parseListArgument("f(g(a, b), c),d", "--x")) == V{"f(g(a, b), c)", "d"});
    REQUIRE(patterns(parseListArgument("v<pair<int, int>, std::allocator<x>>::f(a, b),z", "--x")) ==
            V{"v<pair<int, int>, std::allocator<x>>::f(a, b)", "z"});
    REQUIRE(patterns(parseListArgument("a[1, 2],b", "--x")) == V{"a[1, 2]", "b"});
    REQUIRE(patterns(parseListArgument("x*(*, *),y*", "--x")) == V{"x*(*, *)", "y*"});
  }
  SECTION("unbalanced brackets do not break splitting before them") {
    REQUIRE(patterns(parseListArgument(")a,b", "--x")) == V{")a", "b"});
    REQUIRE(patterns(parseListArgument("a,b(c,d", "--x")) == V{"a", "b(c,d"});
  }
}

TEST_CASE("parseListArgument reads inline JSON", "[lists]") {
  SECTION("strings are taken verbatim") {
    auto entries = parseListArgument(R"j(["a,b", " c ", "f(int, char)"])j", "--imports");
    REQUIRE(patterns(entries) == V{"a,b", " c ", "f(int, char)"});
    REQUIRE(origins(entries) == V{"--imports", "--imports", "--imports"});
  }
  SECTION("leading whitespace and escapes") {
    REQUIRE(patterns(parseListArgument(R"(  ["caf\u00e9"] )", "--x")) == V{"caf\xC3\xA9"});
    REQUIRE(parseListArgument("[]", "--x").empty());
  }
  SECTION("malformed inline JSON is a usage error") {
    Error e = catchError([] { parseListArgument(R"(["a", 1])", "--imports"); });
    REQUIRE(e.code() == ExitCode::Usage);
    REQUIRE(e.diagnostic().file == "--imports");
    REQUIRE_THAT(e.diagnostic().what, Catch::Contains("expected a string"));
    REQUIRE(e.diagnostic().where == "line 1, column 7");

    Error e2 = catchError([] { parseListArgument("[\"a\",", "--imports"); });
    REQUIRE(e2.code() == ExitCode::Usage);
    REQUIRE(e2.diagnostic().where == "line 1, column 6");
  }
}

TEST_CASE("parseListArgument reads response files", "[lists]") {
  TempDir dir;

  SECTION("one entry per line, trimmed, with comments and blank lines") {
    std::string path = dir.write("imports.txt", "# asyncify imports\n"
                                                "env.sleep\n"
                                                "\n"
                                                "   env.fetch_*   \n"
                                                "  # indented comment\n"
                                                "\t\n"
                                                "foo(int, char)\n"
                                                "last-without-newline");
    auto entries = parseListArgument("@" + path, "--imports");
    REQUIRE(patterns(entries) ==
            V{"env.sleep", "env.fetch_*", "foo(int, char)", "last-without-newline"});
    REQUIRE(origins(entries) == V{path + ":2", path + ":4", path + ":7", path + ":8"});
  }
  SECTION("a line may be a comma list, as in Binaryen's response files") {
    std::string path = dir.write("commas.txt", "env.sleep,env.log\nfoo(int, char),env.x\n");
    auto entries = parseListArgument("@" + path, "--imports");
    REQUIRE(patterns(entries) == V{"env.sleep", "env.log", "foo(int, char)", "env.x"});
    REQUIRE(origins(entries) == V{path + ":1", path + ":1", path + ":2", path + ":2"});
  }
  SECTION("CRLF line endings") {
    std::string path = dir.write("crlf.txt", "a\r\n# c\r\n\r\n b \r\nc\r\n");
    auto entries = parseListArgument("@" + path, "--x");
    REQUIRE(patterns(entries) == V{"a", "b", "c"});
    REQUIRE(origins(entries) == V{path + ":1", path + ":4", path + ":5"});
  }
  SECTION("a hash inside a line is part of the entry") {
    std::string path = dir.write("hash.txt", "a#b\n");
    REQUIRE(patterns(parseListArgument("@" + path, "--x")) == V{"a#b"});
  }
  SECTION("empty and comment-only files give no entries") {
    REQUIRE(parseListArgument("@" + dir.write("empty.txt", ""), "--x").empty());
    REQUIRE(parseListArgument("@" + dir.write("comments.txt", "# a\n\n#b\n"), "--x").empty());
  }
  SECTION("@@path is accepted") {
    std::string path = dir.write("at.txt", "x\n");
    auto entries = parseListArgument("@@" + path, "--x");
    REQUIRE(patterns(entries) == V{"x"});
    REQUIRE(origins(entries) == V{path + ":1"});
  }
  SECTION("a byte order mark is skipped") {
    std::string path = dir.write("bom.txt", "\xEF\xBB\xBF"
                                            "first\nsecond\n");
    REQUIRE(patterns(parseListArgument("@" + path, "--x")) == V{"first", "second"});
    std::string json = dir.write("bom.json", "\xEF\xBB\xBF[\"j\"]");
    REQUIRE(patterns(parseListArgument("@" + json, "--x")) == V{"j"});
  }
  SECTION("JSON response files") {
    std::string path = dir.write("list.json", "\n  [\n    \"env.sleep\",\n    \"a, b\",\n"
                                              "    \"# not a comment\"\n  ]\n");
    auto entries = parseListArgument("@" + path, "--imports");
    REQUIRE(patterns(entries) == V{"env.sleep", "a, b", "# not a comment"});
    REQUIRE(origins(entries) == V{path + "[0]", path + "[1]", path + "[2]"});
  }
  SECTION("malformed JSON file is a list-file error with its location") {
    std::string path = dir.write("bad.json", "[\n  \"a\",\n  \"b\" \"c\"\n]\n");
    Error e = catchError([&] { parseListArgument("@" + path, "--imports"); });
    REQUIRE(e.code() == ExitCode::ListFile);
    REQUIRE(e.diagnostic().file == path);
    REQUIRE_THAT(e.diagnostic().what, Catch::Contains("expected ',' or ']'"));
    REQUIRE(e.diagnostic().where == "line 3, column 7");
  }
  SECTION("missing file") {
    std::string path = dir.path("does-not-exist.txt");
    Error e = catchError([&] { parseListArgument("@" + path, "--imports"); });
    REQUIRE(e.code() == ExitCode::ListFile);
    REQUIRE(e.diagnostic().file == path);
    REQUIRE(e.diagnostic().what == std::string("cannot read list file: ") + std::strerror(ENOENT));
    REQUIRE(e.diagnostic().where == "--imports");
  }
  SECTION("a directory is not a list file") {
    Error e = catchError([&] { parseListArgument("@" + dir.path(""), "--x"); });
    REQUIRE(e.code() == ExitCode::ListFile);
    REQUIRE_THAT(e.diagnostic().what, Catch::StartsWith("cannot read list file: "));
  }
  SECTION("a bare @ is a usage error") {
    for (const char *arg : {"@", "@@"}) {
      Error e = catchError([&] { parseListArgument(arg, "--imports"); });
      REQUIRE(e.code() == ExitCode::Usage);
      REQUIRE(e.diagnostic().where == "--imports");
    }
  }
}

TEST_CASE("NameList matches exact and wildcard entries", "[lists]") {
  NameList list;
  REQUIRE(list.empty());
  REQUIRE_FALSE(list.matches("env.sleep"));

  list.add({"env.sleep", "--imports"});
  list.addAll({{"env.fetch_*", "a.txt:1"},
               {"env.sleep", "a.txt:2"},
               {"env.never", "a.txt:3"},
               {"x*", "a.txt:4"},
               {"*.fetch_url", "a.txt:5"},
               {"", "a.json[0]"}});
  REQUIRE_FALSE(list.empty());
  REQUIRE(list.size() == 7);
  REQUIRE(list.entries()[1].pattern == "env.fetch_*");
  REQUIRE(list.entries()[1].origin == "a.txt:1");

  REQUIRE(patterns(list.unusedEntries()).size() == 7);

  SECTION("matching marks every matching entry as used") {
    REQUIRE(list.matches("env.sleep"));
    REQUIRE(list.matches("env.fetch_url"));
    REQUIRE_FALSE(list.matches("env.other"));
    REQUIRE_FALSE(list.matches("ENV.SLEEP"));
    REQUIRE_FALSE(list.matches("env.slee"));
    // Both duplicates of env.sleep and both wildcards matching env.fetch_url are used.
    REQUIRE(patterns(list.unusedEntries()) ==
            V{"env.never @ a.txt:3", "x* @ a.txt:4", " @ a.json[0]"});
  }
  SECTION("a wildcard is used once it has matched anything") {
    REQUIRE(list.matches("xyz"));
    REQUIRE(list.matches("x"));
    REQUIRE(list.matches(""));
    REQUIRE(patterns(list.unusedEntries()) == V{"env.sleep @ --imports", "env.fetch_* @ a.txt:1",
                                                "env.sleep @ a.txt:2", "env.never @ a.txt:3",
                                                "*.fetch_url @ a.txt:5"});
  }
  SECTION("later matches still record entries not yet used") {
    REQUIRE(list.matches("env.fetch_a"));   // env.fetch_* only
    REQUIRE(list.matches("env.fetch_url")); // also *.fetch_url
    auto unused = patterns(list.unusedEntries());
    REQUIRE(std::find(unused.begin(), unused.end(), "*.fetch_url @ a.txt:5") == unused.end());
  }
  SECTION("many exact entries") {
    NameList big;
    for (int i = 0; i < 100000; ++i)
      big.add({"env.f" + std::to_string(i), "--x"});
    big.add({"wasi.*", "--x"});
    auto start = std::chrono::steady_clock::now();
    size_t hits = 0;
    for (int i = 0; i < 200000; i += 2)
      hits += big.matches("env.f" + std::to_string(i)) ? 1 : 0;
    auto elapsed = std::chrono::steady_clock::now() - start;
    REQUIRE(hits == 50000);
    REQUIRE(big.unusedEntries().size() == 50001);
    REQUIRE(elapsed < std::chrono::seconds(5));
  }
}

TEST_CASE("closestNames suggests close names", "[lists]") {
  SECTION("case-insensitive exact match comes first") {
    V candidates{"env.keep", "env.sleap", "env.sleep"};
    REQUIRE(closestNames("ENV.SLEEP", candidates) == V{"env.sleep", "env.sleap", "env.keep"});
  }
  SECTION("edit distance ranking with alphabetical ties") {
    V candidates{"env.fetch", "env.sleeq", "env.sleep", "env.sleeps", "zzz.unrelated"};
    // env.sleep and env.sleeq both differ by one; env.sleeps by two.
    REQUIRE(closestNames("env.slee_", candidates) == V{"env.sleep", "env.sleeq", "env.sleeps"});
    REQUIRE(closestNames("env.slee_", candidates, 2) == V{"env.sleep", "env.sleeq"});
    REQUIRE(closestNames("env.slee_", candidates, 1) == V{"env.sleep"});
  }
  SECTION("containing the pattern is strongly preferred") {
    V candidates{"fetch", "env.fetch_data_long", "env.fetch_url"};
    REQUIRE(closestNames("fetch_*", candidates) ==
            V{"env.fetch_url", "env.fetch_data_long", "fetch"});
  }
  SECTION("stars are ignored") {
    V candidates{"env.sleep", "other"};
    REQUIRE(closestNames("env.*sl*eep*", candidates) == V{"env.sleep"});
  }
  SECTION("the same field in another module is strongly preferred") {
    V candidates{"emscripten.sleeq", "env.sleep", "zzz"};
    REQUIRE(closestNames("emscripten.sleep", candidates) == V{"env.sleep", "emscripten.sleeq"});
  }
  SECTION("candidates beyond the distance threshold are left out") {
    // threshold is max(3, 3 / 2) = 3
    REQUIRE(closestNames("abc", V{"xyz", "wxyz", "abcdefgh"}) == V{"abcdefgh", "xyz"});
    REQUIRE(closestNames("abc", V{"wxyz", "uvwxyz"}).empty());
    // threshold is max(3, 12 / 2) = 6
    REQUIRE(closestNames("abcdefghijkl", V{"abcdefXXXXXX", "abcdeXXXXXXX"}) == V{"abcdefXXXXXX"});
  }
  SECTION("degenerate inputs") {
    REQUIRE(closestNames("*", V{"a", "b"}).empty());
    REQUIRE(closestNames("", V{"a", "b"}).empty());
    REQUIRE(closestNames("abc", V{}).empty());
    REQUIRE(closestNames("abc", V{"abd"}, 0).empty());
    REQUIRE(closestNames("abc", V{"abd", "abd", "abc"}) == V{"abc", "abd"});
  }
  SECTION("100k candidates") {
    V candidates;
    candidates.reserve(100000);
    for (int i = 0; i < 100000; ++i)
      candidates.push_back("module.func_" + std::to_string(i));
    auto start = std::chrono::steady_clock::now();
    V result = closestNames("module.func_4242x", candidates);
    V result2 = closestNames("Module.Func_99999", candidates);
    V result3 = closestNames("func_1234*", candidates);
    auto elapsed = std::chrono::steady_clock::now() - start;
    REQUIRE(result == V{"module.func_4242", "module.func_42420", "module.func_42421"});
    REQUIRE(result2 == V{"module.func_99999", "module.func_19999", "module.func_29999"});
    REQUIRE(result3 == V{"module.func_1234", "module.func_12340", "module.func_12341"});
    REQUIRE(elapsed < std::chrono::seconds(5));
  }
}
