#!/usr/bin/env python3
"""End-to-end tests of wasm-asyncify: real programs, rewritten, run in Node.

Usage: run.py BUILD_DIR TOOL [--jobs N] [--filter REGEX] [--mutate] [-v]

Each case is a spec (programs/NAME.json with programs/NAME.c, or
wat/NAME.json with wat/NAME.wat; see README.md). For an ordinary case the
runner compiles the source (cached under BUILD_DIR/e2e/cache), runs the
unrewritten module with host.mjs in sync mode for the expected output and
exit code, rewrites it with TOOL in several variants (-O0, -O0 -g, -O2,
-O2 -g, -O0 and -O2 with and without rewind copies, -O1 --asserts), validates each with WABT's wasm-validate
--enable-all, runs each with host.mjs in async mode, and requires the same
stdout and exit code, and as many unwinds as the sync run made async calls
(at least one). Special kinds (overflow, asserts, refuse, asyncify-wasm)
check their own outcome; see run_case().

It prints one line per case (a failure's details go to stderr) and then
`N passed, M failed`, and exits non-zero if a case failed. --mutate corrupts every case's expectation (the
reference output, or the expected exit code) to show that each case can
fail: then the exit status is zero only if every case failed.
"""
import argparse
import concurrent.futures
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
HOST = os.path.join(HERE, "host.mjs")
AW_HOST = os.path.join(HERE, "asyncify_wasm_host.mjs")
# --export=malloc: the host takes its data blocks from the program's allocator.
CLANG = ["clang", "--target=wasm32-wasi", "--sysroot=/usr", "-O1", "-Wl,--export=malloc"]

VARIANTS = [
    ("O0", ["-O0"]),
    ("O0-g", ["-O0", "-g"]),
    ("O2", ["-O2"]),
    ("O2-g", ["-O2", "-g"]),
    # Rewinding through copies of every function (-O2 makes copies only of
    # functions that unwind inside a loop), and -O2 without copies.
    ("O0-copies", ["-O0", "--rewind-copies=all"]),
    ("O2-no-copies", ["-O2", "--rewind-copies=none"]),
    ("O1-asserts", ["-O1", "--asserts"]),
]
# Variants of the special kinds: no --asserts variant (asserts cases add it
# themselves; the overflow probing calls the API in states --asserts rejects).
PLAIN_VARIANTS = VARIANTS[:-1]

EXIT_OVERFLOW, EXIT_TRAP, EXIT_HOST_ERROR = 97, 98, 99
SUMMARY = re.compile(r"^host: mode=\S+ async-calls=(\d+) unwinds=(\d+) peak=(\d+)(?: notes=(\d+))? exit=(-?\d+)$",
                     re.M)
NEEDED = re.compile(r"^host: data block overflow: needed (\d+) bytes, the block has (\d+)$", re.M)
TRAP = re.compile(r"^host: trap: (.*) \(in (\S+)\)$", re.M)


class Failure(Exception):
    pass


class Run:
    """One process run: exit code, stdout (bytes), stderr (text)."""

    def __init__(self, cmd, timeout):
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise Failure(f"timed out after {timeout}s: {' '.join(cmd)}")
        except OSError as e:  # e.g. the tool is being rebuilt right now
            raise Failure(f"cannot run {' '.join(cmd)}: {e}")
        self.cmd, self.rc, self.out, self.err = cmd, p.returncode, p.stdout, p.stderr.decode(errors="replace")
        m = list(SUMMARY.finditer(self.err))
        self.calls = int(m[-1].group(1)) if m else None
        self.unwinds = int(m[-1].group(2)) if m else None
        self.peak = int(m[-1].group(3)) if m else None
        self.notes = int(m[-1].group(4) or 0) if m else 0

    def show(self, limit=1500):
        err = self.err if len(self.err) < limit else self.err[:limit] + "..."
        return f"$ {' '.join(self.cmd)}\n  exit {self.rc}\n  stderr: {err.strip()}"


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            break
    else:
        i = min(len(a), len(b))
    line = a[:i].count(b"\n") + 1
    ctx = lambda s: s[max(0, i - 40):i + 40].decode(errors="replace")
    return f"first difference at byte {i} (line {line}): expected ...{ctx(b)!r}... got ...{ctx(a)!r}..."


class Case:
    def __init__(self, spec_path, ctx):
        self.ctx = ctx
        self.spec_path = spec_path
        self.name = os.path.splitext(os.path.basename(spec_path))[0]
        with open(spec_path) as f:
            self.spec = json.load(f)
        self.kind = self.spec.get("kind", "match")
        d = os.path.dirname(spec_path)
        default_src = self.name + (".wat" if d.endswith("wat") else ".c")
        self.source = os.path.join(d, self.spec.get("source", default_src))
        self.work = os.path.join(ctx.work, self.name)
        self.node = ["node", *self.spec.get("node_flags", [])]
        self.log = []

    # ---- steps

    def compile(self):
        """The unrewritten module, from the cache when its inputs are unchanged."""
        is_c = self.source.endswith(".c")
        if is_c:
            cmd = CLANG + self.spec.get("cflags", []) + ["-I", os.path.dirname(self.source)]
            inputs = [self.source, os.path.join(os.path.dirname(self.source), "e2e.h")]
        else:
            cmd = ["wat2wasm", "--debug-names"] + self.wabt_features()
            inputs = [self.source]
        h = hashlib.sha256(" ".join(cmd).encode() + self.ctx.toolchain_id)
        for p in inputs:
            with open(p, "rb") as f:
                h.update(f.read())
        out = os.path.join(self.ctx.cache, f"{os.path.basename(self.source)}-{h.hexdigest()[:16]}.wasm")
        if not os.path.exists(out):
            tmp = f"{out}.{os.getpid()}-{threading.get_ident()}.tmp"
            r = Run(cmd + [self.source, "-o", tmp], 300)
            if r.rc != 0:
                raise Failure(f"compiling failed\n{r.show()}")
            os.replace(tmp, out)
        return out

    def rewrite(self, module, label, flags, tool_args=None):
        out = os.path.join(self.work, f"{label}.wasm")
        if os.path.exists(out):
            os.remove(out)
        args = self.spec.get("tool_args", []) if tool_args is None else tool_args
        r = Run([self.ctx.tool, module, *args, *flags, "-o", out], 300)
        if r.rc != 0:
            raise Failure(f"[{label}] the tool failed\n{r.show()}")
        v = Run(["wasm-validate"] + self.wabt_features() + [out], 120)
        if v.rc != 0:
            raise Failure(f"[{label}] wasm-validate rejects the output\n{v.show()}")
        return out

    def host(self, mode, module, data_size=None, driver=None):
        cmd = [*self.node, driver or HOST]
        if not driver:
            cmd += ["--mode", mode]
        if data_size is not None:
            cmd += ["--data-size", str(data_size)]
        r = Run(cmd + [self.spec_path, module], 120)
        if r.calls is None:
            raise Failure(f"the host printed no summary line\n{r.show()}")
        return r

    # ---- the reference

    def reference(self, module):
        if self.spec.get("in_module"):
            return self.expected_only()
        ref = self.host("sync", module)
        want_rc = self.spec.get("exit_code", 0)
        if ref.rc != want_rc:
            raise Failure(f"the unrewritten module exits with {ref.rc}, the spec says {want_rc}\n{ref.show()}")
        lines = ref.out.count(b"\n")
        if lines < 5:
            raise Failure(f"the unrewritten module prints only {lines} lines: too little to check")
        if ref.calls < 1:
            raise Failure("the unrewritten module makes no call to an async import")
        if self.ctx.mutate:
            ref.out = bytes([ref.out[0] ^ 1]) + ref.out[1:]
        expected = None
        if "expected_stdout" in self.spec:
            with open(os.path.join(os.path.dirname(self.spec_path), self.spec["expected_stdout"]), "rb") as f:
                expected = f.read()
            if self.ctx.mutate:
                expected = bytes([expected[0] ^ 1]) + expected[1:]
            if self.spec.get("sync_order_differs"):
                # Sync runs the tasks one after the other: same lines, other order.
                if sorted(ref.out.splitlines()) != sorted(expected.splitlines()):
                    raise Failure("the sync run's lines are not those of the expected output")
            elif ref.out != expected:
                raise Failure(f"the sync run differs from {self.spec['expected_stdout']}: "
                              f"{first_difference(ref.out, expected)}")
        return ref, expected

    def expected_only(self):
        """The reference of a program that suspends itself through the
        in-module asyncify.* imports: the unrewritten module cannot run, so
        the expected output is checked in, and the host sees no unwind."""
        ref = Run.__new__(Run)
        with open(os.path.join(os.path.dirname(self.spec_path), self.spec["expected_stdout"]), "rb") as f:
            ref.out = f.read()
        if self.ctx.mutate:
            ref.out = bytes([ref.out[0] ^ 1]) + ref.out[1:]
        ref.rc, ref.calls = self.spec.get("exit_code", 0), 0
        return ref, None

    def check_same(self, label, ref, got, expected=None):
        want = expected if expected is not None else ref.out
        if got.rc != ref.rc:
            raise Failure(f"[{label}] exit code {got.rc}, expected {ref.rc}\n{got.show()}")
        if got.out != want:
            raise Failure(f"[{label}] stdout differs: {first_difference(got.out, want)}\n{got.show()}")
        if self.spec.get("in_module"):
            return 0
        if got.unwinds < 1:
            raise Failure(f"[{label}] no unwind happened\n{got.show()}")
        if got.unwinds != ref.calls:
            raise Failure(f"[{label}] {got.unwinds} unwinds, but the sync run made {ref.calls} async calls")
        if "host: error" in got.err:
            raise Failure(f"[{label}] host error\n{got.show()}")
        return got.unwinds

    def overflow_probe(self, label, module, ref, small):
        """Runs with a `small` block, which must overflow without writing
        past its end, report the bytes it needed and make every start/stop
        function trap. Then, with a block of exactly the peak a normal run
        used, the program must run to the end; with one byte less, it must
        overflow needing exactly that peak."""
        o = self.host("async", module, data_size=small)
        m = NEEDED.search(o.err)
        if o.rc != EXIT_OVERFLOW or not m:
            raise Failure(f"[{label}] a {small}-byte block did not overflow\n{o.show()}")
        needed = int(m.group(1))
        if needed <= small:
            raise Failure(f"[{label}] overflow reported {needed} bytes needed for a {small}-byte block")
        if "host: guard after end intact" not in o.err:
            raise Failure(f"[{label}] the unwind wrote past the end of the block\n{o.show()}")
        if "did not trap: (none)" not in o.err:
            raise Failure(f"[{label}] after the overflow, not every start/stop function trapped\n{o.show()}")
        if not ref.out.startswith(o.out):
            raise Failure(f"[{label}] output before the overflow is not a prefix of the expected output: "
                          f"{first_difference(o.out, ref.out)}")
        full = self.host("async", module, data_size=1 << 20)
        self.check_same(f"{label}, 1 MiB block", ref, full)
        peak = full.peak
        if needed > peak:
            raise Failure(f"[{label}] the overflow needed {needed} bytes, more than the peak {peak} of a full run")
        exact = self.host("async", module, data_size=peak)
        self.check_same(f"{label}, {peak}-byte block", ref, exact)
        less = self.host("async", module, data_size=peak - 1)
        m = NEEDED.search(less.err)
        if less.rc != EXIT_OVERFLOW or not m or int(m.group(1)) != peak:
            raise Failure(f"[{label}] a {peak - 1}-byte block should overflow needing {peak}\n{less.show()}")
        return needed, peak

    def wabt_features(self):
        # WABT's --enable-all types ref.func as a typed function reference,
        # which a funcref global's initializer then fails; such cases name
        # their features instead.
        return self.spec.get("wabt_features", ["--enable-all"])

    # ---- kinds

    def run_match(self, module):
        ref, expected = self.reference(module)
        unwinds = []
        for label, flags in VARIANTS:
            out = self.rewrite(module, label, flags)
            got = self.host("async", out)
            unwinds.append(self.check_same(label, ref, got, expected))
            if got.notes:
                self.log.append(f"{label}: {got.notes} notes")
        extra = ""
        if "overflow_check" in self.spec:
            out = os.path.join(self.work, "O2.wasm")
            needed, peak = self.overflow_probe("O2 overflow", out, ref, self.spec["overflow_check"]["data_size"])
            extra = f"; a {self.spec['overflow_check']['data_size']}-byte block overflows (needs {needed} B), " \
                    f"a {peak}-byte block is just enough"
        what = "in-module unwinds" if self.spec.get("in_module") else f"{unwinds[0]} unwinds"
        return f"{len(VARIANTS)} variants, {what}{extra}"

    def run_overflow(self, module):
        ref, _ = self.reference(module)
        small = self.spec["data_size"]
        needs = []
        for label, flags in PLAIN_VARIANTS:
            out = self.rewrite(module, label, flags)
            needs.append(self.overflow_probe(label, out, ref, small))
        return f"{len(PLAIN_VARIANTS)} variants; a {small}-byte block overflows, needing " + \
            "/".join(str(n) for n, _ in needs) + " B; a block of the peak (" + \
            "/".join(str(p) for _, p in needs) + " B) is just enough"

    def trap_prefix(self, ref):
        """The reference output up to and including the spec's trap_after."""
        marker = self.spec["trap_after"].encode()
        if marker not in ref.out:
            raise Failure(f"the sync output does not contain trap_after {marker!r}")
        return ref.out[:ref.out.index(marker) + len(marker)]

    def expect_assertion_trap(self, label, flags, out, prefix):
        """The rewritten module, run in async mode, unwinds and then traps in
        an assertion helper (named so with -g), having printed `prefix`."""
        got = self.host("async", out)
        t = TRAP.search(got.err)
        if got.rc != EXIT_TRAP or not t:
            raise Failure(f"[{label}] expected a trap\n{got.show()}")
        if "-g" in flags and not t.group(2).startswith("__asyncify_assert"):
            raise Failure(f"[{label}] trapped in {t.group(2)}, not in an assertion\n{got.show()}")
        if got.out != prefix:
            raise Failure(f"[{label}] stdout up to the trap differs: {first_difference(got.out, prefix)}")
        if got.unwinds < 1:
            raise Failure(f"[{label}] no unwind before the trap")

    def run_asserts(self, module):
        ref, _ = self.reference(module)
        prefix = self.trap_prefix(ref)
        for label, flags in PLAIN_VARIANTS:
            out = self.rewrite(module, f"{label}-asserts", flags + ["--asserts"])
            self.expect_assertion_trap(f"{label} --asserts", flags, out, prefix)
        # Without --asserts the same module must not stop in an assertion.
        out = self.rewrite(module, "O2-g-no-asserts", ["-O2", "-g"])
        got = self.host("async", out)
        t = TRAP.search(got.err)
        if t and t.group(2).startswith("__asyncify_assert"):
            raise Failure(f"[O2 -g without --asserts] trapped in an assertion\n{got.show()}")
        # With the complete list, --asserts must let the program run.
        out = self.rewrite(module, "O2-asserts-full-list", ["-O2", "--asserts"], self.spec["control_tool_args"])
        self.check_same("O2 --asserts, complete list", ref, self.host("async", out))
        return f"{len(PLAIN_VARIANTS)} variants trap in the assertion; controls pass"

    def run_handler_trap(self, module):
        ref, _ = self.reference(module)
        prefix = self.trap_prefix(ref)
        for label, flags in PLAIN_VARIANTS:
            self.expect_assertion_trap(label, flags, self.rewrite(module, label, flags), prefix)
        return f"{len(PLAIN_VARIANTS)} variants trap in the state check after the handler's call"

    def run_refuse(self, module):
        want = self.spec["expect_exit"] + (1 if self.ctx.mutate else 0)
        for label, inp in (("binary", module), ("text", self.source)):
            out = os.path.join(self.work, f"refused-{label}.wasm")
            if os.path.exists(out):
                os.remove(out)
            r = Run([self.ctx.tool, inp, *self.spec.get("tool_args", []), "-O2", "-o", out], 120)
            if r.rc != want:
                raise Failure(f"[{label}] exit code {r.rc}, expected {want}\n{r.show()}")
            for s in self.spec.get("expect_stderr", []):
                if s not in r.err:
                    raise Failure(f"[{label}] the message lacks {s!r}\n{r.show()}")
            if os.path.exists(out):
                raise Failure(f"[{label}] an output file was written although the module was refused")
        message = r.err.strip().splitlines()[0].split("error: ", 1)[-1]
        return f"refused with exit code {want}: {message}"

    def run_asyncify_wasm(self, module):
        ref, _ = self.reference(module)
        if not self.ctx.ensure_npm():
            raise Failure("asyncify-wasm is not installed and setup.sh failed (see above)")
        unwinds = []
        for label, flags in PLAIN_VARIANTS:
            out = self.rewrite(module, label, flags)
            got = self.host("async", out, driver=AW_HOST)
            unwinds.append(self.check_same(f"{label} under asyncify-wasm", ref, got))
        return f"{len(PLAIN_VARIANTS)} variants under asyncify-wasm, {unwinds[0]} unwinds"

    def run(self):
        t0 = time.time()
        os.makedirs(self.work, exist_ok=True)
        try:
            module = self.compile()
            detail = {"match": self.run_match, "overflow": self.run_overflow, "asserts": self.run_asserts,
                      "refuse": self.run_refuse, "asyncify-wasm": self.run_asyncify_wasm,
                      "handler-trap": self.run_handler_trap}[self.kind](module)
            ok, msg = True, detail
        except Failure as e:
            ok, msg = False, str(e)
        except Exception:
            ok, msg = False, "runner error\n" + traceback.format_exc()
        if self.log:
            msg += " (" + "; ".join(self.log) + ")"
        xfail = self.spec.get("xfail")
        status = ("XPASS" if xfail else "PASS") if ok else ("XFAIL" if xfail else "FAIL")
        if xfail:
            msg += f" [expected failure: {xfail}]"
        passed = ok != bool(xfail)
        return passed, f"{status:5} {self.name} ({time.time() - t0:.1f}s): {msg}"


class Context:
    def __init__(self, args):
        self.tool = os.path.abspath(args.tool)
        self.work = os.path.join(os.path.abspath(args.build_dir), "e2e")
        self.cache = os.path.join(self.work, "cache")
        self.mutate = args.mutate
        os.makedirs(self.cache, exist_ok=True)
        ids = []
        for cmd in (["clang", "--version"], ["wat2wasm", "--version"]):
            ids.append(subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT).stdout)
        self.toolchain_id = b"".join(ids)
        self._npm = None
        self._npm_lock = threading.Lock()

    def ensure_npm(self):
        with self._npm_lock:
            if self._npm is None:
                pkg = os.path.join(HERE, "node_modules", "asyncify-wasm", "package.json")
                if not os.path.exists(pkg):
                    r = subprocess.run([os.path.join(HERE, "setup.sh")], stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT)
                    if r.returncode != 0:
                        print(r.stdout.decode(errors="replace"), file=sys.stderr)
                self._npm = os.path.exists(pkg)
            return self._npm


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("build_dir")
    ap.add_argument("tool")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--filter", default="", help="run the cases whose name matches this regex")
    ap.add_argument("--mutate", action="store_true", help="corrupt every expectation: every case must fail")
    args = ap.parse_args()
    for prog in ("node", "clang", "wat2wasm", "wasm-validate"):
        if not shutil.which(prog):
            print(f"e2e: {prog} not found", file=sys.stderr)
            return 2
    ctx = Context(args)
    specs = sorted(glob.glob(os.path.join(HERE, "programs", "*.json")) + glob.glob(os.path.join(HERE, "wat", "*.json")))
    cases = [Case(p, ctx) for p in specs if re.search(args.filter, os.path.basename(p)[:-5])]
    t0 = time.time()
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for ok, text in pool.map(Case.run, cases):
            # One line per case on stdout; a failure's details (commands,
            # their stderr) follow on stderr.
            line, _, details = text.partition("\n")
            print(line, flush=True)
            if details:
                print(details.rstrip("\n"), file=sys.stderr, flush=True)
            passed, failed = passed + ok, failed + (not ok)
    print(f"e2e: {len(cases)} cases in {time.time() - t0:.1f}s", file=sys.stderr)
    print(f"{passed} passed, {failed} failed")
    if args.mutate:
        return 0 if passed == 0 else 1
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
