// node --test: index.d.ts and wasi.d.ts type-check what the docs show
// (types/usage.ts, tsc --strict) and reject what is wrong (types/wrong.ts).
// Needs the pinned typescript (npm ci, run.sh does it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const check = (file) => spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022',
  '--module', 'nodenext', '--moduleResolution', 'nodenext', '--lib', 'es2022,dom',
  '--skipLibCheck', 'false', path.join(here, 'types', file)], { cwd: path.join(here, '..'), encoding: 'utf8' });

test('the declarations type-check the documented use', () => {
  const r = check('usage.ts');
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('the declarations reject a wrong option and a wrong argument', () => {
  const r = check('wrong.ts');
  assert.notEqual(r.status, 0, 'tsc accepted types/wrong.ts');
  assert.match(r.stdout, /"parallel"/);
  assert.match(r.stdout, /Argument of type 'number' is not assignable to parameter of type 'string'/);
});
