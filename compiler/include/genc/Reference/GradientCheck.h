//===- GradientCheck.h - Autodiff against finite differences ----*- C++ -*-===//
#ifndef GENC_REFERENCE_GRADIENTCHECK_H
#define GENC_REFERENCE_GRADIENTCHECK_H

#include "genc/Reference/Interpreter.h"

namespace genc::reference {

struct ParamCheck {
  std::string name;
  llvm::SmallVector<int64_t, 4> shape;
  double analytic = 0; // <gradient, direction>
  double numeric = 0;  // central difference along the direction
  double relativeError = 0;
  /// What the central difference itself may be off by, relative to the
  /// same scale as relativeError: its rounding, truncation and kink error
  /// (see checkGradients). Only an error beyond it counts.
  double errorBound = 0;
  double step = 0;     // the finite-difference step used
  /// Both estimates are below the finite difference's rounding noise: the
  /// gradient is zero as far as can be measured (e.g. a bias before
  /// batch_norm), and the relative error is reported as 0.
  bool zeroWithinNoise = false;
  /// Autodiff emitted no gradient (the parameter's net is updated but the
  /// objective does not depend on it); the finite difference must be zero.
  bool missing = false;

  /// The relative error beyond the finite difference's error bound (NaN
  /// if either estimate is NaN).
  double excess() const;
};

struct StepCheck {
  std::string step;
  double objective = 0;
  std::vector<ParamCheck> params;
  /// The largest excess() of any parameter, or NaN if any comparison
  /// involved a NaN.
  double worst() const;
};

/// Compares the gradient of every parameter of the step's updated nets
/// (gen.gradient, or zero where there is none) against a central
/// difference of the objective along a random direction, in double
/// precision. The step h starts at 1e-6 and shrinks tenfold while the two
/// evaluations fall on different smooth pieces (a relu or max flips). The
/// difference's own error is bounded from its rounding (the objective's
/// rounding over 2h) and, where a kink is still within h, the jump between
/// the two one-sided differences; where the two estimates differ by more
/// than `tolerance`, also from its truncation (Richardson: against the
/// difference at 2h), and steps up to 1e-3 are tried where rounding
/// dominates.
/// `env` must provide parameters, inputs and a replaying random source.
mlir::FailureOr<StepCheck> checkGradients(gen::StepOp step, const Environment &env,
                                          uint64_t seed, double tolerance);

/// Inputs for a check: data uniform in [0, 1), labels as random one-hot rows;
/// `rows` of each (the model's batch when 0).
std::map<std::string, Tensor> makeCheckInputs(gen::ModelOp model, uint64_t seed,
                                              int64_t rows = 0);

/// Parameters for a check: seeded from `seed`, a parameter seeded from data
/// (kmeans_pp) from check inputs with at least as many rows as it has.
std::map<std::string, Tensor> makeCheckParams(gen::ModelOp model, uint64_t seed);

} // namespace genc::reference

#endif // GENC_REFERENCE_GRADIENTCHECK_H
