// A program with two asynchronous host functions: fetch_temperature() and
// sleep_ms() return only after a real wait in the host (run.mjs). After
// wasm_asyncify() rewrote the linked module, every call suspends the whole C
// stack (main -> report -> fetch_temperature) into the JavaScript event loop
// and resumes it when the host's promise settles.
#include <stdio.h>

#include "wasm_asyncify.h"

WASM_ASYNCIFY_IMPORT("env", "fetch_temperature") int fetch_temperature(int city);
WASM_ASYNCIFY_IMPORT("env", "sleep_ms") void sleep_ms(int ms);

static const char *const cities[] = {"Oslo", "Lisbon", "Nairobi"};

static int report(int city, int total) {
  int tenths = fetch_temperature(city); // suspends; `total` lives on across it
  total += tenths;
  int mean = total / (city + 1);
  printf("%-8s %3d.%d C, mean so far %d.%d C\n", cities[city], tenths / 10, tenths % 10, mean / 10,
         mean % 10);
  return total;
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  int total = 0;
  for (int city = 0; city < 3; city++) {
    total = report(city, total);
    sleep_ms(20);
  }
  printf("done\n");
  return 0;
}
