// Types of wasm-asyncify-runtime (written by hand; see docs/js-runtime.md).

import type { Wasi } from './wasi.js';

/** What an import may return to suspend the call it was made in, besides a Promise. */
export declare class Yield<T = unknown> {
  constructor(value: T);
  readonly value: T;
}

/** Suspends the calling coroutine or poll handle, handing `value` to next() / `yielded`. */
export declare function yieldValue<T = undefined>(value?: T): Yield<T>;

/** Whether this engine has JSPI (WebAssembly.Suspending and WebAssembly.promising). */
export declare function hasJspi(): boolean;

export type ImportValue = Function | WebAssembly.Global | WebAssembly.Memory | WebAssembly.Table | unknown;
/** Imports as for WebAssembly.instantiate; functions may return a Promise or a Yield. */
export type Imports = Record<string, Record<string, ImportValue>>;

export interface Options {
  /** Bytes of saved frames one suspended call may keep (default 65536). */
  dataSize?: number;
  /** Bytes of each extra shadow stack (default 65536). */
  stackSize?: number;
  /**
   * Where data blocks and shadow stacks come from: by default the module's
   * `malloc`/`free` exports; or functions; or a region of the module's memory.
   */
  memoryFor?: { allocate(bytes: number | bigint): number | bigint; release?(ptr: number | bigint): void }
            | { address: number | bigint; size: number };
  /** Names of the allocator's exports (default 'malloc' and 'free'). */
  mallocExport?: string;
  freeExport?: string;
  /** 'queue' (default): one export call at a time; 'concurrent': calls run at once on their own stacks. */
  concurrency?: 'queue' | 'concurrent';
  /** 'auto' (default): swap the exported __stack_pointer per task; 'none': the module keeps nothing on a shadow stack across a suspension. */
  shadowStack?: 'auto' | 'none';
  /** The exported shadow-stack-pointer global (default '__stack_pointer'). */
  stackPointerExport?: string;
  /**
   * Imports that may suspend, as 'module.name' patterns with '*' (the rewriter's --imports list).
   * Default: all; on JSPI all but wasi_snapshot_preview1.* (only these become WebAssembly.Suspending).
   */
  asyncImports?: string[];
  /** Exports that never suspend: called directly, never queued. malloc, free and _initialize always are. */
  syncExports?: string[];
  /** 'auto' (default): asyncify when the module exports asyncify_*, else JSPI when the engine has it, else 'none'. */
  backend?: 'auto' | 'asyncify' | 'jspi' | 'none';
  /** Every export call returns a Promise, even when it did not suspend (default false). */
  alwaysPromise?: boolean;
  /** Call the module's `_initialize` export after instantiating (default true). */
  initialize?: boolean;
  /** The memory, when the module does not export it as "memory". */
  memory?: WebAssembly.Memory;
  /** A WASI to provide `wasi_snapshot_preview1` (see 'wasm-asyncify-runtime/wasi'). */
  wasi?: Wasi;
}

export type Source = BufferSource | WebAssembly.Module | Response | PromiseLike<BufferSource | WebAssembly.Module | Response>;

/** Instantiates a module with imports that may return Promises. */
export declare function instantiate(source: Source, imports?: Imports, options?: Options): Promise<Runtime>;

/** An export as the runtime wraps it: its value, or a Promise of it when the call suspended or waited. */
export type WrappedExport = (...args: any[]) => any | Promise<any>;

export interface Stats {
  /** Suspensions (unwinds, or JSPI suspensions). */
  unwinds: number;
  /** Resumptions. */
  rewinds: number;
  /** The most bytes one unwind left in a data block (Asyncify). */
  peakDataBytes: number;
  /** Export calls that had to wait their turn. */
  queued: number;
}

export declare class Runtime {
  readonly module: WebAssembly.Module;
  readonly instance: WebAssembly.Instance;
  /**
   * The exports: functions wrapped (see WrappedExport), memories, tables and
   * globals as they are. Typed loosely, as WebAssembly.Exports values are.
   */
  readonly exports: Record<string, any>;
  /** The instance's own exports, unwrapped. */
  readonly raw: WebAssembly.Exports;
  readonly memory: WebAssembly.Memory;
  readonly backendName: 'asyncify' | 'jspi' | 'none';
  readonly stats: Stats;
  /** Same as exports[name](...args). */
  call(name: string, ...args: unknown[]): any | Promise<any>;
  /** A coroutine over an export; it starts on the first next(). */
  coroutine<Y = unknown, R = unknown>(name: string, ...args: unknown[]): Coroutine<Y, R>;
  /** Starts an export now; resume() it once per frame. */
  start<R = unknown>(name: string, ...args: unknown[]): PollHandle<R>;
  /** Gives pooled data blocks and shadow stacks back to the program's free(). */
  releasePooledMemory(): void;
}

export type TaskStatus = 'new' | 'running' | 'suspended' | 'done' | 'failed';

export declare class Coroutine<Y = unknown, R = unknown> implements Iterable<Y>, AsyncIterable<Y> {
  readonly status: TaskStatus;
  readonly done: boolean;
  /**
   * Runs to the next yield ({done: false, value}) or the return ({done: true, value}).
   * `value` is what the yielding import returns. A Promise when the coroutine
   * waited on a Promise, or on JSPI.
   */
  next(value?: unknown): IteratorResult<Y, R> | Promise<IteratorResult<Y, R>>;
  /** Drops a suspended coroutine. */
  return(value?: R): IteratorResult<Y, R>;
  [Symbol.iterator](): Iterator<Y, R>;
  [Symbol.asyncIterator](): AsyncIterator<Y, R>;
}

export declare class PollHandle<R = unknown> {
  /** 'running' (JSPI, in flight), 'suspended', 'waiting' (on a promise), 'done' or 'failed'. */
  readonly status: 'running' | 'suspended' | 'waiting' | 'done' | 'failed';
  readonly done: boolean;
  /** What the import passed to yieldValue(), while suspended on a yield. */
  readonly yielded: unknown;
  /** Continues the call when it can; returns whether it has finished. */
  resume(value?: unknown): boolean;
  /** {done: false} until the call returned; throws what the call threw. */
  tryGetResult(): { done: false } | { done: true; value: R };
}

/** A suspended call needed more bytes of saved frames than its data block holds. */
export declare class DataBlockOverflowError extends Error {
  readonly exportName: string;
  readonly bytesNeeded: number;
  readonly dataSize: number;
}

/** The runtime was used in a way that cannot work; the message says how to fix it. */
export declare class AsyncifyRuntimeError extends Error {}
