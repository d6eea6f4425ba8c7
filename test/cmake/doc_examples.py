#!/usr/bin/env python3
"""Keeps the examples in docs/c-header.md and docs/cmake.md the ones the tests run.

Usage: doc_examples.py PAGE --root SOURCE_DIR --work DIR [--tool-dir DIR] [--env K=V ...] [--mutate]
       doc_examples.py PAGE --root SOURCE_DIR --update

A page marks fenced code blocks with an HTML comment on the line before:

  <!-- example-file: examples/coroutines/coroutines.c -->
      the block must be that file of the repository, byte for byte;
  <!-- example-output: examples/coroutines/coroutines.expected -->
      the block must be that file (a program's expected output);
  <!-- example-run: examples/coroutines/coroutines.expected -->
      the block is a shell script (a line ending in `\\` continues): it runs
      in a fresh directory under DIR in which `runtime`, `examples` and
      `cmake` are links to the repository's, with TOOL_DIR first on PATH and
      the --env variables set; every command must succeed, and what the last
      one prints on standard output must be that file.

The page must have at least one block of each kind, so the check cannot
silently vanish. --update rewrites the example-file and example-output
blocks of PAGE from the files (after changing an example, then review the
diff). (These markers are not docs-examples' `docs-test:` ones:
the blocks need the repository and a build, which that test does not give.)
c_header_test.py runs it on docs/c-header.md, package_test.py on
docs/cmake.md; it can also run alone.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

MARKER = re.compile(r"^<!-- example-(file|output|run): (\S+) -->\s*$")
FENCE = re.compile(r"^(```+|~~~+)")


def blocks(page):
    """(kind, path, text, line) for each marked block."""
    with open(page, encoding="utf-8") as f:
        lines = f.read().split("\n")
    found, i = [], 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        if not m:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        fence = FENCE.match(lines[j]) if j < len(lines) else None
        if not fence:
            raise SystemExit(f"{page}:{i + 1}: marker without a code block after it")
        k = j + 1
        while k < len(lines) and not lines[k].startswith(fence.group(1)):
            k += 1
        if k == len(lines):
            raise SystemExit(f"{page}:{j + 1}: code block never ends")
        found.append((m.group(1), m.group(2), "\n".join(lines[j + 1:k]) + "\n", i + 1))
        i = k + 1
    return found


def update(page, root):
    with open(page, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out, i = [], 0
    while i < len(lines):
        out.append(lines[i])
        m = MARKER.match(lines[i])
        i += 1
        if not m or m.group(1) == "run":
            continue
        while not FENCE.match(lines[i]):
            out.append(lines[i])
            i += 1
        fence = FENCE.match(lines[i]).group(1)
        out.append(lines[i])
        i += 1
        while not lines[i].startswith(fence):
            i += 1
        with open(os.path.join(root, m.group(2)), encoding="utf-8") as f:
            out.extend(f.read().rstrip("\n").split("\n"))
    with open(page, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def commands(script):
    out, current = [], ""
    for line in script.splitlines():
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        if current.strip():
            out.append(current.strip())
        current = ""
    return out


def first_difference(got, want):
    i = next((i for i, (x, y) in enumerate(zip(got, want)) if x != y), min(len(got), len(want)))
    return f"at byte {i}: expected ...{want[max(0, i - 40):i + 40]!r}..., got ...{got[max(0, i - 40):i + 40]!r}..."


def check(page, root, work, tool_dir=None, env_vars=(), mutate=False):
    """Returns a list of problems (empty: the page is right)."""
    problems = []
    env = dict(os.environ)
    if tool_dir:
        env["PATH"] = tool_dir + os.pathsep + env.get("PATH", "")
    for kv in env_vars:
        k, _, v = kv.partition("=")
        env[k] = v
    env.pop("NODE_OPTIONS", None)
    found = blocks(page)
    kinds = {k for k, _, _, _ in found}
    for kind in ("file", "output", "run"):
        if kind not in kinds:
            problems.append(f"{page}: no example-{kind} block")
    for n, (kind, rel, text, line) in enumerate(found):
        where = f"{os.path.basename(page)}:{line} (example-{kind}: {rel})"
        path = os.path.join(root, rel)
        try:
            with open(path, "rb") as f:
                want = f.read()
        except OSError as e:
            problems.append(f"{where}: {e}")
            continue
        if mutate:
            want = bytes([want[0] ^ 1]) + want[1:]
        if kind in ("file", "output"):
            if text.encode() != want:
                problems.append(f"{where}: the block differs from the file {first_difference(text.encode(), want)}")
            continue
        cwd = os.path.join(work, f"run-{n}")
        shutil.rmtree(cwd, ignore_errors=True)
        os.makedirs(cwd)
        for d in ("runtime", "examples", "cmake"):
            os.symlink(os.path.join(root, d), os.path.join(cwd, d))
        cmds = commands(text)
        for cmd in cmds[:-1]:
            p = subprocess.run(["bash", "-c", cmd], cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=600)
            if p.returncode != 0:
                problems.append(f"{where}: `{cmd}` failed with {p.returncode}:\n{p.stdout.decode(errors='replace')}")
                break
        else:
            p = subprocess.run(["bash", "-c", cmds[-1]], cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=600)
            if p.returncode != 0 or p.stdout != want:
                problems.append(f"{where}: `{cmds[-1]}` exited {p.returncode}, output "
                                f"{first_difference(p.stdout, want)}\n{p.stderr.decode(errors='replace')}")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("page")
    ap.add_argument("--root", required=True)
    ap.add_argument("--work")
    ap.add_argument("--update", action="store_true", help="rewrite the page's file and output blocks from the files")
    ap.add_argument("--tool-dir")
    ap.add_argument("--env", action="append", default=[])
    ap.add_argument("--mutate", action="store_true")
    args = ap.parse_args()
    if args.update:
        update(args.page, os.path.abspath(args.root))
        return 0
    if not args.work:
        ap.error("--work is required")
    problems = check(args.page, os.path.abspath(args.root), os.path.abspath(args.work), args.tool_dir, args.env,
                     args.mutate)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
