// WasmOptShim: finds the real wasm-opt and wasm-asyncify, runs the steps of a
// wasm-opt command line with --asyncify, and passes every other command line
// through unchanged. POSIX only (posix_spawn, execve, mkdtemp).
#include "lib/WasmOptShim.h"

#include "lib/WasmOptCommandLine.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace wa {

namespace fs = std::filesystem;

namespace {

constexpr const char *kCallerVariable = "WASM_OPT_ASYNCIFY_CALLER";

std::optional<std::string> variable(const char *name) {
  const char *v = std::getenv(name);
  if (!v || !*v)
    return std::nullopt;
  return std::string(v);
}

bool isExecutableFile(const fs::path &p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

bool sameFile(const fs::path &a, const fs::path &b) {
  std::error_code ec;
  bool same = fs::equivalent(a, b, ec);
  return !ec && same;
}

// Every executable `name` in the colon-separated `path`, in order (an empty
// entry is the current directory, as for the shell).
std::vector<fs::path> onPath(const std::string &path, const std::string &name) {
  std::vector<fs::path> found;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find(':', start);
    if (end == std::string::npos)
      end = path.size();
    std::string dir = path.substr(start, end - start);
    fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
    if (isExecutableFile(candidate))
      found.push_back(candidate);
    start = end + 1;
  }
  return found;
}

Error usage(std::string what) {
  return Error(ExitCode::Usage, {"", std::move(what), ""});
}

// The environment for a child: ours, with WASM_OPT_ASYNCIFY_CALLER set.
std::vector<std::string> childEnvironment(const std::string &self) {
  std::vector<std::string> env;
  std::string prefix = std::string(kCallerVariable) + "=";
  for (char **e = environ; *e; e++)
    if (!std::string_view(*e).starts_with(prefix))
      env.push_back(*e);
  env.push_back(prefix + self);
  return env;
}

std::vector<char *> pointers(std::vector<std::string> &strings) {
  std::vector<char *> out;
  for (std::string &s : strings)
    out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

void logLine(const ShimEnvironment &env, const std::function<void(const std::string &)> &say,
             const std::string &line) {
  if (env.verbose)
    say(line);
  if (env.logPath) {
    if (FILE *f = std::fopen(env.logPath->c_str(), "a")) {
      std::fprintf(f, "%s\n", line.c_str());
      std::fclose(f);
    }
  }
}

// Copies the lines read from `fd` to standard error, leaving out those for
// which `drop` is true, until end of file.
void relayLines(int fd, const std::function<bool(std::string_view)> &drop) {
  std::string pending;
  char buffer[4096];
  auto flushLine = [&](std::string_view line) {
    if (!drop(line))
      std::fwrite(line.data(), 1, line.size(), stderr);
  };
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    pending.append(buffer, static_cast<size_t>(n));
    size_t start = 0;
    for (size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1)
      flushLine(std::string_view(pending).substr(start, nl + 1 - start));
    pending.erase(0, start);
  }
  if (!pending.empty())
    flushLine(pending);
  std::fflush(stderr);
}

// Runs `program args...` and waits. Returns its exit code (128 + the signal
// if a signal ended it). With `drop`, the program's standard error goes
// through relayLines.
int runProcess(const std::string &program, const std::vector<std::string> &args,
               const std::string &self,
               const std::function<bool(std::string_view)> *drop = nullptr) {
  std::vector<std::string> argvStrings{program};
  argvStrings.insert(argvStrings.end(), args.begin(), args.end());
  std::vector<std::string> envStrings = childEnvironment(self);
  std::vector<char *> argv = pointers(argvStrings);
  std::vector<char *> envp = pointers(envStrings);

  int pipeFds[2] = {-1, -1};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (drop) {
    if (::pipe(pipeFds) != 0)
      throw Error(ExitCode::Internal,
                  {"", fmt::format("cannot create a pipe: {}", std::strerror(errno)), ""});
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 2);
    posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
    posix_spawn_file_actions_addclose(&actions, pipeFds[1]);
  }
  pid_t pid;
  int err = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (drop) {
    ::close(pipeFds[1]);
    if (err == 0)
      relayLines(pipeFds[0], *drop);
    ::close(pipeFds[0]);
  }
  if (err != 0)
    throw Error(ExitCode::Usage, {program, fmt::format("cannot run: {}", std::strerror(err)), ""});
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR)
      throw Error(ExitCode::Internal,
                  {program, fmt::format("cannot wait for it: {}", std::strerror(errno)), ""});
  }
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  if (WIFSIGNALED(status))
    return 128 + WTERMSIG(status);
  return 1;
}

// A private temporary directory, removed with everything in it.
class TempDir {
public:
  explicit TempDir(const std::string &parent) {
    std::string pattern = parent + "/wasm-opt-asyncify.XXXXXX";
    if (!::mkdtemp(pattern.data()))
      throw Error(ExitCode::Output,
                  {parent,
                   fmt::format("cannot create a temporary directory: {}", std::strerror(errno)),
                   ""});
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const std::string &path() const { return path_; }

private:
  std::string path_;
};

} // namespace

ShimEnvironment ShimEnvironment::fromProcess() {
  ShimEnvironment env;
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  env.self = ec ? std::string() : self.string();
  env.path = variable("PATH").value_or("/usr/local/bin:/usr/bin:/bin");
  env.tmpDir = variable("TMPDIR").value_or("/tmp");
  env.realWasmOpt = variable("WASM_ASYNCIFY_REAL_WASM_OPT");
  env.wasmAsyncify = variable("WASM_ASYNCIFY_TOOL");
  env.reportPath = variable("WASM_OPT_ASYNCIFY_REPORT");
  env.logPath = variable("WASM_OPT_ASYNCIFY_LOG");
  env.caller = variable(kCallerVariable);
  auto allWarnings = variable("WASM_OPT_ASYNCIFY_ALL_WARNINGS");
  env.allWarnings = allWarnings && *allWarnings != "0";
  auto verbose = variable("WASM_OPT_ASYNCIFY_VERBOSE");
  env.verbose = verbose && *verbose != "0";
  return env;
}

std::string findRealWasmOpt(const ShimEnvironment &env) {
  if (env.realWasmOpt) {
    if (!isExecutableFile(*env.realWasmOpt))
      throw usage(
          fmt::format("WASM_ASYNCIFY_REAL_WASM_OPT is `{}`, which is not an executable file",
                      *env.realWasmOpt));
    if (!env.self.empty() && sameFile(*env.realWasmOpt, env.self))
      throw usage(fmt::format("WASM_ASYNCIFY_REAL_WASM_OPT is `{}`, which is wasm-opt-asyncify "
                              "itself; point it at Binaryen's wasm-opt",
                              *env.realWasmOpt));
    return *env.realWasmOpt;
  }
  for (const fs::path &candidate : onPath(env.path, "wasm-opt"))
    if (env.self.empty() || !sameFile(candidate, env.self))
      return candidate.string();
  throw usage("cannot find Binaryen's wasm-opt: there is no wasm-opt on PATH other than "
              "wasm-opt-asyncify itself; install Binaryen or set WASM_ASYNCIFY_REAL_WASM_OPT");
}

std::string findWasmAsyncify(const ShimEnvironment &env) {
  if (env.wasmAsyncify) {
    if (!isExecutableFile(*env.wasmAsyncify))
      throw usage(fmt::format("WASM_ASYNCIFY_TOOL is `{}`, which is not an executable file",
                              *env.wasmAsyncify));
    return *env.wasmAsyncify;
  }
  if (!env.self.empty()) {
    fs::path sibling = fs::path(env.self).parent_path() / "wasm-asyncify";
    if (isExecutableFile(sibling))
      return sibling.string();
  }
  auto found = onPath(env.path, "wasm-asyncify");
  if (!found.empty())
    return found.front().string();
  throw usage("cannot find wasm-asyncify next to wasm-opt-asyncify or on PATH; set "
              "WASM_ASYNCIFY_TOOL");
}

int runWasmOptShim(const std::vector<std::string> &args, const ShimEnvironment &env,
                   const std::function<void(const std::string &)> &say) {
  if (env.caller)
    throw usage(fmt::format("wasm-opt-asyncify `{}` took this program (`{}`) for Binaryen's "
                            "wasm-opt; set WASM_ASYNCIFY_REAL_WASM_OPT to Binaryen's wasm-opt",
                            *env.caller, env.self));

  WasmOptCommandLine cl = parseWasmOptCommandLine(args);
  std::string realWasmOpt = findRealWasmOpt(env);

  if (cl.asyncifyCount == 0) {
    std::vector<std::string> argvStrings{realWasmOpt};
    argvStrings.insert(argvStrings.end(), args.begin(), args.end());
    logLine(env, say, "wasm-opt-asyncify: pass-through: " + shellQuote(argvStrings));
    std::vector<std::string> envStrings = childEnvironment(env.self);
    std::vector<char *> argv = pointers(argvStrings);
    std::vector<char *> envp = pointers(envStrings);
    ::execve(realWasmOpt.c_str(), argv.data(), envp.data());
    throw usage(fmt::format("cannot run `{}`: {}", realWasmOpt, std::strerror(errno)));
  }

  checkAsyncifyCommandLine(cl);
  std::string wasmAsyncify = findWasmAsyncify(env);
  TempDir temp(env.tmpDir);
  const std::function<bool(std::string_view)> dropWarning = isEmscriptenDefaultImportWarning;
  std::vector<ShimStep> steps = planAsyncifySteps(cl, temp.path(), env.reportPath);
  for (const ShimStep &step : steps) {
    const std::string &program =
        step.tool == ShimStep::Tool::RealWasmOpt ? realWasmOpt : wasmAsyncify;
    std::vector<std::string> full{program};
    full.insert(full.end(), step.args.begin(), step.args.end());
    logLine(env, say, fmt::format("wasm-opt-asyncify: {}: {}", step.what, shellQuote(full)));
    int code = step.tool == ShimStep::Tool::WasmAsyncify && !env.allWarnings
                   ? runProcess(program, step.args, env.self, &dropWarning)
                   : runProcess(program, step.args, env.self);
    if (code != 0)
      throw StepFailed(code, {cl.inputs.front(),
                              fmt::format("{} failed: `{}` exited with code {}", step.what,
                                          fs::path(program).filename().string(), code),
                              ""});
  }
  return 0;
}

} // namespace wa
