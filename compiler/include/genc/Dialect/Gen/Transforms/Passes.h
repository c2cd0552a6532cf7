//===- Passes.h - gen dialect passes ----------------------------*- C++ -*-===//
#ifndef GENC_DIALECT_GEN_TRANSFORMS_PASSES_H
#define GENC_DIALECT_GEN_TRANSFORMS_PASSES_H

#include "genc/Dialect/Gen/IR/GenOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassOptions.h"
#include <memory>

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace genc::gen {
std::unique_ptr<mlir::Pass> createInlineNetsPass();
std::unique_ptr<mlir::Pass> createAutodiffPass();
std::unique_ptr<mlir::Pass> createLowerOptimizerPass();
std::unique_ptr<mlir::Pass> createExtractUpdatesPass();

/// How far the training pipeline goes: inlining and canonicalization
/// always; then autodiff (gradients of every step); then the optimizer's
/// update (set_param/set_state writes). With updatesOnly, each step keeps
/// only its update, reading its gradients (data-parallel training's second
/// pipeline).
struct TrainingPipelineOptions : public mlir::PassPipelineOptions<TrainingPipelineOptions> {
  Option<bool> differentiate{*this, "differentiate",
                             llvm::cl::desc("Differentiate the steps (autodiff)"),
                             llvm::cl::init(true)};
  Option<bool> lowerOptimizer{*this, "lower-optimizer",
                              llvm::cl::desc("Lower the optimizer's update (needs differentiate)"),
                              llvm::cl::init(true)};
  Option<bool> updatesOnly{*this, "updates-only",
                           llvm::cl::desc("Keep only each step's update, reading its gradients "
                                          "(needs differentiate)"),
                           llvm::cl::init(false)};
};

/// Adds the training pipeline, nested on every gen.model, to `pm` (a
/// module-level pass manager).
void buildTrainingPipeline(mlir::OpPassManager &pm, const TrainingPipelineOptions &options);

/// Registers it as --gen-training-pipeline (genc-opt).
void registerTrainingPipeline();

#define GEN_PASS_REGISTRATION
#include "genc/Dialect/Gen/Transforms/Passes.h.inc"
} // namespace genc::gen

#endif // GENC_DIALECT_GEN_TRANSFORMS_PASSES_H
