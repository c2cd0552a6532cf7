//===- GenToHalideTest.cpp - Halide pipelines against the interpreter -----===//
//
// Every training step (forward, backward and optimizer update) and every
// net of every example model, JIT-compiled by Halide in fp32, must agree with
// the double-precision reference interpreter on the same seeded inputs; so
// must small models that take each convolution schedule path. Each runs at
// every x86 vector width the host can execute: its own (AVX-512 here), AVX2
// (8 lanes, 16 registers) and SSE4.1 (4 lanes, NEON's width), so the
// policy's tiles for each width are checked natively.
//
//===----------------------------------------------------------------------===//
#include "genc/Conversion/GenToHalide/GenToHalide.h"
#include "genc/Dialect/Gen/Transforms/Passes.h"
#include "genc/Frontend/MLIRGen.h"
#include "genc/InitAll.h"
#include "genc/Reference/GradientCheck.h"
#include "genc/Target/ModelCompiler.h"
#include "genc/runtime/HostTarget.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/SourceMgr.h"
#include <gtest/gtest.h>

#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <random>
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

/// A model lowered three times: with optimizer updates (`module`), with
/// gradients only (`gradients`), and reduced to the updates (`updates`).
class LoweredModel {
public:
  /// Imports `buffer` (.gen source) at batch `batch`.
  ::testing::AssertionResult load(std::unique_ptr<llvm::MemoryBuffer> buffer, int batch = 4) {
    registerAllDialects(registry);
    context = std::make_unique<mlir::MLIRContext>(registry);
    sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
    frontend::MLIRGenOptions options;
    options.batchSize = batch;
    module = frontend::importGenFile(sourceMgr, context.get(), options);
    if (!module)
      return ::testing::AssertionFailure() << "cannot import the model";
    auto lower = [&](mlir::ModuleOp m, bool updates) {
      mlir::PassManager pm(context.get());
      gen::TrainingPipelineOptions options;
      options.lowerOptimizer = updates;
      gen::buildTrainingPipeline(pm, options);
      return pm.run(m);
    };
    gradients = module->clone();
    updates = module->clone();
    mlir::PassManager updatesOnly(context.get());
    gen::TrainingPipelineOptions extract;
    extract.updatesOnly = true;
    gen::buildTrainingPipeline(updatesOnly, extract);
    if (mlir::failed(lower(*gradients, false)) || mlir::failed(lower(*module, true)) ||
        mlir::failed(updatesOnly.run(*updates)))
      return ::testing::AssertionFailure() << "cannot lower the model";
    return ::testing::AssertionSuccess();
  }

  mlir::DialectRegistry registry;
  std::unique_ptr<mlir::MLIRContext> context;
  llvm::SourceMgr sourceMgr;
  /// The fused steps, their gradient parts and their update parts (what a
  /// CPU step compiles to, PipelineChain.h).
  mlir::OwningOpRef<mlir::ModuleOp> module, gradients, updates;
};

/// Parameters whose gradient is zero up to rounding (relative to the
/// step's largest gradient), e.g. a bias followed by batch_norm: Adam
/// divides their rounding noise by its own magnitude, so fp32 and fp64
/// updates legitimately differ and are not compared.
std::set<std::string> zeroGradientParams(const reference::StepResult &gradients) {
  std::set<std::string> zero;
  double scale = 0;
  for (auto &[name, g] : gradients.gradients)
    for (double v : g.data)
      scale = std::max(scale, std::fabs(v));
  for (auto &[name, g] : gradients.gradients) {
    double largest = 0;
    for (double v : g.data)
      largest = std::max(largest, std::fabs(v));
    if (largest <= 1e-9 * scale)
      zero.insert(name);
  }
  return zero;
}

/// Realizes `pipeline` on `target` with every input bound to `valueOf` it.
std::vector<Halide::Buffer<float>>
realizeWith(halide::LoweredPipeline &pipeline, const Halide::Target &target,
            const std::function<reference::Tensor(const halide::PipelineInput &)> &valueOf) {
  for (halide::PipelineInput &in : pipeline.inputs)
    in.param.set(toBuffer(valueOf(in)));
  std::vector<Halide::Buffer<>> outputs;
  for (const halide::PipelineOutput &out : pipeline.outputs)
    outputs.push_back(Halide::Buffer<float>(std::vector<int>(out.shape.rbegin(), out.shape.rend())));
  Halide::Realization realization(outputs);
  pipeline.pipeline().realize(realization, target);
  return {outputs.begin(), outputs.end()};
}

/// Runs every training step of `lowered` through Halide (JIT, host) and
/// the fp64 interpreter on the same seeded inputs, parameters and states,
/// and compares every output; `what` names the model in failures. So do
/// the step's two parts: the gradient part's gradients, and the update
/// part's results from the interpreter's gradients.
void expectStepsMatch(LoweredModel &lowered, const std::string &what,
                      const Halide::Target &target) {
  mlir::OwningOpRef<mlir::ModuleOp> &module = lowered.module, &gradients = lowered.gradients;
  gen::ModelOp model = *module->getOps<gen::ModelOp>().begin();
  reference::Environment env;
  env.params = reference::makeCheckParams(model, 3);
  env.inputs = reference::makeCheckInputs(model, 3);
  env.states = reference::initializeStates(model);
  // Non-zero optimizer state, so the update's use of it is checked too.
  for (auto &[name, state] : env.states)
    for (size_t i = 0; i < state.size(); ++i)
      state.data[i] = name.find(".t") != std::string::npos ? 2.0 : 1e-3 * double(i % 7);
  env.random = reference::makeReplayingRandom(3);
  reference::Environment gradientEnv = env;
  gradientEnv.random = reference::makeReplayingRandom(3);
  auto stepsOf = [](mlir::ModuleOp m) {
    return llvm::to_vector((*m.getOps<gen::ModelOp>().begin()).getBody().getOps<gen::StepOp>());
  };
  auto gradientSteps = stepsOf(*gradients), updateSteps = stepsOf(*lowered.updates);
  size_t stepIndex = 0;
  for (gen::StepOp step : model.getBody().getOps<gen::StepOp>()) {
    gen::StepOp gradientStep = gradientSteps[stepIndex], updateStep = updateSteps[stepIndex];
    ++stepIndex;
    auto expected = reference::Interpreter().runStep(step, env);
    auto expectedGradients = reference::Interpreter().runStep(gradientStep, gradientEnv);
    ASSERT_TRUE(mlir::succeeded(expected) && mlir::succeeded(expectedGradients));
    std::set<std::string> zero = zeroGradientParams(*expectedGradients);
    auto valueOf = [&](reference::Environment &from, bool readsGradients) {
      return [&, readsGradients](const halide::PipelineInput &in) -> reference::Tensor {
        switch (in.kind) {
        case halide::PipelineInput::Kind::Input: return from.inputs.at(in.name);
        case halide::PipelineInput::Kind::Param: return from.params.at(in.name);
        case halide::PipelineInput::Kind::State: return from.states.at(in.name);
        case halide::PipelineInput::Kind::Random: return from.random(in.randomOp);
        case halide::PipelineInput::Kind::Gradient:
          if (readsGradients)
            return expectedGradients->gradients.at(in.name);
          break;
        case halide::PipelineInput::Kind::Argument:
        case halide::PipelineInput::Kind::Average:
        case halide::PipelineInput::Kind::Decay: break;
        }
        ADD_FAILURE() << "a step has no arguments nor averages, and only an update part reads "
                         "gradients";
        return {};
      };
    };
    auto compare = [&](halide::LoweredPipeline &pipeline, reference::Environment &from,
                       const reference::StepResult &want, const std::string &part) {
      bool updatePart = part == " update part";
      std::vector<Halide::Buffer<float>> outputs =
          realizeWith(pipeline, target, valueOf(from, updatePart));
      for (size_t i = 0; i < pipeline.outputs.size(); ++i) {
        const halide::PipelineOutput &out = pipeline.outputs[i];
        bool noiseOnly = llvm::any_of(zero, [&](const std::string &p) {
          return out.name == p || llvm::StringRef(out.name).endswith("." + p);
        });
        // (An update part's objective is a placeholder zero.)
        bool placeholder = updatePart && out.kind == halide::PipelineOutput::Kind::Objective;
        if (noiseOnly || placeholder)
          continue;
        reference::Tensor expectedValue;
        switch (out.kind) {
        case halide::PipelineOutput::Kind::Objective:
          expectedValue = reference::Tensor({}, want.objective);
          break;
        case halide::PipelineOutput::Kind::Gradient: expectedValue = want.gradients.at(out.name); break;
        case halide::PipelineOutput::Kind::Param: expectedValue = want.newParams.at(out.name); break;
        default: expectedValue = want.newStates.at(out.name); break;
        }
        // fp32 against fp64: 1e-4 of the tensor's scale. Updated parameters
        // and moments get 5e-4: Adam divides each gradient by its running
        // magnitude, which amplifies fp32 summation-order differences of
        // small gradients (dcgan's batch_norm shifts reach 1.1e-4 at 16
        // lanes, 4.1e-4 at 4 lanes, where the sums run in other orders).
        bool exact = out.kind == halide::PipelineOutput::Kind::Objective ||
                     out.kind == halide::PipelineOutput::Kind::Gradient;
        EXPECT_LT(relativeError(outputs[i], expectedValue), exact ? 1e-4 : 5e-4)
            << what << "." << step.getSymName().str() << part << ", output " << out.name
            << " on " << target.to_string();
      }
    };
    auto fused = halide::lowerStep(step, target);
    auto gradientPart = halide::lowerStep(gradientStep, target);
    auto updatePart = halide::lowerStep(updateStep, target);
    ASSERT_TRUE(mlir::succeeded(fused) && mlir::succeeded(gradientPart) &&
                mlir::succeeded(updatePart));
    compare(*fused, env, *expected, "");
    compare(*gradientPart, gradientEnv, *expectedGradients, " gradient part");
    compare(*updatePart, env, *expected, " update part");
  }
}

/// The model file GENC_SOURCE_DIR/`relative`.gen (null, with a test
/// failure saying why, when it cannot be read).
std::unique_ptr<llvm::MemoryBuffer> openModel(const std::string &relative) {
  std::string error;
  auto file = mlir::openInputFile(std::string(GENC_SOURCE_DIR) + "/" + relative + ".gen", &error);
  if (!file)
    ADD_FAILURE() << error;
  return file;
}

/// The CPU targets the kernels are checked on, by name: "host", or a
/// Halide target string.
const char *const kCpuTargets[] = {"host", "x86-64-linux-avx2-fma-sse41-f16c",
                                   "x86-64-linux-sse41"};

/// The Halide target `name`, or none when this machine cannot run it.
std::optional<Halide::Target> runnableTarget(const std::string &name) {
  auto target = target::parseTarget(name);
  if (!target) {
    llvm::consumeError(target.takeError());
    return std::nullopt;
  }
  if (rt::cannotRunHere(target->to_string()))
    return std::nullopt;
  return *target;
}

/// "x86-64-linux-avx2-fma-sse41-f16c" -> "avx2", "host" -> "host".
std::string targetLabel(const std::string &name) {
  llvm::StringRef rest = llvm::StringRef(name).drop_front(std::min<size_t>(name.size(), 13));
  return name == "host" ? name : rest.split('-').first.str();
}

using ModelOnTarget = std::tuple<const char *, const char *>;

class HalideMatchesReference : public ::testing::TestWithParam<ModelOnTarget> {};

TEST_P(HalideMatchesReference, TrainingSteps) {
  auto [path, targetName] = GetParam();
  std::optional<Halide::Target> target = runnableTarget(targetName);
  if (!target)
    GTEST_SKIP() << "this machine cannot run " << targetName;
  auto file = openModel(path);
  ASSERT_TRUE(file);
  LoweredModel lowered;
  ASSERT_TRUE(lowered.load(std::move(file)));
  expectStepsMatch(lowered, path, *target);
}

/// ("test/Autodiff/conv2d-uneven-pad", avx2) -> "conv2d_uneven_pad_avx2".
std::string modelName(const ::testing::TestParamInfo<ModelOnTarget> &info) {
  std::string name = llvm::StringRef(std::get<0>(info.param)).rsplit('/').second.str();
  std::replace(name.begin(), name.end(), '-', '_');
  return name + "_" + targetLabel(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(
    Examples, HalideMatchesReference,
    ::testing::Combine(::testing::Values("dsl_examples/vae", "dsl_examples/cvae",
                                         "dsl_examples/gan_toy1d", "dsl_examples/gan_mlp",
                                         "dsl_examples/dcgan", "dsl_examples/gmm",
                                         "dsl_examples/classifier", "dsl_examples/gan_ring2d"),
                       ::testing::ValuesIn(kCpuTargets)),
    modelName);

// Every op, one small model each (the gradient checks' models): forward,
// backward and update kernels against the fp64 interpreter.
INSTANTIATE_TEST_SUITE_P(
    Ops, HalideMatchesReference,
    ::testing::Combine(
        ::testing::Values("test/Autodiff/arithmetic", "test/Autodiff/batch_norm",
                          "test/Autodiff/conv2d", "test/Autodiff/conv2d-uneven-pad",
                          "test/Autodiff/conv_transpose2d", "test/Autodiff/dense",
                          "test/Autodiff/elementwise", "test/Autodiff/gan", "test/Autodiff/losses",
                          "test/Autodiff/pow-zero-base", "test/Autodiff/reductions",
                          "test/Autodiff/reparam", "test/Autodiff/shape"),
        ::testing::ValuesIn(kCpuTargets)),
    modelName);

/// One model per schedule path: each convolution path of ConvSchedule.cpp,
/// with shapes that exercise its tails (the steps hold the forward op, its
/// filter gradient and, through a first layer, the op that carries its input
/// gradient), and the policy's paths for narrow rows and sums over innermost
/// dimensions, at shapes large enough for their parallel forms, at every
/// vector width (kCpuTargets).
struct ScheduleCase {
  const char *name, *source;
  int batch = 4;
  const char *path = nullptr; // instead of `source`: a .gen file shared with lit tests
};

const char kConvChannels[] = R"(model conv_channels {
  input x : f32[3, 9, 9]
  net f(x: f32[3, 9, 9]) -> f32 {
    h = tanh(conv2d(x, 16, kernel = 3, pad = 1))
    return sum(tanh(conv2d(h, 32, kernel = 4, stride = 2, pad = 1)))
  }
  step s updates f { minimize f(x) }
  train alternate(s) with sgd(lr = 0.1)
})";

const ScheduleCase scheduleCases[] = {
    // kConvChannels: conv2d with 16 and 32 output channels (channel tiles); filter
    // gradients with 16 and 32 filters (wide); the second layer's input
    // gradient is a transposed conv with 16 output channels whose extent
    // (4 - 1) 2 + 4 - 2 = 8 misses the input's 9 rows (a slice and a pad).
    {"conv_channels", kConvChannels},
    // The same at batch 1: the threads share the rows of the one image.
    {"conv_channels_batch1", kConvChannels, 1},
    // Fewer channels than lanes: conv2d and conv_transpose2d vectorized over
    // columns, narrow filter gradients; the transposed conv's input gradient
    // is a 3-channel conv2d.
    {"conv_pixels", R"(model conv_pixels {
  input x : f32[2, 8, 8]
  net f(x: f32[2, 8, 8]) -> f32 {
    h = tanh(conv2d(x, 3, kernel = 3, stride = 2, pad = 1))
    return sum(sigmoid(conv_transpose2d(h, 2, kernel = 4, stride = 2, pad = 1)))
  }
  step s updates f { minimize f(x) }
  train alternate(s) with sgd(lr = 0.1)
})"},
    // conv_transpose2d with 16 output channels (channel tiles over stride
    // phases), whose input gradient is a conv2d with 20 output channels (a
    // shifted channel tile); then a 1-channel transposed conv with an odd
    // kernel (k mod s != 0: zero taps in one phase) by phases.
    {"deconv", R"(model deconv {
  input x : f32[20, 3, 3]
  net f(x: f32[20, 3, 3]) -> f32 {
    h = relu(conv_transpose2d(x, 16, kernel = 4, stride = 2, pad = 1))
    return sum(sigmoid(conv_transpose2d(h, 1, kernel = 3, stride = 2)))
  }
  step s updates f { minimize f(x) }
  train alternate(s) with sgd(lr = 0.1)
})"},
    // Matmul epilogues (the model whose loop nests schedules.test checks),
    // with tails (48 columns in 32-wide tiles, 12 rows in 8-row tiles):
    // bias + leaky_relu in the first layer's tiles; `a` is
    // read twice, so it is the epilogue of its matmul; the third matmul's
    // bias, sigmoid and the sum with tanh(a) form one epilogue. Backward,
    // the two input-gradient matmuls of h share the tiles of their sum
    // times the leaky_relu slope.
    {"matmul_epilogues", nullptr, 12, "test/Target/Inputs/epilogues"},
    // A reshape that keeps the batch (into channels of rows and columns)
    // and flattens back, through a convolution.
    {"reshapes", nullptr, 64, "test/Target/Inputs/reshapes"},
    // Sums over rows in parallel chunks of vectors, the last one ragged at
    // every width: a dense batch_norm's statistics and their gradients.
    {"column_sums", nullptr, 64, "test/Target/Inputs/column-sums"},
    // 14-wide rows (fused into whole vectors), batch_norm statistics and
    // the bias gradient (sums over batch and space, vectorized along space),
    // 64 x 8 x 14 x 14 elementwise passes in parallel tasks. (Adam's fused
    // outputs need larger parameters: vae.gen above has them.)
    {"narrow_rows", R"(model narrow_rows {
  input x : f32[8, 14, 14]
  net f(x: f32[8, 14, 14]) -> f32 {
    h = leaky_relu(batch_norm(x), alpha = 0.2)
    return sum(sigmoid(conv2d(h, 16, kernel = 3, pad = 1))) + sum(h * h)
  }
  step s updates f { minimize f(x) }
  train alternate(s) with adam(lr = 0.01)
})",
     64},
};

using CaseOnTarget = std::tuple<ScheduleCase, const char *>;

class SchedulePathsMatchReference : public ::testing::TestWithParam<CaseOnTarget> {};

TEST_P(SchedulePathsMatchReference, TrainingSteps) {
  auto [scheduleCase, targetName] = GetParam();
  std::optional<Halide::Target> target = runnableTarget(targetName);
  if (!target)
    GTEST_SKIP() << "this machine cannot run " << targetName;
  LoweredModel lowered;
  std::string name = scheduleCase.name;
  std::unique_ptr<llvm::MemoryBuffer> source;
  if (scheduleCase.path) {
    source = openModel(scheduleCase.path);
    ASSERT_TRUE(source);
  } else {
    source = llvm::MemoryBuffer::getMemBufferCopy(scheduleCase.source, name + ".gen");
  }
  ASSERT_TRUE(lowered.load(std::move(source), scheduleCase.batch));
  expectStepsMatch(lowered, name, *target);
}

INSTANTIATE_TEST_SUITE_P(Paths, SchedulePathsMatchReference,
                         ::testing::Combine(::testing::ValuesIn(scheduleCases),
                                            ::testing::ValuesIn(kCpuTargets)),
                         [](const ::testing::TestParamInfo<CaseOnTarget> &info) {
                           return std::string(std::get<0>(info.param).name) + "_" +
                                  targetLabel(std::get<1>(info.param));
                         });
} // namespace

namespace {
/// The averaging kernel (--average) of a step moves each parameter the
/// step trains, and only those, into its running average: decay * average
/// + (1 - decay) * param, per element, at every vector width (the 256 x
/// 300 weight takes the policy's parallel row loop, the 7-wide bias a
/// partial vector).
class AveragingKernel : public ::testing::TestWithParam<const char *> {};

TEST_P(AveragingKernel, MovesTrainedParametersIntoTheirAverages) {
  std::optional<Halide::Target> target = runnableTarget(GetParam());
  if (!target)
    GTEST_SKIP() << "this machine cannot run " << GetParam();
  LoweredModel lowered;
  std::string source = "model t {\n  input x : f32[256]\n"
                       "  net f(x: f32[256]) -> f32[7] { return dense(relu(dense(x, 300)), 7) }\n"
                       "  net g(y: f32[7]) -> f32[1] { return dense(y, 1) }\n"
                       "  step s updates f { minimize mean(g(f(x))) }\n"
                       "  train s with adam(lr = 0.1)\n}\n";
  ASSERT_TRUE(lowered.load(llvm::MemoryBuffer::getMemBufferCopy(source, "t.gen"), 4));
  gen::ModelOp model = *lowered.module->getOps<gen::ModelOp>().begin();
  auto step = halide::lowerStep(*model.getBody().getOps<gen::StepOp>().begin(), *target);
  ASSERT_TRUE(mlir::succeeded(step));
  auto averaging = halide::lowerAveraging(*step, "t_s_average", *target);
  ASSERT_TRUE(mlir::succeeded(averaging));
  std::set<std::string> averaged;
  for (const halide::PipelineOutput &out : averaging->outputs) {
    EXPECT_EQ(out.kind, halide::PipelineOutput::Kind::Average);
    averaged.insert(out.name);
  }
  EXPECT_EQ(averaged, (std::set<std::string>{"f.dense0.w", "f.dense0.b", "f.dense1.w",
                                             "f.dense1.b"}));
  const double decay = 0.9;
  std::map<std::string, reference::Tensor> params, averages;
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> value(-2.0, 2.0);
  auto valueOf = [&](const halide::PipelineInput &in) {
    reference::Tensor t(llvm::ArrayRef<int64_t>(in.shape), decay);
    if (in.kind == halide::PipelineInput::Kind::Decay)
      return t;
    for (double &v : t.data)
      v = static_cast<double>(static_cast<float>(value(rng)));
    (in.kind == halide::PipelineInput::Kind::Param ? params : averages)[in.name] = t;
    return t;
  };
  std::vector<Halide::Buffer<float>> results = realizeWith(*averaging, *target, valueOf);
  for (size_t i = 0; i < results.size(); ++i) {
    const std::string &name = averaging->outputs[i].name;
    reference::Tensor want = averages.at(name);
    for (size_t k = 0; k < want.size(); ++k)
      want.data[k] = decay * want.data[k] + (1 - decay) * params.at(name).data[k];
    EXPECT_LE(relativeError(results[i], want), 3e-7) << name << " on " << GetParam();
  }
  // A pipeline that trains nothing has nothing to average.
  halide::LoweredPipeline nothing{"n", {}, {}};
  EXPECT_TRUE(mlir::failed(halide::lowerAveraging(nothing, "n_average", *target)));
}

INSTANTIATE_TEST_SUITE_P(Targets, AveragingKernel, ::testing::ValuesIn(kCpuTargets),
                         [](const ::testing::TestParamInfo<const char *> &info) {
                           return targetLabel(info.param);
                         });

/// Elementwise functions that genc lowers to its own vectorizable forms,
/// per element against libm in double over their whole range: tiny and
/// huge magnitudes, and both sides of each switch between forms.
TEST(ElementwiseAccuracy, TanhAgainstDouble) {
  const int n = 4096;
  LoweredModel lowered;
  std::string source = "model t {\n  input x : f32[" + std::to_string(n) +
                       "]\n  net f(x: f32[" + std::to_string(n) + "]) -> f32[" +
                       std::to_string(n) + "] { return tanh(x) }\n" +
                       "  net g(x: f32[" + std::to_string(n) + "]) -> f32[1] { return dense(x, 1) }\n" +
                       "  step s updates g { minimize sum(g(f(x))) }\n" +
                       "  train s with sgd(lr = 0.1)\n}\n";
  ASSERT_TRUE(lowered.load(llvm::MemoryBuffer::getMemBufferCopy(source, "t.gen"), 1));
  gen::ModelOp model = *lowered.module->getOps<gen::ModelOp>().begin();
  auto pipeline = halide::lowerNet(*model.getBody().getOps<gen::NetOp>().begin(),
                                   Halide::get_host_target());
  ASSERT_TRUE(mlir::succeeded(pipeline));
  Halide::Buffer<float> x(n, 1);
  for (int i = 0; i < n; ++i) {
    double t = -1.0 + 2.0 * i / (n - 1); // dense near 0, out to +-50
    x(i, 0) = static_cast<float>(50 * t * t * t * t * t);
  }
  const float special[] = {0.25f, // the switch from the series to exp
                           std::nextafter(0.25f, 0.0f),
                           -0.25f,
                           1e-30f,
                           1e-40f, // subnormal
                           -0.0f,
                           -1000.0f,
                           std::numeric_limits<float>::infinity(),
                           -std::numeric_limits<float>::infinity(),
                           std::numeric_limits<float>::quiet_NaN()};
  for (size_t i = 0; i < std::size(special); ++i)
    x(static_cast<int>(i), 0) = special[i];
  pipeline->inputs[0].param.set(x);
  Halide::Buffer<float> y(n, 1);
  pipeline->pipeline().realize(y, Halide::get_host_target());
  for (int i = 0; i < n; ++i) {
    double want = std::tanh(static_cast<double>(x(i, 0)));
    if (std::isnan(want)) {
      EXPECT_TRUE(std::isnan(y(i, 0))) << "tanh(NaN) = " << y(i, 0);
      continue;
    }
    EXPECT_LE(std::fabs(y(i, 0) - want), 3e-7 * std::fabs(want))
        << "tanh(" << x(i, 0) << ") = " << y(i, 0) << ", not " << want;
    // (Halide compiles float code without signed zeros: -0 may become 0.)
    if (want != 0) {
      EXPECT_EQ(std::signbit(y(i, 0)), std::signbit(want)) << "tanh(" << x(i, 0) << ")";
    }
  }
}
} // namespace
