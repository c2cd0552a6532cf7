//===- GenDialect.cpp - The gen dialect -----------------------------------===//
#include "genc/Dialect/Gen/IR/GenDialect.h"
#include "genc/Dialect/Gen/IR/GenOps.h"

using namespace mlir;
using namespace genc::gen;

#include "genc/Dialect/Gen/IR/GenOpsDialect.cpp.inc"
#include "genc/Dialect/Gen/IR/GenInterfaces.cpp.inc"

void GenDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "genc/Dialect/Gen/IR/GenOps.cpp.inc"
      >();
}

Operation *GenDialect::materializeConstant(OpBuilder &builder, Attribute value, Type type,
                                           Location loc) {
  auto elements = value.dyn_cast<ElementsAttr>();
  if (!elements || elements.getType() != type)
    return nullptr;
  return builder.create<ConstantOp>(loc, elements);
}
