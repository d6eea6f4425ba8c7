// node --test: the scenarios on modules rewritten by wasm-asyncify, plus what
// only Node shows (an engine without JSPI, the docs' example).
// WASM_ASYNCIFY_FIXTURES names the folder build-fixtures.sh filled.
import { test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarios, asyncifyOnly, memory64, env } from './scenarios.js';
import { instantiate, hasJspi } from '../index.js';
import { rejects, equal } from './check.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = process.env.WASM_ASYNCIFY_FIXTURES ?? path.join(here, '../../../build/js-runtime');
const ctx = { backend: 'asyncify', load: (name) => fs.readFileSync(path.join(fixtures, `${name}.async.wasm`)) };

for (const s of [...scenarios, ...asyncifyOnly]) test(s.name, () => s.run(ctx));
// Binaryen's wasm-opt --asyncify output of the same program (the multi-value
// fixture stays ours). Not the overflow scenario: Binaryen writes past the
// data block's end before anyone can tell.
const binaryen = { backend: 'asyncify', load: (name) => fs.readFileSync(
  name === 'program' ? path.join(fixtures, 'binaryen/program.async.wasm') : path.join(fixtures, `${name}.async.wasm`)) };
for (const s of scenarios) test(`binaryen: ${s.name}`, () => s.run(binaryen));

// Node 20 has memory64 behind --experimental-wasm-memory64 (run.sh passes it).
for (const s of memory64) test(s.name, () => s.run(ctx));

test('an unrewritten module on an engine without JSPI: a Promise from an import is an error that says what to do', async (t) => {
  if (hasJspi()) return t.skip('this Node has JSPI');
  const rt = await instantiate(fs.readFileSync(path.join(fixtures, 'program.wasm')),
                               env(), {
                                 wasi: new (await import('../wasi.js')).Wasi() });
  equal(rt.backendName, 'none', 'backend');
  equal(rt.exports.plain(3), 9, 'a call that does not suspend works');
  await rejects(() => rt.exports.add_async(1, 2), 'add_async', /wasm-asyncify --imports env\.fetch_value/);
});
