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
import { Wasi } from '../wasi.js';
import assert from 'node:assert/strict';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = process.env.WASM_ASYNCIFY_FIXTURES ?? path.join(here, '../../../build/js-runtime/node');
const ctx = { backend: 'asyncify', load: (name) => fs.readFileSync(path.join(fixtures, `${name}.async.wasm`)) };

const limit = { timeout: 20000 }; // a lost resumption hangs: fail it instead
for (const s of [...scenarios, ...asyncifyOnly]) test(s.name, limit, () => s.run(ctx));
// Binaryen's wasm-opt --asyncify output of the same program (the multi-value
// fixture stays ours). Not the overflow scenario: Binaryen writes past the
// data block's end before anyone can tell.
const binaryen = { backend: 'asyncify', load: (name) => fs.readFileSync(
  name === 'program' ? path.join(fixtures, 'binaryen/program.async.wasm') : path.join(fixtures, `${name}.async.wasm`)) };
for (const s of scenarios) test(`binaryen: ${s.name}`, limit, () => s.run(binaryen));

// Node 20 has memory64 behind --experimental-wasm-memory64 (run.sh passes it).
for (const s of memory64) test(s.name, limit, () => s.run(ctx));

// The tool's --report says how big a data block each export needs; the
// runtime, given exactly that, must never overflow, and must see no more.
test("each export runs in a data block of its report's worstCaseDataBytes", async () => {
  const report = JSON.parse(fs.readFileSync(path.join(fixtures, 'program.report.json'), 'utf8'));
  const runs = { add_async: [1, 2], maybe_async: [3], wide: [2n], real: [0.5], sleepy: [1, 1], generator: [1, 3],
                 frame_loop: [2], trap_after: [3] };
  let checked = 0;
  for (const e of report.exports) {
    if (e.worstCaseDataBytes === null) continue;
    for (const name of e.exportNames) {
      const rt = await instantiate(ctx.load('program'), env(), { wasi: new Wasi(), dataSize: e.worstCaseDataBytes });
      await rt.exports[name](...runs[name]);
      assert.ok(rt.stats.unwinds > 0, `${name} suspended`);
      assert.ok(rt.stats.peakDataBytes <= e.worstCaseDataBytes,
                `${name}: ${rt.stats.peakDataBytes} bytes used, the report says at most ${e.worstCaseDataBytes}`);
      checked++;
    }
  }
  assert.equal(checked, Object.keys(runs).length, 'every bounded export of the report was run');
});

test('an unrewritten module on an engine without JSPI: a Promise from an import is an error that says what to do', async (t) => {
  if (hasJspi()) return t.skip('this Node has JSPI');
  const rt = await instantiate(fs.readFileSync(path.join(fixtures, 'program.wasm')),
                               env(), { wasi: new Wasi() });
  equal(rt.backendName, 'none', 'backend');
  equal(rt.exports.plain(3), 9, 'a call that does not suspend works');
  await rejects(() => rt.exports.add_async(1, 2), 'add_async', /wasm-asyncify --imports env\.fetch_value/);
});
