// The rest of the WASI surface a C program touches (arguments, environment,
// clocks, random bytes), and the heap: a linked list whose nodes are
// malloc'ed between suspensions and merge-sorted recursively by keys that
// an async import computes. The data blocks the host adds with memory.grow
// must not disturb malloc, which grows the memory too.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "e2e.h"

extern char** environ;

struct node {
  struct node* next;
  char* label;
  long long key;
};

NOINLINE static struct node* merge(struct node* a, struct node* b) {
  if (!a)
    return b;
  if (!b)
    return a;
  if (async_i64(a->key) <= async_i64(b->key)) {
    a->next = merge(a->next, b);
    return a;
  }
  b->next = merge(a, b->next);
  return b;
}

NOINLINE static struct node* sort(struct node* list) {
  if (!list || !list->next)
    return list;
  struct node *slow = list, *fast = list->next;
  while (fast && fast->next) {
    slow = slow->next;
    fast = fast->next->next;
  }
  struct node* second = slow->next;
  slow->next = NULL;
  return merge(sort(list), sort(second));
}

int main(int argc, char** argv) {
  printf("argc %d\n", argc);
  for (int i = 0; i < argc; i++)
    printf("argv[%d] = %s (sleep %d)\n", i, argv[i], sleep_ms((int)strlen(argv[i])));
  for (char** e = environ; *e; e++)
    printf("env %s\n", *e);
  const char* mode = getenv("E2E_GREETING");
  printf("getenv E2E_GREETING = %s\n", mode ? mode : "(unset)");

  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int s = sleep_ms(3);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("clock: %lld ns between two readings (sleep %d)\n",
         (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec), s);

  unsigned char rnd[16];
  getentropy(rnd, sizeof rnd);
  printf("random:");
  for (int i = 0; i < 16; i++)
    printf(" %02x", rnd[i]);
  printf("\n");

  struct node* list = NULL;
  for (int i = 0; i < 40; i++) {
    struct node* n = malloc(sizeof *n);
    char tmp[32];
    snprintf(tmp, sizeof tmp, "item-%d-%d", i, async_i32(i) % 13);
    n->label = strdup(tmp);
    n->key = (i * 7919LL) % 101 - 50;
    n->next = list;
    list = n;
    // Grow the heap between suspensions.
    void* junk = malloc(1000 + i * 300);
    memset(junk, i, 1000);
    if (i % 3)
      free(junk);
  }
  list = sort(list);
  long long prev = -1000000;
  int count = 0;
  for (struct node* n = list; n; n = n->next, count++) {
    printf("%s key %lld%s\n", n->label, n->key, async_i64(n->key) < async_i64(prev) ? " OUT OF ORDER" : "");
    prev = n->key;
  }
  printf("%d nodes\n", count);
  while (list) {
    struct node* next = list->next;
    free(list->label);
    free(list);
    list = next;
  }
  return argc == 4 ? 0 : 1;
}
