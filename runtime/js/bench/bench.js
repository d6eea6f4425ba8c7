// What the runtime costs: export calls that do not suspend, suspensions on
// an already-resolved Promise, coroutine yields, poll-handle frames. Runs in
// Node and in a browser page (run.mjs drives both).
import { instantiate, yieldValue } from '../index.js';
import { Wasi } from '../wasi.js';

function env(over) {
  return { env: {
    fetch_value: (x) => Promise.resolve(x * 10), fetch_i64: (x) => Promise.resolve(x), fetch_f64: (x) => Promise.resolve(x),
    sleep_ms: () => Promise.resolve(), yield_value: (v) => yieldValue(v), wait_frame: () => yieldValue(), host_log() {},
    ...over,
  } };
}

const now = () => performance.now();

export async function runBench(load, backend) {
  const rt = await instantiate(load('program'), env(), { wasi: new Wasi() });
  if (rt.backendName !== backend) throw new Error(`backend ${rt.backendName}, expected ${backend}`);
  const out = { backend };
  const N = 200000;
  let t = now();
  for (let i = 0; i < N; i++) rt.raw.plain(i);
  out.rawCallNs = ((now() - t) * 1e6) / N;
  if (backend === 'asyncify') {
    t = now();
    for (let i = 0; i < N; i++) rt.exports.plain(i);
    out.wrappedCallNs = ((now() - t) * 1e6) / N;
  }
  t = now();
  for (let i = 0; i < N / 10; i++) await rt.exports.plain(i);
  out.wrappedCallAwaitedNs = ((now() - t) * 1e6) / (N / 10);
  const S = 20000; // add_async suspends twice
  t = now();
  for (let i = 0; i < S; i++) await rt.exports.add_async(i, 1);
  out.suspendResumeUs = ((now() - t) * 1e3) / (2 * S);
  const Y = 100000;
  const g = rt.coroutine('generator', 1, Y);
  t = now();
  for (let r = await g.next(); !r.done; r = await g.next(1));
  out.coroutineYieldUs = ((now() - t) * 1e3) / Y;
  const F = 100000;
  const h = rt.start('frame_loop', F);
  t = now();
  while (!h.done) { h.resume(); if (backend === 'jspi') await null; }
  out.pollFrameUs = ((now() - t) * 1e3) / F;
  out.unwinds = rt.stats.unwinds;
  out.peakDataBytes = rt.stats.peakDataBytes;
  for (const k of Object.keys(out)) if (typeof out[k] === 'number') out[k] = Math.round(out[k] * 1000) / 1000;
  return out;
}
