// Isolate: runs the pipeline in a child process, so that nothing inside it
// can take the tool down without a clear message. Binaryen 108 ends the
// process on some inputs it cannot handle (`Fatal: ...` then _exit(1), or an
// abort), which no handler in the same process can intercept. The parent
// waits for the child, relays its standard error, and turns such a death into
// one diagnostic naming the file and the phase, removing any temporary file
// the child had open. Set WASM_ASYNCIFY_NO_FORK=1 to run in-process (for a
// debugger).
#pragma once

#include <functional>
#include <string>

namespace wa {

// Runs `work` (which returns an exit code) isolated. Returns the exit code to
// use. `file` names the input in messages.
int runIsolated(const std::function<int()> &work, const std::string &file);

// Called by the pipeline as it goes, so a death can be located.
void notePhase(const char *phase);
void noteTempFile(const std::string &path);   // a temporary file now exists
void forgetTempFile(const std::string &path); // it was renamed or removed
void noteFunction(const std::string &name);   // empty: none

} // namespace wa
