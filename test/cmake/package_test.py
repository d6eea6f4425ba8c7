#!/usr/bin/env python3
"""The cmake-package test: the installed WasmAsyncify package, used as a user would.

Usage: package_test.py SOURCE_DIR BUILD_DIR [--mutate]

1. `cmake --install BUILD_DIR --prefix BUILD_DIR/cmake-package/prefix`, and
   the package's files are where docs/cmake.md says.
2. examples/cmake is configured against that prefix (CMAKE_PREFIX_PATH, the
   example's WASI toolchain file, Ninja when there is one), built (the
   post-link step rewrites weather.wasm in place), and run in Node by
   examples/cmake/run.mjs with real timers: the output must be
   examples/cmake/weather.expected (which ends with the number of
   suspensions), and the report must name both imports. A second build does
   nothing and the module still runs; a module linked again is rewritten
   again.
3. The prefix is copied elsewhere (the package must be relocatable) and
   test/cmake/package-usage is built against the copy with Unix Makefiles,
   in Release, asking for the build's major.minor version:
   OUTPUT (the linked module stays unrewritten, the rewritten one runs),
   REPORT, OPTIONS, a wildcard import, the WASM_ASYNCIFY_OUTPUT property, and
   the coroutines example rewritten in place.
4. Mistakes: a failing tool fails the build and removes the linked module;
   a misspelt target, IMPORTS without patterns, an unknown keyword, -o in
   OPTIONS, a second
   call, a library target, a target whose file is .js (Emscripten) and too
   high a version stop the configuration with their message.

5. docs/cmake.md shows the example's files and output as they are, and its
   commands, run against the installed prefix, print the expected output
   (doc_examples.py).

--mutate corrupts the expected outputs and messages: every step must fail.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

import doc_examples

GENERATOR = ["-G", "Ninja"] if shutil.which("ninja") else ["-G", "Unix Makefiles"]


class Failure(Exception):
    pass


class Test:
    def __init__(self, source, build, mutate):
        self.source, self.build, self.mutate = source, build, mutate
        self.work = os.path.join(build, "cmake-package")
        self.prefix = os.path.join(self.work, "prefix")
        self.toolchain = os.path.join(source, "examples", "cmake", "wasi-toolchain.cmake")
        self.run_mjs = os.path.join(source, "examples", "cmake", "run.mjs")
        self.coro_mjs = os.path.join(source, "examples", "coroutines", "run.mjs")
        self.passed = self.failed = 0

    def sh(self, cmd, ok=True, cwd=None):
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600, cwd=cwd)
        out = p.stdout.decode(errors="replace")
        if ok and p.returncode != 0:
            raise Failure(f"$ {' '.join(cmd)}\nexit {p.returncode}\n{out[-4000:]}")
        return p.returncode, out

    def expect(self, path):
        with open(path, "rb") as f:
            data = f.read()
        return bytes([data[0] ^ 1]) + data[1:] if self.mutate else data

    def message(self, text):
        return text + " (mutated)" if self.mutate else text

    def run_module(self, host, module, expected_file, node_flags=()):
        p = subprocess.run(["node", *node_flags, host, module], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=120)
        want = self.expect(expected_file)
        if p.returncode != 0 or p.stdout != want:
            raise Failure(f"node {os.path.basename(host)} {module}: exit {p.returncode}\n"
                          f"stdout:\n{p.stdout.decode(errors='replace')}\nexpected:\n{want.decode(errors='replace')}\n"
                          f"stderr:\n{p.stderr.decode(errors='replace')}")

    def configure(self, src, bld, prefix, extra=(), generator=None, ok=True):
        return self.sh(["cmake", "-S", src, "-B", bld, *(generator or GENERATOR),
                        f"-DCMAKE_TOOLCHAIN_FILE={self.toolchain}", f"-DCMAKE_PREFIX_PATH={prefix}", *extra], ok=ok)

    def step(self, name, fn):
        try:
            fn()
            print(f"PASS {name}", flush=True)
            self.passed += 1
        except (Failure, subprocess.TimeoutExpired, OSError) as e:
            print(f"FAIL {name}: {e}", flush=True)
            self.failed += 1

    # ---- steps

    def install(self):
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        self.sh(["cmake", "--install", self.build, "--prefix", self.prefix])
        files = ["bin/wasm-asyncify", "include/wasm_asyncify.h", "include/wasm_asyncify_coro.h",
                 "lib/cmake/WasmAsyncify/WasmAsyncifyConfig.cmake",
                 "lib/cmake/WasmAsyncify/WasmAsyncifyConfigVersion.cmake",
                 "lib/cmake/WasmAsyncify/WasmAsyncifyFunctions.cmake",
                 "lib/cmake/WasmAsyncify/WasmAsyncifyRun.cmake"]
        if self.mutate:
            files.append("lib/cmake/WasmAsyncify/mutated.cmake")
        missing = [f for f in files if not os.path.isfile(os.path.join(self.prefix, f))]
        if missing:
            raise Failure(f"not installed: {', '.join(missing)}")
        if not os.access(os.path.join(self.prefix, "bin/wasm-asyncify"), os.X_OK):
            raise Failure("bin/wasm-asyncify is not executable")

    def example(self):
        src = os.path.join(self.source, "examples", "cmake")
        bld = os.path.join(self.work, "example")
        self.configure(src, bld, self.prefix, ["-DCMAKE_BUILD_TYPE=Release"])
        with open(os.path.join(bld, "CMakeCache.txt")) as f:
            cache = f.read()
        want_dir = os.path.join(self.prefix, "lib", "cmake", "WasmAsyncify")
        if f"WasmAsyncify_DIR:PATH={want_dir}\n" not in cache:
            raise Failure(f"the package was not found in the test's prefix ({want_dir})")
        self.sh(["cmake", "--build", bld])
        module = os.path.join(bld, "weather.wasm")
        expected = os.path.join(src, "weather.expected")
        self.run_module(self.run_mjs, module, expected)
        with open(os.path.join(bld, "weather-report.json")) as f:
            report = json.load(f)
        if report["options"]["imports"] != ["env.sleep_ms", "env.fetch_temperature"] or \
                report["summary"]["asyncImports"] != 2:
            raise Failure(f"the report does not show the two IMPORTS as async: {report['options']}, "
                          f"{report['summary']}")
        # Nothing to do the second time; the module is still the rewritten one.
        _, out = self.sh(["cmake", "--build", bld, "--verbose"])
        if "wasm-asyncify" in out:
            raise Failure(f"an up-to-date build ran the tool again:\n{out}")
        self.run_module(self.run_mjs, module, expected)
        # Linked again: rewritten again (not refused as already rewritten).
        os.remove(module)
        _, out = self.sh(["cmake", "--build", bld, "--verbose"])
        if "WasmAsyncifyRun.cmake" not in out:
            raise Failure(f"a relinked module was not rewritten again:\n{out}")
        self.run_module(self.run_mjs, module, expected)

    def usage(self):
        moved = os.path.join(self.work, "moved-prefix")
        shutil.copytree(self.prefix, moved, symlinks=True)
        src = os.path.join(self.source, "test", "cmake", "package-usage")
        bld = os.path.join(self.work, "usage")
        with open(os.path.join(self.build, "CMakeCache.txt")) as f:
            version = re.search(r"^CMAKE_PROJECT_VERSION:STATIC=(\S+)$", f.read(), re.M).group(1)
        major_minor = ".".join(version.split(".")[:2])
        # Release: -O3 on the link line, so clang runs wasm-opt (when it is on
        # the PATH) before the post-link step; the coroutines must survive it.
        self.configure(src, bld, moved, [f"-DWANT_VERSION={major_minor}", "-DCMAKE_BUILD_TYPE=Release"],
                       generator=["-G", "Unix Makefiles"])
        with open(os.path.join(bld, "found-version.txt")) as f:
            found = f.read()
        if found != version:
            raise Failure(f"find_package(WasmAsyncify {major_minor}) found version {found!r}, the build is {version}")
        self.sh(["cmake", "--build", bld])
        rewritten = os.path.join(bld, "rewritten", "weather.async.wasm")
        self.run_module(self.run_mjs, rewritten, os.path.join(self.source, "examples", "cmake", "weather.expected"))
        code, out = self.sh(["node", self.run_mjs, os.path.join(bld, "weather.wasm")], ok=False)
        if code != 2 or self.message("it was not rewritten") not in out:
            raise Failure(f"with OUTPUT the linked module must stay as it was; run.mjs said ({code}):\n{out}")
        with open(os.path.join(bld, "reports", "weather.json")) as f:
            report = json.load(f)
        if report["options"]["imports"] != ["env.sleep_ms", "env.fetch_*"] or report["summary"]["asyncImports"] != 2:
            raise Failure(f"the report does not show env.sleep_ms and env.fetch_* matching two imports: "
                          f"{report['options']}, {report['summary']}")
        with open(os.path.join(bld, "output-property.txt")) as f:
            prop = f.read()
        if prop != rewritten:
            raise Failure(f"WASM_ASYNCIFY_OUTPUT is {prop!r}, expected {rewritten!r}")
        self.run_module(self.coro_mjs, os.path.join(bld, "coroutines.wasm"),
                        os.path.join(self.source, "examples", "coroutines", "coroutines.expected"))

    def mistakes(self):
        src = os.path.join(self.source, "test", "cmake", "package-usage")
        bld = os.path.join(self.work, "tool-fails")
        self.configure(src, bld, self.prefix, ["-DCASE=tool-fails"])
        code, out = self.sh(["cmake", "--build", bld], ok=False)
        if code == 0 or self.message("removed it so that the next build") not in " ".join(out.split()):
            raise Failure(f"a failing tool must fail the build with a message; exit {code}:\n{out}")
        if os.path.exists(os.path.join(bld, "weather.wasm")):
            raise Failure("after the tool failed, the unrewritten weather.wasm is still there")
        cases = {
            "no-target": "there is no target named 'wether'",
            "empty-imports": "IMPORTS needs at least one pattern",
            "bad-keyword": "unexpected arguments: IMPORT;env.sleep_ms",
            "output-option": "OPTIONS must not set the output (-o); use OUTPUT",
            "twice": "called twice for this target",
            "library": "the target is a STATIC_LIBRARY",
            "js-suffix": "the target's file is a .js (Emscripten), not the module",
            "version": "compatible with requested version \"99.0\"",
        }
        for case, text in cases.items():
            code, out = self.configure(src, os.path.join(self.work, case), self.prefix, [f"-DCASE={case}"], ok=False)
            if code == 0 or self.message(text) not in " ".join(out.split()):
                raise Failure(f"CASE={case}: configuring must fail with {text!r}; exit {code}:\n{out[-3000:]}")

    def doc(self):
        page = os.path.join(self.source, "docs", "cmake.md")
        tool_dir = os.path.join(self.prefix, "bin")
        problems = doc_examples.check(page, self.source, os.path.join(self.work, "doc"), tool_dir,
                                      [f"PREFIX={self.prefix}"], self.mutate)
        if problems:
            raise Failure("\n".join(problems))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("source_dir")
    ap.add_argument("build_dir")
    ap.add_argument("--mutate", action="store_true", help="corrupt every expectation: every step must fail")
    args = ap.parse_args()
    for prog in ("cmake", "clang", "node"):
        if not shutil.which(prog):
            print(f"cmake-package: {prog} not found", file=sys.stderr)
            return 2
    t = Test(os.path.abspath(args.source_dir), os.path.abspath(args.build_dir), args.mutate)
    t.step("install", t.install)
    if args.mutate:  # the later steps need a complete install
        t.mutate = False
        t.install()
        t.mutate = True
    t.step("examples/cmake against the installed package", t.example)
    t.step("OUTPUT, REPORT, OPTIONS, relocated prefix, Makefiles", t.usage)
    t.step("mistakes are reported", t.mistakes)
    t.step("docs/cmake.md shows and runs the tested example", t.doc)
    print(f"{t.passed} passed, {t.failed} failed")
    if args.mutate:
        return 0 if t.passed == 0 else 1
    return 0 if t.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
