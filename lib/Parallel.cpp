#include "lib/Parallel.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace wa {

namespace {

unsigned configuredJobs = 0;

// WASM_ASYNCIFY_JOBS, else BINARYEN_CORES (what builds that run wasm-opt
// already set), else the machine's cores.
unsigned defaultJobs() {
  for (const char *name : {"WASM_ASYNCIFY_JOBS", "BINARYEN_CORES"}) {
    const char *env = std::getenv(name);
    if (!env)
      continue;
    char *end = nullptr;
    unsigned long n = std::strtoul(env, &end, 10);
    if (end != env && *end == '\0' && n > 0)
      return static_cast<unsigned>(std::min(n, 256ul));
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

} // namespace

void setJobs(unsigned n) {
  configuredJobs = n;
}

unsigned jobs() {
  return configuredJobs ? configuredJobs : defaultJobs();
}

void parallelFor(size_t n, const std::function<void(size_t)> &work) {
  std::vector<std::exception_ptr> errors(n);
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < n; i = next++) {
      try {
        work(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  size_t threads = std::min<size_t>(jobs(), n);
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; t++)
    pool.emplace_back(worker);
  worker();
  for (std::thread &t : pool)
    t.join();
  for (const std::exception_ptr &e : errors)
    if (e)
      std::rethrow_exception(e);
}

} // namespace wa
