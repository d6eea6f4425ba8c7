// Must NOT type-check (types.test.mjs checks that tsc rejects it): the
// declarations are strict enough to catch a wrong option and a wrong call.
import { instantiate } from 'wasm-asyncify-runtime';

declare const bytes: Uint8Array;
const rt = await instantiate(bytes, {}, { concurrency: 'parallel' });
rt.coroutine(42);
