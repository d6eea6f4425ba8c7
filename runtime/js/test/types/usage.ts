// Compiled by types.test.mjs with tsc --strict against index.d.ts and
// wasi.d.ts: the documented API must type-check as the docs use it.
import { instantiate, yieldValue, hasJspi, DataBlockOverflowError, AsyncifyRuntimeError,
         type Runtime, type Coroutine, type PollHandle, type Options, type WrappedExport } from 'wasm-asyncify-runtime';
import { Wasi, WasiExit } from 'wasm-asyncify-runtime/wasi';

declare const bytes: Uint8Array;

async function main(): Promise<number> {
  const options: Options = {
    dataSize: 4096, stackSize: 8192, concurrency: 'queue', shadowStack: 'auto', syncExports: ['plain'],
    asyncImports: ['env.*'], backend: 'auto', alwaysPromise: false, wasi: new Wasi({ args: ['x'], stdout: (s) => void s }),
    memoryFor: { address: 4096, size: 65536 },
  };
  const rt: Runtime = await instantiate(bytes, {
    env: { sleep_ms: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), emit: (v: number) => yieldValue(v) },
  }, options);
  const mode: 'asyncify' | 'jspi' | 'none' = rt.backendName;
  const total: number = await rt.call('run', 3);
  const again: number = await rt.exports.run(3);
  const wrapped: WrappedExport = rt.exports.run;
  void again; void wrapped;
  const co: Coroutine<number, number> = rt.coroutine<number, number>('squares', 4);
  const first = await co.next();
  if (!first.done) { const v: number = first.value; void v; }
  for await (const v of co) void (v satisfies number);
  const h: PollHandle<number> = rt.start<number>('walk', 3);
  while (!h.resume()) { /* a frame */ }
  const r = h.tryGetResult();
  if (r.done) { const n: number = r.value; void n; }
  try { await rt.call('deep', 100); } catch (e) {
    if (e instanceof DataBlockOverflowError) return e.bytesNeeded;
    if (e instanceof AsyncifyRuntimeError || e instanceof WasiExit) return -1;
  }
  rt.releasePooledMemory();
  return total + rt.stats.unwinds + (hasJspi() ? 1 : 0) + mode.length;
}
void main;
