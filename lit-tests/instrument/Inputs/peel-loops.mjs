// Runs the exports of a rewritten peel-loops.wat twice under Node: once with
// env.sleep returning at once, once with every call that `unwindAt` picks
// unwinding to the host and rewinding (Binaryen's Asyncify ABI), and prints
// both results with the number of unwinds.
import fs from 'node:fs';

const bytes = fs.readFileSync(process.argv[2]);
const DATA = 16, DATA_END = 1024;

async function run(name, args, unwindAt) {
  let calls = 0, unwinds = 0, sleeping = false, instance;
  const env = {
    sleep() {
      const e = instance.exports;
      if (sleeping) { // rewinding into this call: it is over
        sleeping = false;
        e.asyncify_stop_rewind();
        return;
      }
      if (!unwindAt(calls++)) return;
      const mem = new Int32Array(e.memory.buffer);
      mem[DATA / 4] = DATA + 8;
      mem[DATA / 4 + 1] = DATA_END;
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

for (const [name, args] of [['nested', [3, 8]], ['prefix', [120]], ['prefix', [5]], ['forever', [5]]]) {
  const plain = await run(name, args, () => false);
  // Every other call, then every call: unwinds from the first iteration of a
  // loop (where rewinding arrives) and from later ones (the peeled loop).
  for (const [pattern, unwindAt] of [['every other call', (k) => k % 2 === 0], ['every call', () => true]]) {
    const got = await run(name, args, unwindAt);
    const same = plain.result === got.result ? 'same' : `differs from ${plain.result}`;
    console.log(`${name}(${args.join(', ')}), unwinding at ${pattern}: ${got.result} after ${got.unwinds} unwinds, ${same}`);
  }
}
