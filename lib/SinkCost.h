// SinkCost: an estimate, before running it, of the work Binaryen 108's
// simplify-locals does on a function, so that it runs where it finishes in
// bounded time and is skipped where it would not.
//
// simplify-locals walks the code in execution order, keeps the local.sets it
// may still sink ("sinkables") until control flow leaves the straight-line
// run they are in, and checks every expression against all of them: the work
// is the sum, over the expressions, of the sinkables pending there. That is
// linear on ordinary code, where a flattening temporary is read right after
// it is set, and quadratic on a long straight run of sets read only at its
// end (a function that sets 50,000 locals, then reads them: minutes). The
// estimate follows the same walk: a set adds a pending local, a read of a
// pending one takes it away (it is sunk), and branches, returns and the ends
// of ifs, loops, trys and named blocks clear them all. The pass also
// clears them where such a construct starts, which the estimate does not, so
// it errs high. Cost: one walk, linear in the function's size.
#pragma once

#include <binaryen-c.h>

#include <cstdint>

namespace wa {

// Sum over the expressions of `func` of the local.sets pending there.
uint64_t sinkingWork(BinaryenFunctionRef func);

// Above this much work simplify-locals is not run on a function. Measured
// here: the pass takes about 33 ns per unit (a function setting 5,000
// locals, then reading them, 38k locals after flattening: 2.9e8, 9.6 s;
// 15,000: 2.6e9, 114 s), while onnxruntime's largest function (163k locals
// after flattening, 45k after the pass) needs 4.9e5 (0.6 s, the linear
// part) and none of its others more than 1.3e6.
constexpr uint64_t kMaxSinkingWork = 100'000'000;

// Whether simplify-locals (and reorder-locals with it, linear) may run on
// `func`: below 1,000 locals always (the work is at most 1,000 per
// expression, as it always was), else when sinkingWork is within
// kMaxSinkingWork, whatever the number of locals.
bool sinkingAffordable(BinaryenFunctionRef func);

} // namespace wa
