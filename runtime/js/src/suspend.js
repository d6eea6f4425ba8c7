// What an import returns to suspend the call it was made in: a Promise (or any
// thenable), which resumes the call with its value, or a Yield, which hands a
// value to whoever drives the call (a coroutine's next(), a poll handle's
// resume()) and resumes the call with what they pass back.

export class Yield {
  constructor(value) { this.value = value; }
}

/** Suspends the calling coroutine or poll handle; `value` is what next() returns. */
export function yieldValue(value) { return new Yield(value); }

export function isThenable(x) {
  return x !== null && (typeof x === 'object' || typeof x === 'function') && typeof x.then === 'function';
}

/**
 * What a call is suspended on. For a promise, `outcome` is {value} or {error}
 * once it has settled (poll handles look at it), and `settled()` resolves
 * with it (awaiting callers use that).
 */
export function pendingOn(result) {
  if (result instanceof Yield) return { kind: 'yield', value: result.value };
  const p = { kind: 'promise', outcome: null };
  const done = Promise.resolve(result).then((value) => ({ value }), (error) => ({ error }));
  p.settled = () => done;
  done.then((o) => { p.outcome = o; });
  return p;
}
