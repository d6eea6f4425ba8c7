// wasm-asyncify-runtime: run WebAssembly modules whose imports return
// Promises, on modules rewritten by wasm-asyncify (Asyncify) or, unrewritten,
// on engines with JSPI. See docs/js-runtime.md.
export { instantiate, Runtime } from './src/runtime.js';
export { Coroutine, PollHandle } from './src/tasks.js';
export { Yield, yieldValue } from './src/suspend.js';
export { DataBlockOverflowError, AsyncifyRuntimeError } from './src/errors.js';
export { hasJspi } from './src/jspi.js';
