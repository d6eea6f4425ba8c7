// Coroutines inside the module: the program drives Asyncify itself through
// the in-module imports asyncify.start_unwind & co (which the tool turns
// into calls to its own runtime functions). Two coroutines, each with its
// own data block, recurse and yield; the scheduler in main resumes them in
// turn, so both stacks are suspended at once. No host import unwinds here:
// the program counts its own suspensions (so this case has an expected
// output instead of a sync run: the unrewritten module cannot suspend).
#include <stdio.h>

#include "e2e.h"

#define ASYNCIFY(name) __attribute__((import_module("asyncify"), import_name(#name)))
ASYNCIFY(start_unwind) void asyncify_start_unwind(void* data);
ASYNCIFY(stop_unwind) void asyncify_stop_unwind(void);
ASYNCIFY(start_rewind) void asyncify_start_rewind(void* data);
ASYNCIFY(stop_rewind) void asyncify_stop_rewind(void);

struct coro {
  void *current, *end; // the data block: must come first
  char frames[2048];
  int id, started, done, yields;
  long long result;
};

static struct coro coros[2];
static struct coro* running;
static int rewinding, yielded;

// The top of every suspension: not instrumented, called again from its start
// when the coroutine is rewound.
NOINLINE static void co_yield(void) {
  if (rewinding) {
    rewinding = 0;
    asyncify_stop_rewind();
    return;
  }
  running->current = running->frames;
  running->end = running->frames + sizeof running->frames;
  running->yields++;
  yielded = 1;
  asyncify_start_unwind(running);
}

NOINLINE static long long tri(int id, int n) {
  if (n == 0) {
    co_yield();
    return id;
  }
  long long r = tri(id, n - 1);
  printf("co %d: tri level %d, below %lld\n", id, n, r);
  co_yield();
  return r + (long long)n * (id + 1);
}

NOINLINE static long long fib(int id, int n) {
  if (n < 2) {
    co_yield();
    return n + id;
  }
  long long a = fib(id, n - 1);
  long long b = fib(id, n - 2);
  if (n >= 4)
    printf("co %d: fib %d = %lld + %lld\n", id, n, a, b);
  return a + b;
}

typedef long long (*body_fn)(int, int);
static body_fn bodies[2] = {tri, fib};

// The bottom of every suspension: starts or rewinds a coroutine, returns 1
// when it suspended again, 0 when it finished.
NOINLINE static int resume(struct coro* c) {
  running = c;
  yielded = 0;
  if (c->started) {
    rewinding = 1;
    asyncify_start_rewind(c);
  }
  c->started = 1;
  long long r = bodies[c->id](c->id, 5);
  if (yielded) {
    asyncify_stop_unwind();
    return 1;
  }
  c->result = r;
  c->done = 1;
  return 0;
}

int main(void) {
  for (int i = 0; i < 2; i++)
    coros[i].id = i;
  int rounds = 0;
  while (!coros[0].done || !coros[1].done) {
    rounds++;
    for (int i = 0; i < 2; i++) {
      struct coro* c = &coros[i];
      if (c->done)
        continue;
      if (resume(c))
        printf("main: round %d, co %d suspended%s\n", rounds, i,
               (char*)c->current > c->frames ? "" : " WITHOUT SAVING A FRAME");
      else
        printf("main: round %d, co %d finished: %lld after %d yields\n", rounds, i, c->result, c->yields);
    }
  }
  printf("main: both done after %d rounds\n", rounds);
  return 0;
}
