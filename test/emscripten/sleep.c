// An Emscripten program that suspends: emscripten_sleep, a JavaScript import
// that finishes later (listed in ASYNCIFY_IMPORTS), and a sleep at the bottom
// of a recursion whose frames hold live values. A JavaScript timer set before
// the first sleep must fire while main is suspended, which only happens if
// the stack really unwound to the event loop.
#include <emscripten.h>
#include <stdio.h>

// Resolves after `ms` milliseconds with 2 * ms.
EM_JS(int, slow_double, (int ms), {
  return Asyncify.handleSleep(function(wakeUp) {
    setTimeout(function() { wakeUp(ms * 2); }, ms);
  });
});

// Sums n*3 + ... over the frames, sleeping at the bottom.
__attribute__((noinline)) static int deep(int n) {
  if (n == 0) {
    emscripten_sleep(20);
    return 1;
  }
  volatile int mine = n * 3;
  int below = deep(n - 1);
  return below + mine;
}

// Never suspends. The -O2 build names it in ASYNCIFY_ADD, so it is
// instrumented all the same; exported, so that it stays a function of its own.
EMSCRIPTEN_KEEPALIVE int checksum(int x) { return x * 31 + 7; }

int main(void) {
  double start = emscripten_get_now();
  EM_ASM({ setTimeout(function() { out("timer fired while main slept"); }, 30); });
  printf("before sleep\n");
  emscripten_sleep(100);
  printf("after sleep\n");
  printf("slow_double(40) = %d\n", slow_double(40));
  printf("deep(5) = %d\n", deep(5));
  printf("checksum(3) = %d\n", checksum(3));
  double elapsed = emscripten_get_now() - start;
  printf("slept at least 160 ms: %s\n", elapsed >= 159.0 ? "yes" : "no");
  return 0;
}
