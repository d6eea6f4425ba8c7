// Lists: the user's name lists (asyncify imports, add/remove/only function
// lists). Parses one value of a list option (comma list, @response file or
// inline JSON), matches names against the entries with `*` wildcards, remembers
// which entries were used, and suggests close names for the ones that were not.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace wa {

// True if `text` matches `pattern`, where `*` matches any run of characters
// (including none) and every other character matches only itself.
// O(pattern * text) in the worst case, no recursion.
bool wildcardMatch(std::string_view pattern, std::string_view text);

struct ListEntry {
  std::string pattern;
  // Where the entry came from, for messages: the option (`--imports`), a line
  // of a response file (`imports.txt:3`) or an element of a JSON list file,
  // counted from 0 (`list.json[2]`).
  std::string origin;
};

// Parses one value of the list option `optionName` (used in origins and
// messages). Accepted forms:
//   a,b,c    comma-separated; entries are trimmed and empty ones dropped;
//            commas nested in (), [] or <> do not split, so `foo(int, char)`
//            and `std::map<int, int>::at` are single entries;
//   @path    a response file (`@@path` is accepted too): a JSON array of
//            strings if its content starts with `[`, otherwise one entry per
//            line, trimmed, skipping empty lines and lines starting with `#`;
//   [...]    an inline JSON array of strings.
// A missing or malformed file throws Error(ExitCode::ListFile, ...); a
// malformed inline JSON array or a bare `@` throws Error(ExitCode::Usage, ...).
std::vector<ListEntry> parseListArgument(std::string_view arg, std::string_view optionName);

// A set of list entries that names are matched against. Exact entries (no
// `*`) are looked up in a hash table; wildcard entries are tried in turn.
class NameList {
public:
  void add(ListEntry entry);
  void addAll(std::vector<ListEntry> entries);

  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  const std::vector<ListEntry> &entries() const { return entries_; }

  // True if any entry matches `name`. Every entry that matches is recorded
  // as used, so that unusedEntries() is exact.
  bool matches(std::string_view name);

  // The entries that have not matched any name so far, in the order they were
  // added. The pointers are valid until the next add()/addAll().
  std::vector<const ListEntry *> unusedEntries() const;

private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  std::vector<ListEntry> entries_;
  std::vector<bool> used_;        // parallel to entries_
  std::vector<size_t> wildcards_; // indices of entries with a `*`
  std::unordered_map<std::string, std::vector<size_t>, Hash, std::equal_to<>> exact_;
};

// Suggestions for a list entry that matched nothing: up to `max` of
// `candidates`, best first. Candidates are compared case-insensitively with
// the pattern with its `*`s removed. Those that contain it, or whose part after
// the last `.` equals the pattern's, come first; the rest must be within
// Levenshtein distance max(3, length / 2) of it. Ties are broken
// alphabetically.
std::vector<std::string> closestNames(std::string_view pattern,
                                      const std::vector<std::string> &candidates, size_t max = 3);

} // namespace wa
