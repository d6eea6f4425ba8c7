// Host of coro_freestanding.c: instantiates the rewritten module (wasm32 or
// wasm64), calls run() and prints each env.report(what, value) as a line,
// then run's result. Node needs --experimental-wasm-memory64 for wasm64.
import fs from 'node:fs';

const names = ['', 'pointer bytes', 'end offset', 'value', 'done', 'overflow', 'FAILED'];
const { instance } = await WebAssembly.instantiate(fs.readFileSync(process.argv[2]), {
  env: { report: (what, value) => console.log(`${names[what] ?? what}: ${value}`) },
});
console.log(`run: ${instance.exports.run()}`);
if (instance.exports.asyncify_get_state() !== 0) {
  console.error('coro_freestanding.mjs: run() returned while unwinding or rewinding');
  process.exitCode = 1;
}
