// Instrument: turns each function the analysis marked into a state machine
// that can unwind its frame into the data block and rewind to the same call.
//
// 1. Shape. The function is flattened with Binaryen's `flatten` and `dce`
//    passes, then its local passes that keep the code flat (when optimizing
//    all of them, up to 10,000 locals; else the linear ones, where
//    lib/SinkCost.h finds them affordable), so every call stands alone as a
//    statement (`call`, `local.set (call)` or `drop (call)`) with only
//    locals and constants as operands, and values on the operand stack live
//    in locals. Tail calls in it become call + return, since a frame that is
//    gone cannot be resumed.
//
// 2. Liveness. A backward analysis over the structured code (blocks and ifs
//    in one pass, loops iterated to a fixpoint that is kept between outer
//    iterations) gives, at every call that can unwind, the locals whose values
//    are needed after it returns. Only those are saved: a call site's frame is
//    its live locals plus a 4-byte call index. Sites with the same live set
//    share one save block and one restore block.
//
// 3. Control flow. Call sites that can unwind are numbered 0, 1, ... in
//    program order, so every subtree holds a contiguous range of indices.
//    Rewinding runs nothing but the way down to the saved call: a block
//    whose later children hold call sites starts with a dispatch that, while
//    rewinding, branches to the child holding the saved index (a block that
//    ends right before that child); an `if` holding call sites takes, while
//    rewinding, the arm whose range holds the index; loops are entered. A
//    chain of first children (a lowered switch) shares one dispatch. So the
//    original statements run unguarded, a call site is reached while
//    rewinding only when it is the saved one, and the normal path pays one
//    state check per such block entered and one after each call site, which
//    branches to the function's unwind block when the callee left the state
//    unwinding.
//
// 4. Frames. The unwind block's epilogue dispatches on the call index to the
//    site's save block, which pushes [live locals][index] at `current` when
//    it fits below `end` (nothing is ever written past `end`), always advances
//    `current` (so the host learns the size it needed), and returns a zero
//    value. On entry in the rewinding state a prologue pops the index, then
//    that site's locals.
//
// 5. Rewind copies (--rewind-copies). A function may instead hand rewinding
//    to a copy of itself: the same flat code rewritten as above, added as
//    NAME$asyncify_rewind, while its own code gets no dispatches and no
//    rewinding conditions, only the unwind checks, and a prologue that,
//    while rewinding, calls the copy and returns its result. Both analyse
//    the same code, so their frames agree. In the copy, loops holding call
//    sites are peeled (smallest first, adding at most the function's size):
//    the first iteration, where rewinding arrives, keeps the state machine,
//    and the later ones run in a copy of the loop with unwind checks only,
//    so a loop that goes on after its rewind runs at the original's speed.
//
// 6. Exceptions (functions with `try` are flattened whole). Rewinding
//    enters a try like a block; what its handlers read is live at every site
//    of its body, since an exception can reach them once a call is resumed.
//    A handler holding calls that can unwind moves after its try (the catch
//    keeps its pop and branches out), so they are sites like any other;
//    one that rethrows its exception cannot, and its calls get a state check
//    that traps if they suspend (a rewind cannot enter a handler).
//
// Functions are rewritten one per thread (lib/Parallel.h).
//
// Functions that are not instrumented are not touched (with --asserts, their
// calls are followed by a check that the state did not change).
//
// Cost: linear in the size of the instrumented functions, except for loop
// fixpoints: the liveness walk updates one bit set in place (a copy only per
// if, loop iteration and branch target), but an enclosing loop's iterations
// walk the loops inside it again, so deep loop nests cost about
// depth × size (2000 nested levels: 1.4 s; benchmarks/RESOURCES.md).
#include "passes/Instrument.h"

#include "lib/Diagnostics.h"
#include "lib/FunctionRebuild.h"
#include "lib/IrWalk.h"
#include "lib/Isolate.h"
#include "lib/ModuleFacts.h"
#include "lib/Parallel.h"
#include "lib/SinkCost.h"
#include "lib/Types.h"
#include "passes/Spill.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace wa {

BinaryenType RuntimeNames::pointerType() const {
  return memory64 ? BinaryenTypeInt64() : BinaryenTypeInt32();
}

namespace {

using E = BinaryenExpressionRef;

constexpr int32_t kUnwinding = 1, kRewinding = 2; // and 0: normal

// Which calls can change the state, decided from the analysis by the call's
// own properties (callee name, table and signature), so the answer survives
// flattening, which may rebuild the expressions around the call.
class UnwindOracle {
public:
  UnwindOracle(const CallGraph &g, const AsyncAnalysis &a, bool ignoreIndirect)
      : graph_(g), analysis_(a), ignoreIndirect_(ignoreIndirect) {
    for (uint32_t i = 0; i < g.groups.size(); i++)
      groups_[{g.groups[i].table, g.groups[i].params, g.groups[i].results}] = i;
  }

  bool isCall(E e) const {
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    return id == ExprIds::get().Call || id == ExprIds::get().CallIndirect;
  }

  // True if the call can change the state, seen from an instrumented caller.
  bool unwinds(E call, bool callerFromList) const {
    if (BinaryenExpressionGetId(call) == ExprIds::get().Call) {
      uint32_t f = graph_.find(BinaryenCallGetTarget(call));
      return f != kNone && analysis_.functions[f].mayUnwind;
    }
    auto it = groups_.find({BinaryenCallIndirectGetTable(call), BinaryenCallIndirectGetParams(call),
                            BinaryenCallIndirectGetResults(call)});
    bool group = it != groups_.end() && analysis_.groupMayUnwind[it->second];
    return group || (ignoreIndirect_ && callerFromList);
  }

  // A runtime import (asyncify.*): its calls are the runtime's business.
  bool isRuntimeCall(E call) const {
    if (BinaryenExpressionGetId(call) != ExprIds::get().Call)
      return false;
    uint32_t f = graph_.find(BinaryenCallGetTarget(call));
    return f != kNone && runtimeImportKind(graph_.functions[f]) != RuntimeImport::None;
  }

private:
  const CallGraph &graph_;
  const AsyncAnalysis &analysis_;
  bool ignoreIndirect_;
  std::map<std::tuple<std::string, BinaryenType, BinaryenType>, uint32_t> groups_;
};

// Rewrites a tree bottom-up without recursion: `f` gets each node after its
// children were rewritten and returns the node to put in its place.
template <typename F> E mapPostorder(E root, F &&f) {
  struct Frame {
    E e;
    std::vector<E> kids;
    size_t next = 0;
  };
  std::vector<Frame> stack;
  stack.push_back({root, {}, 0});
  childrenOf(root, stack.back().kids);
  E result = nullptr;
  while (!stack.empty()) {
    Frame &top = stack.back();
    if (top.next < top.kids.size()) {
      E kid = top.kids[top.next];
      if (!kid) {
        top.next++;
        continue;
      }
      Frame child{kid, {}, 0};
      childrenOf(kid, child.kids);
      stack.push_back(std::move(child));
      continue;
    }
    E replaced = f(top.e);
    stack.pop_back();
    if (stack.empty()) {
      result = replaced;
      break;
    }
    Frame &parent = stack.back();
    if (replaced != parent.kids[parent.next])
      setChild(parent.e, parent.next, replaced);
    parent.next++;
  }
  return result;
}

// A set of locals as a bit vector.
struct Bits {
  std::vector<uint64_t> w;
  explicit Bits(size_t n = 0) : w((n + 63) / 64, 0) {}
  void set(uint32_t i) { w[i / 64] |= 1ull << (i % 64); }
  void reset(uint32_t i) { w[i / 64] &= ~(1ull << (i % 64)); }
  bool test(uint32_t i) const { return (w[i / 64] >> (i % 64)) & 1; }
  void unite(const Bits &o) {
    for (size_t i = 0; i < w.size(); i++)
      w[i] |= o.w[i];
  }
  bool subsetOf(const Bits &o) const {
    for (size_t i = 0; i < w.size(); i++)
      if (w[i] & ~o.w[i])
        return false;
    return true;
  }
  void clear() { std::fill(w.begin(), w.end(), 0); }
  // Calls f(i) for every set bit i, in increasing order.
  template <typename F> void forEach(F &&f) const {
    for (size_t k = 0; k < w.size(); k++)
      for (uint64_t bits = w[k]; bits; bits &= bits - 1)
        f(static_cast<uint32_t>(k * 64 + static_cast<size_t>(std::countr_zero(bits))));
  }
  bool operator==(const Bits &o) const { return w == o.w; }
  bool operator<(const Bits &o) const { return w < o.w; }
};

class FunctionInstrumenter {
public:
  // `rewindCopy` empty: the whole state machine. Otherwise only the normal
  // path and unwinding: rewinding is handed to the function of that name,
  // a copy of this one with the whole state machine and the same frames.
  FunctionInstrumenter(BinaryenModuleRef m, BinaryenFunctionRef func, const UnwindOracle &oracle,
                       const RuntimeNames &names, bool fromList, const std::string &path,
                       std::string rewindCopy = {})
      : m_(m), oracle_(oracle), names_(names), fromList_(fromList), path_(path), I_(ExprIds::get()),
        rewindCopy_(std::move(rewindCopy)) {
    name_ = BinaryenFunctionGetName(func);
    BinaryenType params = BinaryenFunctionGetParams(func);
    for (BinaryenType p : expandType(params))
      localTypes_.push_back(p);
    numParams_ = static_cast<uint32_t>(localTypes_.size());
    for (BinaryenIndex i = 0; i < BinaryenFunctionGetNumVars(func); i++)
      localTypes_.push_back(BinaryenFunctionGetVar(func, i));
    results_ = BinaryenFunctionGetResults(func);
  }

  // Rewrites `body` (the function's, or a copy of it) and returns it;
  // vars() then lists every var (old and added).
  E run(FrameInfo &info, E body) {
    body_ = body;
    findSites(body);
    if (sites_.empty()) {
      info.unwindingSites = 0;
      return body;
    }
    Bits live(localTypes_.size());
    flowBack(body, live);
    buildGroups();
    numberSites(body);
    if (peelBudget_ > 0 && rewinds())
      choosePeeledLoops(body);
    idx_ = addLocal(BinaryenTypeInt32());
    cur_ = addLocal(names_.pointerType());
    next_ = addLocal(names_.pointerType());
    unwindLabel_ = "__asyncify_unwind_block";
    E rewritten = rewrite(body, {});
    info.unwindingSites = static_cast<uint32_t>(sites_.size());
    info.saveGroups = static_cast<uint32_t>(groups_.size());
    for (const auto &g : groups_)
      info.maxFrameBytes = std::max(info.maxFrameBytes, g.bytes);
    E result = assemble(rewritten);
    info.refSlotKinds |= refSlotKinds_;
    return result;
  }

  // Locals the function will have beyond its own (passes/Spill.h's).
  void appendLocals(const std::vector<BinaryenType> &types) {
    localTypes_.insert(localTypes_.end(), types.begin(), types.end());
  }

  // Rewinding runs the first iteration of a loop holding call sites with the
  // state machine and the later ones in a copy of the loop without it (see
  // peelLoop), for loops whose copies add up to at most `budget` times the
  // function's size, smallest first. For a rewind copy: a long-running loop
  // then runs at full speed once rewinding has reached its call.
  void peelLoops(double budget) { peelBudget_ = budget; }

  // For a rewind copy: the function is only ever entered while rewinding,
  // so the code before its first call site is left out.
  void onlyFromRewind() { onlyFromRewind_ = true; }

  std::vector<BinaryenType> vars() const {
    return std::vector<BinaryenType>(localTypes_.begin() + numParams_, localTypes_.end());
  }

private:
  struct Group {
    std::vector<uint32_t> locals; // in local index order
    std::vector<uint32_t> offsets;
    uint32_t bytes = 0; // locals + index
  };

  uint32_t addLocal(BinaryenType t) {
    localTypes_.push_back(t);
    return static_cast<uint32_t>(localTypes_.size() - 1);
  }

  [[noreturn]] void unsupported(const std::string &what) {
    throw Error(ExitCode::Unsupported, {path_, what, functionWhere(m_, name_)});
  }

  // --- finding sites -------------------------------------------------------

  // Sites are calls: other expressions need no lookup.
  bool isSite(E e) const {
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    return (id == I_.Call || id == I_.CallIndirect) && sites_.count(e) != 0;
  }

  // Calls inside a catch body are not sites: rewinding cannot enter a
  // handler (no exception is in flight), so guardHandlerCalls makes a
  // suspension there trap instead.
  void findSites(E body) {
    siteOrder_.clear();
    std::vector<std::pair<E, bool>> stack{{body, false}}; // expression, inside a handler
    std::vector<E> kids;
    while (!stack.empty()) {
      auto [e, inHandler] = stack.back();
      stack.pop_back();
      if (!inHandler && oracle_.isCall(e) && oracle_.unwinds(e, fromList_)) {
        sites_.insert(e);
        siteOrder_.push_back(e);
      }
      kids.clear();
      if (!childrenOf(e, kids))
        unsupported(
            fmt::format("unsupported expression `{}`", exprKindName(BinaryenExpressionGetId(e))));
      bool isTry = BinaryenExpressionGetId(e) == I_.Try;
      for (size_t i = kids.size(); i-- > 0;)
        if (kids[i])
          stack.push_back({kids[i], inHandler || (isTry && i > 0)});
    }
  }

  // --- liveness --------------------------------------------------------------

  // Turns `live` from the locals live after `e` into those live before it,
  // in place: copies are made only where control flow joins (if arms, loop
  // iterations, branch targets), so a walk costs the expressions it visits
  // plus one bit set per control structure, not one per expression.
  void flowBack(E e, Bits &live) {
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    if (id == I_.LocalGet) {
      live.set(BinaryenLocalGetGetIndex(e));
      return;
    }
    if (id == I_.LocalSet) {
      live.reset(BinaryenLocalSetGetIndex(e));
      flowBack(BinaryenLocalSetGetValue(e), live);
      return;
    }
    if (id == I_.Block) {
      if (const char *name = BinaryenBlockGetName(e))
        labels_[name] = live;
      for (BinaryenIndex i = BinaryenBlockGetNumChildren(e); i-- > 0;)
        flowBack(BinaryenBlockGetChildAt(e, i), live);
      return;
    }
    if (id == I_.Loop) {
      const char *name = BinaryenLoopGetName(e);
      E body = BinaryenLoopGetBody(e);
      if (!name) {
        flowBack(body, live);
        return;
      }
      // The label's set (live at the loop's head) is kept between the
      // iterations of enclosing loops, so it only ever grows.
      labels_.try_emplace(name, localTypes_.size());
      const Bits out = live;
      while (true) {
        flowBack(body, live);
        Bits &top = labels_[name];
        if (live.subsetOf(top))
          return;
        top.unite(live);
        live = out;
      }
    }
    if (id == I_.If) {
      if (E f = BinaryenIfGetIfFalse(e)) {
        Bits other = live;
        flowBack(f, other);
        flowBack(BinaryenIfGetIfTrue(e), live);
        live.unite(other);
      } else {
        Bits other = live;
        flowBack(BinaryenIfGetIfTrue(e), live);
        live.unite(other);
      }
      flowBack(BinaryenIfGetCondition(e), live);
      return;
    }
    if (id == I_.Try) {
      // An exception can leave the body at any call, a site's included (a
      // resumed call can throw), for a handler here or further out: what
      // the handlers read is live at every site of the body.
      Bits handlers(localTypes_.size());
      for (BinaryenIndex i = 0; i < BinaryenTryGetNumCatchBodies(e); i++) {
        Bits h = live;
        flowBack(BinaryenTryGetCatchBodyAt(e, i), h);
        handlers.unite(h);
      }
      if (!handlerLive_.empty())
        handlers.unite(handlerLive_.back());
      handlerLive_.push_back(handlers);
      flowBack(BinaryenTryGetBody(e), live);
      handlerLive_.pop_back();
      live.unite(handlers);
      return;
    }
    if (id == I_.Break) {
      E cond = BinaryenBreakGetCondition(e);
      if (cond)
        live.unite(labelLive(BinaryenBreakGetName(e)));
      else
        live = labelLive(BinaryenBreakGetName(e));
      if (cond)
        flowBack(cond, live);
      if (E v = BinaryenBreakGetValue(e))
        flowBack(v, live);
      return;
    }
    if (id == I_.Switch) {
      live = labelLive(BinaryenSwitchGetDefaultName(e));
      for (BinaryenIndex i = 0; i < BinaryenSwitchGetNumNames(e); i++)
        live.unite(labelLive(BinaryenSwitchGetNameAt(e, i)));
      flowBack(BinaryenSwitchGetCondition(e), live);
      if (E v = BinaryenSwitchGetValue(e))
        flowBack(v, live);
      return;
    }
    if (id == I_.Return || id == I_.Unreachable || id == I_.Throw || id == I_.Rethrow ||
        (id == I_.Call && BinaryenCallIsReturn(e)) ||
        (id == I_.CallIndirect && BinaryenCallIndirectIsReturn(e)))
      live.clear();
    if (isSite(e)) {
      Bits &save = siteLive_[e] = live;
      if (!handlerLive_.empty())
        save.unite(handlerLive_.back());
      // The table index of an indirect call decides which function is
      // re-entered on rewind: it must come back.
      if (id == I_.CallIndirect) {
        E target = BinaryenCallIndirectGetTarget(e);
        if (BinaryenExpressionGetId(target) == I_.LocalGet)
          save.set(BinaryenLocalGetGetIndex(target));
        else if (BinaryenExpressionGetId(target) != I_.Const)
          unsupported("internal: an indirect call's target is not a local after flattening");
      }
    }
    // Children go on one shared stack, not a vector per expression; the
    // recursive calls leave it as they found it.
    size_t base = kidStack_.size();
    childrenOf(e, kidStack_);
    for (size_t i = kidStack_.size(); i-- > base;)
      if (E kid = kidStack_[i])
        flowBack(kid, live);
    kidStack_.resize(base);
  }

  Bits labelLive(const char *name) {
    auto it = labels_.find(name);
    return it == labels_.end() ? Bits(localTypes_.size()) : it->second;
  }

  uint32_t bytesOf(const Bits &live) {
    uint32_t total = 4;
    live.forEach([&](uint32_t i) {
      for (BinaryenType part : expandType(localTypes_[i]))
        total += slotBytes(part);
    });
    return total;
  }

  // Bytes of a value in a frame: a reference takes an i32 handle to its
  // slot (passes/RefSlots.h); 0 for what cannot be saved.
  static uint32_t slotBytes(BinaryenType t) {
    if (uint32_t b = valueBytes(t))
      return b;
    return refSlotKind(t) >= 0 ? 4 : 0;
  }

  // Sites whose live sets are equal share a save block and a restore block.
  // Beyond that, a live set joins a larger group that contains it when the
  // frame grows by at most max(16 bytes, its own size): one block then serves
  // both, at the price of a few bytes per frame. Measured on QuickJS with
  // every import async (-O2): separate blocks per set cost 1.50 MB of output
  // with frames at 54% of saving every live-anywhere local; one block for all
  // 1.00 MB at 100%; this rule 1.13 MB at 68%.
  void buildGroups() {
    const std::vector<E> &order = sitesInOrder();
    std::map<Bits, uint32_t> distinct;
    for (E site : order)
      distinct.emplace(siteLive_[site], 0);
    std::vector<std::pair<uint32_t, Bits>> sets; // largest first
    for (auto &[live, unused] : distinct)
      sets.emplace_back(bytesOf(live), live);
    std::stable_sort(sets.begin(), sets.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    std::vector<std::pair<uint32_t, const Bits *>> groupSets;
    std::map<Bits, uint32_t> groupOf;
    // For each local, the groups that save it, in order: only the groups
    // saving every local of a set can take it, so the candidates are those
    // of its local in fewest groups (all groups for the empty set). Trying
    // every group instead was quadratic in the number of distinct sets.
    std::vector<std::vector<uint32_t>> groupsWith(localTypes_.size());
    std::vector<uint32_t> all;
    for (const auto &[bytes, live] : sets) {
      uint32_t slack = std::max<uint32_t>(16, bytes);
      int chosen = -1;
      uint32_t best = UINT32_MAX;
      const std::vector<uint32_t> *candidates = &all;
      bool first = true;
      live.forEach([&](uint32_t i) {
        if (first || groupsWith[i].size() < candidates->size())
          candidates = &groupsWith[i];
        first = false;
      });
      for (uint32_t g : *candidates) {
        uint32_t extra = groupSets[g].first - bytes;
        if (extra <= slack && extra < best && live.subsetOf(*groupSets[g].second)) {
          best = extra;
          chosen = static_cast<int>(g);
        }
      }
      if (chosen < 0) {
        chosen = static_cast<int>(groupSets.size());
        groupSets.emplace_back(bytes, &live);
        groups_.push_back(layoutGroup(live));
        all.push_back(static_cast<uint32_t>(chosen));
        live.forEach([&](uint32_t i) { groupsWith[i].push_back(static_cast<uint32_t>(chosen)); });
      }
      groupOf[live] = static_cast<uint32_t>(chosen);
    }
    for (E site : order)
      siteGroup_[site] = groupOf[siteLive_[site]];
  }

  Group layoutGroup(const Bits &live) {
    Group g;
    uint32_t offset = 0;
    live.forEach([&](uint32_t i) {
      uint32_t bytes = 0;
      for (BinaryenType part : expandType(localTypes_[i])) {
        uint32_t b = slotBytes(part);
        if (b == 0)
          unsupported(fmt::format("local {} of a typed reference type is live across a call "
                                  "that can unwind; of the references, only externref and "
                                  "funcref values can be saved",
                                  i));
        bytes += b;
      }
      g.locals.push_back(i);
      g.offsets.push_back(offset);
      offset += bytes;
    });
    g.bytes = offset + 4;
    return g;
  }

  // The sites in preorder, as findSites met them (the tree has not changed
  // since).
  const std::vector<E> &sitesInOrder() const { return siteOrder_; }

  // --- building blocks -----------------------------------------------------

  E state() { return BinaryenGlobalGet(m_, names_.state.c_str(), BinaryenTypeInt32()); }
  E i32(int32_t v) { return BinaryenConst(m_, BinaryenLiteralInt32(v)); }
  E ptrConst(uint64_t v) {
    return names_.memory64 ? BinaryenConst(m_, BinaryenLiteralInt64(static_cast<int64_t>(v)))
                           : BinaryenConst(m_, BinaryenLiteralInt32(static_cast<int32_t>(v)));
  }
  E stateIs(int32_t s) { return BinaryenBinary(m_, BinaryenEqInt32(), state(), i32(s)); }
  E get(uint32_t local) { return BinaryenLocalGet(m_, local, localTypes_[local]); }
  E set(uint32_t local, E value) { return BinaryenLocalSet(m_, local, value); }
  E dataPtr() { return BinaryenGlobalGet(m_, names_.data.c_str(), names_.pointerType()); }
  E loadPtr(E addr, uint32_t offset) {
    uint32_t b = names_.pointerBytes();
    return BinaryenLoad(m_, b, false, offset, b, names_.pointerType(), addr);
  }
  E storePtr(E addr, uint32_t offset, E value) {
    uint32_t b = names_.pointerBytes();
    return BinaryenStore(m_, b, offset, b, addr, value, names_.pointerType());
  }
  E ptrAdd(E a, E b) {
    return BinaryenBinary(m_, names_.memory64 ? BinaryenAddInt64() : BinaryenAddInt32(), a, b);
  }
  E ptrSub(E a, E b) {
    return BinaryenBinary(m_, names_.memory64 ? BinaryenSubInt64() : BinaryenSubInt32(), a, b);
  }
  E block(std::vector<E> kids, const char *label = nullptr,
          BinaryenType type = BinaryenTypeAuto()) {
    return BinaryenBlock(m_, label, kids.data(), static_cast<BinaryenIndex>(kids.size()), type);
  }

  // idx in [lo, hi]
  E indexInRange(uint32_t lo, uint32_t hi) {
    if (lo == hi)
      return BinaryenBinary(m_, BinaryenEqInt32(), get(idx_), i32(static_cast<int32_t>(lo)));
    return BinaryenBinary(
        m_, BinaryenLtUInt32(),
        BinaryenBinary(m_, BinaryenSubInt32(), get(idx_), i32(static_cast<int32_t>(lo))),
        i32(static_cast<int32_t>(hi - lo + 1)));
  }

  // --- rewriting -----------------------------------------------------------

  struct Range {
    uint32_t first, last; // call indices of the first and last site below
  };

  // For the walks that visit a node again after its subtree: pushes the
  // children of `e`, not yet expanded (`kids` is scratch space).
  static void pushChildren(E e, std::vector<std::pair<E, bool>> &stack, std::vector<E> &kids) {
    kids.clear();
    childrenOf(e, kids);
    for (E k : kids)
      if (k)
        stack.push_back({k, false});
  }

  bool containsSite(E e) const { return sitesBelow_.count(e) != 0; }
  const Range &range(E e) const { return sitesBelow_.at(e); }

  // Numbers the call sites in program order (a preorder walk, the order in
  // which rewinding reaches them), so every subtree holds a contiguous range
  // of indices, and records that range for every expression that has a call
  // site below it (or is one), in one bottom-up pass.
  void numberSites(E root) {
    const std::vector<E> &order = sitesInOrder();
    for (uint32_t i = 0; i < order.size(); i++) {
      siteIndex_[order[i]] = i;
      indexGroup_.push_back(siteGroup_[order[i]]);
    }
    // Children are ranges of one shared vector (as in walkPostorder); each
    // frame gathers its children's ranges as they finish.
    struct Frame {
      E e;
      size_t begin, next, end;
      std::optional<Range> r;
    };
    std::vector<Frame> stack;
    std::vector<E> kids;
    auto push = [&](E e) {
      size_t begin = kids.size();
      childrenOf(e, kids);
      stack.push_back({e, begin, begin, kids.size(), std::nullopt});
    };
    push(root);
    while (!stack.empty()) {
      Frame &top = stack.back();
      if (top.next < top.end) {
        if (E kid = kids[top.next++])
          push(kid);
        continue;
      }
      std::optional<Range> r = top.r;
      E e = top.e;
      if (isSite(e)) {
        uint32_t i = siteIndex_.at(e);
        r = Range{i, i};
      }
      kids.resize(top.begin);
      stack.pop_back();
      if (!r)
        continue;
      sitesBelow_[e] = *r;
      if (!stack.empty()) {
        std::optional<Range> &pr = stack.back().r;
        pr = pr ? Range{std::min(pr->first, r->first), std::max(pr->last, r->last)} : *r;
      }
    }
  }

  // Where rewinding may have to jump: for a call index at or above `first`,
  // out of the block `label`, which ends right before the structure holding
  // that call.
  struct Jump {
    std::string label;
    uint32_t first;
  };

  // While rewinding, branches to the structure that holds the saved call:
  // the jump with the highest `first` not above the index. Falls through
  // when the index is below every jump's `first`.
  // `lowest` is the lowest index that can be saved when this dispatch runs:
  // a jump at or below it is taken unconditionally. `at` is the structure
  // it starts: where only rewinding enters (beforeEveryCall), no state check.
  E rewindDispatch(std::vector<Jump> jumps, E at) {
    uint32_t lowest = range(at).first;
    std::sort(jumps.begin(), jumps.end(),
              [](const Jump &a, const Jump &b) { return a.first > b.first; });
    std::vector<E> code;
    for (const Jump &j : jumps) {
      if (j.first <= lowest) {
        code.push_back(BinaryenBreak(m_, j.label.c_str(), nullptr, nullptr));
        break;
      }
      code.push_back(BinaryenBreak(
          m_, j.label.c_str(),
          BinaryenBinary(m_, BinaryenGeUInt32(), get(idx_), i32(static_cast<int32_t>(j.first))),
          nullptr));
    }
    E jump = block(code, nullptr, BinaryenTypeNone());
    return beforeEveryCall(at) ? jump : BinaryenIf(m_, stateIs(kRewinding), jump, nullptr);
  }

  // A block named `label` of type none around `kids`. Built empty and then
  // filled: a named block built whole is finalized by scanning its subtree
  // for branches to it, quadratic in the nesting depth.
  E jumpBlock(const std::string &label, const std::vector<E> &kids) {
    E b = BinaryenBlock(m_, label.c_str(), nullptr, 0, BinaryenTypeNone());
    for (E k : kids)
      BinaryenBlockAppendChild(b, k);
    BinaryenExpressionSetType(b, BinaryenTypeNone());
    return b;
  }

  // Out of line: fmt's inline buffer would sit in every frame of the
  // recursive rewrite (deep nesting overflowed the stack under ASan).
  [[gnu::noinline]] std::string newJumpLabel() {
    return "__asyncify_rewind_" + std::to_string(jumpLabels_++);
  }

  // Rewrites `e`, which holds a call site. Rewinding never runs code that is
  // not on the way to the saved call: a block holding calls in several
  // children starts with a dispatch that, while rewinding, branches straight
  // to the child holding the saved index (each such child but the first is
  // preceded by a block ending right there); an if takes the arm holding it;
  // a loop is entered. So no statement needs a state check, and a call site
  // is reached while rewinding only when it is the saved one. `jumps` are an
  // enclosing block's, merged into this structure's own dispatch when `e` is
  // that block's first child (one check for a chain of nested blocks, such as
  // a lowered switch, instead of one per level).
  E rewrite(E e, std::vector<Jump> jumps) {
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    if (id == I_.Block)
      return rewriteBlock(e, std::move(jumps));
    if (id == I_.Loop)
      return rewriteLoop(e, std::move(jumps));
    if (!jumps.empty()) // only blocks and loops take an enclosing block's jumps
      unsupported("internal: a dispatch was passed to a structure that cannot hold it");
    if (id == I_.Try)
      return rewriteTry(e);
    return id == I_.If ? rewriteIf(e) : rewriteSite(e, id);
  }

  // Rewinding enters a try like a block; its sites are all in its body.
  [[gnu::noinline]] E rewriteTry(E e) {
    BinaryenTrySetBody(e, rewrite(BinaryenTryGetBody(e), {}));
    BinaryenExpressionFinalize(e);
    return e;
  }

  // One function per kind, out of line: the recursion through them keeps
  // small frames (1000 nested levels overflowed the stack under ASan).
  [[gnu::noinline]] E rewriteBlock(E e, std::vector<Jump> jumps) {
    std::vector<E> kids;
    for (BinaryenIndex i = 0; i < BinaryenBlockGetNumChildren(e); i++)
      kids.push_back(BinaryenBlockGetChildAt(e, i));
    // In a copy, what comes before the first call never runs.
    if (beforeEveryCall(e))
      kids.erase(kids.begin(),
                 std::find_if(kids.begin(), kids.end(), [&](E k) { return containsSite(k); }));
    BinaryenIndex n = static_cast<BinaryenIndex>(kids.size());
    std::vector<std::string> labels(n);
    for (BinaryenIndex i = 1; i < n; i++)
      if (rewindsHere() && containsSite(kids[i])) {
        labels[i] = newJumpLabel();
        jumps.push_back({labels[i], range(kids[i]).first});
      }
    BinaryenExpressionId first = BinaryenExpressionGetId(kids[0]);
    bool mergeDown = containsSite(kids[0]) && (first == I_.Block || first == I_.Loop);
    std::vector<E> seq;
    if (!mergeDown && !jumps.empty())
      seq.push_back(rewindDispatch(jumps, e));
    for (BinaryenIndex i = 0; i < n; i++) {
      if (!labels[i].empty())
        seq = {jumpBlock(labels[i], seq)};
      if (!containsSite(kids[i]))
        seq.push_back(kids[i]);
      else
        seq.push_back(rewrite(kids[i], i == 0 && mergeDown ? jumps : std::vector<Jump>{}));
    }
    // The block is changed in place: building a new named block makes
    // Binaryen rescan its whole subtree for branches to it, which is
    // quadratic in the nesting depth (Go's code nests thousands deep).
    BinaryenIndex old = BinaryenBlockGetNumChildren(e);
    for (BinaryenIndex i = 0; i < std::min<size_t>(old, seq.size()); i++)
      BinaryenBlockSetChildAt(e, i, seq[i]);
    for (BinaryenIndex i = old; i > seq.size(); i--)
      BinaryenBlockRemoveChildAt(e, i - 1);
    for (size_t i = old; i < seq.size(); i++)
      BinaryenBlockAppendChild(e, seq[i]);
    // A jump block can fall through where the children it holds could
    // not: never `unreachable`.
    BinaryenType type = BinaryenExpressionGetType(e);
    if (type == BinaryenTypeUnreachable())
      BinaryenExpressionSetType(e, BinaryenTypeNone());
    // A block with a value (only spilled code has them here) whose last
    // child was such a structure: that child still never falls through.
    BinaryenIndex count = BinaryenBlockGetNumChildren(e);
    if (type != BinaryenTypeNone() && type != BinaryenTypeUnreachable() && count > 0 &&
        BinaryenExpressionGetType(BinaryenBlockGetChildAt(e, count - 1)) == BinaryenTypeNone())
      BinaryenBlockAppendChild(e, BinaryenUnreachable(m_));
    return e;
  }

  [[gnu::noinline]] E rewriteLoop(E e, std::vector<Jump> jumps) {
    if (rewindsHere() && peeled_.count(e))
      return peelLoop(e, std::move(jumps));
    // Its iterations come back to the code before its calls.
    reenterable_ += rewindsHere() ? 1 : 0;
    BinaryenLoopSetBody(e, loopBody(e, std::move(jumps)));
    reenterable_ -= rewindsHere() ? 1 : 0;
    BinaryenExpressionFinalize(e);
    return e;
  }

  // In a copy, which runs only from a rewind, code before every call site
  // that no loop brings back to (a peeled loop's branches back go to its
  // second copy) never runs: rewinding jumps over it to the saved call.
  // True when `e` starts there: it holds the first call and is entered only
  // while rewinding.
  bool beforeEveryCall(E e) const {
    return onlyFromRewind_ && rewindsHere() && reenterable_ == 0 && range(e).first == 0;
  }

  // The loop's body rewritten, with the enclosing block's jumps, if any, in
  // its own dispatch (or in one put before it).
  E loopBody(E loop, std::vector<Jump> jumps) {
    E body = BinaryenLoopGetBody(loop);
    BinaryenExpressionId bodyId = BinaryenExpressionGetId(body);
    if (bodyId == I_.Block || bodyId == I_.Loop || jumps.empty())
      return rewrite(body, std::move(jumps));
    E kids[] = {rewindDispatch(jumps, loop), rewrite(body, {})};
    return BinaryenBlock(m_, nullptr, kids, 2, BinaryenTypeAuto());
  }

  // `loop $L body` becomes
  //   block $exit
  //     block $L  body, rewritten with the state machine; br $exit  end
  //     loop $L'  body again, with unwind checks only  end
  //   end
  // A branch back to $L in the first iteration now leaves block $L and
  // enters the loop, which rewinding never reaches, so its iterations pay
  // no rewinding checks. (The first body's end, where the loop would have
  // fallen out, branches past it; a loop that cannot fall out needs no $exit.)
  [[gnu::noinline]] E peelLoop(E e, std::vector<Jump> jumps) {
    const char *name = BinaryenLoopGetName(e);
    E fast = copyRenamed(e);
    bool outer = fastLoop_;
    fastLoop_ = true;
    BinaryenLoopSetBody(fast, rewrite(BinaryenLoopGetBody(fast), {}));
    fastLoop_ = outer;
    BinaryenExpressionFinalize(fast);

    E first = loopBody(e, std::move(jumps));
    if (BinaryenExpressionGetType(e) == BinaryenTypeUnreachable()) {
      E kids[] = {jumpBlock(name, {first}), fast};
      return BinaryenBlock(m_, nullptr, kids, 2, BinaryenTypeAuto());
    }
    std::string exit = newJumpLabel();
    E iteration = jumpBlock(name, {first, BinaryenBreak(m_, exit.c_str(), nullptr, nullptr)});
    return jumpBlock(exit, {iteration, fast});
  }

  // A copy of `root` whose labels are renamed (Binaryen's names are unique
  // in a function) and whose call sites carry the originals' facts: index,
  // live locals, save group, and the site ranges of their parents.
  E copyRenamed(E root) {
    E copy = BinaryenExpressionCopy(root, m_);
    std::unordered_map<std::string, std::string> renamed;
    auto rename = [&](const char *label) -> const char * {
      if (!label)
        return nullptr;
      auto it = renamed.find(label);
      return it == renamed.end() ? nullptr : it->second.c_str();
    };
    auto define = [&](const char *label) -> const char * {
      if (!label)
        return nullptr;
      std::string fresh = fmt::format("{}$peel{}", label, peelLabels_++);
      return renamed.insert_or_assign(label, std::move(fresh)).first->second.c_str();
    };
    std::vector<std::pair<E, E>> stack{{root, copy}};
    std::vector<E> from, to;
    while (!stack.empty()) {
      auto [o, c] = stack.back();
      stack.pop_back();
      if (auto it = sitesBelow_.find(o); it != sitesBelow_.end()) {
        Range r = it->second;
        sitesBelow_[c] = r;
      }
      if (isSite(o)) {
        sites_.insert(c);
        siteIndex_[c] = siteIndex_.at(o);
        siteGroup_[c] = siteGroup_.at(o);
        Bits live = siteLive_.at(o);
        siteLive_[c] = std::move(live);
      }
      BinaryenExpressionId id = BinaryenExpressionGetId(c);
      if (id == I_.Block) {
        if (const char *n = define(BinaryenBlockGetName(c)))
          BinaryenBlockSetName(c, n);
      } else if (id == I_.Loop) {
        if (const char *n = define(BinaryenLoopGetName(c)))
          BinaryenLoopSetName(c, n);
      } else if (id == I_.Try) {
        if (const char *n = define(BinaryenTryGetName(c)))
          BinaryenTrySetName(c, n);
        if (BinaryenTryIsDelegate(c))
          if (const char *n = rename(BinaryenTryGetDelegateTarget(c)))
            BinaryenTrySetDelegateTarget(c, n);
      } else if (id == I_.Rethrow) {
        if (const char *n = rename(BinaryenRethrowGetTarget(c)))
          BinaryenRethrowSetTarget(c, n);
      } else if (id == I_.Break) {
        if (const char *n = rename(BinaryenBreakGetName(c)))
          BinaryenBreakSetName(c, n);
      } else if (id == I_.Switch) {
        for (BinaryenIndex i = 0; i < BinaryenSwitchGetNumNames(c); i++)
          if (const char *n = rename(BinaryenSwitchGetNameAt(c, i)))
            BinaryenSwitchSetNameAt(c, i, n);
        if (const char *n = rename(BinaryenSwitchGetDefaultName(c)))
          BinaryenSwitchSetDefaultName(c, n);
      }
      from.clear();
      to.clear();
      childrenOf(o, from);
      childrenOf(c, to);
      for (size_t i = from.size(); i-- > 0;)
        if (from[i])
          stack.push_back({from[i], to[i]});
    }
    return copy;
  }

  // Picks the loops to peel: named (so they can iterate), holding call
  // sites, smallest first while their sizes add up to the budget.
  void choosePeeledLoops(E body) {
    std::vector<std::pair<uint64_t, E>> loops;
    std::unordered_map<E, uint64_t> start;
    uint64_t count = 0;
    std::vector<std::pair<E, bool>> stack{{body, false}};
    std::vector<E> kids;
    while (!stack.empty()) {
      auto [e, done] = stack.back();
      stack.pop_back();
      bool candidate =
          BinaryenExpressionGetId(e) == I_.Loop && BinaryenLoopGetName(e) && containsSite(e);
      if (done) {
        loops.push_back({count - start.at(e), e});
        continue;
      }
      count++;
      if (candidate) {
        start[e] = count;
        stack.push_back({e, true});
      }
      pushChildren(e, stack, kids);
    }
    std::stable_sort(loops.begin(), loops.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    double left = peelBudget_ * static_cast<double>(count);
    for (const auto &[size, loop] : loops) {
      if (static_cast<double>(size) > left)
        break;
      left -= static_cast<double>(size);
      peeled_.insert(loop);
    }
  }

  [[gnu::noinline]] E rewriteIf(E e) {
    E cond = BinaryenIfGetCondition(e);
    E ifTrue = BinaryenIfGetIfTrue(e);
    E ifFalse = BinaryenIfGetIfFalse(e);
    if (containsSite(cond))
      unsupported("internal: an if condition holds a call that can unwind after flattening");
    bool thenHas = containsSite(ifTrue);
    // While rewinding, go where the saved index is. An if, not a select:
    // the condition's local is only set in normal code, and a select would
    // read it while rewinding too, keeping it live around loops and costing
    // the optimizer registers (measured: +12% time on a hash kernel).
    E rewindCond = thenHas ? indexInRange(range(ifTrue).first, range(ifTrue).last) : i32(0);
    bool falseHas = ifFalse && containsSite(ifFalse);
    if (beforeEveryCall(e)) {
      // Entered only while rewinding: the arm holding the index is taken,
      // and an arm without calls never is.
      E newTrue = thenHas ? rewrite(ifTrue, {}) : BinaryenNop(m_);
      return BinaryenIf(m_, rewindCond, newTrue, falseHas ? rewrite(ifFalse, {}) : nullptr);
    }
    E newTrue = thenHas ? rewrite(ifTrue, {}) : ifTrue;
    E newFalse = falseHas ? rewrite(ifFalse, {}) : ifFalse;
    E newCond = rewindsHere() ? BinaryenIf(m_, stateIs(kRewinding), rewindCond, cond) : cond;
    return BinaryenIf(m_, newCond, newTrue, newFalse);
  }

  [[gnu::noinline]] E rewriteSite(E e, BinaryenExpressionId id) {
    // A statement holding a call site: the call itself, or local.set / drop
    // of it.
    E call = e;
    if (id == I_.LocalSet)
      call = BinaryenLocalSetGetValue(e);
    else if (id == I_.Drop)
      call = BinaryenDropGetValue(e);
    if (!isSite(call))
      unsupported(fmt::format("internal: a call that can unwind sits inside `{}` after "
                              "flattening",
                              exprKindName(id)));
    uint32_t index = siteIndex_.at(call);
    E stmt = e;
    E assignAfter = nullptr;
    if (id == I_.LocalSet) {
      // The result's local may also be one the frame saves (after
      // coalesce-locals, an indirect call's result can share the local that
      // held its table index). Then the result must not land in it before the
      // unwind check: it goes to a fresh local, copied over afterwards.
      uint32_t target = BinaryenLocalSetGetIndex(e);
      if (siteLive_[call].test(target)) {
        uint32_t temp = addLocal(localTypes_[target]);
        BinaryenLocalSetSetIndex(e, temp);
        assignAfter = set(target, get(temp));
      }
    }
    if (BinaryenExpressionGetType(stmt) != BinaryenTypeNone() &&
        BinaryenExpressionGetType(stmt) != BinaryenTypeUnreachable())
      stmt = BinaryenDrop(m_, stmt);
    E unwind = BinaryenIf(
        m_, stateIs(kUnwinding),
        BinaryenBreak(m_, unwindLabel_.c_str(), nullptr, i32(static_cast<int32_t>(index))),
        nullptr);
    std::vector<E> body{stmt, unwind};
    if (assignAfter)
      body.push_back(assignAfter);
    return block(body, nullptr, BinaryenTypeNone());
  }

  // The frame layout in one place: for each saved local, each of its values
  // (one, or a tuple's parts) with its type and offset from `cur`.
  template <typename F> void forEachSlot(const Group &g, F &&f) {
    for (size_t k = 0; k < g.locals.size(); k++) {
      uint32_t offset = g.offsets[k];
      std::vector<BinaryenType> parts = expandType(localTypes_[g.locals[k]]);
      for (size_t p = 0; p < parts.size(); p++) {
        f(g.locals[k], parts.size() > 1, static_cast<BinaryenIndex>(p), parts[p], offset);
        offset += slotBytes(parts[p]);
      }
    }
  }

  // Stores of a group's locals at `cur`.
  void saveLocals(const Group &g, std::vector<E> &out) {
    forEachSlot(g, [&](uint32_t local, bool tuple, BinaryenIndex part, BinaryenType t,
                       uint32_t offset) {
      E value = tuple ? BinaryenTupleExtract(m_, get(local), part) : get(local);
      if (int kind = refSlotKind(t); kind >= 0) {
        refSlotKinds_ |= 1u << kind;
        value = BinaryenCall(m_, names_.refSlots.put[kind].c_str(), &value, 1, BinaryenTypeInt32());
        t = BinaryenTypeInt32();
      }
      uint32_t b = valueBytes(t);
      out.push_back(BinaryenStore(m_, b, offset, std::min(b, 4u), get(cur_), value, t));
    });
  }

  // Loads of a group's locals from `cur`; a tuple is rebuilt from its parts.
  void restoreLocals(const Group &g, std::vector<E> &out) {
    std::vector<E> parts;
    forEachSlot(
        g, [&](uint32_t local, bool tuple, BinaryenIndex part, BinaryenType t, uint32_t offset) {
          int kind = refSlotKind(t);
          BinaryenType stored = kind >= 0 ? BinaryenTypeInt32() : t;
          uint32_t b = valueBytes(stored);
          E load = BinaryenLoad(m_, b, false, offset, std::min(b, 4u), stored, get(cur_));
          if (kind >= 0)
            load = BinaryenCall(m_, names_.refSlots.take[kind].c_str(), &load, 1, t);
          if (!tuple) {
            out.push_back(set(local, load));
            return;
          }
          parts.push_back(load);
          if (part + 1 == BinaryenTypeArity(localTypes_[local])) {
            out.push_back(set(local, BinaryenTupleMake(m_, parts.data(),
                                                       static_cast<BinaryenIndex>(parts.size()))));
            parts.clear();
          }
        });
  }

  // Dispatch on idx to one block per group: `perGroup(g, out)` fills the
  // code for group g, which then continues after the dispatch.
  template <typename F> E dispatch(const std::string &prefix, F &&perGroup) {
    if (groups_.size() == 1) {
      std::vector<E> code;
      perGroup(0, code);
      return block(code, nullptr, BinaryenTypeNone());
    }
    std::string done = prefix + "_done";
    std::vector<std::string> labels;
    for (size_t g = 0; g < groups_.size(); g++)
      labels.push_back(fmt::format("{}_{}", prefix, g));
    std::vector<const char *> targets;
    for (uint32_t group : indexGroup_)
      targets.push_back(labels[group].c_str());
    E inner = BinaryenSwitch(m_, targets.data(), static_cast<BinaryenIndex>(targets.size()),
                             labels.back().c_str(), get(idx_), nullptr);
    // block $g0 { br_table } ; code g0 ; br done  → wrapped by block $g1 ...
    // Each block holds the previous ones: built whole, each would be scanned
    // for branches to it, quadratic in the number of groups (onnxruntime:
    // 6 of its 9 s of instrumenting).
    E current = jumpBlock(labels[0], {inner});
    for (size_t g = 0; g < groups_.size(); g++) {
      std::vector<E> code{current};
      perGroup(static_cast<uint32_t>(g), code);
      if (g + 1 < groups_.size()) {
        code.push_back(BinaryenBreak(m_, done.c_str(), nullptr, nullptr));
        current = jumpBlock(labels[g + 1], code);
      } else {
        current = jumpBlock(done, code);
      }
    }
    return current;
  }

  E assemble(E body) {
    BinaryenType bodyType = BinaryenExpressionGetType(body);
    std::vector<E> inner;
    bool concrete = bodyType != BinaryenTypeNone() && bodyType != BinaryenTypeUnreachable();
    if (concrete) {
      inner.push_back(BinaryenReturn(m_, body));
    } else {
      // The body's own returns may sit under state checks, so its end can
      // look reachable; it is not, for a function with results.
      inner.push_back(body);
      inner.push_back(results_ == BinaryenTypeNone() ? BinaryenReturn(m_, nullptr)
                                                     : BinaryenUnreachable(m_));
    }
    E unwindBlock = block(inner, unwindLabel_.c_str(), BinaryenTypeInt32());

    // Rewind prologue: pop the index, then the site's locals. Or, when the
    // copy does the rewinding, call it and return what it returns.
    std::vector<E> prologue;
    if (!rewinds()) {
      std::vector<E> args;
      for (uint32_t p = 0; p < numParams_; p++)
        args.push_back(get(p));
      E call = BinaryenCall(m_, rewindCopy_.c_str(), args.data(),
                            static_cast<BinaryenIndex>(args.size()), results_);
      prologue.push_back(BinaryenReturn(m_, results_ == BinaryenTypeNone() ? nullptr : call));
      if (results_ == BinaryenTypeNone())
        prologue.insert(prologue.begin(), call);
    } else {
      prologue.push_back(set(cur_, ptrSub(loadPtr(dataPtr(), 0), ptrConst(4))));
      prologue.push_back(
          set(idx_, BinaryenLoad(m_, 4, false, 0, 4, BinaryenTypeInt32(), get(cur_))));
      prologue.push_back(dispatch("__asyncify_restore", [&](uint32_t g, std::vector<E> &code) {
        code.push_back(set(cur_, ptrSub(get(cur_), ptrConst(groups_[g].bytes - 4))));
        restoreLocals(groups_[g], code);
      }));
      prologue.push_back(storePtr(dataPtr(), 0, get(cur_)));
    }
    E rewind =
        BinaryenIf(m_, stateIs(kRewinding), block(prologue, nullptr, BinaryenTypeNone()), nullptr);

    // Unwind epilogue: push [locals][index] if it fits; always advance.
    std::vector<E> epilogue;
    epilogue.push_back(set(idx_, unwindBlock));
    epilogue.push_back(set(cur_, loadPtr(dataPtr(), 0)));
    epilogue.push_back(dispatch("__asyncify_save", [&](uint32_t g, std::vector<E> &code) {
      const Group &group = groups_[g];
      code.push_back(set(next_, ptrAdd(get(cur_), ptrConst(group.bytes))));
      E fits = BinaryenBinary(
          m_, BinaryenAndInt32(),
          BinaryenBinary(m_, names_.memory64 ? BinaryenLeUInt64() : BinaryenLeUInt32(), get(next_),
                         loadPtr(dataPtr(), names_.pointerBytes())),
          BinaryenBinary(m_, names_.memory64 ? BinaryenGeUInt64() : BinaryenGeUInt32(), get(next_),
                         get(cur_)));
      std::vector<E> stores;
      saveLocals(group, stores);
      stores.push_back(
          BinaryenStore(m_, 4, group.bytes - 4, 4, get(cur_), get(idx_), BinaryenTypeInt32()));
      code.push_back(BinaryenIf(m_, fits, block(stores, nullptr, BinaryenTypeNone()), nullptr));
    }));
    epilogue.push_back(storePtr(dataPtr(), 0, get(next_)));
    epilogue.push_back(
        BinaryenReturn(m_, results_ == BinaryenTypeNone() ? nullptr : zeroOf(m_, results_)));

    std::vector<E> all{rewind};
    for (E x : epilogue)
      all.push_back(x);
    return block(all, nullptr, results_);
  }

  bool rewinds() const { return rewindCopy_.empty(); }
  // False inside a peeled loop's later iterations, which rewinding never
  // enters: they get the unwind checks only.
  bool rewindsHere() const { return rewinds() && !fastLoop_; }

  BinaryenModuleRef m_;
  const UnwindOracle &oracle_;
  const RuntimeNames &names_;
  bool fromList_;
  const std::string &path_;
  const ExprIds &I_;
  std::string rewindCopy_;
  uint32_t refSlotKinds_ = 0;     // bit k: a frame holds a reference of RefSlotKind k
  std::vector<Bits> handlerLive_; // for each try body around: what its handlers read
  E body_ = nullptr;
  std::string name_;
  std::vector<BinaryenType> localTypes_;
  uint32_t numParams_ = 0;
  BinaryenType results_;

  std::unordered_set<E> sites_;
  std::vector<E> siteOrder_;
  std::unordered_map<E, Bits> siteLive_;
  // Keyed by Binaryen's interned label names: equal names, equal pointers.
  std::unordered_map<const char *, Bits> labels_;
  std::vector<E> kidStack_; // see flowBack
  std::unordered_map<E, uint32_t> siteGroup_;
  std::unordered_map<E, uint32_t> siteIndex_;
  std::unordered_map<E, Range> sitesBelow_;
  std::vector<Group> groups_;
  std::vector<uint32_t> indexGroup_; // call index → group
  uint32_t jumpLabels_ = 0;
  double peelBudget_ = 0;
  std::unordered_set<E> peeled_;
  bool fastLoop_ = false;
  bool onlyFromRewind_ = false;
  uint32_t reenterable_ = 0; // enclosing loops (not peeled) that hold call sites
  uint32_t peelLabels_ = 0;
  uint32_t idx_ = 0, cur_ = 0, next_ = 0;
  std::string unwindLabel_;
};

// Tail calls inside an instrumented function become call + return: the
// caller's frame must still exist to be saved and resumed.
void untailCalls(BinaryenModuleRef m, BinaryenFunctionRef func) {
  const ExprIds &I = ExprIds::get();
  // `return (call)`, or for a call without results `(call) (return)`.
  auto callThenReturn = [&](E call) -> E {
    if (BinaryenExpressionGetType(call) == BinaryenTypeNone()) {
      E kids[] = {call, BinaryenReturn(m, nullptr)};
      return BinaryenBlock(m, nullptr, kids, 2, BinaryenTypeUnreachable());
    }
    return BinaryenReturn(m, call);
  };
  E body = mapPostorder(BinaryenFunctionGetBody(func), [&](E e) -> E {
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    if (id == I.Call && BinaryenCallIsReturn(e)) {
      BinaryenCallSetReturn(e, false);
      BinaryenExpressionSetType(e, BinaryenFunctionGetResults(func));
      return callThenReturn(e);
    }
    if (id == I.CallIndirect && BinaryenCallIndirectIsReturn(e)) {
      BinaryenCallIndirectSetReturn(e, false);
      BinaryenExpressionSetType(e, BinaryenCallIndirectGetResults(e));
      return callThenReturn(e);
    }
    return e;
  });
  BinaryenFunctionSetBody(func, body);
}

// The call followed by a check that it left the state normal: a call of
// RuntimeApi's helper for its type, which traps otherwise. The call itself
// for a type without a helper (several values).
E checkedCall(BinaryenModuleRef m, E call, const RuntimeNames &names,
              std::vector<std::string> &typesNeeded) {
  BinaryenType t = BinaryenExpressionGetType(call);
  std::string tag = valueTypeName(t);
  if (tag.empty() || BinaryenTypeArity(t) > 1)
    return call;
  if (std::find(typesNeeded.begin(), typesNeeded.end(), tag) == typesNeeded.end())
    typesNeeded.push_back(tag);
  std::string helper = names.assertPrefix + tag;
  if (t == BinaryenTypeNone()) {
    E kids[] = {call, BinaryenCall(m, helper.c_str(), nullptr, 0, BinaryenTypeNone())};
    return BinaryenBlock(m, nullptr, kids, 2, BinaryenTypeNone());
  }
  E ops[] = {call};
  return BinaryenCall(m, helper.c_str(), ops, 1, t);
}

// --asserts: after every call that the analysis says cannot change the
// state, check that it did not.
void addStateChecks(BinaryenModuleRef m, BinaryenFunctionRef func, const UnwindOracle &oracle,
                    bool instrumented, bool fromList, const RuntimeNames &names,
                    std::vector<std::string> &typesNeeded) {
  E body = mapPostorder(BinaryenFunctionGetBody(func), [&](E e) -> E {
    if (!oracle.isCall(e) || oracle.isRuntimeCall(e))
      return e;
    bool isReturn = BinaryenExpressionGetId(e) == ExprIds::get().Call
                        ? BinaryenCallIsReturn(e)
                        : BinaryenCallIndirectIsReturn(e);
    if (isReturn)
      return e;
    if (instrumented && oracle.unwinds(e, fromList))
      return e;
    return checkedCall(m, e, names, typesNeeded);
  });
  BinaryenFunctionSetBody(func, body);
}

// Visits the expressions of a tree outside exception handlers, parents
// first, until `visit` returns true: for each try, `onTry` gets the try
// (whose catch bodies are not visited), then its body is.
template <typename Visit, typename OnTry>
void walkOutsideHandlers(E root, Visit &&visit, OnTry &&onTry) {
  const ExprIds &I = ExprIds::get();
  std::vector<E> stack{root}, kids;
  while (!stack.empty()) {
    E e = stack.back();
    stack.pop_back();
    if (visit(e))
      return;
    if (BinaryenExpressionGetId(e) == I.Try) {
      onTry(e);
      stack.push_back(BinaryenTryGetBody(e));
      continue;
    }
    kids.clear();
    childrenOf(e, kids);
    for (E k : kids)
      if (k)
        stack.push_back(k);
  }
}

// Whether a catch body can leave its try: it neither rethrows the try's
// exception nor delegates to the try (both need the handler inside it).
bool handlerMovable(E catchBody, const char *tryName) {
  const ExprIds &I = ExprIds::get();
  if (!tryName)
    return true;
  bool movable = true;
  walkPreorder(
      catchBody,
      [&](E e) {
        BinaryenExpressionId id = BinaryenExpressionGetId(e);
        if (id == I.Rethrow && std::strcmp(BinaryenRethrowGetTarget(e), tryName) == 0)
          movable = false;
        if (id == I.Try && BinaryenTryIsDelegate(e) &&
            std::strcmp(BinaryenTryGetDelegateTarget(e), tryName) == 0)
          movable = false;
      },
      [](E) {});
  return movable;
}

// Handlers holding calls that can unwind, moved after their try so that
// those calls become ordinary call sites: rewinding cannot enter a handler,
// but it can enter code after the try. In flat code,
//
//   try  BODY  catch $t (local.set $v (pop)) HANDLER  end
//
// becomes
//
//   block $after
//     block $h  try  BODY  catch $t (local.set $v (pop)) (br $h)  end
//               br $after  end
//     HANDLER
//   end
//
// which runs the same code: leaving a catch by a branch ends its
// exception, and HANDLER's own exceptions go where they went (to the
// handlers around the try). A handler that rethrows the try's exception or
// delegates to it stays (guardHandlerCalls).
void hoistHandlers(BinaryenModuleRef m, BinaryenFunctionRef func, const UnwindOracle &oracle,
                   bool fromList) {
  const ExprIds &I = ExprIds::get();
  int labels = 0;
  auto contains = [](E root, auto &&pred) {
    bool found = false;
    walkPreorder(
        root, [&](E x) { found = found || pred(x); }, [](E) {});
    return found;
  };
  auto unwinds = [&](E x) {
    return oracle.isCall(x) && !oracle.isRuntimeCall(x) && oracle.unwinds(x, fromList);
  };
  auto isPop = [&](E x) { return BinaryenExpressionGetId(x) == I.Pop; };
  auto popsOutsideHandlers = [&](E root) {
    bool found = false;
    walkOutsideHandlers(
        root, [&](E x) { return found = isPop(x); }, [](E) {});
    return found;
  };
  E body = mapPostorder(BinaryenFunctionGetBody(func), [&](E e) -> E {
    if (BinaryenExpressionGetId(e) != I.Try || BinaryenTryIsDelegate(e) ||
        BinaryenExpressionGetType(e) != BinaryenTypeNone())
      return e;
    std::vector<std::pair<std::string, std::vector<E>>> handlers; // label, code
    BinaryenIndex tags = BinaryenTryGetNumCatchTags(e);
    for (BinaryenIndex i = 0; i < BinaryenTryGetNumCatchBodies(e); i++) {
      E c = BinaryenTryGetCatchBodyAt(e, i);
      if (!contains(c, unwinds) || !handlerMovable(c, BinaryenTryGetName(e)))
        continue;
      std::vector<E> stmts;
      if (BinaryenExpressionGetId(c) == I.Block && !BinaryenBlockGetName(c))
        for (BinaryenIndex k = 0; k < BinaryenBlockGetNumChildren(c); k++)
          stmts.push_back(BinaryenBlockGetChildAt(c, k));
      else
        stmts.push_back(c);
      // What the catch keeps: the statement that pops its value (flatten
      // sets a local from the pop; sinking may have moved the pop into the
      // local's use), which must stay first.
      std::vector<E> kept;
      if (i < tags && !stmts.empty() && contains(stmts[0], isPop)) {
        kept.push_back(stmts[0]);
        stmts.erase(stmts.begin());
      }
      // A pop of this catch anywhere else is a shape flatten does not
      // leave: keep the handler. (Pops in the handlers of a try inside it
      // are theirs.)
      if (std::any_of(stmts.begin(), stmts.end(), [&](E x) { return popsOutsideHandlers(x); }))
        continue;
      std::string label = fmt::format("__asyncify_handler{}", labels++);
      kept.push_back(BinaryenBreak(m, label.c_str(), nullptr, nullptr));
      BinaryenTrySetCatchBodyAt(e, i,
                                BinaryenBlock(m, nullptr, kept.data(),
                                              static_cast<BinaryenIndex>(kept.size()),
                                              BinaryenTypeNone()));
      handlers.emplace_back(std::move(label), std::move(stmts));
    }
    if (handlers.empty())
      return e;
    BinaryenExpressionFinalize(e);
    std::string after = fmt::format("__asyncify_handler{}", labels++);
    E inner = e;
    for (auto &[label, code] : handlers) {
      E kids[] = {inner, BinaryenBreak(m, after.c_str(), nullptr, nullptr)};
      std::vector<E> seq{BinaryenBlock(m, label.c_str(), kids, 2, BinaryenTypeNone())};
      seq.insert(seq.end(), code.begin(), code.end());
      inner = BinaryenBlock(m, nullptr, seq.data(), static_cast<BinaryenIndex>(seq.size()),
                            BinaryenTypeNone());
    }
    return BinaryenBlock(m, after.c_str(), &inner, 1, BinaryenTypeNone());
  });
  BinaryenFunctionSetBody(func, body);
}

// Calls that can unwind inside exception handlers (catch bodies, nested
// code included) of an instrumented function that hoistHandlers left: a
// rewind cannot enter a handler, so they are not call sites, and the state
// is checked after each (a suspension there traps instead of corrupting the
// stack). Returns how many there are. After flattening.
uint32_t guardHandlerCalls(BinaryenModuleRef m, BinaryenFunctionRef func,
                           const UnwindOracle &oracle, bool fromList, const RuntimeNames &names,
                           std::vector<std::string> &typesNeeded, const std::string &path) {
  uint32_t guarded = 0;
  auto guard = [&](E e) -> E {
    if (!oracle.isCall(e) || oracle.isRuntimeCall(e) || !oracle.unwinds(e, fromList))
      return e;
    E checked = checkedCall(m, e, names, typesNeeded);
    if (checked == e)
      throw Error(ExitCode::Unsupported,
                  {path,
                   "a call returning several values inside an exception handler (`catch`) can "
                   "unwind; it cannot be checked",
                   functionWhere(m, BinaryenFunctionGetName(func))});
    guarded++;
    return checked;
  };
  walkOutsideHandlers(
      BinaryenFunctionGetBody(func), [](E) { return false; },
      [&](E t) {
        for (BinaryenIndex i = 0; i < BinaryenTryGetNumCatchBodies(t); i++)
          BinaryenTrySetCatchBodyAt(t, i, mapPostorder(BinaryenTryGetCatchBodyAt(t, i), guard));
      });
  return guarded;
}

// How much a rewind copy may grow by peeling loops (see peelLoops), as a
// fraction of its size.
constexpr double kPeelBudget = 1.0;

// Does the function call, inside a loop, something that can unwind? Then the
// normal path runs its rewind machinery on every iteration.
bool unwindsInLoop(E body, const UnwindOracle &oracle, bool fromList) {
  const ExprIds &I = ExprIds::get();
  bool found = false;
  std::vector<std::pair<E, uint32_t>> stack{{body, 0}}; // expression, loops around it
  std::vector<E> kids;
  while (!stack.empty() && !found) {
    auto [e, loops] = stack.back();
    stack.pop_back();
    if (loops > 0 && oracle.isCall(e) && oracle.unwinds(e, fromList))
      found = true;
    uint32_t inner = loops + (BinaryenExpressionGetId(e) == I.Loop ? 1 : 0);
    kids.clear();
    childrenOf(e, kids);
    for (E k : kids)
      if (k)
        stack.push_back({k, inner});
  }
  return found;
}

// The functions whose rewinding goes to a copy (by index; empty: none), and
// the copies' names, unused in the module.
std::vector<std::string> rewindCopyNames(BinaryenModuleRef m, const CallGraph &graph,
                                         const AsyncAnalysis &analysis, const UnwindOracle &oracle,
                                         const InstrumentOptions &options) {
  std::vector<std::string> names(graph.functions.size());
  if (options.rewindCopies != RewindCopies::Loops && options.rewindCopies != RewindCopies::All)
    return names;
  std::vector<char> wanted(graph.functions.size(), 0);
  parallelFor(graph.functions.size(), [&](size_t f) {
    const FunctionNode &node = graph.functions[f];
    const FunctionAnalysis &a = analysis.functions[f];
    if (node.imported || !a.instrumented)
      return;
    if (a.reason == Reason::RuntimeLeaf || a.reason == Reason::RuntimeBottom)
      return;
    BinaryenFunctionRef func = BinaryenGetFunction(m, node.name.c_str());
    wanted[f] = options.rewindCopies == RewindCopies::All ||
                unwindsInLoop(BinaryenFunctionGetBody(func), oracle, a.fromList);
  });
  std::unordered_set<std::string> taken;
  for (uint32_t f = 0; f < graph.functions.size(); f++) {
    if (!wanted[f])
      continue;
    std::string base = graph.functions[f].name + "$asyncify_rewind";
    std::string name = base;
    for (int n = 1; BinaryenGetFunction(m, name.c_str()) || taken.count(name); n++)
      name = fmt::format("{}{}", base, n);
    taken.insert(name);
    names[f] = name;
  }
  return names;
}

} // namespace

InstrumentResult instrumentModule(Module &module, const CallGraph &graph,
                                  const AsyncAnalysis &analysis, const RuntimeNames &names,
                                  const InstrumentOptions &options) {
  BinaryenModuleRef m = module.ref();
  UnwindOracle oracle(graph, analysis, options.ignoreIndirect);
  InstrumentResult result;
  result.frames.assign(graph.functions.size(), {});

  const char *shape[] = {"flatten", "dce"};
  // Flat-preserving local optimizations, only at -O1 and above and only for
  // functions Binaryen's quadratic coalesce-locals can handle; larger ones
  // get tidyFlat.
  const char *localOpts[] = {"simplify-locals-nonesting", "reorder-locals", "coalesce-locals",
                             "simplify-locals-nonesting", "reorder-locals"};
  // At -O0 the linear part of them: flattening's temporaries set once and
  // read once go back into their uses (the code stays flat), so liveness,
  // frames and output work on fewer locals. On any number of locals where
  // the sinking is affordable (lib/SinkCost.h): onnxruntime's largest
  // function goes from 163k locals to 45k, under the engines' limit.
  const char *tidyFlat[] = {"simplify-locals-nonesting", "reorder-locals"};

  // New bodies and vars, by function index, for the functions whose new
  // vars appendVars could not add in place: they are rebuilt at the end. Functions are
  // rewritten on several threads (lib/Parallel.h): each touches only its own
  // body and result slots, and Binaryen allocates expressions per thread.
  std::vector<std::optional<FunctionReplacement>> rebuilt(graph.functions.size());
  std::vector<std::vector<std::string>> assertTypes(graph.functions.size());
  std::vector<std::string> copyName = rewindCopyNames(m, graph, analysis, oracle, options);
  std::vector<std::optional<FunctionReplacement>> copies(graph.functions.size());
  parallelFor(graph.functions.size(), [&](size_t f) {
    const FunctionNode &node = graph.functions[f];
    const FunctionAnalysis &a = analysis.functions[f];
    if (node.imported)
      return;
    BinaryenFunctionRef func = BinaryenGetFunction(m, node.name.c_str());
    bool runtimeDriven = a.reason == Reason::RuntimeLeaf || a.reason == Reason::RuntimeBottom;
    if (!a.instrumented && !(options.asserts && !runtimeDriven))
      return;
    noteFunction(node.name);
    if (options.asserts && !runtimeDriven)
      addStateChecks(m, func, oracle, a.instrumented, a.fromList, names, assertTypes[f]);
    if (a.instrumented) {
      untailCalls(m, func);
      SpillResult spilled;
      if (!options.flattenAll)
        spilled = spillCalls(m, BinaryenFunctionGetBody(func), BinaryenFunctionGetNumLocals(func),
                             [&](E call) { return oracle.unwinds(call, a.fromList); });
      E flat = spilled.body;
      if (!flat) {
        BinaryenFunctionRunPasses(func, m, shape, 2);
        bool optimizing = options.optimizeLevel > 0;
        if (optimizing && BinaryenFunctionGetNumLocals(func) <= kMaxOptimizedLocals)
          BinaryenFunctionRunPasses(func, m, localOpts, 5);
        else if ((optimizing || options.tidy) && sinkingAffordable(func)) // see hasTupleVar
          BinaryenFunctionRunPasses(func, m, tidyFlat, hasTupleVar(func) ? 1 : 2);
        flat = BinaryenFunctionGetBody(func);
      }
      result.frames[f].flattened = !spilled.body;
      // Only a flattened function has `try` (spilling leaves them to
      // flatten): handlers whose calls can be resumed move after their try,
      // those left get state checks.
      if (!spilled.body) {
        hoistHandlers(m, func, oracle, a.fromList);
        result.frames[f].handlerCalls =
            guardHandlerCalls(m, func, oracle, a.fromList, names, assertTypes[f], module.path());
        flat = BinaryenFunctionGetBody(func);
      }
      if (!copyName[f].empty()) {
        // The same flat code, rewritten with the whole state machine: the
        // analysis is deterministic, so its frames match this function's.
        FunctionInstrumenter copy(m, func, oracle, names, a.fromList, module.path());
        copy.appendLocals(spilled.locals);
        copy.peelLoops(kPeelBudget);
        copy.onlyFromRewind();
        FrameInfo copyInfo;
        E body = copy.run(copyInfo, BinaryenExpressionCopy(flat, m));
        result.frames[f].refSlotKinds |= copyInfo.refSlotKinds;
        copies[f] = FunctionReplacement{body, copy.vars()};
      }
      FunctionInstrumenter inst(m, func, oracle, names, a.fromList, module.path(), copyName[f]);
      inst.appendLocals(spilled.locals);
      FrameInfo &info = result.frames[f];
      info.instrumented = true;
      E body = inst.run(info, flat);
      std::vector<BinaryenType> vars = inst.vars();
      BinaryenIndex kept = BinaryenFunctionGetNumVars(func);
      if (appendVars(m, func, std::vector<BinaryenType>(vars.begin() + kept, vars.end())))
        BinaryenFunctionSetBody(func, body);
      else
        rebuilt[f] = FunctionReplacement{body, std::move(vars)};
    }
    noteFunction("");
  });
  for (const FrameInfo &info : result.frames)
    result.refSlotKinds |= info.refSlotKinds;
  for (const std::vector<std::string> &types : assertTypes)
    for (const std::string &t : types)
      if (std::find(result.assertTypes.begin(), result.assertTypes.end(), t) ==
          result.assertTypes.end())
        result.assertTypes.push_back(t);

  std::vector<std::string> defined;
  std::vector<std::optional<FunctionReplacement>> replacements;
  for (uint32_t f = 0; f < graph.functions.size(); f++)
    if (!graph.functions[f].imported) {
      defined.push_back(graph.functions[f].name);
      replacements.push_back(std::move(rebuilt[f]));
    }
  replaceFunctions(m, defined, replacements);
  for (uint32_t f = 0; f < graph.functions.size(); f++) {
    // Without a site left after flattening, the function never calls its
    // copy: none is added.
    if (!copies[f] || result.frames[f].unwindingSites == 0)
      continue;
    BinaryenFunctionRef func = BinaryenGetFunction(m, graph.functions[f].name.c_str());
    BinaryenAddFunction(m, copyName[f].c_str(), BinaryenFunctionGetParams(func),
                        BinaryenFunctionGetResults(func), copies[f]->vars.data(),
                        static_cast<BinaryenIndex>(copies[f]->vars.size()), copies[f]->body);
    result.rewindCopies.push_back(copyName[f]);
    result.frames[f].rewindCopy = copyName[f];
  }
  return result;
}

} // namespace wa
