// node --test: the scenarios in headless Chromium (Debian's chromium, driven
// by playwright-core): the rewritten modules on the Asyncify backend, and the
// same programs unrewritten on JSPI. Without Chromium the test fails in CI
// (CI=true) and is skipped elsewhere. WASM_ASYNCIFY_FIXTURES as for node.test.mjs.
import { test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = process.env.WASM_ASYNCIFY_FIXTURES ?? path.join(here, '../../../build/js-runtime/chromium');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

test('chromium', async (t) => {
  if (!fs.existsSync(executablePath)) {
    if (process.env.CI === 'true') throw new Error(`${executablePath} is missing (scripts/install-deps.sh installs chromium)`);
    return t.skip(`${executablePath} is missing`);
  }
  const { chromium } = await import('playwright-core');
  const server = await serve({ runtime: path.join(here, '..'), fixtures });
  const browser = await chromium.launch({
    executablePath,
    args: process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    for (const backend of ['asyncify', 'jspi']) {
      const out = await page.evaluate(async (b) => (await import('/runtime/test/browser.js')).runAll(b), backend);
      if (backend === 'jspi' && !out.jspi) throw new Error('this Chromium has no JSPI (WebAssembly.Suspending)');
      for (const r of out.results) {
        await t.test(`${backend}: ${r.name}`, () => {
          if (!r.ok) throw new Error(r.error);
        });
      }
    }
    // examples/browser.html: the doc's example in a page, on both backends.
    for (const [backend, wasm] of [['asyncify', 'hello.async.wasm'], ['jspi', 'hello.wasm']]) {
      await t.test(`examples/browser.html on ${backend}`, async () => {
        await page.goto(`http://127.0.0.1:${server.address().port}/runtime/examples/browser.html?wasm=/fixtures/${wasm}`);
        await page.waitForFunction(() => /walk\(3\)/.test(document.getElementById('out').textContent), null, { timeout: 20000 });
        const text = await page.textContent('#out');
        const want = `backend: ${backend}\nstep 1: total 100\nstep 2: total 300\nstep 3: total 600\nrun(3) = 600\n`;
        if (!text.startsWith(want)) throw new Error(`the page shows:\n${text}\nexpected it to start with:\n${want}`);
        if (!/^walk\(3\) = 3 after [34] animation frames\n$/m.test(text.slice(want.length)))
          throw new Error(`the page shows:\n${text}`);
      });
    }
    if (errors.length) throw new Error(`errors in the page: ${errors.join('\n')}`);
  } finally {
    await browser.close();
    server.close();
  }
});
