#include "lib/Types.h"

#include <utility>

namespace wa {

namespace {

const std::vector<std::pair<BinaryenType, const char *>> &namedTypes() {
  static const std::vector<std::pair<BinaryenType, const char *>> types = {
      {BinaryenTypeNone(), "none"},       {BinaryenTypeInt32(), "i32"},
      {BinaryenTypeInt64(), "i64"},       {BinaryenTypeFloat32(), "f32"},
      {BinaryenTypeFloat64(), "f64"},     {BinaryenTypeVec128(), "v128"},
      {BinaryenTypeFuncref(), "funcref"}, {BinaryenTypeExternref(), "externref"},
  };
  return types;
}

} // namespace

std::string valueTypeName(BinaryenType t) {
  for (const auto &[type, name] : namedTypes())
    if (type == t)
      return name;
  return "";
}

BinaryenType valueTypeFromName(const std::string &name) {
  for (const auto &[type, n] : namedTypes())
    if (n == name)
      return type;
  return BinaryenTypeNone();
}

std::vector<BinaryenType> expandType(BinaryenType t) {
  std::vector<BinaryenType> parts(BinaryenTypeArity(t));
  if (!parts.empty())
    BinaryenTypeExpand(t, parts.data());
  return parts;
}

bool hasTupleVar(BinaryenFunctionRef f) {
  for (BinaryenIndex i = 0; i < BinaryenFunctionGetNumVars(f); i++)
    if (BinaryenTypeArity(BinaryenFunctionGetVar(f, i)) > 1)
      return true;
  return false;
}

uint32_t valueBytes(BinaryenType t) {
  if (t == BinaryenTypeInt32() || t == BinaryenTypeFloat32())
    return 4;
  if (t == BinaryenTypeInt64() || t == BinaryenTypeFloat64())
    return 8;
  if (t == BinaryenTypeVec128())
    return 16;
  return 0;
}

BinaryenExpressionRef zeroOf(BinaryenModuleRef m, BinaryenType t) {
  if (t == BinaryenTypeInt32())
    return BinaryenConst(m, BinaryenLiteralInt32(0));
  if (t == BinaryenTypeInt64())
    return BinaryenConst(m, BinaryenLiteralInt64(0));
  if (t == BinaryenTypeFloat32())
    return BinaryenConst(m, BinaryenLiteralFloat32(0));
  if (t == BinaryenTypeFloat64())
    return BinaryenConst(m, BinaryenLiteralFloat64(0));
  if (t == BinaryenTypeVec128()) {
    uint8_t zeros[16] = {};
    return BinaryenConst(m, BinaryenLiteralVec128(zeros));
  }
  if (BinaryenTypeArity(t) > 1) {
    std::vector<BinaryenExpressionRef> parts;
    for (BinaryenType p : expandType(t))
      parts.push_back(zeroOf(m, p));
    return BinaryenTupleMake(m, parts.data(), static_cast<BinaryenIndex>(parts.size()));
  }
  return BinaryenRefNull(m, t);
}

bool isPlainValueType(BinaryenType t) {
  return t == BinaryenTypeInt32() || t == BinaryenTypeInt64() || t == BinaryenTypeFloat32() ||
         t == BinaryenTypeFloat64() || t == BinaryenTypeVec128() || t == BinaryenTypeFuncref() ||
         t == BinaryenTypeExternref();
}

} // namespace wa
