// Wrapping the imports: every function import is wrapped, so the runtime
// knows when an import runs (an export called then is nested in the running
// call) and what it returns. Imports that may suspend get the backend's
// wrapper; the others a plain one that turns a Promise into a clear error.

import { AsyncifyRuntimeError } from './errors.js';
import { placeholderFor } from './module-info.js';
import { Yield, isThenable } from './suspend.js';

function globMatch(pattern, name) {
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(name);
}

export function wrapImports(rt, imports) {
  const out = {};
  const results = rt.info ? rt.info.importResults : new Map();
  for (const [mod, fields] of Object.entries(imports)) {
    out[mod] = {};
    for (const [name, value] of Object.entries(fields)) {
      const key = `${mod}.${name}`;
      out[mod][name] = typeof value === 'function' ? wrapImport(rt, key, value, results) : value;
    }
  }
  if (rt.options.wasi) {
    out.wasi_snapshot_preview1 ??= {};
    for (const [name, fn] of Object.entries(rt.options.wasi.imports))
      out.wasi_snapshot_preview1[name] ??= wrapImport(rt, `wasi_snapshot_preview1.${name}`, fn, results);
  }
  return out;
}

// Which imports may suspend: those options.asyncImports names (patterns
// with *), else all of them, except on JSPI the WASI ones: a suspending
// import (WebAssembly.Suspending) may not even be called from a call the
// engine runs outside WebAssembly.promising (_initialize, syncExports,
// exports called from imports), so on JSPI only imports that may really
// suspend should be wrapped that way.
function mayAsync(rt, key) {
  const list = rt.options.asyncImports;
  if (list) return list.some((p) => globMatch(p, key));
  return !(rt.backendName === 'jspi' && key.startsWith('wasi_snapshot_preview1.'));
}

function wrapImport(rt, key, fn, results) {
  if (rt.backendName !== 'none' && mayAsync(rt, key))
    return rt.backend.wrapImport(key, fn, placeholderFor(results.get(key)));
  return plainImport(rt, key, fn, rt.backendName === 'none'
    ? `this module cannot suspend: it exports no asyncify_* functions (rewrite it with wasm-asyncify ` +
      `--imports ${key}) and this engine has no JSPI`
    : `${key} is not in options.asyncImports`);
}

/** An import that may not suspend: a Promise or a Yield from it is an error that says why. */
function plainImport(rt, key, fn, why) {
  return function (...args) {
    const r = rt.callImport(key, fn, this, args);
    if (r instanceof Yield || isThenable(r)) {
      if (isThenable(r)) Promise.resolve(r).catch(() => {});
      throw new AsyncifyRuntimeError(`${key} returned a ${isThenable(r) ? 'Promise' : 'Yield'}, but ${why}`);
    }
    return r;
  };
}
