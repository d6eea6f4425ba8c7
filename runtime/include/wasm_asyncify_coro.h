/* wasm_asyncify_coro.h: stackful coroutines for C code compiled to
 * WebAssembly and rewritten by wasm-asyncify. Header only, on top of
 * wasm_asyncify.h.
 *
 *   static void *count(struct wasm_coro *co, void *arg) {
 *     for (intptr_t i = 0; i < 3; i++)
 *       wasm_coro_yield((void *)i);      // suspends the whole call stack
 *     return NULL;
 *   }
 *   struct wasm_coro *co = wasm_coro_create(count, NULL, 4096, 16384);
 *   while (wasm_coro_resume(co, NULL) == WASM_CORO_SUSPENDED)
 *     printf("%d\n", (int)(intptr_t)wasm_coro_value(co));
 *   wasm_coro_destroy(co);
 *
 * Rewrite the linked module with `--imports 'asyncify.*'` (or name only your
 * real async imports: the asyncify.* runtime imports always count).
 *
 * How it works. Each coroutine has its own data block (where its wasm frames
 * go when it suspends) and its own region of C shadow stack (where its C
 * frames stay while it is suspended: arrays, address-taken locals).
 * - wasm_coro_yield() is a runtime leaf: it calls start_unwind, so its
 *   callers up to the coroutine's function are instrumented and save their
 *   frames into the coroutine's block; it runs again from its start when the
 *   coroutine is resumed, sees the rewinding state and stops the rewind.
 * - wasm_coro_resume() is the bottom: it switches __stack_pointer to the
 *   coroutine's region, starts the rewind (unless this is the first run),
 *   calls the coroutine's function, and after it returned, stops the unwind
 *   (it yielded) or records the result (it finished), then switches the
 *   stack pointer back.
 * Coroutines may resume other coroutines (they nest); only the innermost
 * running coroutine can yield. A coroutine must not call a host import that
 * suspends the whole module: that unwind would have to pass through
 * wasm_coro_resume, which is not instrumented.
 *
 * wasm_coro_yield and wasm_coro_resume are weak definitions, kept out of
 * line and in the table (WASM_ASYNCIFY_KEEP_OUT_OF_LINE), so that neither
 * LLVM nor a wasm-opt run after linking inlines them: which function is the
 * leaf and which the bottom must survive until wasm-asyncify sees the
 * module. The other functions are `static inline`, and the one shared
 * variable (the running coroutine) is a weak definition too, so any number
 * of translation units may include this header. Define WASM_CORO_NO_MALLOC
 * to leave out wasm_coro_create/destroy (freestanding code); they are also
 * left out when the implementation is not hosted (-ffreestanding).
 */
#ifndef WASM_ASYNCIFY_CORO_H
#define WASM_ASYNCIFY_CORO_H

#include "wasm_asyncify.h"

#if !defined(WASM_CORO_NO_MALLOC) && defined(__STDC_HOSTED__) && __STDC_HOSTED__
#include <stdlib.h>
#define WASM_CORO_HAVE_MALLOC 1
#endif

#if defined(__cplusplus)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wold-style-cast"
#pragma clang diagnostic ignored "-Wzero-as-null-pointer-constant"
extern "C" {
#endif

enum wasm_coro_status {
  WASM_CORO_READY = 0,     /* initialised, never resumed */
  WASM_CORO_RUNNING = 1,   /* running (itself, or a coroutine it resumed) */
  WASM_CORO_SUSPENDED = 2, /* yielded; resume continues it */
  WASM_CORO_DONE = 3,      /* its function returned */
  WASM_CORO_OVERFLOW = 4   /* its data block was too small when it yielded: its stack is lost */
};

struct wasm_coro;
typedef void *(*wasm_coro_fn)(struct wasm_coro *co, void *arg);

/* The alignment of the top of a coroutine's C stack (clang's stack
 * alignment on wasm). */
#define WASM_CORO_STACK_ALIGN 16

struct wasm_coro {
  struct wasm_asyncify_data data; /* this coroutine's data block */
  char *frames;                   /* the block's buffer */
  size_t frames_size;
  char *stack; /* the C stack region: [stack, stack + stack_size) */
  size_t stack_size;
  void *sp; /* __stack_pointer while it is suspended (the top at first) */
  wasm_coro_fn fn;
  void *arg;
  void *value;              /* last value yielded, passed to resume, or returned */
  struct wasm_coro *parent; /* the coroutine that resumed it; NULL: the main stack */
  size_t peak;              /* the most bytes of frames one suspension saved */
  size_t needed;            /* after WASM_CORO_OVERFLOW: the bytes the block needed */
  int status;               /* enum wasm_coro_status */
  int allocated;            /* made by wasm_coro_create */
};

/* The running coroutine, NULL on the main stack. One definition for the
 * whole program (weak: every translation unit has one, the linker keeps
 * one). */
extern struct wasm_coro *wasm_coro_running_;
__attribute__((weak)) struct wasm_coro *wasm_coro_running_;

static inline struct wasm_coro *wasm_coro_current(void) {
  return wasm_coro_running_;
}

/* Sets up `co` to run fn(co, arg), its saved wasm frames in the `frames_size`
 * bytes at `frames` and its C frames in the `stack_size` bytes at `stack`.
 * The caller keeps both buffers alive while the coroutine exists. Returns 0,
 * or -1 when a size is too small to be useful. */
static inline int wasm_coro_init(struct wasm_coro *co, wasm_coro_fn fn, void *arg, void *frames,
                                 size_t frames_size, void *stack, size_t stack_size) {
  uintptr_t top = ((uintptr_t)stack + stack_size) & ~(uintptr_t)(WASM_CORO_STACK_ALIGN - 1);
  if (!fn || !frames || !stack || frames_size < 64 || top < (uintptr_t)stack + 256)
    return -1;
  co->frames = (char *)frames;
  co->frames_size = frames_size;
  wasm_asyncify_data_init(&co->data, frames, frames_size);
  co->stack = (char *)stack;
  co->stack_size = stack_size;
  co->sp = (void *)top;
  co->fn = fn;
  co->arg = arg;
  co->value = NULL;
  co->parent = NULL;
  co->peak = 0;
  co->needed = 0;
  co->status = WASM_CORO_READY;
  co->allocated = 0;
  return 0;
}

#if defined(WASM_CORO_HAVE_MALLOC)
/* A coroutine in one malloc'ed piece; NULL when out of memory or a size is
 * too small. Free it with wasm_coro_destroy (in any state but running). */
static inline struct wasm_coro *wasm_coro_create(wasm_coro_fn fn, void *arg, size_t frames_size,
                                                 size_t stack_size) {
  size_t head =
      (sizeof(struct wasm_coro) + WASM_CORO_STACK_ALIGN - 1) & ~(size_t)(WASM_CORO_STACK_ALIGN - 1);
  frames_size = (frames_size + WASM_CORO_STACK_ALIGN - 1) & ~(size_t)(WASM_CORO_STACK_ALIGN - 1);
  if (frames_size < 64 || stack_size > (size_t)-1 - head - frames_size)
    return NULL;
  char *mem = (char *)malloc(head + frames_size + stack_size);
  if (!mem)
    return NULL;
  struct wasm_coro *co = (struct wasm_coro *)(void *)mem; /* malloc's alignment */
  if (wasm_coro_init(co, fn, arg, mem + head, frames_size, mem + head + frames_size, stack_size) !=
      0) {
    free(mem);
    return NULL;
  }
  co->allocated = 1;
  return co;
}

static inline void wasm_coro_destroy(struct wasm_coro *co) {
  if (co && co->allocated && co->status != WASM_CORO_RUNNING)
    free(co);
}
#endif

/* Suspends the running coroutine: its whole call stack unwinds into its data
 * block and wasm_coro_resume returns WASM_CORO_SUSPENDED, with `value` in
 * wasm_coro_value(). When the coroutine is resumed, this call returns the
 * value given to that wasm_coro_resume. Traps when no coroutine is running.
 *
 * A runtime leaf (it calls start_unwind): not instrumented, called again
 * from its start when the coroutine's stack is rewound. */
void *wasm_coro_yield(void *value);
__attribute__((weak)) WASM_ASYNCIFY_NOINLINE void *wasm_coro_yield(void *value) {
  struct wasm_coro *co = wasm_coro_running_;
  if (!co)
    __builtin_trap();
  if (wasm_asyncify_get_state() == WASM_ASYNCIFY_REWINDING) {
    /* The second run: the stack is back, resume() left its value here. */
    wasm_asyncify_stop_rewind();
    return co->value;
  }
  co->value = value;
  wasm_asyncify_data_init(&co->data, co->frames, co->frames_size);
  wasm_asyncify_start_unwind(&co->data);
  return NULL; /* not seen: the callers unwind */
}

/* Runs `co` until it yields or returns; `value` is what the pending
 * wasm_coro_yield returns (ignored on the first resume: the function gets
 * `arg`). Returns the new status: WASM_CORO_SUSPENDED (wasm_coro_value() is
 * the yielded value), WASM_CORO_DONE (wasm_coro_value() is the function's
 * result) or WASM_CORO_OVERFLOW (co->needed says how big the data block must
 * be; the coroutine cannot continue). A coroutine that is running, done or
 * overflowed is not touched and its status is returned.
 *
 * The bottom of the coroutine's stack (it calls stop_unwind and
 * start_rewind): never instrumented. */
int wasm_coro_resume(struct wasm_coro *co, void *value);
__attribute__((weak)) WASM_ASYNCIFY_NOINLINE int wasm_coro_resume(struct wasm_coro *co,
                                                                  void *value) {
  if (co->status != WASM_CORO_READY && co->status != WASM_CORO_SUSPENDED)
    return co->status;
  struct wasm_coro *parent = wasm_coro_running_;
  void *parent_sp = wasm_asyncify_stack_pointer();
  int rewind = co->status == WASM_CORO_SUSPENDED;
  co->parent = parent;
  co->value = value;
  co->status = WASM_CORO_RUNNING;
  wasm_coro_running_ = co;
  wasm_asyncify_set_stack_pointer(co->sp);
  if (rewind)
    wasm_asyncify_start_rewind(&co->data);
  void *result = co->fn(co, co->arg);
  if (wasm_asyncify_get_state() == WASM_ASYNCIFY_UNWINDING) {
    /* It yielded: its C frames stay in its region, below this pointer. */
    co->sp = wasm_asyncify_stack_pointer();
    size_t used = wasm_asyncify_data_used(&co->data, co->frames);
    if (wasm_asyncify_data_overflowed(&co->data)) {
      /* The frames that did not fit were not written: the stack cannot be
       * rewound. Mark the block full so that stop_unwind does not trap. */
      co->needed = used;
      co->data.current = co->data.end;
      co->status = WASM_CORO_OVERFLOW;
    } else {
      if (used > co->peak)
        co->peak = used;
      co->status = WASM_CORO_SUSPENDED;
    }
    wasm_asyncify_stop_unwind();
  } else {
    co->value = result;
    co->status = WASM_CORO_DONE;
  }
  wasm_asyncify_set_stack_pointer(parent_sp);
  wasm_coro_running_ = parent;
  return co->status;
}

WASM_ASYNCIFY_KEEP_OUT_OF_LINE(wasm_coro_yield);
WASM_ASYNCIFY_KEEP_OUT_OF_LINE(wasm_coro_resume);

static inline int wasm_coro_status(const struct wasm_coro *co) {
  return co->status;
}

/* Nonzero when the coroutine's function has returned. */
static inline int wasm_coro_done(const struct wasm_coro *co) {
  return co->status == WASM_CORO_DONE;
}

/* The last value it yielded, or its result once done. */
static inline void *wasm_coro_value(const struct wasm_coro *co) {
  return co->value;
}

#if defined(__cplusplus)
}
#pragma clang diagnostic pop
#endif

#endif /* WASM_ASYNCIFY_CORO_H */
