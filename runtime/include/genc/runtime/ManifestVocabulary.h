//===- ManifestVocabulary.h - The words of a model manifest --------*- C++ -*-===//
//
// The kinds a manifest names, defined once for its writer (genc compile,
// compiler/lib/Target) and its reader (the runtime's Manifest::parse): the
// enums both sides use, and each kind's spelling in the JSON. Header-only,
// so the compiler shares it without linking the runtime.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_MANIFESTVOCABULARY_H
#define GENC_RUNTIME_MANIFESTVOCABULARY_H

#include <array>
#include <optional>
#include <string_view>

namespace genc::manifest {

/// What a compiled function is: a training step, a step's loss alone (for
/// evaluation), a net (an inference entry point), or, for data-parallel
/// training, a step split in two: its gradients on a share of the batch,
/// then the update from the gradients summed over the processes. The rest
/// are the model's declarations of how it generates (docs/language.md):
/// `latent` draws the code of the `generate` declaration, `generate` maps
/// a code to data, `reconstruct` maps data to data, `log_weight` gives each
/// example's log p(x, z) - log q(z | x) for one draw (or log p(x)),
/// `discriminate` each example's logit of being data, `classify` the class
/// logits of a label input. `average` moves the parameters a step (or an
/// update) trains into their running averages (`--average`), where they
/// live: on a GPU, on the device.
enum class FunctionKind {
  Step, Loss, Net, Gradient, Update,
  Latent, Generate, Reconstruct, LogWeight, Discriminate, Classify, Average
};
/// What the caller binds to a function's argument: an `average` reads the
/// parameters, their running averages and the decay factor (a scalar
/// tensor).
enum class ArgumentKind { Input, Param, State, Random, Argument, Gradient, Average, Decay };
/// What a function's result is.
enum class ResultKind { Objective, Gradient, Param, State, Result, Average };

/// Each kind's spelling, in enum order.
inline constexpr std::array<std::string_view, 12> kFunctionKinds = {
    "step",     "loss",        "net",        "gradient",     "update",   "latent",
    "generate", "reconstruct", "log_weight", "discriminate", "classify", "average"};
inline constexpr std::array<std::string_view, 8> kArgumentKinds = {
    "input", "param", "state", "random", "argument", "gradient", "average", "decay"};
inline constexpr std::array<std::string_view, 6> kResultKinds = {
    "objective", "gradient", "param", "state", "result", "average"};

inline constexpr const auto &spellings(FunctionKind) { return kFunctionKinds; }
inline constexpr const auto &spellings(ArgumentKind) { return kArgumentKinds; }
inline constexpr const auto &spellings(ResultKind) { return kResultKinds; }

/// The manifest's word for `kind`.
template <typename Kind> constexpr std::string_view spelling(Kind kind) {
  return spellings(kind)[static_cast<size_t>(kind)];
}

/// The kind a manifest's word names, if any.
template <typename Kind> std::optional<Kind> parseKind(std::string_view word) {
  const auto &words = spellings(Kind{});
  for (size_t i = 0; i < words.size(); ++i)
    if (words[i] == word)
      return static_cast<Kind>(i);
  return std::nullopt;
}

} // namespace genc::manifest

#endif // GENC_RUNTIME_MANIFESTVOCABULARY_H
