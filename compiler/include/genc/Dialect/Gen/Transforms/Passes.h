//===- Passes.h - gen dialect passes ----------------------------*- C++ -*-===//
#ifndef GENC_DIALECT_GEN_TRANSFORMS_PASSES_H
#define GENC_DIALECT_GEN_TRANSFORMS_PASSES_H

#include "genc/Dialect/Gen/IR/GenOps.h"
#include "mlir/Pass/Pass.h"
#include <memory>

namespace genc::gen {
std::unique_ptr<mlir::Pass> createInlineNetsPass();
std::unique_ptr<mlir::Pass> createAutodiffPass();
std::unique_ptr<mlir::Pass> createLowerOptimizerPass();

#define GEN_PASS_REGISTRATION
#include "genc/Dialect/Gen/Transforms/Passes.h.inc"
} // namespace genc::gen

#endif // GENC_DIALECT_GEN_TRANSFORMS_PASSES_H
