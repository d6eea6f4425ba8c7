// Runs every export of a module built from spill.wat, as given (the
// unrewritten module, with env.sleep returning at once) and rewritten (every
// call to env.sleep unwinding to the host and rewinding), and prints both
// results. env.sleep(x) returns 3x + k + 1 for its k-th call, so results
// depend on the order of calls and on every value they return.
//   node spill.mjs ORIGINAL.wasm REWRITTEN.wasm
import fs from 'node:fs';
import { runWithUnwinds } from '../../Inputs/asyncify-host.mjs';

const [original, rewritten] = process.argv.slice(2).map((f) => fs.readFileSync(f));
const sleepResult = (x, k) => 3 * x + k + 1;
const names = WebAssembly.Module.exports(new WebAssembly.Module(original))
  .filter((e) => e.kind === 'function').map((e) => e.name);
let failed = false;
for (const name of names) {
  for (const arg of [0, 5]) {
    const plain = await runWithUnwinds(original, name, [arg], () => false, { sleepResult });
    const got = await runWithUnwinds(rewritten, name, [arg], () => true, { sleepResult });
    const same = plain.result === got.result;
    failed ||= !same;
    console.log(`${name}(${arg}): ${plain.result} unrewritten, ${got.result} after ${got.unwinds} unwinds${same ? '' : ' DIFFERENT'}`);
  }
}
process.exit(failed ? 1 : 0);
