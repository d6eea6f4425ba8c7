#!/usr/bin/env bash
# Breaks the runtime on purpose, one mutation at a time, in a copy of
# runtime/js, and checks that the Node tests catch each one. Not in CTest
# (it runs the suite once per mutation); run it after changing the runtime
# or the scenarios.
# usage: mutate.sh FIXTURES_DIR   (BUILD_DIR/js-runtime/node after run.sh)
set -uo pipefail
fixtures=$(cd "$1" && pwd)
pkg=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=()
node --experimental-wasm-memory64 -e 0 2>/dev/null && flags+=(--experimental-wasm-memory64)
survived=0

mutate() { # NAME FILE SED-EXPRESSION
  rm -rf "$work/js" && mkdir -p "$work/js" && cp -r "$pkg"/{index.js,wasi.js,package.json,src,test} "$work/js/"
  sed -i "$3" "$work/js/$2"
  if cmp -s "$pkg/$2" "$work/js/$2"; then echo "NOT APPLIED: $1"; survived=1; return; fi
  if (cd "$work/js" && WASM_ASYNCIFY_FIXTURES=$fixtures node "${flags[@]}" --test test/node.test.mjs >"$work/log" 2>&1); then
    echo "SURVIVED: $1"; survived=1
  else
    echo "caught: $1"
  fi
}

mutate 'no shadow stack swap' src/runtime.js 's/this.spGlobal.value = task.stack.sp;/void 0;/'
mutate 'no overflow check' src/asyncify.js 's/if (current > end) {/if (false) {/'
mutate 'no header reset before leaving an unwind' src/asyncify.js 's/if (task.block) task.block.reset();//'
mutate 'rejection ignored' src/asyncify.js "s/if ('error' in input) throw input.error;//"
mutate 'resume value lost' src/asyncify.js 's/return input.value;/return 0;/'
mutate 'no queue' src/runtime.js "s/if (isCall \&\& this.options.concurrency === 'queue' \&\& this.callInFlight) return false;//"
mutate 'no pump when the stack is free' src/runtime.js 's/if (this.queue.length) queueMicrotask(() => this.pump());//'
mutate 'nested calls may suspend' src/runtime.js 's/this.importDepth === task.depth) return task;/true) return task;/'
mutate 'stack pointer not restored after a failure' src/runtime.js 's/this.spGlobal.value = task.entrySP;/void 0;/'
mutate 'i64 placeholder a number' src/module-info.js "s/t === 'i64' ? 0n/t === 'i64' ? 0/"
mutate 'no multi-value placeholder' src/module-info.js 's/return results.map(one);/return undefined;/'
mutate 'poll handle ignores a settled promise' src/tasks.js 's/else if (t.pending.outcome) this.stepNow(t.pending.outcome);//'
mutate 'WASI argv pointers 8 apart' src/wasi.js 's/ptrs += 4;/ptrs += 8;/'
exit $survived
