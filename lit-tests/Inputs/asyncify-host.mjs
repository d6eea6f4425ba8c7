// A minimal host for Binaryen's Asyncify ABI, shared by the lit tests that
// run rewritten modules under Node: env.sleep unwinds to the host at the
// calls `unwindAt` picks (by call number), and the export is called again
// to rewind, until it returns. The data block lives at 16..DATA_END of the
// module's exported memory. With `sleepResult`, env.sleep(x) returns sleepResult(x, k)
// for its k-th call (the value computed when it unwound, on the rewind).
const DATA = 16;

export async function runWithUnwinds(bytes, name, args, unwindAt,
                                     { dataEnd = 1024, sleepResult = undefined } = {}) {
  let calls = 0, unwinds = 0, sleeping = false, instance, pending;
  const env = {
    log() {},
    sleep(x) {
      const e = instance.exports;
      if (sleeping) { // rewinding into this call: it is over
        sleeping = false;
        e.asyncify_stop_rewind();
        return pending;
      }
      const k = calls++;
      pending = sleepResult ? sleepResult(x, k) : undefined;
      if (!unwindAt(k)) return pending;
      const mem = new Int32Array(e.memory.buffer);
      mem[DATA / 4] = DATA + 8;
      mem[DATA / 4 + 1] = dataEnd;
      sleeping = true;
      unwinds++;
      e.asyncify_start_unwind(DATA);
    },
  };
  ({ instance } = await WebAssembly.instantiate(bytes, { env }));
  const e = instance.exports;
  let result = e[name](...args);
  while (sleeping) {
    e.asyncify_stop_unwind();
    await null;
    e.asyncify_start_rewind(DATA);
    result = e[name](...args);
  }
  return { result, unwinds };
}
