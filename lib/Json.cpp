// Json: the pretty-printing writer used for the report and the strict reader
// for list files written as a JSON array of strings.
#include "lib/Json.h"

#include "lib/Diagnostics.h"

#include <fmt/format.h>

#include <cassert>
#include <cmath>
#include <iterator>

namespace wa {

namespace {

// The length of the well-formed UTF-8 sequence that starts at s[i], or 0 if
// the bytes there are not one (overlong forms, surrogates, code points above
// U+10FFFF, stray continuation bytes and truncated sequences are all rejected).
size_t validUtf8Length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80)
    return 1;
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF; // the allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c == 0xE0) {
    n = 3;
    lo = 0xA0;
  } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
    n = 3;
  } else if (c == 0xED) {
    n = 3;
    hi = 0x9F;
  } else if (c == 0xF0) {
    n = 4;
    lo = 0x90;
  } else if (c >= 0xF1 && c <= 0xF3) {
    n = 4;
  } else if (c == 0xF4) {
    n = 4;
    hi = 0x8F;
  } else {
    return 0;
  }
  if (s.size() - i < n)
    return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi)
    return 0;
  for (size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
      return 0;
  return n;
}

void appendUtf8(std::string &out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD"; // U+FFFD

} // namespace

void appendJsonString(std::string &out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
      ++i;
    } else if (c < 0x20) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
      ++i;
    } else if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
    } else if (size_t n = validUtf8Length(s, i)) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out += kReplacementCharacter;
      ++i;
    }
  }
  out += '"';
}

// ---------------------------------------------------------------------------
// JsonWriter

void JsonWriter::newline() {
  out_ += '\n';
  out_.append(stack_.size() * 2, ' ');
}

void JsonWriter::beforeValue() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (stack_.empty()) {
    assert(out_.empty() && "a JSON document has a single top-level value");
    return;
  }
  Level &top = stack_.back();
  assert(!top.isObject && "a value inside an object needs a key() first");
  if (top.hasItems)
    out_ += ',';
  top.hasItems = true;
  newline();
}

void JsonWriter::beginObject() {
  beforeValue();
  out_ += '{';
  stack_.push_back({true, false});
}

void JsonWriter::endObject() {
  assert(!stack_.empty() && stack_.back().isObject && !afterKey_);
  bool hadItems = stack_.back().hasItems;
  stack_.pop_back();
  if (hadItems)
    newline();
  out_ += '}';
}

void JsonWriter::beginArray() {
  beforeValue();
  out_ += '[';
  stack_.push_back({false, false});
}

void JsonWriter::endArray() {
  assert(!stack_.empty() && !stack_.back().isObject);
  bool hadItems = stack_.back().hasItems;
  stack_.pop_back();
  if (hadItems)
    newline();
  out_ += ']';
}

void JsonWriter::key(std::string_view k) {
  assert(!stack_.empty() && stack_.back().isObject && !afterKey_);
  Level &top = stack_.back();
  if (top.hasItems)
    out_ += ',';
  top.hasItems = true;
  newline();
  writeString(k);
  out_ += ": ";
  afterKey_ = true;
}

void JsonWriter::writeString(std::string_view s) {
  appendJsonString(out_, s);
}

void JsonWriter::value(std::string_view s) {
  beforeValue();
  writeString(s);
}

void JsonWriter::value(const char *s) {
  if (!s)
    return null();
  value(std::string_view(s));
}

void JsonWriter::value(bool b) {
  beforeValue();
  out_ += b ? "true" : "false";
}

void JsonWriter::value(int64_t n) {
  beforeValue();
  fmt::format_to(std::back_inserter(out_), "{}", n);
}

void JsonWriter::value(uint64_t n) {
  beforeValue();
  fmt::format_to(std::back_inserter(out_), "{}", n);
}

void JsonWriter::value(double d) {
  if (!std::isfinite(d))
    return null();
  beforeValue();
  // fmt's default floating-point format is the shortest text that round-trips
  // (e.g. 0.1, 1e+300, 5e-324), all of which are valid JSON numbers.
  fmt::format_to(std::back_inserter(out_), "{}", d);
}

void JsonWriter::null() {
  beforeValue();
  out_ += "null";
}

// ---------------------------------------------------------------------------
// parseJsonStringArray

namespace {

class StringArrayParser {
public:
  StringArrayParser(std::string_view text, const std::string &file) : text_(text), file_(file) {}

  std::vector<std::string> parse() {
    std::vector<std::string> result;
    skipWhitespace();
    if (atEnd())
      fail("empty document; expected a JSON array of strings", pos_);
    if (peek() != '[')
      fail(fmt::format("expected '[' to start a JSON array of strings, found {}", found(pos_)),
           pos_);
    ++pos_;
    skipWhitespace();
    if (!atEnd() && peek() == ']') {
      ++pos_;
    } else {
      while (true) {
        if (atEnd())
          fail("unterminated array; expected a string", pos_);
        if (peek() != '"')
          fail(fmt::format("expected a string, found {}", found(pos_)), pos_);
        result.push_back(parseString());
        skipWhitespace();
        if (atEnd())
          fail("unterminated array; expected ',' or ']'", pos_);
        if (peek() == ']') {
          ++pos_;
          break;
        }
        if (peek() != ',')
          fail(fmt::format("expected ',' or ']', found {}", found(pos_)), pos_);
        size_t comma = pos_++;
        skipWhitespace();
        if (!atEnd() && peek() == ']')
          fail("trailing comma before ']'", comma);
      }
    }
    skipWhitespace();
    if (!atEnd())
      fail(fmt::format("unexpected {} after the array", found(pos_)), pos_);
    return result;
  }

private:
  bool atEnd() const { return pos_ >= text_.size(); }
  unsigned char peek() const { return static_cast<unsigned char>(text_[pos_]); }

  void skipWhitespace() {
    while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
      ++pos_;
  }

  // Describes what is at `at` for an error message.
  std::string found(size_t at) const {
    if (at >= text_.size())
      return "end of input";
    unsigned char c = static_cast<unsigned char>(text_[at]);
    if (c >= 0x21 && c < 0x7F)
      return fmt::format("'{}'", static_cast<char>(c));
    if (c < 0x80)
      return fmt::format("character U+{:04X}", c);
    return "a non-ASCII character";
  }

  [[noreturn]] void fail(std::string what, size_t at) const {
    size_t line = 1, column = 1;
    for (size_t i = 0; i < at && i < text_.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(text_[i]);
      if (c == '\n') {
        ++line;
        column = 1;
      } else if ((c & 0xC0) != 0x80) { // continuation bytes do not start a character
        ++column;
      }
    }
    throw Error(ExitCode::ListFile,
                {file_, std::move(what), fmt::format("line {}, column {}", line, column)});
  }

  // Reads four hex digits at `at`; `escape` is where the escape began, for
  // the error message.
  uint32_t hex4(size_t at, size_t escape) const {
    if (at > text_.size() || text_.size() - at < 4)
      fail("invalid \\u escape; expected 4 hex digits", escape);
    uint32_t v = 0;
    for (size_t k = 0; k < 4; ++k) {
      char c = text_[at + k];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<uint32_t>(c - 'A' + 10);
      else
        fail("invalid \\u escape; expected 4 hex digits", escape);
    }
    return v;
  }

  // At a '"': reads the string up to and including its closing quote.
  std::string parseString() {
    size_t start = pos_++;
    std::string out;
    while (true) {
      if (atEnd())
        fail("unterminated string", start);
      unsigned char c = peek();
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c == '\\') {
        parseEscape(out, start);
      } else if (c < 0x20) {
        fail(fmt::format("control character U+{:04X} in a string must be escaped", c), pos_);
      } else if (c < 0x80) {
        out += static_cast<char>(c);
        ++pos_;
      } else if (size_t n = validUtf8Length(text_, pos_)) {
        out.append(text_.substr(pos_, n));
        pos_ += n;
      } else {
        fail("invalid UTF-8 in string", pos_);
      }
    }
  }

  // At a '\' inside the string that began at `start`.
  void parseEscape(std::string &out, size_t start) {
    size_t escape = pos_++;
    if (atEnd())
      fail("unterminated string", start);
    char e = static_cast<char>(peek());
    ++pos_;
    switch (e) {
    case '"':
    case '\\':
    case '/':
      out += e;
      return;
    case 'b':
      out += '\b';
      return;
    case 'f':
      out += '\f';
      return;
    case 'n':
      out += '\n';
      return;
    case 'r':
      out += '\r';
      return;
    case 't':
      out += '\t';
      return;
    case 'u':
      break;
    default:
      fail(fmt::format("invalid escape sequence; '\\' followed by {}", found(escape + 1)), escape);
    }
    uint32_t cp = hex4(pos_, escape);
    pos_ += 4;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
      fail(fmt::format("unpaired low surrogate \\u{:04X}", cp), escape);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      // A high surrogate must be followed directly by an escaped low one.
      if (text_.size() - pos_ < 2 || text_[pos_] != '\\' || text_[pos_ + 1] != 'u')
        fail(fmt::format("unpaired high surrogate \\u{:04X}; expected a low surrogate escape "
                         "\\uDC00-\\uDFFF to follow",
                         cp),
             escape);
      uint32_t low = hex4(pos_ + 2, pos_);
      if (low < 0xDC00 || low > 0xDFFF)
        fail(fmt::format("unpaired high surrogate \\u{:04X}; expected a low surrogate escape "
                         "\\uDC00-\\uDFFF to follow",
                         cp),
             escape);
      pos_ += 6;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    appendUtf8(out, cp);
  }

  std::string_view text_;
  const std::string &file_;
  size_t pos_ = 0;
};

} // namespace

std::vector<std::string> parseJsonStringArray(std::string_view text, const std::string &file) {
  return StringArrayParser(text, file).parse();
}

} // namespace wa
