#!/usr/bin/env python3
"""Benchmark wasm-asyncify against Binaryen's `wasm-opt --asyncify` on a real corpus.

For every module of corpus.json (fetched into corpus/ by fetch-corpus.sh) this
runs, one after the other, never in parallel:

  ours      wasm-asyncify MODULE --imports LIST --report=OUT.json [-o OUT.wasm]
  binaryen  wasm-opt MODULE FEATURES --asyncify --pass-arg=asyncify-imports@LIST -o OUT.wasm
  verbose   the same with --pass-arg=asyncify-verbose (only to count what it instruments)

LIST is the same for both tools: by default every function import of the
module (which is also both tools' default), or the module's "imports" in
corpus.json. `-o` is passed to wasm-asyncify only when the tool accepts it
(checked once, on a tiny module).

Each child is timed with a monotonic clock and reaped with os.wait4, whose
rusage gives that child's own peak RSS (ru_maxrss) and CPU time. A run that
exceeds the timeout is killed and recorded as "timeout".

Writes results.json and regenerates RESULTS.md (see README.md). Python 3
standard library only.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shlex
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_TOOL = os.path.join(ROOT, "build", "wasm-asyncify")
QUICK_LIMIT = 2 * 1024 * 1024
DEFAULT_BINARYEN_ARGS = ["--all-features"]


def log(msg=""):
    print(msg, flush=True)


# ---------------------------------------------------------------------------
# Running a child and measuring it


class Measured:
    """What one child run cost: status is "ok", "error", "timeout" or "not-run"."""

    def __init__(self, **kw):
        self.status = kw.get("status", "not-run")
        self.exit_code = kw.get("exit_code")
        self.signal = kw.get("signal")
        self.wall_s = kw.get("wall_s")
        self.cpu_s = kw.get("cpu_s")
        self.peak_rss_kib = kw.get("peak_rss_kib")
        self.stdout = kw.get("stdout")
        self.stderr = kw.get("stderr")
        self.command = kw.get("command")
        self.timeout_s = kw.get("timeout_s")

    def to_json(self):
        return {k: v for k, v in self.__dict__.items() if v is not None}


def run_measured(argv, timeout, stdout_path, stderr_path, display=None):
    """Runs argv, waits with os.wait4 and returns a Measured.

    Caveat of ru_maxrss: Linux keeps a process's peak RSS across exec, and
    the forked child starts with the parent's resident pages, so the child's
    ru_maxrss is at least this Python process's peak RSS at the time of the
    fork (vfork/posix_spawn do not avoid it: exec folds the old mm's high
    water mark in). The runners therefore keep their own memory small (no
    module is read whole; scaling.py generates modules in a subprocess) and
    record their own peak as runner_peak_rss_kib, the floor of every figure.

    stdout/stderr go to files (paths relative to the benchmarks dir are kept in
    the record). On timeout the child's whole process group is killed.
    """
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.daemon = True
        timer.start()
        try:
            while True:
                try:
                    _, wstatus, rusage = os.wait4(proc.pid, 0)
                    break
                except InterruptedError:
                    continue
        finally:
            timer.cancel()
        wall = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(wstatus)  # keep Popen from waiting again
    m = Measured(wall_s=round(wall, 3),
                 cpu_s=round(rusage.ru_utime + rusage.ru_stime, 3),
                 peak_rss_kib=rusage.ru_maxrss,  # KiB on Linux
                 stdout=os.path.relpath(stdout_path, HERE),
                 stderr=os.path.relpath(stderr_path, HERE),
                 command=display or shlex.join(argv))
    if timed_out.is_set():
        m.status = "timeout"
        m.signal = "SIGKILL"
        m.timeout_s = timeout
    elif os.WIFSIGNALED(wstatus):
        m.status = "error"
        m.signal = signal.Signals(os.WTERMSIG(wstatus)).name
    else:
        m.exit_code = os.WEXITSTATUS(wstatus)
        m.status = "ok" if m.exit_code == 0 else "error"
    return m


def first_error_line(path, limit=400):
    """The most telling line of a failed run's stderr."""
    try:
        with open(path, "r", errors="replace") as f:
            lines = [l.rstrip() for l in f if l.strip()]
    except OSError:
        return None
    if not lines:
        return None
    for pat in ("Fatal:", "error:", "UNREACHABLE", "Assertion", "terminate", "Aborted"):
        for l in lines:
            if pat in l:
                return l[:limit]
    return lines[-1][:limit]


# ---------------------------------------------------------------------------
# Reading a module's imports (a tiny parser of the binary format)


def _uleb(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, pos


def _name(buf, pos):
    n, pos = _uleb(buf, pos)
    return buf[pos:pos + n].decode("utf-8", "replace"), pos + n


def _skip_limits(buf, pos):
    flags = buf[pos]
    pos += 1
    _, pos = _uleb(buf, pos)
    if flags & 1:
        _, pos = _uleb(buf, pos)
    return pos


def _skip_reftype(buf, pos):
    b = buf[pos]
    pos += 1
    if b in (0x63, 0x64):  # (ref null ht) / (ref ht): heap type is an s33
        while buf[pos] & 0x80:
            pos += 1
        pos += 1
    return pos


def _read_uleb(f):
    result = shift = 0
    while True:
        b = f.read(1)
        if not b:
            raise EOFError
        result |= (b[0] & 0x7F) << shift
        shift += 7
        if not b[0] & 0x80:
            return result


def function_imports(path):
    """[(module, base)] of the module's imported functions, in order.

    Reads only the section headers and the import section: run.py must stay
    small, because a child's ru_maxrss starts at the parent's peak RSS (see
    run_measured).
    """
    with open(path, "rb") as f:
        if f.read(8)[:4] != b"\0asm":
            raise ValueError(f"{path}: not a wasm binary")
        buf = None
        while True:
            sid = f.read(1)
            if not sid:
                return []
            try:
                size = _read_uleb(f)
            except EOFError:
                return []
            if sid[0] == 2:
                buf = f.read(size)
                break
            f.seek(size, os.SEEK_CUR)
    count, p = _uleb(buf, 0)
    funcs = []
    for _ in range(count):
        mod, p = _name(buf, p)
        base, p = _name(buf, p)
        kind = buf[p]
        p += 1
        if kind == 0:  # func: type index
            _, p = _uleb(buf, p)
            funcs.append((mod, base))
        elif kind == 1:  # table: reftype, limits
            p = _skip_limits(buf, _skip_reftype(buf, p))
        elif kind == 2:  # memory: limits
            p = _skip_limits(buf, p)
        elif kind == 3:  # global: valtype, mut
            p = _skip_reftype(buf, p) + 1
        elif kind == 4:  # tag: attribute, type index
            _, p = _uleb(buf, p + 1)
        else:
            raise ValueError(f"{path}: unknown import kind {kind}")
    return funcs


_SUMMARY_SCRIPT = ("import json, sys; d = json.load(open(sys.argv[1])); "
                   "json.dump({k: d.get(k) for k in ('summary', 'phases')}, sys.stdout)")


def report_summary(path):
    """summary and phases of one of our reports, parsed in a child process
    (a big report would raise this process's peak RSS; see run_measured)."""
    r = subprocess.run([sys.executable, "-c", _SUMMARY_SCRIPT, path], capture_output=True, text=True)
    if r.returncode != 0:
        raise ValueError(r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "cannot read the report")
    return json.loads(r.stdout)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------------------
# Counting what Binaryen instrumented, from asyncify-verbose output

_ONLY = re.compile(r"'s state is set based on the only-list to ([01])$")


def count_binaryen_instrumented(stdout_path):
    """Functions Binaryen marks as changing the state (see the notes, item 23).

    Each marked defined function gets exactly one "<func> can change the state
    due to ..." message. Binaryen 108 prints the initial-scan messages from
    its worker threads without a lock, so two messages can be interleaved on
    one line ("[asyncify] [asyncify] 10711072 can change ..."): counting
    lines or parsing names undercounts. So this counts occurrences of the
    phrase. The add/remove/only-list messages are printed by one thread, one
    per line, and adjust the count. Imports have their own message ("is an
    import that can change the state") and are not counted. The top-most
    runtime (a function calling asyncify.start_unwind) is marked but not
    instrumented by Binaryen; no corpus module has one.
    """
    with open(stdout_path, "r", errors="replace") as f:
        text = f.read()
    marked = text.count(" can change the state due to ")
    imports = text.count(" is an import that can change the state")
    marked -= text.count(" is in the remove-list, ignore")
    marked += text.count(" is in the add-list, add")
    only = [m.group(1) for m in map(_ONLY.search, text.splitlines()) if m]
    if only:
        marked = only.count("1")
    return marked, imports


# ---------------------------------------------------------------------------
# Environment facts


def capture(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def machine_info():
    mem_kib = None
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    cpu = None
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(mem_kib / 1024 / 1024, 1) if mem_kib else None,
        "cpu": cpu,
        "kernel": platform.release(),
        "python": platform.python_version(),
    }


def tool_versions(tool, wasm_opt, tool_rev=None):
    if tool_rev is None:
        commit = capture(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
        dirty = capture(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no", "--",
                         "lib", "passes", "tools", "CMakeLists.txt"])
        tool_rev = (commit + (" + uncommitted changes" if dirty else "")) if commit else None
    return {
        "wasm-asyncify": capture([tool, "--version"]),
        "wasm-asyncify-path": os.path.relpath(tool, HERE),
        "wasm-asyncify-git": tool_rev,
        "wasm-opt": capture([wasm_opt, "--version"]),
        "wat2wasm": capture(["wat2wasm", "--version"]),
    }


TINY_WAT = """(module
  (import "env" "sleep" (func $sleep))
  (memory 1)
  (func $f (export "f") (call $sleep)))
"""


def tool_accepts_output(tool, work):
    """True when wasm-asyncify writes a module with -o (tried once on a tiny module)."""
    wat = os.path.join(work, "tiny.wat")
    wasm = os.path.join(work, "tiny.wasm")
    out = os.path.join(work, "tiny.out.wasm")
    with open(wat, "w") as f:
        f.write(TINY_WAT)
    src = wat
    if subprocess.run(["wat2wasm", wat, "-o", wasm], capture_output=True).returncode == 0:
        src = wasm
    if os.path.exists(out):
        os.remove(out)
    r = subprocess.run([tool, src, "-o", out], capture_output=True, text=True)
    ok = r.returncode == 0 and os.path.exists(out) and os.path.getsize(out) > 8
    return ok, (r.stderr or r.stdout).strip()


# ---------------------------------------------------------------------------
# One module


def runner_peak_rss_kib():
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return round(a / b, 4)


def bench_module(entry, args, work, accepts_output):
    name = entry["name"]
    path = os.path.join(HERE, "corpus", name + ".wasm")
    rec = {"name": name, "package": entry["package"], "version": entry["version"],
           "path_in_package": entry["path"], "language": entry.get("language"),
           "toolchain": entry.get("toolchain"), "bytes": None}
    if not os.path.exists(path):
        rec["error"] = "missing: run benchmarks/fetch-corpus.sh"
        log(f"  {name}: {rec['error']}")
        return rec
    rec["bytes"] = os.path.getsize(path)
    if entry.get("sha256") and sha256(path) != entry["sha256"]:
        rec["error"] = "checksum differs from corpus.json: run benchmarks/fetch-corpus.sh"
        log(f"  {name}: {rec['error']}")
        return rec
    rec["loadavg_before"] = [round(x, 2) for x in os.getloadavg()]
    timeout = float(entry.get("timeout", args.timeout)) if args.timeout_from_corpus else args.timeout
    rec["timeout_s"] = timeout
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    rel = lambda p: os.path.relpath(p, HERE)

    # The import list, identical for both tools.
    spec = entry.get("imports", "all")
    funcs = function_imports(path)
    if spec == "all":
        imports = [f"{m}.{b}" for m, b in funcs]
    else:
        imports = list(spec)
    rec["imports"] = "all" if spec == "all" else imports
    rec["function_imports"] = len(funcs)
    bad = [i for i in imports if "," in i]
    if bad:
        log(f"  warning: import names with a comma cannot be listed for Binaryen: {bad[:3]}")
    list_text = ",".join(imports)
    list_file = os.path.join(d, "imports.txt")
    with open(list_file, "w") as f:
        f.write(list_text)
    # Shown in RESULTS.md: the list is passed inline, read from this file.
    shown_list = f'"$(cat {rel(list_file)})"'
    mod_shown = rel(path)

    # --- ours
    report = os.path.join(d, "ours.report.json")
    ours_out = os.path.join(d, "ours.wasm")
    for p in (report, ours_out):
        if os.path.exists(p):
            os.remove(p)
    argv = [args.tool, path, "--imports", list_text, f"--report={report}"]
    shown = f"{shlex.quote(os.path.relpath(args.tool, HERE))} {mod_shown} --imports {shown_list} --report={rel(report)}"
    if accepts_output:
        argv += ["-o", ours_out]
        shown += f" -o {rel(ours_out)}"
    log(f"  ours ...")
    m = run_measured(argv, timeout, os.path.join(d, "ours.stdout"), os.path.join(d, "ours.stderr"), shown)
    ours = m.to_json()
    if m.status == "ok":
        try:
            rep = report_summary(report)
            s = rep.get("summary") or {}
            ours["instrumented"] = s.get("instrumented")
            ours["functions"] = s.get("functions")
            ours["async_imports"] = s.get("asyncImports")
            ours["features"] = s.get("features")
            ours["phases"] = rep.get("phases")
        except (OSError, ValueError) as e:
            ours["report_error"] = str(e)
        if accepts_output and os.path.exists(ours_out):
            ours["output_bytes"] = os.path.getsize(ours_out)
    else:
        ours["error_text"] = first_error_line(os.path.join(d, "ours.stderr"))
    log(f"  ours: {describe(ours)}")
    rec["ours"] = ours

    # --- Binaryen
    binaryen_args = entry.get("binaryen_args", DEFAULT_BINARYEN_ARGS)
    bin_out = os.path.join(d, "binaryen.wasm")
    if os.path.exists(bin_out):
        os.remove(bin_out)
    base = [args.wasm_opt, path] + binaryen_args + ["--asyncify", "--pass-arg=asyncify-imports@" + list_text]
    base_shown = f"wasm-opt {mod_shown} {' '.join(binaryen_args)} --asyncify --pass-arg=asyncify-imports@{shown_list}"
    if args.skip_binaryen:
        rec["binaryen"] = {"status": "not-run"}
        rec["binaryen_verbose"] = {"status": "not-run"}
    else:
        log(f"  binaryen (timeout {timeout:g} s) ...")
        m = run_measured(base + ["-o", bin_out], timeout, os.path.join(d, "binaryen.stdout"),
                         os.path.join(d, "binaryen.stderr"), base_shown + f" -o {rel(bin_out)}")
        binaryen = m.to_json()
        if m.status == "ok" and os.path.exists(bin_out):
            binaryen["output_bytes"] = os.path.getsize(bin_out)
        elif m.status == "error":
            binaryen["error_text"] = first_error_line(os.path.join(d, "binaryen.stderr"))
        log(f"  binaryen: {describe(binaryen)}")
        rec["binaryen"] = binaryen

        # Verbose run: counts what Binaryen instruments. Skipped when the timed
        # run timed out (it does the same work and would time out too).
        if m.status == "timeout" and not args.verbose_after_timeout:
            rec["binaryen_verbose"] = {"status": "skipped", "why": "the timed run timed out"}
        else:
            log(f"  binaryen verbose ...")
            vout = os.path.join(d, "binaryen-verbose.stdout")
            vwasm = os.path.join(d, "binaryen-verbose.wasm")
            # It repeats the timed run's work: bound it by that run's time.
            vtimeout = timeout
            if m.status == "ok" and args.verbose_timeout_factor > 0:
                vtimeout = min(timeout, max(60.0, m.wall_s * args.verbose_timeout_factor))
            verbose_timeout_note = vtimeout
            mv = run_measured(base + ["--pass-arg=asyncify-verbose", "-o", vwasm], vtimeout, vout,
                              os.path.join(d, "binaryen-verbose.stderr"),
                              base_shown + f" --pass-arg=asyncify-verbose -o {rel(vwasm)}")
            verbose = mv.to_json()
            verbose["timeout_s"] = verbose_timeout_note
            # The analysis is printed before the rewrite, so the count is valid
            # even when the rewrite later fails; not when it was cut short.
            if mv.status != "timeout":
                n, nimp = count_binaryen_instrumented(vout)
                verbose["instrumented"] = n
                verbose["async_imports"] = nimp
            if mv.status == "error":
                verbose["error_text"] = first_error_line(os.path.join(d, "binaryen-verbose.stderr"))
            if os.path.exists(vwasm):
                os.remove(vwasm)
            log(f"  binaryen verbose: {describe(verbose)}")
            rec["binaryen_verbose"] = verbose

    b = rec["binaryen"]
    o = rec["ours"]
    rec["ratios"] = {}
    if o.get("status") == "ok" and b.get("status") == "ok":
        rec["ratios"] = {"time": ratio(o["wall_s"], b["wall_s"]),
                         "memory": ratio(o["peak_rss_kib"], b["peak_rss_kib"])}
    elif o.get("status") == "ok" and b.get("status") == "timeout":
        # Binaryen took at least the timeout: the ratio is an upper bound.
        rec["ratios"] = {"time_at_most": ratio(o["wall_s"], b["wall_s"]),
                         "memory_at_most": ratio(o["peak_rss_kib"], b["peak_rss_kib"])}
    elif o.get("status") == "ok" and b.get("status") == "error":
        rec["ratios"] = {"note": "binaryen failed"}
    return rec


def describe(r):
    st = r.get("status")
    parts = [st]
    if r.get("wall_s") is not None:
        parts.append(f"{r['wall_s']:.2f} s")
    if r.get("peak_rss_kib") is not None:
        parts.append(f"{r['peak_rss_kib'] / 1024:.0f} MiB")
    if r.get("instrumented") is not None:
        parts.append(f"{r['instrumented']} instrumented")
    if r.get("exit_code") not in (None, 0):
        parts.append(f"exit {r['exit_code']}")
    if r.get("signal") and st != "timeout":
        parts.append(r["signal"])
    if r.get("error_text"):
        parts.append(repr(r["error_text"]))
    return ", ".join(parts)


# ---------------------------------------------------------------------------
# RESULTS.md


def fmt_bytes(n):
    if n is None:
        return "–"
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MiB"
    return f"{n / 1024:.0f} KiB"


def fmt_time(r, timeout=None):
    st = r.get("status") if r else None
    if not r or st in (None, "not-run", "skipped"):
        return "–"
    if st == "timeout":
        return f"timeout (>{r.get('timeout_s') or timeout or r['wall_s']:.0f} s)"
    t = r["wall_s"]
    s = f"{t:.2f} s" if t < 10 else f"{t:.1f} s"
    if st == "error":
        s += " (failed)"
    return s


def fmt_mem(r):
    if not r or r.get("status") in (None, "not-run", "skipped") or r.get("peak_rss_kib") is None:
        return "–"
    s = f"{r['peak_rss_kib'] / 1024:.0f} MiB"
    if r.get("status") == "timeout":
        s = "≥ " + s
    return s


def fmt_ratio(x, prefix=""):
    if x is None:
        return "–"
    if x < 0.01:
        return f"{prefix}{x:.4f}"
    return f"{prefix}{x:.2f}"


def fmt_count(r):
    if not r:
        return "–"
    if r.get("instrumented") is not None:
        s = str(r["instrumented"])
        if r.get("status") == "error":
            s += "*"
        return s
    st = r.get("status")
    return {"timeout": "timeout", "skipped": "(timeout)", "not-run": "–"}.get(st, "error")


def render_markdown(res, scaling=None):
    L = []
    L.append("# wasm-asyncify vs `wasm-opt --asyncify`: results")
    L.append("")
    L.append("Produced by:")
    L.append("")
    L.append("```sh")
    L.append(res["command"])
    L.append("```")
    L.append("")
    L.append("Do not edit by hand: `benchmarks/run.py` regenerates this file (see benchmarks/README.md).")
    L.append("")
    m, v = res["machine"], res["versions"]
    L.append(f"- Date: {res['date']} (run took {res['elapsed_s'] / 60:.1f} min)")
    L.append(f"- Machine: {m['nproc']} cores ({m.get('cpu') or '?'}), {m['memory_gib']} GiB RAM, Linux {m['kernel']}, Python {m['python']}")
    L.append(f"- wasm-asyncify: `{v.get('wasm-asyncify')}` (`{v.get('wasm-asyncify-path')}`, built from git {v.get('wasm-asyncify-git')}); "
             f"writes modules with `-o`: {'yes' if res['ours_writes_output'] else 'no (analysis and report only)'}")
    L.append(f"- Binaryen: `{v.get('wasm-opt')}`; wabt `{v.get('wat2wasm')}`")
    loads = [r["loadavg_before"][0] for r in res["modules"] if r.get("loadavg_before")]
    if loads:
        L.append(f"- Load average (1 min) before each module: {min(loads):.1f} to {max(loads):.1f} on {m['nproc']} cores "
                 "(other work shared the machine: timings are noisy, see README.md)")
    if res.get("runner_peak_rss_kib"):
        L.append(f"- Peak RSS of run.py itself: {res['runner_peak_rss_kib'] / 1024:.0f} MiB: a floor under every memory "
                 "figure (a forked child's `ru_maxrss` starts at its parent's peak; see README.md)")
    L.append(f"- Timeout per run: {res['timeout_s']:g} s (per-module overrides from corpus.json: {'on' if res.get('timeout_from_corpus') else 'off'}); "
             f"import list: every function import of the module unless corpus.json says otherwise, the same list for both tools")
    L.append("")
    L.append("## Per module")
    L.append("")
    L.append("Time is wall-clock time; memory is the child's peak RSS (`ru_maxrss` from `wait4`). "
             "Ratios are ours / Binaryen: below 1 means wasm-asyncify is faster or smaller. "
             "Instrumented: functions each tool rewrites (ours: `summary.instrumented` of the report; "
             "Binaryen: its `asyncify-verbose` messages \"F can change the state due to …\", one per function). "
             "`timeout`: the run was killed at the timeout; ratios against it are upper bounds (`< x`).")
    L.append("")
    hdr = ["module", "size", "lang", "instrumented ours", "instrumented Binaryen", "time ours", "time Binaryen",
           "time ratio", "memory ours", "memory Binaryen", "memory ratio"]
    if res["ours_writes_output"]:
        hdr += ["output ours", "output Binaryen"]
    L.append("| " + " | ".join(hdr) + " |")
    L.append("|" + "|".join(["---"] + ["--:"] * (len(hdr) - 1)) + "|")
    L[-1] = "|---|--:|---|" + "|".join(["--:"] * (len(hdr) - 3)) + "|"
    notes = []
    for r in res["modules"]:
        o = r.get("ours") or {}
        b = r.get("binaryen") or {}
        bv = r.get("binaryen_verbose") or {}
        ra = r.get("ratios") or {}
        if r.get("error"):
            L.append(f"| {r['name']} | {fmt_bytes(r.get('bytes'))} | {r.get('language')} | " + " | ".join(["–"] * (len(hdr) - 3)) + " |")
            notes.append(f"- **{r['name']}**: {r['error']}")
            continue
        if "time" in ra:
            tr, mr = fmt_ratio(ra["time"]), fmt_ratio(ra["memory"])
        elif "time_at_most" in ra:
            # Binaryen was killed at the timeout: both ratios are upper bounds.
            tr = fmt_ratio(ra["time_at_most"], "< ")
            mr = fmt_ratio(ra.get("memory_at_most") or ratio(o.get("peak_rss_kib"), b.get("peak_rss_kib")), "< ")
        else:
            tr = mr = "–"
        row = [r["name"], fmt_bytes(r["bytes"]), r.get("language") or "?", fmt_count(o), fmt_count(bv),
               fmt_time(o, r.get("timeout_s")), fmt_time(b, r.get("timeout_s")), tr, fmt_mem(o), fmt_mem(b), mr]
        if res["ours_writes_output"]:
            row += [fmt_bytes(o.get("output_bytes")), fmt_bytes(b.get("output_bytes"))]
        L.append("| " + " | ".join(row) + " |")
        for who, rr in (("wasm-asyncify", o), ("wasm-opt", b), ("wasm-opt (verbose run)", bv)):
            if rr.get("status") == "error":
                how = f"exit code {rr['exit_code']}" if rr.get("exit_code") is not None else f"killed by {rr.get('signal')}"
                notes.append(f"- **{r['name']}**: {who} failed ({how}): `{rr.get('error_text')}`")
        if bv.get("status") == "error" and bv.get("instrumented") is not None:
            notes.append(f"- **{r['name']}**: the Binaryen count (marked *) comes from the analysis it printed before failing.")
    L.append("")
    if notes:
        L.append("Notes:")
        L.append("")
        L.extend(notes)
        L.append("")
    ok = [r for r in res["modules"] if (r.get("ratios") or {}).get("time") is not None]
    if ok:
        import math
        gm = lambda xs: math.exp(sum(math.log(x) for x in xs) / len(xs))
        L.append(f"Geometric mean over the {len(ok)} modules both tools finished: time ratio "
                 f"{gm([r['ratios']['time'] for r in ok]):.3f}, memory ratio "
                 f"{gm([r['ratios']['memory'] for r in ok]):.3f}.")
        L.append("")
    if not res["ours_writes_output"]:
        L.append("wasm-asyncify does not write modules yet (`-o` is refused), so its time and memory cover "
                 "reading, the call graph and the analysis only, while Binaryen's cover the whole rewrite, "
                 "its optimisation and writing the output. The time ratios are therefore not yet a like-for-like "
                 "comparison; run.py starts passing `-o` as soon as the tool accepts it.")
        L.append("")
    if scaling:
        L.append("## Scaling (synthetic modules)")
        L.append("")
        L.extend(render_scaling(scaling))
        L.append("")
    L.append("## Commands")
    L.append("")
    L.append("Run from `benchmarks/`, one after the other. Each module's `imports.txt` holds the comma-separated "
             "import list, passed inline to both tools; Binaryen's feature flags enable every feature so that it accepts "
             "every module (it does not detect features without a target_features section).")
    L.append("")
    L.append("```sh")
    for r in res["modules"]:
        for key in ("ours", "binaryen", "binaryen_verbose"):
            c = (r.get(key) or {}).get("command")
            if c:
                L.append(c)
    L.append("```")
    L.append("")
    return "\n".join(L)


def render_scaling(sc):
    L = []
    L.append(f"Produced by `{sc['command']}` on {sc['date']}; timeout {sc['timeout_s']:g} s per run; "
             f"import list `env.sleep` for both tools; Binaryen runs once, with asyncify-verbose (to count), "
             f"our time is the best of up to 3 runs.")
    L.append("")
    gens = sc.get("generators") or {"functions": sc.get("generator")}
    for series, title in (("functions", "Growing number of functions"),
                          ("function-size", "Growing function size")):
        pts = [p for p in sc["points"] if p.get("series", "functions") == series]
        if not pts:
            continue
        L.append(f"### {title}")
        L.append("")
        L.append(f"Generator: {gens.get(series)}.")
        L.append("")
        first = "functions" if series == "functions" else "call sites per function"
        L.append(f"| {first} | size | instrumented ours | instrumented Binaryen | time ours | growth ours | memory ours "
                 "| time Binaryen | growth Binaryen | memory Binaryen | time ratio |")
        L.append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
        for p in pts:
            o, b = p.get("ours") or {}, p.get("binaryen") or {}
            tr = "–"
            if o.get("status") == "ok" and b.get("status") == "ok":
                tr = fmt_ratio(ratio(o["wall_s"], b["wall_s"]))
            elif o.get("status") == "ok" and b.get("status") == "timeout":
                tr = fmt_ratio(ratio(o["wall_s"], b["wall_s"]), "< ")
            elif o.get("status") == "timeout" and b.get("status") == "ok":
                tr = "> " + fmt_ratio(ratio(o["wall_s"], b["wall_s"]))
            L.append(f"| {p.get('n', p.get('functions'))} | {fmt_bytes(p['bytes'])} | {fmt_count(o)} | {fmt_count(b)} | "
                     f"{fmt_time(o)} | {fmt_ratio(p.get('ours_growth'))} | {fmt_mem(o)} | {fmt_time(b)} | "
                     f"{fmt_ratio(p.get('binaryen_growth'))} | {fmt_mem(b)} | {tr} |")
        L.append("")
    L.append("Growth is time(2N)/time(N): about 2.0 for a tool linear in the module's size, about 4.0 for a "
             "quadratic one.")
    return L


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def write_markdown(results_path, markdown_path, scaling_path):
    res = load_json(results_path)
    if res is None:
        return
    sc = load_json(scaling_path)
    tmp = markdown_path + ".tmp"
    with open(tmp, "w") as f:
        f.write(render_markdown(res, sc))
    os.replace(tmp, markdown_path)


# ---------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="only modules under 2 MB")
    ap.add_argument("--only", action="append", metavar="NAME", help="only this module (repeatable)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per run (default 900)")
    ap.add_argument("--no-corpus-timeouts", dest="timeout_from_corpus", action="store_false",
                    help="ignore the per-module \"timeout\" of corpus.json")
    ap.add_argument("--out-dir", default=os.path.join(HERE, "work", "run"),
                    help="outputs, logs and reports of each run (default benchmarks/work/run)")
    ap.add_argument("--corpus", default=os.path.join(HERE, "corpus.json"))
    ap.add_argument("--tool", default=DEFAULT_TOOL, help="wasm-asyncify binary (default build/wasm-asyncify)")
    ap.add_argument("--tool-rev", help="the source revision the tool was built from, for RESULTS.md "
                    "(default: git HEAD of the repository, marked when lib/, passes/ or tools/ have uncommitted changes)")
    ap.add_argument("--wasm-opt", default="wasm-opt")
    ap.add_argument("--skip-binaryen", action="store_true", help="run only wasm-asyncify")
    ap.add_argument("--verbose-after-timeout", action="store_true",
                    help="do the Binaryen verbose run even when the timed run timed out")
    ap.add_argument("--verbose-timeout-factor", type=float, default=1.5,
                    help="the verbose run's timeout is this times the timed run's time (at least 60 s, "
                         "at most --timeout); 0 = always --timeout")
    ap.add_argument("--results", default=os.path.join(HERE, "results.json"))
    ap.add_argument("--markdown", default=os.path.join(HERE, "RESULTS.md"))
    ap.add_argument("--scaling-results", default=os.path.join(HERE, "scaling.json"),
                    help="scaling.py's results, included in RESULTS.md when present")
    args = ap.parse_args()
    args.tool = os.path.abspath(args.tool)
    args.out_dir = os.path.abspath(args.out_dir)

    if not os.access(args.tool, os.X_OK):
        sys.exit(f"run.py: {args.tool} not found: build it with scripts/build.sh")
    corpus = json.load(open(args.corpus))
    mods = corpus["modules"]
    if args.only:
        names = {m["name"] for m in mods}
        for n in args.only:
            if n not in names:
                sys.exit(f"run.py: unknown module {n!r}; known: {', '.join(m['name'] for m in mods)}")
        mods = [m for m in mods if m["name"] in args.only]
    if args.quick:
        mods = [m for m in mods if m["size"] < QUICK_LIMIT]

    os.makedirs(args.out_dir, exist_ok=True)
    accepts_output, why = tool_accepts_output(args.tool, args.out_dir)
    log(f"wasm-asyncify {'writes modules (-o will be used)' if accepts_output else 'does not write modules yet (no -o): ' + why.splitlines()[-1] if why else ''}")

    cmd = "benchmarks/run.py" + "".join(" " + shlex.quote(a) for a in sys.argv[1:])
    started = time.time()
    res = {
        "command": cmd,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine_info(),
        "versions": tool_versions(args.tool, args.wasm_opt, args.tool_rev),
        "timeout_s": args.timeout,
        "timeout_from_corpus": args.timeout_from_corpus,
        "ours_writes_output": accepts_output,
        "modules": [],
    }
    for i, entry in enumerate(mods, 1):
        log(f"[{i}/{len(mods)}] {entry['name']} ({fmt_bytes(entry.get('size'))}, {entry.get('language')})")
        res["modules"].append(bench_module(entry, args, args.out_dir, accepts_output))
        res["elapsed_s"] = round(time.time() - started, 1)
        res["runner_peak_rss_kib"] = runner_peak_rss_kib()
        # Written after every module so that an interrupted run keeps what it measured.
        tmp = args.results + ".tmp"
        with open(tmp, "w") as f:
            json.dump(res, f, indent=1)
        os.replace(tmp, args.results)
        write_markdown(args.results, args.markdown, args.scaling_results)
    res["elapsed_s"] = round(time.time() - started, 1)
    res["runner_peak_rss_kib"] = runner_peak_rss_kib()
    with open(args.results, "w") as f:
        json.dump(res, f, indent=1)
    write_markdown(args.results, args.markdown, args.scaling_results)
    log(f"done in {res['elapsed_s'] / 60:.1f} min: {os.path.relpath(args.results)}, {os.path.relpath(args.markdown)}")


if __name__ == "__main__":
    main()
