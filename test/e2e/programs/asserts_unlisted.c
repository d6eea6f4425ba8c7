// --asserts: the module is rewritten with a list that omits env.unlisted_op,
// but the host unwinds in it anyway. The code that called it was not
// prepared to unwind, and with --asserts the rewritten module must trap right
// after the call instead of running on with a broken stack.
//   argv[1] == "plain":  unlisted_op is called from a function the tool left
//                        alone (it reaches no listed import);
//   argv[1] == "direct": it is called from main, which the tool instrumented
//                        for its other calls.
#include <stdio.h>
#include <string.h>

#include "e2e.h"

NOINLINE static int plain(int x) {
  int r = unlisted_op(x);
  probe(r); // without --asserts, the host sees this import called while unwinding
  return r * 2 + 1;
}

int main(int argc, char** argv) {
  const char* how = argc > 1 ? argv[1] : "plain";
  for (int i = 0; i < 3; i++)
    printf("sleep %d -> %d\n", i, sleep_ms(i));
  printf("calling the unlisted import (%s)\n", how);
  int r = strcmp(how, "direct") == 0 ? unlisted_op(7) + sleep_ms(1) : plain(5);
  printf("unlisted result %d\n", r);
  printf("after: %d\n", sleep_ms(r));
  return 0;
}
