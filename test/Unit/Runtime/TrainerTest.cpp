//===- TrainerTest.cpp - What the trainer refuses before it starts --------===//
#include "TestUtil.h"

#include "genc/runtime/Communicator.h"
#include "genc/runtime/Model.h"
#include "genc/runtime/Trainer.h"

#include <gtest/gtest.h>

using namespace genc::rt;

namespace {
/// `count` processes as rank 0 sees them, for the checks before training
/// (nothing is summed or sent).
class PretendProcesses : public Communicator {
public:
  explicit PretendProcesses(int count) : count_(count) {}
  int rank() const override { return 0; }
  int size() const override { return count_; }
  void sum(float *, size_t) override {}
  void broadcast(void *, size_t) override {}
  std::vector<uint64_t> gather(uint64_t value) override { return {value}; }
  void barrier() override {}
  [[noreturn]] void abort(int code) override { throw RuntimeError("aborted"); }

private:
  int count_;
};

/// Model batch 4, its step 'fit' compiled as data-parallel halves for two
/// processes: gradients at batch 2, then the update.
Manifest twoShares() {
  return Manifest::parse(R"({"model": "m", "target": "host", "batch_size": 4,
      "inputs": [{"name": "x", "shape": [3]}],
      "params": [{"name": "net.p", "net": "net", "shape": [3], "init": "ones", "init_args": []}],
      "states": [],
      "functions": [
      {"function": "m_fit_gradient", "kind": "gradient", "name": "fit", "batch_size": 2,
       "updates": ["net"],
       "arguments": [{"kind": "input", "name": "x", "shape": [2, 3]},
                     {"kind": "param", "name": "net.p", "shape": [3]}],
       "outputs": [{"kind": "objective", "name": "objective", "shape": []},
                   {"kind": "gradient", "name": "net.p", "shape": [3]}]},
      {"function": "m_fit_update", "kind": "update", "name": "fit", "batch_size": 4,
       "updates": ["net"],
       "arguments": [{"kind": "gradient", "name": "net.p", "shape": [3]},
                     {"kind": "param", "name": "net.p", "shape": [3]}],
       "outputs": [{"kind": "param", "name": "net.p", "shape": [3]}]}],
      "train": {"schedule": [{"step": "fit", "repeats": 1}], "optimizer": "sgd",
                "hyperparams": {}}})",
                         "m.json");
}

// Each process runs the gradients on its share of the batch: a build for
// two shares cannot train on four processes, though four divide the batch.
TEST(Trainer, RefusesAProcessCountTheGradientsAreNotCompiledFor) {
  Manifest manifest = twoShares();
  StaticKernels kernels = handWrittenKernels({{"m_fit_gradient", nullptr},
                                              {"m_fit_update", nullptr}});
  Model model(manifest, kernels, 1);
  PretendProcesses four(4);
  TrainOptions options;
  options.processes = &four;
  EXPECT_EQ(errorOf([&] { train(model, Data{}, options); }),
            "step 'fit' is compiled for data-parallel training over 2 processes, not 4 "
            "(genc compile --shares 4)");
  SingleProcess alone;
  options.processes = &alone;
  EXPECT_EQ(errorOf([&] { train(model, Data{}, options); }),
            "the train clause names step 'fit', which is not compiled");
}
} // namespace
