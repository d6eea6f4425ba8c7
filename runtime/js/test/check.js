// Assertions that run in Node and in the browser alike (no node:assert there).

export class CheckFailed extends Error {
  constructor(message) { super(message); this.name = 'CheckFailed'; }
}

const show = (v) => (typeof v === 'bigint' ? `${v}n` : JSON.stringify(v, (k, x) => (typeof x === 'bigint' ? `${x}n` : x)));

export function equal(actual, expected, what) {
  if (show(actual) !== show(expected)) throw new CheckFailed(`${what}: got ${show(actual)}, expected ${show(expected)}`);
}

export function ok(cond, what) {
  if (!cond) throw new CheckFailed(what);
}

/** Awaits `fn()` (or its promise) and returns what it threw; fails when it did not throw. */
export async function rejects(fn, what, pattern) {
  try {
    await fn();
  } catch (e) {
    if (pattern && !pattern.test(String(e && e.message))) throw new CheckFailed(`${what}: error "${e && e.message}" does not match ${pattern}`);
    return e;
  }
  throw new CheckFailed(`${what}: did not throw`);
}

export const delay = (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms));
export const frame = () => new Promise((resolve) => setTimeout(resolve, 0));
