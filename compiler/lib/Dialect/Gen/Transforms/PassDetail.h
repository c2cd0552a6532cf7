//===- PassDetail.h - Pass base classes (private) ---------------*- C++ -*-===//
#ifndef GENC_DIALECT_GEN_TRANSFORMS_PASSDETAIL_H
#define GENC_DIALECT_GEN_TRANSFORMS_PASSDETAIL_H

#include "genc/Dialect/Gen/IR/GenOps.h"
#include "mlir/Pass/Pass.h"

namespace genc::gen {
#define GEN_PASS_CLASSES
#include "genc/Dialect/Gen/Transforms/Passes.h.inc"
} // namespace genc::gen

#endif // GENC_DIALECT_GEN_TRANSFORMS_PASSDETAIL_H
