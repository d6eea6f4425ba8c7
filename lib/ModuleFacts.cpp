#include "lib/ModuleFacts.h"

#include "lib/Diagnostics.h"

#include <wabt/binary-reader-nop.h>
#include <wabt/binary-reader.h>
#include <wabt/error-formatter.h>
#include <wabt/feature.h>
#include <wabt/opcode.h>

#include <array>
#include <unordered_map>

namespace wa {

namespace {

// WABT knows which proposal each opcode belongs to (Opcode::IsEnabled). To
// turn that into a feature bit, ask whether the opcode stays enabled when one
// feature is switched off. Cached per opcode: a module has few distinct ones.
struct FeatureProbe {
  FeatureSet bit;
  void (wabt::Features::*disable)();
};

const std::array<FeatureProbe, 12> kProbes = {{
    {FeatureSignExt, &wabt::Features::disable_sign_extension},
    {FeatureSatFloatToInt, &wabt::Features::disable_sat_float_to_int},
    {FeatureSIMD, &wabt::Features::disable_simd},
    {FeatureBulkMemory, &wabt::Features::disable_bulk_memory},
    {FeatureTailCall, &wabt::Features::disable_tail_call},
    {FeatureExceptions, &wabt::Features::disable_exceptions},
    {FeatureThreads, &wabt::Features::disable_threads},
    {FeatureExtendedConst, &wabt::Features::disable_extended_const},
    {FeatureRelaxedSIMD, &wabt::Features::disable_relaxed_simd},
    {FeatureFunctionReferences, &wabt::Features::disable_function_references},
    {FeatureGC, &wabt::Features::disable_gc},
    {FeatureMemory64, &wabt::Features::disable_memory64},
}};

FeatureSet featuresOfOpcode(wabt::Opcode op) {
  FeatureSet result = 0;
  for (const auto &probe : kProbes) {
    wabt::Features f;
    f.EnableAll();
    (f.*probe.disable)();
    if (!op.IsEnabled(f))
      result |= probe.bit;
  }
  return result;
}

FeatureSet featuresOfType(wabt::Type t) {
  switch (t) {
  case wabt::Type::V128:
    return FeatureSIMD;
  case wabt::Type::ExternRef:
    return FeatureReferenceTypes;
  case wabt::Type::FuncRef:
    return 0; // MVP tables hold funcref; as a value type it implies reference types, see locals
  case wabt::Type::Reference:
  case wabt::Type::Struct:
  case wabt::Type::Array:
    return FeatureFunctionReferences | FeatureGC;
  default:
    return 0;
  }
}

class FactsReader : public wabt::BinaryReaderNop {
public:
  explicit FactsReader(ModuleFacts &facts) : facts_(facts) {}

  wabt::Result BeginFunctionBody(wabt::Index index, wabt::Offset) override {
    currentFunction_ = index;
    openConstructs_ = 0;
    wabt::Index defined = index - facts_.numImportedFunctions;
    wabt::Index sig = defined < functionSigs_.size() ? functionSigs_[defined] : 0;
    currentLocals_ = sig < typeParams_.size() ? typeParams_[sig] : 0;
    countLocals(0);
    return wabt::Result::Ok;
  }
  wabt::Result OnFuncType(wabt::Index index, wabt::Index nparams, wabt::Type *params,
                          wabt::Index nresults, wabt::Type *results) override {
    if (typeParams_.size() <= index)
      typeParams_.resize(index + 1, 0);
    typeParams_[index] = nparams;
    if (nresults > 1)
      facts_.features |= FeatureMultivalue;
    for (wabt::Index i = 0; i < nparams; i++)
      facts_.features |= valueTypeFeatures(params[i]);
    for (wabt::Index i = 0; i < nresults; i++)
      facts_.features |= valueTypeFeatures(results[i]);
    return wabt::Result::Ok;
  }
  wabt::Result OnStructType(wabt::Index, wabt::Index, wabt::TypeMut *) override {
    facts_.features |= FeatureGC;
    return wabt::Result::Ok;
  }
  wabt::Result OnArrayType(wabt::Index, wabt::TypeMut) override {
    facts_.features |= FeatureGC;
    return wabt::Result::Ok;
  }
  wabt::Result OnImport(wabt::Index, wabt::ExternalKind, std::string_view module,
                        std::string_view field) override {
    noteNul(module);
    noteNul(field);
    return wabt::Result::Ok;
  }
  wabt::Result OnImportFunc(wabt::Index, std::string_view, std::string_view, wabt::Index,
                            wabt::Index) override {
    facts_.numImportedFunctions++;
    return wabt::Result::Ok;
  }
  wabt::Result OnImportTable(wabt::Index, std::string_view, std::string_view, wabt::Index,
                             wabt::Type elemType, const wabt::Limits *limits) override {
    addTable(elemType, limits, true);
    return wabt::Result::Ok;
  }
  wabt::Result OnImportMemory(wabt::Index, std::string_view module, std::string_view base,
                              wabt::Index, const wabt::Limits *limits) override {
    MemoryFacts &m = addMemory(limits);
    m.imported = true;
    m.importModule = module;
    m.importBase = base;
    return wabt::Result::Ok;
  }
  wabt::Result OnImportGlobal(wabt::Index, std::string_view, std::string_view, wabt::Index,
                              wabt::Type type, bool mut) override {
    if (mut)
      facts_.features |= FeatureMutableGlobals;
    facts_.features |= valueTypeFeatures(type);
    return wabt::Result::Ok;
  }
  wabt::Result OnImportTag(wabt::Index, std::string_view, std::string_view, wabt::Index,
                           wabt::Index sig) override {
    facts_.numTags++;
    facts_.features |= FeatureExceptions | tagFeatures(sig);
    return wabt::Result::Ok;
  }
  wabt::Result OnStartFunction(wabt::Index function) override {
    facts_.startFunction = function;
    return wabt::Result::Ok;
  }
  wabt::Result OnFunction(wabt::Index, wabt::Index sig) override {
    facts_.numDefinedFunctions++;
    functionSigs_.push_back(sig);
    return wabt::Result::Ok;
  }
  wabt::Result OnTable(wabt::Index, wabt::Type elemType, const wabt::Limits *limits) override {
    addTable(elemType, limits, false);
    return wabt::Result::Ok;
  }
  wabt::Result OnMemory(wabt::Index, const wabt::Limits *limits) override {
    addMemory(limits);
    return wabt::Result::Ok;
  }
  wabt::Result BeginGlobal(wabt::Index, wabt::Type type, bool) override {
    facts_.features |= valueTypeFeatures(type);
    return wabt::Result::Ok;
  }
  wabt::Result OnExport(wabt::Index, wabt::ExternalKind kind, wabt::Index item,
                        std::string_view name) override {
    noteNul(name);
    exports_.push_back({kind, item, std::string(name)});
    return wabt::Result::Ok;
  }
  wabt::Result OnTagType(wabt::Index, wabt::Index sig) override {
    facts_.numTags++;
    facts_.features |= FeatureExceptions | tagFeatures(sig);
    return wabt::Result::Ok;
  }
  wabt::Result OnLocalDecl(wabt::Index, wabt::Index count, wabt::Type type) override {
    countLocals(count);
    facts_.features |= valueTypeFeatures(type);
    return wabt::Result::Ok;
  }
  // i32/i64 add, sub and mul are MVP opcodes; in a constant expression they
  // are the extended-const proposal, which Binaryen must be told about.
  wabt::Result BeginGlobalInitExpr(wabt::Index) override { return beginInitExpr(); }
  wabt::Result EndGlobalInitExpr(wabt::Index) override { return endInitExpr(); }
  wabt::Result BeginElemSegmentInitExpr(wabt::Index) override { return beginInitExpr(); }
  wabt::Result EndElemSegmentInitExpr(wabt::Index) override { return endInitExpr(); }
  wabt::Result BeginDataSegmentInitExpr(wabt::Index) override { return beginInitExpr(); }
  wabt::Result EndDataSegmentInitExpr(wabt::Index) override { return endInitExpr(); }
  wabt::Result OnBinaryExpr(wabt::Opcode) override {
    if (inInitExpr_)
      facts_.features |= FeatureExtendedConst;
    return wabt::Result::Ok;
  }
  wabt::Result OnOpcode(wabt::Opcode op) override {
    auto it = opcodeCache_.find(op);
    if (it == opcodeCache_.end())
      it = opcodeCache_.emplace(op, featuresOfOpcode(op)).first;
    facts_.features |= it->second;
    return wabt::Result::Ok;
  }
  // Reference-types instructions are recorded one by one: WABT 1.0.32 keeps
  // reference types enabled while any feature that builds on it is, and
  // reports ref.func as enabled without it, so the opcode probe cannot see
  // them.
  wabt::Result OnRefFuncExpr(wabt::Index) override { return referenceTypes(); }
  wabt::Result OnRefNullExpr(wabt::Type) override { return referenceTypes(); }
  wabt::Result OnRefIsNullExpr() override { return referenceTypes(); }
  wabt::Result OnTableGetExpr(wabt::Index) override { return referenceTypes(); }
  wabt::Result OnTableSetExpr(wabt::Index) override { return referenceTypes(); }
  wabt::Result OnTableGrowExpr(wabt::Index) override { return referenceTypes(); }
  wabt::Result OnTableSizeExpr(wabt::Index) override { return referenceTypes(); }
  wabt::Result OnTableFillExpr(wabt::Index) override { return referenceTypes(); }
  wabt::Result OnSelectExpr(wabt::Index resultCount, wabt::Type *resultTypes) override {
    for (wabt::Index i = 0; i < resultCount; i++)
      facts_.features |= valueTypeFeatures(resultTypes[i]);
    return referenceTypes(resultCount > 0);
  }
  wabt::Result OnCallIndirectExpr(wabt::Index, wabt::Index table) override {
    return referenceTypes(table != 0);
  }
  wabt::Result OnReturnCallIndirectExpr(wabt::Index, wabt::Index table) override {
    return referenceTypes(table != 0);
  }
  wabt::Result OnTableCopyExpr(wabt::Index dst, wabt::Index src) override {
    return referenceTypes(dst != 0 || src != 0);
  }
  wabt::Result OnTableInitExpr(wabt::Index, wabt::Index table) override {
    return referenceTypes(table != 0);
  }
  wabt::Result OnBlockExpr(wabt::Type sig) override { return blockType(sig); }
  wabt::Result OnLoopExpr(wabt::Type sig) override { return blockType(sig); }
  wabt::Result OnIfExpr(wabt::Type sig) override { return blockType(sig); }
  wabt::Result OnTryExpr(wabt::Type sig) override { return blockType(sig); }
  // WABT 1.0.32 accepts a body whose last `end` closes a block rather than
  // the function; Binaryen aborts on it. Counted here: the body must close
  // one more construct than it opens.
  wabt::Result OnEndExpr() override {
    openConstructs_--;
    return wabt::Result::Ok;
  }
  wabt::Result OnDelegateExpr(wabt::Index) override { return OnEndExpr(); }
  wabt::Result EndFunctionBody(wabt::Index index) override {
    if (openConstructs_ != -1 && facts_.firstUnterminatedBody == ModuleFacts::kNoFunction)
      facts_.firstUnterminatedBody = index;
    return wabt::Result::Ok;
  }
  wabt::Result OnDataCount(wabt::Index) override {
    facts_.features |= FeatureBulkMemory;
    return wabt::Result::Ok;
  }
  wabt::Result BeginDataSegment(wabt::Index, wabt::Index, uint8_t flags) override {
    if (flags & 1) // passive
      facts_.features |= FeatureBulkMemory;
    return wabt::Result::Ok;
  }
  wabt::Result BeginElemSegment(wabt::Index, wabt::Index table, uint8_t flags) override {
    // Passive/declared segments, explicit table indices and expression
    // encodings are all from the bulk-memory / reference-types proposals.
    if (flags != 0)
      facts_.features |= FeatureBulkMemory;
    // Declarative segments (flags 3 or 7) exist only with reference types.
    if (table != 0 || (flags & 4) || (flags & 3) == 3)
      facts_.features |= FeatureReferenceTypes;
    return wabt::Result::Ok;
  }

  void finish() {
    for (const auto &e : exports_) {
      if (e.kind == wabt::ExternalKind::Memory && e.index < facts_.memories.size())
        facts_.memories[e.index].exportNames.push_back(e.name);
      if (e.kind == wabt::ExternalKind::Table && e.index < facts_.tables.size())
        facts_.tables[e.index].exported = true;
      if (e.kind == wabt::ExternalKind::Global)
        exportedGlobals_++;
    }
    if (facts_.memories.size() > 1)
      facts_.features |= FeatureMultiMemory;
    if (facts_.tables.size() > 1)
      facts_.features |= FeatureReferenceTypes;
  }

private:
  struct ExportRecord {
    wabt::ExternalKind kind;
    wabt::Index index;
    std::string name;
  };

  // Binaryen treats a tag's parameters as one (tuple) type: more than one
  // needs its multivalue feature, although wasm itself does not.
  FeatureSet tagFeatures(wabt::Index sig) const {
    return sig < typeParams_.size() && typeParams_[sig] > 1 ? FeatureSet(FeatureMultivalue) : 0;
  }

  FeatureSet valueTypeFeatures(wabt::Type t) {
    if (t == wabt::Type::FuncRef)
      return FeatureReferenceTypes; // funcref as a value (not a table element)
    return featuresOfType(t);
  }
  void noteNul(std::string_view name) {
    if (facts_.nameWithNul.empty() && name.find('\0') != std::string_view::npos) {
      facts_.nameWithNul = name;
      for (char &c : facts_.nameWithNul)
        if (c == '\0')
          c = '?';
    }
  }
  void countLocals(uint64_t more) {
    currentLocals_ += more; // declarations are bytes of the file: no overflow
    if (currentLocals_ > facts_.mostLocals ||
        facts_.mostLocalsFunction == ModuleFacts::kNoFunction) {
      facts_.mostLocals = currentLocals_;
      facts_.mostLocalsFunction = currentFunction_;
    }
  }
  wabt::Result referenceTypes(bool used = true) {
    if (used)
      facts_.features |= FeatureReferenceTypes;
    return wabt::Result::Ok;
  }
  wabt::Result blockType(wabt::Type sig) {
    openConstructs_++;
    // A type index as block type means params or several results.
    if (sig.IsIndex()) {
      facts_.features |= FeatureMultivalue;
      wabt::Index t = sig.GetIndex();
      if (t < typeParams_.size() && typeParams_[t] > 0 &&
          facts_.firstBlockWithParams == ModuleFacts::kNoFunction)
        facts_.firstBlockWithParams = currentFunction_;
    } else

      facts_.features |= valueTypeFeatures(sig);
    return wabt::Result::Ok;
  }
  MemoryFacts &addMemory(const wabt::Limits *limits) {
    MemoryFacts m;
    m.is64 = limits->is_64;
    m.shared = limits->is_shared;
    m.initialPages = limits->initial;
    m.hasMax = limits->has_max;
    m.maxPages = limits->max;
    if (m.is64)
      facts_.features |= FeatureMemory64;
    if (m.shared)
      facts_.features |= FeatureThreads;
    facts_.memories.push_back(std::move(m));
    return facts_.memories.back();
  }
  wabt::Result beginInitExpr() {
    inInitExpr_ = true;
    return wabt::Result::Ok;
  }
  wabt::Result endInitExpr() {
    inInitExpr_ = false;
    return wabt::Result::Ok;
  }
  void addTable(wabt::Type elemType, const wabt::Limits *, bool imported) {
    TableFacts t;
    t.imported = imported;
    t.funcref = elemType == wabt::Type::FuncRef;
    if (!t.funcref)
      facts_.features |= featuresOfType(elemType) | FeatureReferenceTypes;
    facts_.tables.push_back(t);
  }

  ModuleFacts &facts_;
  std::vector<ExportRecord> exports_;
  std::unordered_map<uint32_t, FeatureSet> opcodeCache_;
  std::vector<wabt::Index> typeParams_;
  uint32_t currentFunction_ = 0;
  std::vector<wabt::Index> functionSigs_; // of defined functions
  uint64_t currentLocals_ = 0;
  int64_t openConstructs_ = 0; // in the current body; the function's own end makes it -1
  size_t exportedGlobals_ = 0;
  bool inInitExpr_ = false;
};

} // namespace

std::vector<std::string> featureNames(FeatureSet set) {
  static const std::pair<FeatureSet, const char *> kNames[] = {
      {FeatureSignExt, "sign-ext"},
      {FeatureMutableGlobals, "mutable-globals"},
      {FeatureSatFloatToInt, "nontrapping-float-to-int"},
      {FeatureSIMD, "simd"},
      {FeatureBulkMemory, "bulk-memory"},
      {FeatureMultivalue, "multivalue"},
      {FeatureReferenceTypes, "reference-types"},
      {FeatureTailCall, "tail-call"},
      {FeatureExceptions, "exception-handling"},
      {FeatureThreads, "threads"},
      {FeatureMemory64, "memory64"},
      {FeatureMultiMemory, "multi-memory"},
      {FeatureExtendedConst, "extended-const"},
      {FeatureRelaxedSIMD, "relaxed-simd"},
      {FeatureFunctionReferences, "function-references"},
      {FeatureGC, "gc"},
  };
  std::vector<std::string> out;
  for (const auto &[bit, name] : kNames)
    if (set & bit)
      out.emplace_back(name);
  return out;
}

ModuleFacts readModuleFacts(const std::vector<uint8_t> &binary, const std::string &file) {
  ModuleFacts facts;
  FactsReader reader(facts);
  wabt::Features all;
  all.EnableAll();
  wabt::ReadBinaryOptions options(all, nullptr, /*read_debug_names=*/false,
                                  /*stop_on_first_error=*/true,
                                  /*fail_on_custom_section_error=*/false);
  if (wabt::Failed(wabt::ReadBinary(binary.data(), binary.size(), &reader, options)))
    throw Error(ExitCode::Input, {file, "cannot read the module's sections", ""});
  reader.finish();
  return facts;
}

} // namespace wa
