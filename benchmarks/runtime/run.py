#!/usr/bin/env python3
"""Runtime comparison: what a rewritten module costs when it runs.

For every C program in programs/ (compute kernels that call the async import
env.yield_now() every INTERVAL work units), this script builds three variants:

  base      clang --target=wasm32-wasi --sysroot=/usr -O2 (not rewritten;
            the host's yield_now returns at once)
  binaryen  wasm-opt base.wasm --asyncify --pass-arg=asyncify-imports@env.yield_now -O2
  ours      build/wasm-asyncify base.wasm --imports env.yield_now -O2

and runs them in one Node host (host.mjs) where, in the rewritten variants,
every yield_now really unwinds, awaits one microtask and rewinds. Measured,
in the same run: output size and growth; wall time of the computation (median
of --runs runs, with min and max) in a "rare" mode (about --rare-yields
yields per run) and a "frequent" mode (about --frequent-yields); the
suspend+resume round trip (a loop that only calls yield_now --micro times);
the bytes each unwind leaves in the data block and the wasm frames on the
stack when it happens. Checksums must be identical across the three variants
and both modes; any mismatch, trap or protocol error is a failure (exit 1).

Writes results.json and RESULTS.md next to this file (rewritten after every
program, so an interrupted run keeps what it measured). Work files go to
work/ (git-ignored).

  benchmarks/runtime/run.py [--runs 5] [--only NAME] [--quick] ...
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
PROGRAMS = ['fannkuch', 'nbody', 'hash', 'sort', 'expr', 'vm']
VARIANTS = ['base', 'binaryen', 'ours']
NODE_FLAGS = ['--no-liftoff', '--expose-gc']


def log(msg):
    print(msg, flush=True)


def rel(path):
    return os.path.relpath(path, ROOT)


def run_cmd(cmd, timeout=None):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)
    return p, time.perf_counter() - t0


def first_line(cmd):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return p.stdout.strip().splitlines()[0] if p.stdout.strip() else '?'
    except OSError as e:
        return f'unavailable ({e})'


def machine():
    cpu = '?'
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    cpu = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    mem = '?'
    try:
        with open('/proc/meminfo') as f:
            kb = int(f.readline().split()[1])
            mem = f'{kb / 2**20:.1f} GiB'
    except (OSError, ValueError, IndexError):
        pass
    return {'cpu': cpu, 'cores': os.cpu_count(), 'memory': mem,
            'os': f'{platform.system()} {platform.release()}', 'python': platform.python_version()}


def git_rev():
    try:
        rev = subprocess.run(['git', '-C', ROOT, 'rev-parse', '--short', 'HEAD'], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True).stdout.strip()
        dirty = subprocess.run(['git', '-C', ROOT, 'status', '--porcelain', '--untracked-files=no', '--',
                                'lib', 'passes', 'tools', 'CMakeLists.txt'],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()
        return rev + ('+uncommitted changes in lib/passes/tools' if dirty else '')
    except OSError:
        return '?'


def binary_id(path):
    """The tool binary's sha256 prefix and build time: build/ is shared, and
    the checked-out revision need not be what was built."""
    try:
        p = shutil.which(path) or path
        with open(p, 'rb') as f:
            digest = hashlib.sha256(f.read()).hexdigest()[:12]
        built = datetime.datetime.fromtimestamp(os.path.getmtime(p)).astimezone().isoformat(timespec='seconds')
        return f'sha256 {digest}, built {built}'
    except OSError as e:
        return f'? ({e})'


def leb(b, p):
    result = shift = 0
    while True:
        byte = b[p]
        p += 1
        result |= (byte & 0x7f) << shift
        shift += 7
        if not byte & 0x80:
            return result, p


def code_section_size(path):
    with open(path, 'rb') as f:
        b = f.read()
    p = 8
    while p < len(b):
        sid = b[p]
        size, p = leb(b, p + 1)
        if sid == 10:
            return size
        p += size
    return 0


def stats(times):
    if not times:
        return None
    return {'median': statistics.median(times), 'min': min(times), 'max': max(times), 'n': len(times)}


def slowdown(t):
    """Time ratios over base, and our overhead relative to Binaryen's (when
    Binaryen's is at least 3%: below that, on a shared 2-core machine, the
    ratio is noise)."""
    rb, ro = t['binaryen'] / t['base'], t['ours'] / t['base']
    return {'binaryen': rb, 'ours': ro, 'ours_overhead_vs_binaryen': (ro - 1) / (rb - 1) if rb - 1 >= 0.03 else None}


def parse_output(out):
    m = re.search(r'checksum=([0-9a-f]+) units=(\d+) yields=(\d+)', out)
    if not m:
        return None
    return {'checksum': m.group(1), 'units': int(m.group(2)), 'yields': int(m.group(3))}


class Runner:
    def __init__(self, args):
        self.args = args
        self.work = os.path.abspath(args.work_dir)
        os.makedirs(self.work, exist_ok=True)
        self.failures = []
        self.results = {
            'date': datetime.datetime.now().astimezone().isoformat(timespec='seconds'),
            'machine': machine(),
            'loadavg_start': os.getloadavg(),
            'tools': {
                'clang': first_line([args.clang, '--version']),
                'wasm-opt': first_line([args.wasm_opt, '--version']),
                'node': first_line([args.node, '--version']),
                'wasm-asyncify': first_line([args.tool, '--version']),
                'wasm-asyncify revision': git_rev(),
                'wasm-asyncify binary': binary_id(args.tool),
            },
            'settings': {'runs': args.runs, 'warmup': 1, 'rare_yields': args.rare_yields,
                         'frequent_yields': args.frequent_yields, 'micro': args.micro,
                         'node_flags': NODE_FLAGS, 'data_block_bytes': args.data_size},
            'commands': {'run': ' '.join(['benchmarks/runtime/run.py', *sys.argv[1:]])},
            'programs': {},
        }

    def fail(self, prog, what):
        msg = f'{prog}: {what}'
        self.failures.append(msg)
        self.results['programs'].setdefault(prog, {}).setdefault('failures', []).append(what)
        log(f'  FAILURE {msg}')

    # ---------------------------------------------------------------- build

    def commands(self, prog, d):
        src = os.path.join(HERE, 'programs', prog + '.c')
        base, b, o = (os.path.join(d, v + '.wasm') for v in VARIANTS)
        return {
            'base': [self.args.clang, '--target=wasm32-wasi', '--sysroot=/usr', '-O2', '-Wl,--strip-debug',
                     '-o', base, src, '-lm'],
            'binaryen': [self.args.wasm_opt, base, '--asyncify', '--pass-arg=asyncify-imports@env.yield_now',
                         '-O2', '-o', b],
            'ours': [self.args.tool, base, '--imports', 'env.yield_now', '-O2', '-o', o],
        }

    def build(self, prog):
        d = os.path.join(self.work, prog)
        os.makedirs(d, exist_ok=True)
        cmds = self.commands(prog, d)
        res = self.results['programs'][prog]
        res['build'] = {}
        for v in VARIANTS:
            p, secs = run_cmd(cmds[v], timeout=600)
            ok = p.returncode == 0
            res['build'][v] = {'command': ' '.join(rel(c) if c.startswith(ROOT) else c for c in cmds[v]),
                               'seconds': round(secs, 3), 'ok': ok}
            if not ok:
                self.fail(prog, f'{v} build failed (exit {p.returncode}): {p.stderr.strip()[:2000]}')
                return False
        sizes = {}
        for v in VARIANTS:
            f = os.path.join(d, v + '.wasm')
            sizes[v] = {'file': os.path.getsize(f), 'code': code_section_size(f)}
        for v in ('binaryen', 'ours'):
            for k in ('file', 'code'):
                sizes[v][k + '_growth'] = sizes[v][k] / sizes['base'][k] - 1
        res['sizes'] = sizes
        log(f'  built: base {sizes["base"]["file"]} B, binaryen {sizes["binaryen"]["file"]} B '
            f'({sizes["binaryen"]["file_growth"]:+.1%}, {res["build"]["binaryen"]["seconds"]:.2f} s), '
            f'ours {sizes["ours"]["file"]} B ({sizes["ours"]["file_growth"]:+.1%}, {res["build"]["ours"]["seconds"]:.2f} s)')
        return True

    # ---------------------------------------------------------------- running

    def host(self, prog, mode, argv, variants, runs, warmup):
        d = os.path.join(self.work, prog)
        cfg = {'args': argv, 'runs': runs, 'warmup': warmup, 'frame_samples': 2000,
               'data_size': self.args.data_size,
               'variants': [{'name': v, 'file': os.path.join(d, v + '.wasm'), 'rewritten': v != 'base'}
                            for v in variants]}
        cfg_file = os.path.join(d, f'{mode}.json')
        with open(cfg_file, 'w') as f:
            json.dump(cfg, f, indent=1)
        cmd = [self.args.node, *NODE_FLAGS, os.path.join(HERE, 'host.mjs'), cfg_file]
        self.results['commands'].setdefault('host', ' '.join(
            [os.path.basename(self.args.node), *NODE_FLAGS, rel(os.path.join(HERE, 'host.mjs')),
             rel(os.path.join(self.work, 'PROGRAM', 'MODE.json'))]))
        p, secs = run_cmd(cmd, timeout=900)
        if p.returncode != 0:
            self.fail(prog, f'{mode}: host exited {p.returncode}: {p.stderr.strip()[:2000]}')
            return None
        out = json.loads(p.stdout)
        out['seconds'] = secs
        out['config'] = rel(cfg_file)
        self.results['node_v8'] = out['v8']
        return out

    def check_variants(self, prog, mode, out, expect_yields=None):
        """Every variant ran without error, each produced one output, all the same."""
        ok = True
        outputs = {}
        for v, r in out['variants'].items():
            if r['error']:
                self.fail(prog, f'{mode}: {v} failed: {r["error"]}  (config: {out["config"]})')
                ok = False
                continue
            if len(r['outputs']) != 1:
                self.fail(prog, f'{mode}: {v} printed {len(r["outputs"])} different outputs over its runs')
                ok = False
            outputs[v] = r['outputs'][0] if r['outputs'] else None
            if r['rewritten'] and expect_yields is not None:
                bad = [u for u in r['unwinds'] if u != expect_yields]
                if bad:
                    self.fail(prog, f'{mode}: {v} unwound {bad[0]} times, the program yielded {expect_yields} times')
                    ok = False
        if len(set(outputs.values())) > 1:
            self.fail(prog, f'{mode}: outputs differ: ' + '; '.join(f'{v}: {o.strip()!r}' for v, o in outputs.items()))
            ok = False
        return ok

    def timed_mode(self, prog, mode, interval):
        res = self.results['programs'][prog]
        out = self.host(prog, mode, [prog, str(interval)], VARIANTS, self.args.runs, 1)
        if out is None:
            return None
        base_out = out['variants']['base']['outputs']
        parsed = parse_output(base_out[0]) if base_out else None
        ok = self.check_variants(prog, mode, out, parsed['yields'] if parsed else None)
        m = {'interval': interval, 'yields': parsed['yields'] if parsed else None,
             'checksum': parsed['checksum'] if parsed else None, 'ok': ok, 'host_seconds': round(out['seconds'], 2),
             'config': out['config'], 'variants': {}}
        for v, r in out['variants'].items():
            m['variants'][v] = {'time_ms': stats(r['times_ms']), 'cpu_ms': stats(r['cpu_ms']), 'warmup_ms': r['warmup_ms'],
                                'bytes_per_unwind': r['bytes_per_unwind'], 'frames': r['frames'],
                                'error': r['error']}
        t = {v: (m['variants'][v]['time_ms'] or {}).get('median') for v in VARIANTS}
        if all(t.values()):
            m['slowdown'] = slowdown(t)
            m['slowdown_min'] = slowdown({v: m['variants'][v]['time_ms']['min'] for v in VARIANTS})
            m['slowdown_cpu'] = slowdown({v: m['variants'][v]['cpu_ms']['median'] for v in VARIANTS})
        res[mode] = m
        s = m.get('slowdown')
        log(f'  {mode}: interval {interval}, {m["yields"]} yields: ' +
            ', '.join(f'{v} {t[v]:.1f} ms' for v in VARIANTS if t[v]) +
            (f'; binaryen x{s["binaryen"]:.3f}, ours x{s["ours"]:.3f}' if s else '') +
            ('' if ok else '  [FAILED]'))
        return m

    def micro(self, prog):
        res = self.results['programs'][prog]
        M = self.args.micro
        out = self.host(prog, 'micro', [prog, 'micro', str(M)], VARIANTS, self.args.runs, 1)
        if out is None:
            return
        ok = self.check_variants(prog, 'micro', out, M)
        m = {'calls': M, 'ok': ok, 'config': out['config'], 'variants': {}}
        for v, r in out['variants'].items():
            st = stats(r['times_ms'])
            m['variants'][v] = {'time_ms': st, 'ns_per_call': st['median'] * 1e6 / M if st else None,
                                'bytes_per_unwind': r['bytes_per_unwind'], 'frames': r['frames'],
                                'error': r['error']}
        res['micro'] = m
        ns = {v: m['variants'][v]['ns_per_call'] for v in VARIANTS}
        log(f'  micro: {M} calls: ' + ', '.join(f'{v} {ns[v]:.0f} ns' for v in VARIANTS if ns[v] is not None))

    def per_yield(self, prog):
        """The cost of one yield at the kernel's real stack depth: the extra time of
        the frequent mode over the rare one, per extra yield."""
        res = self.results['programs'][prog]
        r, f = res.get('rare'), res.get('frequent')
        if not r or not f or r.get('yields') is None or f.get('yields') is None:
            return
        dy = f['yields'] - r['yields']
        if dy <= 0:
            return
        out = {}
        for v in VARIANTS:
            tr, tf = (r['variants'][v]['time_ms'] or {}).get('median'), (f['variants'][v]['time_ms'] or {}).get('median')
            if tr and tf:
                out[v] = (tf - tr) * 1e6 / dy
        res['ns_per_yield_in_kernel'] = out

    def program(self, prog):
        log(f'[{prog}]')
        self.results['programs'][prog] = {}
        t0 = time.perf_counter()
        if not self.build(prog):
            return
        cal = self.host(prog, 'calibrate', [prog, '0'], ['base'], 1, 0)
        if cal is None or cal['variants']['base']['error']:
            self.fail(prog, f'calibration run failed: {cal and cal["variants"]["base"]["error"]}')
            return
        parsed = parse_output(cal['variants']['base']['outputs'][0])
        units = parsed['units']
        self.results['programs'][prog]['units'] = units
        self.results['programs'][prog]['checksum'] = parsed['checksum']
        log(f'  calibration: {units} units, checksum {parsed["checksum"]}, {cal["variants"]["base"]["times_ms"][0]:.0f} ms')
        checks = [parsed['checksum']]
        for mode, target in (('rare', self.args.rare_yields), ('frequent', self.args.frequent_yields)):
            if target <= 0:
                continue
            m = self.timed_mode(prog, mode, max(1, units // target))
            if m and m['checksum']:
                checks.append(m['checksum'])
        if len(set(checks)) > 1:
            self.fail(prog, f'the checksum depends on the yield interval: {checks}')
        self.per_yield(prog)
        if self.args.micro > 0:
            self.micro(prog)
        self.results['programs'][prog]['seconds'] = round(time.perf_counter() - t0, 1)

    def save(self):
        self.results['loadavg_end'] = os.getloadavg()
        self.results['failures'] = self.failures
        with open(self.args.results, 'w') as f:
            json.dump(self.results, f, indent=1)
            f.write('\n')
        with open(self.args.markdown, 'w') as f:
            f.write(markdown(self.results))


# ---------------------------------------------------------------- RESULTS.md

def pct(x):
    return f'{x:+.1%}' if x is not None else '–'


def ms(st):
    if not st:
        return '–'
    return f'{st["median"]:.1f} ({st["min"]:.1f}–{st["max"]:.1f})'


def fnum(x, fmt='{:.3f}'):
    return fmt.format(x) if x is not None else '–'


def markdown(R):
    s = R['settings']
    L = []
    w = L.append
    w('# Runtime comparison: wasm-asyncify against `wasm-opt --asyncify`\n')
    w('Generated by `benchmarks/runtime/run.py`; do not edit by hand. '
      'What each program does and how it is measured: the header of `run.py`, `host.mjs` and `programs/bench.h`.\n')
    w(f'- Date: {R["date"]}')
    m = R['machine']
    w(f'- Machine: {m["cpu"]}, {m["cores"]} cores, {m["memory"]}, {m["os"]}; '
      f'load average at start {R["loadavg_start"][0]:.2f}, at end {R.get("loadavg_end", [0])[0]:.2f}')
    t = R['tools']
    w(f'- Tools: {t["clang"]}; {t["wasm-opt"]}; {t["wasm-asyncify"]} (revision {t["wasm-asyncify revision"]}, '
      f'binary {t.get("wasm-asyncify binary", "?")}); '
      f'Node {t["node"]} (V8 {R.get("node_v8", "?")}), flags `{" ".join(s["node_flags"])}`')
    w(f'- Settings: {s["runs"]} timed runs per variant after {s["warmup"]} warm-up run, interleaved '
      f'(base, binaryen, ours, rotating); rare mode about {s["rare_yields"]} yields per run, frequent mode about '
      f'{s["frequent_yields"]}; micro mode {s["micro"]} round trips; data block {s["data_block_bytes"]} bytes.')
    w('- Every yield in a rewritten variant is a real unwind to the host, one microtask (`await null`) and a rewind; '
      'in `base` yield_now returns at once. Times are the wall time of `_start` to the end of the computation, '
      'unwinds and rewinds included, compilation and instantiation excluded.')
    w('- `base` is already optimized by Binaryen: clang runs `wasm-opt -O2` on what it links when wasm-opt is on '
      'PATH. Its -O2 (and the rewriters\' -O2) inline main and most kernels into `_start`, so in several programs '
      'the unwinding stack is one or two wasm frames deep.\n')
    w('Commands (PROGRAM is one of ' + ', '.join(R['programs']) + '):\n')
    w('```sh')
    w(R['commands'].get('run', 'benchmarks/runtime/run.py') + '   # all of the below')
    name, any_prog = next(((n, p) for n, p in R['programs'].items() if 'build' in p), (None, None))
    if any_prog:
        for v in VARIANTS:
            w(re.sub(rf'\b{name}\b', 'PROGRAM', any_prog['build'][v]['command']))
    w(R['commands'].get('host', ''))
    w('```\n')
    if R['failures']:
        w('## Failures\n')
        for f in R['failures']:
            w(f'- {f}')
        w('')
    else:
        w('No failures: every variant printed the same checksum in every mode, and every rewritten variant '
          'unwound exactly as many times as the program yielded.\n')

    P = R['programs']
    w('## Size\n')
    w('Whole file and code section, in bytes; growth over `base`. The last column: our growth as a fraction of Binaryen\'s.\n')
    w('| program | base | binaryen | ours | base code | binaryen code | ours code | ours/binaryen growth (file) | rewrite time binaryen / ours |')
    w('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
    for name, p in P.items():
        z = p.get('sizes')
        if not z:
            w(f'| {name} | – | – | – | – | – | – | – | – |')
            continue
        gb, go = z['binaryen']['file_growth'], z['ours']['file_growth']
        b = p['build']
        w(f'| {name} | {z["base"]["file"]} | {z["binaryen"]["file"]} ({pct(gb)}) | {z["ours"]["file"]} ({pct(go)}) | '
          f'{z["base"]["code"]} | {z["binaryen"]["code"]} ({pct(z["binaryen"]["code_growth"])}) | '
          f'{z["ours"]["code"]} ({pct(z["ours"]["code_growth"])}) | {fnum(go / gb if gb > 0 else None, "{:.2f}")} | '
          f'{b["binaryen"]["seconds"]:.2f} s / {b["ours"]["seconds"]:.2f} s |')
    w('')

    for mode, title in (('rare', 'Time, rare yields'), ('frequent', 'Time, frequent yields')):
        w(f'## {title}\n')
        w('Wall time, median (min–max) in ms. Slowdown = variant median / base median. (ours−1)/(binaryen−1) is our '
          'overhead relative to Binaryen\'s: below 1 we cost less; – when Binaryen\'s overhead is under 3% (the '
          'ratio would be noise). The CPU time column gives the same three ratios on the process\'s CPU time '
          '(user + system, medians), which other load on the machine disturbs less.\n')
        w('| program | yields | base | binaryen | ours | binaryen slowdown | ours slowdown | (ours−1)/(binaryen−1) | CPU time: binaryen, ours, ratio |')
        w('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
        for name, p in P.items():
            m = p.get(mode)
            if not m:
                continue
            v = m['variants']
            sl = m.get('slowdown') or {}
            sc = m.get('slowdown_cpu') or {}
            flag = '' if m['ok'] else ' **FAILED**'
            w(f'| {name}{flag} | {m["yields"]} | {ms(v["base"]["time_ms"])} | {ms(v["binaryen"]["time_ms"])} | '
              f'{ms(v["ours"]["time_ms"])} | {fnum(sl.get("binaryen"))} | {fnum(sl.get("ours"))} | '
              f'{fnum(sl.get("ours_overhead_vs_binaryen"), "{:.2f}")} | {fnum(sc.get("binaryen"))}, {fnum(sc.get("ours"))}, '
              f'{fnum(sc.get("ours_overhead_vs_binaryen"), "{:.2f}")} |')
        w('')

    w('## Suspend + resume round trip\n')
    w('Micro mode: a loop that only calls `yield_now` (one unwind, one microtask, one rewind per call in the '
      'rewritten variants; a plain import call in `base`), ns per call, median of the runs. "In the kernel": the '
      'frequent mode\'s extra time over the rare mode, per extra yield, at the kernel\'s real stack depth '
      '(noisy: a difference of two medians).\n')
    w('| program | base call | binaryen round trip | ours round trip | ours/binaryen | binaryen in kernel | ours in kernel | ours/binaryen in kernel |')
    w('|---|---:|---:|---:|---:|---:|---:|---:|')
    for name, p in P.items():
        mi = p.get('micro')
        k = p.get('ns_per_yield_in_kernel', {})
        if not mi:
            continue
        ns = {v: mi['variants'][v]['ns_per_call'] for v in VARIANTS}
        kb, ko = k.get('binaryen'), k.get('ours')
        w(f'| {name} | {fnum(ns["base"], "{:.0f}")} | {fnum(ns["binaryen"], "{:.0f}")} | {fnum(ns["ours"], "{:.0f}")} | '
          f'{fnum(ns["ours"] / ns["binaryen"] if ns["ours"] and ns["binaryen"] else None, "{:.2f}")} | '
          f'{fnum(kb, "{:.0f}")} | {fnum(ko, "{:.0f}")} | {fnum(ko / kb if kb and ko and kb > 0 else None, "{:.2f}")} |')
    w('')

    w('## Bytes per unwind\n')
    w('Bytes in the data block after each unwind (current − start), averaged over every unwind of the timed runs; '
      'frames: wasm frames on the stack at the unwinding call (from a stack trace, sampled in the warm-up run; '
      'each variant counts its own frames, inlining differs); bytes/frame = total bytes / total frames over the '
      'sampled unwinds.\n')
    w('| program | mode | binaryen bytes | binaryen frames | binaryen bytes/frame | ours bytes | ours frames | ours bytes/frame | ours/binaryen bytes |')
    w('|---|---|---:|---:|---:|---:|---:|---:|---:|')
    for name, p in P.items():
        for mode in ('rare', 'frequent', 'micro'):
            m = p.get(mode)
            if not m:
                continue
            row = [name, mode]
            avg = {}
            for v in ('binaryen', 'ours'):
                b = m['variants'][v]['bytes_per_unwind']
                f = m['variants'][v]['frames']
                avg[v] = b['avg'] if b else None
                rng = f' ({b["min"]}–{b["max"]})' if b and b['min'] != b['max'] else ''
                row += [f'{b["avg"]:.1f}{rng}' if b else '–',
                        f'{f["avg_frames"]:.1f}' if f else '–',
                        f'{f["bytes_per_frame"]:.1f}' if f else '–']
            row.append(fnum(avg['ours'] / avg['binaryen'] if avg['ours'] and avg['binaryen'] else None, '{:.2f}'))
            w('| ' + ' | '.join(row) + ' |')
    w('')
    return '\n'.join(L)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--runs', type=int, help='timed runs per variant and mode (default 5)')
    ap.add_argument('--rare-yields', type=int, default=50, help='about this many yields per run in the rare mode (default 50)')
    ap.add_argument('--frequent-yields', type=int, default=20000,
                    help='about this many yields per run in the frequent mode (default 20000; 0 skips the mode)')
    ap.add_argument('--micro', type=int, help='round trips in the micro mode (default 200000; 0 skips)')
    ap.add_argument('--only', action='append', choices=PROGRAMS, help='run only this program (repeatable)')
    ap.add_argument('--quick', action='store_true',
                    help='3 runs and 20000 round trips unless given: a check, not a measurement')
    ap.add_argument('--data-size', type=int, default=(1 << 20) - 8,
                    help='data block bytes after the header (default and most: 1 MiB - 8, the buffer in programs/bench.h)')
    ap.add_argument('--tool', default=os.path.join(ROOT, 'build', 'wasm-asyncify'))
    ap.add_argument('--wasm-opt', default='wasm-opt')
    ap.add_argument('--clang', default='clang')
    ap.add_argument('--node', default='node')
    ap.add_argument('--work-dir', default=os.path.join(HERE, 'work'))
    ap.add_argument('--results', default=os.path.join(HERE, 'results.json'))
    ap.add_argument('--markdown', default=os.path.join(HERE, 'RESULTS.md'))
    args = ap.parse_args()
    if args.runs is None:
        args.runs = 3 if args.quick else 5
    if args.micro is None:
        args.micro = 20000 if args.quick else 200000
    for exe in (args.tool, args.wasm_opt, args.clang, args.node):
        if not shutil.which(exe):
            sys.exit(f'run.py: {exe} not found' + (' (build it with scripts/build.sh)' if exe == args.tool else ''))
    r = Runner(args)
    log(f'runtime benchmarks: {args.runs} runs, rare ~{args.rare_yields} yields, frequent ~{args.frequent_yields}, '
        f'micro {args.micro}; {r.results["tools"]["wasm-asyncify"]} ({r.results["tools"]["wasm-asyncify revision"]})')
    t0 = time.perf_counter()
    for prog in args.only or PROGRAMS:
        try:
            r.program(prog)
        except (subprocess.TimeoutExpired, json.JSONDecodeError, KeyError, TypeError) as e:
            r.fail(prog, f'harness error: {type(e).__name__}: {e}')
        r.save()
    r.results['total_seconds'] = round(time.perf_counter() - t0, 1)
    r.save()
    log(f'done in {r.results["total_seconds"]:.0f} s: {rel(args.results)}, {rel(args.markdown)}')
    if r.failures:
        log(f'{len(r.failures)} failure(s):')
        for f in r.failures:
            log(f'  {f}')
        sys.exit(1)


if __name__ == '__main__':
    main()
