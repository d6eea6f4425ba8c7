// Diagnostics: every message the tool prints goes through here, so that all of
// them read `file: severity: what [where]`, and every failure carries the exit
// code documented in docs/cli.md.
#pragma once

#include <exception>
#include <string>
#include <vector>

namespace wa {

// Exit codes of the tool; documented in docs/cli.md. Never renumber.
enum class ExitCode : int {
  Ok = 0,
  Usage = 2,       // unknown flag, bad flag value, conflicting flags
  Input = 3,       // missing, unreadable, not wasm, malformed or invalid module
  Unsupported = 4, // a valid module that uses something we cannot transform
  Output = 5,      // the output or the report cannot be written
  ListFile = 6,    // a list file (@file, JSON) is missing or malformed
  Internal = 70,   // a bug in wasm-asyncify: our own output failed validation
};

struct Diagnostic {
  std::string file;  // the file the message is about; empty for none
  std::string what;  // what is wrong, in words
  std::string where; // a location inside the file: an offset, a function, a line
};

// Renders `file: severity: what [where]`, leaving out the empty parts.
std::string render(const char *severity, const Diagnostic &d);

// A failure that stops the tool. Thrown by the library, caught by the driver.
class Error : public std::exception {
public:
  Error(ExitCode code, Diagnostic diag);
  ExitCode code() const { return code_; }
  const Diagnostic &diagnostic() const { return diag_; }
  const char *what() const noexcept override { return rendered_.c_str(); }

private:
  ExitCode code_;
  Diagnostic diag_;
  std::string rendered_;
};

// Warnings are collected while the pipeline runs and printed together by the
// driver (or inspected by tests).
class Warnings {
public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  const std::vector<Diagnostic> &items() const { return items_; }
  bool empty() const { return items_.empty(); }

private:
  std::vector<Diagnostic> items_;
};

} // namespace wa
