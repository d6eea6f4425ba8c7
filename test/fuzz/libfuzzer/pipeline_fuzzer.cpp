// A libFuzzer target over the whole pipeline: bytes → read (WABT, then
// Binaryen) → call graph → analysis → instrument → runtime API → optimize →
// validate → write, in-process so that coverage guides the search.
//
// The first byte of an input chooses the options (see Options below); the
// rest is the module, binary or text. The contract checked on every input:
//   - the tool either writes a module or throws wa::Error with a code other
//     than Internal (70); 70 means our own output failed validation, a bug;
//   - a written module reads back through WABT and Binaryen and validates,
//     and carries the five asyncify_* exports;
//   - nothing else escapes: a crash, an assertion, a sanitizer report, a
//     Binaryen `Fatal` (which calls exit(); libFuzzer reports "fuzz target
//     exited") or a hang is a finding.
// Build: configure with clang and -DWASM_ASYNCIFY_FUZZER=ON (see
// test/fuzz/README.md); the seed corpus is made by test/fuzz/libfuzzer/run.py.
#include "lib/Diagnostics.h"
#include "lib/Module.h"
#include "lib/Pipeline.h"

#include <binaryen-c.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

namespace {

std::string tempDir;

struct Options {
  wa::Config config;
  bool text = false;
};

// Byte 0: bits 0-2 the optimisation level (0-3 → -O0, 4 → -O1, 5 → -O2,
// 6 → -Os, 7 → -Oz), bit 3 --asserts, bit 4 --ignore-indirect, bit 5 only
// `env.*` imports are async (else every import), bit 6 text output, bit 7 a
// JSON report.
Options decode(uint8_t byte) {
  Options o;
  switch (byte & 7) {
  case 4:
    o.config.optimizeLevel = 1;
    break;
  case 5:
    o.config.optimizeLevel = 2;
    break;
  case 6:
    o.config.optimizeLevel = 2, o.config.shrinkLevel = 1;
    break;
  case 7:
    o.config.optimizeLevel = 2, o.config.shrinkLevel = 2;
    break;
  default:
    break;
  }
  o.config.asserts = byte & 8;
  o.config.ignoreIndirect = byte & 16;
  if (byte & 32)
    o.config.imports = std::vector<wa::ListEntry>{wa::ListEntry{"env.*", "fuzzer"}};
  o.text = byte & 64;
  o.config.textOutput = o.text;
  if (byte & 128)
    o.config.reportPath = tempDir + "/report.json";
  return o;
}

void writeAll(const std::string &path, const uint8_t *data, size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
  if (!out) {
    std::fprintf(stderr, "fuzzer: cannot write %s\n", path.c_str());
    std::abort();
  }
}

[[noreturn]] void finding(const std::string &what) {
  std::fprintf(stderr, "fuzzer: FINDING: %s\n", what.c_str());
  std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  std::string pattern = std::string(base) + "/wa-fuzz-XXXXXX";
  if (!mkdtemp(pattern.data())) {
    std::perror("fuzzer: mkdtemp");
    std::abort();
  }
  tempDir = pattern;
  std::atexit([] {
    for (const char *f : {"/in.wasm", "/out.wasm", "/report.json"})
      std::remove((tempDir + f).c_str());
    rmdir(tempDir.c_str());
  });
  // Binaryen prints its validation failures; keep them, they explain findings.
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  Options o = decode(data[0]);
  const std::string in = tempDir + "/in.wasm";
  const std::string out = tempDir + "/out.wasm";
  writeAll(in, data + 1, size - 1);
  std::remove(out.c_str());
  o.config.input = in;
  o.config.output = out;

  try {
    wa::runPipeline(o.config);
  } catch (const wa::Error &e) {
    if (e.code() == wa::ExitCode::Internal)
      finding(std::string("internal error: ") + e.what());
    if (access(out.c_str(), F_OK) == 0)
      finding(std::string("an output was left behind after: ") + e.what());
    return 0;
  }

  // The output must read back, validate under both implementations and
  // expose the runtime API.
  try {
    wa::Module written = wa::readModuleFromBytes(wa::readFileBytes(out), out);
    if (!BinaryenModuleValidate(written.ref()))
      finding("the output fails Binaryen's validation on reading it back");
    for (const char *name : {"asyncify_start_unwind", "asyncify_stop_unwind",
                             "asyncify_start_rewind", "asyncify_stop_rewind", "asyncify_get_state"})
      if (!BinaryenGetExport(written.ref(), name))
        finding(std::string("the output lacks the export ") + name);
  } catch (const wa::Error &e) {
    finding(std::string("the output does not read back: ") + e.what());
  }
  return 0;
}
