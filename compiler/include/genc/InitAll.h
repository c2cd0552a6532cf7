//===- InitAll.h - Register genc's dialects and passes ----------*- C++ -*-===//
#ifndef GENC_INITALL_H
#define GENC_INITALL_H

#include "genc/Dialect/Gen/IR/GenDialect.h"
#include "genc/Dialect/Gen/Transforms/Passes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/Transforms/Passes.h"

namespace genc {
inline void registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<gen::GenDialect>();
}

/// The gen passes, the training pipeline, and the upstream passes it uses.
inline void registerAllPasses() {
  gen::registerGenPasses();
  gen::registerTrainingPipeline();
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::registerSymbolDCEPass();
}
} // namespace genc

#endif // GENC_INITALL_H
