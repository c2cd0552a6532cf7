//===- MLIRGen.h - Lower a .gen AST to the gen dialect ----------*- C++ -*-===//
//
// Type-checks the AST (names, arity, shapes) and builds a gen.model. Every
// error is reported at the .gen location of the offending expression; the
// generator recovers at statement level so independent errors all appear.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_FRONTEND_MLIRGEN_H
#define GENC_FRONTEND_MLIRGEN_H

#include "genc/Frontend/AST.h"
#include "genc/Frontend/SourceLocator.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace genc::frontend {

struct MLIRGenOptions {
  /// Overrides the model's `batch N` when positive.
  int64_t batchSize = 0;
};

/// Builds the module holding the model; null after any error.
mlir::OwningOpRef<mlir::ModuleOp> mlirGen(const ModelDecl &model, SourceLocator &locator,
                                          const MLIRGenOptions &options = {});

/// Parses and lowers one .gen buffer of `sourceMgr` (its main file).
/// Errors go to the context's diagnostic handler; null after any error.
mlir::OwningOpRef<mlir::ModuleOp> importGenFile(llvm::SourceMgr &sourceMgr,
                                                mlir::MLIRContext *context,
                                                const MLIRGenOptions &options = {});

} // namespace genc::frontend

#endif // GENC_FRONTEND_MLIRGEN_H
