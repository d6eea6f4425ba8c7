// Types: small helpers over Binaryen's value types shared by the passes.
#pragma once

#include <binaryen-c.h>

#include <string>
#include <vector>

namespace wa {

// "i32", "i64", "f32", "f64", "v128", "funcref", "externref", "none";
// "" for anything else.
std::string valueTypeName(BinaryenType t);

// The inverse of valueTypeName; BinaryenTypeNone() for an unknown name.
BinaryenType valueTypeFromName(const std::string &name);

// The parts of a tuple type (one part for a single value, none for none).
std::vector<BinaryenType> expandType(BinaryenType t);

// Does the function have a local of a tuple type (multivalue)?
bool hasTupleVar(BinaryenFunctionRef f);

// The zero of a type (a tuple of zeros for a tuple, null for a reference).
BinaryenExpressionRef zeroOf(BinaryenModuleRef m, BinaryenType t);

// A single value whose zero is a constant: i32, i64, f32, f64, v128,
// funcref, externref. Not tuples, nor typed references (they may be
// non-nullable): a select of constants or a new local cannot hold those.
bool isPlainValueType(BinaryenType t);

// Bytes a value of the type takes in linear memory; 0 for references, which
// cannot be stored there.
uint32_t valueBytes(BinaryenType t);

} // namespace wa
