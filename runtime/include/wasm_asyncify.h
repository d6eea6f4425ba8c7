/* wasm_asyncify.h: the C side of the Asyncify ABI, for code compiled to
 * WebAssembly and rewritten by wasm-asyncify.
 *
 * - WASM_ASYNCIFY_IMPORT(module, name) declares a host function (an import)
 *   that may suspend; list it in the tool's --imports.
 * - struct wasm_asyncify_data is the data block {current, end}: two pointers
 *   of the memory's width (offsets 0/4 on wasm32, 0/8 on wasm64), checked at
 *   compile time.
 * - wasm_asyncify_start_unwind() & co are the in-module imports
 *   asyncify.start_unwind etc.: the rewriter connects them to its own runtime
 *   functions, so code in the module can suspend and resume its own stacks
 *   (wasm_asyncify_coro.h builds coroutines on them).
 *
 * C99 or later, or C++; clang targeting wasm32 or wasm64. Header only, no
 * libc needed beyond <stddef.h> and <stdint.h>. See docs/c-header.md.
 */
#ifndef WASM_ASYNCIFY_H
#define WASM_ASYNCIFY_H

#include <stddef.h>
#include <stdint.h>

#if !defined(__wasm__)
#error "wasm_asyncify.h is for code compiled to WebAssembly (--target=wasm32-... or wasm64-...)"
#endif

#define WASM_ASYNCIFY_VERSION_MAJOR 0
#define WASM_ASYNCIFY_VERSION_MINOR 1

/* Declares an imported function: WASM_ASYNCIFY_IMPORT("env", "sleep_ms")
 * void sleep_ms(int ms);  The import is then env.sleep_ms in the module.
 * Whether it may suspend is decided by the tool's --imports list (or
 * wasm_asyncify(... IMPORTS env.sleep_ms) in CMake), not by the attribute. */
#define WASM_ASYNCIFY_IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

/* Exports a function under `name`: WASM_ASYNCIFY_EXPORT("run") int run(void);
 * for modules whose host calls more than _start (reactors,
 * -mexec-model=reactor). */
#define WASM_ASYNCIFY_EXPORT(name) __attribute__((export_name(name)))

/* Keeps a function out of line. In-module unwinding depends on which
 * function calls which runtime function (see wasm_asyncify_start_unwind), so
 * such functions must not be inlined into their callers. */
#define WASM_ASYNCIFY_NOINLINE __attribute__((noinline))

/* Keeps `fn` out of line after linking too. clang runs Binaryen's wasm-opt
 * on the linked module when it finds it in PATH and the link line has an -O
 * flag, and wasm-opt does not know about `noinline`: it inlines a function
 * that is called from one place. It never inlines a function that calls
 * something and is in the table, so this macro puts `fn` in the table (a
 * pointer to it in a retained variable). Use it at file scope for each
 * runtime leaf and bottom you write. `fn` must have external linkage (not
 * `static`): the pointer is a weak definition, so when several translation
 * units use the macro the linker keeps one of them. */
#define WASM_ASYNCIFY_KEEP_OUT_OF_LINE(fn)                                                         \
  extern void (*wasm_asyncify_keep_##fn)(void);                                                    \
  __attribute__((used, weak)) void (*wasm_asyncify_keep_##fn)(void) = (void (*)(void))(fn)

#if defined(__cplusplus)
#define WASM_ASYNCIFY_STATIC_ASSERT(cond, msg) static_assert(cond, msg)
/* A C header: C casts and 0 as a null pointer are fine here. */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wold-style-cast"
#pragma clang diagnostic ignored "-Wzero-as-null-pointer-constant"
extern "C" {
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define WASM_ASYNCIFY_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
#else
/* C99: a negative array size stops the build; the line number in the
 * array's name (wasm_asyncify_layout_assert_LINE) points at the check. */
#define WASM_ASYNCIFY_STATIC_ASSERT(cond, msg) WASM_ASYNCIFY_STATIC_ASSERT_(cond, __LINE__)
#define WASM_ASYNCIFY_STATIC_ASSERT_(cond, line) WASM_ASYNCIFY_STATIC_ASSERT__(cond, line)
#define WASM_ASYNCIFY_STATIC_ASSERT__(cond, line)                                                  \
  typedef char wasm_asyncify_layout_assert_##line[(cond) ? 1 : -1] __attribute__((unused))
#endif

/* The value of wasm_asyncify_get_state() (and of the asyncify_get_state
 * export). */
enum wasm_asyncify_state {
  WASM_ASYNCIFY_NORMAL = 0,
  WASM_ASYNCIFY_UNWINDING = 1,
  WASM_ASYNCIFY_REWINDING = 2
};

/* The data block. Saved frames grow upward from `current` towards `end`;
 * after an unwind `current` is past the last saved byte. A frame that does
 * not fit is not written, but `current` still advances, so after an unwind
 * `current > end` means the block was too small (and `current - start` is the
 * size it needed); the runtime functions trap on such a block. */
struct wasm_asyncify_data {
  void *current;
  void *end;
};

#if defined(__wasm64__)
WASM_ASYNCIFY_STATIC_ASSERT(sizeof(void *) == 8, "wasm64: pointers are 8 bytes");
WASM_ASYNCIFY_STATIC_ASSERT(offsetof(struct wasm_asyncify_data, current) == 0,
                            "wasm64: current at offset 0");
WASM_ASYNCIFY_STATIC_ASSERT(offsetof(struct wasm_asyncify_data, end) == 8,
                            "wasm64: end at offset 8");
WASM_ASYNCIFY_STATIC_ASSERT(sizeof(struct wasm_asyncify_data) == 16,
                            "wasm64: the block header is 16 bytes");
#else
WASM_ASYNCIFY_STATIC_ASSERT(sizeof(void *) == 4, "wasm32: pointers are 4 bytes");
WASM_ASYNCIFY_STATIC_ASSERT(offsetof(struct wasm_asyncify_data, current) == 0,
                            "wasm32: current at offset 0");
WASM_ASYNCIFY_STATIC_ASSERT(offsetof(struct wasm_asyncify_data, end) == 4,
                            "wasm32: end at offset 4");
WASM_ASYNCIFY_STATIC_ASSERT(sizeof(struct wasm_asyncify_data) == 8,
                            "wasm32: the block header is 8 bytes");
#endif
WASM_ASYNCIFY_STATIC_ASSERT(sizeof(uintptr_t) == sizeof(void *),
                            "uintptr_t has the memory's width");

/* The in-module runtime: the same functions as the exports asyncify_*.
 *
 * A function that calls wasm_asyncify_start_unwind or
 * wasm_asyncify_stop_rewind is a runtime leaf: it is not instrumented, runs
 * again from its start when its stack is rewound, and must tell the two
 * cases apart itself (wasm_asyncify_get_state() == WASM_ASYNCIFY_REWINDING,
 * or a flag). A function that calls wasm_asyncify_stop_unwind or
 * wasm_asyncify_start_rewind is the bottom of the stacks it drives: it is
 * never instrumented, and calls into it are not treated as unwinding. */
WASM_ASYNCIFY_IMPORT("asyncify", "start_unwind")
void wasm_asyncify_start_unwind(struct wasm_asyncify_data *data);
WASM_ASYNCIFY_IMPORT("asyncify", "stop_unwind") void wasm_asyncify_stop_unwind(void);
WASM_ASYNCIFY_IMPORT("asyncify", "start_rewind")
void wasm_asyncify_start_rewind(struct wasm_asyncify_data *data);
WASM_ASYNCIFY_IMPORT("asyncify", "stop_rewind") void wasm_asyncify_stop_rewind(void);
WASM_ASYNCIFY_IMPORT("asyncify", "get_state") int wasm_asyncify_get_state(void);

/* Makes `data` a block over the `size` bytes at `buffer` (the frames go
 * there; the header itself lives wherever `data` is). */
static inline void wasm_asyncify_data_init(struct wasm_asyncify_data *data, void *buffer,
                                           size_t size) {
  data->current = buffer;
  data->end = (char *)buffer + size;
}

/* Makes the start of `buffer` the header and the rest the frames: the layout
 * hosts use when they allocate a block in one piece. Returns the header, or
 * NULL when `buffer` is too small for it or misaligned. */
static inline struct wasm_asyncify_data *wasm_asyncify_data_init_in_place(void *buffer,
                                                                          size_t size) {
  struct wasm_asyncify_data *data = (struct wasm_asyncify_data *)buffer;
  if (size < sizeof *data || (uintptr_t)buffer % sizeof(void *) != 0)
    return NULL;
  wasm_asyncify_data_init(data, data + 1, size - sizeof *data);
  return data;
}

/* After an unwind into a block that started at `start`: the bytes it holds
 * (or, when it overflowed, the bytes it would have needed). */
static inline size_t wasm_asyncify_data_used(const struct wasm_asyncify_data *data,
                                             const void *start) {
  return (size_t)((const char *)data->current - (const char *)start);
}

/* After an unwind: nonzero when the frames did not fit. */
static inline int wasm_asyncify_data_overflowed(const struct wasm_asyncify_data *data) {
  return (uintptr_t)data->current > (uintptr_t)data->end;
}

/* The C shadow stack. clang keeps it in linear memory, its top in the
 * mutable global __stack_pointer; functions lower it in their prologue and
 * restore it in their epilogue from a saved copy. An unwind skips the
 * epilogues, so a stack that is suspended keeps its C frames below the
 * pointer it had: code that runs several stacks (coroutines) gives each its
 * own region and switches __stack_pointer with these two functions. */
/* (Always inlined, even at -O0: out of line, the function's own frame would
 * be what it reads.) */
#define WASM_ASYNCIFY_ALWAYS_INLINE __attribute__((always_inline))

static inline WASM_ASYNCIFY_ALWAYS_INLINE void *wasm_asyncify_stack_pointer(void) {
  void *sp;
#if defined(__wasm64__)
  __asm__ volatile(".globaltype __stack_pointer, i64\n\tglobal.get __stack_pointer\n\tlocal.set %0"
                   : "=r"(sp)
                   :
                   : "memory");
#else
  __asm__ volatile(".globaltype __stack_pointer, i32\n\tglobal.get __stack_pointer\n\tlocal.set %0"
                   : "=r"(sp)
                   :
                   : "memory");
#endif
  return sp;
}

static inline WASM_ASYNCIFY_ALWAYS_INLINE void wasm_asyncify_set_stack_pointer(void *sp) {
#if defined(__wasm64__)
  __asm__ volatile(".globaltype __stack_pointer, i64\n\tlocal.get %0\n\tglobal.set __stack_pointer"
                   :
                   : "r"(sp)
                   : "memory");
#else
  __asm__ volatile(".globaltype __stack_pointer, i32\n\tlocal.get %0\n\tglobal.set __stack_pointer"
                   :
                   : "r"(sp)
                   : "memory");
#endif
}

#if defined(__cplusplus)
}
#pragma clang diagnostic pop
#endif

#endif /* WASM_ASYNCIFY_H */
