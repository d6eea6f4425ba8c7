// The Asyncify backend: drives a module rewritten by wasm-asyncify (or by
// wasm-opt --asyncify) through the five asyncify_* exports. A step runs the
// export synchronously until it returns or unwinds: an import that returns a
// Promise or a Yield fills the task's data block and starts unwinding; the
// next step starts rewinding and calls the export again with the same
// arguments, and the import, reached again, stops rewinding and returns what
// the task was resumed with (or throws the promise's rejection).

import { AsyncifyRuntimeError, DataBlockOverflowError } from './errors.js';
import { Yield, isThenable, pendingOn } from './suspend.js';

export class AsyncifyBackend {
  constructor(rt) { this.rt = rt; this.name = 'asyncify'; }

  wrapImport(key, fn, placeholder) {
    const rt = this.rt;
    return function asyncifyImport(...args) {
      const ex = rt.raw;
      const state = ex.asyncify_get_state();
      if (state === 2) {
        const task = rt.current;
        if (!task || !task.pending)
          throw new AsyncifyRuntimeError(`${key} was reached while rewinding, but no call is suspended in it`);
        ex.asyncify_stop_rewind();
        rt.stats.rewinds++;
        const input = task.input ?? { value: undefined };
        task.input = null;
        task.pending = null;
        if ('error' in input) throw input.error;
        return input.value;
      }
      if (state !== 0) throw new AsyncifyRuntimeError(`${key} was called while the stack was unwinding`);
      const r = rt.callImport(key, fn, this, args);
      if (!(r instanceof Yield) && !isThenable(r)) return r;
      const task = rt.suspendableTask(key, r);
      if (!task.block) task.block = rt.newDataBlock();
      task.block.reset();
      task.pending = pendingOn(r);
      ex.asyncify_start_unwind(task.block.pointer());
      return placeholder;
    };
  }

  /** Runs the task until it returns, throws or unwinds (synchronously). */
  step(task, input) {
    const rt = this.rt, ex = rt.raw;
    const rewinding = task.status === 'suspended';
    task.input = input;
    task.status = 'running';
    let result, error, threw = false;
    rt.enter(task);
    try {
      if (rewinding) ex.asyncify_start_rewind(task.block.pointer());
      result = task.fn(...task.args);
    } catch (e) {
      threw = true;
      error = e;
    } finally {
      rt.leave(task);
    }
    const state = ex.asyncify_get_state();
    if (threw) {
      this.backToNormal(task, state);
      return rt.fail(task, error);
    }
    if (state === 1) {
      const block = task.block;
      if (!block || !task.pending) {
        this.backToNormal(task, state);
        return rt.fail(task, new AsyncifyRuntimeError(`${task.name}() unwound, but not from an import the runtime wrapped`));
      }
      const [current, end] = block.read();
      if (current > end) {
        this.backToNormal(task, state);
        return rt.fail(task, new DataBlockOverflowError(task.name, current - block.start, block.capacity));
      }
      ex.asyncify_stop_unwind();
      rt.stats.unwinds++;
      rt.stats.peakDataBytes = Math.max(rt.stats.peakDataBytes, current - block.start);
      task.status = 'suspended';
      return undefined;
    }
    if (state === 2) {
      this.backToNormal(task, state);
      return rt.fail(task, new AsyncifyRuntimeError(
        `${task.name}() returned while its stack was being rewound: the import it was suspended in was ` +
        `not reached again (is that import missing from the rewriter's --imports list?)`));
    }
    return rt.finish(task, result);
  }

  // After a trap, a thrown exception or an overflow in the middle of an
  // unwind or a rewind: the saved frames are dropped and the module is put
  // back in the normal state (the start/stop functions trap on a block whose
  // current is past its end, so the header is reset first).
  backToNormal(task, state) {
    const ex = this.rt.raw;
    if (state === 0) return;
    if (task.block) task.block.reset();
    if (state === 1) ex.asyncify_stop_unwind();
    else if (state === 2) ex.asyncify_stop_rewind();
  }
}
