// node --test: the examples of docs/js-runtime.md run and print what
// examples/NAME.expected says, and the doc shows them as they are in
// examples/ (so the doc's code is the code that was run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = path.join(here, '..');
const fixtures = process.env.WASM_ASYNCIFY_FIXTURES ?? path.join(pkg, '../../build/js-runtime/node');
const doc = fs.readFileSync(path.join(pkg, '../../docs/js-runtime.md'), 'utf8');

for (const [example, wasm] of [['hello.mjs', 'hello.async.wasm']]) {
  test(`examples/${example} prints examples/${example.replace(/\.mjs$/, '.expected')}`, () => {
    const out = execFileSync(process.execPath, [path.join(pkg, 'examples', example), path.join(fixtures, wasm)],
                             { cwd: pkg, encoding: 'utf8' });
    assert.equal(out, fs.readFileSync(path.join(pkg, 'examples', example.replace(/\.mjs$/, '.expected')), 'utf8'));
  });
}

for (const file of ['hello.mjs', 'hello.c', 'hello.expected']) {
  test(`docs/js-runtime.md shows examples/${file} as it is`, () => {
    const text = fs.readFileSync(path.join(pkg, 'examples', file), 'utf8');
    assert.ok(doc.includes('\n' + text + '```'), `the doc has no fenced block holding examples/${file} verbatim`);
  });
}
