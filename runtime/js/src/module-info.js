// What the runtime needs to know about a module that the JS API does not
// tell: the result types of each function import (an import that suspends
// must return a placeholder of the right type while the stack unwinds: 0n for
// an i64, an array for several results) and whether the memory is 64-bit.
// Reads only the type, import and memory sections; anything it does not
// understand makes it give up and return what it has (unknown = undefined).

const SECTION = { type: 1, import: 2, memory: 5 };
const VALTYPE = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };

class Reader {
  constructor(bytes, pos = 0, end = bytes.length) { this.b = bytes; this.pos = pos; this.end = end; }
  byte() {
    if (this.pos >= this.end) throw new RangeError('unexpected end of section');
    return this.b[this.pos++];
  }
  u32() { // LEB128, also skips the wider ones (memory64 limits)
    let result = 0, shift = 0, b;
    do { b = this.byte(); if (shift < 32) result |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
    return result >>> 0;
  }
  name() {
    const n = this.u32();
    const s = new TextDecoder().decode(this.b.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
  valtype() {
    const t = this.byte();
    if (t === 0x63 || t === 0x64) { this.u32(); return 'ref'; } // (ref null? ht): a heap type index or code
    const v = VALTYPE[t];
    if (!v) throw new RangeError(`unknown value type 0x${t.toString(16)}`);
    return v;
  }
  limits() {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
    return { memory64: (flags & 4) !== 0 };
  }
}

/** @returns {{ importResults: Map<string, string[]>, memory64: boolean|undefined }} */
export function readModuleInfo(bytes) {
  const info = { importResults: new Map(), memory64: undefined };
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes.buffer ?? bytes, bytes.byteOffset ?? 0, bytes.byteLength);
  if (u8.length < 8 || u8[0] !== 0 || u8[1] !== 0x61 || u8[2] !== 0x73 || u8[3] !== 0x6d) return info;
  const types = [];
  try {
    const r = new Reader(u8, 8);
    while (r.pos < r.end) {
      const id = r.byte();
      const size = r.u32();
      const s = new Reader(u8, r.pos, r.pos + size);
      r.pos += size;
      if (id === SECTION.type) {
        for (let n = s.u32(); n > 0; n--) {
          if (s.byte() !== 0x60) return info; // GC types: the rewriter refuses them anyway
          for (let p = s.u32(); p > 0; p--) s.valtype();
          const results = [];
          for (let q = s.u32(); q > 0; q--) results.push(s.valtype());
          types.push(results);
        }
      } else if (id === SECTION.import) {
        for (let n = s.u32(); n > 0; n--) {
          const key = `${s.name()}.${s.name()}`;
          const kind = s.byte();
          if (kind === 0) info.importResults.set(key, types[s.u32()]);
          else if (kind === 1) { s.valtype(); s.limits(); }
          else if (kind === 2) info.memory64 ??= s.limits().memory64;
          else if (kind === 3) { s.valtype(); s.byte(); }
          else if (kind === 4) { s.byte(); s.u32(); }
          else return info;
        }
      } else if (id === SECTION.memory) {
        if (s.u32() > 0) info.memory64 ??= s.limits().memory64;
      }
    }
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  return info;
}

/** The value an import returns while the stack unwinds: ignored, but it must convert. */
export function placeholderFor(results) {
  if (!results) return undefined;
  const one = (t) => (t === 'i64' ? 0n : t === 'funcref' || t === 'externref' || t === 'ref' ? null : 0);
  if (results.length === 0) return undefined;
  if (results.length === 1) return one(results[0]);
  return results.map(one);
}
