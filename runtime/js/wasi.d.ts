// Types of wasm-asyncify-runtime/wasi: a small WASI preview 1 for tests and examples.

export interface WasiOptions {
  args?: string[];
  env?: Record<string, string>;
  /** Receives what the program writes to fd 1 (default: process.stdout, or console.log). */
  stdout?: (text: string) => void;
  /** Receives what the program writes to fd 2. */
  stderr?: (text: string) => void;
}

export declare class Wasi {
  constructor(options?: WasiOptions);
  /** The wasi_snapshot_preview1 functions. */
  readonly imports: Record<string, (...args: any[]) => any>;
  /** Gives the functions the module's memory (instantiate() does it when passed { wasi }). */
  bind(memory: WebAssembly.Memory): void;
}

/** Thrown by proc_exit: the call that exited rejects (or throws) with it. */
export declare class WasiExit extends Error {
  readonly code: number;
}
