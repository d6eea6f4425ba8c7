// Runs a rewritten WASI command module in Node, making env.sleep_ms a real
// asynchronous timer: the module unwinds into a data block, control returns
// to the event loop, and the module rewinds when the timer fires. A minimal
// WASI (fd_write, proc_exit, and stubs) is enough for this example.
import fs from 'node:fs';

const file = process.argv[2];
const { instance } = await WebAssembly.instantiate(fs.readFileSync(file), {
  env: { sleep_ms: (ms) => sleep(ms) },
  wasi_snapshot_preview1: wasi(),
});
const ex = instance.exports;

// The data block, from the program's own allocator (it is linked with
// --export=malloc): {current, end} at its start, saved frames after them.
// Pages added with memory.grow would not be safe: wasi-libc's malloc takes
// all memory up to the current size as heap.
const BLOCK = 16384;
const page = ex.malloc(BLOCK);
let pendingWait = null;
const t0 = Date.now();

function sleep(ms) {
  if (ex.asyncify_get_state() === 2) { // rewinding: the wait is over
    ex.asyncify_stop_rewind();
    console.log(`  [host] resumed after ${Date.now() - waitStart} ms`);
    return;
  }
  const view = new Uint32Array(ex.memory.buffer, page, 2);
  view[0] = page + 8;
  view[1] = page + BLOCK;
  pendingWait = new Promise((resolve) => setTimeout(resolve, ms));
  waitStart = Date.now();
  ex.asyncify_start_unwind(page);
}
let waitStart = 0;

let code = 0;
try {
  ex._start();
  while (ex.asyncify_get_state() === 1) {
    ex.asyncify_stop_unwind();
    const used = new Uint32Array(ex.memory.buffer, page, 1)[0] - (page + 8);
    console.log(`  [host] stack unwound (${used} bytes saved), back in the event loop`);
    await pendingWait;
    ex.asyncify_start_rewind(page);
    ex._start();
  }
} catch (e) {
  if (!(e instanceof Exit)) throw e;
  code = e.code;
}
console.log(`  [host] finished with exit code ${code} after ${Date.now() - t0} ms`);

class Exit { constructor(code) { this.code = code; } }
function wasi() {
  const mem = () => new DataView(ex.memory.buffer);
  return {
    fd_write(fd, iovs, n, written) {
      let out = '';
      for (let i = 0; i < n; i++) {
        const p = mem().getUint32(iovs + i * 8, true), len = mem().getUint32(iovs + i * 8 + 4, true);
        out += Buffer.from(ex.memory.buffer, p, len).toString();
      }
      (fd === 2 ? process.stderr : process.stdout).write(out);
      mem().setUint32(written, Buffer.byteLength(out), true);
      return 0;
    },
    proc_exit(c) { throw new Exit(c); },
    fd_close: () => 0, fd_seek: () => 70, fd_fdstat_get: () => 0,
    environ_sizes_get: (c, s) => { mem().setUint32(c, 0, true); mem().setUint32(s, 0, true); return 0; },
    environ_get: () => 0,
    args_sizes_get: (c, s) => { mem().setUint32(c, 0, true); mem().setUint32(s, 0, true); return 0; },
    args_get: () => 0,
  };
}
