// Space in the module's memory for data blocks and shadow stacks: taken from
// the program's allocator (exported malloc/free), from functions the user
// passes, or carved from a region the user names. Blocks are pooled, so a
// program that suspends often calls malloc once per concurrent call, not once
// per suspension.

import { AsyncifyRuntimeError } from './errors.js';

export class Allocator {
  /**
   * @param exports the instance's exports
   * @param spec options.memoryFor: undefined (exports named by mallocExport/freeExport),
   *   { allocate(bytes) => ptr, release(ptr) }, or { address, size }
   */
  constructor(exports, spec, { mallocExport = 'malloc', freeExport = 'free' } = {}) {
    this.exports = exports;
    this.spec = spec;
    this.names = { malloc: mallocExport, free: freeExport };
    this.pools = new Map(); // size -> [address]
    this.bump = null;
    this.memory64 = undefined; // learnt from the type of the pointers
    if (spec && 'address' in spec) {
      this.memory64 = typeof spec.address === 'bigint';
      this.bump = { next: align(Number(spec.address)), end: Number(spec.address) + Number(spec.size) };
    }
  }

  /** Whether any space can be had (checked when a call first needs some). */
  describe() {
    if (this.bump) return 'the region given in options.memoryFor';
    if (this.spec && this.spec.allocate) return 'options.memoryFor.allocate';
    return `the module's ${this.names.malloc} export`;
  }

  take(bytes) {
    const pool = this.pools.get(bytes);
    if (pool && pool.length) return pool.pop();
    let addr;
    if (this.bump) {
      if (this.bump.next + bytes > this.bump.end)
        throw new AsyncifyRuntimeError(`the region given in options.memoryFor is full (${bytes} more bytes ` +
                                       `wanted); name a larger one, or fewer calls may be suspended at once`);
      addr = this.bump.next;
      this.bump.next = align(addr + bytes);
      return addr;
    }
    const alloc = this.spec && this.spec.allocate ? this.spec.allocate : this.exports[this.names.malloc];
    if (typeof alloc !== 'function')
      throw new AsyncifyRuntimeError(`no memory for a data block: the module exports no ${this.names.malloc} ` +
                                     `function; link it with -Wl,--export=malloc -Wl,--export=free, or pass ` +
                                     `options.memoryFor ({ allocate, release } or { address, size })`);
    let r;
    try {
      r = alloc(this.memory64 ? BigInt(bytes) : bytes);
    } catch (e) {
      // A number for an i64 parameter fails before the call: a 64-bit memory.
      if (!(e instanceof TypeError) || this.memory64 !== undefined) throw e;
      this.memory64 = true;
      r = alloc(BigInt(bytes));
    }
    if (typeof r === 'bigint') this.memory64 = true;
    else if (this.memory64 === undefined) this.memory64 = false;
    addr = Number(r);
    if (!addr) throw new AsyncifyRuntimeError(`${this.describe()} returned no memory for ${bytes} bytes`);
    return addr;
  }

  give(bytes, addr) {
    let pool = this.pools.get(bytes);
    if (!pool) this.pools.set(bytes, (pool = []));
    pool.push(addr);
  }

  /** Returns pooled space to the program's allocator (when it has one). */
  releaseAll() {
    if (this.bump) return; // a region's space stays pooled: nothing else would reuse it
    const free = this.spec && this.spec.release ? this.spec.release : this.bump ? null : this.exports[this.names.free];
    for (const pool of this.pools.values()) {
      for (const addr of pool) if (typeof free === 'function') free(this.memory64 ? BigInt(addr) : addr);
      pool.length = 0;
    }
  }

  ptr(n) { return this.memory64 ? BigInt(n) : n; }
}

function align(n) { return Math.ceil(n / 16) * 16; }

/** A data block: {current, end} at `addr`, saved frames from `start` to `end`. */
export class DataBlock {
  constructor(allocator, dataSize, memory, memory64) {
    this.allocator = allocator;
    this.memory = memory;
    this.bytes = 16 + dataSize; // the header takes 8 bytes (16 with memory64); frames start after 16
    this.addr = allocator.take(this.bytes);
    if (this.addr + this.bytes > memory.buffer.byteLength)
      throw new AsyncifyRuntimeError(`${allocator.describe()} gave a data block at ${this.addr} of ${this.bytes} ` +
                                     `bytes, past the end of the memory (${memory.buffer.byteLength} bytes)`);
    this.wide = memory64 ?? allocator.memory64 ?? false;
    this.start = this.addr + 16;
    this.end = this.start + dataSize;
  }
  get capacity() { return this.end - this.start; }
  pointer() { return this.wide ? BigInt(this.addr) : this.addr; }
  reset() { this.write(this.start, this.end); }
  write(current, end) {
    const dv = new DataView(this.memory.buffer);
    if (this.wide) {
      dv.setBigUint64(this.addr, BigInt(current), true);
      dv.setBigUint64(this.addr + 8, BigInt(end), true);
    } else {
      dv.setUint32(this.addr, current, true);
      dv.setUint32(this.addr + 4, end, true);
    }
  }
  /** @returns {[number, number]} current and end */
  read() {
    const dv = new DataView(this.memory.buffer);
    return this.wide
      ? [Number(dv.getBigUint64(this.addr, true)), Number(dv.getBigUint64(this.addr + 8, true))]
      : [dv.getUint32(this.addr, true), dv.getUint32(this.addr + 4, true)];
  }
  release() { this.allocator.give(this.bytes, this.addr); }
}

/** A shadow stack of its own for a call that may be suspended while others run. */
export class ShadowStack {
  constructor(allocator, size, global, memory) {
    this.allocator = allocator;
    this.size = size;
    this.global = global;
    this.base = allocator.take(size);
    if (memory && this.base + size > memory.buffer.byteLength)
      throw new AsyncifyRuntimeError(`${allocator.describe()} gave a shadow stack at ${this.base} of ${size} ` +
                                     `bytes, past the end of the memory (${memory.buffer.byteLength} bytes)`);
    const top = (this.base + size) & ~15;
    this.sp = typeof global.value === 'bigint' ? BigInt(top) : top;
  }
  release() { this.allocator.give(this.size, this.base); }
}
