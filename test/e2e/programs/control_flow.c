// Async calls inside loops (for, while, do-while, nested with break and
// continue, goto), switch (fallthrough, returns from cases), early returns,
// and short-circuit conditions such as `a() && async_b() || c()`, where which
// calls run depends on values computed before and after a suspension.
#include <stdio.h>

#include "e2e.h"

NOINLINE static int a(int x) {
  printf("    a(%d)\n", x);
  return x % 3 != 0;
}
NOINLINE static int async_b(int x) {
  int r = sleep_ms(x);
  printf("    async_b(%d) -> %d\n", x, r);
  return r % 4 == 1;
}
NOINLINE static int c(int x) {
  printf("    c(%d)\n", x);
  return x & 1;
}

NOINLINE static int classify(int x) {
  switch (x % 7) {
  case 0:
    return async_i32(x);
  case 1:
    x += sleep_ms(x);
    /* fallthrough */
  case 2:
    x *= 2;
    break;
  case 3:
    if (async_i32(x) > 20)
      return -x;
    break;
  case 4:
    for (int i = 0; i < 3; i++)
      x += async_i32(i * x);
    break;
  case 5:
    switch (async_i32(x) % 3) {
    case 0: x = 500; break;
    case 1: return 600 + x;
    default: x = sleep_ms(x);
    }
    break;
  default:
    x = -1;
  }
  return x + 1000;
}

NOINLINE static int find_first(int target, int limit) {
  for (int i = 0; i < limit; i++) {
    int v = async_i32(i);
    if (v % 11 == target)
      return i;
    if (v > 100)
      break;
  }
  return -1;
}

NOINLINE static int while_continue(int n) {
  int sum = 0, i = 0;
  while (i < n) {
    i++;
    if (i % 3 == 0)
      continue;
    sum += sleep_ms(i);
    if (sum > 400)
      break;
  }
  return sum * 100 + i;
}

NOINLINE static int do_while(int k) {
  int steps = 0, v = k;
  do {
    v = async_i32(v) % 97;
    steps++;
  } while (v != 1 && async_i32(steps) < 40);
  return steps * 1000 + v;
}

NOINLINE static int nested(int n) {
  int found = 0, acc = 0;
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < n; j++) {
      if (j > i)
        break;
      int v = async_i32(i * n + j);
      if (v % 5 == 0)
        continue;
      acc += v;
      if (acc > 300 + n * 10) {
        found = i * 100 + j;
        goto done;
      }
    }
    acc -= sleep_ms(i) / 3;
  }
done:
  return found * 10000 + acc;
}

NOINLINE static int early(int x) {
  if (x < 0)
    return -1;
  int y = async_i32(x);
  if (y % 2 == 0)
    return y / 2;
  int z = sleep_ms(y % 10);
  if (z > 50)
    return z - y;
  return early(x - 3) + z;
}

int main(void) {
  for (int x = 0; x < 8; x++) {
    printf("cond1 %d:\n", x);
    int r1 = a(x) && async_b(x) || c(x);
    printf("  -> %d\n", r1);
    printf("cond2 %d:\n", x);
    int r2 = (async_b(x) || a(x)) && (c(x) || async_b(x + 1));
    printf("  -> %d\n", r2);
    printf("cond3 %d: -> %d\n", x, (async_i32(x) > 10 ? async_b(x) : !c(x)) ^ (x > 4 && async_b(x * 2)));
  }
  for (int x = 0; x < 21; x++)
    printf("classify %d -> %d\n", x, classify(x));
  for (int t = 0; t < 6; t++)
    printf("find_first %d -> %d\n", t, find_first(t, 40));
  for (int n = 5; n < 40; n += 7)
    printf("while_continue %d -> %d\n", n, while_continue(n));
  for (int k = 2; k < 8; k++)
    printf("do_while %d -> %d\n", k, do_while(k));
  for (int n = 3; n < 9; n += 2)
    printf("nested %d -> %d\n", n, nested(n));
  for (int x = 0; x < 15; x += 2)
    printf("early %d -> %d\n", x, early(x));
  return 0;
}
