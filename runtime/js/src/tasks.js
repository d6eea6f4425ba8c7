// Driving a task: to its end (export calls), to its next yield (coroutines),
// or one step per resume() (poll handles). Written once over both backends: a
// backend's step returns undefined when it finished synchronously (Asyncify)
// or a Promise (JSPI).

import { AsyncifyRuntimeError } from './errors.js';
import { isThenable } from './suspend.js';

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs a task until it yields or returns. Returns an IteratorResult, or a
 * Promise of one when the task waited on a promise (or the backend is JSPI).
 * With yieldToEventLoop (plain export calls), a yield resumes the task after
 * a turn of the event loop with the yielded value instead of returning.
 */
export function advance(rt, task, input, { yieldToEventLoop = false } = {}) {
  const s = rt.step(task, input);
  if (isThenable(s)) return s.then(() => outcome(rt, task, yieldToEventLoop));
  return outcome(rt, task, yieldToEventLoop);
}

function outcome(rt, task, yieldToEventLoop) {
  if (task.status === 'done') return { done: true, value: task.value };
  if (task.status === 'failed') throw task.error;
  const p = task.pending;
  if (p.kind === 'yield') {
    if (!yieldToEventLoop) return { done: false, value: p.value };
    return nextTurn().then(() => advance(rt, task, { value: p.value }, { yieldToEventLoop }));
  }
  return p.settled().then((input) => advance(rt, task, input, { yieldToEventLoop }));
}

/** A call that yields values: iterate it like a generator. */
export class Coroutine {
  constructor(rt, task) { this.rt = rt; this.task = task; }

  /** 'new', 'running', 'suspended', 'done' or 'failed'. */
  get status() { return this.task.status; }
  get done() { return this.task.status === 'done' || this.task.status === 'failed'; }

  /**
   * Runs the coroutine to its next yield: {done: false, value} (the value the
   * import yielded) or {done: true, value} (what the export returned). `value`
   * is what the yielding import returns in the module (ignored on the first
   * call). Synchronous on Asyncify unless the coroutine waits on a Promise.
   */
  next(value) {
    const t = this.task;
    if (this.done) return { done: true, value: undefined };
    if (t.status === 'running') throw new AsyncifyRuntimeError(`coroutine ${t.name}() is already running`);
    if (t.status === 'suspended' && t.pending.kind === 'promise')
      throw new AsyncifyRuntimeError(`coroutine ${t.name}() is waiting on a promise; await the previous next()`);
    return advance(this.rt, t, t.status === 'new' ? undefined : { value });
  }

  /** Drops a suspended coroutine: its frames are discarded, its memory reused. */
  return(value) {
    const t = this.task;
    if (t.status === 'running') throw new AsyncifyRuntimeError(`coroutine ${t.name}() is running`);
    if (t.status === 'suspended') this.rt.fail(t, new AsyncifyRuntimeError(`coroutine ${t.name}() was returned`));
    t.status = 'done';
    t.value = value;
    return { done: true, value };
  }

  [Symbol.iterator]() {
    return { next: (v) => {
      const r = this.next(v);
      if (isThenable(r)) throw new AsyncifyRuntimeError(`coroutine ${this.task.name}() waits on a promise: use for await`);
      return r;
    }, return: (v) => this.return(v), [Symbol.iterator]() { return this; } };
  }

  [Symbol.asyncIterator]() {
    return { next: async (v) => this.next(v), return: async (v) => this.return(v), [Symbol.asyncIterator]() { return this; } };
  }
}

/** A call started now and advanced by resume(), for frame loops. */
export class PollHandle {
  constructor(rt, task) {
    this.rt = rt;
    this.task = task;
    this.inFlight = null;
    this.stepNow(undefined);
  }

  stepNow(input) {
    const s = this.rt.step(this.task, input);
    if (isThenable(s)) this.inFlight = s.then(() => { this.inFlight = null; });
  }

  /** 'running', 'suspended' (resume() continues it), 'waiting' (on a promise), 'done' or 'failed'. */
  get status() {
    const t = this.task;
    if (this.inFlight) return 'running';
    if (t.status === 'suspended' && t.pending.kind === 'promise' && !t.pending.outcome) return 'waiting';
    return t.status;
  }
  get done() { return this.task.status === 'done' || this.task.status === 'failed'; }

  /**
   * Continues the call if it can go on: it yielded (it gets `value` back), or
   * the promise it waits on has settled. Returns whether it has finished.
   * On JSPI the call continues in a microtask after resume() returns.
   */
  resume(value) {
    const t = this.task;
    if (this.inFlight || t.status !== 'suspended') return this.done;
    if (t.pending.kind === 'yield') this.stepNow({ value });
    else if (t.pending.outcome) this.stepNow(t.pending.outcome);
    return this.done;
  }

  /** {done: false} until the call returns, then {done: true, value}; throws what the call threw. */
  tryGetResult() {
    const t = this.task;
    if (t.status === 'failed') throw t.error;
    if (t.status === 'done') return { done: true, value: t.value };
    return { done: false };
  }

  /** The value the yielding import passed to yieldValue(), while suspended on a yield. */
  get yielded() { return this.task.status === 'suspended' && this.task.pending.kind === 'yield' ? this.task.pending.value : undefined; }
}
