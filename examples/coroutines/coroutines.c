// Coroutines in C on wasm_asyncify_coro.h: two generators interleaved (a
// merge of two sorted streams) and a consumer that values are sent to.
// Each coroutine suspends its whole call stack (a recursive tree walk, a
// loop over an array in its own C frame) and is resumed where it was.
//
//   clang --target=wasm32-wasi --sysroot=/usr -O2 -I runtime/include \
//     examples/coroutines/coroutines.c -o coroutines.wasm
//   wasm-asyncify coroutines.wasm --imports 'asyncify.*' -O2 -o coroutines.async.wasm
//   node examples/coroutines/run.mjs coroutines.async.wasm
#include <stdint.h>
#include <stdio.h>

#include "wasm_asyncify_coro.h"

#define INT(p) ((int)(intptr_t)(p))
#define PTR(i) ((void *)(intptr_t)(i))

// Generator 1: the keys of a binary search tree in order, by recursion.
struct node {
  int key;
  struct node *left, *right;
};

static void walk(const struct node *t) {
  if (!t)
    return;
  walk(t->left);
  wasm_coro_yield(PTR(t->key)); // suspends walk, walk, ..., tree_keys
  walk(t->right);
}

static void *tree_keys(struct wasm_coro *co, void *root) {
  (void)co;
  walk((const struct node *)root);
  return NULL;
}

// Generator 2: the primes below `limit`, sieved in an array that lives in
// this coroutine's C frame (on its own shadow stack) while it is suspended.
static void *primes(struct wasm_coro *co, void *limit) {
  (void)co;
  char composite[64] = {0};
  int n = INT(limit) < 64 ? INT(limit) : 64, found = 0;
  for (int i = 2; i < n; i++) {
    if (composite[i])
      continue;
    for (int j = i * i; j < n; j += i)
      composite[j] = 1;
    found++;
    wasm_coro_yield(PTR(i));
  }
  return PTR(found);
}

// A consumer: each resume sends it a value; it yields the running average.
static void *averager(struct wasm_coro *co, void *first) {
  (void)co;
  int sum = 0, count = 0;
  for (int v = INT(first); v >= 0; count++) {
    sum += v;
    v = INT(wasm_coro_yield(PTR(sum * 10 / (count + 1))));
  }
  return PTR(count);
}

static struct node *insert(struct node *t, struct node *fresh) {
  if (!t)
    return fresh;
  if (fresh->key < t->key)
    t->left = insert(t->left, fresh);
  else
    t->right = insert(t->right, fresh);
  return t;
}

int main(void) {
  static const int keys[] = {40, 20, 60, 10, 30, 50, 70, 25, 35, 5};
  static struct node nodes[10];
  struct node *root = NULL;
  for (int i = 0; i < 10; i++) {
    nodes[i].key = keys[i];
    root = insert(root, &nodes[i]);
  }

  // Merge the two sorted streams, pulling from whichever is behind.
  struct wasm_coro *a = wasm_coro_create(tree_keys, root, 4096, 8192);
  struct wasm_coro *b = wasm_coro_create(primes, PTR(40), 4096, 8192);
  int ra = wasm_coro_resume(a, NULL), rb = wasm_coro_resume(b, NULL);
  while (ra == WASM_CORO_SUSPENDED || rb == WASM_CORO_SUSPENDED) {
    int ka = INT(wasm_coro_value(a)), kb = INT(wasm_coro_value(b));
    if (rb != WASM_CORO_SUSPENDED || (ra == WASM_CORO_SUSPENDED && ka <= kb)) {
      printf("tree  %2d\n", ka);
      ra = wasm_coro_resume(a, NULL);
    } else {
      printf("prime %2d\n", kb);
      rb = wasm_coro_resume(b, NULL);
    }
  }
  printf("merged: tree %s, primes %s (%d of them)\n", wasm_coro_done(a) ? "done" : "not done",
         wasm_coro_done(b) ? "done" : "not done", INT(wasm_coro_value(b)));
  wasm_coro_destroy(a);
  wasm_coro_destroy(b);

  // Send values to the consumer; a negative one ends it.
  static const int samples[] = {4, 8, 15, 16, 23, 42, -1};
  struct wasm_coro *avg = wasm_coro_create(averager, PTR(samples[0]), 4096, 8192);
  int status = wasm_coro_resume(avg, NULL);
  for (int i = 1; status == WASM_CORO_SUSPENDED; i++) {
    int tenths = INT(wasm_coro_value(avg));
    printf("average after %d: %d.%d\n", i, tenths / 10, tenths % 10);
    status = wasm_coro_resume(avg, PTR(samples[i]));
  }
  printf("averager: %s after %d values\n", status == WASM_CORO_DONE ? "done" : "failed",
         INT(wasm_coro_value(avg)));
  wasm_coro_destroy(avg);
  return 0;
}
