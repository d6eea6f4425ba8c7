#!/usr/bin/env python3
"""Pathological module shapes: does wasm-asyncify stay bounded in time and memory?

Five shapes, each with the async import env.sleep reachable so that
instrumentation really happens (both tools get `env.sleep` as the only async
import):

  functions N   N functions (default 100k) in a call chain f0 -> f1 -> ... ->
                f(N-1) -> env.sleep, each also calling f(2i+1) (a DAG, depth N:
                a recursive walk over the call graph overflows, a walk without
                memoization is exponential); every third calls the synchronous
                env.log;
  locals N      one function with N locals (default 49,999, with the
                parameter the 50,000 engines accept; i32, i64, f32, f64
                in turn), all set from the parameter, two calls to env.sleep
                (half the locals live across the first, all across the
                second), then all summed;
  temporaries N one function of N statements (default 50k) whose
                intermediate values flattening gives about 4N locals, each
                read right after it is set, and env.sleep every 1000;
  nesting N     one function with N nested blocks, loops and ifs (default 10k;
                kind = level mod 3) around a call to env.sleep; every level
                has a statement before and after its inner construct, loops
                branch back after it (nested back edges for liveness) and
                blocks branch out of themselves;
  br_table N    one function with a br_table of N targets (default 1M) over 4
                blocks, two of the arms calling env.sleep.

The modules are written as binary wasm by a tiny encoder (no wat2wasm: the
text of these shapes is slow to parse and WABT's text parser recurses on
nesting).

Usage:

  pathological.py emit SHAPE N OUT.wasm      write one module
  pathological.py [--shapes a,b] [--timeout S] [--skip-binaryen] [--no-O2]
                                             measure both tools on every shape,
                                             write pathological.json and
                                             regenerate the tables of RESOURCES.md

Each measured run goes through run.py's run_measured: wall time by a
monotonic clock, peak RSS from os.wait4's rusage (which covers wasm-asyncify's
forked pipeline child), killed after --timeout. Python 3 standard library
only.
"""

import argparse
import datetime
import json
import os
import shlex
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# A tiny binary encoder

I32, I64, F32, F64 = 0x7F, 0x7E, 0x7D, 0x7C
EMPTY = 0x40

OP = {
    "block": 0x02, "loop": 0x03, "if": 0x04, "else": 0x05, "end": 0x0B, "br": 0x0C,
    "br_if": 0x0D, "br_table": 0x0E, "return": 0x0F, "call": 0x10, "drop": 0x1A,
    "local.get": 0x20, "local.set": 0x21, "local.tee": 0x22,
    "i32.const": 0x41, "i64.const": 0x42, "f32.const": 0x43, "f64.const": 0x44,
    "i32.eqz": 0x45, "i32.eq": 0x46, "i32.add": 0x6A, "i32.mul": 0x6C, "i32.and": 0x71,
    "i32.xor": 0x73, "i64.add": 0x7C, "f32.add": 0x92, "f64.add": 0xA0, "i32.wrap_i64": 0xA7,
    "i64.extend_i32_u": 0xAD, "f32.convert_i32_s": 0xB2, "f64.convert_i32_s": 0xB7,
    "i32.reinterpret_f32": 0xBC, "i64.reinterpret_f64": 0xBD,
}


def uleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def sleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if (n == 0 and not b & 0x40) or (n == -1 and b & 0x40):
            out.append(b)
            return bytes(out)
        out.append(b | 0x80)


def name(s):
    b = s.encode()
    return uleb(len(b)) + b


def vec(items):
    items = list(items)
    return uleb(len(items)) + b"".join(items)


def section(sid, payload):
    return bytes([sid]) + uleb(len(payload)) + payload


class Code:
    """The instructions of one function body, appended as bytes."""

    def __init__(self):
        self.parts = []

    def op(self, o, *imm):
        self.parts.append(bytes([OP[o]]) + b"".join(imm))
        return self

    def get(self, i):
        return self.op("local.get", uleb(i))

    def set(self, i):
        return self.op("local.set", uleb(i))

    def i32(self, v):
        return self.op("i32.const", sleb(v))

    def i64(self, v):
        return self.op("i64.const", sleb(v))

    def f32(self, v):
        return self.op("f32.const", struct.pack("<f", v))

    def f64(self, v):
        return self.op("f64.const", struct.pack("<d", v))

    def call(self, f):
        return self.op("call", uleb(f))

    def raw(self, b):
        self.parts.append(b)
        return self

    def body(self, local_groups):
        """The function body: locals as [(count, type)], then the code and `end`."""
        payload = vec(uleb(c) + bytes([t]) for c, t in local_groups) + b"".join(self.parts) + b"\x0b"
        return uleb(len(payload)) + payload


def functype(params, results):
    return b"\x60" + vec(bytes([p]) for p in params) + vec(bytes([r]) for r in results)


def module(types, imports, funcs, exports, bodies):
    """types: [bytes]; imports: [(mod, base, typeidx)] (functions); funcs:
    [typeidx]; exports: [(name, funcidx)]; bodies: [bytes]. Adds a memory of
    one page, exported as "memory"."""
    out = [b"\0asm", struct.pack("<I", 1)]
    out.append(section(1, vec(types)))
    out.append(section(2, vec(name(m) + name(b) + b"\x00" + uleb(t) for m, b, t in imports)))
    out.append(section(3, vec(uleb(t) for t in funcs)))
    out.append(section(5, vec([b"\x00" + uleb(1)])))
    exp = [name("memory") + b"\x02" + uleb(0)]
    exp += [name(n) + b"\x00" + uleb(f) for n, f in exports]
    out.append(section(7, vec(exp)))
    out.append(section(10, vec(bodies)))
    return b"".join(out)


# Shared header: types 0 = (i32) -> (), 1 = (i32) -> (i32); imports
# env.sleep (function 0, async) and env.log (function 1, synchronous).
TYPES = [functype([I32], []), functype([I32], [I32])]
IMPORTS = [("env", "sleep", 0), ("env", "log", 0)]
SLEEP, LOG, FIRST = 0, 1, 2

# ---------------------------------------------------------------------------
# The shapes


def gen_functions(n):
    """n functions f0..f(n-1): fi calls f(i+1) and f(2i+1) (when they exist),
    every third also env.log; the last calls env.sleep. Every function reaches
    the async import, through a call chain n deep."""
    bodies = []
    for i in range(n):
        c = Code()
        # x = p + i
        c.get(0).i32(i).op("i32.add").set(1)
        # if (x & 1) x = x * 31
        c.get(1).i32(1).op("i32.and").op("if", bytes([EMPTY]))
        c.get(1).i32(31).op("i32.mul").set(1).op("end")
        callees = [j for j in (i + 1, 2 * i + 1) if j < n]
        callees = sorted(set(callees))
        for j in callees:
            # x = x ^ fj(x)
            c.get(1).get(1).call(FIRST + j).op("i32.xor").set(1)
        if i % 3 == 0:
            c.get(1).call(LOG)
        if not callees:
            c.get(1).call(SLEEP)
        c.get(1)
        bodies.append(c.body([(1, I32)]))
    return module(TYPES, IMPORTS, [1] * n, [("main", FIRST)], bodies)


def gen_locals(n):
    """One function (param p i32) (result i32) with n locals of rotating
    types, all set from p, env.sleep after the first half and at the end, then
    every local summed into p."""
    kinds = [I32, I64, F32, F64]
    groups = [(1, kinds[i % 4]) for i in range(n)]
    c = Code()
    for i in range(n):
        loc = 1 + i
        k = kinds[i % 4]
        c.get(0)
        if k == I32:
            c.i32(i).op("i32.add")
        elif k == I64:
            c.op("i64.extend_i32_u").i64(i).op("i64.add")
        elif k == F32:
            c.op("f32.convert_i32_s").f32(float(i)).op("f32.add")
        else:
            c.op("f64.convert_i32_s").f64(float(i)).op("f64.add")
        c.set(loc)
        if i == n // 2:
            c.get(0).call(SLEEP)
    c.get(0).call(SLEEP)
    for i in range(n):
        loc = 1 + i
        k = kinds[i % 4]
        c.get(0).get(loc)
        if k == I64:
            c.op("i32.wrap_i64")
        elif k == F32:
            c.op("i32.reinterpret_f32")
        elif k == F64:
            c.op("i64.reinterpret_f64").op("i32.wrap_i64")
        c.op("i32.add").set(0)
    c.get(0)
    return module(TYPES, IMPORTS, [1], [("big", FIRST)], [c.body(groups)])


def gen_temporaries(n):
    """One function (param p i32) (result i32) (local x i32) with n
    statements x = (x * 31 + p) ^ (x + k), env.sleep(x) after every 1000th:
    flattening gives each intermediate value a local of its own (about 4n),
    each read right after it is set, as in onnxruntime's largest function."""
    c = Code()
    X = 1
    for k in range(n):
        c.get(X).i32(31).op("i32.mul").get(0).op("i32.add")
        c.get(X).i32(k).op("i32.add").op("i32.xor").set(X)
        if k % 1000 == 999:
            c.get(X).call(SLEEP)
    c.get(X).call(SLEEP)
    c.get(X)
    return module(TYPES, IMPORTS, [1], [("temps", FIRST)], [c.body([(1, I32)])])


def gen_nesting(n):
    """One function (param p i32) (result i32) (local x i32): n nested
    constructs, level k a block (k % 3 == 0), a loop (1) or an if (2), with
    env.sleep innermost and once at the outermost level."""
    c = Code()
    X = 1

    def stmt(k):  # x = x + k
        c.get(X).i32(k).op("i32.add").set(X)

    c.get(0).set(X)
    c.get(X).call(SLEEP)
    for k in range(n):
        kind = k % 3
        if kind == 0:
            c.op("block", bytes([EMPTY]))
        elif kind == 1:
            c.op("loop", bytes([EMPTY]))
        else:
            c.get(X).i32(1).op("i32.and").op("if", bytes([EMPTY]))
        stmt(k)
    c.get(X).call(SLEEP)
    for k in reversed(range(n)):
        kind = k % 3
        stmt(k + 1)
        if kind == 0:
            # Leave the block when x is zero.
            c.get(X).op("i32.eqz").op("br_if", uleb(0))
        elif kind == 1:
            # Go round the loop again when the low byte is 0x7f.
            c.get(X).i32(0xFF).op("i32.and").i32(0x7F).op("i32.eq").op("br_if", uleb(0))
        else:
            c.op("else")
            stmt(-k)
        c.op("end")
    c.get(X)
    return module(TYPES, IMPORTS, [1], [("nest", FIRST)], [c.body([(1, I32)])])


def gen_br_table(n):
    """One function (param p i32) (result i32) (local x i32) with a br_table
    of n targets (target i goes to block i % 4, the default out of all four)."""
    c = Code()
    X = 1
    for _ in range(5):
        c.op("block", bytes([EMPTY]))
    targets = bytes([0, 1, 2, 3]) * (n // 4) + bytes(range(n % 4))
    c.get(0).op("br_table", uleb(n), targets, uleb(4))
    c.op("end")  # B0: x += 1; sleep(x); out
    c.get(X).i32(1).op("i32.add").set(X).get(X).call(SLEEP).op("br", uleb(3))
    c.op("end")  # B1: x += 2; out
    c.get(X).i32(2).op("i32.add").set(X).op("br", uleb(2))
    c.op("end")  # B2: log(x); out
    c.get(X).call(LOG).op("br", uleb(1))
    c.op("end")  # B3: x += 3; sleep(x)
    c.get(X).i32(3).op("i32.add").set(X).get(X).call(SLEEP)
    c.op("end")  # B4
    c.get(X)
    return module(TYPES, IMPORTS, [1], [("table", FIRST)], [c.body([(1, I32)])])


def gen_save_groups(n):
    """One function (param p i32) (result i32) with n i32 locals: statement k
    sets l_k = p + k, calls env.sleep(p), then adds l_k to p. At call k only
    p and l_k are live, so every call site saves a set of its own, none inside
    another: n save groups, and a dispatch over n of them when rewinding."""
    c = Code()
    for k in range(n):
        local = 1 + k
        c.get(0).i32(k).op("i32.add").set(local)
        c.get(0).call(SLEEP)
        c.get(0).get(local).op("i32.add").set(0)
    c.get(0)
    return module(TYPES, IMPORTS, [1], [("groups", FIRST)], [c.body([(n, I32)])])


SHAPES = {
    "functions": (gen_functions, 100_000, "functions"),
    # 49,999 locals and the parameter: the most engines accept in a function
    # (the tool refuses more before reading them, see lit-tests/malformed).
    "locals": (gen_locals, 49_999, "locals in one function"),
    "temporaries": (gen_temporaries, 50_000, "statements of temporaries in one function"),
    "nesting": (gen_nesting, 10_000, "nested blocks/loops/ifs"),
    "br_table": (gen_br_table, 1_000_000, "br_table targets"),
    "save_groups": (gen_save_groups, 10_000, "call sites in one function, each saving other locals"),
}


def emit(shape, n, path):
    data = SHAPES[shape][0](n)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return len(data)


def emit_in_child(shape, n, path):
    """Generates in a subprocess, so this process's peak RSS (the floor of
    every child's ru_maxrss, see run.py) stays small."""
    subprocess.run([sys.executable, os.path.abspath(__file__), "emit", shape, str(n), path], check=True)
    return os.path.getsize(path)


# ---------------------------------------------------------------------------
# Measuring


def measure(args):
    sys.path.insert(0, HERE)
    import run  # noqa: E402  (same directory)

    os.makedirs(args.out_dir, exist_ok=True)
    rel = lambda p: os.path.relpath(p, HERE)
    res = {
        "command": "benchmarks/pathological.py" + "".join(" " + shlex.quote(a) for a in sys.argv[1:]),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": run.machine_info(),
        "versions": run.tool_versions(args.tool, args.wasm_opt),
        "timeout_s": args.timeout,
        "shapes": [],
    }
    for shape in args.shapes.split(","):
        gen, default_n, what = SHAPES[shape]
        n = int(getattr(args, "n_" + shape) or default_n)
        d = os.path.join(args.out_dir, shape)
        os.makedirs(d, exist_ok=True)
        wasm = os.path.join(d, "in.wasm")
        size = emit_in_child(shape, n, wasm)
        run.log(f"{shape}: {n} {what}, {run.fmt_bytes(size)}")
        entry = {"shape": shape, "n": n, "what": what, "bytes": size, "runs": {}}
        runs = [("ours -O0", [args.tool, wasm, "--imports", "env.sleep"]),
                ("ours -O2", [args.tool, wasm, "--imports", "env.sleep", "-O2"])]
        if args.no_O2:
            runs = runs[:1]
        if not args.skip_binaryen:
            runs.append(("binaryen", [args.wasm_opt, wasm, "--enable-mutable-globals",
                                      "--enable-sign-ext", "--asyncify",
                                      "--pass-arg=asyncify-imports@env.sleep"]))
            if not args.no_O2:
                runs.append(("binaryen -O2", [args.wasm_opt, wasm, "--enable-mutable-globals",
                                              "--enable-sign-ext", "--asyncify", "-O2",
                                              "--pass-arg=asyncify-imports@env.sleep"]))
        for label, argv in runs:
            tag = label.replace(" ", "").replace("-", "_")
            out = os.path.join(d, tag + ".wasm")
            if os.path.exists(out):
                os.remove(out)
            argv = argv + ["-o", out]
            shown = shlex.join([os.path.basename(argv[0])] + [rel(a) if a.startswith("/") else a
                                                              for a in argv[1:]])
            m = run.run_measured(argv, args.timeout, os.path.join(d, tag + ".stdout"),
                                 os.path.join(d, tag + ".stderr"), shown)
            r = m.to_json()
            if m.status == "error":
                r["error_text"] = run.first_error_line(os.path.join(d, tag + ".stderr"))
            if m.status == "ok" and os.path.exists(out):
                r["output_bytes"] = os.path.getsize(out)
                v = subprocess.run(["wasm-validate", "--enable-all", out], capture_output=True,
                                   text=True)
                r["validates"] = v.returncode == 0
                if v.returncode != 0:
                    r["validate_error"] = (v.stderr or v.stdout).strip()[:400]
            if os.path.exists(out) and not args.keep:
                os.remove(out)
            entry["runs"][label] = r
            run.log(f"  {label}: {run.describe(r)}"
                    + (f", {run.fmt_bytes(r['output_bytes'])}" if r.get("output_bytes") else ""))
        res["shapes"].append(entry)
        res["runner_peak_rss_kib"] = run.runner_peak_rss_kib()
        with open(args.results, "w") as f:
            json.dump(res, f, indent=1)
    write_markdown(res, args.markdown)


def fmt_run(r, run):
    if not r:
        return ["–", "–", "–"]
    t = run.fmt_time(r)
    if r.get("status") == "error":
        t = f"failed ({r.get('error_text') or 'exit ' + str(r.get('exit_code'))})"
        t = t.replace("|", "\\|")
    return [t, run.fmt_mem(r), run.fmt_bytes(r.get("output_bytes")) if r.get("output_bytes") else "–"]


BEGIN = "<!-- BEGIN pathological.py tables -->"
END = "<!-- END pathological.py tables -->"


def render(res):
    sys.path.insert(0, HERE)
    import run  # noqa: E402

    lines = [BEGIN, "",
             f"Generated by `{res['command']}` on {res['date']}; machine: "
             f"{res['machine']['nproc']} cores ({res['machine']['cpu']}), "
             f"{res['machine']['memory_gib']} GiB; {res['versions']['wasm-opt']}; "
             f"wasm-asyncify {res['versions'].get('wasm-asyncify-git') or ''}. "
             f"Timeout {res['timeout_s']:g} s per run.", ""]
    for e in res["shapes"]:
        lines.append(f"### {e['shape']}: {e['n']:,} {e['what']} ({run.fmt_bytes(e['bytes'])})")
        lines.append("")
        lines.append("| run | time | peak RSS | output | time vs Binaryen | RSS vs Binaryen |")
        lines.append("|---|---|---|---|---|---|")
        runs = e["runs"]
        for label, r in runs.items():
            ref = runs.get("binaryen -O2" if label.endswith("-O2") else "binaryen")
            rt = rm = "–"
            if not label.startswith("binaryen") and ref and ref.get("status") == "ok" and r.get("status") == "ok":
                rt = run.fmt_ratio(run.ratio(r["wall_s"], ref["wall_s"]))
                rm = run.fmt_ratio(run.ratio(r["peak_rss_kib"], ref["peak_rss_kib"]))
            t, mem, out = fmt_run(r, run)
            if r.get("validates") is False:
                out += " (invalid!)"
            lines.append(f"| {label} | {t} | {mem} | {out} | {rt} | {rm} |")
        lines.append("")
    lines.append(END)
    return lines


def write_markdown(res, path):
    table = "\n".join(render(res))
    text = ""
    if os.path.exists(path):
        with open(path) as f:
            text = f.read()
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + table + text[text.index(END) + len(END):]
    else:
        text = text + ("\n" if text else "") + table + "\n"
    with open(path, "w") as f:
        f.write(text)


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "emit":
        if len(sys.argv) != 5 or sys.argv[2] not in SHAPES:
            sys.exit(f"usage: pathological.py emit {{{','.join(SHAPES)}}} N OUT.wasm")
        emit(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shapes", default=",".join(SHAPES))
    for s, (_, n, what) in SHAPES.items():
        ap.add_argument(f"--n-{s.replace('_', '-')}", dest="n_" + s, type=int,
                        help=f"size of '{s}' ({what}; default {n})")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per run (default 600)")
    ap.add_argument("--skip-binaryen", action="store_true")
    ap.add_argument("--no-O2", dest="no_O2", action="store_true", help="only -O0 runs")
    ap.add_argument("--keep", action="store_true", help="keep the output modules")
    ap.add_argument("--tool", default=os.path.join(os.path.dirname(HERE), "build", "wasm-asyncify"))
    ap.add_argument("--wasm-opt", default="wasm-opt")
    ap.add_argument("--out-dir", default=os.path.join(HERE, "work", "pathological"))
    ap.add_argument("--results", default=os.path.join(HERE, "pathological.json"))
    ap.add_argument("--markdown", default=os.path.join(HERE, "RESOURCES.md"))
    args = ap.parse_args()
    args.tool = os.path.abspath(args.tool)
    measure(args)


if __name__ == "__main__":
    main()
