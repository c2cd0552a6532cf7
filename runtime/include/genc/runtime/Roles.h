//===- Roles.h - What the nets of a model are for ------------------*- C++ -*-===//
//
// Pictures and evaluation depend on what a model is, which the runtime reads
// from the names the seed note uses: a VAE has nets `encoder` (returning the
// mean and log-variance of the code) and `decoder` (returning Bernoulli
// means); a GAN has `generator` (called with noise in the steps) and
// `discriminator` (returning a logit); a `classifier` returns class logits;
// a conditional model feeds a one-hot
// label input to its nets under the same name. docs/runtime.md states the
// conventions; a model that follows none still trains, with fewer pictures.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_ROLES_H
#define GENC_RUNTIME_ROLES_H

#include "genc/runtime/Manifest.h"

#include <string>

namespace genc::rt {

struct Roles {
  const FunctionSpec *encoder = nullptr, *decoder = nullptr;
  const FunctionSpec *generator = nullptr, *discriminator = nullptr;
  /// A net `classifier` returning one logit per class of the label input.
  const FunctionSpec *classifier = nullptr;
  /// The data input the model generates (images or points), and the label.
  const InputSpec *data = nullptr, *label = nullptr;
  /// The latent (first argument) size of the decoder or generator.
  int64_t latent = 0;
  /// Image height and width when the data are square images (28x28), else 0.
  int64_t imageSide = 0;

  bool isVae() const { return encoder && decoder; }
  bool isGan() const { return generator != nullptr; }
};

Roles findRoles(const Manifest &manifest);

/// The argument names of a net, in order (Argument kind only).
std::vector<const ArgumentSpec *> netArguments(const FunctionSpec &net);

} // namespace genc::rt

#endif // GENC_RUNTIME_ROLES_H
