#!/usr/bin/env python3
"""wasm-asyncify against the newest Binaryen as well as Debian's Binaryen 108.

Debian ships Binaryen 108, which the other benchmarks compare with. Binaryen
has moved on since; its npm package (`binaryen`, pinned in
newest-binaryen/package.json) ships the same `wasm-opt`, compiled to
WebAssembly and run under Node. This script puts the three side by side, in
one run, on the same inputs and options:

  kernels   the C runtime kernels of runtime/ (-O2): output growth, rewrite
            time, and the rare-yield run time of each variant (host.mjs, the
            same host and settings as runtime/run.py, four variants
            interleaved);
  quickjs   the QuickJS sync module of quickjs/ (-O2): growth, rewrite time,
            and the normal-path time of each workload (bench.mjs);
  corpus    the corpus modules up to --corpus-max-mib (-O0, the corpus's
            import lists): rewrite time, peak memory, output growth.

It reuses what the other scripts made: runtime/work/PROG/base.wasm (run
runtime/run.py first), quickjs/node_modules (quickjs/run.py installs it) and
work/run/NAME/imports.txt (run.py). A part whose inputs are missing is
skipped with a note. Binaryen from npm runs under Node, which costs it time
(the compiled wasm-opt is slower than the native one, and starting Node
takes 0.4 s) and memory (Node's own): its time and memory say what a user of
the npm package pays, not what the newest native build would.

Writes NEWEST.md and newest.json next to this file. Python 3 standard
library only; Node and npm for Binaryen from npm.

Usage: benchmarks/newest.py [--tool PATH] [--runs N] [--rounds N]
                            [--corpus-max-mib M] [--skip-install]
"""

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from run import run_measured  # noqa: E402  (the corpus runner's wait4 measurement)

NPM_DIR = os.path.join(HERE, "newest-binaryen")
NPM_WASM_OPT = os.path.join(NPM_DIR, "node_modules", "binaryen", "bin", "wasm-opt")
WORK = os.path.join(HERE, "work", "newest")
# For the newest Binaryen, --all-features would enable encodings Node 20
# cannot load (its import section then says "unknown import kind 0x7f"): the
# post-MVP features these modules use, and that Node runs, instead.
NPM_FEATURES = ["--enable-sign-ext", "--enable-mutable-globals", "--enable-nontrapping-float-to-int",
                "--enable-bulk-memory", "--enable-bulk-memory-opt", "--enable-simd", "--enable-multivalue",
                "--enable-reference-types", "--enable-exception-handling", "--enable-tail-call",
                "--enable-threads"]
KERNELS = ["fannkuch", "nbody", "hash", "sort", "expr", "vm"]
TOOLS = ["binaryen108", "binaryen_npm", "ours"]


def log(msg=""):
    print(msg, flush=True)


def rel(p):
    return os.path.relpath(p, ROOT)


def first_line(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unknown"


def install(skip):
    if os.path.exists(NPM_WASM_OPT) or skip:
        return
    log(f"installing Binaryen from npm into {rel(NPM_DIR)} (npm ci) ...")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=NPM_DIR, check=True)


def rewrite_argv(tool, args, src, dst, imports, level, features):
    """The rewrite command of one tool: the same imports and -O level; for
    Binaryen, the feature flags the other benchmarks give it (--all-features
    for modules whose features Binaryen 108 does not detect)."""
    if tool == "ours":
        return [args.tool, src, "--imports", imports, level, "-o", dst]
    wasm_opt = ["wasm-opt"] if tool == "binaryen108" else ["node", NPM_WASM_OPT]
    if tool == "binaryen_npm" and "--all-features" in features:
        features = NPM_FEATURES
    opt = [] if level == "-O0" else [level]
    return wasm_opt + [src] + features + ["--asyncify", f"--pass-arg=asyncify-imports@{imports}"] + opt + ["-o", dst]


def shown(argv, imports_file=None, imports=None):
    text = " ".join(rel(a) if os.path.isabs(a) and a.startswith(ROOT) else a for a in argv)
    if imports_file and imports and len(imports) > 60:
        text = text.replace(imports, f'"$(cat {rel(imports_file)})"')
    return text


def rewrite_all(args, name, src, imports, level, timeout, features, imports_file=None):
    """Rewrites src with the three tools; returns {tool: record}."""
    d = os.path.join(WORK, name)
    os.makedirs(d, exist_ok=True)
    out = {}
    for tool in TOOLS:
        dst = os.path.join(d, f"{tool}.wasm")
        if os.path.exists(dst):
            os.remove(dst)
        argv = rewrite_argv(tool, args, src, dst, imports, level, features)
        m = run_measured(argv, timeout, os.path.join(d, f"{tool}.stdout"), os.path.join(d, f"{tool}.stderr"))
        rec = {"command": shown(argv, imports_file, imports), "status": m.status, "seconds": m.wall_s,
               "peak_rss_kib": m.peak_rss_kib, "file": dst}
        if m.status == "ok" and os.path.exists(dst):
            rec["bytes"] = os.path.getsize(dst)
        out[tool] = rec
        log(f"  {name} {tool}: {m.status}, {m.wall_s:.2f} s" + (f", {rec['bytes']} B" if "bytes" in rec else ""))
    return out


def kernels(args, res):
    host = os.path.join(HERE, "runtime", "host.mjs")
    part = {}
    for prog in KERNELS:
        d = os.path.join(HERE, "runtime", "work", prog)
        base = os.path.join(d, "base.wasm")
        rare = os.path.join(d, "rare.json")
        if not (os.path.exists(base) and os.path.exists(rare)):
            res["notes"].append(f"kernels: {rel(base)} or rare.json missing (run benchmarks/runtime/run.py first)")
            return
        rec = {"base_bytes": os.path.getsize(base),
               "rewrite": rewrite_all(args, prog, base, "env.yield_now", "-O2", 600, [])}
        cfg = json.load(open(rare))
        cfg["runs"] = args.runs
        cfg["frame_samples"] = 0
        cfg["variants"] = [{"name": "base", "file": base, "rewritten": False}] + [
            {"name": t, "file": rec["rewrite"][t]["file"], "rewritten": True}
            for t in TOOLS if rec["rewrite"][t].get("bytes")]
        cfg_path = os.path.join(WORK, prog, "rare.json")
        json.dump(cfg, open(cfg_path, "w"), indent=1)
        p = subprocess.run(["node", "--no-liftoff", "--expose-gc", host, cfg_path], capture_output=True, text=True)
        if p.returncode != 0:
            res["notes"].append(f"kernels: {prog}: host.mjs failed: {p.stderr.strip()[:300]}")
            continue
        variants = json.loads(p.stdout)["variants"]
        times, checksums = {}, set()
        for v, r in variants.items():
            if r.get("error"):
                res["notes"].append(f"kernels: {prog} {v}: {r['error']}")
                continue
            times[v] = statistics.median(r["times_ms"])
            checksums.update(o.split()[0] for o in r["outputs"])
        rec["time_ms"] = times
        rec["same_output"] = len(checksums) == 1
        if not rec["same_output"]:
            res["notes"].append(f"kernels: {prog}: the variants printed different checksums: {sorted(checksums)}")
        part[prog] = rec
        log(f"  {prog}: " + ", ".join(f"{v} {t:.1f} ms" for v, t in times.items()))
    res["kernels"] = part


def quickjs(args, res):
    q = os.path.join(HERE, "quickjs")
    src = os.path.join(q, "node_modules", "@jitl", "quickjs-wasmfile-release-sync", "dist", "emscripten-module.wasm")
    if not os.path.exists(src):
        res["notes"].append("quickjs: quickjs/node_modules missing (run benchmarks/quickjs/run.py first)")
        return
    rec = {"base_bytes": os.path.getsize(src),
           "rewrite": rewrite_all(args, "quickjs-O2", src, "a.s,a.h,a.g", "-O2", 900, ["--all-features"])}
    bench = os.path.join(q, "bench.mjs")
    runs = {"sync": []}
    runs.update({t: [] for t in TOOLS if rec["rewrite"][t].get("bytes")})
    per = {}
    for r in range(args.rounds):
        order = list(runs)
        order = order[r % len(order):] + order[:r % len(order)]
        for v in order:
            argv = ["node", "--no-liftoff", bench, "time", "--reps", "3"]
            argv += ["--variant", "sync"] if v == "sync" else ["--variant", "binaryen", "--wasm", rec["rewrite"][v]["file"]]
            p = subprocess.run(argv, capture_output=True, text=True, cwd=q)
            if p.returncode != 0:
                res["notes"].append(f"quickjs: {v}: bench.mjs failed: {p.stderr.strip()[:300]}")
                continue
            for w, t in json.loads(p.stdout).get("times", {}).items():
                per.setdefault(w, {}).setdefault(v, []).extend(t if isinstance(t, list) else [t])
        log(f"  quickjs round {r + 1}/{args.rounds} done")
    rec["time_ms"] = {w: {v: statistics.median(ts) for v, ts in vs.items() if ts} for w, vs in per.items()}
    res["quickjs"] = rec


def corpus(args, res):
    spec = json.load(open(os.path.join(HERE, "corpus.json")))
    part = {}
    for entry in spec["modules"]:
        path = os.path.join(HERE, "corpus", entry["name"] + ".wasm")
        imports_file = os.path.join(HERE, "work", "run", entry["name"], "imports.txt")
        if not os.path.exists(path) or entry["size"] > args.corpus_max_mib * 1024 * 1024:
            continue
        if not os.path.exists(imports_file):
            res["notes"].append(f"corpus: {entry['name']}: {rel(imports_file)} missing (run benchmarks/run.py first)")
            continue
        imports = open(imports_file).read().strip()
        rec = {"base_bytes": os.path.getsize(path),
               "rewrite": rewrite_all(args, entry["name"], path, imports, "-O0", 900,
                                          entry.get("binaryen_args", ["--all-features"]), imports_file)}
        part[entry["name"]] = rec
    res["corpus"] = part


# ---------------------------------------------------------------------------
# NEWEST.md


def growth(rec, tool):
    b = rec["rewrite"][tool].get("bytes")
    return b - rec["base_bytes"] if b is not None else None


def ratio(a, b, fmt="{:.2f}"):
    return fmt.format(a / b) if a is not None and b else "–"


def cell_bytes(rec, tool):
    g = growth(rec, tool)
    return f"+{g / 1024:.0f} KiB" if g is not None else rec["rewrite"][tool]["status"]


def markdown(res):
    L = ["# wasm-asyncify against the newest Binaryen", "",
         "Produced by:", "", "```sh", "benchmarks/newest.py", "```", "",
         "Do not edit by hand: `benchmarks/newest.py` regenerates this file (see its header).", "",
         f"- Date: {res['date']} (run took {res['elapsed_s'] / 60:.1f} min)",
         f"- wasm-asyncify: `{res['versions']['ours']}`; Binaryen 108: `{res['versions']['binaryen108']}` (Debian, native); "
         f"Binaryen from npm: `{res['versions']['binaryen_npm']}` (`binaryen` package: wasm-opt compiled to wasm, under "
         f"Node {res['versions']['node']})",
         "- Every tool gets the same module, import list and -O level. Binaryen 108 gets `--all-features` where the "
         "other benchmarks give it that (QuickJS, the corpus); Binaryen from npm gets the post-MVP features these "
         "modules use instead (" + " ".join(f"`{f}`" for f in NPM_FEATURES) + "): with `--all-features` it writes "
         "encodings Node 20 cannot load.",
         "- Binaryen from npm pays for running under Node: its time and memory are what a user of the npm package "
         "pays, not what a native build of it would cost.",
         "- Ratios are ours / the other tool: below 1 is better for us.", ""]
    if res.get("kernels"):
        L += ["## C kernels (-O2)", "",
              "Growth of the file over `base`; rare-yield time: median of the runs (host.mjs, as in runtime/, "
              "variants interleaved), slowdown over `base`.", "",
              "| program | growth 108 | growth npm | growth ours | ours/108 | ours/npm | slowdown 108 | slowdown npm "
              "| slowdown ours | rewrite s 108 / npm / ours |",
              "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
        for prog, rec in res["kernels"].items():
            t = rec.get("time_ms", {})
            sl = {v: t[v] / t["base"] if v in t and t.get("base") else None for v in TOOLS}
            secs = " / ".join(f"{rec['rewrite'][v]['seconds']:.2f}" for v in TOOLS)
            L.append(f"| {prog} | {cell_bytes(rec, 'binaryen108')} | {cell_bytes(rec, 'binaryen_npm')} | "
                     f"{cell_bytes(rec, 'ours')} | {ratio(growth(rec, 'ours'), growth(rec, 'binaryen108'))} | "
                     f"{ratio(growth(rec, 'ours'), growth(rec, 'binaryen_npm'))} | "
                     + " | ".join(f"{sl[v]:.3f}" if sl[v] else "–" for v in TOOLS) + f" | {secs} |")
        L.append("")
    if res.get("quickjs"):
        rec = res["quickjs"]
        L += ["## QuickJS (-O2, the sync build rewritten)", "",
              "| tool | output | growth | growth / ours | rewrite time |", "|---|--:|--:|--:|--:|"]
        for v in TOOLS:
            r = rec["rewrite"][v]
            L.append(f"| {v} | {r.get('bytes', r['status'])} B | {cell_bytes(rec, v)} | "
                     f"{ratio(growth(rec, v), growth(rec, 'ours'))} | {r['seconds']:.2f} s |")
        L += ["", "Normal path (no unwinds), median ms per run; in brackets the time over the sync build. "
              "–: the workload fails in that variant (Binaryen's instrumented frames leave its recursion too little "
              "native stack; quickjs/RESULTS.md has the depths).", "",
              "| workload | sync | " + " | ".join(TOOLS) + " |", "|---|--:|" + "--:|" * len(TOOLS)]
        for w, t in rec.get("time_ms", {}).items():
            s = t.get("sync")
            L.append(f"| {w} | {s:.1f} | " + " | ".join(
                f"{t[v]:.1f} ({t[v] / s:.2f}x)" if v in t and s else "–" for v in TOOLS) + " |")
        L.append("")
    if res.get("corpus"):
        L += ["## Corpus modules (-O0)", "",
              "Time is wall-clock time, memory the peak RSS of the process (for npm, Node's included).", "",
              "| module | size | time 108 | time npm | time ours | ours/npm time | memory npm | memory ours "
              "| growth 108 | growth npm | growth ours | ours/npm growth |",
              "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
        for name, rec in res["corpus"].items():
            rw = rec["rewrite"]
            t = {v: rw[v]["seconds"] if rw[v]["status"] == "ok" else None for v in TOOLS}
            mem = {v: rw[v]["peak_rss_kib"] for v in TOOLS}
            L.append(f"| {name} | {rec['base_bytes'] / 1048576:.1f} MiB | "
                     + " | ".join(f"{t[v]:.2f} s" if t[v] else rw[v]["status"] for v in TOOLS)
                     + f" | {ratio(t['ours'], t['binaryen_npm'])} | "
                     + " | ".join(f"{mem[v] / 1024:.0f} MiB" if mem[v] else "–" for v in ("binaryen_npm", "ours"))
                     + " | " + " | ".join(cell_bytes(rec, v) for v in TOOLS)
                     + f" | {ratio(growth(rec, 'ours'), growth(rec, 'binaryen_npm'))} |")
        L.append("")
    if res["notes"]:
        L += ["## Notes", ""] + [f"- {n}" for n in res["notes"]] + [""]
    L += ["## Commands", "", "Each rewrite (imports shown as the file they were read from):", "", "```sh"]
    for part in ("kernels", "corpus"):
        for rec in (res.get(part) or {}).values():
            L += [r["command"] for r in rec["rewrite"].values()]
    if res.get("quickjs"):
        L += [r["command"] for r in res["quickjs"]["rewrite"].values()]
    L += ["```", ""]
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tool", default=os.path.join(ROOT, "build", "wasm-asyncify"))
    ap.add_argument("--runs", type=int, default=5, help="timed runs per kernel variant")
    ap.add_argument("--rounds", type=int, default=3, help="QuickJS rounds (3 timed runs each)")
    ap.add_argument("--corpus-max-mib", type=float, default=3.0)
    ap.add_argument("--skip-install", action="store_true")
    ap.add_argument("--only", choices=["kernels", "quickjs", "corpus"], action="append")
    args = ap.parse_args()
    args.tool = os.path.abspath(args.tool)
    for prog in ("node", "npm", "wasm-opt"):
        if not shutil.which(prog):
            sys.exit(f"newest.py: {prog} not found on PATH")
    install(args.skip_install)
    os.makedirs(WORK, exist_ok=True)
    start = time.monotonic()
    res = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "notes": [],
           "versions": {"ours": first_line([args.tool, "--version"]), "binaryen108": first_line(["wasm-opt", "--version"]),
                        "binaryen_npm": first_line(["node", NPM_WASM_OPT, "--version"]),
                        "node": first_line(["node", "--version"])}}
    for part, fn in (("kernels", kernels), ("quickjs", quickjs), ("corpus", corpus)):
        if args.only and part not in args.only:
            continue
        log(f"{part} ...")
        fn(args, res)
    res["elapsed_s"] = time.monotonic() - start
    json.dump(res, open(os.path.join(HERE, "newest.json"), "w"), indent=1)
    with open(os.path.join(HERE, "NEWEST.md"), "w") as f:
        f.write(markdown(res))
    log(f"done in {res['elapsed_s'] / 60:.1f} min: benchmarks/newest.json, benchmarks/NEWEST.md")


if __name__ == "__main__":
    main()
