// Runs the rewritten weather.wasm in Node with real asynchronous imports:
// fetch_temperature(city) and sleep_ms(ms) start a timer, unwind the
// module's stack into a data block, let the event loop run, and rewind it
// when the timer fires. A module that was not rewritten is refused.
//
//   node run.mjs weather.wasm
import fs from 'node:fs';

const TEMPERATURES = [52, 231, 198]; // tenths of a degree, by city
const { instance } = await WebAssembly.instantiate(fs.readFileSync(process.argv[2]), {
  env: {
    fetch_temperature: (city) => suspend(30, () => TEMPERATURES[city]),
    sleep_ms: (ms) => suspend(ms, () => undefined),
  },
  wasi_snapshot_preview1: wasi(),
});
const ex = instance.exports;
if (typeof ex.asyncify_get_state !== 'function') {
  console.error('run.mjs: the module does not export asyncify_get_state: it was not rewritten');
  process.exit(2);
}

// The data block {current, end} and its frames, from the program's malloc.
const BLOCK = 8192;
const data = ex.malloc(BLOCK);
let pending = null, result, suspensions = 0, waited = 0;

// An async import: the first call (state 0) starts the wait and unwinds; the
// second (state 2, rewinding) stops the rewind and returns the result.
function suspend(ms, value) {
  if (ex.asyncify_get_state() === 2) {
    ex.asyncify_stop_rewind();
    return result;
  }
  const words = new Uint32Array(ex.memory.buffer, data, 2);
  words[0] = data + 8;
  words[1] = data + BLOCK;
  pending = new Promise((resolve) => setTimeout(() => resolve(value()), ms));
  waited += ms;
  ex.asyncify_start_unwind(data);
}

const t0 = Date.now();
let code = 0;
try {
  ex._start();
  while (ex.asyncify_get_state() === 1) {
    ex.asyncify_stop_unwind();
    suspensions++;
    result = await pending;
    ex.asyncify_start_rewind(data);
    ex._start();
  }
} catch (e) {
  if (!(e instanceof Exit)) throw e;
  code = e.code;
}
const elapsed = Date.now() - t0;
if (elapsed + 5 < waited) { // timers may fire a little early, never 5 ms
  console.error(`run.mjs: ${elapsed} ms passed but the program waited ${waited} ms: it did not really suspend`);
  code = 3;
}
console.log(`[host] ${suspensions} suspensions, exit code ${code}`);
process.exitCode = code;

class Exit { constructor(code) { this.code = code; } }
function wasi() {
  const view = () => new DataView(ex.memory.buffer);
  const none = (count, size) => { view().setUint32(count, 0, true); view().setUint32(size, 0, true); return 0; };
  return {
    fd_write(fd, iovs, n, written) {
      let total = 0;
      for (let i = 0; i < n; i++) {
        const ptr = view().getUint32(iovs + 8 * i, true), len = view().getUint32(iovs + 8 * i + 4, true);
        fs.writeSync(fd === 2 ? 2 : 1, new Uint8Array(ex.memory.buffer, ptr, len));
        total += len;
      }
      view().setUint32(written, total, true);
      return 0;
    },
    proc_exit(c) { throw new Exit(c); },
    fd_close: () => 0,
    fd_seek: () => 70, // ESPIPE
    fd_fdstat_get: (fd, out) => { view().setUint8(out, 2); return 0; },
    args_sizes_get: none, args_get: () => 0,
    environ_sizes_get: none, environ_get: () => 0,
  };
}
