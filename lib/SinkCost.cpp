#include "lib/SinkCost.h"

#include "lib/IrWalk.h"

#include <vector>

namespace wa {

uint64_t sinkingWork(BinaryenFunctionRef func) {
  const ExprIds &I = ExprIds::get();
  // pendingSince[i] == run + 1: local i was set in the current run and not
  // read since.
  std::vector<uint64_t> pendingSince(BinaryenFunctionGetNumLocals(func), 0);
  uint64_t run = 0, pending = 0, work = 0;
  auto endRun = [&] {
    run++;
    pending = 0;
  };
  walkPostorder(
      BinaryenFunctionGetBody(func),
      [&](BinaryenExpressionRef e) {
        work += pending;
        BinaryenExpressionId id = BinaryenExpressionGetId(e);
        if (id == I.LocalGet) {
          BinaryenIndex i = BinaryenLocalGetGetIndex(e);
          if (i < pendingSince.size() && pendingSince[i] == run + 1) {
            pendingSince[i] = 0;
            pending--;
          }
        } else if (id == I.LocalSet) {
          BinaryenIndex i = BinaryenLocalSetGetIndex(e);
          if (i < pendingSince.size() && pendingSince[i] != run + 1) {
            pendingSince[i] = run + 1;
            pending++;
          }
        } else if (id == I.Break || id == I.Switch || id == I.Return || id == I.Unreachable ||
                   id == I.Throw || id == I.Rethrow || id == I.If || id == I.Loop || id == I.Try ||
                   (id == I.Block && BinaryenBlockGetName(e))) {
          endRun();
        }
      },
      [](BinaryenExpressionRef) {});
  return work;
}

bool sinkingAffordable(BinaryenFunctionRef func) {
  return BinaryenFunctionGetNumLocals(func) <= 1000 || sinkingWork(func) <= kMaxSinkingWork;
}

} // namespace wa
