// Recursion with values of every number type (i32, i64, f32, f64, v128) live
// across async calls: each level keeps its own values in wasm locals while the
// levels below it unwind and rewind.
#include <stdio.h>
#include <wasm_simd128.h>

#include "e2e.h"

NOINLINE static int32_t rec_i32(int n, int32_t a) {
  if (n == 0)
    return sleep_ms(a & 0xff);
  int32_t x = a * 31 + n;
  int32_t r = rec_i32(n - 1, x ^ (x >> 3));
  int32_t y = async_i32(n + (x & 15));
  return r * 3 + x - y;
}

NOINLINE static int64_t rec_i64(int n, int64_t a) {
  if (n == 0)
    return async_i64(a);
  int64_t x = a * 6364136223846793005LL + 1442695040888963407LL;
  int64_t r = rec_i64(n - 1, x >> 11);
  int64_t y = async_i64(x & 0xffff);
  return r ^ (x + y * n);
}

NOINLINE static float rec_f32(int n, float a) {
  if (n == 0)
    return async_f32(a);
  float x = a * 1.25f + (float)n;
  float r = rec_f32(n - 1, x / 3.0f);
  float y = async_f32(x);
  return r + x * 0.5f - y * 0.125f;
}

NOINLINE static double rec_f64(int n, double a) {
  if (n == 0)
    return async_f64(a);
  double x = a * 1.0625 + n / 7.0;
  double r = rec_f64(n - 1, x * 0.75);
  double y = async_f64(x);
  return r * 0.5 + x - y / (n + 1);
}

NOINLINE static v128_t rec_v128(int n, v128_t a) {
  if (n == 0) {
    int s = sleep_ms(7);
    return wasm_i32x4_add(a, wasm_i32x4_splat(s));
  }
  v128_t x = wasm_i32x4_add(wasm_i32x4_mul(a, wasm_i32x4_splat(3)), wasm_i32x4_make(n, -n, 2 * n, 7));
  v128_t r = rec_v128(n - 1, wasm_i32x4_shr(x, 1));
  int s = sleep_ms(n);
  return wasm_i32x4_add(wasm_v128_xor(r, x), wasm_i32x4_splat(s));
}

NOINLINE static v128_t rec_f64x2(int n, v128_t a) {
  if (n == 0)
    return wasm_f64x2_add(a, wasm_f64x2_splat(async_f64(1.5)));
  v128_t x = wasm_f64x2_add(wasm_f64x2_mul(a, wasm_f64x2_make(0.5, 1.5)), wasm_f64x2_splat(n));
  v128_t r = rec_f64x2(n - 1, x);
  double d = async_f64(n);
  return wasm_f64x2_sub(wasm_f64x2_add(r, x), wasm_f64x2_splat(d));
}

// All five types live at once, across two async calls per level.
NOINLINE static double rec_mixed(int n, int32_t i, int64_t l, float f, double d, v128_t v) {
  if (n == 0)
    return async_f64(d) + i + (double)l + f + wasm_f32x4_extract_lane(v, 2);
  int32_t i2 = async_i32(i) ^ n;
  v128_t v2 = wasm_f32x4_add(wasm_f32x4_mul(v, wasm_f32x4_splat(0.5f)), wasm_f32x4_make(n, 1, 2, 3));
  double r = rec_mixed(n - 1, i2, l * 3 + n, f * 0.5f + 1, d + 0.25, v2);
  int64_t l2 = async_i64(l + n);
  return r + i2 + (double)(l2 & 0xfff) + f + d +
         wasm_f32x4_extract_lane(v2, 0) + wasm_f32x4_extract_lane(v2, 3) - (double)i;
}

static void print_i32x4(const char* what, v128_t v) {
  printf("%s [%d %d %d %d]\n", what, wasm_i32x4_extract_lane(v, 0), wasm_i32x4_extract_lane(v, 1),
         wasm_i32x4_extract_lane(v, 2), wasm_i32x4_extract_lane(v, 3));
}

int main(void) {
  for (int n = 0; n <= 12; n++) {
    printf("depth %d\n", n);
    printf("  i32 %d\n", rec_i32(n, 1000 + n));
    printf("  i64 %lld\n", (long long)rec_i64(n, 123456789012345LL + n));
    printf("  f32 %.9g\n", rec_f32(n, 0.5f + n));
    printf("  f64 %.17g\n", rec_f64(n, 2.0 + n));
    print_i32x4("  v128", rec_v128(n, wasm_i32x4_make(n, 2, 3, 4)));
    v128_t fd = rec_f64x2(n, wasm_f64x2_make(n, -1.0));
    printf("  f64x2 [%.17g %.17g]\n", wasm_f64x2_extract_lane(fd, 0), wasm_f64x2_extract_lane(fd, 1));
    printf("  mixed %.17g\n",
           rec_mixed(n, n * 11, 1LL << 40 | n, 0.75f * n, 1.0 / (n + 1), wasm_f32x4_make(1, 2, 3, n)));
  }
  return 0;
}
