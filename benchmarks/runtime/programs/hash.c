/* An xxHash64-style hash (four 64-bit lanes, multiply-rotate rounds) over a
 * 16 MiB buffer, 96 passes with different seeds; one unit per 1 KiB block. */
#include "bench.h"
#define SIZE (16u << 20)
#define PASSES 96
#define BLOCK 1024
#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
static inline uint64_t round64(uint64_t acc, uint64_t in) { acc += in * P2; acc = rotl(acc, 31); return acc * P1; }
static inline uint64_t merge(uint64_t acc, uint64_t v) { acc ^= round64(0, v); return acc * P1 + P4; }

static uint64_t hash_buffer(const uint8_t *p, size_t len, uint64_t seed) {
  uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
  for (size_t off = 0; off < len; off += BLOCK) {
    const uint8_t *b = p + off;
    for (size_t i = 0; i < BLOCK; i += 32) {
      uint64_t w[4];
      memcpy(w, b + i, 32);
      v1 = round64(v1, w[0]); v2 = round64(v2, w[1]); v3 = round64(v3, w[2]); v4 = round64(v4, w[3]);
    }
    tick();
  }
  uint64_t h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
  h = merge(merge(merge(merge(h, v1), v2), v3), v4);
  h += len;
  h ^= h >> 33; h *= P2; h ^= h >> 29; h *= P3; h ^= h >> 32;
  return h;
}

static uint64_t kernel(void) {
  uint8_t *buf = malloc(SIZE);
  uint32_t x = 12345;
  for (size_t i = 0; i < SIZE; i += 4) { x = x * 1664525u + 1013904223u; memcpy(buf + i, &x, 4); }
  uint64_t h = MIX_INIT;
  for (int pass = 0; pass < PASSES; pass++) h = mix64(h, hash_buffer(buf, SIZE, (uint64_t)pass * P5));
  free(buf);
  return h;
}
