#!/usr/bin/env python3
"""How wasm-asyncify and `wasm-opt --asyncify` scale with module size.

Two series of synthetic modules, converted with wat2wasm, both tools run on
each with the same import list (`env.sleep`):

  functions      N functions (default N = 10k, 20k, 40k, 80k): whole-module
                 analysis costs (call graph, propagation, indirect calls);
  function-size  4 functions with N call sites each (default 500 .. 4000):
                 per-function costs (flattening, liveness at each call site),
                 the shape of Go's or big C++/Rust functions.

Reports time, peak RSS, instrumented functions and the growth
time(2N)/time(N): about 2 for a linear tool, about 4 for a quadratic one.

The 'functions' module (see generate_wat) has what makes Asyncify analyses work:
  - call chains of 50 functions; every other chain ends in the async import
    env.sleep, the others in the synchronous env.log;
  - a table holding every 7th function, and `call_indirect`s of two kinds
    (in every 64th and every 16th function):
    through the chains' signature (which async functions have) and through a
    signature only synchronous leaf functions have (a precise analysis prunes
    those; Binaryen marks every function with a call_indirect);
  - loops, ifs and locals in every body, so a rewrite has real work to do.

Writes scaling.json and regenerates RESULTS.md (run.py's renderer, with
results.json). Our runs are repeated (--repeat, best time kept) because they
are short; Binaryen runs once, with asyncify-verbose to count its functions.
"""

import argparse
import datetime
import json
import os
import shlex
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (same directory)

HERE = run.HERE
CHAIN = 50


def generate_wat(n):
    """A module with n defined functions (see the module docstring)."""
    out = []
    w = out.append
    w("(module")
    w('  (type $t1 (func (param i32) (result i32)))')
    w('  (type $t2 (func (param i32 i32) (result i32)))')
    w('  (type $tf (func (param f64) (result f64)))')
    w('  (type $tv (func (param i32)))')
    w('  (import "env" "sleep" (func $sleep (type $tv)))')
    w('  (import "env" "log" (func $log (type $tv)))')
    w("  (memory (export \"memory\") 1)")
    w("  (global $g (mut i32) (i32.const 0))")
    in_table = [i for i in range(n) if i % 7 == 3]
    # Synchronous leaves of type $tf, also in the table: the only targets of
    # the $tf call_indirects.
    leaves = max(8, n // 1000)
    w(f"  (table $tab {len(in_table) + leaves} funcref)")
    elems = " ".join(f"$f{i}" for i in in_table) + " " + " ".join(f"$leaf{j}" for j in range(leaves))
    w(f"  (elem (i32.const 0) func {elems})")
    tmask = len(in_table)
    for j in range(leaves):
        w(f"  (func $leaf{j} (type $tf) (f64.add (f64.mul (local.get 0) (f64.const {j + 1}.5)) (f64.const 1)))")

    def ftype(i):
        return "$t2" if i % 5 == 4 else "$t1"

    for i in range(n):
        params = "(param $a i32) (param $b i32)" if ftype(i) == "$t2" else "(param $a i32)"
        w(f"  (func $f{i} (type {ftype(i)}) {params} (result i32) (local $x i32) (local $y i32) (local $d f64)")
        w(f"    (local.set $x (i32.add (local.get $a) (i32.const {i})))")
        w("    (block $done (loop $l")
        w("      (br_if $done (i32.ge_u (local.get $y) (i32.and (local.get $x) (i32.const 7))))")
        w("      (local.set $x (i32.xor (i32.mul (local.get $x) (i32.const 31)) (local.get $y)))")
        w("      (local.set $y (i32.add (local.get $y) (i32.const 1)))")
        w("      (br $l)))")
        w("    (if (i32.and (local.get $x) (i32.const 1))")
        w("      (then (global.set $g (i32.add (global.get $g) (local.get $x)))))")
        pos = i % CHAIN
        chain = i // CHAIN
        if pos < CHAIN - 1 and i + 1 < n:
            callee = i + 1
            args = "(local.get $x) (local.get $y)" if ftype(callee) == "$t2" else "(local.get $x)"
            w(f"    (local.set $x (i32.add (local.get $x) (call $f{callee} {args})))")
        else:
            w(f"    (call {'$sleep' if chain % 2 == 0 else '$log'} (local.get $x))")
        if i % 64 == 5:
            # Through the chains' signature: can reach async functions.
            w(f"    (local.set $x (call_indirect $tab (type $t1) (local.get $y) "
              f"(i32.rem_u (local.get $x) (i32.const {tmask}))))")
        if i % 16 == 13:
            # Through $tf: only synchronous leaves have it.
            w(f"    (local.set $d (call_indirect $tab (type $tf) (f64.convert_i32_u (local.get $x)) "
              f"(i32.add (i32.const {tmask}) (i32.rem_u (local.get $x) (i32.const {leaves})))))")
            w("    (local.set $x (i32.add (local.get $x) (i32.trunc_f64_u (f64.abs (local.get $d)))))")
        w("    (local.get $x))")
    # Entry points: the head of every chain is exported.
    for c in range(0, n, CHAIN):
        w(f'  (export "chain{c // CHAIN}" (func $f{c}))')
    w(")")
    return "\n".join(out) + "\n"


BIG_FUNCS = 4
BIG_LOCALS = 24


def generate_big_wat(k):
    """BIG_FUNCS functions with k call sites each to the async import, locals
    live across every call, ifs and br_ifs: the shape of the huge functions of
    Go (esbuild) or big Rust/C++ functions, where per-function costs show."""
    out = []
    w = out.append
    w("(module")
    w('  (import "env" "sleep" (func $sleep (param i32)))')
    w('  (import "env" "log" (func $log (param i32)))')
    w("  (memory (export \"memory\") 1)")
    for f in range(BIG_FUNCS):
        locs = " ".join(f"(local $l{i} i32)" for i in range(BIG_LOCALS))
        w(f'  (func $g{f} (export "g{f}") (param $a i32) (result i32) {locs}')
        w("    (local.set $l0 (local.get $a))")
        w("    (block $out")
        for j in range(k):
            dst, src = j % BIG_LOCALS, (j * 7 + 3) % BIG_LOCALS
            w(f"    (local.set $l{dst} (i32.add (local.get $l{src}) (i32.const {j + f})))")
            if j % 8 == 7:
                w(f"    (if (i32.and (local.get $l{src}) (i32.const 1))"
                  f" (then (call $sleep (local.get $l{dst}))) (else (call $log (local.get $l{src}))))")
            else:
                w(f"    (call $sleep (local.get $l{dst}))")
            if j % 16 == 15:
                w(f"    (br_if $out (i32.eq (local.get $l{dst}) (i32.const -1)))")
        w("    )")
        w("    " + "".join("(i32.add " for _ in range(BIG_LOCALS - 1)) + "(local.get $l0)"
          + "".join(f" (local.get $l{i}))" for i in range(1, BIG_LOCALS)) + ")")
    w(")")
    return "\n".join(out) + "\n"


def measure_point(args, series, n, d, accepts_output):
    """Generates, converts and measures one module; returns the point."""
    rel = lambda p: os.path.relpath(p, HERE)
    os.makedirs(d, exist_ok=True)
    wat = os.path.join(d, "module.wat")
    wasm = os.path.join(d, "module.wasm")
    # Generated by a child process: building the text here would raise this
    # process's peak RSS, which every later child's ru_maxrss starts from.
    subprocess.run([sys.executable, os.path.abspath(__file__), "--emit", series, str(n), wat], check=True)
    r = subprocess.run(["wat2wasm", wat, "-o", wasm], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"scaling.py: wat2wasm failed on {wat}: {r.stderr.strip()}")
    size = os.path.getsize(wasm)
    label = "functions" if series == "functions" else "call sites per function"
    run.log(f"{series}: N={n} {label}: {run.fmt_bytes(size)}")
    point = {"series": series, "n": n, "bytes": size, "wasm": rel(wasm)}
    if series == "functions":
        point["functions"] = n
    else:
        point["functions"] = BIG_FUNCS
        point["call_sites_per_function"] = n

    report = os.path.join(d, "ours.report.json")
    argv = [args.tool, wasm, "--imports", "env.sleep", f"--report={report}"]
    shown = f"{os.path.relpath(args.tool, HERE)} {rel(wasm)} --imports env.sleep --report={rel(report)}"
    if accepts_output:
        argv += ["-o", os.path.join(d, "ours.wasm")]
        shown += f" -o {rel(os.path.join(d, 'ours.wasm'))}"
    best = None
    for _ in range(max(1, args.repeat)):
        m = run.run_measured(argv, args.timeout, os.path.join(d, "ours.stdout"),
                             os.path.join(d, "ours.stderr"), shown)
        if m.status != "ok":
            best = m
            break
        if best is None or m.wall_s < best.wall_s:
            best = m
        if m.wall_s > 30:  # long enough not to need repeating
            break
    ours = best.to_json()
    if best.status == "ok":
        try:
            ours["instrumented"] = (run.report_summary(report).get("summary") or {}).get("instrumented")
        except ValueError as e:
            ours["report_error"] = str(e)
        out = os.path.join(d, "ours.wasm")
        if os.path.exists(out):
            ours["output_bytes"] = os.path.getsize(out)
            os.remove(out)
    else:
        ours["error_text"] = run.first_error_line(os.path.join(d, "ours.stderr"))
    point["ours"] = ours
    run.log(f"  ours: {run.describe(ours)}")

    if not args.skip_binaryen:
        run.log(f"  binaryen (timeout {args.timeout:g} s) ...")
        out = os.path.join(d, "binaryen.wasm")
        argv = [args.wasm_opt, wasm, "--asyncify", "--pass-arg=asyncify-imports@env.sleep",
                "--pass-arg=asyncify-verbose", "-o", out]
        m = run.run_measured(argv, args.timeout, os.path.join(d, "binaryen.stdout"),
                             os.path.join(d, "binaryen.stderr"),
                             f"wasm-opt {rel(wasm)} --asyncify --pass-arg=asyncify-imports@env.sleep "
                             f"--pass-arg=asyncify-verbose -o {rel(out)}")
        b = m.to_json()
        if m.status != "timeout":
            b["instrumented"] = run.count_binaryen_instrumented(os.path.join(d, "binaryen.stdout"))[0]
        if m.status == "error":
            b["error_text"] = run.first_error_line(os.path.join(d, "binaryen.stderr"))
        if os.path.exists(out):
            b["output_bytes"] = os.path.getsize(out)
            os.remove(out)
        point["binaryen"] = b
        run.log(f"  binaryen: {run.describe(b)}")
    return point


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,20000,40000,80000",
                    help="function counts of the 'functions' series (comma-separated)")
    ap.add_argument("--call-sites", default="500,1000,2000,4000",
                    help=f"call sites per function of the 'function-size' series ({BIG_FUNCS} functions)")
    ap.add_argument("--series", choices=["functions", "function-size", "both"], default="both")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per run (default 300)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of wasm-asyncify per size; the best is kept (runs over 30 s are not repeated)")
    ap.add_argument("--skip-binaryen", action="store_true")
    ap.add_argument("--tool", default=run.DEFAULT_TOOL)
    ap.add_argument("--tool-rev", help="the source revision the tool was built from (see run.py)")
    ap.add_argument("--wasm-opt", default="wasm-opt")
    ap.add_argument("--out-dir", default=os.path.join(HERE, "work", "scaling"))
    ap.add_argument("--results", default=os.path.join(HERE, "scaling.json"))
    ap.add_argument("--run-results", default=os.path.join(HERE, "results.json"),
                    help="run.py's results, to regenerate RESULTS.md")
    ap.add_argument("--markdown", default=os.path.join(HERE, "RESULTS.md"))
    args = ap.parse_args()
    args.tool = os.path.abspath(args.tool)
    os.makedirs(args.out_dir, exist_ok=True)
    accepts_output, _ = run.tool_accepts_output(args.tool, args.out_dir)

    res = {
        "command": "benchmarks/scaling.py" + "".join(" " + shlex.quote(a) for a in sys.argv[1:]),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "generators": {
            "functions": "generate_wat: N functions in call chains of 50 (every other chain ends in env.sleep), "
                         "every 7th function in the table, call_indirect through an async-reachable signature "
                         "(every 64th function) and a sync-only one (every 16th)",
            "function-size": f"generate_big_wat: {BIG_FUNCS} functions with N call sites each to env.sleep, "
                             f"{BIG_LOCALS} locals live across the calls, ifs and br_ifs",
        },
        "machine": run.machine_info(),
        "versions": run.tool_versions(args.tool, args.wasm_opt, args.tool_rev),
        "timeout_s": args.timeout,
        "ours_writes_output": accepts_output,
        "imports": "env.sleep",
        "points": [],
    }
    plan = []
    if args.series in ("functions", "both"):
        plan += [("functions", int(x)) for x in args.sizes.split(",")]
    if args.series in ("function-size", "both"):
        plan += [("function-size", int(x)) for x in args.call_sites.split(",")]
    prev = {}
    for series, n in plan:
        d = os.path.join(args.out_dir, f"{series}-{n}")
        p0 = prev.get(series)
        if p0 and (p0.get("binaryen") or {}).get("status") == "timeout":
            skip_binaryen, args_skip = True, args.skip_binaryen
            args.skip_binaryen = True
        else:
            skip_binaryen = False
        point = measure_point(args, series, n, d, accepts_output)
        if skip_binaryen:
            args.skip_binaryen = args_skip
            point["binaryen"] = {"status": "skipped", "why": "timed out on a smaller module"}
        if p0 and p0["n"] * 2 == n:
            for who in ("ours", "binaryen"):
                a, b = p0.get(who) or {}, point.get(who) or {}
                if a.get("status") == "ok" and b.get("status") == "ok":
                    point[f"{who}_growth"] = run.ratio(b["wall_s"], a["wall_s"])
        res["points"].append(point)
        res["runner_peak_rss_kib"] = run.runner_peak_rss_kib()
        prev[series] = point
        with open(args.results, "w") as f:
            json.dump(res, f, indent=1)
        run.write_markdown(args.run_results, args.markdown, args.results)
    for line in run.render_scaling(res):
        print(line)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--emit":
        # Internal: scaling.py --emit SERIES N OUT.wat
        _, _, series, n, out_path = sys.argv
        gen = generate_wat if series == "functions" else generate_big_wat
        with open(out_path, "w") as f:
            f.write(gen(int(n)))
    else:
        main()
