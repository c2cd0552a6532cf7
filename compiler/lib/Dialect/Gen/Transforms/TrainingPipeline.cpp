//===- TrainingPipeline.cpp - From a parsed model to training steps -------===//
//
// The one list of passes between the front end and the Halide lowering:
// genc, its tests and genc-opt (--gen-training-pipeline) all build it here.
//
//===----------------------------------------------------------------------===//
#include "genc/Dialect/Gen/Transforms/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace genc::gen;

void genc::gen::buildTrainingPipeline(mlir::OpPassManager &pm,
                                      const TrainingPipelineOptions &options) {
  mlir::OpPassManager &model = pm.nest<ModelOp>();
  model.addPass(createInlineNetsPass());
  model.addPass(mlir::createCanonicalizerPass());
  if (options.differentiate)
    model.addPass(createAutodiffPass());
  if (options.differentiate && options.updatesOnly)
    model.addPass(createExtractUpdatesPass());
  if (options.differentiate && options.lowerOptimizer)
    model.addPass(createLowerOptimizerPass());
  model.addPass(mlir::createCanonicalizerPass());
  model.addPass(mlir::createCSEPass());
}

void genc::gen::registerTrainingPipeline() {
  mlir::PassPipelineRegistration<TrainingPipelineOptions>(
      "gen-training-pipeline",
      "Inline nets, differentiate the steps and lower their optimizer updates "
      "(what genc runs before the Halide lowering)",
      buildTrainingPipeline);
}
