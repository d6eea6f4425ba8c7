#!/usr/bin/env node
// Runs a module rewritten by wasm-asyncify under the npm package
// asyncify-wasm (GoogleChromeLabs/asyncify, pinned in package.json), a host
// written for Binaryen's Asyncify: its Asyncify.instantiate wraps the
// imports, async imports return Promises, and each export becomes an async
// function we await. WASI and the env functions are host.mjs's, so the
// output can be compared with a sync run of the unrewritten module.
//
// Usage: node asyncify_wasm_host.mjs SPEC.json MODULE.wasm
// Prints the program's stdout, and on stderr the same summary line as
// host.mjs (`host: mode=asyncify-wasm async-calls=N unwinds=N peak=0 exit=E`).
import fs from 'node:fs';
import path from 'node:path';
import { instantiate } from 'asyncify-wasm';
import { Wasi, envFunctions, readSpec, globMatch, specArg, formatValue, stdout, diag, ProcExit,
         EXIT_TRAP, EXIT_HOST_ERROR } from './host.mjs';

const [specFile, wasmFile] = process.argv.slice(2);
const spec = readSpec(specFile);
let memory, calls = 0, code = 0;
try {
  const wasi = new Wasi({ args: spec.args ?? [path.basename(specFile, '.json')], env: spec.env,
                          memory: () => memory });
  const env = {};
  for (const [name, fn] of Object.entries(envFunctions())) {
    env[name] = spec.async_imports.some((p) => globMatch(p, `env.${name}`))
      ? (...args) => { calls++; return new Promise((resolve) => setTimeout(() => resolve(fn(...args)), 0)); }
      : fn;
  }
  const { instance } = await instantiate(fs.readFileSync(wasmFile),
                                         { env, wasi_snapshot_preview1: wasi.imports() });
  memory = instance.exports.memory;
  for (const st of spec.run) {
    const r = await instance.exports[st.call](...(st.args ?? []).map(specArg));
    if (st.print_result) stdout(`${st.call}(${(st.args ?? []).join(', ')}) = ${formatValue(r)}\n`);
  }
} catch (e) {
  if (e instanceof ProcExit) code = e.code;
  else if (e instanceof WebAssembly.RuntimeError) { diag(`trap: ${e.message}`); code = EXIT_TRAP; }
  else { diag(`error: ${e && e.stack ? e.stack : e}`); code = EXIT_HOST_ERROR; }
}
// Every Promise an import returned was one unwind.
diag(`mode=asyncify-wasm async-calls=${calls} unwinds=${calls} peak=0 exit=${code}`);
process.exit(code);
