#!/usr/bin/env python3
"""Random-program differential testing of wasm-asyncify.

For each seed: random bytes (Python's random.Random(seed)) become a valid
module through Binaryen's translate-to-fuzz (`wasm-opt -ttf`), with one of
several feature profiles. host.mjs runs it in Node and prints a transcript
(every logged value, every export's result or trap). Then wasm-asyncify
rewrites it with every import async, in several variants (-O levels,
--only, --ignore-indirect); each output must pass `wasm-validate
--enable-all` and, run by host.mjs with an unwind and a rewind at every import
call, print exactly the same transcript. See README.md in this directory.

    test/fuzz/differential.py --seeds 1000 --jobs 2 --keep-dir test/fuzz/work/failures
    test/fuzz/differential.py --start 17 --seeds 1 -v          # one seed, with details
    test/fuzz/differential.py --start 17 --seeds 1 --keep-dir /tmp/k --reduce

Exit status: 0 when no seed failed, 1 otherwise, 2 usage or setup error.
"""
import argparse
import concurrent.futures
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
HOST = os.path.join(HERE, 'host.mjs')

NODE_FLAGS = ['--experimental-wasm-memory64', '--experimental-wasm-relaxed-simd',
              '--experimental-wasm-extended-const']

_ALL = ['-all', '--disable-gc', '--disable-typed-function-references', '--disable-gc-nn-locals']
# Feature profiles for -ttf: (name, wasm-opt flags, weight). GC and typed
# function references are left out (the tool refuses them by design, and
# Node 20 does not run Binaryen 108's encoding of them); reference types
# come with little weight: most such modules use Binaryen 108's pre-standard
# subtyping and no engine accepts them.
PROFILES = [
    ('default', [], 3),
    ('mvp', ['--mvp-features'], 1),
    ('simd', _ALL + ['--disable-reference-types', '--disable-exception-handling'], 3),
    ('eh', _ALL + ['--disable-reference-types'], 2),
    ('ref', _ALL + ['--disable-exception-handling'], 1),
]
PROFILE_FLAGS = {name: flags for name, flags, _ in PROFILES}

LEVELS = {'0': '-O0', '1': '-O1', '2': '-O2', '3': '-O3', '4': '-O4', 's': '-Os', 'z': '-Oz'}

T_GEN, T_TOOL, T_NODE = 60, 180, 60

# Every output must pass `wasm-validate` (WABT) with each of these flag sets
# under which its input passes. --enable-all comes first; WABT 1.0.32 with
# --enable-all types ref.func as a typed reference without subtyping, so for
# the reference-types profile the input itself often fails it, and then the
# set without function references and GC decides. (An input that fails both,
# e.g. for local names out of order in Binaryen's name section, leaves its
# outputs to Node's compiler and the tool's own Binaryen validation.)
VALIDATE_SETS = [
    ['--enable-all'],
    ['--enable-exceptions', '--enable-threads', '--enable-tail-call', '--enable-memory64',
     '--enable-extended-const', '--enable-relaxed-simd', '--enable-multi-memory'],
]


# ---------------------------------------------------------------- helpers

def run(cmd, timeout, cwd=None):
    """Runs cmd; returns (code, stdout, stderr); code None on timeout,
    negative for a signal."""
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, cwd=cwd)
        return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')
    except subprocess.TimeoutExpired as e:
        return None, (e.stdout or b'').decode('utf-8', 'replace'), (e.stderr or b'').decode('utf-8', 'replace')


def seed_config(seed, max_kb):
    """The seed's profile, size and random bytes, and the RNG for the
    variants' random choices: all deterministic functions of the seed."""
    r = random.Random(seed)
    total = sum(w for _, _, w in PROFILES)
    pick = r.randrange(total)
    for name, _, w in PROFILES:
        if pick < w:
            profile = name
            break
        pick -= w
    kb = r.randint(1, max_kb)
    ret = r.random() < 0.75
    data = bytes(r.getrandbits(8) for _ in range(kb * 1024))
    return profile, kb, ret, data, r


# ---------------------------------------------------------------- imports that return values

# The fuzzer's own imports (fuzzing-support.log-*) return nothing, so on their
# own they never show whether an async import's result survives the unwind
# and rewind. These functions go into the module as -ttf's initial content
# (--initial-fuzz): the fuzzer calls them from its random code like any other
# function; afterwards each one's body is replaced by a call to an import
# env.NAME of the same signature, which host.mjs implements (a deterministic
# value from the arguments and a call counter, printed in the transcript).
RET_FUNCS = [
    ('ret-i32', ['i32'], 'i32'),
    ('ret-i64', ['i64'], 'i64'),
    ('ret-f32', ['f32'], 'f32'),
    ('ret-f64', ['f64'], 'f64'),
    ('ret-i32-b', ['i32', 'f64'], 'i32'),
    ('ret-i64-b', [], 'i64'),
    ('ret-i64-c', ['i64', 'i32'], 'i64'),
    ('ret-f64-b', ['i32'], 'f64'),
    ('ret-void', ['i32'], None),
]
# The first four also wrap the argument of some of the fuzzer's log calls:
# (call $log-i32 X) becomes (call $log-i32 (call $import-ret-i32 X)).
WRAP = {f'log-{t}': f'ret-{t}' for t in ('i32', 'i64', 'f32', 'f64')}


def initial_content(path):
    """Writes the -ttf initial module (binary, with names) to path."""
    def u(n):
        out = bytearray()
        while True:
            b = n & 0x7f
            n >>= 7
            out.append(b | (0x80 if n else 0))
            if not n:
                return bytes(out)
    vt = {'i32': 0x7f, 'i64': 0x7e, 'f32': 0x7d, 'f64': 0x7c}
    zero = {'i32': b'\x41\x00', 'i64': b'\x42\x00', 'f32': b'\x43' + bytes(4), 'f64': b'\x44' + bytes(8)}
    sec = lambda i, body: bytes([i]) + u(len(body)) + body
    vec = lambda items: u(len(items)) + b''.join(items)
    types = vec([b'\x60' + vec([bytes([vt[p]]) for p in ps]) + vec([bytes([vt[r]])] if r else [])
                 for _, ps, r in RET_FUNCS])
    funcs = vec([u(i) for i in range(len(RET_FUNCS))])
    code = vec([(lambda body: u(len(body)) + body)(b'\x00' + (zero[r] if r else b'') + b'\x0b')
                for _, _, r in RET_FUNCS])
    names = vec([u(i) + u(len(n)) + n.encode() for i, (n, _, _) in enumerate(RET_FUNCS)])
    name_sec = u(4) + b'name' + bytes([1]) + u(len(names)) + names
    mod = b'\0asm\x01\0\0\0' + sec(1, types) + sec(3, funcs) + sec(10, code) + sec(0, name_sec)
    with open(path, 'wb') as f:
        f.write(mod)


def _paren_end(text, start):
    depth, i, n = 0, start, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == '\\' else 1
        elif c == ';' and text.startswith(';;', i):
            i = text.index('\n', i)
            continue
        elif c == '(':
            depth += 1
        elif c == ')':
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError('unbalanced')


def transform(wat, rng, ret, hang_limit):
    """The changes to a -ttf module (text): with `ret`, RET_FUNCS become
    calls to imports and some log calls get wrapped (see above); the hang
    limit (Binaryen's fuzzer stops every loop and call chain after this many
    steps per export; it uses 10) is set to `hang_limit`. Returns the new text
    and a short description."""
    notes = []
    if hang_limit:
        m = re.search(r'^ \(func \$hangLimitInitializer\b.*?\n \)\n', wat, re.M | re.S)
        if m:
            g = re.search(r'global\.set (\$\S+)', m.group(0))
            body = m.group(0).replace('(i32.const 10)', f'(i32.const {hang_limit})')
            wat = wat[:m.start()] + body + wat[m.end():]
            if g:
                wat = re.sub(r'(\(global ' + re.escape(g.group(1)) + r' \(mut i32\) \(i32\.const )10\)',
                             lambda x: x.group(1) + f'{hang_limit})', wat)
    if not ret:
        return wat, ''
    found = 0
    imports = []
    for name, params, result in RET_FUNCS:
        isig = ''.join(f' (param {t})' for t in params) + (f' (result {result})' if result else '')
        m = re.search(r'^ \(func \$' + re.escape(name) + r'[\s)]', wat, re.M)
        if m:
            found += 1
            start = m.start() + 1
            end = _paren_end(wat, start)
            sig = ''.join(f' (param ${i} {t})' for i, t in enumerate(params)) + (f' (result {result})' if result else '')
            args = ''.join(f' (local.get ${i})' for i in range(len(params)))
            wat = wat[:start] + f'(func ${name}{sig}\n  (call $import-{name}{args})\n )' + wat[end:]
        elif name not in WRAP.values():
            continue
        imports.append(f' (import "env" "{name}" (func $import-{name}{isig}))\n')
    # Wrap about half of the log calls whose import takes one value.
    wrapped = 0
    pieces, pos = [], 0
    single = {log for log in WRAP
              if re.search(r'\(import "fuzzing-support" "' + log + r'" \(func \$' + log + r' \(param (i32|i64|f32|f64)\)\)\)', wat)}
    for m in re.finditer(r'\(call \$(log-(?:i32|i64|f32|f64))\b', wat):
        if m.group(1) not in single or m.start() < pos or rng.random() < 0.5:
            continue
        end = _paren_end(wat, m.start())
        inner = wat[m.end():end - 1]
        pieces.append(wat[pos:m.end()])
        pieces.append(f' (call $import-{WRAP[m.group(1)]}{inner})')
        pos = end - 1
        wrapped += 1
    pieces.append(wat[pos:])
    wat = ''.join(pieces)
    lines = wat.splitlines(keepends=True)
    at = None
    for i, l in enumerate(lines):
        if l.startswith(' (import '):
            at = i + 1
        elif at is None and re.match(r' \((global|memory|data|table|elem|tag|export|func|start)\b', l):
            at = i
            break
    lines[at:at] = imports
    return ''.join(lines), f'+ret({found},{wrapped})'


def normalize_reason(stderr):
    """A tool refusal (exit 4) as a skip reason: the first error message
    without the file name, the location and numbers that vary per module."""
    line = next((l for l in stderr.splitlines() if ': error: ' in l), stderr.strip().splitlines()[0] if stderr.strip() else '?')
    msg = line.split(': error: ', 1)[-1]
    msg = re.sub(r'\s*\[[^\]]*\]\s*$', '', msg)          # [function 9], [offset 0x..]
    msg = re.sub(r'(function|local|global) `[^`]*`', r'\1 `…`', msg)
    msg = re.sub(r'\$[\w$.-]+', '$…', msg)
    return msg.strip()


def unwinding_sites(path):
    """Per function: instrumented, and how many of its call sites can unwind."""
    with open(path) as f:
        rep = json.load(f)
    return [(fn['name'], bool(fn.get('instrumented')), fn.get('unwindingCallSites', 0)) for fn in rep['functions']]


def report_functions(path):
    with open(path) as f:
        rep = json.load(f)
    defined = [fn['name'] for fn in rep['functions'] if 'import' not in fn]
    instrumented = [fn['name'] for fn in rep['functions'] if 'import' not in fn and fn.get('instrumented')]
    return defined, instrumented


class Ctx:
    def __init__(self, tool, levels, timeout_scale=1.0, mem_check=True):
        self.tool = tool
        self.levels = levels
        self.scale = timeout_scale
        self.mem_check = mem_check

    def host(self, mode, module):
        cmd = ['node'] + NODE_FLAGS + [HOST, '--mode', mode]
        if not self.mem_check:
            cmd.append('--no-mem-check')
        return cmd + [module]


# ---------------------------------------------------------------- variants

def base_variants(levels, rng):
    """Variant specs for one seed: every -O level with the default list,
    then --only (exactly the functions the -O0 report instruments), --only
    with a random superset, --ignore-indirect (run only when it instruments
    the same functions, i.e. no indirect call can reach an async import),
    and --rewind-copies=all (-O1 and above already copy the functions that
    unwind inside a loop)."""
    vs = [{'name': f'O{l}', 'level': l} for l in levels]
    vs.append({'name': 'only', 'level': rng.choice(levels)})
    vs.append({'name': 'only+', 'level': rng.choice(levels), 'extra_p': 0.3, 'pick': rng.random()})
    vs.append({'name': 'ignore-indirect', 'level': rng.choice(levels)})
    vs.append({'name': 'copies', 'level': rng.choice(levels)})
    return vs


def variant_args(v, wd, defined, instrumented):
    """The tool arguments of a variant, or (None, reason) when it does not
    apply to this module."""
    args = [LEVELS[v['level']]]
    if v['name'] in ('only', 'only+'):
        names = list(instrumented)
        if v['name'] == 'only+':
            if 'extra' not in v:  # chosen once, then kept (reduction keeps the names)
                r = random.Random(v['pick'])
                v['extra'] = [n for n in defined if n not in instrumented and r.random() < v['extra_p']]
            names += [n for n in v['extra'] if n in defined and n not in names]
            if len(names) == len(instrumented):
                return None, 'only+: no extra function'
        if not names:
            return None, f"{v['name']}: nothing instrumented"
        lst = os.path.join(wd, f"{v['name']}.list")
        with open(lst, 'w') as f:
            f.write('\n'.join(names) + '\n')
        args += ['--only', '@' + lst]
    elif v['name'] == 'ignore-indirect':
        args += ['--ignore-indirect']
    elif v['name'] == 'copies':
        args += ['--rewind-copies=all']
    return args, None


# ---------------------------------------------------------------- one module

class Outcome:
    def __init__(self):
        self.status = 'pass'       # pass | skip | fail
        self.reason = ''
        self.failures = []         # (variant, kind, detail)
        self.variant_skips = []    # (variant, reason)
        self.variants_run = 0
        self.files = {}            # what to keep on failure
        self.commands = []


def tool_cmd(ctx, module, args, out, report=None):
    cmd = [ctx.tool, module] + args
    if report:
        cmd.append(f'--report={report}')
    return cmd + ['-o', out]


def optimizer_changes_output(ctx, wd, module, level, opt_flags, ref, cache):
    """Does Binaryen's own -O<level>, without any rewriting, already change
    what the module prints? Then a divergence at that level cannot be told
    from a Binaryen 108 optimizer bug (seen: SIMD code that -O2 alone
    miscompiles) and the variant is not judged."""
    if level not in cache:
        ctl = os.path.join(wd, f'control-O{level}.wasm')
        c, _, _ = run(['wasm-opt'] + opt_flags + [module, LEVELS[level], '-o', ctl], T_GEN)
        if c != 0:
            cache[level] = False
        else:
            c, got, _ = run(ctx.host('sync', ctl), T_NODE * ctx.scale)
            cache[level] = c != 0 or loosen(got) != loosen(ref)
    return cache[level]


def check_module(ctx, wd, module, variants, outcome, verbose=False, stop_on_fail=False,
                 opt_flags=None):
    """The reference run and every variant on `module` (in wd). Fills
    outcome; returns nothing."""
    # 1. The reference.
    ref_cmd = ctx.host('sync', module)
    outcome.commands.append(ref_cmd)
    code, ref, err = run(ref_cmd, T_NODE * ctx.scale)
    if code is None:
        outcome.status, outcome.reason = 'skip', 'reference run timed out'
        return
    if code == 98:
        outcome.status, outcome.reason = 'skip', 'Node rejects the generated module'
        return
    if code != 0:
        last = (ref.strip().splitlines() or ['?'])[-1]
        outcome.status, outcome.reason = 'skip', f'reference host: {re.sub(r"[0-9]+", "N", last)[:100]}'
        return
    ref_file = os.path.join(wd, 'reference.txt')
    with open(ref_file, 'w') as f:
        f.write(ref)
    outcome.files['reference.txt'] = ref_file

    # 2. -O0 with the report first: it decides --only and whether the module
    # is supported at all.
    defined = instrumented = None
    orig_sets = None
    controls = {}  # level -> does Binaryen's optimizer alone change the output
    for v in variants:
        name = v['name']
        if name == 'ignore-indirect' and instrumented is not None:
            # Sound only when ignoring indirect calls changes nothing.
            rep2 = os.path.join(wd, 'report-ii.json')
            c, _, e = run([ctx.tool, module, '--ignore-indirect', f'--report={rep2}'], T_TOOL * ctx.scale)
            if c != 0:
                outcome.variant_skips.append((name, f'analysis exit {c}'))
                continue
            # The same functions instrumented is not enough: an instrumented
            # function's call_indirect may still reach one that unwinds.
            if unwinding_sites(rep2) != unwinding_sites(os.path.join(wd, 'report.json')):
                outcome.variant_skips.append((name, 'an indirect call can reach an async import'))
                continue
        if name in ('only', 'only+') and instrumented is None:
            outcome.variant_skips.append((name, 'no report'))
            continue
        args, why = variant_args(v, wd, defined or [], instrumented or [])
        if args is None:
            outcome.variant_skips.append((name, why))
            continue
        out = os.path.join(wd, f'out-{name}.wasm')
        rep = os.path.join(wd, 'report.json') if instrumented is None else None
        cmd = tool_cmd(ctx, module, args, out, rep)
        outcome.commands.append(cmd)
        t0 = time.time()
        code, so, se = run(cmd, T_TOOL * ctx.scale)
        if verbose:
            print(f'  {name}: tool exit {code} in {time.time() - t0:.2f}s', file=sys.stderr)
        if code == 4:
            reason = normalize_reason(se)
            if instrumented is None:   # the first variant: the module is unsupported
                outcome.status, outcome.reason = 'skip', f'unsupported: {reason}'
                return
            outcome.variant_skips.append((name, f'unsupported: {reason}'))
            continue
        if code != 0:
            kind = 'timeout' if code is None else f'signal {-code}' if code < 0 else f'exit {code}'
            first = (se.strip().splitlines() or [''])[0]
            outcome.failures.append((name, f'tool {kind}', first[:300]))
            outcome.files[f'tool-{name}.stderr'] = _write(wd, f'tool-{name}.stderr', se)
            if stop_on_fail:
                return
            continue
        if rep:
            defined, instrumented = report_functions(rep)
        outcome.files[f'out-{name}.wasm'] = out
        if orig_sets is None:
            orig_sets = [fs for fs in VALIDATE_SETS if run(['wasm-validate'] + fs + [module], T_TOOL)[0] == 0]
        c, se = 0, ''
        for fs in orig_sets:
            c, so, se = run(['wasm-validate'] + fs + [out], T_TOOL * ctx.scale)
            if c != 0:
                break
        if c != 0:
            outcome.failures.append((name, 'invalid output', (se.strip().splitlines() or [''])[0][:300]))
            outcome.files[f'validate-{name}.txt'] = _write(wd, f'validate-{name}.txt', se)
            if stop_on_fail:
                return
            continue
        hcmd = ctx.host('async', out)
        outcome.commands.append(hcmd)
        outcome.variants_run += 1
        c, got, he = run(hcmd, T_NODE * ctx.scale)
        if c == 0 and (got == ref or (v['level'] != '0' and loosen(got) == loosen(ref))):
            continue
        got_file = _write(wd, f'observed-{name}.txt', got + (f'\n[host stderr]\n{he}' if he.strip() else ''))
        outcome.files[f'observed-{name}.txt'] = got_file
        if c is None:
            kind = 'async run timed out'
        elif c == 98:
            kind = 'output does not instantiate'
        elif c == 97:
            kind = 'data block overflow'
        elif c == 99:
            kind = 'host error'
        elif c != 0:
            kind = f'host exit {c}'
        else:
            kind = 'divergence'
        if (kind == 'divergence' and v['level'] != '0' and opt_flags is not None
                and optimizer_changes_output(ctx, wd, module, v['level'], opt_flags, ref, controls)):
            outcome.variant_skips.append((name, f"Binaryen's {LEVELS[v['level']]} alone changes the output"))
            continue
        outcome.failures.append((name, kind, first_difference(ref, got)))
        if stop_on_fail:
            return
    if outcome.failures:
        outcome.status = 'fail'


def _nan_lanes(m):
    out = []
    for lane in (m.group(1), m.group(2)):
        x = int(lane, 16)
        if (x >> 52) & 0x7ff == 0x7ff and x & ((1 << 52) - 1):
            out.append('nan64')
            continue
        halves = []
        for h in (x >> 32, x & 0xffffffff):
            halves.append('nan32' if (h >> 23) & 0xff == 0xff and h & 0x7fffff else f'{h:08x}')
        out.append(':'.join(halves))
    return 'log v128 ' + ' '.join(out)


def loosen(transcript):
    """What may legitimately differ once Binaryen's optimizer has run (the
    variants above -O0), so is compared only at -O0:
    - which trap an export ends with (a call_indirect it proves out of bounds
      becomes `unreachable`);
    - the bits of a NaN inside a v128 (constant folding gives the canonical
      NaN where V8 propagates the operand's payload; both are allowed). Scalar
      floats print every NaN as `nan` anyway; a v128 lane that is a NaN as an
      f64, or a 32-bit half that is one as an f32, compares equal to any
      other NaN."""
    t = re.sub(r'^trap: .*$', 'trap', transcript, flags=re.M)
    return re.sub(r'^log v128 0x([0-9a-f]{16}) 0x([0-9a-f]{16})$', _nan_lanes, t, flags=re.M)


def _write(wd, name, text):
    p = os.path.join(wd, name)
    with open(p, 'w') as f:
        f.write(text)
    return p


def first_difference(a, b):
    al, bl = a.splitlines(), b.splitlines()
    for i in range(max(len(al), len(bl))):
        x = al[i] if i < len(al) else '<end>'
        y = bl[i] if i < len(bl) else '<end>'
        if x != y:
            # the export being called at that point
            call = next((al[j] for j in range(min(i, len(al) - 1), -1, -1) if al[j].startswith('call ')), '')
            return f'line {i + 1} ({call[:60]}): expected `{x[:120]}`, got `{y[:120]}`'
    return 'same transcript'


# ---------------------------------------------------------------- one seed

def run_seed(seed, cfg, ctx):
    profile, kb, ret, data, rng = seed_config(seed, cfg.max_kb)
    tag = f'{profile} {kb}KB'
    wd = tempfile.mkdtemp(prefix=f'seed-{seed}-', dir=cfg.tmp)
    outcome = Outcome()
    try:
        seedfile = _write_bytes(wd, 'seed.bin', data)
        orig = os.path.join(wd, 'orig.wasm')
        flags = PROFILE_FLAGS[profile]
        ttf = orig + '.ttf'
        gen = ['wasm-opt'] + flags + ['-ttf', seedfile] + ([f'--initial-fuzz={cfg.initial}'] if ret else []) + ['-g', '-o', ttf]
        outcome.commands.append(gen)
        code, _, err = run(gen, T_GEN)
        if code != 0:
            outcome.status, outcome.reason = 'skip', f'wasm-opt -ttf failed ({code})'
            return seed, tag, outcome
        # Our changes (value imports, hang limit) go through the text format.
        code, wat, err = run(['wasm-dis', ttf], T_GEN)
        if code == 0:
            wat, note = transform(wat, rng, ret, cfg.hang_limit)
            with open(ttf + '.wat', 'w') as f:
                f.write(wat)
            asm = ['wasm-opt'] + flags + [ttf + '.wat', '-g', '-o', orig]
            outcome.commands.append(asm)
            code, _, err = run(asm, T_GEN)
        if code == 0 and run(ctx.host('compile', orig), T_NODE)[0] == 98 and run(ctx.host('compile', ttf), T_NODE)[0] == 0:
            code = 1  # the text round trip made something Node rejects (typed references in 'ref')
        if code != 0:
            shutil.copy(ttf, orig)  # the fuzzer's module as it is
            note = 'unchanged'
        tag = f'{profile} {kb}KB {note}'.strip()
        outcome.files['seed.bin'] = seedfile
        outcome.files['orig.wasm'] = orig
        variants = base_variants(ctx.levels, rng)
        check_module(ctx, wd, orig, variants, outcome, verbose=cfg.verbose, opt_flags=flags)
        if outcome.status == 'fail':
            with open(os.path.join(wd, 'variants.json'), 'w') as f:
                json.dump({'seed': seed, 'profile': profile, 'kb': kb, 'variants': variants,
                           'failures': outcome.failures}, f, indent=1)
            outcome.files['variants.json'] = os.path.join(wd, 'variants.json')
            if cfg.keep_dir:
                keep(seed, cfg, ctx, profile, outcome, variants)
        return seed, tag, outcome
    finally:
        if not cfg.keep_all:
            shutil.rmtree(wd, ignore_errors=True)


def _write_bytes(wd, name, data):
    p = os.path.join(wd, name)
    with open(p, 'wb') as f:
        f.write(data)
    return p


def keep(seed, cfg, ctx, profile, outcome, variants):
    d = os.path.join(cfg.keep_dir, f'seed-{seed}')
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for name, path in outcome.files.items():
        if os.path.exists(path):
            shutil.copy(path, os.path.join(d, name))
    for name, path in list(outcome.files.items()):
        if name.endswith('.wasm'):
            subprocess.run(['wasm-dis', os.path.join(d, name), '-o', os.path.join(d, name[:-5] + '.wat')],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for v, _, _ in outcome.failures:
        obs = os.path.join(d, f'observed-{v}.txt')
        ref = os.path.join(d, 'reference.txt')
        if os.path.exists(obs) and os.path.exists(ref):
            diff = subprocess.run(['diff', '-u', ref, obs], stdout=subprocess.PIPE).stdout
            with open(os.path.join(d, f'{v}.diff'), 'wb') as f:
                f.write(diff)
    with open(os.path.join(d, 'commands.sh'), 'w') as f:
        f.write(f'# seed {seed}, profile {profile}; run from the repository root.\n'
                f'# The commands as they ran (paths in a temporary directory):\n')
        for c in outcome.commands:
            f.write('#   ' + shlex.join(c) + '\n')
        f.write('# Again, on the kept files:\n')
        f.write(shlex.join(ctx.host('sync', 'orig.wasm')) + ' > reference.txt\n')
        for v, kind, detail in outcome.failures:
            f.write(f'# {v}: {kind}: {detail}\n')
            f.write(f'{shlex.join([sys.executable, os.path.abspath(__file__), "--check", "orig.wasm", "--variant-json", "variants.json", "--variant", v, "--tool", ctx.tool, "-v"])}\n')
    with open(os.path.join(d, 'failures.txt'), 'w') as f:
        for v, kind, detail in outcome.failures:
            f.write(f'{v}: {kind}: {detail}\n')


# ---------------------------------------------------------------- --check (for wasm-reduce)

def check_one(args, ctx):
    """Runs the reference and one variant on one module and prints only the
    kind of failure (or `ok` / `boring`), so that wasm-reduce can keep its
    output unchanged while it shrinks the module. Exit 1 when it fails with
    --expect's kind (any failure without --expect), else 0."""
    with open(args.variant_json) as f:
        spec = json.load(f)
    v = next(x for x in spec['variants'] if x['name'] == args.variant)
    wd = tempfile.mkdtemp(prefix='check-')
    try:
        module = os.path.join(wd, 'm.wasm')
        shutil.copy(args.check, module)
        variants = [{'name': f"O{v['level']}", 'level': v['level']}]  # the report comes from an -O level run
        if v['name'] != variants[0]['name']:
            variants.append(v)
        outcome = Outcome()
        check_module(ctx, wd, module, variants, outcome, verbose=args.verbose)
        mine = [(n, k, d) for n, k, d in outcome.failures if n == v['name']]
        if args.verbose:
            print(f'status {outcome.status} {outcome.reason} {outcome.failures} {outcome.variant_skips}', file=sys.stderr)
        if outcome.status == 'skip' or not mine:
            print('boring')
            return 0
        kind = mine[0][1]
        if args.expect and kind != args.expect:
            print('other')
            return 0
        print(kind)
        return 1
    finally:
        shutil.rmtree(wd, ignore_errors=True)


def reduce_failure(d, ctx, cfg, variant=None):
    """wasm-reduce on a kept failing seed: the first failing variant (or
    `variant`), the same kind of failure. Leaves reduced-VARIANT.wasm and
    reduced-VARIANT.wat in d."""
    with open(os.path.join(d, 'variants.json')) as f:
        spec = json.load(f)
    variant, kind, _ = next(f for f in spec['failures'] if variant in (None, f[0]))
    test = os.path.join(d, f'reduce-test-{variant}.wasm')
    work = os.path.join(d, f'reduced-{variant}.wasm')
    check = [sys.executable, os.path.abspath(__file__), '--check', test, '--variant-json',
             os.path.join(d, 'variants.json'), '--variant', variant, '--expect', kind, '--tool', ctx.tool]
    bindir = os.path.dirname(os.path.realpath(shutil.which('wasm-opt'))) + os.sep
    cmd = ['wasm-reduce', os.path.join(d, 'orig.wasm'), '-g', '-b', bindir, '--timeout', str(int(T_NODE * 2)),
           '--extra-flags', ' '.join(PROFILE_FLAGS[spec['profile']]) or '--mvp-features --enable-sign-ext --enable-mutable-globals',
           '--command', shlex.join(check), '-t', test, '-w', work]
    with open(os.path.join(d, f'reduce-{variant}.log'), 'w') as log:
        log.write(shlex.join(cmd) + '\n')
        log.flush()
        subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT)
    if os.path.exists(work):
        subprocess.run(['wasm-dis', work, '-o', work[:-5] + '.wat'])
        return work
    return None


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--seeds', type=int, default=50, help='how many seeds (default 50)')
    ap.add_argument('--start', type=int, default=0, help='first seed (default 0)')
    ap.add_argument('--jobs', '-j', type=int, default=2, help='seeds run at once (default 2)')
    ap.add_argument('--keep-dir', help='keep every failing seed here (module, outputs, transcripts, commands)')
    ap.add_argument('--keep-all', action='store_true', help='do not delete the per-seed temporary directories')
    ap.add_argument('--reduce', action='store_true', help='shrink each failing module with wasm-reduce (needs --keep-dir)')
    ap.add_argument('-O', '--opt-levels', default='0,1,2,3,s', help='-O levels to rewrite with (default 0,1,2,3,s)')
    ap.add_argument('--tool', default=os.path.join(ROOT, 'build', 'wasm-asyncify'))
    ap.add_argument('--max-kb', type=int, default=16, help='random input of 1..N KB per seed (default 16)')
    ap.add_argument('--hang-limit', type=int, default=40,
                    help="steps per export before the fuzzer's hang limit stops it (Binaryen uses 10; default 40)")
    ap.add_argument('--timeout-scale', type=float, default=1.0)
    ap.add_argument('--no-mem-check', action='store_true', help='do not compare memory around each unwind/rewind')
    ap.add_argument('--tmp', default=None, help='where per-seed directories go (default: system temp)')
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('--reduce-kept', nargs='+', metavar='DIR',
                    help='only reduce these kept seed directories (--variant picks the failure, default the first)')
    ap.add_argument('--check', metavar='MODULE', help=argparse.SUPPRESS)
    ap.add_argument('--variant-json', help=argparse.SUPPRESS)
    ap.add_argument('--variant', help=argparse.SUPPRESS)
    ap.add_argument('--expect', help=argparse.SUPPRESS)
    args = ap.parse_args()

    levels = [l.strip().lstrip('O').lower() for l in args.opt_levels.split(',') if l.strip()]
    for l in levels:
        if l not in LEVELS:
            ap.error(f'unknown -O level {l!r} (use 0-4, s, z)')
    for exe in ('wasm-opt', 'wasm-validate', 'node'):
        if not shutil.which(exe):
            print(f'differential.py: {exe} not found', file=sys.stderr)
            return 2
    if not os.access(args.tool, os.X_OK):
        print(f'differential.py: no tool at {args.tool} (build it with scripts/build.sh)', file=sys.stderr)
        return 2
    ctx = Ctx(os.path.abspath(args.tool), levels, args.timeout_scale, not args.no_mem_check)

    if args.check:
        return check_one(args, ctx)
    if args.reduce_kept:
        for d in args.reduce_kept:
            red = reduce_failure(os.path.abspath(d), ctx, args, args.variant)
            print(f'{d}: ' + (f'reduced to {os.path.getsize(red)} bytes: {red[:-5]}.wat' if red
                              else f'reduction failed (see the reduce-*.log in {d})'), flush=True)
        return 0
    if args.reduce and not args.keep_dir:
        ap.error('--reduce needs --keep-dir')
    if args.keep_dir:
        args.keep_dir = os.path.abspath(args.keep_dir)
        os.makedirs(args.keep_dir, exist_ok=True)
    if args.tmp:
        os.makedirs(args.tmp, exist_ok=True)
    setup_dir = tempfile.mkdtemp(prefix='fuzz-setup-', dir=args.tmp)
    args.initial = os.path.join(setup_dir, 'initial.wasm')
    initial_content(args.initial)
    try:
        return run_seeds(args, ctx)
    finally:
        shutil.rmtree(setup_dir, ignore_errors=True)


def run_seeds(args, ctx):
    print(f'tool {ctx.tool}; seeds {args.start}..{args.start + args.seeds - 1}; levels {",".join(ctx.levels)}; jobs {args.jobs}',
          flush=True)
    passed, failed, skipped = [], [], {}
    vskips = {}
    lock = threading.Lock()
    t0 = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        futures = [ex.submit(run_seed, s, args, ctx) for s in range(args.start, args.start + args.seeds)]
        for fut in futures:
            seed, tag, o = fut.result()
            with lock:
                for v, why in o.variant_skips:
                    vskips[why] = vskips.get(why, 0) + 1
                if o.status == 'pass':
                    passed.append(seed)
                    extra = f', {len(o.variant_skips)} not applicable' if o.variant_skips else ''
                    print(f'seed {seed} [{tag}]: pass ({o.variants_run} variants{extra})', flush=True)
                elif o.status == 'skip':
                    skipped.setdefault(o.reason, []).append(seed)
                    print(f'seed {seed} [{tag}]: skip: {o.reason}', flush=True)
                else:
                    failed.append(seed)
                    fs = '; '.join(f'{v}: {k}: {d}' for v, k, d in o.failures)
                    kept = f' (kept in {os.path.join(args.keep_dir, f"seed-{seed}")})' if args.keep_dir else ''
                    print(f'seed {seed} [{tag}]: FAIL: {fs}{kept}', flush=True)

    if args.reduce:
        for seed in failed:
            d = os.path.join(args.keep_dir, f'seed-{seed}')
            print(f'reducing seed {seed} ...', flush=True)
            red = reduce_failure(d, ctx, args)
            if red:
                print(f'seed {seed}: reduced to {os.path.getsize(red)} bytes: {red[:-5]}.wat', flush=True)
            else:
                print(f'seed {seed}: reduction failed (see the reduce-*.log in {d})', flush=True)

    if vskips:
        print('variants not run: ' + '; '.join(f'{why}: {n}' for why, n in sorted(vskips.items(), key=lambda x: -x[1])))
    nskip = sum(len(v) for v in skipped.values())
    if nskip:
        print(f'{nskip} skipped: ' + '; '.join(f'{why}: {len(s)}' for why, s in sorted(skipped.items(), key=lambda x: -len(x[1]))))
    else:
        print('0 skipped')
    if failed:
        print('failed seeds: ' + ' '.join(map(str, failed)))
    print(f"time: {time.time() - t0:.0f}s")
    print(f"{len(passed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
