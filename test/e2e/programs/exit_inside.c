// exit() from deep inside a suspended-and-resumed call chain: the atexit
// handlers run (and suspend themselves), stdio is flushed through an async
// fd_write, and proc_exit ends the program with status 7 from the middle of
// the stack. The host must report the same status and output.
#include <stdio.h>
#include <stdlib.h>

#include "e2e.h"

static int total;

static void handler_one(void) {
  int v = sleep_ms(11);
  printf("atexit one: sleep -> %d, total %d\n", v, total);
}

static void handler_two(void) {
  printf("atexit two: total %d, async %d\n", total, async_i32(total));
}

NOINLINE static int descend(int depth, int acc) {
  acc += sleep_ms(depth);
  if (depth == 9) {
    total = acc;
    printf("at depth %d, acc %d: calling exit(7)\n", depth, acc);
    printf("this line stays in the stdio buffer until exit flushes it");
    exit(7);
  }
  int r = descend(depth + 1, acc * 2 % 10007);
  printf("never printed %d\n", r);
  return r;
}

int main(void) {
  atexit(handler_one);
  atexit(handler_two);
  for (int i = 0; i < 3; i++)
    printf("warm-up %d: %d\n", i, async_i32(i));
  return descend(0, 1);
}
