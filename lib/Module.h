// Module: a wasm module held in Binaryen's IR, with the facts Binaryen's C
// API cannot give. WABT reads and validates the input (text parsing, binary
// reading, validation) so that a malformed input becomes a located error:
// Binaryen aborts the process on bad input. For a binary input the two can
// run side by side (lib/Isolate.h), WABT's verdict coming first.
#pragma once

#include "lib/ModuleFacts.h"

#include <binaryen-c.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace wa {

class Module {
public:
  Module(BinaryenModuleRef ref, ModuleFacts facts, std::string path, size_t inputSize);
  ~Module();
  Module(Module &&other) noexcept;
  Module &operator=(Module &&) = delete;
  Module(const Module &) = delete;
  Module &operator=(const Module &) = delete;

  BinaryenModuleRef ref() const { return ref_; }
  // Frees the IR once nothing needs it (ref() is null from then on), so that
  // what runs after writing reuses its memory instead of adding to the peak.
  void releaseIr();
  const ModuleFacts &facts() const { return facts_; }
  const std::string &path() const { return path_; }
  size_t inputSize() const { return inputSize_; }

private:
  BinaryenModuleRef ref_;
  ModuleFacts facts_;
  std::string path_;
  size_t inputSize_;
};

// Reads a file: binary wasm, or the text format (by content: a binary starts
// with "\0asm"). Throws wa::Error with ExitCode::Input for anything that is
// not a valid module, and ExitCode::Unsupported for valid modules that
// Binaryen 108 cannot represent (several memories, GC types).
Module readModule(const std::string &path);

// Same, from bytes already in memory; `name` is used in messages.
// `awaitValidation`, if given, says that another process validates a binary
// input meanwhile (lib/Isolate.h): the bytes then go to Binaryen's reader at
// once, and nothing read is used, no error reported, before it has returned.
Module readModuleFromBytes(const std::vector<uint8_t> &bytes, const std::string &name,
                           const std::function<void()> &awaitValidation = nullptr);

// Whether bytes hold the binary format (the `\0asm` magic).
bool isBinary(const std::vector<uint8_t> &bytes);

// What must pass before Binaryen reads a binary module: the constant
// expressions WABT's reader would assert on, then WABT's validation.
void validateBinaryInput(const std::vector<uint8_t> &bytes, const std::string &name);

// WABT's reading and validation of a binary module, which must come before
// Binaryen sees it, in one streaming pass. Modules with over 2 × `chunkBytes`
// of code are split into one piece per thread (lib/CodeChunks.h); 0 reads
// the whole module at once. Throws ExitCode::Input naming the first error
// and its offset.
constexpr size_t kWabtChunkBytes = 2 << 20;
void validateWithWabt(const std::vector<uint8_t> &bytes, const std::string &file,
                      size_t chunkBytes = kWabtChunkBytes);

// Writing the rewritten module, in steps the pipeline times one by one. A
// module that fails either validation is our bug: ExitCode::Internal.
void validateOutput(const Module &module);                                 // Binaryen's validator
std::vector<uint8_t> writeOutput(const Module &module);                    // the binary format
void checkOutput(const Module &module, const std::vector<uint8_t> &bytes); // WABT's
std::vector<uint8_t> writeOutputText(const Module &module);                // the text format

// Files written together or not at all: each is first written in full to a
// temporary file beside its target (so a full disk or a bad directory fails
// before anything is replaced), and only commit() renames them into place.
// Temporary files not committed are removed. `-` is standard output; devices
// and pipes (/dev/null, a fifo) are written at commit, in place. `what` names
// the file in messages ("the output", "the report"). Throws ExitCode::Output.
class StagedWrites {
public:
  StagedWrites() = default;
  StagedWrites(const StagedWrites &) = delete;
  StagedWrites &operator=(const StagedWrites &) = delete;
  ~StagedWrites();
  void stage(const std::string &path, std::vector<uint8_t> bytes, const std::string &what);
  void commit();

private:
  struct Staged {
    std::string path, temp, what;
    std::vector<uint8_t> inPlace; // stdout or a device: written at commit
    bool direct = false;
  };
  std::vector<Staged> files_;
};

// One file, staged and committed at once.
void writeFileAtomically(const std::string &path, const std::vector<uint8_t> &bytes,
                         const std::string &what = "the output");

// Reads a whole file; throws ExitCode::Input naming the file on failure.
std::vector<uint8_t> readFileBytes(const std::string &path);

} // namespace wa
