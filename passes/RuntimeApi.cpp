// RuntimeApi: what a host sees of a rewritten module.
//
// Two globals: the state (i32: 0 normal, 1 unwinding, 2 rewinding) and the
// data pointer (i32, or i64 for a 64-bit memory). Five exports, exactly as
// Binaryen's Asyncify has them, so existing runtimes drive our output:
//
//   asyncify_start_unwind(data)  state = 1; data = data; check
//   asyncify_stop_unwind()       state = 0; check
//   asyncify_start_rewind(data)  state = 2; data = data; check
//   asyncify_stop_rewind()       state = 0; check
//   asyncify_get_state()         state
//
// where check traps if the data block's `current` is past its `end`. The
// instrumented code never writes past `end` but keeps advancing `current`
// when a frame does not fit, so after an overflow the host sees `current >
// end` (and `current - start` is what the block needed), and the four
// start/stop functions trap: a host that did not look cannot resume a lost
// stack. With --asserts, each of them also traps when called in the wrong
// state, and helpers check the state after calls the analysis called safe.
//
// In-module imports `asyncify.start_unwind` (and the other four names) are
// replaced by small functions of the same internal name that call ours, so
// every reference to them (calls, tables) keeps working.
//
// Cost: constant, plus one pass over the imports.
#include "passes/RuntimeApi.h"

#include "lib/Diagnostics.h"
#include "lib/Types.h"
#include "passes/AsyncAnalysis.h"

#include <fmt/format.h>

namespace wa {

const char *const kRuntimeExports[5] = {"asyncify_start_unwind", "asyncify_stop_unwind",
                                        "asyncify_start_rewind", "asyncify_stop_rewind",
                                        "asyncify_get_state"};

namespace {

using E = BinaryenExpressionRef;

enum class Space { Function, Global, Table };

std::string freshName(BinaryenModuleRef m, const std::string &base, Space space) {
  std::string name = base;
  for (int i = 1;; i++) {
    bool taken = space == Space::Global     ? BinaryenGetGlobal(m, name.c_str()) != nullptr
                 : space == Space::Function ? BinaryenGetFunction(m, name.c_str()) != nullptr
                                            : BinaryenGetTable(m, name.c_str()) != nullptr;
    if (!taken)
      return name;
    name = fmt::format("{}_{}", base, i);
  }
}

} // namespace

RuntimeNames planRuntime(const Module &module, const RuntimeApiOptions &options) {
  BinaryenModuleRef m = module.ref();
  for (const char *name : kRuntimeExports)
    if (BinaryenGetExport(m, name))
      throw Error(ExitCode::Unsupported,
                  {module.path(),
                   fmt::format("the module already exports `{}`: it was already rewritten by an "
                               "Asyncify pass; rewrite the original module instead",
                               name),
                   ""});
  RuntimeNames names;
  names.state = freshName(m, "__asyncify_state", Space::Global);
  names.data = freshName(m, "__asyncify_data", Space::Global);
  names.assertPrefix = freshName(m, "__asyncify_assert", Space::Function) + "_";
  for (uint32_t k = 0; k < kRefSlotKinds; k++) {
    std::string type = valueTypeName(refSlotType(k));
    RefSlotNames &r = names.refSlots;
    r.put[k] = freshName(m, "__asyncify_put_" + type, Space::Function);
    r.take[k] = freshName(m, "__asyncify_take_" + type, Space::Function);
    r.table[k] = freshName(m, "__asyncify_" + type + "_slots", Space::Table);
    r.live[k] = freshName(m, "__asyncify_" + type + "_slots_live", Space::Global);
    r.hint[k] = freshName(m, "__asyncify_" + type + "_slots_hint", Space::Global);
  }
  const ModuleFacts &facts = module.facts();
  if (!facts.memories.empty()) {
    const MemoryFacts &mem = facts.memories[0];
    names.memory64 = mem.is64;
    if (!options.memory.empty()) {
      bool matches = options.memory == "0";
      for (const auto &e : mem.exportNames)
        matches = matches || e == options.memory;
      if (!matches) {
        std::string known =
            mem.exportNames.empty()
                ? "it is not exported; name it `0`"
                : fmt::format("it is exported as `{}`", fmt::join(mem.exportNames, "`, `"));
        throw Error(ExitCode::Usage, {module.path(),
                                      fmt::format("--memory {}: the module has one memory, and {}",
                                                  options.memory, known),
                                      ""});
      }
    }
  } else if (!options.memory.empty()) {
    throw Error(
        ExitCode::Usage,
        {module.path(), fmt::format("--memory {}: the module has no memory", options.memory), ""});
  }
  return names;
}

void addRuntime(Module &module, const CallGraph &graph, const RuntimeNames &names,
                const RuntimeApiOptions &options, const std::vector<std::string> &assertTypes) {
  BinaryenModuleRef m = module.ref();
  BinaryenType i32 = BinaryenTypeInt32();
  BinaryenType ptr = names.pointerType();
  uint32_t pb = names.pointerBytes();

  // The data block needs a memory, and the host must reach it to set the
  // block up: a module without one gets a page it can grow, exported as
  // `memory` (or
  // `asyncify_memory`, `asyncify_memory1`, ... when that name is taken).
  if (module.facts().memories.empty()) {
    std::string exportName = "memory";
    for (int i = 0; BinaryenGetExport(m, exportName.c_str()); i++)
      exportName = i == 0 ? "asyncify_memory" : fmt::format("asyncify_memory{}", i);
    BinaryenSetMemory(m, 1, 65536, exportName.c_str(), nullptr, nullptr, nullptr, nullptr, 0,
                      false);
  }

  if (options.importGlobals) {
    BinaryenAddGlobalImport(m, names.state.c_str(), "env", "__asyncify_state", i32, true);
    BinaryenAddGlobalImport(m, names.data.c_str(), "env", "__asyncify_data", ptr, true);
  } else {
    BinaryenAddGlobal(m, names.state.c_str(), i32, true, BinaryenConst(m, BinaryenLiteralInt32(0)));
    BinaryenAddGlobal(m, names.data.c_str(), ptr, true,
                      names.memory64 ? BinaryenConst(m, BinaryenLiteralInt64(0))
                                     : BinaryenConst(m, BinaryenLiteralInt32(0)));
  }
  if (options.exportGlobals) {
    BinaryenAddGlobalExport(m, names.state.c_str(), "__asyncify_state");
    BinaryenAddGlobalExport(m, names.data.c_str(), "__asyncify_data");
  }
  if (options.importGlobals || options.exportGlobals)
    BinaryenModuleSetFeatures(m, BinaryenModuleGetFeatures(m) | BinaryenFeatureMutableGlobals());

  auto state = [&] { return BinaryenGlobalGet(m, names.state.c_str(), i32); };
  auto data = [&] { return BinaryenGlobalGet(m, names.data.c_str(), ptr); };
  auto setState = [&](int32_t s) {
    return BinaryenGlobalSet(m, names.state.c_str(), BinaryenConst(m, BinaryenLiteralInt32(s)));
  };
  auto check = [&] {
    E current = BinaryenLoad(m, pb, false, 0, pb, ptr, data());
    E end = BinaryenLoad(m, pb, false, pb, pb, ptr, data());
    E past =
        BinaryenBinary(m, names.memory64 ? BinaryenGtUInt64() : BinaryenGtUInt32(), current, end);
    return BinaryenIf(m, past, BinaryenUnreachable(m), nullptr);
  };
  auto requireState = [&](int32_t s) {
    return BinaryenIf(
        m, BinaryenBinary(m, BinaryenNeInt32(), state(), BinaryenConst(m, BinaryenLiteralInt32(s))),
        BinaryenUnreachable(m), nullptr);
  };

  struct Api {
    const char *exportName;
    int32_t from, to;
    bool takesData;
  };
  const Api apis[4] = {{kRuntimeExports[0], 0, 1, true},
                       {kRuntimeExports[1], 1, 0, false},
                       {kRuntimeExports[2], 0, 2, true},
                       {kRuntimeExports[3], 2, 0, false}};
  std::string internal[5];
  for (int i = 0; i < 4; i++) {
    const Api &api = apis[i];
    std::vector<E> body;
    if (options.asserts)
      body.push_back(requireState(api.from));
    body.push_back(setState(api.to));
    if (api.takesData)
      body.push_back(BinaryenGlobalSet(m, names.data.c_str(), BinaryenLocalGet(m, 0, ptr)));
    body.push_back(check());
    internal[i] = freshName(m, api.exportName, Space::Function);
    BinaryenAddFunction(m, internal[i].c_str(), api.takesData ? ptr : BinaryenTypeNone(),
                        BinaryenTypeNone(), nullptr, 0,
                        BinaryenBlock(m, nullptr, body.data(),
                                      static_cast<BinaryenIndex>(body.size()), BinaryenTypeNone()));
    BinaryenAddFunctionExport(m, internal[i].c_str(), api.exportName);
  }
  internal[4] = freshName(m, kRuntimeExports[4], Space::Function);
  BinaryenAddFunction(m, internal[4].c_str(), BinaryenTypeNone(), i32, nullptr, 0, state());
  BinaryenAddFunctionExport(m, internal[4].c_str(), kRuntimeExports[4]);

  for (const std::string &tag : assertTypes) {
    BinaryenType t = valueTypeFromName(tag);
    std::string name = names.assertPrefix + tag;
    E trap = requireState(0);
    if (t == BinaryenTypeNone()) {
      BinaryenAddFunction(m, name.c_str(), BinaryenTypeNone(), BinaryenTypeNone(), nullptr, 0,
                          trap);
    } else {
      E kids[] = {trap, BinaryenLocalGet(m, 0, t)};
      BinaryenAddFunction(m, name.c_str(), t, t, nullptr, 0, BinaryenBlock(m, nullptr, kids, 2, t));
    }
  }

  // In-module runtime imports become forwarders to ours.
  for (const FunctionNode &node : graph.functions) {
    if (!node.imported || node.importModule != "asyncify")
      continue;
    RuntimeImport kind = runtimeImportKind(node);
    if (kind == RuntimeImport::None)
      throw Error(ExitCode::Unsupported,
                  {module.path(),
                   fmt::format("unknown runtime import `asyncify.{}`; the runtime provides "
                               "start_unwind, stop_unwind, start_rewind, stop_rewind and get_state",
                               node.importBase),
                   fmt::format("function {}", node.name)});
    int which = static_cast<int>(kind) - 1;
    bool takesData = kind == RuntimeImport::StartUnwind || kind == RuntimeImport::StartRewind;
    BinaryenType wantParams = takesData ? ptr : BinaryenTypeNone();
    BinaryenType wantResults = kind == RuntimeImport::GetState ? i32 : BinaryenTypeNone();
    if (node.params != wantParams || node.results != wantResults)
      throw Error(ExitCode::Unsupported,
                  {module.path(),
                   fmt::format("runtime import `asyncify.{}` has type {}, expected {}",
                               node.importBase, signatureString(node.params, node.results),
                               signatureString(wantParams, wantResults)),
                   fmt::format("function {}", node.name)});
    BinaryenRemoveFunction(m, node.name.c_str());
    std::vector<E> args;
    if (takesData)
      args.push_back(BinaryenLocalGet(m, 0, ptr));
    E call = BinaryenCall(m, internal[which].c_str(), args.data(),
                          static_cast<BinaryenIndex>(args.size()), wantResults);
    BinaryenAddFunction(m, node.name.c_str(), wantParams, wantResults, nullptr, 0, call);
  }
}

} // namespace wa
