#!/usr/bin/env python3
"""The QuickJS peer pair: one engine, built without and with Asyncify.

The npm packages @jitl/quickjs-wasmfile-release-sync and
@jitl/quickjs-wasmfile-release-asyncify (pinned in package-lock.json) are
QuickJS compiled by Emscripten without and with its Asyncify (Binaryen's
pass, run at link time). This script rewrites the sync build's module with
wasm-asyncify and with Binaryen 108's `wasm-opt --asyncify`, on the same
import list and -O level, and runs the same JavaScript workloads (bench.mjs)
in four variants:

  sync      the sync build as published (the baseline)
  ours      the sync build's JS glue, our rewritten module as `wasmBinary`
  binaryen  the same with Binaryen 108's rewrite
  asyncify  the asyncify build as published, with its own glue

The sync glue never suspends, so the figures are the normal path: what
instrumentation costs code that does not unwind. The async imports are the
ones the asyncify build's glue treats as async (qts_host_call_function,
qts_host_load_module_source, qts_host_normalize_module); in the sync build's
minified glue they are found by what they call (callbacks.callFunction,
.loadModuleSource, .normalizeModule).

Measured: file size and growth over sync; rewrite time and peak memory of
both tools; per workload, the median over ROUNDS x REPS timed runs (variants
interleaved, rotating order) and the ratio to sync; the deepest plain JS
recursion each variant evaluates (a native stack frame grows when its
function is instrumented). Writes results.json and RESULTS.md here.

    benchmarks/quickjs/run.py [--rounds 5] [--reps 3] [--tool build/wasm-asyncify] [--level 2]
"""
import argparse
import datetime
import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
WORK = os.path.join(HERE, 'work')
PKG = os.path.join(HERE, 'node_modules', '@jitl')
SYNC_DIR = os.path.join(PKG, 'quickjs-wasmfile-release-sync', 'dist')
ASYNC_DIR = os.path.join(PKG, 'quickjs-wasmfile-release-asyncify', 'dist')
NODE = ['node', '--no-liftoff']
VARIANTS = ['sync', 'ours', 'binaryen', 'asyncify']
CALLBACKS = ['callFunction', 'loadModuleSource', 'normalizeModule']


def log(msg):
    print(msg, flush=True)


def rel(p):
    return os.path.relpath(p, ROOT)


def measured(cmd):
    """Runs cmd; returns (seconds, peak RSS in MiB); exits on failure."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - t0
    err = p.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f'run.py: failed: {shlex.join(cmd)}\n{err}')
    return seconds, usage.ru_maxrss / 1024


def async_imports():
    """The sync build's import names (module `a`) of the three host callbacks
    the asyncify build's glue treats as async."""
    glue = open(os.path.join(SYNC_DIR, 'emscripten-module.mjs')).read()
    names = []
    for cb in CALLBACKS:
        m = re.search(r'([A-Za-z_$][\w$]*):function\([^)]*\)\{[^{}]*?callbacks\.' + cb + r'\(', glue)
        if not m:
            sys.exit(f'run.py: no import calling callbacks.{cb} in the sync glue')
        names.append('a.' + m.group(1))
    return names


def node_json(args):
    p = subprocess.run(NODE + [os.path.join(HERE, 'bench.mjs')] + args,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f'run.py: bench.mjs {" ".join(args)} failed:\n{p.stderr}')
    return json.loads(p.stdout)


def variant_args(v, files):
    return ['--variant', v] + (['--wasm', files[v]] if v in ('ours', 'binaryen') else [])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--tool', default=os.path.join(ROOT, 'build', 'wasm-asyncify'))
    ap.add_argument('--wasm-opt', default='wasm-opt')
    ap.add_argument('--level', default='2', help='-O level for both tools (default 2)')
    ap.add_argument('--rounds', type=int, default=5)
    ap.add_argument('--reps', type=int, default=3)
    args = ap.parse_args()

    if not os.path.isdir(SYNC_DIR):
        log('npm ci (QuickJS packages, pinned in package-lock.json)')
        subprocess.run(['npm', 'ci', '--no-audit', '--no-fund'], cwd=HERE, check=True)
    os.makedirs(WORK, exist_ok=True)
    sync = os.path.join(SYNC_DIR, 'emscripten-module.wasm')
    imports = async_imports()
    files = {'sync': sync, 'asyncify': os.path.join(ASYNC_DIR, 'emscripten-module.wasm'),
             'ours': os.path.join(WORK, 'ours.wasm'), 'binaryen': os.path.join(WORK, 'binaryen.wasm')}
    commands = {
        'ours': [args.tool, sync, '--imports', ','.join(imports), f'-O{args.level}', '-o', files['ours']],
        'binaryen': [args.wasm_opt, '--all-features', sync, '--asyncify',
                     '--pass-arg=asyncify-imports@' + ','.join(imports), f'-O{args.level}',
                     '-o', files['binaryen']],
    }
    rewrite = {}
    for tool, cmd in commands.items():
        log(f'rewrite ({tool}): {shlex.join(rel(c) if os.path.isabs(c) else c for c in cmd)}')
        seconds, mib = measured(cmd)
        rewrite[tool] = {'seconds': round(seconds, 2), 'peak_mib': round(mib)}
    sizes = {v: os.path.getsize(f) for v, f in files.items()}

    samples = {v: {} for v in VARIANTS}
    errors = {v: {} for v in VARIANTS}
    for r in range(args.rounds):
        order = VARIANTS[r % len(VARIANTS):] + VARIANTS[:r % len(VARIANTS)]
        for v in order:
            out = node_json(['time'] + variant_args(v, files) + ['--reps', str(args.reps)])
            for w, ts in out['times'].items():
                samples[v].setdefault(w, []).extend(ts)
            errors[v].update(out['errors'])
        log(f'round {r + 1}/{args.rounds} done')
    depth = {v: node_json(['depth'] + variant_args(v, files)) for v in VARIANTS}

    workloads = list(samples['sync'])
    medians = {v: {w: statistics.median(samples[v][w]) for w in workloads if w in samples[v]}
               for v in VARIANTS}
    res = {
        'command': 'benchmarks/quickjs/run.py' + ''.join(' ' + shlex.quote(a) for a in sys.argv[1:]),
        'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC'),
        'machine': f'{os.cpu_count()} cores, {platform.platform()}',
        'node': subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip(),
        'tool_revision': subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=ROOT,
                                        capture_output=True, text=True).stdout.strip(),
        'packages': json.load(open(os.path.join(HERE, 'package.json')))['dependencies'],
        'imports': imports, 'level': args.level, 'rounds': args.rounds, 'reps': args.reps,
        'commands': {k: [rel(c) if os.path.isabs(c) else c for c in cmd] for k, cmd in commands.items()},
        'sizes': sizes, 'rewrite': rewrite, 'median_ms': medians, 'samples_ms': samples, 'errors': errors,
        'depth': depth,
    }
    with open(os.path.join(HERE, 'results.json'), 'w') as f:
        json.dump(res, f, indent=1)
    write_markdown(res)
    log('wrote benchmarks/quickjs/results.json and RESULTS.md')


def write_markdown(res):
    s, m = res['sizes'], res['median_ms']
    workloads = list(m['sync'])
    L = ['# QuickJS peer pair: results', '',
         'Generated by `benchmarks/quickjs/run.py` (see its header); do not edit by hand.', '',
         f"- Date: {res['date']}; machine: {res['machine']}; Node {res['node']} with `--no-liftoff`",
         f"- wasm-asyncify at git {res['tool_revision']}; Binaryen `wasm-opt` 108; packages: "
         + ', '.join(f'`{k}@{v}`' for k, v in res['packages'].items()),
         f"- Async imports (both tools): `{','.join(res['imports'])}`; level -O{res['level']}; "
         f"{res['rounds']} rounds x {res['reps']} timed runs per workload and variant, variants interleaved", '',
         'Commands:', '', '```sh', 'benchmarks/quickjs/run.py']
    L += [shlex.join(c) for c in res['commands'].values()]
    L += ['```', '', '## Size and rewrite cost', '',
          '| variant | file | growth over sync | growth / Binaryen 108\'s |', '|---|--:|--:|--:|']
    grow = {v: s[v] - s['sync'] for v in s}
    for v in ('sync', 'ours', 'binaryen', 'asyncify'):
        ratio = f"{grow[v] / grow['binaryen']:.2f}" if v != 'sync' else '–'
        L.append(f"| {v} | {s[v]:,} B | {'–' if v == 'sync' else f'+{grow[v]:,} B'} | {ratio} |")
    rw = res['rewrite']
    L += ['', f"Rewrite of the sync module: wasm-asyncify {rw['ours']['seconds']} s, {rw['ours']['peak_mib']} MiB; "
          f"Binaryen 108 {rw['binaryen']['seconds']} s, {rw['binaryen']['peak_mib']} MiB "
          f"(time ratio {rw['ours']['seconds'] / rw['binaryen']['seconds']:.2f}, "
          f"memory ratio {rw['ours']['peak_mib'] / rw['binaryen']['peak_mib']:.2f}).", '',
          '## Normal path', '',
          'Median wall time of one `vm.evalCode` per workload (ms), and the slowdown against the sync build. '
          'Target (issue 6): ours at most 1.5x sync on every workload.', '',
          '| workload | sync | ours | binaryen | asyncify (npm) | ours / sync | binaryen / sync | asyncify / sync |',
          '|---|--:|--:|--:|--:|--:|--:|--:|']
    def ms(v, w):
        return f'{m[v][w]:.1f}' if w in m[v] else 'fails'

    def ratio(v, w):
        return f"{m[v][w] / m['sync'][w]:.2f}" if w in m[v] else '–'

    for w in workloads:
        L.append(f"| {w} | " + ' | '.join(ms(v, w) for v in VARIANTS) + ' | '
                 + ' | '.join(ratio(v, w) for v in VARIANTS[1:]) + ' |')
    failed = [(v, w, e) for v in VARIANTS for w, e in res['errors'][v].items()]
    if failed:
        L += ['', 'fails: the workload cannot run in that variant: '
              + '; '.join(f'{v} on {w}: `{e}`' for v, w, e in failed)
              + ' (its recursion needs more native stack than the variant leaves; see the depth below).']
    d = res['depth']
    L += ['', '## Recursion depth', '',
          'The deepest `r(n)` (a plain recursive JS function) each variant evaluates, and what stopped the next '
          "level: `js` is QuickJS's own stack check (an InternalError), `trap` an exception out of the module "
          "(V8's native stack limit). Target: at least 0.5x the sync build's.", '',
          '| variant | depth | / sync | stopped by |', '|---|--:|--:|---|']
    for v in VARIANTS:
        stop = d[v].get('stoppedBy', {})
        L.append(f"| {v} | {d[v]['depth']} | {d[v]['depth'] / max(1, d['sync']['depth']):.2f} | "
                 f"{stop.get('kind', d[v].get('limit', ''))}: {stop.get('detail', '')} |")
    with open(os.path.join(HERE, 'RESULTS.md'), 'w') as f:
        f.write('\n'.join(L) + '\n')


if __name__ == '__main__':
    main()
