/* Sorting 2M pseudo-random ints twice: a recursive quicksort (median of three,
 * insertion sort below 16 elements) and a recursive top-down merge sort. One
 * unit per recursive call, so yields happen deep in the recursion. */
#include "bench.h"
#define N 2000000

static void insertion(int *a, long n) {
  for (long i = 1; i < n; i++) {
    int v = a[i];
    long j = i - 1;
    while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
    a[j + 1] = v;
  }
}

static void quicksort(int *a, long n) {
  while (n > 16) {
    tick();
    long m = n / 2;
    if (a[m] < a[0]) { int t = a[m]; a[m] = a[0]; a[0] = t; }
    if (a[n - 1] < a[0]) { int t = a[n - 1]; a[n - 1] = a[0]; a[0] = t; }
    if (a[n - 1] < a[m]) { int t = a[n - 1]; a[n - 1] = a[m]; a[m] = t; }
    int pivot = a[m];
    long i = 0, j = n - 1;
    for (;;) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i >= j) break;
      int t = a[i]; a[i] = a[j]; a[j] = t;
      i++; j--;
    }
    /* recurse on the smaller part, loop on the larger */
    if (j + 1 < n - j - 1) { quicksort(a, j + 1); a += j + 1; n -= j + 1; }
    else { quicksort(a + j + 1, n - j - 1); n = j + 1; }
  }
  insertion(a, n);
}

static void mergesort(int *a, int *tmp, long n) {
  if (n <= 16) { insertion(a, n); return; }
  tick();
  long h = n / 2;
  mergesort(a, tmp, h);
  mergesort(a + h, tmp, n - h);
  long i = 0, j = h, k = 0;
  while (i < h && j < n) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
  while (i < h) tmp[k++] = a[i++];
  while (j < n) tmp[k++] = a[j++];
  memcpy(a, tmp, n * sizeof(int));
}

static uint64_t digest(const int *a, long n) {
  uint64_t h = MIX_INIT;
  for (long i = 0; i < n; i++) {
    if (i && a[i - 1] > a[i]) { printf("not sorted at %ld\n", i); exit(3); }
    if ((i & 1023) == 0) h = mix64(h, (uint64_t)(uint32_t)a[i]);
  }
  return h;
}

static uint64_t kernel(void) {
  int *a = malloc(N * sizeof(int)), *b = malloc(N * sizeof(int)), *tmp = malloc(N * sizeof(int));
  uint32_t x = 2463534242u;
  for (long i = 0; i < N; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; a[i] = b[i] = (int)(x % 1000000007u) - 500000000; }
  quicksort(a, N);
  mergesort(b, tmp, N);
  uint64_t h = mix64(digest(a, N), digest(b, N));
  free(a); free(b); free(tmp);
  return h;
}
