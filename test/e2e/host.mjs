#!/usr/bin/env node
// The end-to-end test host: runs a WebAssembly module in Node under a test
// spec (a JSON file, see README.md in this directory), in one of two modes.
//
//   sync   the module as the compiler wrote it: every import returns at once.
//   async  a module rewritten by wasm-asyncify: a call to one of the spec's
//          async imports in the normal state computes its result, records
//          it, fills the task's data block {current, end}, calls
//          asyncify_start_unwind and returns; the export then returns with
//          state 1, the host calls asyncify_stop_unwind, waits for a real
//          timer, calls asyncify_start_rewind and calls the same export again
//          with the same arguments; the import, reached again with state 2,
//          calls asyncify_stop_rewind and returns the recorded result.
//
// Usage: node host.mjs [--mode sync|async] [--data-size N] SPEC.json MODULE.wasm
//
// The program's standard output is copied to ours byte for byte. On standard
// error the host prints diagnostics (all prefixed "host: ") and, last, one
// summary line: `host: mode=M async-calls=N unwinds=U peak=P exit=E`, where
// P is the most bytes of saved frames a data block held after an unwind.
//
// Exit status: the program's own (proc_exit, or 0 when the entry points
// return), or 97 the data block overflowed (current > end after an unwind),
// 98 the module trapped, 99 the host found an error (a broken protocol, a
// missing import, a write past the end of a data block).
//
// Data blocks live in the module's own memory. A module that exports
// `malloc` (the C programs are linked with --export=malloc) gets them from
// its own allocator: pages the host adds with memory.grow are not safe there,
// since wasi-libc's malloc takes all memory up to the current size as heap on
// its first call. A module without `malloc` (the hand-written .wat cases) gets
// fresh pages from memory.grow. Each block is [header: current, end][frames]
// [guard]; the guard is filled with a pattern before each unwind and checked
// after it.
//
// The module also works as a library (the asyncify-wasm driver imports it):
// Wasi, envFunctions, readSpec, globMatch, specArg, formatValue, memoryFacts.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const EXIT_OVERFLOW = 97;
export const EXIT_TRAP = 98;
export const EXIT_HOST_ERROR = 99;
const GUARD_BYTES = 64;
const GUARD_PATTERN = 0xa5;
const PAGE = 65536;

export class ProcExit extends Error {
  constructor(code) {
    super(`proc_exit(${code})`);
    this.code = code;
  }
}
export class HostError extends Error {}
class Overflow extends Error {}

// ---------------------------------------------------------------- output

function writeAllSync(fd, buf) {
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
    }
  }
}
export const stdout = (buf) => writeAllSync(1, Buffer.isBuffer(buf) ? buf : Buffer.from(buf));
export const stderr = (buf) => writeAllSync(2, Buffer.isBuffer(buf) ? buf : Buffer.from(buf));
export const diag = (msg) => stderr(`host: ${msg}\n`);

// ---------------------------------------------------------------- module facts

// Reads the import and memory sections of a binary module: how many memories
// it has and whether the first one is 64-bit (then the data block is
// {i64 current, i64 end} and pointers are BigInts).
export function memoryFacts(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let p = 8;
  const u = () => {
    let result = 0, mul = 1, byte;
    do {
      byte = b[p++];
      result += (byte & 0x7f) * mul;
      mul *= 128;
    } while (byte & 0x80);
    return result;
  };
  const skipName = () => { const n = u(); p += n; };
  const limits = () => {
    const flags = u();
    u();
    if (flags & 1) u();
    return flags;
  };
  const memories = [];
  while (p < b.length) {
    const id = b[p++];
    const size = u();
    const end = p + size;
    if (id === 2) {
      for (let n = u(); n > 0; n--) {
        skipName();
        skipName();
        const kind = b[p++];
        if (kind === 0) u();
        else if (kind === 1) { p++; limits(); }
        else if (kind === 2) memories.push({ imported: true, memory64: (limits() & 4) !== 0 });
        else if (kind === 3) p += 2;
        else if (kind === 4) { p++; u(); }
        else throw new HostError(`unknown import kind ${kind}`);
      }
    } else if (id === 5) {
      for (let n = u(); n > 0; n--) memories.push({ imported: false, memory64: (limits() & 4) !== 0 });
    }
    p = end;
  }
  return { count: memories.length, memory64: memories.length > 0 && memories[0].memory64,
           imported: memories.length > 0 && memories[0].imported };
}

// ---------------------------------------------------------------- WASI preview1 (a subset)

const ERRNO = { SUCCESS: 0, BADF: 8, INVAL: 28, NOSYS: 52, SPIPE: 70 };

// wasi_snapshot_preview1 for one instance. Everything is deterministic: the
// clock advances 1 ms per reading from a fixed epoch, random_get is a fixed
// xorshift stream. fd 0 is an empty stdin, 1 and 2 are character devices
// (so libc line-buffers stdout: one fd_write per line).
export class Wasi {
  constructor({ args = ['prog'], env = {}, memory, out = stdout, err = stderr }) {
    this.args = args;
    this.env = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    this.memory = memory; // () => WebAssembly.Memory
    this.out = out;
    this.err = err;
    this.clock = 1700000000000000000n;
    this.seed = 0x2545f491;
    this.fdWrites = 0;
  }
  dv() { return new DataView(this.memory().buffer); }
  u8() { return new Uint8Array(this.memory().buffer); }
  putStrings(list, ptrs, buf) {
    const dv = this.dv(), u8 = this.u8();
    for (const s of list) {
      dv.setUint32(ptrs, buf, true);
      ptrs += 4;
      const bytes = Buffer.from(s + '\0');
      u8.set(bytes, buf);
      buf += bytes.length;
    }
    return ERRNO.SUCCESS;
  }
  sizes(list, countPtr, sizePtr) {
    const dv = this.dv();
    dv.setUint32(countPtr, list.length, true);
    dv.setUint32(sizePtr, list.reduce((n, s) => n + Buffer.byteLength(s) + 1, 0), true);
    return ERRNO.SUCCESS;
  }
  imports() {
    const w = this;
    return {
      args_sizes_get: (c, s) => w.sizes(w.args, c, s),
      args_get: (p, b) => w.putStrings(w.args, p, b),
      environ_sizes_get: (c, s) => w.sizes(w.env, c, s),
      environ_get: (p, b) => w.putStrings(w.env, p, b),
      fd_write(fd, iovs, n, nwritten) {
        const dv = w.dv(), u8 = w.u8();
        const parts = [];
        let total = 0;
        for (let i = 0; i < n; i++) {
          const ptr = dv.getUint32(iovs + 8 * i, true), len = dv.getUint32(iovs + 8 * i + 4, true);
          parts.push(Buffer.from(u8.slice(ptr, ptr + len)));
          total += len;
        }
        if (fd === 1) w.out(Buffer.concat(parts));
        else if (fd === 2) w.err(Buffer.concat(parts));
        else return ERRNO.BADF;
        w.fdWrites++;
        dv.setUint32(nwritten, total, true);
        return ERRNO.SUCCESS;
      },
      fd_read(fd, iovs, n, nread) {
        if (fd !== 0) return ERRNO.BADF;
        w.dv().setUint32(nread, 0, true);
        return ERRNO.SUCCESS;
      },
      fd_close: (fd) => (fd <= 2 ? ERRNO.SUCCESS : ERRNO.BADF),
      fd_seek: (fd) => (fd <= 2 ? ERRNO.SPIPE : ERRNO.BADF),
      fd_fdstat_get(fd, ptr) {
        if (fd > 2) return ERRNO.BADF;
        const dv = w.dv();
        for (let i = 0; i < 24; i++) dv.setUint8(ptr + i, 0);
        dv.setUint8(ptr, 2); // CHARACTER_DEVICE
        dv.setBigUint64(ptr + 8, fd === 0 ? 0x2n : 0x40n, true); // FD_READ / FD_WRITE, no seek or tell
        return ERRNO.SUCCESS;
      },
      fd_prestat_get: () => ERRNO.BADF, // no preopened directories
      fd_prestat_dir_name: () => ERRNO.BADF,
      clock_time_get(id, precision, ptr) {
        w.clock += 1000000n;
        w.dv().setBigUint64(ptr, w.clock, true);
        return ERRNO.SUCCESS;
      },
      clock_res_get(id, ptr) {
        w.dv().setBigUint64(ptr, 1000n, true);
        return ERRNO.SUCCESS;
      },
      random_get(buf, len) {
        const u8 = w.u8();
        for (let i = 0; i < len; i++) {
          let x = w.seed;
          x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
          w.seed = x >>> 0;
          u8[buf + i] = w.seed & 0xff;
        }
        return ERRNO.SUCCESS;
      },
      sched_yield: () => ERRNO.SUCCESS,
      proc_exit(code) { throw new ProcExit(code); },
    };
  }
}

// ---------------------------------------------------------------- env imports

// The env imports test programs may use. Results are fixed functions of the
// arguments, so a wrong value anywhere shows in the printed output.
export function envFunctions(out = stdout) {
  const yields = new Map();
  const line = (s) => out(Buffer.from(`${s}\n`));
  return {
    sleep_ms: (ms) => (ms * 7 + 3) | 0,
    async_i32: (x) => (x * 3 + 1) | 0,
    async_i64: (x) => BigInt.asIntN(64, x * 5n - 2n),
    async_f32: (x) => Math.fround(x * 1.5 + 0.25),
    async_f64: (x) => x / 3 + 0.5,
    async_void: () => undefined,
    unlisted_op: (x) => (x + 100) | 0,
    probe: () => undefined,
    // gen_yield(id, value) -> how many values generator `id` has yielded so far.
    gen_yield(id, value) {
      const n = (yields.get(id) || 0) + 1;
      yields.set(id, n);
      return n;
    },
    // References for the module to hold: an object, or null.
    ref_make: (n) => ({ n }),
    ref_value: (r) => (r === null ? -1 : r.n),
    print_i32: (x) => line(x),
    print_i64: (x) => line(x),
    print_f32: (x) => line(formatValue(x)),
    print_f64: (x) => line(formatValue(x)),
  };
}

export function formatValue(v) {
  if (Array.isArray(v)) return v.map(formatValue).join(' ');
  if (typeof v === 'bigint') return `${v}`;
  if (typeof v === 'number' && Object.is(v, -0)) return '-0';
  return `${v}`;
}

// Spec arguments: numbers, or strings "i64:N" for BigInt (i64) parameters.
export function specArg(a) {
  if (typeof a === 'string' && a.startsWith('i64:')) return BigInt(a.slice(4));
  return a;
}

export function readSpec(file) {
  const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
  spec.async_imports ??= [];
  spec.run ??= [{ call: '_start' }];
  return spec;
}

export function globMatch(pattern, name) {
  const re = new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(name);
}

// ---------------------------------------------------------------- the host

class Host {
  constructor(spec, bytes, { mode, dataSize }) {
    this.spec = spec;
    this.bytes = bytes;
    this.mode = mode;
    this.dataSize = dataSize ?? spec.data_size ?? 65536;
    this.facts = memoryFacts(bytes);
    this.asyncCalls = 0;
    this.unwinds = 0;
    this.peak = 0; // the most bytes of frames one unwind left in a block
    this.notes = 0;
    this.current = null;
    this.timer = spec.timer === 'timeout'
      ? () => new Promise((r) => setTimeout(r, 0))
      : () => new Promise((r) => setImmediate(r));
  }

  isAsync(full) { return this.spec.async_imports.some((p) => globMatch(p, full)); }

  async instantiate() {
    const module = await WebAssembly.compile(this.bytes);
    this.wasi = new Wasi({ args: this.spec.args, env: this.spec.env, memory: () => this.memory });
    const wasi = this.wasi.imports();
    const env = envFunctions();
    const imports = {};
    const missing = [];
    for (const imp of WebAssembly.Module.imports(module)) {
      const full = `${imp.module}.${imp.name}`;
      if (imp.kind === 'memory' && this.spec.import_memory) {
        // {initial, maximum, shared}: the spec says what the module imports.
        this.importedMemory = new WebAssembly.Memory(this.spec.import_memory);
        (imports[imp.module] ??= {})[imp.name] = this.importedMemory;
        continue;
      }
      if (imp.kind !== 'function') { missing.push(`${full} (${imp.kind})`); continue; }
      let fn;
      if (imp.module === 'wasi_snapshot_preview1') {
        fn = wasi[imp.name] ?? (() => { diag(`note: ${full} is not implemented (ENOSYS)`); return ERRNO.NOSYS; });
      } else if (imp.module === 'env') {
        fn = env[imp.name];
      }
      if (!fn) { missing.push(full); continue; }
      fn = this.isAsync(full) ? this.asyncImport(full, fn) : this.syncImport(full, fn);
      (imports[imp.module] ??= {})[imp.name] = fn;
    }
    if (missing.length) throw new HostError(`no implementation for imports: ${missing.join(', ')}`);
    this.instance = await WebAssembly.instantiate(module, imports);
    this.exports = this.instance.exports;
    this.memory = this.exports.memory ?? this.importedMemory;
    if (this.mode === 'async') {
      for (const n of ['asyncify_start_unwind', 'asyncify_stop_unwind', 'asyncify_start_rewind',
                       'asyncify_stop_rewind', 'asyncify_get_state'])
        if (typeof this.exports[n] !== 'function') throw new HostError(`the module does not export ${n}`);
      if (!(this.memory instanceof WebAssembly.Memory)) throw new HostError('the module exports no memory');
    }
  }

  // ---- data blocks
  ptr(n) { return this.facts.memory64 ? BigInt(n) : n; }
  allocBlock() {
    const hdr = this.facts.memory64 ? 16 : 8;
    if (typeof this.exports.malloc === 'function') {
      const addr = Number(this.exports.malloc(this.ptr(hdr + this.dataSize + GUARD_BYTES)));
      if (!addr) throw new HostError('malloc could not allocate a data block');
      return { addr, start: addr + hdr, end: addr + hdr + this.dataSize };
    }
    const pages = Math.ceil((hdr + this.dataSize + GUARD_BYTES) / PAGE);
    let old;
    try { old = this.memory.grow(pages); } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      old = Number(this.memory.grow(BigInt(pages)));
    }
    const addr = Number(old) * PAGE;
    return { addr, start: addr + hdr, end: addr + hdr + this.dataSize };
  }
  dv() { return new DataView(this.memory.buffer); }
  readHeader(b) {
    const dv = this.dv();
    return this.facts.memory64
      ? [Number(dv.getBigUint64(b.addr, true)), Number(dv.getBigUint64(b.addr + 8, true))]
      : [dv.getUint32(b.addr, true), dv.getUint32(b.addr + 4, true)];
  }
  initBlock(b) {
    const dv = this.dv();
    if (this.facts.memory64) {
      dv.setBigUint64(b.addr, BigInt(b.start), true);
      dv.setBigUint64(b.addr + 8, BigInt(b.end), true);
    } else {
      dv.setUint32(b.addr, b.start, true);
      dv.setUint32(b.addr + 4, b.end, true);
    }
    new Uint8Array(this.memory.buffer, b.end, GUARD_BYTES).fill(GUARD_PATTERN);
  }
  guardIntact(b) { return new Uint8Array(this.memory.buffer, b.end, GUARD_BYTES).every((x) => x === GUARD_PATTERN); }

  newTask(name) {
    return { name, block: this.mode === 'async' ? this.allocBlock() : null, pending: null, sp: undefined, unwinds: 0 };
  }

  // ---- async imports
  asyncImport(full, fn) {
    return (...args) => {
      // Called from the start function: the instance (and its asyncify
      // exports) does not exist yet, so the import returns at once, in both
      // modes, and is not counted.
      if (!this.exports) return fn(...args);
      if (this.mode === 'sync') {
        this.asyncCalls++;
        return fn(...args);
      }
      const ex = this.exports;
      const task = this.current;
      const state = ex.asyncify_get_state();
      if (state === 2) {
        const p = task.pending;
        if (!p) throw new HostError(`${full} reached while rewinding task ${task.name}, which has nothing pending`);
        if (p.name !== full) throw new HostError(`rewinding task ${task.name} reached ${full}, but it unwound from ${p.name}`);
        const [cur] = this.readHeader(task.block);
        if (cur !== task.block.start) this.note(`${full}: at the end of the rewind, current is ${cur - task.block.start} bytes above start`);
        ex.asyncify_stop_rewind();
        task.pending = null;
        return p.value;
      }
      if (state !== 0) throw new HostError(`${full} called in state ${state}`);
      this.asyncCalls++;
      const value = fn(...args);
      this.initBlock(task.block);
      ex.asyncify_start_unwind(this.ptr(task.block.addr));
      task.pending = { name: full, value };
      this.unwinds++;
      task.unwinds++;
      return typeof value === 'bigint' ? 0n : typeof value === 'number' ? 0 : undefined;
    };
  }

  // In async mode, an import that does not unwind must only ever be reached
  // in the normal state: rewinding skips the code before the resumed call,
  // unwinding the code after the call that unwound.
  syncImport(full, fn) {
    if (this.mode === 'sync') return fn;
    return (...args) => {
      const s = this.exports.asyncify_get_state();
      if (s !== 0) throw new HostError(`${full}, which does not unwind, was called in state ${s}`);
      return fn(...args);
    };
  }

  note(msg) {
    this.notes++;
    if (this.notes <= 5) diag(`note: ${msg}`);
  }

  // After an export returned in the unwinding state: the frames must be in
  // the block, and nothing written past `end`.
  afterUnwind(task) {
    const b = task.block;
    if (!b) throw new HostError(`task ${task.name} is unwinding but no async import started it`);
    const [cur, end] = this.readHeader(b);
    const intact = this.guardIntact(b);
    if (end !== b.end) throw new HostError(`the data block's end field changed from ${b.end} to ${end}`);
    if (cur > end) {
      const ex = this.exports;
      diag(`data block overflow: needed ${cur - b.start} bytes, the block has ${b.end - b.start}`);
      diag(`guard after end ${intact ? 'intact' : 'CORRUPTED (written past end)'}`);
      const trapped = [], ran = [];
      for (const [name, ...args] of [['asyncify_stop_unwind'], ['asyncify_start_rewind', this.ptr(b.addr)],
                                     ['asyncify_stop_rewind'], ['asyncify_start_unwind', this.ptr(b.addr)]]) {
        try { ex[name](...args); ran.push(name); } catch (e) {
          if (!(e instanceof WebAssembly.RuntimeError)) throw e;
          trapped.push(name);
        }
      }
      diag(`after the overflow: trapped: ${trapped.join(',') || '(none)'}; did not trap: ${ran.join(',') || '(none)'}`);
      throw new Overflow();
    }
    if (!intact) throw new HostError(`task ${task.name} wrote past the end of its data block`);
    if (cur < b.start) throw new HostError(`current (${cur}) went below the start of the block (${b.start})`);
    this.peak = Math.max(this.peak, cur - b.start);
  }

  // Calls an export for a task; in async mode, drives unwind/rewind until it
  // really returns.
  async callTask(task, name, args) {
    const ex = this.exports;
    const f = ex[name];
    if (typeof f !== 'function') throw new HostError(`no exported function ${name}`);
    const sp = ex.__stack_pointer;
    const once = () => {
      this.current = task;
      let saved;
      if (task.sp !== undefined) { saved = sp.value; sp.value = task.sp; }
      try { return f(...args); } finally {
        if (task.sp !== undefined) { task.sp = sp.value; sp.value = saved; }
      }
    };
    let r = once();
    while (this.mode === 'async' && ex.asyncify_get_state() === 1) {
      this.afterUnwind(task);
      ex.asyncify_stop_unwind();
      await this.timer();
      ex.asyncify_start_rewind(this.ptr(task.block.addr));
      r = once();
    }
    if (this.mode === 'async') {
      const s = ex.asyncify_get_state();
      if (s !== 0) throw new HostError(`${name} returned in state ${s}`);
      if (task.pending) throw new HostError(`${name} returned while ${task.pending.name} is still pending`);
    }
    return r;
  }

  async step(task, st) {
    const args = (st.args ?? []).map(specArg);
    const r = await this.callTask(task, st.call, args);
    if (st.print_result) stdout(`${st.call}(${(st.args ?? []).join(', ')}) = ${formatValue(r)}\n`);
  }

  async run() {
    const main = this.newTask('main');
    for (const st of this.spec.run) {
      if (st.concurrent) {
        // One task per entry, each with its own data block (and, when the
        // spec names an export giving one, its own C shadow stack): all of
        // them can be suspended at once.
        const tasks = st.concurrent.map((c, i) => {
          const t = this.newTask(c.name ?? `${c.call}#${i}`);
          if (st.shadow_stack) {
            if (!(this.exports.__stack_pointer instanceof WebAssembly.Global))
              throw new HostError('shadow_stack needs an exported __stack_pointer');
            t.sp = this.exports[st.shadow_stack](i);
          }
          return t;
        });
        if (this.mode === 'async') await Promise.all(st.concurrent.map((c, i) => this.step(tasks[i], c)));
        else for (let i = 0; i < tasks.length; i++) await this.step(tasks[i], st.concurrent[i]);
      } else {
        await this.step(main, st);
      }
    }
    return 0;
  }
}

// ---------------------------------------------------------------- command line

// The wasm function a trap happened in, from the error's stack trace: its
// name when the module has a name section, else wasm-function[N].
function trapFrame(e) {
  for (const line of String(e.stack).split('\n').slice(1)) {
    const m = /at (?:(\S+) \()?wasm:\/\/wasm\/[^:]*:(wasm-function\[\d+\])/.exec(line);
    if (m) return m[1] ?? m[2];
  }
  return '?';
}

async function main(argv) {
  let mode = 'sync', dataSize;
  const pos = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--mode') mode = argv[++i];
    else if (argv[i] === '--data-size') dataSize = Number(argv[++i]);
    else pos.push(argv[i]);
  }
  if (pos.length !== 2 || !['sync', 'async'].includes(mode)) {
    stderr('usage: node host.mjs [--mode sync|async] [--data-size N] SPEC.json MODULE.wasm\n');
    process.exit(2);
  }
  let host, code;
  try {
    const spec = readSpec(pos[0]);
    spec.args ??= [path.basename(pos[0], '.json')];
    host = new Host(spec, fs.readFileSync(pos[1]), { mode, dataSize });
    await host.instantiate();
    code = await host.run();
  } catch (e) {
    if (e instanceof ProcExit) code = e.code;
    else if (e instanceof Overflow) code = EXIT_OVERFLOW;
    else if (e instanceof WebAssembly.RuntimeError) { diag(`trap: ${e.message} (in ${trapFrame(e)})`); code = EXIT_TRAP; }
    else if (e instanceof HostError) { diag(`error: ${e.message}`); code = EXIT_HOST_ERROR; }
    else { diag(`error: ${e && e.stack ? e.stack : e}`); code = EXIT_HOST_ERROR; }
  }
  const notes = host && host.notes ? ` notes=${host.notes}` : '';
  diag(`mode=${mode} async-calls=${host ? host.asyncCalls : 0} unwinds=${host ? host.unwinds : 0} ` +
       `peak=${host ? host.peak : 0}${notes} exit=${code}`);
  // Other tasks may still wait on timers after a proc_exit: stop here.
  process.exit(code);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  await main(process.argv.slice(2));
