#!/usr/bin/env python3
"""Regenerates the CHECK lines of lit tests from what the tool prints.

Usage:
    lit-tests/update_checks.py [--build-dir DIR] [--force] [--dry-run] [TEST ...]

With no TEST, every .wat and .test file under lit-tests/ (except Inputs/) is
updated. For each test the RUN lines are executed in order, in one bash
script, as lit would run them (`set -o pipefail`, the same substitutions, the
same PATH). Every RUN line of the form

    COMMAND | FileCheck %s [--check-prefix=X]

has COMMAND's standard output captured, and the block of check lines for its
prefix (X, or CHECK without --check-prefix) is rewritten from it: the first
output line becomes `X:`, the others `X-NEXT:`, blank lines `X-EMPTY:`. The
block replaces the existing `X:`/`X-NEXT:`/`X-EMPTY:` lines of that prefix
(where the first of them was), or, for a new prefix, goes right after its RUN
line. Every other line of the file is kept as it is, so hand-written checks
with their own prefix (or `X-NOT:`/`X-SAME:` lines) survive; give them a
prefix of their own, since a generated prefix is rewritten as a whole.

What the output says is turned into exact patterns: `{{` and `[[` are escaped
for FileCheck, and absolute paths that differ between machines (the test's
directory, the source tree, the temporary directory that stands for %t and
%T) become `{{.*}}`. Re-running the script on a file it generated changes
nothing while the tool prints the same thing.

Substitutions, as in lit.cfg.py: %wasm-asyncify (DIR/wasm-asyncify), %source,
%report-fields, %python, then lit's own %s %S %p %t %T and %%. DIR is
--build-dir, by default the build/ directory next to lit-tests/.

Files that contain an `XFAIL:` line (their checks say what the tool should
print, not what it prints) or the words `update_checks: manual` are skipped
unless named on the command line with --force.

The new checks are expectations: review the diff (`git diff lit-tests/`)
before committing, and fix the tool, not the checks, when it is wrong.
"""

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SUFFIXES = (".wat", ".test")
LLVM_BIN = "/usr/lib/llvm-14/bin"

RUN_RE = re.compile(r"^(?P<lead>.*?)RUN:(?P<cmd>.*)$")
FILECHECK_RE = re.compile(r"^(?P<left>.*)\|\s*FileCheck\s+(?P<args>[^|]*)$")
PREFIX_RE = re.compile(r"(?:^|\s)--?check-prefix(?:es)?(?:=|\s+)(?P<prefix>[A-Za-z0-9_-]+)(?=\s|$)")


class UpdateError(Exception):
    pass


def find_tests(paths):
    if paths:
        return [os.path.abspath(p) for p in paths]
    found = []
    for dirpath, dirnames, filenames in os.walk(HERE):
        dirnames[:] = sorted(d for d in dirnames if d not in ("Inputs", "Output", "__pycache__"))
        for name in sorted(filenames):
            if name.endswith(SUFFIXES):
                found.append(os.path.join(dirpath, name))
    return found


def run_lines(lines):
    """[(first line index, last line index, leader, command)] with `\\` continuations joined."""
    runs = []
    pending = None
    for i, line in enumerate(lines):
        m = RUN_RE.match(line)
        if not m:
            if pending:
                raise UpdateError(f"line {pending[0] + 1}: RUN line ends with `\\` but the next line is not a RUN line")
            continue
        cmd = m.group("cmd").strip()
        if pending:
            first, lead, text = pending
        else:
            first, lead, text = i, m.group("lead").rstrip(), ""
        if cmd.endswith("\\"):
            pending = (first, lead, text + cmd[:-1].rstrip() + " ")
            continue
        runs.append((first, i, lead, text + cmd))
        pending = None
    if pending:
        raise UpdateError("the last RUN line ends with `\\`")
    return runs


def substitutions(test, build_dir, tmp_root):
    test_dir = os.path.dirname(test)
    rel_dir = os.path.relpath(test_dir, HERE)
    if rel_dir.startswith(".."):  # a test outside lit-tests/
        rel_dir = "."
    exec_dir = os.path.normpath(os.path.join(tmp_root, rel_dir))
    out_dir = os.path.join(exec_dir, "Output")
    os.makedirs(out_dir, exist_ok=True)
    tmp_base = os.path.join(out_dir, os.path.basename(test))
    py = sys.executable
    subs = [
        ("%wasm-asyncify", os.path.join(build_dir, "wasm-asyncify")),
        ("%source", ROOT),
        ("%report-fields", f"{py} {os.path.join(HERE, 'report_fields.py')}"),
        ("%python", py),
        ("%s", test),
        ("%S", test_dir),
        ("%p", test_dir),
        ("%t", tmp_base + ".tmp"),
        ("%T", out_dir),
    ]
    return subs, exec_dir


def substitute(cmd, subs):
    cmd = cmd.replace("%%", "\0")
    for key, value in subs:
        cmd = cmd.replace(key, value)
    return cmd.replace("\0", "%")


def check_prefix(args):
    if "%s" not in args.split():
        return None
    m = PREFIX_RE.search(args)
    if m and "," in m.group("prefix"):
        raise UpdateError(f"several check prefixes in `{args}`: give each RUN line one prefix")
    return m.group("prefix") if m else "CHECK"


def escape_pattern(text):
    return re.sub(r"\{\{|\[\[", lambda m: "{{[{][{]}}" if m.group() == "{{" else r"{{\[\[}}", text)


def generalize(text, paths):
    for path in paths:
        text = text.replace(path, "{{.*}}")
    return text


def check_block(lead, prefix, output, paths):
    lines = output.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    block = []
    for n, line in enumerate(lines):
        line = generalize(escape_pattern(line.rstrip()), paths)
        if n == 0:
            block.append(f"{lead} {prefix}: {line}" if line.strip() else f"{lead} {prefix}: {{{{^$}}}}")
        elif line.strip():
            block.append(f"{lead} {prefix}-NEXT: {line}")
        else:
            block.append(f"{lead} {prefix}-EMPTY:")
    return block


def is_generated_check(line, prefix):
    return re.match(rf"^\s*(;+|#+|//)\s*{re.escape(prefix)}(-NEXT|-EMPTY)?:", line) is not None


def capture_outputs(test, lines, build_dir):
    """Runs the RUN lines; returns {run index: captured stdout} for FileCheck lines."""
    runs = run_lines(lines)
    tmp_root = tempfile.mkdtemp(prefix="wa-update-checks-")
    try:
        subs, exec_dir = substitutions(test, build_dir, tmp_root)
        script = ["set -o pipefail"]
        captures = {}
        for k, (first, _, _, cmd) in enumerate(runs):
            m = FILECHECK_RE.match(cmd)
            prefix = check_prefix(m.group("args")) if m else None
            if prefix:
                capture = os.path.join(tmp_root, f"capture.{k}")
                captures[k] = (prefix, capture)
                body = f"{{ {substitute(m.group('left'), subs)} ; }} > {capture}"
            else:
                body = f"{{ {substitute(cmd, subs)} ; }}"
            script.append(f"{body} || {{ echo \"update_checks: RUN line {first + 1} failed (exit $?)\" >&2; exit 1; }}")
        env = dict(os.environ)
        env["PATH"] = os.pathsep.join([build_dir, LLVM_BIN, env.get("PATH", "/usr/bin:/bin")])
        proc = subprocess.run(["bash", "-c", "\n".join(script)], cwd=exec_dir, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            raise UpdateError(f"the RUN lines fail, so lit would fail too:\n{proc.stderr.rstrip()}")
        outputs = {}
        for k, (prefix, capture) in captures.items():
            with open(capture, encoding="utf-8", errors="replace") as f:
                outputs[k] = (prefix, f.read())
        # Longest first, so that the temporary root wins over a prefix of it.
        paths = sorted({tmp_root, os.path.realpath(tmp_root), os.path.dirname(test), build_dir, ROOT},
                       key=len, reverse=True)
        return runs, outputs, paths
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)


def update(test, build_dir):
    with open(test, encoding="utf-8") as f:
        original = f.read()
    lines = original.split("\n")
    runs, outputs, paths = capture_outputs(test, lines, build_dir)

    blocks = {}  # prefix -> (block, run index of the first RUN line using it)
    for k, (prefix, output) in sorted(outputs.items()):
        lead = runs[k][2] or ";"
        block = check_block(lead, prefix, output, paths)
        if not block:
            raise UpdateError(f"RUN line {runs[k][0] + 1} prints nothing; FileCheck needs input "
                              "(check the exit code instead, or use --allow-empty by hand)")
        if prefix in blocks and blocks[prefix][0] != block:
            raise UpdateError(f"RUN lines {runs[blocks[prefix][1]][0] + 1} and {runs[k][0] + 1} "
                              f"print different things for the same prefix {prefix}")
        blocks.setdefault(prefix, (block, k))

    # Drop the old generated lines, remembering where each block was.
    kept, anchors = [], {}
    run_end = {runs[k][1]: prefix for prefix, (_, k) in blocks.items()}
    pending_after_run = {}
    for i, line in enumerate(lines):
        prefix = next((p for p in blocks if is_generated_check(line, p)), None)
        if prefix is not None:
            anchors.setdefault(prefix, len(kept))
            continue
        kept.append(line)
        if i in run_end:
            pending_after_run[run_end[i]] = len(kept)
    inserts = []
    for prefix, (block, k) in blocks.items():
        at = anchors.get(prefix, pending_after_run.get(prefix))
        inserts.append((at, k, block))
    # Insert from the bottom up so that earlier positions stay valid; blocks
    # sharing a position keep the order of their RUN lines.
    inserts.sort(key=lambda item: (item[0], item[1]), reverse=True)
    result = list(kept)
    for at, _, block in inserts:
        result[at:at] = block
    return original, "\n".join(result)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tests", nargs="*", help="test files (default: all under lit-tests/)")
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build"),
                        help="the build tree that holds wasm-asyncify (default: %(default)s)")
    parser.add_argument("--force", action="store_true",
                        help="also update named tests that are XFAIL or marked `update_checks: manual`")
    parser.add_argument("--dry-run", action="store_true", help="print the diff, write nothing")
    args = parser.parse_args()
    build_dir = os.path.abspath(args.build_dir)
    if not os.access(os.path.join(build_dir, "wasm-asyncify"), os.X_OK):
        sys.exit(f"update_checks: no wasm-asyncify in {build_dir} (build it, or pass --build-dir)")

    failures = 0
    for test in find_tests(args.tests):
        rel = os.path.relpath(test, ROOT)
        with open(test, encoding="utf-8") as f:
            text = f.read()
        if "FileCheck" not in text:
            continue
        if (re.search(r"XFAIL:", text) or "update_checks: manual" in text) and not (
                args.force and args.tests):
            print(f"skipped {rel} (XFAIL or hand-written checks)")
            continue
        try:
            original, updated = update(test, build_dir)
        except UpdateError as e:
            print(f"{rel}: error: {e}", file=sys.stderr)
            failures += 1
            continue
        if updated == original:
            continue
        if args.dry_run:
            sys.stdout.writelines(difflib.unified_diff(
                original.splitlines(True), updated.splitlines(True), f"a/{rel}", f"b/{rel}"))
        else:
            with open(test, "w", encoding="utf-8") as f:
                f.write(updated)
            print(f"updated {rel}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
