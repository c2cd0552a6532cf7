//===- AutodiffTest.cpp - Size of the backward graph ----------------------===//
//
// Reverse mode must reuse forward values instead of recomputing them: the
// backward part of a step stays within a small constant factor of the
// forward part. Measured: vae 27 forward / 32 backward ops; the bound of 4
// is set by dcgan (44 / 110), whose batch_norm adjoints are spelled out in
// about 20 elementwise and reduction ops each.
//
//===----------------------------------------------------------------------===//
#include "genc/Dialect/Gen/Transforms/Passes.h"
#include "genc/Frontend/MLIRGen.h"
#include "genc/InitAll.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/SourceMgr.h"
#include <gtest/gtest.h>
#include <iostream>

using namespace genc;

namespace {
/// Compute ops per step (reads of inputs/params and terminators excluded).
std::map<std::string, size_t> countStepOps(mlir::ModuleOp module) {
  std::map<std::string, size_t> counts;
  module.walk([&](gen::StepOp step) {
    size_t n = 0;
    step.walk([&](mlir::Operation *op) {
      if (!llvm::isa<gen::StepOp, gen::MinimizeOp, gen::GradientOp, gen::GetParamOp, gen::GetInputOp,
               gen::ConstantOp>(op))
        ++n;
    });
    counts[step.getSymName().str()] = n;
  });
  return counts;
}

mlir::LogicalResult runPasses(mlir::ModuleOp module, bool differentiate) {
  mlir::PassManager pm(module.getContext());
  gen::TrainingPipelineOptions options;
  options.differentiate = differentiate;
  options.lowerOptimizer = false;
  gen::buildTrainingPipeline(pm, options);
  return pm.run(module);
}

class BackwardSize : public ::testing::TestWithParam<const char *> {};

TEST_P(BackwardSize, WithinFourTimesForward) {
  std::string path = std::string(GENC_EXAMPLES_DIR) + "/" + GetParam() + ".gen";
  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  llvm::SourceMgr sourceMgr;
  std::string error;
  auto file = mlir::openInputFile(path, &error);
  ASSERT_TRUE(file) << error;
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  auto forward = frontend::importGenFile(sourceMgr, &context);
  ASSERT_TRUE(forward);
  auto withGradients = forward->clone();
  ASSERT_TRUE(mlir::succeeded(runPasses(*forward, false)));
  ASSERT_TRUE(mlir::succeeded(runPasses(withGradients, true)));
  auto before = countStepOps(*forward), after = countStepOps(withGradients);
  for (auto &[step, forwardOps] : before) {
    size_t backwardOps = after[step] - forwardOps;
    EXPECT_GT(backwardOps, 0u) << step;
    std::cout << GetParam() << "." << step << ": " << forwardOps << " forward ops, "
              << backwardOps << " backward ops\n";
    EXPECT_LE(backwardOps, 4 * forwardOps)
        << GetParam() << "." << step << ": " << forwardOps << " forward ops, " << backwardOps
        << " backward ops";
  }
  withGradients->erase();
}

INSTANTIATE_TEST_SUITE_P(Examples, BackwardSize,
                         ::testing::Values("vae", "cvae", "gan_toy1d", "gan_mlp", "dcgan", "gmm"));
} // namespace
