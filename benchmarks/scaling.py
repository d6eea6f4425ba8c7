#!/usr/bin/env python3
"""How wasm-asyncify and `wasm-opt --asyncify` scale with module size.

Generates synthetic modules with N functions (default N = 10k, 20k, 40k, 80k),
converts them with wat2wasm, and measures both tools on each with the same
import list (`env.sleep`). Reports time, peak RSS, instrumented functions and
the growth time(2N)/time(N): about 2 for a linear tool, about 4 for a
quadratic one.

The generated module (see generate_wat) has what makes Asyncify analyses work:
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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,20000,40000,80000", help="comma-separated function counts")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per run (default 300)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of wasm-asyncify per size; the best is kept")
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
    sizes = [int(s) for s in args.sizes.split(",")]
    rel = lambda p: os.path.relpath(p, HERE)
    accepts_output, _ = run.tool_accepts_output(args.tool, args.out_dir)

    res = {
        "command": "benchmarks/scaling.py" + "".join(" " + shlex.quote(a) for a in sys.argv[1:]),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "generator": "scaling.py generate_wat: chains of 50, every 7th function in the table, "
                     "call_indirect through an async-reachable and a sync-only signature",
        "machine": run.machine_info(),
        "versions": run.tool_versions(args.tool, args.wasm_opt, args.tool_rev),
        "timeout_s": args.timeout,
        "imports": "env.sleep",
        "points": [],
    }
    prev = None
    for n in sizes:
        d = os.path.join(args.out_dir, f"n{n}")
        os.makedirs(d, exist_ok=True)
        wat = os.path.join(d, "module.wat")
        wasm = os.path.join(d, "module.wasm")
        t0 = time.monotonic()
        with open(wat, "w") as f:
            f.write(generate_wat(n))
        r = subprocess.run(["wat2wasm", wat, "-o", wasm], capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"scaling.py: wat2wasm failed on {wat}: {r.stderr.strip()}")
        size = os.path.getsize(wasm)
        run.log(f"N={n}: {run.fmt_bytes(size)} (generated in {time.monotonic() - t0:.1f} s)")
        point = {"functions": n, "bytes": size, "wasm": rel(wasm)}

        # ours, best of --repeat
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
        ours = best.to_json()
        if best.status == "ok":
            rep = run.load_json(report) or {}
            ours["instrumented"] = (rep.get("summary") or {}).get("instrumented")
        else:
            ours["error_text"] = run.first_error_line(os.path.join(d, "ours.stderr"))
        point["ours"] = ours
        run.log(f"  ours: {run.describe(ours)}")

        if not args.skip_binaryen:
            if prev and (prev.get("binaryen") or {}).get("status") == "timeout":
                point["binaryen"] = {"status": "skipped", "why": "timed out on a smaller module"}
            else:
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
                    os.remove(out)
                point["binaryen"] = b
                run.log(f"  binaryen: {run.describe(b)}")
        if prev and prev["functions"] * 2 == n:
            for who in ("ours", "binaryen"):
                a, b = prev.get(who) or {}, point.get(who) or {}
                if a.get("status") == "ok" and b.get("status") == "ok":
                    point[f"{who}_growth"] = run.ratio(b["wall_s"], a["wall_s"])
        res["points"].append(point)
        prev = point
        with open(args.results, "w") as f:
            json.dump(res, f, indent=1)
        run.write_markdown(args.run_results, args.markdown, args.results)
    for line in run.render_scaling(res):
        print(line)


if __name__ == "__main__":
    main()
