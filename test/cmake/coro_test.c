// Tests of wasm_asyncify_coro.h (and the helpers of wasm_asyncify.h),
// compiled to wasm32-wasi with two translation units (this one and
// coro_test_tu2.c), rewritten with wasm-asyncify, run by
// examples/coroutines/run.mjs. Each check prints one line, PASS or FAIL with
// what was wrong; the output is compared with coro_test.expected and the exit
// status is the number of failed checks.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "wasm_asyncify_coro.h"

#define INT(p) ((int)(intptr_t)(p))
#define PTR(i) ((void *)(intptr_t)(i))

void *tu2_counter(struct wasm_coro *co, void *arg); // coro_test_tu2.c

static int failures;
static void check(int ok, const char *name, const char *detail) {
  printf("%s %s%s%s\n", ok ? "PASS" : "FAIL", name, ok ? "" : ": ", ok ? "" : detail);
  failures += !ok;
}

// ---- statuses, values both ways, wasm_coro_current

static int steps;
static struct wasm_coro *seen_current;

static void *echo(struct wasm_coro *co, void *arg) {
  seen_current = wasm_coro_current() == co ? co : NULL;
  int total = INT(arg);
  for (int i = 0; i < 3; i++) {
    steps++;
    total += INT(wasm_coro_yield(PTR(total)));
  }
  return PTR(-total);
}

static void test_statuses(void) {
  struct wasm_coro *co = wasm_coro_create(echo, PTR(5), 1024, 4096);
  int ok = co && wasm_coro_status(co) == WASM_CORO_READY && !wasm_coro_done(co) &&
           wasm_coro_current() == NULL;
  int r = wasm_coro_resume(co, PTR(1000)); // the first value is not seen: fn gets arg
  ok = ok && r == WASM_CORO_SUSPENDED && INT(wasm_coro_value(co)) == 5 && seen_current == co;
  ok = ok && wasm_coro_current() == NULL;
  r = wasm_coro_resume(co, PTR(10));
  ok = ok && r == WASM_CORO_SUSPENDED && INT(wasm_coro_value(co)) == 15;
  r = wasm_coro_resume(co, PTR(100));
  ok = ok && r == WASM_CORO_SUSPENDED && INT(wasm_coro_value(co)) == 115;
  r = wasm_coro_resume(co, PTR(1));
  ok = ok && r == WASM_CORO_DONE && wasm_coro_done(co) && INT(wasm_coro_value(co)) == -116 &&
       steps == 3;
  r = wasm_coro_resume(co, PTR(1)); // done: not run again
  ok = ok && r == WASM_CORO_DONE && steps == 3 && INT(wasm_coro_value(co)) == -116;
  check(ok, "statuses and values", "a status or a value was wrong");
  wasm_coro_destroy(co);
}

// ---- C frames on separate shadow stacks, many coroutines interleaved

#define WORKERS 6
#define ROUNDS 40

static void *worker(struct wasm_coro *co, void *arg) {
  (void)co;
  int id = INT(arg), local[200]; // in this coroutine's C frame, across every yield
  for (int i = 0; i < 200; i++)
    local[i] = id * 1000 + i;
  long sum = 0;
  for (int round = 0; round < ROUNDS; round++) {
    wasm_coro_yield(PTR(round));
    for (int i = 0; i < 200; i++) {
      if (local[i] != id * 1000 + i + round)
        return PTR(-1 - i);
      local[i]++;
      sum += local[i];
    }
  }
  return PTR(sum % 1000003);
}

static void test_stacks(void) {
  struct wasm_coro *co[WORKERS];
  void *sp_seen[WORKERS] = {0};
  int ok = 1, sp_stable = 1;
  void *main_sp = wasm_asyncify_stack_pointer();
  for (int i = 0; i < WORKERS; i++)
    co[i] = wasm_coro_create(worker, PTR(i), 2048, 4096);
  for (int round = 0; round <= ROUNDS; round++) {
    for (int i = 0; i < WORKERS; i++) {
      int r = wasm_coro_resume(co[i], NULL);
      if (round < ROUNDS) {
        ok = ok && r == WASM_CORO_SUSPENDED && INT(wasm_coro_value(co[i])) == round;
        // Every suspension at the same yield leaves the same stack pointer:
        // no frame is allocated twice when a stack is rewound.
        if (round > 0 && co[i]->sp != sp_seen[i])
          sp_stable = 0;
        sp_seen[i] = co[i]->sp;
        ok = ok && (char *)co[i]->sp > co[i]->stack &&
             (char *)co[i]->sp < co[i]->stack + co[i]->stack_size;
      } else {
        long want = 0;
        for (int rr = 0; rr < ROUNDS; rr++)
          for (int k = 0; k < 200; k++)
            want += i * 1000 + k + rr + 1;
        ok = ok && r == WASM_CORO_DONE && INT(wasm_coro_value(co[i])) == (int)(want % 1000003);
      }
      ok = ok && wasm_asyncify_stack_pointer() == main_sp;
    }
  }
  for (int i = 0; i < WORKERS; i++)
    wasm_coro_destroy(co[i]);
  check(ok, "C frames survive on separate stacks",
        "a worker saw another's frame, or a stack pointer leaked");
  check(sp_stable, "stack pointer stable across rewinds", "a rewind moved the stack pointer");
}

// ---- nesting: a coroutine that resumes another

static void *inner(struct wasm_coro *co, void *arg) {
  (void)co;
  for (int i = 1; i <= 3; i++)
    wasm_coro_yield(PTR(INT(arg) + i));
  return PTR(99);
}

static int self_resume;

static void *outer(struct wasm_coro *co, void *arg) {
  (void)arg;
  self_resume = wasm_coro_resume(co, NULL); // itself: running, left alone
  struct wasm_coro *in = wasm_coro_create(inner, PTR(20), 1024, 4096);
  int r;
  // Yields while `in` is suspended inside it: two suspended stacks nest.
  while ((r = wasm_coro_resume(in, NULL)) == WASM_CORO_SUSPENDED) {
    if (wasm_coro_current() != co)
      return PTR(-1);
    wasm_coro_yield(PTR(INT(wasm_coro_value(in)) * 10));
  }
  int result = r == WASM_CORO_DONE ? INT(wasm_coro_value(in)) : -2;
  wasm_coro_destroy(in);
  return PTR(result);
}

static void test_nesting(void) {
  struct wasm_coro *co = wasm_coro_create(outer, NULL, 2048, 8192);
  char got[64] = "";
  int r;
  while ((r = wasm_coro_resume(co, NULL)) == WASM_CORO_SUSPENDED)
    snprintf(got + strlen(got), sizeof got - strlen(got), "%d ", INT(wasm_coro_value(co)));
  snprintf(got + strlen(got), sizeof got - strlen(got), "done %d", INT(wasm_coro_value(co)));
  printf("nesting: %s\n", got);
  check(r == WASM_CORO_DONE && strcmp(got, "210 220 230 done 99") == 0, "nested coroutines", got);
  check(self_resume == WASM_CORO_RUNNING, "resuming a running coroutine is refused", "it was not");
  wasm_coro_destroy(co);
}

// ---- a data block too small

// A real recursion at every -O (not a loop): a frame per level.
WASM_ASYNCIFY_NOINLINE static int deep(int n) {
  if (n == 0)
    return INT(wasm_coro_yield(PTR(7)));
  int below = deep(n - 1);
  return (int)(((unsigned)below * 3u + (unsigned)n) % 65521u);
}

static int deep_expected(int bottom, int n) {
  for (int i = 1; i <= n; i++)
    bottom = (int)(((unsigned)bottom * 3u + (unsigned)i) % 65521u);
  return bottom;
}

static void *deep_fn(struct wasm_coro *co, void *arg) {
  (void)co;
  return PTR(deep(INT(arg)));
}

static void test_overflow(void) {
  void *main_sp = wasm_asyncify_stack_pointer();
  struct wasm_coro *small = wasm_coro_create(deep_fn, PTR(30), 64, 4096);
  struct wasm_coro *big = wasm_coro_create(deep_fn, PTR(30), 16384, 4096);
  int r = wasm_coro_resume(small, NULL);
  int ok =
      r == WASM_CORO_OVERFLOW && small->needed > 64 && wasm_asyncify_stack_pointer() == main_sp;
  ok = ok && wasm_coro_resume(small, NULL) == WASM_CORO_OVERFLOW; // dead: not run again
  // The same stack in a block that is large enough: it needs what the small
  // block reported, and runs to the end.
  r = wasm_coro_resume(big, NULL);
  ok = ok && r == WASM_CORO_SUSPENDED && big->peak == small->needed;
  r = wasm_coro_resume(big, PTR(1000));
  ok = ok && r == WASM_CORO_DONE && INT(wasm_coro_value(big)) == deep_expected(1000, 30);
  check(ok, "overflow is reported, the needed size is exact", "wrong status, size or result");
  wasm_coro_destroy(small);
  wasm_coro_destroy(big);
}

// ---- another translation unit

static void test_second_unit(void) {
  struct wasm_coro *co = wasm_coro_create(tu2_counter, PTR(3), 1024, 4096);
  int n = 0, r;
  while ((r = wasm_coro_resume(co, PTR(n))) == WASM_CORO_SUSPENDED)
    n += INT(wasm_coro_value(co));
  check(r == WASM_CORO_DONE && n == 1 + 2 + 3 && INT(wasm_coro_value(co)) == 6,
        "coroutine in another unit", "wrong values");
  wasm_coro_destroy(co);
}

// ---- setup errors and the data block helpers

static void *never(struct wasm_coro *co, void *arg) {
  (void)co;
  return arg;
}

static void test_setup(void) {
  static char frames[1024] __attribute__((aligned(16))), stack[4096] __attribute__((aligned(16)));
  struct wasm_coro co;
  int ok = wasm_coro_init(&co, never, NULL, frames, 8, stack, sizeof stack) == -1;
  ok = ok && wasm_coro_init(&co, never, NULL, frames, sizeof frames, stack, 16) == -1;
  ok = ok && wasm_coro_init(&co, NULL, NULL, frames, sizeof frames, stack, sizeof stack) == -1;
  ok = ok && wasm_coro_create(never, NULL, 0, 4096) == NULL;
  ok = ok && wasm_coro_init(&co, never, PTR(42), frames, sizeof frames, stack, sizeof stack) == 0;
  ok = ok && (uintptr_t)co.sp % WASM_CORO_STACK_ALIGN == 0 && (char *)co.sp <= stack + sizeof stack;
  ok = ok && wasm_coro_resume(&co, NULL) == WASM_CORO_DONE && INT(wasm_coro_value(&co)) == 42;
  check(ok, "init and create reject bad sizes; a static coroutine runs", "wrong result");

  static char buf[64] __attribute__((aligned(8)));
  struct wasm_asyncify_data *d = wasm_asyncify_data_init_in_place(buf, sizeof buf);
  ok = d == (void *)buf && d->current == buf + sizeof(struct wasm_asyncify_data) &&
       d->end == buf + sizeof buf;
  ok = ok && wasm_asyncify_data_init_in_place(buf, 4) == NULL &&
       wasm_asyncify_data_init_in_place(buf + 1, 32) == NULL;
  ok = ok && wasm_asyncify_data_used(d, buf) == sizeof(struct wasm_asyncify_data) &&
       !wasm_asyncify_data_overflowed(d);
  d->current = buf + 65;
  ok = ok && wasm_asyncify_data_overflowed(d);
  check(ok, "data block helpers", "wrong header");
  printf("layout: sizeof(void *) = %zu, end at %zu, header %zu bytes\n", sizeof(void *),
         offsetof(struct wasm_asyncify_data, end), sizeof(struct wasm_asyncify_data));
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  test_statuses();
  test_stacks();
  test_nesting();
  test_overflow();
  test_second_unit();
  test_setup();
  printf("%d failed\n", failures);
  return failures;
}
