// Runs the exports of a rewritten peel-loops.wat twice under Node: once with
// env.sleep returning at once, once with every call that `unwindAt` picks
// unwinding to the host and rewinding (Binaryen's Asyncify ABI), and prints
// both results with the number of unwinds.
import fs from 'node:fs';
import { runWithUnwinds } from '../../Inputs/asyncify-host.mjs';

const bytes = fs.readFileSync(process.argv[2]);
const run = (name, args, unwindAt) => runWithUnwinds(bytes, name, args, unwindAt);

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
