#!/usr/bin/env python3
"""Prints selected fields of a wasm-asyncify --report document, one per line.

Reads the JSON report on standard input and prints `PATH = VALUE` lines for
FileCheck, so that a lit test checks the fields it is about and nothing else
(the layout, the key order and the timings can change without breaking it).
In lit tests it is `%report-fields`:

    RUN: %wasm-asyncify %s --report | %report-fields summary functions.main.reason

A PATH is a list of keys separated by dots:
  * object keys select a member: `summary.instrumented`;
  * in the `functions` array an element is selected by its `name` field:
    `functions.main`; elsewhere array elements are selected by position:
    `functions.main.chain.0`;
  * `a,b` selects the members (or elements) named a and b, in the report's
    order: `functions.*.instrumented,reason`;
  * `*` selects every member or element: `functions.*.reason`, and, as in
    shell patterns, `functions.via_*` those whose name starts with `via_` (elements
    without the rest of the path are skipped; a PATH that selects nothing at
    all is an error).
A selected object or array is printed leaf by leaf, each leaf as its full path
and its value in JSON. With no PATH the whole report is printed. The values of
`seconds` and `peakRssKiB`, which change from run to run, are printed as
`<number>` after checking that they are non-negative numbers.
"""

import fnmatch
import json
import sys

VOLATILE = {"seconds", "peakRssKiB"}


def child_items(node, parent_key):
    """(label, child) pairs of an object or array."""
    if isinstance(node, dict):
        return list(node.items())
    if isinstance(node, list):
        if parent_key == "functions" and all(isinstance(f, dict) and "name" in f for f in node):
            return [(f["name"], f) for f in node]
        return [(str(i), v) for i, v in enumerate(node)]
    return []


def render(key, value):
    if key in VOLATILE:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise SystemExit(f"report_fields.py: `{key}` is not a non-negative number: {value!r}")
        return "<number>"
    return json.dumps(value)


def emit(path, key, node, out):
    children = child_items(node, key)
    if isinstance(node, (dict, list)) and children:
        for label, child in children:
            emit(f"{path}.{label}" if path else label, label if isinstance(node, dict) else key,
                 child, out)
    else:
        out.append(f"{path} = {render(key, node) if not isinstance(node, (dict, list)) else json.dumps(node)}")


def select(node, key, parts, path, out):
    if not parts:
        emit(path, key, node, out)
        return
    head, rest = parts[0], parts[1:]
    items = child_items(node, key)
    wanted = head.split(",")
    matched = [(label, child) for label, child in items
               if any(fnmatch.fnmatchcase(label, w) for w in wanted)]
    for label, child in matched:
        child_key = label if isinstance(node, dict) else key
        select(child, child_key, rest, f"{path}.{label}" if path else label, out)


def main(argv):
    try:
        report = json.load(sys.stdin)
    except json.JSONDecodeError as e:
        raise SystemExit(f"report_fields.py: the report is not JSON: {e}")
    out = []
    for spec in argv[1:] or [""]:
        before = len(out)
        select(report, "", [p for p in spec.split(".") if p], "", out)
        if len(out) == before:
            raise SystemExit(f"report_fields.py: nothing in the report matches `{spec}`")
    sys.stdout.write("".join(line + "\n" for line in out))


if __name__ == "__main__":
    main(sys.argv)
