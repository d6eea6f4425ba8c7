// The JSPI backend: runs a module that was not rewritten on an engine with
// JavaScript Promise Integration (WebAssembly.Suspending and
// WebAssembly.promising). Each import is wrapped in WebAssembly.Suspending,
// so the engine suspends the wasm stack when it returns a Promise; each task
// calls its export through WebAssembly.promising.
//
// The engine resumes a stack in a microtask of its own, after the promise
// the import returned has settled. So that a task always runs on its own
// shadow stack (the __stack_pointer global is swapped in before it resumes
// and out when it suspends), the runtime lets one task run at a time: a step
// holds a lock from the moment it swaps the task in until the task suspends
// again or returns.

import { Yield, isThenable, pendingOn } from './suspend.js';

export function hasJspi() {
  return typeof WebAssembly.Suspending === 'function' && typeof WebAssembly.promising === 'function';
}

export class JspiBackend {
  constructor(rt) {
    this.rt = rt;
    this.name = 'jspi';
    this.lock = Promise.resolve();
    this.promisingFns = new Map();
  }

  wrapImport(key, fn) {
    const rt = this.rt;
    const suspendingImport = function (...args) {
      const r = rt.callImport(key, fn, this, args);
      if (!(r instanceof Yield) && !isThenable(r)) return r;
      const task = rt.suspendableTask(key, r);
      task.pending = pendingOn(r);
      rt.leave(task);
      task.status = 'suspended';
      rt.stats.unwinds++;
      const resumed = new Promise((resolve, reject) => { task.resumeWith = { resolve, reject }; });
      task.stopped();
      return resumed;
    };
    return new WebAssembly.Suspending(suspendingImport);
  }

  promisingFor(task) {
    let p = this.promisingFns.get(task.fn);
    if (!p) this.promisingFns.set(task.fn, (p = WebAssembly.promising(task.fn)));
    return p;
  }

  /** Runs the task until it suspends or returns; resolves then. */
  step(task, input) {
    const rt = this.rt;
    const run = this.lock.then(() => new Promise((stopped) => {
      task.stopped = stopped;
      const first = task.status === 'new';
      task.status = 'running';
      rt.enter(task);
      if (!first) {
        const { resolve, reject } = task.resumeWith;
        task.resumeWith = null;
        task.pending = null;
        rt.stats.rewinds++;
        if (input && 'error' in input) reject(input.error);
        else resolve(input ? input.value : undefined);
        return;
      }
      let promise;
      try {
        promise = this.promisingFor(task)(...task.args);
      } catch (e) {
        rt.leave(task);
        rt.fail(task, e);
        stopped();
        return;
      }
      promise.then((value) => { rt.leave(task); rt.finish(task, value); task.stopped(); },
                   (error) => { rt.leave(task); rt.fail(task, error); task.stopped(); });
    }));
    this.lock = run.catch(() => {}); // a step that went wrong must not stop the ones after it
    return run;
  }
}

/** For a module that was not rewritten on an engine without JSPI: nothing can suspend. */
export class NoSuspendBackend {
  constructor(rt) { this.rt = rt; this.name = 'none'; }
  step(task) {
    const rt = this.rt;
    task.status = 'running';
    rt.enter(task);
    let result;
    try {
      result = task.fn(...task.args);
    } catch (e) {
      rt.leave(task);
      return rt.fail(task, e);
    }
    rt.leave(task);
    return rt.finish(task, result);
  }
}
