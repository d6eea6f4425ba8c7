// WASI fd_write is asynchronous here: every write libc makes unwinds the
// stack through printf, vfprintf, the FILE machinery and __stdio_write, and
// rewinds into it. stdout is line-buffered (the host reports a character
// device), so most lines are one fd_write; long lines and fflush make more.
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "e2e.h"

NOINLINE static void tree(int depth, int index, int64_t acc) {
  printf("%*snode %d.%d acc=%" PRId64 "\n", depth * 2, "", depth, index, acc);
  if (depth == 4)
    return;
  for (int i = 0; i < 2; i++)
    tree(depth + 1, index * 2 + i, acc * 3 + sleep_ms(depth + i));
}

int main(void) {
  printf("integers: %d %i %u %x %X %o %5d|%-5d|%05d\n", -42, 17, 3000000000u, 0xbeef, 0xcafe, 0777, 12, 34, 56);
  printf("wide: %lld %llu %" PRIx64 " %hhd %hd\n", -1234567890123LL, 18446744073709551615ULL,
         (uint64_t)0xdeadbeefcafef00dULL, (signed char)300, (short)70000);
  printf("floats: %f %.3f %e %.10g %g %a\n", 3.14159265358979, -2.5, 6.02214076e23, 1.0 / 3, 1e-7, 0.75);
  printf("strings: [%s] [%10s] [%-10s] [%.3s] %c%c%c %%\n", "hello", "right", "left", "truncate", 'a', 'b', 'c');
  puts("puts adds a newline");
  fputs("fputs does not, ", stdout);
  fputs("so this continues the line\n", stdout);
  for (int i = 0; i < 5; i++)
    putchar('0' + i);
  putchar('\n');
  fwrite("fwrite of 20 bytes.\n", 1, 20, stdout);

  // A line longer than the stdio buffer: written in several pieces.
  char big[3000];
  for (int i = 0; i < (int)sizeof big - 1; i++)
    big[i] = (char)('a' + i % 26);
  big[sizeof big - 1] = 0;
  printf("big line of %zu chars: %s\n", strlen(big), big);

  // Unbuffered output, then back to line buffering.
  setvbuf(stdout, NULL, _IONBF, 0);
  printf("unbuffered: %s %d %s\n", "each", 3, "piece");
  setvbuf(stdout, NULL, _IOLBF, 0);

  tree(0, 0, 1);

  char buf[64];
  int n = snprintf(buf, sizeof buf, "snprintf(%d, %.2f)", sleep_ms(5), 2.0 / 7);
  printf("%s returned %d\n", buf, n);

  fprintf(stderr, "a line on stderr (not compared)\n");
  printf("partial line without newline, flushed by exit");
  return 0;
}
