//===- GenToHalideTest.cpp - Halide pipelines against the interpreter -----===//
//
// Every training step (forward, backward and optimizer update) and every
// net of every example model, JIT-compiled by Halide in fp32, must agree with
// the double-precision reference interpreter on the same seeded inputs.
//
//===----------------------------------------------------------------------===//
#include "genc/Conversion/GenToHalide/GenToHalide.h"
#include "genc/Dialect/Gen/Transforms/Passes.h"
#include "genc/Frontend/MLIRGen.h"
#include "genc/InitAll.h"
#include "genc/Reference/GradientCheck.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/SourceMgr.h"
#include <gtest/gtest.h>

#include <set>

using namespace genc;

namespace {
Halide::Buffer<float> toBuffer(const reference::Tensor &t) {
  std::vector<int> extents(t.shape.rbegin(), t.shape.rend());
  Halide::Buffer<float> buffer(extents);
  for (size_t i = 0; i < t.size(); ++i)
    buffer.data()[i] = static_cast<float>(t.data[i]);
  return buffer;
}

/// Largest |a - b| / max(|b|, scale) over the elements, where scale is the
/// tensor's largest magnitude: a relative error that tiny entries of a
/// large tensor cannot inflate.
double relativeError(const Halide::Buffer<float> &got, const reference::Tensor &want) {
  double scale = 1e-6;
  for (double v : want.data)
    scale = std::max(scale, std::fabs(v));
  double worst = 0;
  for (size_t i = 0; i < want.size(); ++i)
    worst = std::max(worst, std::fabs(got.data()[i] - want.data[i]) / scale);
  return worst;
}

class HalideMatchesReference : public ::testing::TestWithParam<const char *> {
protected:
  void SetUp() override {
    registerAllDialects(registry);
    context = std::make_unique<mlir::MLIRContext>(registry);
    std::string path = std::string(GENC_SOURCE_DIR) + "/" + GetParam() + ".gen";
    std::string error;
    auto file = mlir::openInputFile(path, &error);
    ASSERT_TRUE(file) << error;
    sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
    frontend::MLIRGenOptions options;
    options.batchSize = 4;
    module = frontend::importGenFile(sourceMgr, context.get(), options);
    ASSERT_TRUE(module);
    auto lower = [&](mlir::ModuleOp m, bool updates) {
      mlir::PassManager pm(context.get());
      mlir::OpPassManager &model = pm.nest<gen::ModelOp>();
      model.addPass(gen::createInlineNetsPass());
      model.addPass(mlir::createCanonicalizerPass());
      model.addPass(gen::createAutodiffPass());
      if (updates)
        model.addPass(gen::createLowerOptimizerPass());
      model.addPass(mlir::createCanonicalizerPass());
      model.addPass(mlir::createCSEPass());
      return pm.run(m);
    };
    gradients = module->clone();
    ASSERT_TRUE(mlir::succeeded(lower(*gradients, false)));
    ASSERT_TRUE(mlir::succeeded(lower(*module, true)));
  }

  mlir::DialectRegistry registry;
  std::unique_ptr<mlir::MLIRContext> context;
  llvm::SourceMgr sourceMgr;
  mlir::OwningOpRef<mlir::ModuleOp> module, gradients;
};

/// Parameters whose gradient is zero up to rounding (relative to the
/// step's largest gradient), e.g. a bias followed by batch_norm: Adam
/// divides their rounding noise by its own magnitude, so fp32 and fp64
/// updates legitimately differ and are not compared.
std::set<std::string> zeroGradientParams(gen::StepOp step, const reference::Environment &env) {
  auto result = reference::Interpreter().runStep(step, env);
  std::set<std::string> zero;
  if (mlir::failed(result))
    return zero;
  double scale = 0;
  for (auto &[name, g] : result->gradients)
    for (double v : g.data)
      scale = std::max(scale, std::fabs(v));
  for (auto &[name, g] : result->gradients) {
    double largest = 0;
    for (double v : g.data)
      largest = std::max(largest, std::fabs(v));
    if (largest <= 1e-9 * scale)
      zero.insert(name);
  }
  return zero;
}

TEST_P(HalideMatchesReference, TrainingSteps) {
  gen::ModelOp model = *module->getOps<gen::ModelOp>().begin();
  reference::Environment env;
  env.params = reference::initializeParams(model, 3);
  env.inputs = reference::makeCheckInputs(model, 3);
  env.states = reference::initializeStates(model);
  // Non-zero optimizer state, so the update's use of it is checked too.
  for (auto &[name, state] : env.states)
    for (size_t i = 0; i < state.size(); ++i)
      state.data[i] = name.find(".t") != std::string::npos ? 2.0 : 1e-3 * double(i % 7);
  env.random = reference::makeReplayingRandom(3);
  reference::Environment gradientEnv = env;
  gradientEnv.random = reference::makeReplayingRandom(3);
  auto gradientSteps = llvm::to_vector(
      (*gradients->getOps<gen::ModelOp>().begin()).getBody().getOps<gen::StepOp>());
  Halide::Target target = Halide::get_host_target();
  size_t stepIndex = 0;
  for (gen::StepOp step : model.getBody().getOps<gen::StepOp>()) {
    std::set<std::string> zero = zeroGradientParams(gradientSteps[stepIndex++], gradientEnv);
    auto expected = reference::Interpreter().runStep(step, env);
    ASSERT_TRUE(mlir::succeeded(expected));
    auto lowered = halide::lowerStep(step, target);
    ASSERT_TRUE(mlir::succeeded(lowered));
    for (halide::PipelineInput &in : lowered->inputs) {
      reference::Tensor value;
      switch (in.kind) {
      case halide::PipelineInput::Kind::Input: value = env.inputs.at(in.name); break;
      case halide::PipelineInput::Kind::Param: value = env.params.at(in.name); break;
      case halide::PipelineInput::Kind::State: value = env.states.at(in.name); break;
      case halide::PipelineInput::Kind::Random: value = env.random(in.randomOp); break;
      case halide::PipelineInput::Kind::Argument: FAIL() << "a step has no arguments";
      }
      in.param.set(toBuffer(value));
    }
    std::vector<Halide::Buffer<>> outputs;
    for (const halide::PipelineOutput &out : lowered->outputs)
      outputs.push_back(Halide::Buffer<float>(std::vector<int>(out.shape.rbegin(), out.shape.rend())));
    Halide::Realization realization(outputs);
    lowered->pipeline().realize(realization, target);
    for (size_t i = 0; i < lowered->outputs.size(); ++i) {
      const halide::PipelineOutput &out = lowered->outputs[i];
      Halide::Buffer<float> got = outputs[i];
      bool noiseOnly = llvm::any_of(zero, [&](const std::string &p) {
        return out.name == p || llvm::StringRef(out.name).endswith("." + p);
      });
      if (noiseOnly)
        continue;
      reference::Tensor want;
      if (out.kind == halide::PipelineOutput::Kind::Objective)
        want = reference::Tensor({}, expected->objective);
      else if (out.kind == halide::PipelineOutput::Kind::Param)
        want = expected->newParams.at(out.name);
      else
        want = expected->newStates.at(out.name);
      // fp32 against fp64: 1e-4 of the tensor's scale. Updated parameters
      // and moments get 2e-4: Adam divides each gradient by its running
      // magnitude, which amplifies fp32 summation-order differences of
      // small gradients (dcgan's batch_norm shifts reach 1.1e-4).
      double tolerance = out.kind == halide::PipelineOutput::Kind::Objective ? 1e-4 : 2e-4;
      EXPECT_LT(relativeError(got, want), tolerance)
          << GetParam() << "." << step.getSymName().str() << " output " << out.name;
    }
  }
}

/// "test/Autodiff/conv2d-uneven-pad" -> "conv2d_uneven_pad".
std::string modelName(const ::testing::TestParamInfo<const char *> &info) {
  std::string name = llvm::StringRef(info.param).rsplit('/').second.str();
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Examples, HalideMatchesReference,
                         ::testing::Values("dsl_examples/vae", "dsl_examples/cvae",
                                           "dsl_examples/gan_toy1d", "dsl_examples/gan_mlp",
                                           "dsl_examples/dcgan", "dsl_examples/gmm",
                                           "dsl_examples/classifier", "dsl_examples/gan_ring2d"),
                         modelName);

// Every op, one small model each (the gradient checks' models): forward,
// backward and update kernels against the fp64 interpreter.
INSTANTIATE_TEST_SUITE_P(
    Ops, HalideMatchesReference,
    ::testing::Values("test/Autodiff/arithmetic", "test/Autodiff/batch_norm",
                      "test/Autodiff/conv2d", "test/Autodiff/conv2d-uneven-pad",
                      "test/Autodiff/conv_transpose2d", "test/Autodiff/dense",
                      "test/Autodiff/elementwise", "test/Autodiff/gan", "test/Autodiff/losses",
                      "test/Autodiff/pow-zero-base", "test/Autodiff/reductions",
                      "test/Autodiff/reparam", "test/Autodiff/shape"),
    modelName);
} // namespace
