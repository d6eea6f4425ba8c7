#!/usr/bin/env node
// The runtime benchmark host (driven by run.py in this directory).
//
//   node --no-liftoff --expose-gc host.mjs CONFIG.json
//
// CONFIG: { "args": ["prog", "1000"], "runs": 5, "warmup": 1,
//           "frame_samples": 2000, "data_size": 1048000,
//           "variants": [{ "name": "base", "file": "base.wasm", "rewritten": false }, ...] }
//
// Every variant is a WASI command module (wasm32) importing env.yield_now().
// In an unrewritten variant yield_now returns at once. In a rewritten one
// (Binaryen's Asyncify ABI) every call really suspends: yield_now, in the
// normal state, fills the data block {current, end} and calls
// asyncify_start_unwind; _start returns in state 1; the host calls
// asyncify_stop_unwind, reads `current` (the bytes the unwound frames took),
// awaits an already resolved promise (one microtask: no timer noise),
// calls asyncify_start_rewind and _start again; yield_now, reached in state
// 2, calls asyncify_stop_rewind and returns.
//
// Runs are interleaved: warmup runs of every variant first (untimed; they
// also sample the number of wasm frames on the stack at each unwind, from a
// stack trace), then `runs` rounds, each timing every variant once, the
// order rotating from round to round. Each run is a fresh instance of the
// compiled module (V8 shares the compiled code; --no-liftoff makes it
// optimized code from the start), and a GC runs before it. The time is the
// wall time from the first call of _start to the end of the computation,
// every unwind, microtask and rewind included; compiling and instantiating
// are not. The process's CPU time (user + system, all threads) over the same
// interval is recorded too: less sensitive to other load on the machine.
//
// Standard output: one JSON object, { variants: { NAME: {...} } }.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

Error.stackTraceLimit = 1000;

class ProcExit { constructor(code) { this.code = code; } }
class HostError extends Error {}

function wasiImports(ctx) {
  const dv = () => new DataView(ctx.memory.buffer);
  const u8 = () => new Uint8Array(ctx.memory.buffer);
  const putStrings = (list, ptrs, buf) => {
    const d = dv(), m = u8();
    for (const s of list) {
      d.setUint32(ptrs, buf, true); ptrs += 4;
      const b = Buffer.from(s + '\0');
      m.set(b, buf); buf += b.length;
    }
    return 0;
  };
  const sizes = (list, c, s) => {
    const d = dv();
    d.setUint32(c, list.length, true);
    d.setUint32(s, list.reduce((n, x) => n + Buffer.byteLength(x) + 1, 0), true);
    return 0;
  };
  return {
    args_sizes_get: (c, s) => sizes(ctx.args, c, s),
    args_get: (p, b) => putStrings(ctx.args, p, b),
    environ_sizes_get: (c, s) => sizes([], c, s),
    environ_get: () => 0,
    fd_write(fd, iovs, n, nwritten) {
      const d = dv();
      let total = 0;
      for (let i = 0; i < n; i++) {
        const p = d.getUint32(iovs + 8 * i, true), len = d.getUint32(iovs + 8 * i + 4, true);
        const s = Buffer.from(ctx.memory.buffer, p, len).toString();
        if (fd === 1) ctx.out += s; else ctx.err += s;
        total += len;
      }
      d.setUint32(nwritten, total, true);
      return 0;
    },
    fd_close: () => 0,
    fd_seek: () => 70, // ESPIPE
    fd_fdstat_get(fd, p) {
      const d = dv();
      for (let i = 0; i < 24; i++) d.setUint8(p + i, 0);
      d.setUint8(p, 2); // character device: libc line-buffers stdout
      return 0;
    },
    proc_exit(code) { throw new ProcExit(code); },
  };
}

function wasmFrames() {
  let n = 0;
  for (const line of new Error().stack.split('\n')) if (line.includes('wasm://')) n++;
  return n;
}

class Variant {
  constructor(spec, cfg) {
    this.name = spec.name;
    this.file = spec.file;
    this.rewritten = !!spec.rewritten;
    this.module = new WebAssembly.Module(fs.readFileSync(spec.file));
    this.cfg = cfg;
    this.times = [];
    this.cpu = [];
    this.outputs = new Set();
    this.error = null;
    this.unwinds = [];
    this.bytes = { count: 0, sum: 0, min: Infinity, max: 0 };
    this.frames = { count: 0, frames: 0, bytes: 0, min: Infinity, max: 0 };
  }

  async run({ timed, sample }) {
    const cfg = this.cfg;
    const ctx = { args: cfg.args, out: '', err: '', memory: null };
    let ex = null, block = 0, unwinds = 0, pendingFrames = -1;
    const dataSize = cfg.data_size;
    const self = this;
    const yieldNow = this.rewritten
      ? function yield_now() {
        const s = ex.asyncify_get_state();
        if (s === 2) { ex.asyncify_stop_rewind(); return; }
        if (s !== 0) throw new HostError(`yield_now called in state ${s}`);
        if (sample && self.frames.count < cfg.frame_samples) pendingFrames = wasmFrames();
        const d = new DataView(ctx.memory.buffer);
        d.setUint32(block, block + 8, true);
        d.setUint32(block + 4, block + 8 + dataSize, true);
        ex.asyncify_start_unwind(block);
      }
      : function yield_now() {};
    const instance = new WebAssembly.Instance(this.module, {
      env: { yield_now: yieldNow },
      wasi_snapshot_preview1: wasiImports(ctx),
    });
    ex = instance.exports;
    ctx.memory = ex.memory;
    // The data block: a static buffer the program exports (bench.h): pages
    // the host would add with memory.grow before _start are not safe, since
    // wasi-libc's malloc takes all memory up to memory.size as its heap.
    block = ex.bench_data_block();
    if (ex.bench_data_block_size() < dataSize + 8) throw new HostError(`the program's data block is smaller than ${dataSize + 8} bytes`);
    if (globalThis.gc) globalThis.gc();
    let code = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    try {
      ex._start();
      if (this.rewritten) {
        while (ex.asyncify_get_state() === 1) {
          ex.asyncify_stop_unwind();
          const d = new DataView(ctx.memory.buffer);
          const used = d.getUint32(block, true) - (block + 8);
          if (used > dataSize || used < 0) throw new HostError(`data block overflow or corruption: current-start = ${used}`);
          unwinds++;
          if (pendingFrames >= 0) {
            const f = this.frames;
            f.count++; f.frames += pendingFrames; f.bytes += used;
            f.min = Math.min(f.min, pendingFrames); f.max = Math.max(f.max, pendingFrames);
            pendingFrames = -1;
          }
          if (timed) {
            const b = this.bytes;
            b.count++; b.sum += used; b.min = Math.min(b.min, used); b.max = Math.max(b.max, used);
          }
          await null; // one microtask
          ex.asyncify_start_rewind(block);
          ex._start();
        }
        const s = ex.asyncify_get_state();
        if (s !== 0) throw new HostError(`_start returned in state ${s}`);
      }
    } catch (e) {
      if (e instanceof ProcExit) code = e.code;
      else throw e;
    }
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    if (code !== 0) throw new HostError(`exit code ${code}; stdout: ${ctx.out.trim()} stderr: ${ctx.err.trim()}`);
    this.outputs.add(ctx.out);
    if (timed) { this.times.push(t1 - t0); this.cpu.push((c1.user + c1.system) / 1000); this.unwinds.push(unwinds); }
    else this.warmup_ms = t1 - t0;
  }

  result() {
    const b = this.bytes, f = this.frames;
    return {
      file: this.file,
      rewritten: this.rewritten,
      error: this.error,
      times_ms: this.times,
      cpu_ms: this.cpu,
      warmup_ms: this.warmup_ms ?? null,
      outputs: [...this.outputs],
      unwinds: this.unwinds,
      bytes_per_unwind: b.count ? { count: b.count, avg: b.sum / b.count, min: b.min, max: b.max } : null,
      frames: f.count ? { samples: f.count, avg_frames: f.frames / f.count, min: f.min, max: f.max,
                          bytes_per_frame: f.bytes / f.frames } : null,
    };
  }
}

async function main() {
  const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  cfg.runs ??= 5;
  cfg.warmup ??= 1;
  cfg.frame_samples ??= 2000;
  cfg.data_size ??= (1 << 20) - 8;
  const variants = cfg.variants.map((v) => new Variant(v, cfg));
  const attempt = async (v, opts) => {
    if (v.error) return;
    try { await v.run(opts); } catch (e) {
      v.error = e instanceof WebAssembly.RuntimeError ? `trap: ${e.message}` : `${e && e.message ? e.message : e}`;
    }
  };
  for (let w = 0; w < cfg.warmup; w++) for (const v of variants) await attempt(v, { timed: false, sample: w === 0 });
  for (let r = 0; r < cfg.runs; r++) {
    for (let i = 0; i < variants.length; i++) await attempt(variants[(i + r) % variants.length], { timed: true, sample: false });
  }
  const out = { node: process.version, v8: process.versions.v8, execArgv: process.execArgv, variants: {} };
  for (const v of variants) out.variants[v.name] = v.result();
  process.stdout.write(JSON.stringify(out) + '\n');
}

await main();
