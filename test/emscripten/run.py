#!/usr/bin/env python3
"""Emscripten post-link test: `emcc -sASYNCIFY` with wasm-opt-asyncify as its
wasm-opt (docs/emscripten.md).

Makes a Binaryen root with scripts/make-binaryen-root.sh, points Emscripten at
it (its bin/ first on PATH, which Debian's emcc 3.1.6 uses, and BINARYEN_ROOT
in a private EM_CONFIG, which upstream emcc uses), builds sleep.c at -O0 and
-O2 and runs it in Node with Emscripten's own JavaScript glue. For each build
it checks:
  - the program's output is sleep.expected, line for line: a JavaScript timer
    fired while main was suspended, values survived the unwind, and the sleeps
    took their time;
  - wasm-asyncify ran: its report (WASM_OPT_ASYNCIFY_REPORT) exists and names
    the instrumented functions and both async imports;
  - Binaryen's asyncify did not: the real wasm-opt is a logging wrapper here,
    and no command it was given contains --asyncify (while it did run the
    other passes);
  - the warnings about Emscripten's default ASYNCIFY_IMPORTS were dropped.

Everything it writes is under WORK (default BUILD_DIR/emscripten): the root,
EM_CONFIG, the system-library cache EM_CACHE (built on the first run, reused
after), the builds and logs. Exit 77 (skipped) when emcc is not installed,
unless CI=true or WA_REQUIRE_EMSCRIPTEN=1.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))

# Both builds use the same system-library variants (-sASSERTIONS=1 selects
# the -debug ones at every -O level), so the cache is built once. Without
# libc++ and the GL/AL/HTML5 stubs, which a C program does not need, that
# first build is shorter.
COMMON_FLAGS = ["-sASYNCIFY", "-sASYNCIFY_IMPORTS=slow_double", "-sASSERTIONS=1",
                "-nostdlib++", "-sAUTO_NATIVE_LIBRARIES=0"]
# -O0 keeps the names to the end (--profiling-funcs: -g for wasm-opt); -O2
# has passes before and after --asyncify, and an ASYNCIFY_ADD list. For each,
# functions that the report must show as instrumented.
BUILDS = {
    "O0": (["-O0", "--profiling-funcs"], {"deep", "main|__original_main|__main_argc_argv"}),
    "O2": (["-O2", "-sASYNCIFY_ADD=checksum"], {"checksum"}),
}


def fail(message):
    print(f"emscripten-postlink: FAIL: {message}", flush=True)
    sys.exit(1)


def run(cmd, env=None, **kwargs):
    print("+ " + " ".join(cmd), flush=True)
    return subprocess.run(cmd, env=env, text=True, **kwargs)


def default_config():
    """LLVM_ROOT, NODE_JS and the version suffixes from the installed config."""
    values = {"LLVM_ROOT": "/usr/bin", "NODE_JS": shutil.which("node") or "/usr/bin/node"}
    path = "/usr/share/emscripten/.emscripten"
    if os.path.exists(path):
        scope = {}
        exec(open(path).read(), scope)  # Emscripten's own format: Python
        for key in ("LLVM_ROOT", "NODE_JS", "LLVM_ADD_VERSION", "CLANG_ADD_VERSION"):
            if key in scope:
                values[key] = scope[key]
    return values


def write_if_changed(path, text):
    # Emscripten clears its cache when the config file changes: keep it as is.
    if os.path.exists(path) and open(path).read() == text:
        return
    with open(path, "w") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shim", required=True, help="wasm-opt-asyncify")
    parser.add_argument("--work", required=True)
    parser.add_argument("--real-wasm-opt", default=shutil.which("wasm-opt"))
    args = parser.parse_args()

    required = os.environ.get("CI") == "true" or os.environ.get("WA_REQUIRE_EMSCRIPTEN") == "1"
    if not shutil.which("emcc"):
        if required:
            fail("emcc is not installed (Debian package `emscripten`)")
        print("emscripten-postlink: SKIP: emcc is not installed")
        sys.exit(77)
    if not args.real_wasm_opt:
        fail("Binaryen's wasm-opt is not installed")

    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    root = os.path.join(work, "binaryen-root")
    cache = os.path.join(work, "cache")
    config_path = os.path.join(work, "emscripten-config")

    # The root, made by the script that users run.
    r = run([os.path.join(SOURCE, "scripts", "make-binaryen-root.sh"), root, args.shim,
             args.real_wasm_opt])
    if r.returncode != 0:
        fail("make-binaryen-root.sh failed")
    if not os.access(os.path.join(root, "bin", "wasm-opt"), os.X_OK):
        fail("the root has no bin/wasm-opt")

    config = default_config()
    config["BINARYEN_ROOT"] = root
    config["FROZEN_CACHE"] = False
    config["CACHE"] = cache
    write_if_changed(config_path, "".join(f"{k} = {v!r}\n" for k, v in sorted(config.items())))

    # The real wasm-opt, logged: each command line on one line.
    real_log = os.path.join(work, "real-wasm-opt.log")
    logger = os.path.join(work, "real-wasm-opt")
    with open(logger, "w") as f:
        f.write("#!/bin/sh\n"
                f"printf '%s\\n' \"$*\" >> '{real_log}'\n"
                f"exec '{args.real_wasm_opt}' \"$@\"\n")
    os.chmod(logger, 0o755)

    node = config["NODE_JS"]
    node_flags = []
    # Emscripten 3.1.6's glue prefers fetch() when it exists, which Node 18+
    # has and which cannot load a file path.
    if subprocess.run([node, "--no-experimental-fetch", "-e", "0"],
                      capture_output=True).returncode == 0:
        node_flags.append("--no-experimental-fetch")

    expected = open(os.path.join(HERE, "sleep.expected")).read()
    timings = {}
    for name, (flags, must_instrument) in BUILDS.items():
        out_dir = os.path.join(work, name)
        shutil.rmtree(out_dir, ignore_errors=True)
        os.makedirs(out_dir)
        report = os.path.join(out_dir, "report.json")
        shim_log = os.path.join(out_dir, "shim.log")
        if os.path.exists(real_log):
            os.remove(real_log)
        env = dict(os.environ)
        env.update({
            "PATH": os.path.join(root, "bin") + os.pathsep + env.get("PATH", "/usr/bin:/bin"),
            "EM_CONFIG": config_path,
            "EM_CACHE": cache,
            "WASM_ASYNCIFY_REAL_WASM_OPT": logger,
            "WASM_OPT_ASYNCIFY_REPORT": report,
            "WASM_OPT_ASYNCIFY_LOG": shim_log,
            # Debian's emcc requires `acorn` from Debian's node-acorn, which a
            # Node.js that is not Debian's does not look for.
            "NODE_PATH": os.pathsep.join(p for p in [env.get("NODE_PATH"), "/usr/share/nodejs"] if p),
        })
        env.pop("EMCC_CFLAGS", None)
        js = os.path.join(out_dir, "sleep.js")
        start = time.monotonic()
        r = run(["emcc", os.path.join(HERE, "sleep.c"), *flags, *COMMON_FLAGS, "-o", js], env=env,
                capture_output=True)
        timings[f"emcc {name}"] = time.monotonic() - start
        sys.stdout.write(r.stdout)
        # The cache build is chatty; show the rest.
        emcc_err = "".join(line for line in r.stderr.splitlines(True)
                           if not line.startswith("cache:INFO"))
        sys.stderr.write(emcc_err)
        if r.returncode != 0:
            fail(f"emcc {name} failed (exit code {r.returncode})")

        # wasm-asyncify ran, and Binaryen's asyncify did not.
        if not os.path.exists(report):
            fail(f"{name}: wasm-asyncify wrote no report: our pipeline did not run")
        data = json.load(open(report))
        summary = data["summary"]
        instrumented = sorted(f["name"] for f in data["functions"] if f.get("instrumented"))
        print(f"{name}: wasm-asyncify instrumented {summary['instrumented']} of "
              f"{summary['functions']} functions: {', '.join(instrumented)}")
        if summary["asyncImports"] != 2 or summary["instrumented"] < 1:
            fail(f"{name}: the report does not show emscripten_sleep and slow_double as async "
                 f"imports with their callers instrumented: {summary}")
        for alternatives in must_instrument:
            if not set(alternatives.split("|")) & set(instrumented):
                fail(f"{name}: {alternatives} is not among the instrumented functions")
        real_calls = open(real_log).read().splitlines() if os.path.exists(real_log) else []
        if not real_calls:
            fail(f"{name}: the real wasm-opt never ran (the passes around asyncify are lost)")
        for call in real_calls:
            if "--asyncify" in call.split():
                fail(f"{name}: Binaryen's asyncify ran: wasm-opt {call}")
        if "asyncify: " not in open(shim_log).read():
            fail(f"{name}: the shim's log has no asyncify step")
        if "matches no import" in r.stderr and "env.emscripten_wget`" in r.stderr:
            fail(f"{name}: warnings about Emscripten's default imports were not dropped")

        # -g reached the last step: the names are in the output.
        wasm = open(os.path.join(out_dir, "sleep.wasm"), "rb").read()
        if name == "O0" and b"deep" not in wasm:
            fail(f"{name}: --profiling-funcs, but the output has no names")

        # The program, with Emscripten's glue, in Node.
        start = time.monotonic()
        p = run([node, *node_flags, js], capture_output=True, timeout=60, cwd=out_dir)
        timings[f"node {name}"] = time.monotonic() - start
        if p.returncode != 0 or p.stdout != expected:
            sys.stderr.write(p.stderr)
            fail(f"{name}: the program's output differs from sleep.expected "
                 f"(exit code {p.returncode}):\n--- expected\n{expected}--- got\n{p.stdout}")
        print(f"{name}: output as expected")

    for what, seconds in timings.items():
        print(f"time: {what}: {seconds:.1f} s")
    print("emscripten-postlink: OK")


if __name__ == "__main__":
    main()
