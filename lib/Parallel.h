// Parallel: runs independent pieces of work on several threads. The number
// of threads is the machine's cores unless set (--jobs, or the environment
// variable WASM_ASYNCIFY_JOBS or BINARYEN_CORES); 1 runs everything on the
// calling thread.
// Output never depends on it: each piece writes only its own results, and
// the caller combines them in index order.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>

namespace wa {

// The thread count; 0 restores the default.
void setJobs(unsigned jobs);
unsigned jobs();

// Calls work(i) for every i in [0, n), from up to jobs() threads, each
// taking the next index as it finishes one. If calls throw, every index is
// still attempted and the exception of the lowest index is rethrown, so
// which error a run reports does not depend on timing.
void parallelFor(size_t n, const std::function<void(size_t)> &work);

} // namespace wa
