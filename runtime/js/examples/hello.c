// The example of docs/js-runtime.md: ordinary C that calls two host
// functions which, in JavaScript, return Promises.
#include <stdio.h>

__attribute__((import_module("env"), import_name("sleep_ms"))) void sleep_ms(int ms);
__attribute__((import_module("env"), import_name("fetch_number"))) int fetch_number(int key);

__attribute__((export_name("run"))) int run(int n) {
  int total = 0;
  for (int i = 1; i <= n; i++) {
    sleep_ms(10);
    total += fetch_number(i);
    printf("step %d: total %d\n", i, total);
  }
  fflush(stdout);
  return total;
}
