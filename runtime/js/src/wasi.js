// A small WASI (preview 1) for tests and examples: stdout and stderr, exit,
// arguments, environment, clocks and random bytes. Files and sockets are not
// there (their functions are absent, so a module that imports them needs
// more than this). Pass it as instantiate(..., { wasi }).

export class WasiExit extends Error {
  constructor(code) {
    super(`exit(${code})`);
    this.name = 'WasiExit';
    this.code = code;
  }
}

const ERRNO_SUCCESS = 0, ERRNO_BADF = 8, ERRNO_INVAL = 28, ERRNO_SPIPE = 70;

export class Wasi {
  /**
   * @param {{args?: string[], env?: Record<string,string>, stdout?: (text: string) => void,
   *          stderr?: (text: string) => void}} options
   */
  constructor({ args = [], env = {}, stdout, stderr } = {}) {
    this.args = args;
    this.env = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const out = (fd) => (text) => (typeof process !== 'undefined' ? process[fd].write(text) : console.log(text));
    this.write = { 1: stdout ?? out('stdout'), 2: stderr ?? out('stderr') };
    this.memory = null;
    this.decoders = { 1: new TextDecoder(), 2: new TextDecoder() };
    this.imports = this.makeImports();
  }

  bind(memory) { this.memory = memory; }

  makeImports() {
    const dv = () => new DataView(this.memory.buffer);
    const u8 = () => new Uint8Array(this.memory.buffer);
    const strings = (list, countPtr, sizePtr) => {
      dv().setUint32(countPtr, list.length, true);
      dv().setUint32(sizePtr, list.reduce((n, s) => n + new TextEncoder().encode(s).length + 1, 0), true);
      return ERRNO_SUCCESS;
    };
    const fill = (list, ptrs, buf) => {
      for (const s of list) {
        dv().setUint32(ptrs, buf, true);
        ptrs += 4;
        const b = new TextEncoder().encode(s);
        u8().set(b, buf);
        u8()[buf + b.length] = 0;
        buf += b.length + 1;
      }
      return ERRNO_SUCCESS;
    };
    return {
      fd_write: (fd, iovs, count, writtenPtr) => {
        if (!this.write[fd]) return ERRNO_BADF;
        let n = 0, text = '';
        for (let i = 0; i < count; i++) {
          const p = dv().getUint32(iovs + i * 8, true), len = dv().getUint32(iovs + i * 8 + 4, true);
          text += this.decoders[fd].decode(u8().subarray(p, p + len), { stream: true });
          n += len;
        }
        if (text) this.write[fd](text);
        dv().setUint32(writtenPtr, n, true);
        return ERRNO_SUCCESS;
      },
      fd_close: (fd) => (fd <= 2 ? ERRNO_SUCCESS : ERRNO_BADF),
      fd_seek: (fd) => (fd <= 2 ? ERRNO_SPIPE : ERRNO_BADF),
      fd_fdstat_get: (fd, ptr) => {
        if (fd > 2) return ERRNO_BADF;
        for (let i = 0; i < 24; i++) dv().setUint8(ptr + i, 0);
        dv().setUint8(ptr, 2); // a character device
        return ERRNO_SUCCESS;
      },
      proc_exit: (code) => { throw new WasiExit(code); },
      args_sizes_get: (c, s) => strings(this.args, c, s),
      args_get: (ptrs, buf) => fill(this.args, ptrs, buf),
      environ_sizes_get: (c, s) => strings(this.env, c, s),
      environ_get: (ptrs, buf) => fill(this.env, ptrs, buf),
      clock_time_get: (id, precision, ptr) => {
        if (id !== 0 && id !== 1) return ERRNO_INVAL;
        const ms = id === 0 ? Date.now() : performance.now();
        dv().setBigUint64(ptr, BigInt(Math.round(ms * 1e6)), true);
        return ERRNO_SUCCESS;
      },
      random_get: (buf, len) => {
        crypto.getRandomValues(u8().subarray(buf, buf + len));
        return ERRNO_SUCCESS;
      },
      sched_yield: () => ERRNO_SUCCESS,
    };
  }
}
