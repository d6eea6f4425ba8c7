// node examples/hello.mjs hello.async.wasm
import fs from 'node:fs';
import { instantiate, yieldValue } from 'wasm-asyncify-runtime';
import { Wasi } from 'wasm-asyncify-runtime/wasi';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const rt = await instantiate(fs.readFileSync(process.argv[2]), {
  env: {
    sleep_ms: (ms) => sleep(ms),                         // a Promise: the call suspends
    fetch_number: async (key) => key * 100,              // stands for fetch(), a database...
    emit: (value) => yieldValue(value),                  // for coroutines: hand out a value
    next_frame: () => yieldValue(),                      // for frame loops: wait for resume()
  },
}, { wasi: new Wasi() });

// An export that suspends returns a Promise.
console.log(`run(3) = ${await rt.exports.run(3)}`);

// A coroutine: iterate what it emits.
const squares = [];
for (const v of rt.coroutine('squares', 4)) squares.push(v);
console.log(`squares: ${squares.join(' ')}`);

// A frame loop: one resume() per frame, then the result.
const walker = rt.start('walk', 3); // runs to its first next_frame()
let frames = 1;
while (!walker.resume()) frames++;  // in a game: once per requestAnimationFrame
console.log(`walk(3) = ${walker.tryGetResult().value} after ${frames} frames`);
