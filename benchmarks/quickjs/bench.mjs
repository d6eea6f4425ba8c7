// One variant of the QuickJS peer pair, measured in one Node process; run.py
// drives it. Prints one JSON object on stdout.
//
//   node bench.mjs time  --variant sync|ours|binaryen|asyncify [--wasm FILE] --reps K
//   node bench.mjs depth --variant ... [--wasm FILE]
//
// `sync` and `asyncify` are the npm builds with their own JS glue; `ours` and
// `binaryen` are the sync build's glue with a rewritten module passed in as
// `wasmBinary` (--wasm). The glue never suspends, so what is measured is the
// normal path: what instrumentation costs code that does not unwind.
//
// time: every workload runs once to warm up, then K times; each time is the
// wall time of one vm.evalCode, in ms. The result of every run is checked.
// depth: the deepest plain JS recursion `r(n)` that evaluates, found by
// bisection, each probe in a fresh module instance (a native stack overflow
// can leave an instance unusable). Also reports what stopped the next level.
import fs from 'node:fs';
import {
  newQuickJSAsyncWASMModuleFromVariant,
  newQuickJSWASMModuleFromVariant,
  newVariant,
} from 'quickjs-emscripten-core';
import SYNC from '@jitl/quickjs-wasmfile-release-sync';
import ASYNCIFY from '@jitl/quickjs-wasmfile-release-asyncify';

// name → [function body, expected result (what Node itself computes)]. Each
// run evaluates `(function () { BODY })()`, so repeated runs share no state.
export const WORKLOADS = {
  fib: ['function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) } return fib(24)', 46368],
  loop: ['let s = 0; for (let i = 0; i < 2000000; i++) { s = (s + i * 7) % 1000003 } return s', 147],
  objects: [
    `let kept = 0, a = [];
     for (let i = 0; i < 150000; i++) {
       a.push({ x: i, y: [i, i + 1], z: 'k' + (i % 100) });
       if (a.length === 1000) { kept += a[999].y[1]; a = [] }
     }
     return kept`,
    11325000,
  ],
  strings: [
    `let s = ''; for (let i = 0; i < 30000; i++) s += i.toString(36);
     return s.replace(/[aeiou]/g, '').split('1').map(x => x.length).reduce((p, q) => p + q, 0)`,
    73480,
  ],
  json: [
    `let o = []; for (let i = 0; i < 3000; i++) o.push({ id: i, tags: ['a', 'b', String(i)], ok: i % 2 === 0 });
     let n = 0; for (let r = 0; r < 10; r++) n += JSON.parse(JSON.stringify(o)).length; return n`,
    30000,
  ],
};

function parseArgs(argv) {
  const args = { mode: argv[0], reps: 3 };
  for (let i = 1; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
  args.reps = Number(args.reps);
  return args;
}

async function load(args) {
  if (args.variant === 'asyncify') return newQuickJSAsyncWASMModuleFromVariant(ASYNCIFY);
  if (args.variant === 'sync' && !args.wasm) return newQuickJSWASMModuleFromVariant(SYNC);
  return newQuickJSWASMModuleFromVariant(
    newVariant(SYNC, { wasmBinary: fs.readFileSync(args.wasm) }),
  );
}

function evalOnce(vm, source) {
  const t0 = performance.now();
  const r = vm.evalCode(`(function () { ${source} })()`);
  const ms = performance.now() - t0;
  if (r.error) {
    const e = vm.dump(r.error);
    r.error.dispose();
    throw new Error(`QuickJS error: ${JSON.stringify(e)}`);
  }
  const value = vm.dump(r.value);
  r.value.dispose();
  return [ms, value];
}

async function time(args) {
  const out = { variant: args.variant, times: {}, values: {}, errors: {} };
  for (const [name, [source, expected]] of Object.entries(WORKLOADS)) {
    // A variant whose frames are too big for the recursion a workload needs
    // traps (V8's stack limit); that is reported, the module is not reused.
    const mod = await load(args);
    const vm = mod.newContext();
    let warm;
    try {
      [, warm] = evalOnce(vm, source);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      out.errors[name] = `${e.name}: ${e.message}`;
      continue;
    }
    if (warm !== expected)
      throw new Error(`${name}: got ${warm}, expected ${expected}`);
    out.values[name] = warm;
    out.times[name] = [];
    for (let k = 0; k < args.reps; k++) {
      const [ms, value] = evalOnce(vm, source);
      if (value !== warm) throw new Error(`${name}: run ${k} gave ${value}, the warm-up ${warm}`);
      out.times[name].push(ms);
    }
    vm.dispose();
  }
  return out;
}

// 'ok', or what stopped r(n): the engine's own check ("js": QuickJS's
// InternalError) or the host's ("trap": a RangeError or another exception out
// of the module, e.g. V8's native stack limit).
async function probe(args, n) {
  const mod = await load(args);
  const vm = mod.newContext();
  try {
    const r = vm.evalCode(`function r(n) { return n === 0 ? 0 : 1 + r(n - 1) } r(${n})`);
    if (r.error) {
      const e = vm.dump(r.error);
      r.error.dispose();
      return { kind: 'js', detail: String(e?.message ?? JSON.stringify(e)).slice(0, 120) };
    }
    const v = vm.dump(r.value);
    r.value.dispose();
    return v === n ? { kind: 'ok' } : { kind: 'wrong', detail: String(v) };
  } catch (e) {
    return { kind: 'trap', detail: `${e?.name}: ${e?.message}`.slice(0, 120) };
  }
}

async function depth(args) {
  let lo = 0; // evaluates
  let hi = 1 << 16; // assumed not to
  let stop = await probe(args, hi);
  if (stop.kind === 'ok') return { variant: args.variant, depth: hi, limit: 'none below 65536' };
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const p = await probe(args, mid);
    if (p.kind === 'ok') lo = mid;
    else {
      hi = mid;
      stop = p;
    }
  }
  return { variant: args.variant, depth: lo, stoppedBy: stop };
}

const args = parseArgs(process.argv.slice(2));
const result = args.mode === 'depth' ? await depth(args) : await time(args);
process.stdout.write(JSON.stringify(result) + '\n');
