// Runs the scenarios in a browser page (served by chromium.test.mjs): on the
// rewritten modules with the Asyncify backend, or on the unrewritten ones
// with JSPI. Returns one {name, ok, error} per scenario.
import { scenarios, asyncifyOnly, memory64 } from './scenarios.js';
import { hasJspi } from '../index.js';

// A scenario that hangs (a lost resumption) fails instead of stopping the rest.
const SCENARIO_MS = 20000;

export async function runAll(backend) {
  const suffix = backend === 'asyncify' ? '.async' : '';
  const ctx = { backend, load: (name) => fetch(`/fixtures/${name}${suffix}.wasm`).then((r) => r.arrayBuffer()) };
  const list = [...scenarios, ...memory64, ...(backend === 'asyncify' ? asyncifyOnly : [])];
  const results = [];
  for (const s of list) {
    try {
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${SCENARIO_MS} ms`)), SCENARIO_MS);
      });
      await Promise.race([s.run(ctx), timeout]).finally(() => clearTimeout(timer));
      results.push({ name: s.name, ok: true });
    } catch (e) {
      results.push({ name: s.name, ok: false, error: `${e && e.name}: ${e && e.message}\n${e && e.stack}` });
    }
  }
  return { jspi: hasJspi(), results };
}
