// Lists: parsing of list option values (comma lists, @response files, inline
// JSON), wildcard matching with use tracking, and "did you mean" suggestions.
#include "lib/Lists.h"

#include "lib/Diagnostics.h"
#include "lib/Json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace wa {

bool wildcardMatch(std::string_view pattern, std::string_view text) {
  constexpr size_t kNone = std::string_view::npos;
  size_t p = 0, t = 0;
  size_t star = kNone; // position of the last `*` seen in the pattern
  size_t resume = 0;   // where in the text that `*` currently stops
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != kNone) {
      // Let the last `*` swallow one more character and retry from there.
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

namespace {

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos)
    return {};
  size_t end = s.find_last_not_of(kSpace);
  return s.substr(begin, end - begin + 1);
}

std::string readFile(const std::string &path, std::string_view optionName) {
  auto fail = [&](int err) {
    return Error(ExitCode::ListFile,
                 {path, fmt::format("cannot read list file: {}", std::strerror(err)),
                  std::string(optionName)});
  };
  errno = 0;
  std::unique_ptr<std::FILE, int (*)(std::FILE *)> file(std::fopen(path.c_str(), "rb"),
                                                        &std::fclose);
  if (!file)
    throw fail(errno);
  std::string content;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0)
    content.append(buffer, n);
  if (std::ferror(file.get()))
    throw fail(errno ? errno : EIO); // e.g. EISDIR when the path is a directory
  return content;
}

// Splits at commas that are not nested inside (), [] or <>.
std::vector<ListEntry> splitCommaList(std::string_view arg, std::string_view optionName) {
  std::vector<ListEntry> entries;
  size_t depth = 0, start = 0;
  for (size_t i = 0; i <= arg.size(); ++i) {
    char c = i < arg.size() ? arg[i] : ',';
    if (c == ',' && (depth == 0 || i == arg.size())) {
      std::string_view entry = trim(arg.substr(start, i - start));
      if (!entry.empty())
        entries.push_back({std::string(entry), std::string(optionName)});
      start = i + 1;
    } else if (c == '(' || c == '[' || c == '<') {
      ++depth;
    } else if ((c == ')' || c == ']' || c == '>') && depth > 0) {
      --depth;
    }
  }
  return entries;
}

std::vector<ListEntry> readListFile(const std::string &path, std::string_view optionName) {
  std::string content = readFile(path, optionName);
  std::string_view text = content;
  if (text.starts_with("\xEF\xBB\xBF")) // a UTF-8 byte order mark, as some editors write
    text.remove_prefix(3);

  std::vector<ListEntry> entries;
  std::string_view body = trim(text);
  if (body.starts_with('[')) {
    std::vector<std::string> names = parseJsonStringArray(text, path);
    entries.reserve(names.size());
    for (size_t i = 0; i < names.size(); ++i)
      entries.push_back({std::move(names[i]), fmt::format("{}[{}]", path, i)});
    return entries;
  }

  size_t lineNumber = 0;
  while (!text.empty()) {
    ++lineNumber;
    size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (line.ends_with('\r'))
      line.remove_suffix(1);
    line = trim(line);
    if (line.empty() || line.starts_with('#'))
      continue;
    // A line may itself be a comma list: Binaryen 108 reads its response
    // files that way (`env.sleep,env.fetch`), so those files work here too.
    for (ListEntry &e : splitCommaList(line, ""))
      entries.push_back({std::move(e.pattern), fmt::format("{}:{}", path, lineNumber)});
  }
  return entries;
}

} // namespace

std::vector<ListEntry> parseListArgument(std::string_view arg, std::string_view optionName) {
  if (arg.starts_with('@')) {
    std::string_view path = arg.substr(1);
    if (path.starts_with('@')) // Binaryen's `@@file` spelling
      path.remove_prefix(1);
    if (path.empty())
      throw Error(ExitCode::Usage, {"", "missing file name after '@'", std::string(optionName)});
    return readListFile(std::string(path), optionName);
  }

  if (trim(arg).starts_with('[')) {
    std::vector<std::string> names;
    try {
      names = parseJsonStringArray(arg, std::string(optionName));
    } catch (const Error &e) {
      // Not a file: a malformed value on the command line is a usage error.
      throw Error(ExitCode::Usage, e.diagnostic());
    }
    std::vector<ListEntry> entries;
    entries.reserve(names.size());
    for (std::string &name : names)
      entries.push_back({std::move(name), std::string(optionName)});
    return entries;
  }

  return splitCommaList(arg, optionName);
}

// ---------------------------------------------------------------------------
// NameList

void NameList::add(ListEntry entry) {
  size_t index = entries_.size();
  if (entry.pattern.find('*') != std::string::npos)
    wildcards_.push_back(index);
  else
    exact_[entry.pattern].push_back(index);
  entries_.push_back(std::move(entry));
  used_.push_back(false);
}

void NameList::addAll(std::vector<ListEntry> entries) {
  entries_.reserve(entries_.size() + entries.size());
  for (ListEntry &entry : entries)
    add(std::move(entry));
}

bool NameList::matches(std::string_view name) {
  bool matched = false;
  if (!exact_.empty()) {
    auto it = exact_.find(name);
    if (it != exact_.end()) {
      for (size_t index : it->second)
        used_[index] = true;
      matched = true;
    }
  }
  for (size_t index : wildcards_) {
    // Once the answer is known, only entries not yet seen used need trying.
    if (matched && used_[index])
      continue;
    if (wildcardMatch(entries_[index].pattern, name)) {
      used_[index] = true;
      matched = true;
    }
  }
  return matched;
}

std::vector<const ListEntry *> NameList::unusedEntries() const {
  std::vector<const ListEntry *> unused;
  for (size_t i = 0; i < entries_.size(); ++i)
    if (!used_[i])
      unused.push_back(&entries_[i]);
  return unused;
}

// ---------------------------------------------------------------------------
// closestNames

namespace {

void toLowerInto(std::string &out, std::string_view s) {
  out.resize(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    out[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
}

std::string_view afterLastDot(std::string_view s) {
  size_t dot = s.rfind('.');
  return dot == std::string_view::npos ? s : s.substr(dot + 1);
}

// Levenshtein distance between `a` and `b` if it is at most `limit`, otherwise
// limit + 1. Only the diagonal band of width 2 * limit + 1 is computed, so the
// cost is O(limit * length).
size_t boundedLevenshtein(std::string_view a, std::string_view b, size_t limit,
                          std::vector<size_t> &prev, std::vector<size_t> &cur) {
  if (a.size() > b.size())
    std::swap(a, b); // a is the shorter (the columns), b the longer (the rows)
  const size_t n = a.size(), m = b.size();
  const size_t over = limit + 1;
  if (m - n > limit)
    return over;
  if (n == 0)
    return m;
  prev.resize(n + 1);
  cur.resize(n + 1);
  for (size_t j = 0; j <= n; ++j)
    prev[j] = j;
  for (size_t i = 1; i <= m; ++i) {
    size_t lo = i > limit ? i - limit : 1;
    size_t hi = std::min(n, i + limit);
    size_t rowMin = over;
    if (lo == 1) {
      cur[0] = i;
      rowMin = i;
    } else {
      cur[lo - 1] = over;
    }
    for (size_t j = lo; j <= hi; ++j) {
      size_t cost = a[j - 1] == b[i - 1] ? 0 : 1;
      size_t v = std::min({prev[j - 1] + cost, prev[j] + 1, cur[j - 1] + 1});
      cur[j] = std::min(v, over);
      rowMin = std::min(rowMin, cur[j]);
    }
    if (hi < n)
      cur[hi + 1] = over;
    if (rowMin > limit)
      return over;
    std::swap(prev, cur);
  }
  return std::min(prev[n], over);
}

} // namespace

std::vector<std::string> closestNames(std::string_view pattern,
                                      const std::vector<std::string> &candidates, size_t max) {
  std::string starless;
  for (char c : pattern)
    if (c != '*')
      starless += c;
  std::string wanted;
  toLowerInto(wanted, starless);
  if (wanted.empty() || max == 0)
    return {};
  const std::string_view wantedTail = afterLastDot(wanted);
  const size_t threshold = std::max<size_t>(3, wanted.size() / 2);

  struct Scored {
    bool preferred;
    size_t distance;
    const std::string *name;
  };
  std::vector<Scored> scored;
  std::string lower;
  std::vector<size_t> prev, cur;
  for (const std::string &candidate : candidates) {
    toLowerInto(lower, candidate);
    const size_t lengthDiff =
        lower.size() > wanted.size() ? lower.size() - wanted.size() : wanted.size() - lower.size();
    if (lower.find(wanted) != std::string::npos) {
      // Only insertions are needed, so the distance is the length difference.
      scored.push_back({true, lengthDiff, &candidate});
    } else if (!wantedTail.empty() && afterLastDot(lower) == wantedTail) {
      size_t distance = boundedLevenshtein(wanted, lower, lengthDiff + threshold, prev, cur);
      scored.push_back({true, distance, &candidate});
    } else if (lengthDiff <= threshold) {
      size_t distance = boundedLevenshtein(wanted, lower, threshold, prev, cur);
      if (distance <= threshold)
        scored.push_back({false, distance, &candidate});
    }
  }

  std::sort(scored.begin(), scored.end(), [](const Scored &x, const Scored &y) {
    if (x.preferred != y.preferred)
      return x.preferred;
    if (x.distance != y.distance)
      return x.distance < y.distance;
    return *x.name < *y.name;
  });
  std::vector<std::string> result;
  for (const Scored &s : scored) {
    if (result.size() == max)
      break;
    if (std::find(result.begin(), result.end(), *s.name) == result.end())
      result.push_back(*s.name);
  }
  return result;
}

} // namespace wa
