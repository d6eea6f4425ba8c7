// Imports that the e2e host (test/e2e/host.mjs) provides. Which of them
// unwind is decided by each program's spec (its .json file); the results are
// fixed functions of the arguments (see envFunctions in host.mjs).
#ifndef E2E_H
#define E2E_H

#include <stdint.h>

#define E2E_IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
#define NOINLINE __attribute__((noinline))
#define EXPORT(name) __attribute__((export_name(#name)))

E2E_IMPORT(sleep_ms) int sleep_ms(int ms);          // ms * 7 + 3
E2E_IMPORT(async_i32) int32_t async_i32(int32_t x); // x * 3 + 1
E2E_IMPORT(async_i64) int64_t async_i64(int64_t x); // x * 5 - 2
E2E_IMPORT(async_f32) float async_f32(float x);     // x * 1.5 + 0.25
E2E_IMPORT(async_f64) double async_f64(double x);   // x / 3 + 0.5
E2E_IMPORT(async_void) void async_void(void);
E2E_IMPORT(unlisted_op) int32_t unlisted_op(int32_t x);             // x + 100
E2E_IMPORT(probe) void probe(int32_t x);                            // does nothing
E2E_IMPORT(gen_yield) int32_t gen_yield(int32_t id, int64_t value); // count of id's yields

#endif
