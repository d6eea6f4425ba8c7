// The second translation unit of coro_test.c: it includes the header too
// (weak definitions must link), and its coroutine yields through the
// wasm_coro_yield that the first unit's wasm_coro_resume drives.
#include <stdint.h>

#include "wasm_asyncify_coro.h"

void *tu2_counter(struct wasm_coro *co, void *arg);

void *tu2_counter(struct wasm_coro *co, void *arg) {
  if (wasm_coro_current() != co)
    return (void *)(intptr_t)-1;
  int sum = 0;
  for (int i = 1; i <= (int)(intptr_t)arg; i++) {
    int seen = (int)(intptr_t)wasm_coro_yield((void *)(intptr_t)i);
    if (seen != sum + i) // the main loop sends the running total
      return (void *)(intptr_t)-2;
    sum += i;
  }
  return (void *)(intptr_t)sum;
}
