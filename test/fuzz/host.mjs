#!/usr/bin/env node
// The differential-fuzzing host: runs a module made by Binaryen's
// translate-to-fuzz (`wasm-opt -ttf`) and prints a canonical transcript of
// everything it computes, in one of two modes.
//
//   sync   the module as the fuzzer wrote it: imports return at once.
//   async  the module after wasm-asyncify rewrote it with every import
//          async: EVERY import call (in the normal state) computes its
//          result, prints its line, starts an unwind and returns; when the
//          export has returned in state 1 the host stops the unwind, starts a
//          rewind and calls the same export again with the same arguments;
//          the import, reached again in state 2, stops the rewind and returns
//          the recorded result.
//
// Usage: node host.mjs [--mode sync|async|compile] [--data-size N] [--no-mem-check] MODULE.wasm
//
// The two transcripts of a module and of its rewritten form must be byte for
// byte identical. A transcript is, for each exported function in export
// order (the asyncify_* exports excepted; Binaryen's hangLimitInitializer,
// when there is one, is also called before every export, as Binaryen's own
// JS wrapper does; the instance is never reset):
//
//   call NAME(ARGS)
//   log TYPE VALUE          one per call of a fuzzing-support.log-* import
//   ret-T(ARGS) -> VALUE    one per call of an env.ret-* import (differential.py adds them)
//   = RESULT | trap: MESSAGE | exception | js-error: CLASS: MESSAGE
//
// Values are printed exactly: integers in decimal, floats as their bit
// pattern (`f32:0x3fc00000`, `-0` included) except that every NaN prints as
// `nan` (a NaN's payload does not survive the JS boundary), v128 as two hex
// i64 lanes. Arguments are fixed functions of the parameter's type and
// position.
//
// The data block. In async mode the host must put the saved frames somewhere
// in the module's own memory, and any bytes it takes there are bytes the
// program may read (fuzzed programs load and store at arbitrary addresses,
// and grow memory). So the block is invisible to the program: it lives at the
// top of the memory as it was at instantiation, and around each unwind the
// host saves the program's bytes there, lets the unwind write the frames,
// copies the frames out and puts the program's bytes back; around each
// rewind it does the same in reverse, until the import is reached in state
// 2. No program code runs in between (unwinding and rewinding skip it), so
// the program never sees the block and needs no extra page.
//
// Checks in async mode (each is a host error, exit 99): the import reached
// while rewinding is the one that unwound; an import never sees state 1; the
// export never returns in state 2; `end` is unchanged after an unwind,
// `current` is within [start, end]; nothing is written past `current` in the
// block; and (unless --no-mem-check) no byte of memory outside the block
// changes while unwinding or while rewinding.
//
// Exit status: 0 (the transcript is complete; traps are part of it),
// 97 data block overflow, 98 the module cannot be compiled or instantiated,
// 99 host error (a broken protocol).
import fs from 'node:fs';

const EXIT_OVERFLOW = 97;
const EXIT_NO_INSTANCE = 98;
const EXIT_HOST_ERROR = 99;
const GUARD = 0xa5;
const ASYNCIFY_EXPORTS = new Set(['asyncify_start_unwind', 'asyncify_stop_unwind', 'asyncify_start_rewind',
                                  'asyncify_stop_rewind', 'asyncify_get_state']);

// FUZZ_HOST_MUTATE=1: return a wrong value on rewind, to check that the harness notices.
const MUTATE = process.env.FUZZ_HOST_MUTATE === '1';

class HostError extends Error {}
class Overflow extends Error {}

// ---------------------------------------------------------------- output

const lines = [];
const out = (s) => lines.push(s);
function flush() {
  const buf = Buffer.from(lines.length ? lines.join('\n') + '\n' : '');
  let off = 0;
  while (off < buf.length) {
    try { off += fs.writeSync(1, buf, off, buf.length - off); } catch (e) { if (e.code !== 'EAGAIN') throw e; }
  }
  lines.length = 0;
}
const diag = (msg) => process.stderr.write(`host: ${msg}\n`);

// ---------------------------------------------------------------- values

const f32buf = new DataView(new ArrayBuffer(4));
const f64buf = new DataView(new ArrayBuffer(8));
const hex = (n, w) => '0x' + n.toString(16).padStart(w, '0');

function fmt(type, v) {
  switch (type) {
    case 'i32': return `${v | 0}`;
    case 'i64': return `${BigInt.asIntN(64, BigInt(v))}`;
    case 'f32':
      if (Number.isNaN(v)) return 'nan';
      f32buf.setFloat32(0, v);
      return `f32:${hex(f32buf.getUint32(0), 8)}`;
    case 'f64':
      if (Number.isNaN(v)) return 'nan';
      f64buf.setFloat64(0, v);
      return `f64:${hex(f64buf.getBigUint64(0), 16)}`;
    default:
      return v === null ? 'null' : `<${type}>`;
  }
}

// Deterministic arguments: a fixed value per type and parameter position.
const ARGS = {
  i32: [0, 1, -1, 7, 0x7fffffff, -0x80000000, 65536],
  i64: [0n, 1n, -1n, 7n, 0x7fffffffffffffffn, -0x8000000000000000n, 4294967296n],
  f32: [0, 1.5, -0, -2.25, Infinity, 3.4028234663852886e38, 1e-40],
  f64: [0, 1.5, -0, -2.25, -Infinity, 1.7976931348623157e308, 5e-324],
};
function argFor(type, k) {
  const list = ARGS[type];
  return list ? list[k % list.length] : null;
}

// ---------------------------------------------------------------- module reader

// Just enough of the binary format to know every function's signature, the
// imports and the exports (and whether memory 0 is 64-bit).
const VALTYPES = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };

function readModule(bytes) {
  const b = bytes;
  let p = 8;
  const u = () => {
    let result = 0, mul = 1, byte;
    do { byte = b[p++]; result += (byte & 0x7f) * mul; mul *= 128; } while (byte & 0x80);
    return result;
  };
  const s = () => { // signed LEB, only skipped
    let byte;
    do { byte = b[p++]; } while (byte & 0x80);
  };
  const name = () => { const n = u(); const str = Buffer.from(b.subarray(p, p + n)).toString('utf8'); p += n; return str; };
  const valtype = () => {
    const t = b[p++];
    if (t === 0x63 || t === 0x64) { s(); return 'ref'; }
    return VALTYPES[t] ?? `t${t.toString(16)}`;
  };
  const limits = () => { const flags = u(); u(); if (flags & 1) u(); return flags; };
  const types = [], funcs = [], imports = [], exports = [];
  let memory64 = null;
  while (p < b.length) {
    const id = b[p++];
    const size = u();
    const end = p + size;
    if (id === 1) {
      for (let n = u(); n > 0; n--) {
        const form = b[p++];
        if (form !== 0x60) throw new HostError(`unsupported type form 0x${form.toString(16)}`);
        const params = []; for (let k = u(); k > 0; k--) params.push(valtype());
        const results = []; for (let k = u(); k > 0; k--) results.push(valtype());
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = u(); n > 0; n--) {
        const module = name(), field = name(), kind = b[p++];
        if (kind === 0) { const t = u(); funcs.push(types[t]); imports.push({ module, field, kind: 'function', type: types[t] }); }
        else if (kind === 1) { valtype(); limits(); imports.push({ module, field, kind: 'table' }); }
        else if (kind === 2) { const f = limits(); if (memory64 === null) memory64 = (f & 4) !== 0; imports.push({ module, field, kind: 'memory' }); }
        else if (kind === 3) { valtype(); p++; imports.push({ module, field, kind: 'global' }); }
        else if (kind === 4) { p++; u(); imports.push({ module, field, kind: 'tag' }); }
        else throw new HostError(`unknown import kind ${kind}`);
      }
    } else if (id === 3) {
      for (let n = u(); n > 0; n--) funcs.push(types[u()]);
    } else if (id === 5) {
      for (let n = u(); n > 0; n--) { const f = limits(); if (memory64 === null) memory64 = (f & 4) !== 0; }
    } else if (id === 7) {
      for (let n = u(); n > 0; n--) {
        const nm = name(), kind = b[p++], index = u();
        exports.push({ name: nm, kind, type: kind === 0 ? funcs[index] : null });
      }
    }
    p = end;
  }
  return { imports, exports, memory64: !!memory64 };
}

// ---------------------------------------------------------------- v128 logging

// JS cannot receive a v128, so log-v128 goes through this wasm shim: it
// splits the vector into two i64 lanes and calls the JS import `h.v`.
//   (module (import "h" "v" (func (param i64 i64)))
//     (func (export "log") (param v128)
//       (call 0 (i64x2.extract_lane 0 (local.get 0)) (i64x2.extract_lane 1 (local.get 0)))))
// It is a leaf with no state, so an unwind started inside `h.v` simply
// returns through it, and a rewind calls it again.
const SHIM = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0a, 0x02, 0x60,
  0x02, 0x7e, 0x7e, 0x00, 0x60, 0x01, 0x7b, 0x00, 0x02, 0x07, 0x01, 0x01,
  0x68, 0x01, 0x76, 0x00, 0x00, 0x03, 0x02, 0x01, 0x01, 0x07, 0x07, 0x01,
  0x03, 0x6c, 0x6f, 0x67, 0x00, 0x01, 0x0a, 0x10, 0x01, 0x0e, 0x00, 0x20,
  0x00, 0xfd, 0x1d, 0x00, 0x20, 0x00, 0xfd, 0x1d, 0x01, 0x10, 0x00, 0x0b,
]);

// ---------------------------------------------------------------- the host

class Host {
  constructor(bytes, { mode, dataSize, memCheck }) {
    this.bytes = bytes;
    this.mode = mode;
    this.dataSize = dataSize;
    this.memCheck = memCheck;
    this.pending = null;
    this.unwinds = 0;
    this.tempRet0 = 0;
    this.retCalls = 0;
  }

  // What each import does, apart from suspending: returns its result.
  implementation(imp) {
    const full = `${imp.module}.${imp.field}`;
    if (imp.module === 'fuzzing-support' && imp.field.startsWith('log-')) {
      const t = imp.field.slice(4);
      if (t === 'v128') return null; // through the shim
      const params = imp.type.params;
      return (...args) => { out(`log ${t} ${args.map((a, i) => fmt(params[i], a)).join(' ')}`); };
    }
    if (imp.module === 'env' && imp.field.startsWith('ret-')) {
      // Added by differential.py: a value from the arguments and a call
      // counter, so a result that is lost, reused or returned to the wrong
      // call shows.
      const { params, results } = imp.type;
      return (...args) => {
        let h = Math.imul(++this.retCalls, 0x9e3779b1);
        for (let i = 0; i < args.length; i++) {
          const a = params[i] === 'i64' ? Number(BigInt.asIntN(32, args[i] ^ (args[i] >> 32n)))
            : params[i] === 'i32' ? args[i] : Math.fround(args[i]) * 1000;
          h = Math.imul(h ^ (a | 0), 0x85ebca6b) ^ (h >>> 13);
        }
        let v;
        switch (results[0]) {
          case 'i32': v = h | 0; break;
          case 'i64': v = (BigInt(h | 0) << 20n) ^ BigInt(this.retCalls); break;
          case 'f32': v = Math.fround((h % 100000) / 64); break;
          case 'f64': v = (h | 0) / 1024 + this.retCalls / 3; break;
          default: v = undefined;
        }
        out(`${imp.field}(${args.map((a, i) => fmt(params[i], a)).join(', ')})` +
            (results.length ? ` -> ${fmt(results[0], v)}` : ''));
        return v;
      };
    }
    if (full === 'env.setTempRet0') return (x) => { this.tempRet0 = x | 0; };
    if (full === 'env.getTempRet0') return () => this.tempRet0;
    throw new HostError(`no implementation for import ${full}`);
  }

  zeroOf(type) {
    const r = type.results;
    if (r.length === 0) return undefined;
    const z = (t) => (t === 'i64' ? 0n : t === 'i32' || t === 'f32' || t === 'f64' ? 0 : null);
    return r.length === 1 ? z(r[0]) : r.map(z);
  }

  wrap(full, type, fn) {
    if (this.mode === 'sync') return fn;
    const zero = this.zeroOf(type);
    return (...args) => {
      const ex = this.exports;
      const state = ex.asyncify_get_state();
      if (state === 2) {
        const p = this.pending;
        if (!p) throw new HostError(`${full} reached while rewinding, with nothing pending`);
        if (p.name !== full) throw new HostError(`rewinding reached ${full}, but the unwind started in ${p.name}`);
        this.checkOutside(p.snapshot, 'rewinding');
        ex.asyncify_stop_rewind();
        this.region().set(p.programBytes); // the program's bytes back where the block was
        this.pending = null;
        if (MUTATE && typeof p.value === 'number') return p.value + 1; // harness self-test only
        return p.value;
      }
      if (state !== 0) throw new HostError(`${full} called in state ${state}`);
      if (this.pending) throw new HostError(`${full} called while ${this.pending.name} is pending`);
      const value = fn(...args);
      const programBytes = this.region().slice();
      this.initBlock();
      const snapshot = this.memCheck ? this.u8().slice() : null;
      ex.asyncify_start_unwind(this.ptr(this.blockAddr));
      this.pending = { name: full, value, programBytes, snapshot };
      this.unwinds++;
      return zero;
    };
  }

  async instantiate() {
    let module;
    try { module = await WebAssembly.compile(this.bytes); } catch (e) {
      diag(`cannot compile: ${e.message}`);
      process.exitCode = EXIT_NO_INSTANCE;
      throw e;
    }
    this.info = readModule(this.bytes);
    const imports = {};
    let shimNeeded = null;
    for (const imp of this.info.imports) {
      const full = `${imp.module}.${imp.field}`;
      if (imp.kind !== 'function') throw new HostError(`cannot provide a ${imp.kind} import ${full}`);
      const impl = this.implementation(imp);
      if (impl === null) { shimNeeded = imp; continue; }
      (imports[imp.module] ??= {})[imp.field] = this.wrap(full, imp.type, impl);
    }
    if (shimNeeded) {
      const full = `${shimNeeded.module}.${shimNeeded.field}`;
      const v = (lo, hi) => { out(`log v128 ${hex(BigInt.asUintN(64, lo), 16)} ${hex(BigInt.asUintN(64, hi), 16)}`); };
      const shim = await WebAssembly.instantiate(SHIM, { h: { v: this.wrap(full, { params: ['i64', 'i64'], results: [] }, v) } });
      (imports[shimNeeded.module] ??= {})[shimNeeded.field] = shim.instance.exports.log;
    }
    try {
      this.instance = await WebAssembly.instantiate(module, imports);
    } catch (e) {
      diag(`cannot instantiate: ${e.message}`);
      process.exitCode = EXIT_NO_INSTANCE;
      throw e;
    }
    this.exports = this.instance.exports;
    if (this.mode === 'async') {
      for (const n of ASYNCIFY_EXPORTS)
        if (typeof this.exports[n] !== 'function') throw new HostError(`the module does not export ${n}`);
      this.memory = Object.values(this.exports).find((x) => x instanceof WebAssembly.Memory);
      if (!this.memory) throw new HostError('the module exports no memory');
      // The block: [current, end][frames ...][guard], at the top of memory.
      const len = this.memory.buffer.byteLength;
      this.hdr = this.info.memory64 ? 16 : 8;
      const size = Math.min(this.dataSize, len - this.hdr - 64);
      if (size < 256) throw new HostError(`memory too small for a data block (${len} bytes)`);
      this.blockSize = size;
      this.regionLen = this.hdr + size + 64;
      this.blockAddr = (len - this.regionLen) & ~15;
    }
  }

  u8() { return new Uint8Array(this.memory.buffer); }
  region() { return new Uint8Array(this.memory.buffer, this.blockAddr, this.regionLen); }
  ptr(n) { return this.info.memory64 ? BigInt(n) : n; }
  header() {
    const dv = new DataView(this.memory.buffer);
    return this.info.memory64
      ? [Number(dv.getBigUint64(this.blockAddr, true)), Number(dv.getBigUint64(this.blockAddr + 8, true))]
      : [dv.getUint32(this.blockAddr, true), dv.getUint32(this.blockAddr + 4, true)];
  }
  initBlock() {
    const r = this.region();
    r.fill(GUARD);
    const dv = new DataView(this.memory.buffer);
    const start = this.blockAddr + this.hdr, end = start + this.blockSize;
    if (this.info.memory64) {
      dv.setBigUint64(this.blockAddr, BigInt(start), true);
      dv.setBigUint64(this.blockAddr + 8, BigInt(end), true);
    } else {
      dv.setUint32(this.blockAddr, start, true);
      dv.setUint32(this.blockAddr + 4, end, true);
    }
  }
  checkOutside(snapshot, what) {
    if (!snapshot) return;
    const now = this.u8();
    const a = this.blockAddr, z = this.blockAddr + this.regionLen;
    if (now.length !== snapshot.length) throw new HostError(`memory size changed while ${what}`);
    const cmp = (x, y) => Buffer.compare(Buffer.from(now.buffer, x, y - x), Buffer.from(snapshot.buffer, x, y - x));
    if (cmp(0, a) !== 0 || cmp(z, now.length) !== 0) {
      let i = 0;
      while (i < now.length && (now[i] === snapshot[i] || (i >= a && i < z))) i++;
      throw new HostError(`memory outside the data block changed while ${what} (first at byte ${i})`);
    }
  }

  // After an export returned in state 1: check the frames, keep them, and
  // give the program its bytes back.
  afterUnwind() {
    const p = this.pending;
    if (!p) throw new HostError('the export returned unwinding, but no import started an unwind');
    const [cur, end] = this.header();
    const start = this.blockAddr + this.hdr;
    if (end !== start + this.blockSize) throw new HostError(`the data block's end changed from ${start + this.blockSize} to ${end}`);
    if (cur > end) {
      diag(`data block overflow: needed ${cur - start} bytes, the block has ${this.blockSize}`);
      throw new Overflow();
    }
    if (cur < start) throw new HostError(`current (${cur}) went below the block's start (${start})`);
    const r = this.region();
    for (let i = cur - this.blockAddr; i < this.regionLen; i++)
      if (r[i] !== GUARD) throw new HostError(`the unwind wrote past current (byte ${i - this.hdr} of the block, ${cur - start} used)`);
    this.checkOutside(p.snapshot, 'unwinding');
    this.exports.asyncify_stop_unwind();
    p.frames = r.slice();
    r.set(p.programBytes);
  }

  beforeRewind() {
    const p = this.pending;
    p.programBytes = this.region().slice();
    this.region().set(p.frames);
    p.snapshot = this.memCheck ? this.u8().slice() : null;
    this.exports.asyncify_start_rewind(this.ptr(this.blockAddr));
  }

  callExport(name, args) {
    const f = this.exports[name];
    let r = f(...args);
    if (this.mode === 'async') {
      const ex = this.exports;
      while (ex.asyncify_get_state() === 1) {
        this.afterUnwind();
        this.beforeRewind();
        r = f(...args);
      }
      const s = ex.asyncify_get_state();
      if (s !== 0) throw new HostError(`${name} returned in state ${s}`);
      if (this.pending) throw new HostError(`${name} returned while ${this.pending.name} is still pending`);
    }
    return r;
  }

  run() {
    if (!this.info) this.info = readModule(this.bytes);
    const hang = this.info.exports.find((e) => e.name === 'hangLimitInitializer' && e.kind === 0);
    for (const e of this.info.exports) {
      if (e.kind !== 0 || ASYNCIFY_EXPORTS.has(e.name)) continue;
      const params = e.type.params, results = e.type.results;
      const args = params.map((t, k) => argFor(t, k));
      out(`call ${e.name}(${args.map((a, k) => fmt(params[k], a)).join(', ')})`);
      if (this.mode === 'async' && this.exports.asyncify_get_state() !== 0)
        throw new HostError(`state ${this.exports.asyncify_get_state()} before calling ${e.name}`);
      try {
        if (hang) this.callExport(hang.name, []);
        const r = this.callExport(e.name, args);
        if (results.length === 0) out('= (none)');
        else if (results.length === 1) out(`= ${fmt(results[0], r)}`);
        else out(`= ${results.map((t, k) => fmt(t, r[k])).join(' ')}`);
      } catch (err) {
        if (err instanceof HostError || err instanceof Overflow) throw err;
        if (err instanceof WebAssembly.RuntimeError) out(`trap: ${err.message}`);
        else if (WebAssembly.Exception && err instanceof WebAssembly.Exception) out('exception');
        else if (err instanceof Error) out(`js-error: ${err.constructor.name}: ${err.message}`);
        else throw err;
        // A trap while unwinding or rewinding leaves the state behind; the
        // next call reports it (the reference run has no such thing).
        this.pending = null;
      }
    }
  }
}

// ---------------------------------------------------------------- command line

async function main(argv) {
  let mode = 'sync', dataSize = 65536, memCheck = true;
  const pos = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--mode') mode = argv[++i];
    else if (argv[i] === '--data-size') dataSize = Number(argv[++i]);
    else if (argv[i] === '--no-mem-check') memCheck = false;
    else pos.push(argv[i]);
  }
  if (pos.length !== 1 || !['sync', 'async', 'compile'].includes(mode)) {
    process.stderr.write('usage: node host.mjs [--mode sync|async|compile] [--data-size N] [--no-mem-check] MODULE.wasm\n');
    process.exit(2);
  }
  let host, code = 0;
  try {
    host = new Host(new Uint8Array(fs.readFileSync(pos[0])), { mode, dataSize, memCheck });
    if (mode === 'compile') await WebAssembly.compile(host.bytes).catch((e) => {
      diag(`cannot compile: ${e.message}`);
      process.exitCode = EXIT_NO_INSTANCE;
      throw e;
    });
    else {
      await host.instantiate();
      host.run();
    }
  } catch (e) {
    if (process.exitCode === EXIT_NO_INSTANCE) code = EXIT_NO_INSTANCE;
    else if (e instanceof Overflow) { out('host: data block overflow'); code = EXIT_OVERFLOW; }
    else if (e instanceof HostError) { out(`host-error: ${e.message}`); diag(`error: ${e.message}`); code = EXIT_HOST_ERROR; }
    else { out(`host-error: ${e && e.stack ? e.stack.split('\n')[0] : e}`); diag(`error: ${e && e.stack ? e.stack : e}`); code = EXIT_HOST_ERROR; }
  }
  flush();
  diag(`mode=${mode} unwinds=${host ? host.unwinds : 0} exit=${code}`);
  process.exit(code);
}

await main(process.argv.slice(2));
