//===- AveragingTest.cpp - Parameter averaging through genc::rt::Model ----===//
//
// The runtime's half of --average: after each step that trains parameters,
// the model runs that step's averaging function on the parameters, their
// running averages and the decay, installs the new averages, keeps each
// parameter's weight, swaps in the debiased averages and back, and saves
// and loads them. The kernels are hand-written here; the compiled one is
// checked against its formula in GenToHalideTest.
//
//===----------------------------------------------------------------------===//
#include "TestUtil.h"

#include "genc/runtime/Model.h"

#include <gtest/gtest.h>

using namespace genc::rt;

namespace {
/// Step "fit" of a model with one parameter net.p of two floats, compiled
/// with its averaging function, or without (as an older genc compiled it).
std::string manifestText(bool withAveraging) {
  std::string averaging = R"(,
      {"function": "m_fit_average", "kind": "average", "name": "fit", "batch_size": 4,
       "arguments": [{"kind": "decay", "name": "decay", "shape": []},
                     {"kind": "param", "name": "net.p", "shape": [2]},
                     {"kind": "average", "name": "net.p", "shape": [2]}],
       "outputs": [{"kind": "average", "name": "net.p", "shape": [2]}]})";
  return R"({"model": "m", "target": "host", "batch_size": 4, "inputs": [],
      "params": [{"name": "net.p", "net": "net", "shape": [2], "init": "ones", "init_args": []}],
      "states": [],
      "functions": [
      {"function": "m_fit", "kind": "step", "name": "fit", "batch_size": 4, "updates": ["net"],
       "arguments": [{"kind": "param", "name": "net.p", "shape": [2]}],
       "outputs": [{"kind": "objective", "name": "objective", "shape": []},
                   {"kind": "param", "name": "net.p", "shape": [2]}]})" +
         (withAveraging ? averaging : "") + R"(],
      "train": {"schedule": [{"step": "fit", "repeats": 1}], "optimizer": "sgd",
                "hyperparams": {}}})";
}

/// p <- p + 1 (so 2, 3, 4, ... from ones); objective 0.
int fitStep(void **args) {
  host(args[1])[0] = 0.0f;
  for (int i = 0; i < 2; ++i)
    host(args[2])[i] = host(args[0])[i] + 1.0f;
  return 0;
}

/// average <- decay average + (1 - decay) p.
int fitAverage(void **args) {
  float decay = host(args[0])[0];
  for (int i = 0; i < 2; ++i)
    host(args[3])[i] = decay * host(args[2])[i] + (1 - decay) * host(args[1])[i];
  return 0;
}

TEST(Averaging, AveragesFollowEachTrainingStep) {
  Manifest manifest = Manifest::parse(manifestText(true), "m.json");
  StaticKernels kernels = handWrittenKernels({{"m_fit", fitStep}, {"m_fit_average", fitAverage}});
  Model model(manifest, kernels, 1);
  model.enableAveraging(0.5);
  for (int i = 0; i < 3; ++i)
    model.step("fit", {}, 4);
  // Parameters 2, 3, 4: raw averages 1, 2, 3; weight 1 - 0.5^3.
  EXPECT_EQ(model.params().at("net.p")(1), 4.0f);
  EXPECT_EQ(model.averages().at("net.p")(1), 3.0f);
  model.swapInAverages();
  EXPECT_FLOAT_EQ(model.params().at("net.p")(1), 3.0f / 0.875f);
  model.swapInAverages();
  EXPECT_EQ(model.params().at("net.p")(1), 4.0f);

  // Saved and loaded with their weights: a fresh model continues alike.
  TempDir dir;
  model.save(dir.file("c.safetensors"));
  Model restored(manifest, kernels, 2);
  restored.enableAveraging(0.5);
  restored.load(dir.file("c.safetensors"));
  model.step("fit", {}, 4);
  restored.step("fit", {}, 4);
  EXPECT_EQ(restored.averages().at("net.p")(0), model.averages().at("net.p")(0));
  EXPECT_EQ(restored.averages().at("net.p")(0), 4.0f); // 0.5 * 3 + 0.5 * 5
  restored.swapInAverages();
  EXPECT_FLOAT_EQ(restored.params().at("net.p")(0), 4.0f / 0.9375f);
}

TEST(Averaging, ABuildWithoutAveragingFunctionsSaysSo) {
  Manifest manifest = Manifest::parse(manifestText(false), "m.json");
  StaticKernels kernels = handWrittenKernels({{"m_fit", fitStep}});
  Model model(manifest, kernels, 1);
  EXPECT_EQ(errorOf([&] { model.enableAveraging(0.5); }),
            "this build of model 'm' has no averaging function for step 'fit' (compiled by an "
            "older genc): compile it again to train with --average");
  EXPECT_EQ(errorOf([&] { model.enableAveraging(1.0); }),
            "parameter averaging needs 0 < beta < 1, got 1.000000");
}

TEST(Averaging, TheDecayIsAScalar) {
  std::string text = manifestText(true), scalar = R"("name": "decay", "shape": [])";
  text.replace(text.find(scalar), scalar.size(), R"("name": "decay", "shape": [2])");
  EXPECT_EQ(errorOf([&] { Manifest::parse(text, "m.json"); }),
            "m.json: function 'm_fit_average': its decay 'decay' must be a scalar");
}
} // namespace
