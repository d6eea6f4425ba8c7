// Spill: shapes a function for the instrumenter by changing only the
// statements that hold a call that can unwind, instead of flattening it all.
//
// The instrumenter needs each such call (a site) to stand alone as a
// statement, `call`, `local.set (call)` or `drop (call)`, with locals and
// constants as operands, reached from the body only through blocks, loops
// and if arms, so that no value of an enclosing expression waits on the
// operand stack when the frame unwinds and rewinding can branch straight to
// it. Binaryen's flatten gives that by giving every value of the function a
// local of its own, which then takes two passes of simplify-locals to undo:
// most of a rewrite's time on large modules, for code that mostly holds no
// site at all.
//
// Here, one walk marks the expressions that hold a site. Control structures
// on the way to a site are kept; each statement below them that holds a site
// (a non-control expression tree) becomes a block of statements in
// evaluation order: every operand evaluated before a site that is not a
// constant or a local nothing in the statement writes (a `local.set` that
// is the statement itself writes last) goes to a new local, every site's
// result too, and the statement's own expression, now free of sites, comes
// last, reading those locals. An if condition holding a site is spilled the
// same way before the if. Everything else is untouched.
//
// A block, loop or if that yields a value and holds a site gives its value
// through a new local instead: the value at its end and those of branches
// to its label are set to the local (`br $l v` becomes `local.set $t v`,
// `br $l`), it yields none, and where it was (an operand, or a value at the
// end of a block) the local is read; it then holds statements like any
// other structure.
//
// Shapes left to flatten (the function is returned unchanged): `try`, a
// `br_table` carrying a value to such a structure, a branch whose parent is a
// branch, an operand of unreachable type before a site, and values whose
// type a new local cannot hold (tuples, typed references). Cost: linear in
// the function's size (one marking walk, and one walk of each statement
// holding a site).
#include "passes/Spill.h"

#include "lib/IrWalk.h"
#include "lib/Types.h"

#include <unordered_map>
#include <unordered_set>

namespace wa {

namespace {

using E = BinaryenExpressionRef;

bool concrete(BinaryenType t) {
  return t != BinaryenTypeNone() && t != BinaryenTypeUnreachable();
}

class Spiller {
public:
  Spiller(BinaryenModuleRef m, uint32_t firstLocal,
          const std::function<bool(BinaryenExpressionRef)> &isSite)
      : m_(m), I_(ExprIds::get()), firstLocal_(firstLocal), isSite_(isSite) {}

  SpillResult run(E body) {
    SpillResult result;
    if (!mark(body))
      return result;
    if (!held_.count(body)) {
      result.body = body;
      return result;
    }
    if (!checkStatement(body))
      return result;
    result.body = statement(body);
    result.locals = std::move(locals_);
    return result;
  }

private:
  // Marks every expression that is or holds a site. False if the tree has
  // an expression kind the C API cannot walk (flatten's path reports it).
  bool mark(E root) {
    struct Item {
      E e;
      bool done;
      E parent;
      size_t index;
    };
    std::vector<Item> stack{{root, false, nullptr, 0}};
    std::vector<E> kids;
    while (!stack.empty()) {
      auto [e, done, parent, index] = stack.back();
      stack.pop_back();
      kids.clear();
      if (!childrenOf(e, kids))
        return false;
      if (!done) {
        stack.push_back({e, true, parent, index});
        for (size_t i = 0; i < kids.size(); i++)
          if (kids[i])
            stack.push_back({kids[i], false, e, i});
        noteValueBranch(e, parent, index);
        continue;
      }
      bool holds = false;
      if (BinaryenExpressionGetId(e) == I_.Call || BinaryenExpressionGetId(e) == I_.CallIndirect) {
        if (isSite_(e)) {
          sites_.insert(e);
          holds = true;
        }
      }
      for (E k : kids)
        holds = holds || (k && held_.count(k));
      if (holds)
        held_.insert(e);
    }
    return true;
  }

  // A branch that carries a value, under the labels it can go to.
  struct ValueBranch {
    E branch, parent;
    size_t index; // in the parent's children (childrenOf)
  };

  void noteValueBranch(E e, E parent, size_t index) {
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    if (id == I_.Break && BinaryenBreakGetValue(e)) {
      valueBranches_[BinaryenBreakGetName(e)].push_back({e, parent, index});
    } else if (id == I_.Switch && BinaryenSwitchGetValue(e)) {
      valueBranches_[BinaryenSwitchGetDefaultName(e)].push_back({e, parent, index});
      for (BinaryenIndex i = 0; i < BinaryenSwitchGetNumNames(e); i++)
        valueBranches_[BinaryenSwitchGetNameAt(e, i)].push_back({e, parent, index});
    }
  }

  const std::vector<ValueBranch> &branchesTo(const char *label) const {
    static const std::vector<ValueBranch> none;
    if (!label)
      return none;
    auto it = valueBranches_.find(label);
    return it == valueBranches_.end() ? none : it->second;
  }

  bool holds(E e) const { return e && held_.count(e); }
  E held(E e) {
    held_.insert(e);
    return e;
  }
  bool isControl(BinaryenExpressionId id) const {
    return id == I_.Block || id == I_.Loop || id == I_.If || id == I_.Try;
  }
  // Expressions whose type is unreachable by their nature, not because an
  // operand is.
  bool branches(E e) const {
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    return (id == I_.Break && !BinaryenBreakGetCondition(e)) || id == I_.Switch ||
           id == I_.Return || id == I_.Unreachable || id == I_.Throw || id == I_.Rethrow;
  }

  // --- can it be spilled? ----------------------------------------------------

  // `e` holds a site and sits where a statement (or a block's value) goes.
  bool checkStatement(E e) {
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    BinaryenType type = BinaryenExpressionGetType(e);
    if (id == I_.Block) {
      for (BinaryenIndex i = 0; i < BinaryenBlockGetNumChildren(e); i++)
        if (holds(BinaryenBlockGetChildAt(e, i)) && !checkStatement(BinaryenBlockGetChildAt(e, i)))
          return false;
      return true;
    }
    if (id == I_.Loop)
      return concrete(type) ? checkAssign(e) : checkStatement(BinaryenLoopGetBody(e));
    if (id == I_.If) {
      E t = BinaryenIfGetIfTrue(e), f = BinaryenIfGetIfFalse(e);
      if ((holds(t) || holds(f)) && concrete(type))
        return checkAssign(e);
      return checkValue(BinaryenIfGetCondition(e)) && (!holds(t) || checkStatement(t)) &&
             (!holds(f) || checkStatement(f));
    }
    if (id == I_.Try)
      return false;
    if (concrete(type) && !isPlainValueType(type))
      return false;
    return checkExpression(e);
  }

  // `e` is a value (an operand, a condition, a value given to a local).
  bool checkValue(E e) {
    if (!holds(e))
      return true;
    return isControl(BinaryenExpressionGetId(e)) ? checkAssign(e) : checkExpression(e);
  }

  // `e`, not a control structure, holds a site.
  bool checkExpression(E e) {
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    if (isControl(id))
      return false;
    if (BinaryenExpressionGetType(e) == BinaryenTypeUnreachable() && !branches(e))
      return false;
    std::vector<E> kids;
    childrenOf(e, kids);
    size_t last = lastHolding(kids);
    for (size_t i = 0; i < kids.size(); i++) {
      E k = kids[i];
      if (!k || (i > last && !sites_.count(e)))
        continue;
      BinaryenType t = BinaryenExpressionGetType(k);
      if (!isPlainValueType(t))
        return false;
      if (!checkValue(k))
        return false;
    }
    return true;
  }

  // `e`, a block, loop or if yielding a value, can give it through a local.
  bool checkAssign(E e) {
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    if (!isPlainValueType(BinaryenExpressionGetType(e)))
      return false;
    if (id == I_.Block) {
      for (const ValueBranch &b : branchesTo(BinaryenBlockGetName(e))) {
        BinaryenExpressionId parent = b.parent ? BinaryenExpressionGetId(b.parent) : I_.Nop;
        if (BinaryenExpressionGetId(b.branch) == I_.Switch || parent == I_.Break ||
            parent == I_.Switch)
          return false;
        if (!checkValue(BinaryenBreakGetValue(b.branch)) ||
            !checkValue(BinaryenBreakGetCondition(b.branch)))
          return false;
      }
      BinaryenIndex n = BinaryenBlockGetNumChildren(e);
      for (BinaryenIndex i = 0; i + 1 < n; i++)
        if (holds(BinaryenBlockGetChildAt(e, i)) && !checkStatement(BinaryenBlockGetChildAt(e, i)))
          return false;
      return n == 0 || checkValue(BinaryenBlockGetChildAt(e, n - 1));
    }
    if (id == I_.Loop)
      return checkValue(BinaryenLoopGetBody(e));
    if (id == I_.If)
      return checkValue(BinaryenIfGetCondition(e)) && checkValue(BinaryenIfGetIfTrue(e)) &&
             checkValue(BinaryenIfGetIfFalse(e));
    return false;
  }

  size_t lastHolding(const std::vector<E> &kids) const {
    size_t last = 0;
    for (size_t i = 0; i < kids.size(); i++)
      if (holds(kids[i]))
        last = i;
    return last;
  }

  // --- spilling --------------------------------------------------------------

  uint32_t addLocal(BinaryenType t) {
    locals_.push_back(t);
    return firstLocal_ + static_cast<uint32_t>(locals_.size() - 1);
  }

  E statement(E e) {
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    if (id == I_.Block) {
      for (BinaryenIndex i = 0; i < BinaryenBlockGetNumChildren(e); i++) {
        E k = BinaryenBlockGetChildAt(e, i);
        if (holds(k)) {
          E n = statement(k);
          if (n != k)
            BinaryenBlockSetChildAt(e, i, n);
        }
      }
      return e;
    }
    BinaryenType type = BinaryenExpressionGetType(e);
    if ((id == I_.Loop || id == I_.If) && concrete(type)) {
      // Its value through a local: the structure then holds statements.
      uint32_t t = addLocal(type);
      E kids[] = {statement(assign(e, t)), BinaryenLocalGet(m_, t, type)};
      return BinaryenBlock(m_, nullptr, kids, 2, type);
    }
    if (id == I_.Loop) {
      E n = statement(BinaryenLoopGetBody(e));
      if (n != BinaryenLoopGetBody(e))
        BinaryenLoopSetBody(e, n);
      return e;
    }
    if (id == I_.If) {
      E t = BinaryenIfGetIfTrue(e), f = BinaryenIfGetIfFalse(e);
      if (holds(t))
        BinaryenIfSetIfTrue(e, statement(t));
      if (holds(f))
        BinaryenIfSetIfFalse(e, statement(f));
      E cond = BinaryenIfGetCondition(e);
      if (!holds(cond))
        return e;
      std::vector<E> code;
      std::unordered_set<uint32_t> outer = std::move(written_);
      written_.clear();
      collectWrites(cond);
      BinaryenIfSetCondition(e, valueOf(cond, code));
      written_ = std::move(outer);
      code.push_back(e);
      return BinaryenBlock(m_, nullptr, code.data(), static_cast<BinaryenIndex>(code.size()),
                           BinaryenExpressionGetType(e));
    }
    // A statement (or a block's value) that is an expression tree.
    std::unordered_set<uint32_t> outer = std::move(written_);
    written_.clear();
    // A statement `local.set $x ...` writes $x after everything else it
    // does: `$x = $x ^ f($x)` keeps reading $x, with no copies.
    bool setsLast = id == I_.LocalSet && !BinaryenLocalSetIsTee(e);
    collectWrites(setsLast ? BinaryenLocalSetGetValue(e) : e);
    std::vector<E> code;
    E last;
    E value = nullptr;
    if ((id == I_.LocalSet && !BinaryenLocalSetIsTee(e)) || id == I_.Drop)
      value = id == I_.Drop ? BinaryenDropGetValue(e) : BinaryenLocalSetGetValue(e);
    if (value && sites_.count(value)) {
      // Already the shape of a site statement: only the call's operands.
      spillOperands(value, code);
      last = e;
    } else if (sites_.count(e) && concrete(type)) {
      uint32_t r = addLocal(type);
      code.push_back(BinaryenLocalSet(m_, r, spillOperands(e, code)));
      last = BinaryenLocalGet(m_, r, type);
    } else {
      last = spillOperands(e, code);
    }
    written_ = std::move(outer);
    if (code.empty())
      return last;
    code.push_back(last);
    return BinaryenBlock(m_, nullptr, code.data(), static_cast<BinaryenIndex>(code.size()),
                         concrete(type) ? type : BinaryenTypeAuto());
  }

  // `e`, a block, loop or if yielding a value (checkAssign), yields none
  // and sets local `t` to what it yielded, in place. New expressions that
  // hold a site are marked.
  E assign(E e, uint32_t t) {
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    if (id == I_.Block) {
      for (const ValueBranch &b : branchesTo(BinaryenBlockGetName(e)))
        setChild(b.parent, b.index, assignBranch(b.branch, t));
      BinaryenIndex n = BinaryenBlockGetNumChildren(e);
      if (n > 0)
        BinaryenBlockSetChildAt(e, n - 1, assignValue(BinaryenBlockGetChildAt(e, n - 1), t));
    } else if (id == I_.Loop) {
      BinaryenLoopSetBody(e, assignValue(BinaryenLoopGetBody(e), t));
    } else {
      BinaryenIfSetIfTrue(e, assignValue(BinaryenIfGetIfTrue(e), t));
      BinaryenIfSetIfFalse(e, assignValue(BinaryenIfGetIfFalse(e), t));
    }
    BinaryenExpressionSetType(e, BinaryenTypeNone());
    return e;
  }

  // Where a structure's value was: now a statement setting `t`.
  E assignValue(E v, uint32_t t) {
    if (!concrete(BinaryenExpressionGetType(v)))
      return v; // it branches away (or is unreachable): nothing to set
    if (holds(v) && isControl(BinaryenExpressionGetId(v)))
      return assign(v, t);
    E set = BinaryenLocalSet(m_, t, v);
    return holds(v) ? held(set) : set;
  }

  // `br $l v` becomes `local.set $t v`, `br $l`. `br_if $l v c`, whose
  // value also flows on when it does not branch, becomes `local.set $v v`,
  // `if c (local.set $t $v, br $l)`, `local.get $v`: `$t` is set only when it
  // branches, since `c` may hold another branch to `$l` that does not.
  E assignBranch(E br, uint32_t t) {
    E v = BinaryenBreakGetValue(br), c = BinaryenBreakGetCondition(br);
    BinaryenType type = BinaryenExpressionGetType(v);
    const char *label = BinaryenBreakGetName(br);
    if (!c) {
      E kids[] = {BinaryenLocalSet(m_, t, v), BinaryenBreak(m_, label, nullptr, nullptr)};
      if (holds(v))
        held(kids[0]);
      E b = BinaryenBlock(m_, nullptr, kids, 2, BinaryenTypeAuto());
      return holds(v) ? held(b) : b;
    }
    uint32_t keep = addLocal(type);
    E taken[] = {BinaryenLocalSet(m_, t, BinaryenLocalGet(m_, keep, type)),
                 BinaryenBreak(m_, label, nullptr, nullptr)};
    E kids[] = {
        BinaryenLocalSet(m_, keep, v),
        BinaryenIf(m_, c, BinaryenBlock(m_, nullptr, taken, 2, BinaryenTypeAuto()), nullptr),
        BinaryenLocalGet(m_, keep, type)};
    if (holds(v))
      held(kids[0]);
    if (holds(c))
      held(kids[1]);
    E b = BinaryenBlock(m_, nullptr, kids, 3, type);
    return holds(v) || holds(c) ? held(b) : b;
  }

  void collectWrites(E root) {
    walkPreorder(
        root,
        [&](E e) {
          if (BinaryenExpressionGetId(e) == I_.LocalSet)
            written_.insert(BinaryenLocalSetGetIndex(e));
        },
        [](E) {});
  }

  // A value that reads the same wherever it is evaluated in the statement.
  bool stable(E e) const {
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    return id == I_.Const || (id == I_.LocalGet && !written_.count(BinaryenLocalGetGetIndex(e)));
  }

  // `e` holds a site; its operands evaluated before its last site (all of
  // them, for a site) move into `code`, as do the sites. Returns `e`, now
  // free of sites.
  E spillOperands(E e, std::vector<E> &code) {
    std::vector<E> kids;
    childrenOf(e, kids);
    bool site = sites_.count(e) != 0;
    size_t last = lastHolding(kids);
    for (size_t i = 0; i < kids.size(); i++) {
      E k = kids[i];
      if (!k || (i > last && !site))
        continue;
      E v = valueOf(k, code);
      // Evaluated before a site (or an operand of one): computed now.
      if ((i < last || site) && !stable(v) && !isFreshGet(v)) {
        BinaryenType t = BinaryenExpressionGetType(v);
        uint32_t r = addLocal(t);
        code.push_back(BinaryenLocalSet(m_, r, v));
        v = BinaryenLocalGet(m_, r, t);
      }
      if (v != k)
        setChild(e, i, v);
    }
    return e;
  }

  // The value of operand `k`, free of sites: what comes before it moves into
  // `code`. A site's result, and a structure's value, are read from a new
  // local.
  E valueOf(E k, std::vector<E> &code) {
    if (!holds(k))
      return k;
    BinaryenType type = BinaryenExpressionGetType(k);
    if (isControl(BinaryenExpressionGetId(k))) {
      uint32_t t = addLocal(type);
      code.push_back(statement(assign(k, t)));
      return BinaryenLocalGet(m_, t, type);
    }
    E v = spillOperands(k, code);
    if (!sites_.count(k))
      return v;
    uint32_t r = addLocal(type);
    code.push_back(BinaryenLocalSet(m_, r, v));
    return BinaryenLocalGet(m_, r, type);
  }

  bool isFreshGet(E e) const {
    return BinaryenExpressionGetId(e) == I_.LocalGet && BinaryenLocalGetGetIndex(e) >= firstLocal_;
  }

  BinaryenModuleRef m_;
  const ExprIds &I_;
  uint32_t firstLocal_;
  const std::function<bool(BinaryenExpressionRef)> &isSite_;
  std::unordered_set<E> sites_, held_;
  // Keyed by Binaryen's interned label names: equal names, equal pointers.
  std::unordered_map<const char *, std::vector<ValueBranch>> valueBranches_;
  std::unordered_set<uint32_t> written_;
  std::vector<BinaryenType> locals_;
};

} // namespace

SpillResult spillCalls(BinaryenModuleRef m, BinaryenExpressionRef body, uint32_t firstLocal,
                       const std::function<bool(BinaryenExpressionRef)> &isSite) {
  return Spiller(m, firstLocal, isSite).run(body);
}

} // namespace wa
