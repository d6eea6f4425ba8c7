// Function pointers (call_indirect) to functions that suspend, a vtable-like
// struct of pointers, and libc calling back into code that suspends: qsort's
// and bsearch's comparators call an async import, so the stack unwinds
// through musl's qsort (smoothsort, with its own recursion) and bsearch.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e.h"

typedef int (*op_fn)(int);

NOINLINE static int op_double(int x) { return 2 * x; }
NOINLINE static int op_async(int x) { return async_i32(x); }
NOINLINE static int op_sleep(int x) { return sleep_ms(x) - x; }
NOINLINE static int op_neg(int x) { return -x; }

static op_fn ops[] = {op_double, op_async, op_sleep, op_neg};

NOINLINE static int apply(op_fn fn, int x) { return fn(x) + 1; }

NOINLINE static int chain(int x, int n) {
  for (int i = 0; i < n; i++)
    x = apply(ops[(x + i) & 3], x % 1000);
  return x;
}

struct shape {
  const char* name;
  int (*area)(const struct shape*);
  int (*grow)(struct shape*, int);
  int w, h;
};

NOINLINE static int rect_area(const struct shape* s) { return s->w * s->h; }
NOINLINE static int rect_grow(struct shape* s, int by) {
  s->w += by;
  s->h += sleep_ms(by) % 5;
  return s->w + s->h;
}
NOINLINE static int tri_area(const struct shape* s) { return async_i32(s->w * s->h) / 2; }
NOINLINE static int tri_grow(struct shape* s, int by) {
  s->h += async_i32(by) % 7;
  return s->h;
}

static int compares, suspends;

// Suspends in two of every three comparisons.
static int cmp_int(const void* pa, const void* pb) {
  int x = *(const int*)pa, y = *(const int*)pb;
  compares++;
  if (compares % 3 != 0) {
    suspends++;
    int k = sleep_ms(compares & 63);
    if (k != (compares & 63) * 7 + 3)
      printf("bad sleep result %d\n", k);
  }
  return (x > y) - (x < y);
}

struct rec {
  char name[12];
  double key;
  int id;
};

// The key is computed by an async import during the comparison.
static int cmp_rec(const void* pa, const void* pb) {
  const struct rec *a = pa, *b = pb;
  double ka = async_f64(a->key), kb = async_f64(b->key);
  if (ka != kb)
    return ka < kb ? -1 : 1;
  return strcmp(a->name, b->name);
}

static int cmp_key(const void* key, const void* elem) {
  int k = *(const int*)key, e = *(const int*)elem;
  return async_i32(k) - async_i32(e) > 0 ? 1 : (k == e ? 0 : -1);
}

int main(void) {
  for (int x = 0; x < 12; x++)
    printf("chain %d -> %d\n", x, chain(x * 37, 5 + x));

  struct shape shapes[] = {{"rect", rect_area, rect_grow, 3, 4}, {"tri", tri_area, tri_grow, 6, 5},
                           {"rect2", rect_area, rect_grow, 10, 1}};
  for (int round = 0; round < 3; round++)
    for (unsigned i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
      struct shape* s = &shapes[i];
      int g = s->grow(s, round + (int)i);
      printf("%s round %d: grow -> %d, area %d\n", s->name, round, g, s->area(s));
    }

  int arr[60];
  unsigned seed = 12345;
  for (int i = 0; i < 60; i++) {
    seed = seed * 1103515245u + 12345u;
    arr[i] = (int)(seed >> 16) % 1000 - 300;
  }
  qsort(arr, 60, sizeof arr[0], cmp_int);
  printf("sorted:");
  for (int i = 0; i < 60; i++)
    printf(" %d", arr[i]);
  printf("\ncompares %d, suspended in %d\n", compares, suspends);
  for (int i = 1; i < 60; i++)
    if (arr[i - 1] > arr[i])
      printf("NOT SORTED at %d\n", i);

  struct rec recs[16];
  for (int i = 0; i < 16; i++) {
    snprintf(recs[i].name, sizeof recs[i].name, "r%02d", (i * 7) % 16);
    recs[i].key = (double)((i * 5) % 6) * 1.5;
    recs[i].id = i;
  }
  qsort(recs, 16, sizeof recs[0], cmp_rec);
  for (int i = 0; i < 16; i++)
    printf("rec %s key %.2f id %d\n", recs[i].name, recs[i].key, recs[i].id);

  for (int probe = -300; probe < 700; probe += 97) {
    int* hit = bsearch(&probe, arr, 60, sizeof arr[0], cmp_key);
    printf("bsearch %d -> %ld\n", probe, hit ? (long)(hit - arr) : -1L);
  }
  int* hit = bsearch(&arr[17], arr, 60, sizeof arr[0], cmp_key);
  printf("bsearch arr[17]=%d -> value %d\n", arr[17], hit ? *hit : -1);
  return 0;
}
