// The runtime's test scenarios, run by node --test (node.test.mjs) on
// rewritten modules and by headless Chromium (chromium.test.mjs) on
// rewritten modules and, with JSPI, on the same programs unrewritten.
//
// Each scenario gets `ctx`: { backend: 'asyncify' | 'jspi', load(name) ->
// Promise<bytes> (NAME.async.wasm for asyncify, NAME.wasm for jspi) }.

import { instantiate, yieldValue, DataBlockOverflowError, AsyncifyRuntimeError } from '../index.js';
import { Wasi, WasiExit } from '../wasi.js';
import { equal, ok, rejects, delay, frame, CheckFailed } from './check.js';

// The program's imports; `over` replaces some of them.
export function env(over = {}) {
  return {
    env: {
      fetch_value: (x) => delay(1, x * 10),
      fetch_i64: (x) => delay(1, x + 1n),
      fetch_f64: (x) => delay(1, x * 2),
      sleep_ms: (ms) => delay(ms),
      yield_value: (v) => yieldValue(v),
      wait_frame: () => yieldValue(),
      host_log: () => {},
      ...over,
    },
  };
}

async function load(ctx, name, imports, options = {}) {
  const rt = await instantiate(ctx.load(name), imports, { wasi: new Wasi(), ...options });
  equal(rt.backendName, ctx.backend, 'backend');
  return rt;
}

const isPromise = (x) => x instanceof Promise;

export const scenarios = [
  {
    name: 'an import returning a Promise suspends the call; a call that does not suspend returns its value',
    async run(ctx) {
      const rt = await load(ctx, 'program', env());
      const p = rt.exports.add_async(1, 2);
      ok(isPromise(p), 'a call that suspends returns a Promise');
      equal(await p, 30, 'add_async(1, 2)');
      const q = rt.exports.maybe_async(-3);
      if (ctx.backend === 'asyncify') equal(q, 3, 'maybe_async(-3) without suspending: the value itself');
      else ok(isPromise(q), 'on JSPI every call returns a Promise');
      equal(await q, 3, 'maybe_async(-3)');
      equal(await rt.exports.maybe_async(4), 40, 'maybe_async(4)');
      equal(await rt.exports.calls(), 1, 'calls() after one add_async');
      const always = await load(ctx, 'program', env(), { alwaysPromise: true });
      ok(isPromise(always.exports.plain(2)), 'alwaysPromise: a call that did not suspend still returns a Promise');
      equal(await always.exports.plain(2), 6, 'plain(2)');
    },
  },
  {
    name: 'i64, f64 and multi-value imports suspend with the right placeholders',
    async run(ctx) {
      const rt = await load(ctx, 'program', env());
      equal(await rt.exports.wide(5n), 12n, 'wide(5n)');
      equal(await rt.exports.real(1.25), 3, 'real(1.25)');
      const m = await instantiate(ctx.load('multi'), {
        env: { pair: (x) => delay(1, [x + 1, x + 2]), big: (x) => delay(1, x * 1000n) },
      }, { dataSize: 4096 }); // one page of memory: the default block would not fit
      equal(await m.exports.sum_pair(3), 35, 'sum_pair(3) = 4*10 - 5');
      equal(await m.exports.big_plus(7n, 0.5), 7000.5, 'big_plus(7n, 0.5)');
    },
  },
  {
    name: 'calls that arrive while one is suspended wait their turn (queue)',
    async run(ctx) {
      const log = [];
      const rt = await load(ctx, 'program', env({ host_log: (x) => log.push(x) }));
      const a = rt.exports.sleepy(1, 30), b = rt.exports.sleepy(2, 1), c = rt.exports.plain(5);
      ok(isPromise(c), 'a call made while another is suspended is queued: a Promise');
      equal([await a, await b, await c], [1, 2, 15], 'results');
      equal(log, [1, 101, 2, 102], 'the second call ran after the first');
    },
  },
  {
    name: "concurrent calls run at once, each on its own data block and shadow stack",
    async run(ctx) {
      const log = [];
      const slow = { 1: 40, 2: 1 };
      const rt = await load(ctx, 'program', env({
        host_log: (x) => log.push(x),
        fetch_value: (x) => delay(slow[x] ?? 5, x * 10),
      }), { concurrency: 'concurrent' });
      const a = rt.exports.sleepy(1, 30), b = rt.exports.sleepy(2, 1);
      equal([await a, await b], [1, 2], 'results');
      equal(log, [1, 2, 102, 101], 'the second call finished first');
      const sums = await Promise.all([rt.exports.add_async(1, 1), rt.exports.add_async(2, 2), rt.exports.add_async(3, 1)]);
      equal(sums, [20, 40, 40], 'add_async results, no shadow stack corrupted (1000000 added)');
    },
  },
  {
    name: 'a rejected promise is thrown at the import; the call rejects; the module goes on',
    async run(ctx) {
      const boom = new Error('no such value');
      const rt = await load(ctx, 'program', env({ fetch_value: (x) => (x === 7 ? delay(1).then(() => { throw boom; }) : delay(1, x * 10)) }));
      const sp = rt.raw.__stack_pointer, top = sp.value;
      const e = await rejects(() => rt.exports.add_async(2, 7), 'add_async(2, 7)');
      equal(e === boom, true, 'the export rejects with the promise\'s own reason');
      equal(sp.value, top, '__stack_pointer is back where the failed call found it');
      equal(await rt.exports.add_async(1, 2), 30, 'a later call');
      await rejects(() => rt.exports.trap_after(13), 'trap_after(13) traps', /unreachable/);
      equal(sp.value, top, '__stack_pointer after a trap');
      equal(await rt.exports.trap_after(2), 20, 'a call after a trap');
    },
  },
  {
    name: 'several coroutines suspended at once, each on its own data block and stack',
    async run(ctx) {
      const rt = await load(ctx, 'program', env());
      const g1 = rt.coroutine('generator', 1, 3), g2 = rt.coroutine('generator', 2, 2);
      const seen = [];
      const step = async (g, v) => { const r = await g.next(v); seen.push(r.done ? `done ${r.value}` : r.value); };
      await step(g1); await step(g2); await step(g1, 5); await step(g2, 7);
      await step(g1, 6); await step(g2, 8); await step(g1, 1);
      equal(seen, [100, 200, 101, 201, 102, 'done 15', 'done 12'], 'yields and results');
      equal((await g1.next()).done, true, 'a finished coroutine stays done');
      // Finish the first of two while the second is suspended, then start a
      // third: with shared stacks its frames land on the second's.
      const h1 = rt.coroutine('generator', 4, 1), h2 = rt.coroutine('generator', 5, 1);
      await h1.next(); await h2.next();
      equal((await h1.next(1)).value, 1, 'h1 done');
      const h3 = rt.coroutine('generator', 6, 1);
      await h3.next();
      equal((await h2.next(2)).value, 2, 'h2 done, its label intact');
      equal((await h3.next(3)).value, 3, 'h3 done');
      if (ctx.backend === 'asyncify') {
        const values = [];
        for (const v of rt.coroutine('generator', 9, 4)) values.push(v);
        equal(values, [900, 901, 902, 903], 'for...of over a coroutine');
      }
      const values = [];
      for await (const v of rt.coroutine('generator', 8, 2)) values.push(v);
      equal(values, [800, 801], 'for await...of over a coroutine');
      equal(await rt.exports.generator(3, 2), 601, 'yields in a plain export call: each returns its own value');
      const dropped = rt.coroutine('generator', 7, 5);
      await dropped.next();
      equal(dropped.return(42), { done: true, value: 42 }, 'return() drops a suspended coroutine');
      equal(await rt.exports.add_async(1, 2), 30, 'the module after a dropped coroutine');
    },
  },
  {
    name: 'without separate stacks, coroutines corrupt each other (the control of the test above)',
    async run(ctx) {
      const rt = await load(ctx, 'program', env(), { shadowStack: 'none' });
      const h1 = rt.coroutine('generator', 4, 1), h2 = rt.coroutine('generator', 5, 1);
      await h1.next(); await h2.next();
      await h1.next(1);
      const h3 = rt.coroutine('generator', 6, 1);
      await h3.next();
      const r = await h2.next(2);
      ok(r.value >= 1000000, `h2's label is overwritten when stacks are shared (got ${r.value})`);
    },
  },
  {
    name: 'a module without an exported __stack_pointer refuses what would corrupt it',
    async run(ctx) {
      await rejects(() => load(ctx, 'program-nosp', env(), { concurrency: 'concurrent' }),
                    'concurrency without __stack_pointer', /__stack_pointer/);
      const rt = await load(ctx, 'program-nosp', env());
      const g1 = rt.coroutine('generator', 1, 2);
      await g1.next();
      await rejects(() => rt.coroutine('generator', 2, 2).next(), 'a second coroutine', /__stack_pointer/);
      const queued = rt.exports.add_async(1, 2);
      ok(isPromise(queued), 'an export call waits while a coroutine holds the only stack');
      await g1.next(1);
      await g1.next(1);
      equal(await queued, 30, 'the queued call ran once the coroutine finished');
    },
  },
  {
    name: 'a poll handle: resume() each frame, tryGetResult()',
    async run(ctx) {
      const rt = await load(ctx, 'program', env());
      const h = rt.start('frame_loop', 3);
      let frames = 0, resumed = 0;
      while (!h.done && frames < 100) {
        equal(h.tryGetResult(), { done: false }, 'no result before the end');
        // On JSPI a step runs in a microtask: the handle may still be 'running'.
        if (h.status === 'suspended') resumed++;
        h.resume();
        frames++;
        await frame();
      }
      equal(resumed, 3, 'resume() calls that continued it: one per wait_frame()');
      if (ctx.backend === 'asyncify') equal(frames, 3, 'on Asyncify each resume() runs to the next wait at once');
      equal(h.tryGetResult(), { done: true, value: 30 }, 'result');
      let settled = false;
      const w = rt.start('add_async', 2, 3);
      let polls = 0;
      while (!w.done && polls < 1000) {
        if (w.status === 'waiting') settled = true;
        w.resume();
        polls++;
        await frame();
      }
      ok(settled, 'the handle reported waiting on its promise');
      equal(w.tryGetResult(), { done: true, value: 50 }, 'add_async(2, 3) by polling');
      const bad = rt.start('trap_after', 13);
      for (let i = 0; i < 100 && !bad.done; i++) { bad.resume(); await frame(); }
      await rejects(() => bad.tryGetResult(), 'tryGetResult throws what the call threw', /unreachable/);
    },
  },
  {
    name: 'syncExports are called directly, even while another call is suspended; asyncImports',
    async run(ctx) {
      const log = [];
      // On JSPI, logged() (outside WebAssembly.promising) may call host_log
      // only if host_log is not a suspending import: asyncImports says which are.
      const asyncImports = ['env.fetch_*', 'env.sleep_ms', 'env.yield_value', 'env.wait_frame'];
      const rt = await load(ctx, 'program', env({ host_log: (x) => (log.push(x), x === 99 ? delay(1) : undefined) }),
                            { syncExports: ['logged'], asyncImports });
      equal(rt.exports.logged(5), 6, 'logged(5): the value, on every backend');
      const p = rt.exports.sleepy(1, 50);
      await frame();
      equal(rt.exports.logged(7), 8, 'logged(7) while sleepy() is suspended');
      equal(await p, 1, 'sleepy(1, 50)');
      equal(log, [5, 1, 7, 101], 'order of the imports');
      await rejects(() => rt.exports.sleepy(99, 1), 'host_log(99) returns a Promise', /env\.host_log returned a Promise, but env\.host_log is not in options\.asyncImports/);
      equal(await rt.exports.add_async(1, 2), 30, 'the module afterwards');
    },
  },
  {
    name: 'a WASI command: arguments, environment, output through suspensions, exit code',
    async run(ctx) {
      let out = '';
      const wasi = new Wasi({ args: ['cmd', 'one', 'two'], env: { WHO: 'tester' }, stdout: (s) => { out += s; } });
      const rt = await instantiate(ctx.load('command'), env(), { wasi });
      const e = await rejects(() => rt.exports._start(), '_start() exits');
      ok(e instanceof WasiExit, `a WasiExit (got ${e && e.name})`);
      equal(e.code, 4, 'exit code argc + 1');
      equal(out, 'argv[0] = cmd\nargv[1] = one\nargv[2] = two\nWHO = tester\n', 'stdout');
      ok(rt.stats.unwinds >= 3, `suspended at each sleep_ms (${rt.stats.unwinds})`);
    },
  },
  {
    name: 'an import may call an export; the nested call runs at once',
    async run(ctx) {
      let rt;
      const nested = [];
      rt = await load(ctx, 'program', env({ host_log: (x) => nested.push(rt.exports.plain(x)) }));
      equal(await rt.exports.sleepy(1, 1), 1, 'sleepy(1, 1)');
      equal(nested, [3, 303], 'plain() called from host_log returned values, not Promises');
      // A nested call cannot suspend: the import's JS frame is in the way.
      const inner = await load(ctx, 'program', env({ host_log: (x) => { if (x === 5) inner.exports.add_async(1, 2); } }));
      await rejects(() => inner.exports.sleepy(5, 1), 'a nested call that suspends', /inside an import|suspend/);
      equal(await inner.exports.add_async(2, 2), 40, 'the module afterwards');
    },
  },
];

export const memory64 = [
  {
    name: 'a 64-bit memory: BigInt pointers, {i64 current, i64 end} data blocks',
    async run(ctx) {
      const rt = await instantiate(ctx.load('mem64'), { env: { get: () => delay(1, 1000n) } }, { dataSize: 4096 });
      equal(await rt.exports.sum(10n), 1055n, 'sum(10n)');
      if (ctx.backend !== 'asyncify') return;
      const small = await instantiate(ctx.load('mem64'), { env: { get: () => delay(1, 1000n) } }, { dataSize: 64 });
      const e = await rejects(() => small.exports.sum(100n), 'sum(100n) in 64 bytes', /needed \d+ bytes/);
      const exact = await instantiate(ctx.load('mem64'), { env: { get: () => delay(1, 1000n) } }, { dataSize: e.bytesNeeded });
      equal(await exact.exports.sum(100n), 6050n, 'sum(100n) with exactly bytesNeeded');
    },
  },
];

export const asyncifyOnly = [
  {
    name: 'overflow: an Error that says how many bytes were needed; that many are enough',
    async run(ctx) {
      const rt = await load(ctx, 'program', env(), { dataSize: 512 });
      const e = await rejects(() => rt.exports.deep(100), 'deep(100) in 512 bytes', /needed \d+ bytes.*dataSize/);
      ok(e instanceof DataBlockOverflowError, 'a DataBlockOverflowError');
      ok(e.bytesNeeded > 512, `bytesNeeded ${e.bytesNeeded} > 512`);
      equal(await rt.exports.add_async(1, 2), 30, 'the module after an overflow');
      const exact = await load(ctx, 'program', env(), { dataSize: e.bytesNeeded });
      const roomy = await load(ctx, 'program', env());
      equal(await exact.exports.deep(100), await roomy.exports.deep(100), 'deep(100) with exactly bytesNeeded');
      equal(exact.stats.peakDataBytes, e.bytesNeeded, 'peak bytes used = bytesNeeded');
      const short = await load(ctx, 'program', env(), { dataSize: e.bytesNeeded - 1 });
      await rejects(() => short.exports.deep(100), 'one byte less', /overflow/);
    },
  },
  {
    name: 'data blocks from a region the user names',
    async run(ctx) {
      const m = await instantiate(ctx.load('multi'), { env: { pair: (x) => delay(1, [x, 1]), big: (x) => x } },
                                  { memoryFor: { address: 40000, size: 4096 }, dataSize: 512 });
      equal(await Promise.all([m.exports.sum_pair(1), m.exports.sum_pair(2)]), [9, 19], 'sum_pair');
      const dv = new DataView(m.memory.buffer);
      const current = dv.getUint32(40000, true);
      ok(current >= 40016 && current < 40016 + 512, `the block's header at 40000 (current ${current})`);
    },
  },
  {
    name: 'a coroutine may be driven from inside an import (it suspends to the import, not past it)',
    async run(ctx) {
      let g;
      const got = [];
      const rt = await load(ctx, 'program', env({ host_log: (x) => { got.push(g.next(x).value); } }));
      g = rt.coroutine('generator', 4, 2);
      equal(await rt.exports.sleepy(1, 1), 1, 'sleepy(1, 1)');
      equal(got, [400, 401], 'values yielded into host_log');
      equal(g.next(7), { done: true, value: 101 + 7 }, 'the coroutine finishes with what it was sent');
    },
  },
  {
    name: 'data blocks from allocate/release: one per call suspended at once, pooled, released on request',
    async run(ctx) {
      const allocs = [], frees = [];
      const make = async (options) => {
        let m;
        m = await instantiate(ctx.load('multi'), { env: { pair: (x) => delay(1, [x, 1]), big: (x) => x } }, {
          memoryFor: { allocate: (n) => { const p = m.raw.malloc(n); allocs.push(p); return p; }, release: (p) => frees.push(p) },
          dataSize: 1024, // the module's bump allocator has one page
          ...options,
        });
        return m;
      };
      const q = await make({});
      equal(await Promise.all([q.exports.sum_pair(1), q.exports.sum_pair(2), q.exports.sum_pair(3)]), [9, 19, 29], 'queued');
      equal(allocs.length, 1, 'queued calls reuse one pooled block');
      const c = await make({ concurrency: 'concurrent', shadowStack: 'none' });
      equal(await Promise.all([c.exports.sum_pair(1), c.exports.sum_pair(2), c.exports.sum_pair(3)]), [9, 19, 29], 'concurrent');
      equal(allocs.length, 4, 'three blocks for three calls suspended at once');
      equal(await c.exports.sum_pair(4), 39, 'a later call');
      equal(allocs.length, 4, '... takes a pooled block');
      c.releasePooledMemory();
      equal(frees, allocs.slice(1), 'releasePooledMemory() gives the pooled blocks back');
    },
  },
  {
    name: 'a Promise outside a runtime call, or a block past the memory, is refused with a clear error',
    async run(ctx) {
      const rt = await load(ctx, 'program', env());
      await rejects(() => rt.raw.add_async(1, 2), 'raw export', /outside any call made through the runtime/);
      const small = await instantiate(ctx.load('multi'), { env: { pair: (x) => delay(1, [x, 1]), big: (x) => x } });
      await rejects(() => small.exports.sum_pair(1), 'a default-size block in a one-page memory',
                    /past the end of the memory \(65536 bytes\)/);
      equal(await rt.exports.add_async(1, 2), 30, 'the module afterwards');
    },
  },
];

export { CheckFailed };
