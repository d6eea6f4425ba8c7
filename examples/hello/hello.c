// The bundled example: an ordinary C program whose sleep_ms() is an
// asynchronous host function. After wasm-asyncify, each call suspends the
// whole C stack (main -> countdown -> tick -> sleep_ms), returns to the
// JavaScript event loop, and resumes where it was when the timer fires.
#include <stdio.h>

__attribute__((import_module("env"), import_name("sleep_ms"))) void sleep_ms(int ms);

static double tick(int i, double acc) {
  double before = acc * 0.5; // live across the suspension
  sleep_ms(100);
  return before + i;
}

static int countdown(int from) {
  double acc = 1.0;
  for (int i = from; i > 0; i--) {
    printf("tick %d (acc %.2f)\n", i, acc);
    acc = tick(i, acc);
  }
  return (int)(acc * 100);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0); // show each line as it happens
  printf("hello from C, about to sleep in a loop\n");
  int result = countdown(3);
  printf("done: %d\n", result);
  return 0;
}
