// The small WASI of wasm-asyncify-runtime, a separate entry point.
export { Wasi, WasiExit } from './src/wasi.js';
