//===- Generation.h - How a model generates, as it declares --------*- C++ -*-===//
//
// Pictures and evaluation depend on what a model declares (docs/language.md,
// "Declared generation"), never on what its nets are called: `generate x`
// compiles to a function `latent` that draws the code and a function
// `generate` that maps a code to data; `reconstruct x`, `log_weight x`,
// `discriminate x` and `classify y` to one function each. Generation
// gathers them with what follows from them: the data input they are about,
// the label input that makes generation class-conditional, the code's shape
// and, for square images, their side. A model that declares nothing still
// trains, with fewer pictures (docs/runtime.md).
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_GENERATION_H
#define GENC_RUNTIME_GENERATION_H

#include "genc/runtime/Manifest.h"

#include <string>
#include <vector>

namespace genc::rt {

struct Generation {
  /// The declared functions (nullptr when not declared).
  const FunctionSpec *latent = nullptr, *generate = nullptr, *reconstruct = nullptr,
                     *logWeight = nullptr, *discriminate = nullptr, *classify = nullptr;
  /// The data input the declarations are about (generate's subject, else
  /// reconstruct's, log_weight's or discriminate's), or nullptr.
  const InputSpec *data = nullptr;
  /// A label input (label classes > 0) that `generate` (or `latent`, for a
  /// conditional prior) reads: generation is then class-conditional.
  const InputSpec *label = nullptr;
  /// The code's per-example shape (the latent function's result, or
  /// generate's argument, less the batch dimension); empty when not declared.
  std::vector<int64_t> latentShape;
  /// Height and width when the data are square images (side >= 8), else 0.
  int64_t imageSide = 0;

  /// Whether the model can be sampled: `generate` (with its `latent`).
  bool canSample() const { return latent && generate; }
  /// Elements per code (0 when the model cannot be sampled).
  int64_t latentSize() const { return latentShape.empty() ? 0 : elementCount(latentShape); }
  /// Whether log_weight draws no noise: one evaluation is log p(x) exactly.
  bool logWeightExact() const;
  /// Elements per data example (0 without a data input).
  int64_t dataSize() const { return data ? elementCount(data->shape) : 0; }
};

/// The side of a square image of `shape`'s elements (at least 8 pixels),
/// or 0: data that the pictures tile as images.
int64_t squareImageSide(const std::vector<int64_t> &shape);

/// The model's declarations (pointers into `manifest`, which must outlive
/// the result); throws RuntimeError on a declaration whose
/// function does not have the form docs/runtime.md states.
Generation describeGeneration(const Manifest &manifest);

/// The arguments of `fn` of one kind, in call order.
std::vector<const ArgumentSpec *> argumentsOf(const FunctionSpec &fn, ArgumentSpec::Kind kind);

} // namespace genc::rt

#endif // GENC_RUNTIME_GENERATION_H
