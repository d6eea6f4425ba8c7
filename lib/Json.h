// Json: the small amount of JSON the tool needs. A writer that pretty-prints
// the report, and a strict reader for list files that are a JSON array of
// strings. Nothing here is a general JSON library.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace wa {

// Builds pretty-printed JSON (2-space indent) into a string. Calls must nest
// correctly: inside an object every value (or nested container) is preceded by
// key(). Misuse is a programming error and is caught by assertions.
//
//   JsonWriter w;
//   w.beginObject();
//   w.key("name"); w.value("env.sleep");
//   w.key("calls"); w.beginArray(); w.value(int64_t{1}); w.endArray();
//   w.endObject();
//   w.str(); // {\n  "name": "env.sleep",\n  "calls": [\n    1\n  ]\n}
class JsonWriter {
public:
  void beginObject();
  void endObject();
  void beginArray();
  void endArray();
  void key(std::string_view k);

  void value(std::string_view s);
  void value(const char *s); // nullptr is written as null
  void value(bool b);
  void value(int64_t n);
  void value(uint64_t n);
  // Shortest text that reads back as the same double; NaN and infinities,
  // which JSON cannot express, are written as null.
  void value(double d);
  // Any other integer type (int, unsigned, long long, size_t...), so that
  // value(42) is not ambiguous.
  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, int64_t> &&
           !std::same_as<T, uint64_t>) void value(T n) {
    if constexpr (std::is_signed_v<T>)
      value(static_cast<int64_t>(n));
    else
      value(static_cast<uint64_t>(n));
  }
  void null();

  // The text written so far. Complete once every container has been closed.
  const std::string &str() const { return out_; }

private:
  struct Level {
    bool isObject;
    bool hasItems;
  };
  void beforeValue();
  void newline();
  void writeString(std::string_view s);

  std::string out_;
  std::vector<Level> stack_;
  bool afterKey_ = false;
};

// Appends `s` to `out` as a quoted JSON string: `"` and `\` are escaped,
// control characters become \u00XX, valid UTF-8 passes through unchanged and
// every byte that is not part of a valid UTF-8 sequence becomes U+FFFD.
void appendJsonString(std::string &out, std::string_view s);

// Parses `text`, which must be a JSON array of strings and nothing else
// (surrounding whitespace allowed), and returns the strings decoded to UTF-8.
// On any error throws Error(ExitCode::ListFile, {file, what, "line L, column
// C"}); lines and columns count from 1, columns in characters.
std::vector<std::string> parseJsonStringArray(std::string_view text, const std::string &file);

} // namespace wa
