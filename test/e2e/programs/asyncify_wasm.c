// Driven by a host written for Binaryen's Asyncify, unchanged: the npm
// package asyncify-wasm (see ../asyncify_wasm_host.mjs). Its imports return
// Promises; it keeps one data block at address 16 ({24, 1024}, below the
// data clang places at 1024) and, when it rewinds, calls the export again
// *without arguments*, so the restored locals alone must carry the state.
#include <stdio.h>

#include "e2e.h"

NOINLINE static int walk(int n, double w) {
  if (n <= 1)
    return sleep_ms(n);
  int a = walk(n - 1, w * 0.5);
  double f = async_f64(w);
  int b = walk(n - 2, w + 1);
  printf("walk(%d, %.3f): %d %d %.4f\n", n, w, a, b, f);
  return a + b * 2 + (int)(f * 10);
}

EXPORT(compute) int compute(int n) {
  int total = 0;
  for (int i = 1; i <= n; i++) {
    int r = walk(i, i * 1.5);
    printf("compute step %d -> %d\n", i, r);
    total = total * 3 + r;
  }
  return total;
}

EXPORT(twice) double twice(double x) {
  double a = async_f64(x);
  printf("twice: first %.6f\n", a);
  return a + async_f64(a);
}
