#include "lib/Isolate.h"

#include "lib/Diagnostics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <poll.h>
#include <sys/mman.h>
#include <sys/resource.h>
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
  // Written by the side check as it ends: its wall time and peak memory.
  double sideSeconds;
  uint64_t sidePeakKiB;
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

namespace {

// The work's end of the pipe on which the parent says the side check passed.
int sideCheckFd = -1;

void waitFor(pid_t pid, int &status) {
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

void removeTempFiles() {
  std::string temps = shared->tempFile;
  for (size_t start = 0, end; (end = temps.find('\n', start)) != std::string::npos; start = end + 1)
    unlink(temps.substr(start, end - start).c_str());
}

// Forks a process that runs `f` with its standard error on a pipe, whose
// read end is returned in `errFd`; the child first closes `closeInChild`.
pid_t spawn(const std::function<int()> &f, int &errFd, const std::vector<int> &closeInChild) {
  int fds[2];
  if (pipe(fds) != 0)
    return -1;
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return -1;
  }
  if (pid == 0) {
    close(fds[0]);
    for (int fd : closeInChild)
      if (fd >= 0)
        close(fd);
    dup2(fds[1], STDERR_FILENO);
    close(fds[1]);
    int code = f();
    std::fflush(stdout);
    std::fflush(stderr);
    _exit(code);
  }
  close(fds[1]);
  errFd = fds[0];
  return pid;
}

// The message for a process that died (exit status 1 is Binaryen's Fatal;
// our own codes never use 1) or was killed by a signal.
int reportDeath(int status, const std::string &err, const std::string &file) {
  removeTempFiles();
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
  std::fprintf(stderr, "%s\n", render("error", {file, what, where}).c_str());
  return static_cast<int>(code);
}

} // namespace

bool sideCheckRunning() {
  return sideCheckFd >= 0;
}

SideCheckStats awaitSideCheck() {
  if (sideCheckFd < 0)
    return {};
  char c = 0;
  ssize_t n;
  while ((n = read(sideCheckFd, &c, 1)) < 0 && errno == EINTR) {
  }
  close(sideCheckFd);
  sideCheckFd = -1;
  if (n != 1) // the check failed: the parent reports it and kills us
    _exit(static_cast<int>(ExitCode::Internal));
  return {shared->sideSeconds, shared->sidePeakKiB};
}

int runIsolated(const std::function<int()> &work, const std::string &file,
                const std::function<int()> &sideCheck) {
  const char *noFork = std::getenv("WASM_ASYNCIFY_NO_FORK");
  // In-process, no check runs beside the work: it checks by itself.
  if (noFork && *noFork && std::strcmp(noFork, "0") != 0)
    return work();

  void *page =
      mmap(nullptr, sizeof(SharedState), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (page == MAP_FAILED)
    return work();
  shared = static_cast<SharedState *>(page);
  std::memset(shared, 0, sizeof(SharedState));
  std::fflush(stdout);
  std::fflush(stderr);

  // The side check first: if it cannot start, the work checks by itself.
  int go[2] = {-1, -1};
  int checkErr = -1;
  pid_t checkPid = -1;
  if (sideCheck && pipe(go) == 0) {
    checkPid = spawn(
        [&] {
          auto start = std::chrono::steady_clock::now();
          // For tests: a slow check, to show that the work waits for it.
          if (const char *delay = std::getenv("WASM_ASYNCIFY_TEST_CHECK_DELAY_MS"))
            std::this_thread::sleep_for(std::chrono::milliseconds(std::atoi(delay)));
          int code = sideCheck();
          std::chrono::duration<double> d = std::chrono::steady_clock::now() - start;
          struct rusage usage {};
          getrusage(RUSAGE_SELF, &usage);
          shared->sideSeconds = d.count();
          shared->sidePeakKiB = static_cast<uint64_t>(usage.ru_maxrss);
          return code;
        },
        checkErr, {go[0], go[1]});
    if (checkPid < 0) {
      close(go[0]);
      close(go[1]);
      go[0] = go[1] = -1;
    }
  }
  int workErr = -1;
  pid_t pid = spawn(
      [&] {
        if (checkPid >= 0) {
          close(go[1]);
          close(checkErr);
          sideCheckFd = go[0];
        }
        return work();
      },
      workErr, {});
  if (pid < 0) {
    if (checkPid >= 0) {
      kill(checkPid, SIGKILL);
      int status;
      waitFor(checkPid, status);
      close(checkErr);
      close(go[0]);
      close(go[1]);
    }
    munmap(page, sizeof(SharedState));
    shared = nullptr;
    return work();
  }
  if (checkPid >= 0)
    close(go[0]);

  // Both processes' standard error is read as it comes, so that neither
  // blocks on a full pipe; the check's end is the verdict.
  std::string err, checkOut;
  int checkStatus = 0;
  bool checkFailed = false;
  std::vector<pollfd> fds;
  while (true) {
    fds.clear();
    if (workErr >= 0)
      fds.push_back({workErr, POLLIN, 0});
    if (checkErr >= 0)
      fds.push_back({checkErr, POLLIN, 0});
    if (fds.empty())
      break;
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    for (const pollfd &p : fds) {
      if (!(p.revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      char buf[4096];
      ssize_t n = read(p.fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      std::string &out = p.fd == workErr ? err : checkOut;
      if (n > 0) {
        out.append(buf, static_cast<size_t>(n));
        continue;
      }
      close(p.fd);
      if (p.fd == workErr) {
        workErr = -1;
        continue;
      }
      checkErr = -1;
      waitFor(checkPid, checkStatus);
      checkFailed = !WIFEXITED(checkStatus) || WEXITSTATUS(checkStatus) != 0;
      if (checkFailed) {
        kill(pid, SIGKILL);
      } else {
        // The work may be gone already (then nobody reads: no SIGPIPE).
        struct sigaction ignore {
        }, old{};
        ignore.sa_handler = SIG_IGN;
        sigaction(SIGPIPE, &ignore, &old);
        ssize_t w;
        while ((w = write(go[1], "y", 1)) < 0 && errno == EINTR) {
        }
        sigaction(SIGPIPE, &old, nullptr);
      }
      close(go[1]);
    }
  }
  int status = 0;
  waitFor(pid, status);

  int result;
  if (checkFailed) {
    // As if the check had run first in the work's process.
    if (WIFEXITED(checkStatus)) {
      removeTempFiles();
      std::fputs(checkOut.c_str(), stderr);
      result = WEXITSTATUS(checkStatus);
    } else {
      copyInto(shared->phase, sizeof shared->phase, "read");
      shared->function[0] = '\0';
      result = reportDeath(checkStatus, checkOut, file);
    }
  } else if (WIFEXITED(status) && WEXITSTATUS(status) != 1) {
    std::fputs(err.c_str(), stderr);
    result = WEXITSTATUS(status);
  } else {
    result = reportDeath(status, err, file);
  }
  munmap(page, sizeof(SharedState));
  shared = nullptr;
  return result;
}

} // namespace wa
