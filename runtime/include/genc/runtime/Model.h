//===- Model.h - A compiled model's state and calls ----------------*- C++ -*-===//
//
// A Model owns what a compiled model's functions read and write: the
// parameters, the optimizer state and the noise generator. It calls a
// compiled function by binding each argument the manifest lists (inputs by
// name, parameters and state from its maps, fresh noise for random
// arguments) and installing the new parameter and state values the function
// returns. Every function runs at the batch size it was compiled for.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_MODEL_H
#define GENC_RUNTIME_MODEL_H

#include "genc/runtime/Kernels.h"
#include "genc/runtime/Manifest.h"
#include "genc/runtime/Rng.h"

#include "HalideBuffer.h"

#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

namespace genc::rt {

using Tensor = Halide::Runtime::Buffer<float>;

/// A zero-filled tensor of a row-major shape (gen's layout: Halide's
/// dimensions are the reverse).
Tensor makeTensor(const std::vector<int64_t> &shape);
/// The row-major shape of a tensor.
std::vector<int64_t> shapeOf(const Tensor &t);

/// The host data of `t` after checking it has row-major shape `shape`
/// (throws RuntimeError naming `what` otherwise).
const float *checkedData(const Tensor &t, const char *what, const std::vector<int64_t> &shape);

/// Named row-major batches: rows x per-example shape, host memory.
using Batch = std::map<std::string, const float *>;

/// What `genc compile --shared` (and `genc train`'s cache) writes for one
/// model at one batch size: PREFIX.manifest.json and PREFIX.so.
struct CompiledBuild {
  Manifest manifest;
  std::unique_ptr<SharedLibraryKernels> kernels;
  static CompiledBuild load(const std::string &prefix);
};

class Model {
public:
  /// `kernels` must outlive the model.
  Model(Manifest manifest, const KernelSource &kernels, uint64_t seed = 0);
  Model(const Model &) = delete;
  Model &operator=(const Model &) = delete;
  ~Model();

  /// Draws every parameter from its initializer and zeroes the state.
  /// Parameters seeded from data (`init kmeans_pp(x)`) take their rows from
  /// `examples` (`count` rows of each input, by name), which must hold that
  /// input. A model constructed without examples refuses to run until
  /// initialize() has them or load() restores a checkpoint.
  void initialize(uint64_t seed, const Batch &examples = {}, int64_t count = 0);

  /// Runs training step `name` on `rows` examples; returns the objective
  /// (as the model defines it: the batch mean).
  float step(const std::string &name, const Batch &batch, int64_t rows);
  /// The objective of step `name` without updating anything.
  float loss(const std::string &name, const Batch &batch, int64_t rows);
  /// Each example's objective of step `name` (a full batch), whose mean is
  /// `loss`; throws when the objective is not a mean over the examples.
  std::vector<float> lossExamples(const std::string &name, const Batch &batch);
  /// Data-parallel training's halves of step `name` (compiled as
  /// gradient and update functions). `gradients` runs the forward and
  /// backward on this process's share of the batch, `rows` examples, and
  /// writes the objective, then every gradient (in the order of the
  /// gradient function's results), into `flat`; its noise is this share's
  /// rows of the noise the whole batch would draw (setShard). `update` applies the
  /// optimizer to the gradients in `flat` (the same layout, summed and
  /// averaged over the processes).
  void gradients(const std::string &name, const Batch &batch, int64_t rows,
                 std::vector<float> &flat);
  void update(const std::string &name, const std::vector<float> &flat);
  /// This process's share of every batch: share `index` of `count` equal
  /// row ranges. Random arguments of gradient functions then draw the whole
  /// batch's noise and keep the share's rows, so every draw depends on the
  /// example's place in the batch, not on the process count.
  void setShard(int index, int count) {
    shardIndex_ = index;
    shardCount_ = count;
  }

  /// Applies function `name` of `kind` (a net, or a declaration: latent,
  /// generate, reconstruct, log_weight, discriminate, classify) to `rows`
  /// examples (a batch size it is compiled for): input and argument values
  /// by name from `arguments`, parameters and state from the model, fresh
  /// draws of the model's noise generator for random arguments. One tensor
  /// per result.
  std::vector<Tensor> apply(FunctionSpec::Kind kind, const std::string &name,
                            const Batch &arguments, int64_t rows);
  /// apply() for net `name`.
  std::vector<Tensor> net(const std::string &name, const Batch &arguments, int64_t rows) {
    return apply(FunctionSpec::Kind::Net, name, arguments, rows);
  }

  bool hasStep(const std::string &name) const;
  bool hasNet(const std::string &name) const;
  /// The batch sizes at which step/loss/net `name` of this kind is compiled.
  std::vector<int64_t> batchSizes(FunctionSpec::Kind kind, const std::string &name) const;

  /// Writes parameters, and the optimizer state as "state/<name>", to a
  /// safetensors file (atomically) with `metadata`.
  void save(const std::string &path, std::map<std::string, std::string> metadata = {});
  /// The name of a parameter holding a NaN or an infinity, if any: a
  /// diverged model is never saved as a checkpoint.
  std::optional<std::string> nonFiniteParam();
  /// Restores parameters (all required, shapes checked) and the optimizer
  /// state (when present); returns the file's metadata.
  std::map<std::string, std::string> load(const std::string &path);

  const Manifest &manifest() const { return manifest_; }
  std::map<std::string, Tensor> &params() { return params_; }
  std::map<std::string, Tensor> &states() { return states_; }
  /// The generator of the random arguments (reparameterization noise...).
  Rng &noise() { return noise_; }

  /// Parameter averaging (Polyak; an exponential moving average): after
  /// each step, every parameter it updated moves into its running average
  /// avg = beta avg + (1 - beta) p, debiased by the weight w = beta w +
  /// (1 - beta) the average has gathered. GAN training oscillates around
  /// its equilibrium; the average sits near the centre. Saved in checkpoints
  /// (`average/<name>`, weights in the metadata) and loaded back.
  void enableAveraging(double beta);
  /// Whether parameter averages exist (averaging on, or a checkpoint had them).
  bool hasAverages() const { return !averages_.empty(); }
  /// The running averages by parameter name, not debiased (host copies
  /// current after syncToHost()).
  const std::map<std::string, Tensor> &averages() const { return averages_; }
  /// Swaps the parameters with their debiased averages (and back when
  /// called again); a parameter never updated keeps its value.
  void swapInAverages();

  /// Makes host copies current (after steps on a GPU).
  void syncToHost();
  void setThreads(int threads) const;

private:
  struct Compiled {
    const FunctionSpec *spec;
    EntryPoint entry;
    std::map<std::string, Tensor> inputs; // persistent staging buffers
    std::vector<Tensor> spare;            // results' buffers for reuse
  };
  Compiled &lookup(FunctionSpec::Kind kind, const std::string &name, int64_t rows);
  /// initialize(); without `examples` (construction), parameters seeded from
  /// data stay zero and `unseeded_` names one of them.
  void initializeParams(uint64_t seed, const Batch *examples, int64_t count);
  /// Runs `fn`, installing new parameters and state; the other results stay
  /// in fn.spare (in result order, parameters and state skipped).
  void run(Compiled &fn, const Batch &batch);
  /// run(), then copies of the other results.
  std::vector<Tensor> call(Compiled &fn, const Batch &batch);
  void drawNoise(const ArgumentSpec &arg, Tensor &staging, bool shared);
  int shardIndex_ = 0, shardCount_ = 1;

  Manifest manifest_;
  const KernelSource &kernels_;
  std::map<std::string, Compiled> compiled_; // key: kind/name/batch
  std::map<std::string, Tensor> params_;
  std::map<std::string, Tensor> states_;
  double beta_ = 0;
  std::map<std::string, Tensor> averages_; // raw (not debiased), where the parameters are
  std::map<std::string, double> averageWeights_;
  bool averagesSwappedIn_ = false;
  std::map<std::string, Tensor> trainedParams_; // while the averages are swapped in
  /// Runs step `step`'s averaging function (after the step trained).
  void updateAverages(const std::string &step);
  Rng noise_;
  std::string unseeded_; // a parameter still waiting for its examples
};

} // namespace genc::rt

#endif // GENC_RUNTIME_MODEL_H
