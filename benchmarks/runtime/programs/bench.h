/* Shared harness of the runtime benchmarks (benchmarks/runtime/run.py).
 *
 *   prog INTERVAL     run the kernel; call env.yield_now() once every INTERVAL
 *                     work units (0: never). Prints one line:
 *                     "checksum=<hex> units=<n> yields=<n>"; the checksum does
 *                     not depend on INTERVAL.
 *   prog micro M      call env.yield_now() M times in a loop that does nothing
 *                     else (the suspend+resume round trip).
 *
 * A work unit is the natural step of each kernel (a permutation, a time step,
 * a 1 KiB block, a recursive call, a parsed primary, a VM loop iteration); the
 * tick is placed inside the hot function so that the function with the hot
 * loop is the one the rewriters instrument. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((import_module("env"), import_name("yield_now"))) void yield_now(void);

/* The Asyncify data block, in the program's own memory. The host cannot
 * simply memory.grow pages for it before _start: wasi-libc's malloc takes
 * everything from __heap_base to the memory's size at its first call as its
 * initial heap, pages grown by the host included. */
#define BENCH_DATA_BLOCK (1u << 20)
static char bench_data[BENCH_DATA_BLOCK] __attribute__((aligned(16)));
__attribute__((export_name("bench_data_block"))) char *bench_data_block(void) {
  return bench_data;
}
__attribute__((export_name("bench_data_block_size"))) unsigned bench_data_block_size(void) {
  return BENCH_DATA_BLOCK;
}

static uint64_t bench_interval, bench_countdown, bench_units, bench_yields;

static inline void tick(void) {
  bench_units++;
  if (--bench_countdown == 0) {
    bench_countdown = bench_interval ? bench_interval : UINT64_MAX;
    bench_yields++;
    yield_now();
  }
}

__attribute__((noinline)) static void bench_micro(long m) {
  for (long i = 0; i < m; i++)
    yield_now();
}

static uint64_t kernel(void);

int main(int argc, char **argv) {
  if (argc >= 3 && strcmp(argv[1], "micro") == 0) {
    long m = atol(argv[2]);
    bench_micro(m);
    printf("micro=%ld\n", m);
    return 0;
  }
  bench_interval = argc >= 2 ? strtoull(argv[1], 0, 10) : 0;
  bench_countdown = bench_interval ? bench_interval : UINT64_MAX;
  uint64_t sum = kernel();
  printf("checksum=%016llx units=%llu yields=%llu\n", (unsigned long long)sum,
         (unsigned long long)bench_units, (unsigned long long)bench_yields);
  return 0;
}

/* FNV-1a over a 64-bit value: the checksums' mixer. */
static inline uint64_t mix64(uint64_t h, uint64_t v) {
  for (int i = 0; i < 8; i++) {
    h ^= (v >> (8 * i)) & 0xff;
    h *= 0x100000001b3ULL;
  }
  return h;
}
#define MIX_INIT 0xcbf29ce484222325ULL
