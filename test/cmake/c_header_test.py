#!/usr/bin/env python3
"""Tests of the C headers (runtime/include) and examples/coroutines.

Usage: c_header_test.py BUILD_DIR TOOL [--mutate]

1. The headers compile as C99, C11, C17, C++11 and C++20 for wasm32-wasi
   and for freestanding wasm64, with -Wall -Wextra -Werror -pedantic and
   the usual stricter warnings; their layout asserts fire (also C99's
   fallback) when the pointer width is not the one the branch expects, and
   the header refuses a target that is not WebAssembly.
2. examples/coroutines (clang -O0 and -O2; the tool at -O0, -O2 and -O1
   --asserts) prints examples/coroutines/coroutines.expected; it also
   compiles as C++; unrewritten, it does not run.
3. test/cmake/coro_test.c + coro_test_tu2.c (statuses, values both ways,
   separate C stacks, nesting, overflow, two translation units, setup
   errors) print coro_test.expected at clang -O0 and -O2, and after an
   explicit wasm-opt -O3 of the linked module.
4. test/cmake/coro_freestanding.c, without libc, for wasm32 and for wasm64
   (memory64), also after wasm-opt -O3, prints coro_freestanding.expected.
5. docs/c-header.md shows the example file and its output as they are, and
   its build commands, run, print the expected output (doc_examples.py).

Every run's output is compared byte for byte. --mutate corrupts every
expected output: then every comparison must fail, and the exit status is
zero only if all did. Work files go to BUILD_DIR/c-header-test/.
"""
import argparse
import os
import shutil
import subprocess
import sys

import doc_examples

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
INCLUDE = os.path.join(ROOT, "runtime", "include")
EXAMPLE = os.path.join(ROOT, "examples", "coroutines")
RUN_MJS = os.path.join(EXAMPLE, "run.mjs")
WASI = ["clang", "--target=wasm32-wasi", "--sysroot=/usr", "-Wall", "-Wextra", "-Werror", "-I", INCLUDE]
FREESTANDING = ["-ffreestanding", "-nostdlib", "-Wall", "-Wextra", "-Werror", "-I", INCLUDE]
NODE64 = ["node", "--experimental-wasm-memory64"]


class Checker:
    def __init__(self, work, tool, mutate):
        self.work, self.tool, self.mutate = work, tool, mutate
        self.passed = self.failed = 0

    def run(self, cmd, expect_ok=True):
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
        if expect_ok and p.returncode != 0:
            raise RuntimeError(f"$ {' '.join(cmd)}\nexit {p.returncode}\n{p.stderr.decode(errors='replace')}")
        return p

    def result(self, name, ok, detail=""):
        print(f"{'PASS' if ok else 'FAIL'} {name}" + (f": {detail}" if detail and not ok else ""), flush=True)
        if ok:
            self.passed += 1
        else:
            self.failed += 1

    def step(self, name, fn):
        try:
            fn()
            self.result(name, True)
        except (RuntimeError, subprocess.TimeoutExpired, OSError) as e:
            self.result(name, False, str(e))

    def expected(self, path, replace=None):
        with open(path, "rb") as f:
            data = f.read()
        for k, v in (replace or {}).items():
            data = data.replace(k.encode(), v.encode())
        if self.mutate:
            data = bytes([data[0] ^ 1]) + data[1:]
        return data

    def compare(self, got, want, what):
        if got.returncode != 0:
            raise RuntimeError(f"{what}: exit {got.returncode}\n{got.stderr.decode(errors='replace')}")
        if got.stdout != want:
            a, b = got.stdout, want
            i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            raise RuntimeError(f"{what}: output differs at byte {i}: expected ...{b[max(0, i - 40):i + 40]!r}..., "
                               f"got ...{a[max(0, i - 40):i + 40]!r}...")

    def rewrite(self, module, out, flags):
        self.run([self.tool, module, "--imports", "asyncify.*", *flags, "-o", out])
        self.run(["wasm-validate", "--enable-all", out])
        return out

    def path(self, name):
        return os.path.join(self.work, name)


def check_compiles(c):
    probe = c.path("probe.c")
    with open(probe, "w") as f:
        f.write('#include "wasm_asyncify_coro.h"\n'
                'int probe(void);\n'
                'int probe(void) { return WASM_ASYNCIFY_REWINDING + (sizeof(struct wasm_asyncify_data) > 4); }\n')
    # Strict: the headers must not add warnings to projects that use -Werror
    # with the common extra warnings.
    strict = ["-pedantic", "-Wshadow", "-Wconversion", "-Wsign-conversion", "-Wcast-align"]
    strict_c = ["-Wmissing-prototypes", "-Wmissing-variable-declarations", "-Wstrict-prototypes"]
    strict_cxx = ["-Wold-style-cast", "-Wzero-as-null-pointer-constant"]
    targets = [("wasm32-wasi", ["clang", "--target=wasm32-wasi", "--sysroot=/usr", "-Wall", "-Wextra", "-Werror",
                                "-I", INCLUDE]),
               ("wasm64", ["clang", "--target=wasm64", *FREESTANDING])]
    for name, base in targets:
        for std in ("c99", "c11", "c17"):
            c.run([*base, *strict, *strict_c, f"-std={std}", "-fsyntax-only", probe])
        for std in ("c++11", "c++20"):
            c.run([*base, *strict, *strict_cxx, "-x", "c++", f"-std={std}", "-fsyntax-only", probe])

    def must_fail(cmd, message):
        p = c.run(cmd, expect_ok=False)
        err = p.stderr.decode(errors="replace")
        if p.returncode == 0 or message not in err:
            raise RuntimeError(f"$ {' '.join(cmd)}\nshould fail with {message!r}; exit {p.returncode}\n{err}")

    # The layout asserts must be able to fire: the wasm64 branch on a 32-bit
    # target, the wasm32 branch on a 64-bit one.
    must_fail(["clang", "--target=wasm32", *FREESTANDING, "-D__wasm64__", "-fsyntax-only", probe],
              "wasm64: pointers are 8 bytes")
    must_fail(["clang", "--target=wasm64", *FREESTANDING, "-U__wasm64__", "-fsyntax-only", probe],
              "wasm32: pointers are 4 bytes")
    must_fail(["clang", "--target=wasm32", *FREESTANDING, "-std=c99", "-D__wasm64__", "-fsyntax-only", probe],
              "wasm_asyncify_layout_assert_")
    must_fail(["clang", "--target=x86_64-linux-gnu", "-ffreestanding", "-I", INCLUDE, "-fsyntax-only", probe],
              "wasm_asyncify.h is for code compiled to WebAssembly")


def check_example(c):
    src = os.path.join(EXAMPLE, "coroutines.c")
    want = c.expected(os.path.join(EXAMPLE, "coroutines.expected"))
    c.run(["clang++", "--target=wasm32-wasi", "--sysroot=/usr", "-x", "c++", "-std=c++17", "-Wall", "-Wextra",
           "-Werror", "-I", INCLUDE, "-c", src, "-o", c.path("coroutines-cxx.o")])
    for opt in ("-O0", "-O2"):
        module = c.path(f"coroutines{opt}.wasm")
        c.run([*WASI, opt, src, "-o", module])
        plain = c.run(["node", RUN_MJS, module], expect_ok=False)
        if plain.returncode == 0:
            raise RuntimeError("the unrewritten example ran: it should not even instantiate")
        for label, flags in (("O0", ["-O0"]), ("O2", ["-O2"]), ("O1-asserts", ["-O1", "--asserts"])):
            out = c.rewrite(module, c.path(f"coroutines{opt}-{label}.wasm"), flags)
            c.compare(c.run(["node", RUN_MJS, out], expect_ok=False), want, f"clang {opt}, tool {label}")


def wasm_opt(c, module, out, extra=()):
    c.run(["wasm-opt", "-O3", *extra, module, "-o", out])
    return out


def check_coro_test(c):
    srcs = [os.path.join(HERE, "coro_test.c"), os.path.join(HERE, "coro_test_tu2.c")]
    want = c.expected(os.path.join(HERE, "coro_test.expected"))
    for opt in ("-O0", "-O2"):
        module = c.path(f"coro_test{opt}.wasm")
        c.run([*WASI, opt, *srcs, "-o", module])
        variants = [(f"clang {opt}", module)]
        if opt == "-O2":
            variants.append(("clang -O2, wasm-opt -O3", wasm_opt(c, module, c.path("coro_test-wasm-opt.wasm"))))
        for label, m in variants:
            for tool_opt in ("-O0", "-O2"):
                out = c.rewrite(m, m[:-5] + f"-rewritten{tool_opt}.wasm", [tool_opt])
                c.compare(c.run(["node", RUN_MJS, out], expect_ok=False), want, f"{label}, tool {tool_opt}")


def check_freestanding(c):
    src = os.path.join(HERE, "coro_freestanding.c")
    host = os.path.join(HERE, "coro_freestanding.mjs")
    for target, width in (("wasm32", "4"), ("wasm64", "8")):
        want = c.expected(os.path.join(HERE, "coro_freestanding.expected"), {"@BYTES@": width})
        for opt in ("-O0", "-O2"):
            module = c.path(f"freestanding-{target}{opt}.wasm")
            c.run(["clang", f"--target={target}", *FREESTANDING, opt, src, "-Wl,--no-entry", "-o", module])
            optimized = wasm_opt(c, module, module[:-5] + "-wasm-opt.wasm", ["--enable-memory64"])
            for label, m in ((f"{target} clang {opt}", module), (f"{target} clang {opt}, wasm-opt -O3", optimized)):
                out = c.rewrite(m, m[:-5] + "-rewritten.wasm", ["-O2"])
                c.compare(c.run([*NODE64, host, out], expect_ok=False), want, label)


def check_doc(c):
    page = os.path.join(ROOT, "docs", "c-header.md")
    problems = doc_examples.check(page, ROOT, c.path("doc"), os.path.dirname(c.tool), mutate=c.mutate)
    if problems:
        raise RuntimeError("\n".join(problems))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("build_dir")
    ap.add_argument("tool")
    ap.add_argument("--mutate", action="store_true", help="corrupt every expected output: every check must fail")
    args = ap.parse_args()
    for prog in ("clang", "clang++", "node", "wasm-opt", "wasm-validate"):
        if not shutil.which(prog):
            print(f"c-header: {prog} not found", file=sys.stderr)
            return 2
    work = os.path.join(os.path.abspath(args.build_dir), "c-header-test")
    os.makedirs(work, exist_ok=True)
    c = Checker(work, os.path.abspath(args.tool), args.mutate)
    if not args.mutate:
        c.step("headers compile (C99/C11/C17, C++11/C++20; wasm32, wasm64); layout asserts fire", lambda: check_compiles(c))
    c.step("examples/coroutines", lambda: check_example(c))
    c.step("coro_test (two units)", lambda: check_coro_test(c))
    c.step("coro_freestanding (wasm32, wasm64)", lambda: check_freestanding(c))
    c.step("docs/c-header.md shows and runs the tested example", lambda: check_doc(c))
    print(f"{c.passed} passed, {c.failed} failed")
    if args.mutate:
        return 0 if c.passed == 0 else 1
    return 0 if c.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
