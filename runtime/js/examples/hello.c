// The examples of docs/js-runtime.md: ordinary C calling host functions
// that, in JavaScript, return Promises (sleep_ms, fetch_number) or yield
// (emit, next_frame).
#include <stdio.h>

#define IMPORT(n) __attribute__((import_module("env"), import_name(#n)))
#define EXPORT(n) __attribute__((export_name(#n)))

IMPORT(sleep_ms) void sleep_ms(int ms);
IMPORT(fetch_number) int fetch_number(int key);
IMPORT(emit) void emit(int value);
IMPORT(next_frame) void next_frame(void);

EXPORT(run) int run(int n) {
  int total = 0;
  for (int i = 1; i <= n; i++) {
    sleep_ms(10);
    total += fetch_number(i);
    printf("step %d: total %d\n", i, total);
  }
  fflush(stdout);
  return total;
}

// A generator: emits the first n squares.
EXPORT(squares) int squares(int n) {
  for (int i = 1; i <= n; i++) emit(i * i);
  return n;
}

// A game object: moves one step per frame until it reaches `to`.
EXPORT(walk) int walk(int to) {
  int x = 0;
  while (x < to) {
    x++;
    next_frame();
  }
  return x;
}
