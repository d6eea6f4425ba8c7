// instantiate() and the Runtime: wraps a module's exports so that calls
// which suspend return Promises (imports.js wraps the imports), and schedules
// calls (a queue by default), coroutines and poll handles, each task on its
// own data block and, when others may run while it is suspended, its own
// shadow stack. The backends (asyncify.js, jspi.js) do the suspending; this
// file decides who runs when, and on what memory.

import { AsyncifyBackend } from './asyncify.js';
import { AsyncifyRuntimeError } from './errors.js';
import { JspiBackend, NoSuspendBackend, hasJspi } from './jspi.js';
import { Allocator, DataBlock, ShadowStack } from './memory.js';
import { wrapImports } from './imports.js';
import { readModuleInfo } from './module-info.js';
import { isThenable } from './suspend.js';
import { Coroutine, PollHandle, advance } from './tasks.js';

const ASYNCIFY_EXPORTS = ['asyncify_start_unwind', 'asyncify_stop_unwind', 'asyncify_start_rewind',
                          'asyncify_stop_rewind', 'asyncify_get_state'];

const TO_THE_END = Object.freeze({ yieldToEventLoop: true });

const DEFAULTS = {
  dataSize: 65536,
  stackSize: 65536,
  concurrency: 'queue',
  shadowStack: 'auto',
  stackPointerExport: '__stack_pointer',
  mallocExport: 'malloc',
  freeExport: 'free',
  syncExports: [],
  backend: 'auto',
  alwaysPromise: false,
  initialize: true,
};

export async function instantiate(source, imports = {}, options = {}) {
  const opts = { ...DEFAULTS, ...options };
  let bytes = null, module;
  source = await source;
  if (source instanceof WebAssembly.Module) module = source;
  else {
    if (typeof Response !== 'undefined' && source instanceof Response) source = await source.arrayBuffer();
    bytes = ArrayBuffer.isView(source) ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
                                       : new Uint8Array(source);
    module = await WebAssembly.compile(bytes);
  }
  const rt = new Runtime(module, bytes ? readModuleInfo(bytes) : null, opts);
  const instance = await WebAssembly.instantiate(module, wrapImports(rt, imports));
  rt.attach(instance);
  await rt.initialize();
  return rt;
}

function chooseBackend(module, wanted) {
  const rewritten = WebAssembly.Module.exports(module).some((e) => e.name === 'asyncify_start_unwind');
  const name = wanted === 'auto' ? (rewritten ? 'asyncify' : hasJspi() ? 'jspi' : 'none') : wanted;
  if (name === 'asyncify' && !rewritten)
    throw new AsyncifyRuntimeError('backend "asyncify" needs a module rewritten by wasm-asyncify (no asyncify_* exports)');
  if (name === 'jspi' && !hasJspi())
    throw new AsyncifyRuntimeError('backend "jspi" needs WebAssembly.Suspending and WebAssembly.promising');
  return name;
}

export class Runtime {
  constructor(module, info, opts) {
    this.module = module;
    this.options = opts;
    this.info = info;
    const name = chooseBackend(module, opts.backend);
    this.backend = name === 'asyncify' ? new AsyncifyBackend(this) : name === 'jspi' ? new JspiBackend(this) : new NoSuspendBackend(this);
    this.current = null;     // the task whose wasm is running
    this.importDepth = 0;    // > 0 while a user import function runs: export calls then are nested
    this.mainStackOwner = null;
    this.queue = [];         // export calls waiting their turn
    this.callInFlight = null; // the export call that holds the turn (queue mode)
    this.stats = { unwinds: 0, rewinds: 0, peakDataBytes: 0, queued: 0 };
  }

  /** 'asyncify', 'jspi' or 'none' (nothing can suspend). */
  get backendName() { return this.backend.name; }

  attach(instance) {
    const opts = this.options;
    this.instance = instance;
    this.raw = instance.exports;
    this.memory = opts.memory ?? this.raw.memory;
    if (this.backendName === 'asyncify') {
      for (const n of ASYNCIFY_EXPORTS)
        if (typeof this.raw[n] !== 'function') throw new AsyncifyRuntimeError(`the module exports no ${n}`);
      if (!(this.memory instanceof WebAssembly.Memory))
        throw new AsyncifyRuntimeError('the module exports no memory named "memory"; pass options.memory');
    }
    this.allocator = new Allocator(this.raw, opts.memoryFor, opts);
    this.allocator.memory64 ??= this.info?.memory64;
    const sp = this.raw[opts.stackPointerExport];
    this.spGlobal = sp instanceof WebAssembly.Global ? sp : null;
    if (opts.concurrency !== 'queue' && opts.concurrency !== 'concurrent')
      throw new AsyncifyRuntimeError(`options.concurrency is "queue" or "concurrent", not "${opts.concurrency}"`);
    if (opts.concurrency === 'concurrent' && !this.ownStacksPossible())
      throw new AsyncifyRuntimeError(this.noOwnStackMessage('concurrent calls'));
    const sync = new Set([opts.mallocExport, opts.freeExport, '_initialize', ...ASYNCIFY_EXPORTS, ...opts.syncExports]);
    this.exports = {};
    for (const [name, value] of Object.entries(this.raw)) {
      this.exports[name] = typeof value !== 'function' ? value
        : sync.has(name) ? value : this.wrapExport(name, value);
    }
    if (opts.wasi) opts.wasi.bind(this.memory);
  }

  /** Runs the module's _initialize (through WebAssembly.promising on JSPI: it may reach a suspending import). */
  async initialize() {
    const init = this.raw._initialize;
    if (!this.options.initialize || typeof init !== 'function') return;
    if (this.backendName === 'jspi') await WebAssembly.promising(init)();
    else init();
  }

  wrapExport(name, fn) {
    const rt = this;
    const wrapped = function (...args) { return rt.callExport(name, fn, args); };
    Object.defineProperty(wrapped, 'name', { value: name });
    return wrapped;
  }

  // ---------------------------------------------------------------- calls

  /** Calls an export as the exports object does. */
  call(name, ...args) {
    const fn = this.exports[name];
    if (typeof fn !== 'function') throw new AsyncifyRuntimeError(`the module exports no function ${name}`);
    return fn(...args);
  }

  callExport(name, fn, args) {
    // Called from inside an import: part of the running call's stack, so it
    // runs at once and cannot suspend (the import's JS frame is in the way).
    if (this.importDepth > 0) return fn(...args);
    const task = this.newTask('call', name, fn, args);
    const mustWait = this.queue.length > 0 || !this.canStart(true);
    if (mustWait) {
      this.stats.queued++;
      return new Promise((resolve, reject) => this.queue.push({ task, resolve, reject }));
    }
    return this.runCall(task);
  }

  canStart(isCall) {
    if (isCall && this.options.concurrency === 'queue' && this.callInFlight) return false;
    return !this.mainStackOwner || this.ownStacksPossible();
  }

  // Runs an export call; its result synchronously when it did not suspend
  // (asyncify, unless alwaysPromise), else a Promise.
  runCall(task) {
    this.callInFlight = task;
    let out;
    try {
      out = advance(this, task, undefined, TO_THE_END);
    } catch (e) {
      this.endCall(task);
      throw e;
    }
    if (!isThenable(out)) {
      this.endCall(task);
      return this.options.alwaysPromise ? Promise.resolve(out.value) : out.value;
    }
    return out.then((r) => { this.endCall(task); return r.value; }, (e) => { this.endCall(task); throw e; });
  }

  endCall(task) {
    if (this.callInFlight === task) this.callInFlight = null;
    if (this.queue.length) this.pump();
  }

  pump() {
    while (this.queue.length && this.canStart(true)) {
      const { task, resolve, reject } = this.queue.shift();
      try {
        resolve(this.runCall(task));
      } catch (e) {
        reject(e);
      }
    }
  }

  /** A coroutine: `next(v)` runs the export until it yields (an import returned yieldValue(x)) or returns. */
  coroutine(name, ...args) { return new Coroutine(this, this.newTask('coroutine', name, this.rawFunction(name), args)); }

  /** Starts a call now and returns a handle to resume() each frame and tryGetResult(). */
  start(name, ...args) { return new PollHandle(this, this.newTask('handle', name, this.rawFunction(name), args)); }

  rawFunction(name) {
    const fn = this.raw[name];
    if (typeof fn !== 'function') throw new AsyncifyRuntimeError(`the module exports no function ${name}`);
    return fn;
  }

  // ---------------------------------------------------------------- tasks

  newTask(kind, name, fn, args) {
    return { kind, name, fn, args, status: 'new', depth: 0, pending: null, input: null, block: null, stack: null,
             onMainStack: false, value: undefined, error: undefined };
  }

  /** One step of a task; undefined when done synchronously, else a Promise. */
  step(task, input) {
    if (task.status === 'new') this.takeStack(task);
    return this.backend.step(task, input);
  }

  // Export calls run on the module's own shadow stack when it is free;
  // coroutines and poll handles, which may stay suspended for long, on their
  // own when the module exports its stack pointer, so calls keep the main one.
  takeStack(task) {
    const ownFirst = task.kind !== 'call' && this.spGlobal && this.options.shadowStack !== 'none';
    if (!this.mainStackOwner && !ownFirst) {
      this.mainStackOwner = task;
      task.onMainStack = true;
      if (this.spGlobal) task.entrySP = this.spGlobal.value;
    } else if (this.spGlobal && this.options.shadowStack !== 'none') {
      task.stack = new ShadowStack(this.allocator, this.options.stackSize, this.spGlobal, this.memory);
    } else if (this.options.shadowStack !== 'none') {
      throw new AsyncifyRuntimeError(this.noOwnStackMessage(`${task.name}() while another call is suspended`));
    }
  }

  ownStacksPossible() { return this.options.shadowStack === 'none' || this.spGlobal !== null; }

  noOwnStackMessage(what) {
    return `cannot run ${what}: each needs a shadow stack of its own, and the module exports no ` +
           `${this.options.stackPointerExport} global (link C with -mmutable-globals ` +
           `-Wl,--export=__stack_pointer), or pass { shadowStack: 'none' } if it keeps nothing on a ` +
           `shadow stack across a suspension`;
  }

  enter(task) {
    task.outer = this.current;
    task.depth = this.importDepth;
    this.current = task;
    if (task.stack) {
      task.savedSP = this.spGlobal.value;
      this.spGlobal.value = task.stack.sp;
    }
  }

  leave(task) {
    this.current = task.outer;
    if (task.stack) {
      task.stack.sp = this.spGlobal.value;
      this.spGlobal.value = task.savedSP;
    }
  }

  newDataBlock() { return new DataBlock(this.allocator, this.options.dataSize, this.memory, this.info?.memory64); }

  /** Called by an import wrapper that got a Promise or a Yield: the task to suspend, or an error. */
  suspendableTask(key, result) {
    const task = this.current;
    // Only the task whose own wasm called the import: not an export called
    // from an import inside it (the import's JS frame cannot be unwound).
    if (task && task.status === 'running' && this.importDepth === task.depth) return task;
    if (isThenable(result)) Promise.resolve(result).catch(() => {});
    throw new AsyncifyRuntimeError(task
      ? `${key} returned a Promise in a call made from inside an import, which cannot suspend`
      : `${key} returned a Promise outside any call made through the runtime (call exports through rt.exports)`);
  }

  callImport(key, fn, self, args) {
    this.importDepth++;
    try { return fn.apply(self, args); } finally { this.importDepth--; }
  }

  finish(task, value) {
    task.status = 'done';
    task.value = value;
    this.release(task);
  }

  fail(task, error) {
    task.status = 'failed';
    task.error = error;
    task.pending = null;
    // A main-stack call that did not return leaves its frames' space taken
    // on the shadow stack: give it back.
    // (Not while another task runs: the global then holds that task's.)
    if (task.onMainStack && this.spGlobal && task.entrySP !== undefined && this.current === null)
      this.spGlobal.value = task.entrySP;
    this.release(task);
  }

  release(task) {
    if (task.block) { task.block.release(); task.block = null; }
    if (task.stack) { task.stack.release(); task.stack = null; }
    if (task.onMainStack) {
      task.onMainStack = false;
      this.mainStackOwner = null;
      if (this.queue.length) queueMicrotask(() => this.pump());
    }
  }

  /** Gives pooled data blocks and stacks back to the program's free(). */
  releasePooledMemory() { this.allocator.releaseAll(); }
}
