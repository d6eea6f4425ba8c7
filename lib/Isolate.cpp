#include "lib/Isolate.h"

#include "lib/Diagnostics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <sys/mman.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace wa {

namespace {

// Shared between parent and child: what the child was doing.
struct SharedState {
  char phase[64];
  char function[512];
  char tempFile[4096];
};

SharedState *shared = nullptr;

void copyInto(char *dst, size_t cap, const std::string &s) {
  size_t n = std::min(cap - 1, s.size());
  std::memcpy(dst, s.data(), n);
  dst[n] = '\0';
}

// The last line that Binaryen printed, without its "Fatal: " prefix.
std::string binaryenMessage(const std::string &err) {
  std::string last;
  size_t start = 0;
  while (start < err.size()) {
    size_t end = err.find('\n', start);
    if (end == std::string::npos)
      end = err.size();
    std::string line = err.substr(start, end - start);
    if (!line.empty())
      last = line;
    start = end + 1;
  }
  auto pos = last.find("Fatal: ");
  if (pos != std::string::npos)
    last = last.substr(pos + 7);
  return last;
}

} // namespace

void notePhase(const char *phase) {
  if (shared)
    copyInto(shared->phase, sizeof shared->phase, phase);
}
// The temporary files are kept as one newline-separated list.
void noteTempFile(const std::string &path) {
  if (!shared)
    return;
  std::string list = shared->tempFile;
  list += path + "\n";
  copyInto(shared->tempFile, sizeof shared->tempFile, list);
}
void forgetTempFile(const std::string &path) {
  if (!shared)
    return;
  std::string list = shared->tempFile;
  auto pos = list.find(path + "\n");
  if (pos != std::string::npos)
    list.erase(pos, path.size() + 1);
  copyInto(shared->tempFile, sizeof shared->tempFile, list);
}
void noteFunction(const std::string &name) {
  if (!shared)
    return;
  // Each thread notes its own function; a death names all of them ("a or
  // b"), since which thread died is not known.
  static std::mutex mutex;
  static std::vector<std::pair<std::thread::id, std::string>> working;
  std::lock_guard<std::mutex> lock(mutex);
  auto self = std::find_if(working.begin(), working.end(),
                           [](const auto &w) { return w.first == std::this_thread::get_id(); });
  if (self != working.end())
    working.erase(self);
  if (!name.empty())
    working.emplace_back(std::this_thread::get_id(), name);
  std::string all;
  for (const auto &w : working)
    all += (all.empty() ? "" : " or ") + w.second;
  copyInto(shared->function, sizeof shared->function, all);
}

int runIsolated(const std::function<int()> &work, const std::string &file) {
  const char *noFork = std::getenv("WASM_ASYNCIFY_NO_FORK");
  if (noFork && *noFork && std::strcmp(noFork, "0") != 0)
    return work();

  void *page =
      mmap(nullptr, sizeof(SharedState), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  int fds[2];
  if (page == MAP_FAILED || pipe(fds) != 0)
    return work();
  shared = static_cast<SharedState *>(page);
  std::memset(shared, 0, sizeof(SharedState));
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return work();
  }
  if (pid == 0) {
    close(fds[0]);
    dup2(fds[1], STDERR_FILENO);
    close(fds[1]);
    int code = work();
    std::fflush(stdout);
    std::fflush(stderr);
    _exit(code);
  }
  close(fds[1]);
  std::string err;
  char buf[4096];
  while (true) {
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n > 0) {
      err.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR)
      continue;
    break;
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }

  bool normal = WIFEXITED(status) && WEXITSTATUS(status) != 1;
  if (normal) {
    std::fputs(err.c_str(), stderr);
    munmap(page, sizeof(SharedState));
    shared = nullptr;
    return WEXITSTATUS(status);
  }
  // Exit status 1 is Binaryen's Fatal (our own codes never use 1); a signal
  // is an abort or a crash.
  std::string temps = shared->tempFile;
  for (size_t start = 0, end; (end = temps.find('\n', start)) != std::string::npos; start = end + 1)
    unlink(temps.substr(start, end - start).c_str());
  std::string phase = shared->phase[0] ? shared->phase : "processing";
  std::string where = shared->function[0] ? fmt::format("function {}", shared->function) : "";
  std::string what;
  ExitCode code;
  if (WIFEXITED(status)) {
    what = fmt::format("Binaryen 108 gave up during {}: {}", phase, binaryenMessage(err));
    code = ExitCode::Unsupported;
  } else {
    int sig = WTERMSIG(status);
    std::string tail = binaryenMessage(err);
    what = fmt::format("wasm-asyncify crashed during {} (signal {}: {}){}; this is a bug, please "
                       "report it with the input module",
                       phase, sig, strsignal(sig), tail.empty() ? "" : ": " + tail);
    code = ExitCode::Internal;
  }
  munmap(page, sizeof(SharedState));
  shared = nullptr;
  std::fprintf(stderr, "%s\n", render("error", {file, what, where}).c_str());
  return static_cast<int>(code);
}

} // namespace wa
