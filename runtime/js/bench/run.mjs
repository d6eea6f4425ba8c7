// node bench/run.mjs FIXTURES_DIR [--chromium]: the runtime's costs in Node
// (Asyncify), and with --chromium in headless Chromium (Asyncify and JSPI).
// FIXTURES_DIR is what test/build-fixtures.sh fills.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBench } from './bench.js';
import { serve } from '../test/serve.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(process.argv[2] ?? path.join(here, '../../../build/js-runtime/node'));
console.log(JSON.stringify({ engine: `node ${process.version}`,
  ...(await runBench((n) => fs.readFileSync(path.join(fixtures, `${n}.async.wasm`)), 'asyncify')) }));

if (process.argv.includes('--chromium')) {
  const { chromium } = await import('playwright-core');
  const server = await serve({ runtime: path.join(here, '..'), fixtures });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: process.getuid() === 0 ? ['--no-sandbox'] : [] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    for (const backend of ['asyncify', 'jspi']) {
      const r = await page.evaluate(async (b) => {
        const { runBench } = await import('/runtime/bench/bench.js');
        const bytes = {};
        for (const n of ['program']) bytes[n] = await (await fetch(`/fixtures/${n}${b === 'asyncify' ? '.async' : ''}.wasm`)).arrayBuffer();
        return runBench((n) => bytes[n], b);
      }, backend);
      console.log(JSON.stringify({ engine: `chromium ${browser.version()}`, ...r }));
    }
  } finally {
    await browser.close();
    server.close();
  }
}
