//===- Manifest.h - What `genc compile` says about a model ---------*- C++ -*-===//
//
// The manifest (<name>.manifest.json) is the contract between the compiler
// and the runtime: the model's inputs and their data sources, parameters
// with their initializers, optimizer state, every compiled function with its
// argument and result order, and the train clause. The runtime is generic
// over it: no model-specific C++ is needed to train.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_MANIFEST_H
#define GENC_RUNTIME_MANIFEST_H

#include "genc/runtime/Data.h"
#include "genc/runtime/ManifestVocabulary.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace genc::rt {

class Json;

/// Inline, so that the initializers (shared with the compiler) need no manifest code.
inline int64_t elementCount(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

struct TensorSpec {
  std::string name;
  std::vector<int64_t> shape;
};

struct ParamSpec : TensorSpec {
  std::string net;
  std::string init; // zeros, ones, constant, normal, uniform, glorot_uniform, he_normal,
                    // kmeans_pp
  std::vector<double> initArgs;
  /// The input whose examples seed the rows (kmeans_pp); empty otherwise.
  std::string initFrom;
};

/// How noise is drawn: "normal" (a = mean, b = stddev) or "uniform"
/// (a = low, b = high); an empty kind means "not noise".
struct Distribution {
  std::string kind;
  double a = 0, b = 0;
};

/// One argument of a compiled function, in call order.
struct ArgumentSpec : TensorSpec {
  using Kind = manifest::ArgumentKind;
  Kind kind;
  Distribution noise; // Random arguments
};

/// One result of a compiled function, in call order after the arguments.
struct ResultSpec : TensorSpec {
  using Kind = manifest::ResultKind;
  Kind kind;
};

struct FunctionSpec {
  using Kind = manifest::FunctionKind;
  Kind kind;
  std::string symbol; // the C symbol: <symbol>_argv is the entry point
  std::string name;   // the step or net name; a declaration's kind
  /// A declaration's input: the data it generates, reconstructs, weighs or
  /// discriminates, or the label it classifies.
  std::string subject;
  int64_t batchSize = 0;
  std::vector<ArgumentSpec> arguments;
  std::vector<ResultSpec> results;
  std::vector<std::string> updates; // steps: the nets they train

  /// Whether the function reads data input `name` (an Input argument of
  /// that name), or without one any data input: a step that does consumes
  /// batches.
  bool readsInput(const std::optional<std::string> &name = std::nullopt) const;
};

struct TrainSpec {
  std::string optimizer;
  std::vector<std::pair<std::string, double>> hyperparams;
  /// The schedule: (step, repeats) in order, e.g. (d_step, 1), (g_step, 1).
  std::vector<std::pair<std::string, int64_t>> schedule;
};

struct Manifest {
  std::string model;
  std::string target;       // as genc compile --target named it ("host", ...)
  std::string halideTarget; // as Halide resolved it (x86-64-linux-avx2-...); "" when not recorded
  int64_t batchSize = 0;
  std::vector<InputSpec> inputs; // per-example shapes (the batch dimension removed)
  std::vector<ParamSpec> params;
  std::vector<TensorSpec> states;
  std::vector<FunctionSpec> functions;
  TrainSpec train;

  /// Parses manifest text; `what` (a path) prefixes every error.
  static Manifest parse(const std::string &text, const std::string &what);
  /// The text of a manifest file (a regular file of bounded size).
  static std::string readText(const std::string &path);
  static Manifest load(const std::string &path);

  /// The function of this kind and name, or nullptr.
  const FunctionSpec *find(FunctionSpec::Kind kind, const std::string &name) const;
  /// The model's declaration of this kind (latent, generate, ...), or nullptr.
  const FunctionSpec *declaration(FunctionSpec::Kind kind) const;
  const InputSpec *findInput(const std::string &name) const;
};

} // namespace genc::rt

#endif // GENC_RUNTIME_MANIFEST_H
