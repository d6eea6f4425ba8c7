// Runs a rewritten WASI command module (examples/coroutines) in Node. The
// program drives Asyncify itself, through the asyncify.* imports that
// wasm-asyncify connects to its runtime, so the host only provides the bit
// of WASI it prints with. An unrewritten module fails to instantiate: it
// still imports asyncify.start_unwind & co.
//
//   node run.mjs coroutines.async.wasm
import fs from 'node:fs';

class Exit { constructor(code) { this.code = code; } }
let memory;
const view = () => new DataView(memory.buffer);
const wasi = {
  fd_write(fd, iovs, count, written) {
    let n = 0;
    for (let i = 0; i < count; i++) {
      const ptr = view().getUint32(iovs + 8 * i, true), len = view().getUint32(iovs + 8 * i + 4, true);
      fs.writeSync(fd === 2 ? 2 : 1, new Uint8Array(memory.buffer, ptr, len));
      n += len;
    }
    view().setUint32(written, n, true);
    return 0;
  },
  proc_exit(code) { throw new Exit(code); },
  fd_close: () => 0,
  fd_seek: () => 70, // ESPIPE: stdout is not seekable
  fd_fdstat_get: (fd, out) => { view().setUint8(out, 2); return 0; }, // a character device
  args_sizes_get: (argc, size) => { view().setUint32(argc, 0, true); view().setUint32(size, 0, true); return 0; },
  args_get: () => 0,
  environ_sizes_get: (count, size) => { view().setUint32(count, 0, true); view().setUint32(size, 0, true); return 0; },
  environ_get: () => 0,
};

const { instance } = await WebAssembly.instantiate(fs.readFileSync(process.argv[2]),
  { wasi_snapshot_preview1: wasi });
memory = instance.exports.memory;
let code = 0;
try {
  instance.exports._start();
} catch (e) {
  if (!(e instanceof Exit)) throw e;
  code = e.code;
}
if (instance.exports.asyncify_get_state() !== 0) {
  console.error('run.mjs: the module returned while unwinding or rewinding');
  code = 1;
}
process.exitCode = code;
