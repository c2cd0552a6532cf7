//===- Interpreter.h - Reference evaluator of the gen dialect ---*- C++ -*-===//
//
// Evaluates nets and steps of a gen.model in double precision (or with
// every result rounded to float), one op at a time, with plain loops. It is
// the oracle for gradient checks and for the compiled kernels, so it favours
// obviously-correct code over speed; reductions use compensated summation
// so that finite differences over its results stay accurate.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_REFERENCE_INTERPRETER_H
#define GENC_REFERENCE_INTERPRETER_H

#include "genc/Dialect/Gen/IR/GenOps.h"

#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace genc::reference {

/// A dense row-major tensor of doubles.
struct Tensor {
  llvm::SmallVector<int64_t, 4> shape;
  std::vector<double> data;

  Tensor() = default;
  explicit Tensor(llvm::ArrayRef<int64_t> shape, double fill = 0.0);
  explicit Tensor(std::initializer_list<int64_t> shape, double fill = 0.0)
      : Tensor(llvm::ArrayRef<int64_t>(shape), fill) {}
  size_t size() const { return data.size(); }
  double scalar() const { return data.at(0); }
};

/// Everything a step reads and writes besides its own values.
struct Environment {
  std::map<std::string, Tensor> inputs; // by input name
  std::map<std::string, Tensor> params; // by gen::paramKey
  std::map<std::string, Tensor> states; // by state name
  /// Fills a random draw (`gen.normal` / `gen.uniform`) of the given shape.
  std::function<Tensor(mlir::Operation *)> random;
};

/// What one evaluation of a step produced.
struct StepResult {
  double objective = 0;
  std::map<std::string, Tensor> gradients; // gen.gradient, by gen::paramKey
  std::map<std::string, Tensor> newParams; // gen.set_param, by gen::paramKey
  std::map<std::string, Tensor> newStates; // gen.set_state, by state name
  /// One bit per elementwise comparison in a non-smooth op (relu, max, ...),
  /// in evaluation order: two evaluations with equal signatures lie on the
  /// same smooth piece, which finite differences require.
  std::vector<bool> branchSignature;
};

class Interpreter {
public:
  enum class Precision { Double, Float };
  explicit Interpreter(Precision precision = Precision::Double) : precision(precision) {}

  /// Runs a step body; fails (with a diagnostic on the op) on unsupported IR.
  mlir::FailureOr<StepResult> runStep(gen::StepOp step, const Environment &env);

  /// Applies a net to batched arguments.
  mlir::FailureOr<std::vector<Tensor>> runNet(gen::NetOp net, llvm::ArrayRef<Tensor> args,
                                              const Environment &env);

private:
  Precision precision;
};

/// Samples every parameter of `model` from its declared initializer,
/// deterministically from `seed` (and the parameter's name). A parameter
/// seeded from data (kmeans_pp) takes its rows from the batch of its input
/// in `inputs` (by input name).
std::map<std::string, Tensor> initializeParams(gen::ModelOp model, uint64_t seed,
                                               const std::map<std::string, Tensor> &inputs = {});

/// Zero-initialized training state for every gen.state of `model`.
std::map<std::string, Tensor> initializeStates(gen::ModelOp model);

/// A random source that draws each random op once, from `seed`, and replays
/// the same values on later evaluations (for finite differences).
std::function<Tensor(mlir::Operation *)> makeReplayingRandom(uint64_t seed);

} // namespace genc::reference

#endif // GENC_REFERENCE_INTERPRETER_H
