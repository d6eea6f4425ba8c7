#!/usr/bin/env python3
"""Runs the libFuzzer target over its seed corpus, then fuzzes for a budget.

    test/fuzz/libfuzzer/run.py --fuzzer build-fuzz/test/pipeline-fuzzer \\
        --work build-fuzz/libfuzzer --seconds 3600

The seed corpus is made fresh each run from the modules in the tests
(lit-tests/**/*.wat and test/e2e/wat/*.wat, through `wat2wasm --enable-all`),
each prefixed with a few option bytes (see pipeline_fuzzer.cpp), plus some of
them in the text format. What the fuzzer learns goes to WORK/corpus, which is
kept between runs; crashes and other findings go to WORK/findings/ (libFuzzer's
crash-*/leak-*/timeout-*/oom-* files; rerun one with `FUZZER FILE`). Each run
appends a line to WORK/runs.log: date, seconds fuzzed, executions, result, so
the total time fuzzed can be summed.

Exit status: 0 when nothing was found, 1 on a finding, 2 on a setup error.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))

# Option bytes each seed module is tried with (pipeline_fuzzer.cpp, decode):
# -O0; -O2 with --asserts; -O1 with --ignore-indirect and a report; -Oz with
# only env.* imports async.
BINARY_OPTIONS = [0x00, 0x0D, 0x94, 0x27]
TEXT_OPTIONS = [0x40]


def make_seeds(seed_dir):
    os.makedirs(seed_dir, exist_ok=True)
    for old in glob.glob(os.path.join(seed_dir, '*')):
        os.remove(old)
    sources = sorted(glob.glob(os.path.join(ROOT, 'lit-tests', '**', '*.wat'), recursive=True) +
                     glob.glob(os.path.join(ROOT, 'test', 'e2e', 'wat', '*.wat')))
    made = 0
    for src in sources:
        name = os.path.relpath(src, ROOT).replace(os.sep, '_')
        wasm = os.path.join(seed_dir, name + '.tmp')
        p = subprocess.run(['wat2wasm', '--enable-all', '--debug-names', src, '-o', wasm],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if p.returncode != 0:
            continue  # a test input that is invalid on purpose
        with open(wasm, 'rb') as f:
            binary = f.read()
        os.remove(wasm)
        for opt in BINARY_OPTIONS:
            with open(os.path.join(seed_dir, f'{name}.{opt:02x}'), 'wb') as f:
                f.write(bytes([opt]) + binary)
            made += 1
        with open(src, 'rb') as f:
            text = f.read()
        for opt in TEXT_OPTIONS:
            with open(os.path.join(seed_dir, f'{name}.text.{opt:02x}'), 'wb') as f:
                f.write(bytes([opt]) + text)
            made += 1
    return made


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--fuzzer', required=True, help='the pipeline-fuzzer binary')
    ap.add_argument('--work', required=True, help='directory for the corpus, findings and log')
    ap.add_argument('--seconds', type=int, default=120,
                    help='fuzzing budget after the corpus (default 120); 0 runs only the seed '
                         'corpus, each input once: deterministic, what CI runs')
    ap.add_argument('--jobs', type=int, default=1, help='parallel fuzzing processes (libFuzzer -fork)')
    ap.add_argument('--keep-going', action='store_true',
                    help='do not stop at a finding: fuzz in fork mode (-fork=JOBS) with crashes, '
                         'timeouts and OOMs ignored, so that one run spends the whole budget and '
                         'collects every finding; exits 1 if any was found')
    ap.add_argument('--max-len', type=int, default=65536)
    args = ap.parse_args()

    if not os.access(args.fuzzer, os.X_OK):
        print(f'run.py: no fuzzer at {args.fuzzer}', file=sys.stderr)
        return 2
    if not shutil.which('wat2wasm'):
        print('run.py: wat2wasm (WABT) not found', file=sys.stderr)
        return 2
    seeds = os.path.join(args.work, 'seeds')
    corpus = os.path.join(args.work, 'corpus')
    findings = os.path.join(args.work, 'findings')
    for d in (corpus, findings):
        os.makedirs(d, exist_ok=True)
    n = make_seeds(seeds)
    print(f'seed corpus: {n} inputs from the tests')

    if args.seconds == 0:
        # Regression mode: every seed once, no mutation, nothing learned.
        cmd = [args.fuzzer, '-runs=0', seeds]
    else:
        cmd = [args.fuzzer, corpus, seeds, f'-max_total_time={args.seconds}']
    cmd += ['-timeout=60', '-rss_limit_mb=4096',
           f'-max_len={args.max_len}', f'-artifact_prefix={findings}/',
           f'-dict={os.path.join(HERE, "wasm.dict")}', '-print_final_stats=1']
    if args.keep_going and args.seconds > 0:
        cmd += [f'-fork={args.jobs}', '-ignore_crashes=1', '-ignore_timeouts=1', '-ignore_ooms=1']
    elif args.jobs > 1:
        cmd.append(f'-fork={args.jobs}')
    before = set(os.listdir(findings))
    env = dict(os.environ)
    env.setdefault('ASAN_OPTIONS', 'detect_leaks=1:abort_on_error=1')
    env.setdefault('UBSAN_OPTIONS', 'print_stacktrace=1:halt_on_error=1')
    print('running:', ' '.join(cmd), flush=True)
    start = time.time()
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    elapsed = time.time() - start
    log = p.stdout.decode('utf-8', 'replace')
    with open(os.path.join(args.work, 'last-run.txt'), 'w') as f:
        f.write(log)
    execs = re.findall(r'stat::number_of_executed_units:\s*(\d+)', log)
    execs = int(execs[-1]) if execs else 0
    new_files = sorted(set(os.listdir(findings)) - before)
    # libFuzzer also keeps inputs that ran over 10 s (slow-unit-*): on a loaded
    # machine that is the load; hangs are timeouts (-timeout=60). Listed, not
    # counted.
    slow = [n for n in new_files if n.startswith('slow-unit-')]
    new_findings = [n for n in new_files if n not in slow]
    for name in slow:
        print(f'slow input (not a finding; rerun it to check): {os.path.join(findings, name)}')
    result = 'clean' if p.returncode == 0 and not new_findings else f'exit {p.returncode}'
    if new_findings:
        result += f' findings={len(new_findings)}'
    with open(os.path.join(args.work, 'runs.log'), 'a') as f:
        f.write(f'{time.strftime("%Y-%m-%dT%H:%M:%S")} seconds={elapsed:.0f} execs={execs} '
                f'jobs={args.jobs} result={result}\n')
    tail = '\n'.join(log.splitlines()[-60:])
    if p.returncode != 0 or new_findings:
        print(tail)
        for name in new_findings:
            print(f'finding: {os.path.join(findings, name)}')
        print(f'FINDING: the fuzzer stopped with exit {p.returncode}; '
              f'inputs in {findings}, full log in {args.work}/last-run.txt')
        return 1
    print('\n'.join(l for l in log.splitlines() if l.startswith(('stat::', 'INFO: Seed', 'Done'))))
    print(f'fuzzed {elapsed:.0f} s, {execs} executions, no finding')
    return 0


if __name__ == '__main__':
    sys.exit(main())
