// CodeChunks: a module cut into smaller modules that each keep every section
// but hold only some of the function bodies; the other bodies become
// `unreachable`, which is valid for any signature. Validating every piece
// validates the module (a body's validity depends only on the sections
// outside the code section), so the pieces can be validated on several
// threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace wa {

struct CodeLayout {
  size_t sectionStart = 0; // the code section's id byte
  size_t sectionEnd = 0;   // one past its last byte
  // Each body's bytes, from its size LEB to its `end`.
  std::vector<std::pair<size_t, size_t>> bodies;
};

// Where the code section and its bodies are; nullopt when the module has no
// code section or its framing cannot be read (a reader then reports why).
std::optional<CodeLayout> findCodeLayout(const std::vector<uint8_t> &bytes);

// Consecutive runs of bodies [first, last) of about `chunkBytes` each.
std::vector<std::pair<size_t, size_t>> chunkBodies(const CodeLayout &layout, size_t chunkBytes);

// The module with only bodies [first, last) kept.
std::vector<uint8_t> moduleWithBodies(const std::vector<uint8_t> &bytes, const CodeLayout &layout,
                                      size_t first, size_t last);

} // namespace wa
