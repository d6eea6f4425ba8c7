// wasm_asyncify_coro.h without libc (-ffreestanding -nostdlib), built for
// wasm32 and for wasm64 (memory64) from this one source, linked as a
// reactor with no entry point, rewritten by wasm-asyncify and run by
// coro_freestanding.mjs, which prints what env.report receives. Checks the
// data block's layout at run time (the static asserts in the header check it
// at compile time), and a coroutine that recurses, keeps an array in its C
// frame and yields, interleaved with a second one, then an overflow. After
// linking the test runs wasm-opt -O3 on the module too: the coroutine's
// single call to wasm_coro_yield must stay a call.
#define WASM_CORO_NO_MALLOC
#include "wasm_asyncify_coro.h"

WASM_ASYNCIFY_IMPORT("env", "report") void report(int what, long long value);
enum { LAYOUT_PTR = 1, LAYOUT_END, VALUE, DONE, OVERFLOW_NEEDED, FAILED };

void *memset(void *p, int c, size_t n); // clang may call it for an array's initialiser
void *memset(void *p, int c, size_t n) {
  volatile unsigned char *b = (volatile unsigned char *)p;
  while (n--)
    *b++ = (unsigned char)c;
  return p;
}

WASM_ASYNCIFY_NOINLINE static long long walk(int depth, long long acc) {
  volatile char pad[32]; // in the C frame (shadow stack), across the yield below
  pad[depth % 32] = (char)depth;
  if (depth == 0)
    return acc + (long long)(intptr_t)wasm_coro_yield((void *)(intptr_t)acc);
  long long below = walk(depth - 1, acc * 3 + depth);
  return (below * 7 + pad[depth % 32]) % 1000003;
}

static void *gen(struct wasm_coro *co, void *arg) {
  (void)co;
  long long total = 0;
  for (int i = 0; i < 4; i++)
    total += walk((int)(intptr_t)arg + i, i);
  return (void *)(intptr_t)total;
}

static char frames[2][4096] __attribute__((aligned(16)));
static char stacks[2][8192] __attribute__((aligned(16)));
static struct wasm_coro coros[2];

WASM_ASYNCIFY_EXPORT("run") int run(void);
int run(void) {
  report(LAYOUT_PTR, (long long)sizeof(void *));
  report(LAYOUT_END, (long long)offsetof(struct wasm_asyncify_data, end));
  for (int i = 0; i < 2; i++)
    if (wasm_coro_init(&coros[i], gen, (void *)(intptr_t)(3 + i), frames[i], sizeof frames[i],
                       stacks[i], sizeof stacks[i]) != 0)
      report(FAILED, i);
  int live = 2;
  while (live) {
    live = 0;
    for (int i = 0; i < 2; i++) {
      int r = wasm_coro_resume(&coros[i], (void *)(intptr_t)(100 * (i + 1)));
      if (r == WASM_CORO_SUSPENDED) {
        report(VALUE, i * 1000000 + (long long)(intptr_t)wasm_coro_value(&coros[i]));
        live++;
      } else if (r == WASM_CORO_DONE) {
        report(DONE, i * 1000000 + (long long)(intptr_t)wasm_coro_value(&coros[i]));
      } else {
        report(FAILED, r);
      }
    }
  }
  // A deeper stack in a 64-byte block: it cannot suspend.
  struct wasm_coro small;
  wasm_coro_init(&small, gen, (void *)(intptr_t)20, frames[0], 64, stacks[0], sizeof stacks[0]);
  if (wasm_coro_resume(&small, 0) == WASM_CORO_OVERFLOW && small.needed > 64)
    report(OVERFLOW_NEEDED, 1);
  else
    report(FAILED, small.status);
  return coros[0].status * 10 + coros[1].status;
}
