/* A recursive-descent parser and evaluator of integer expressions over
 * generated source text (numbers, variables a..z, + - * / % & | ^ << >>,
 * unary minus, parentheses nested up to depth 10, assignments "x = expr;").
 * 8000 statements parsed and evaluated 4 times; one unit per primary, so
 * yields happen inside the recursion. */
#include "bench.h"
#define STATEMENTS 8000
#define ROUNDS 4

static char *src;
static size_t srclen, srccap;
static uint32_t rng = 88172645u;
static uint32_t next_rand(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }
static void emit(const char *s) {
  size_t n = strlen(s);
  if (srclen + n + 1 > srccap) { srccap = srccap ? srccap * 2 : 1 << 20; src = realloc(src, srccap); }
  memcpy(src + srclen, s, n + 1);
  srclen += n;
}
static void gen(int depth) {
  uint32_t r = next_rand();
  if (depth <= 0 || r % 7 == 0) {
    char buf[24];
    if (r & 8) snprintf(buf, sizeof buf, "%u", (r >> 8) % 100000);
    else snprintf(buf, sizeof buf, "%c", 'a' + (r >> 8) % 26);
    emit(buf);
    return;
  }
  static const char *ops[] = {" + ", " - ", " * ", " / ", " % ", " & ", " | ", " ^ ", " << ", " >> ", " + ", " * "};
  if (r % 11 == 1) { emit("-"); gen(depth - 1); return; }
  int paren = r % 3 == 0;
  if (paren) emit("(");
  gen(depth - 1);
  emit(ops[(r >> 4) % 12]);
  gen(depth - 1);
  if (paren) emit(")");
}

static const char *p;
static int64_t vars[26];

static void skip(void) { while (*p == ' ' || *p == '\n') p++; }
static int64_t parse_expr(void);

static int64_t parse_primary(void) {
  tick();
  skip();
  if (*p == '(') { p++; int64_t v = parse_expr(); skip(); p++; return v; }
  if (*p == '-') { p++; return -(uint64_t)parse_primary(); }
  if (*p >= 'a' && *p <= 'z') return vars[*p++ - 'a'];
  int64_t v = 0;
  while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
  return v;
}
static int64_t parse_mul(void) {
  int64_t v = parse_primary();
  for (;;) {
    skip();
    char c = *p;
    if (c != '*' && c != '/' && c != '%') return v;
    p++;
    int64_t w = parse_primary();
    if (c == '*') v = (int64_t)((uint64_t)v * (uint64_t)w);
    else if (w == 0 || (w == -1 && v == INT64_MIN)) v = 0x5bd1e995;
    else v = c == '/' ? v / w : v % w;
  }
}
static int64_t parse_add(void) {
  int64_t v = parse_mul();
  for (;;) {
    skip();
    char c = *p;
    if (c != '+' && c != '-') return v;
    p++;
    int64_t w = parse_mul();
    v = (int64_t)(c == '+' ? (uint64_t)v + (uint64_t)w : (uint64_t)v - (uint64_t)w);
  }
}
static int64_t parse_shift(void) {
  int64_t v = parse_add();
  for (;;) {
    skip();
    if (!((p[0] == '<' && p[1] == '<') || (p[0] == '>' && p[1] == '>'))) return v;
    char c = *p;
    p += 2;
    int64_t w = parse_add() & 63;
    v = c == '<' ? (int64_t)((uint64_t)v << w) : v >> w;
  }
}
static int64_t parse_expr(void) {
  int64_t v = parse_shift();
  for (;;) {
    skip();
    char c = *p;
    if (c != '&' && c != '|' && c != '^') return v;
    p++;
    int64_t w = parse_shift();
    v = c == '&' ? (v & w) : c == '|' ? (v | w) : (v ^ w);
  }
}

static uint64_t kernel(void) {
  for (int i = 0; i < STATEMENTS; i++) {
    char buf[8];
    snprintf(buf, sizeof buf, "%c = ", 'a' + i % 26);
    emit(buf);
    gen(10);
    emit(";\n");
  }
  uint64_t h = MIX_INIT;
  for (int round = 0; round < ROUNDS; round++) {
    for (int i = 0; i < 26; i++) vars[i] = i * 7919 + round;
    p = src;
    for (;;) {
      skip();
      if (!*p) break;
      int var = *p - 'a';
      p++; skip(); p++; /* '=' */
      int64_t v = parse_expr();
      skip(); p++; /* ';' */
      vars[var] = v;
      h = mix64(h, (uint64_t)v);
    }
  }
  return mix64(h, srclen);
}
