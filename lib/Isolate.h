// Isolate: runs the pipeline in a child process, so that nothing inside it
// can take the tool down without a clear message. Binaryen 108 ends the
// process on some inputs it cannot handle (`Fatal: ...` then _exit(1), or an
// abort), which no handler in the same process can intercept. The parent
// waits for the child, relays its standard error, and turns such a death into
// one diagnostic naming the file and the phase, removing any temporary file
// the child had open. Set WASM_ASYNCIFY_NO_FORK=1 to run in-process (for a
// debugger).
//
// A side check (the validation of the input) can run in a process of its own
// beside the work, on the other core, while the work's process reads the
// same bytes with Binaryen. Its verdict wins: if it fails, the work is killed
// and only the check's messages are shown, as if it had run first. The work
// waits for the verdict (awaitSideCheck) before it uses what it read, so a
// module Binaryen cannot parse still gets WABT's located message, and nothing
// is written for an invalid one. WASM_ASYNCIFY_TEST_CHECK_DELAY_MS=N delays
// the check by N ms, for the tests that show this.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace wa {

// Runs `work` (which returns an exit code) isolated. Returns the exit code to
// use. `file` names the input in messages.
// `sideCheck`, if given, returns an exit code too and prints its own errors.
int runIsolated(const std::function<int()> &work, const std::string &file,
                const std::function<int()> &sideCheck = nullptr);

// In the work: whether a side check runs for it (else it checks by itself).
bool sideCheckRunning();

// In the work: blocks until the side check has passed, and returns its wall
// time and peak memory. When the check fails, the parent kills the work, so
// this does not return.
struct SideCheckStats {
  double seconds = 0;
  uint64_t peakRssKiB = 0;
};
SideCheckStats awaitSideCheck();

// Called by the pipeline as it goes, so a death can be located.
void notePhase(const char *phase);
void noteTempFile(const std::string &path);   // a temporary file now exists
void forgetTempFile(const std::string &path); // it was renamed or removed
void noteFunction(const std::string &name);   // empty: none

} // namespace wa
