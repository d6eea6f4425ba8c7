// Values on the operand stack across async calls: in `f(1) + g(async(2)) *
// h(3)` the result of f is still on the wasm value stack (clang keeps it
// there) while async_i32 unwinds and rewinds, and so are the partial results
// in the longer expressions below.
#include <stdio.h>

#include "e2e.h"

NOINLINE static int f(int x) { return x * 10 + 1; }
NOINLINE static int g(int x) { return x * x - 2; }
NOINLINE static int h(int x) { return x + 7; }
NOINLINE static int sum4(int a, int b, int c, int d) { return a * 1000 + b * 100 + c * 10 + d; }
NOINLINE static long long mix(long long a, int b, double c) { return a * 31 + b - (long long)(c * 8); }

NOINLINE static int expr1(int k) { return f(k) + g(async_i32(k + 2)) * h(k + 3); }

NOINLINE static long long expr2(long long k) {
  return (k << 3) - async_i64(k) * (long long)f(async_i32((int)k)) + async_i64(k ^ 5);
}

NOINLINE static double expr3(double x) {
  return x * async_f64(x) + async_f64(x + 1) / (1 + async_f64(x * 2));
}

NOINLINE static float expr4(float x) {
  return (x + async_f32(x)) * (x - async_f32(-x)) + async_f32(x * x);
}

// Async calls as arguments, between plain ones.
NOINLINE static int expr5(int k) {
  return sum4(async_i32(k), f(k), async_i32(k + 1), g(async_i32(k + 2)));
}

// Mixed types as arguments, and a ternary with async calls in both arms.
NOINLINE static long long expr6(int k) {
  long long r = mix(async_i64(k), sleep_ms(k) + f(k), async_f64(k) * 2);
  return (k & 1 ? async_i64(r) : r - async_i32(k)) + (k > 3 ? f(async_i32(k)) : h(k));
}

static int table[8] = {3, 1, 4, 1, 5, 9, 2, 6};

// Async calls in an index and in the value of a compound assignment.
NOINLINE static int expr7(int k) {
  table[async_i32(k) & 7] += async_i32(table[k & 7]) - sleep_ms(k);
  int s = 0;
  for (int i = 0; i < 8; i++)
    s = s * 7 + table[i];
  return s;
}

// A deep expression: every operand is pending while the next one suspends.
NOINLINE static int expr8(int k) {
  return async_i32(k) - (async_i32(k + 1) * (async_i32(k + 2) ^ (async_i32(k + 3) + (async_i32(k + 4) << 2))));
}

int main(void) {
  for (int k = 0; k < 10; k++) {
    printf("k=%d\n", k);
    printf("  expr1 %d\n", expr1(k));
    printf("  expr2 %lld\n", expr2(k * 1000003LL));
    printf("  expr3 %.17g\n", expr3(k + 0.5));
    printf("  expr4 %.9g\n", expr4(k * 0.25f));
    printf("  expr5 %d\n", expr5(k));
    printf("  expr6 %lld\n", expr6(k));
    printf("  expr7 %d\n", expr7(k));
    printf("  expr8 %d\n", expr8(k));
    printf("  inline %d\n", f(1) + g(async_i32(2 + k)) * h(3));
  }
  return 0;
}
