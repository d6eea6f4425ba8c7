/* fannkuch-redux (the Benchmarks Game), n = 10: 10! permutations; one unit per permutation. */
#include "bench.h"
#define N 10

static uint64_t kernel(void) {
  int perm[N], perm1[N], count[N];
  int maxflips = 0, checksum = 0, permcount = 0, r = N;
  for (int i = 0; i < N; i++) perm1[i] = i;
  for (;;) {
    while (r != 1) { count[r - 1] = r; r--; }
    for (int i = 0; i < N; i++) perm[i] = perm1[i];
    int flips = 0, k;
    while ((k = perm[0]) != 0) {
      for (int i = 0, j = k; i < j; i++, j--) { int t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
      flips++;
    }
    if (flips > maxflips) maxflips = flips;
    checksum += (permcount % 2 == 0) ? flips : -flips;
    tick();
    for (;;) {
      if (r == N) return mix64(mix64(MIX_INIT, (uint64_t)(int64_t)checksum), (uint64_t)maxflips);
      int p0 = perm1[0];
      for (int i = 0; i < r; i++) perm1[i] = perm1[i + 1];
      perm1[r] = p0;
      if (--count[r] > 0) break;
      r++;
    }
    permcount++;
  }
}
