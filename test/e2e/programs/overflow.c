// A data block too small: one deep unwind (200 frames, each with live i64,
// f64 and i32 values) does not fit. The rewritten code must write nothing
// past `end` but keep advancing `current`, so the host sees current > end,
// learns how many bytes the unwind needed, and the next start/stop call
// traps. With a block of exactly that size the program runs to the end.
#include <stdio.h>

#include "e2e.h"

NOINLINE static long long deep(int n, long long a, double d) {
  if (n == 0)
    return async_i64(a);
  long long x = a * 3 + n;
  double y = d * 1.01 + n;
  int z = n ^ (int)a;
  long long r = deep(n - 1, x % 1000003, y);
  return r + x + (long long)y - z;
}

int main(void) {
  for (int i = 0; i < 3; i++)
    printf("shallow %d -> %d\n", i, async_i32(i));
  printf("deep -> %lld\n", deep(200, 1, 0.5));
  for (int i = 0; i < 3; i++)
    printf("after %d -> %d\n", i, async_i32(i + 10));
  return 0;
}
