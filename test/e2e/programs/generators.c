// Two generators suspended at once. The host runs gen_run(0) and gen_run(1)
// as two tasks, each with its own data block and its own C shadow stack
// (gen_stack_top): every gen_yield unwinds the task that called it, and the
// host resumes the two alternately, so while one runs, the other's whole
// stack (wasm frames in its data block, C frames on its shadow stack) waits.
//
// Generator 0 walks a binary search tree in order, recursively; each level
// keeps a label in a C array (on the shadow stack). Generator 1 yields the
// permutations of an array that lives in its outermost C frame (Heap's
// algorithm, recursive). Both print what gen_yield returned (how many values
// that generator has yielded so far), so a resume into the wrong task shows.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "e2e.h"

static char stacks[2][32768] __attribute__((aligned(16)));

EXPORT(gen_stack_top) uintptr_t gen_stack_top(int id) { return (uintptr_t)(stacks[id] + sizeof stacks[id]); }

struct tree {
  int key;
  struct tree *left, *right;
};
static struct tree nodes[15];
static int used;

static struct tree* insert(struct tree* t, int key) {
  if (!t) {
    t = &nodes[used++];
    t->key = key;
    return t;
  }
  if (key < t->key)
    t->left = insert(t->left, key);
  else
    t->right = insert(t->right, key);
  return t;
}

static long long sums[2];
static int counts[2];

NOINLINE static void emit(int id, long long value, const char* where) {
  int n = gen_yield(id, value);
  sums[id] += value * n;
  counts[id]++;
  printf("gen %d yield #%d: %lld (%s)\n", id, n, value, where);
}

NOINLINE static void walk(const struct tree* t, int depth, const char* path) {
  if (!t)
    return;
  char label[24];
  snprintf(label, sizeof label, "%s%c", path, depth ? 'L' : '^');
  walk(t->left, depth + 1, label);
  label[strlen(label) - 1] = 'k';
  emit(0, t->key * 1000LL + depth, label);
  label[strlen(label) - 1] = 'R';
  walk(t->right, depth + 1, label);
}

NOINLINE static void swap(int* a, int* b) {
  int t = *a;
  *a = *b;
  *b = t;
}

NOINLINE static void permute(int* a, int k, int n) {
  if (k == 1) {
    long long code = 0;
    for (int i = 0; i < n; i++)
      code = code * 10 + a[i];
    char where[8];
    snprintf(where, sizeof where, "k=%d", k);
    emit(1, code, where);
    return;
  }
  permute(a, k - 1, n);
  for (int i = 0; i < k - 1; i++) {
    swap(k % 2 ? &a[0] : &a[i], &a[k - 1]);
    permute(a, k - 1, n);
  }
}

EXPORT(gen_run) int gen_run(int id) {
  printf("gen %d starts\n", id);
  if (id == 0) {
    static const int keys[] = {50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 10};
    struct tree* root = NULL;
    for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++)
      root = insert(root, keys[i]);
    walk(root, 0, "");
  } else {
    int a[4] = {1, 2, 3, 4};
    permute(a, 4, 4);
    printf("gen 1 array after: %d %d %d %d\n", a[0], a[1], a[2], a[3]);
  }
  printf("gen %d done: %d values, weighted sum %lld\n", id, counts[id], sums[id]);
  return counts[id];
}

EXPORT(summary) void summary(void) {
  printf("summary: %d + %d values, sums %lld %lld\n", counts[0], counts[1], sums[0], sums[1]);
}
