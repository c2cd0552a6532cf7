//===- Visualize.h - The pictures a user looks at ------------------*- C++ -*-===//
//
// PNGs by model kind (Roles): for a VAE, prior samples, reconstructions
// beside their inputs, a latent interpolation between two test images (the
// seed's full-moon/half-moon argument) and, for a 2-D code, the manifold;
// for a conditional model, one row per class; for a GAN, sample grids, and
// for 1-D data the GAN paper's picture; loss curves from the metrics files.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_VISUALIZE_H
#define GENC_RUNTIME_VISUALIZE_H

#include "genc/runtime/Data.h"
#include "genc/runtime/Model.h"
#include "genc/runtime/Roles.h"

#include <string>
#include <vector>

namespace genc::rt {

/// One panel of the 1-D GAN picture: samples of the data and of the generator,
/// and the discriminator's D(x) at gridX.
struct ToyPanel {
  std::string title;
  std::vector<double> dataSamples, generatedSamples;
  std::vector<double> gridX, discriminator;
};

/// Writes every picture the model's kind supports into `dir`; returns the
/// files written.
std::vector<std::string> writeModelPictures(Model &model, const Roles &roles, const Data &data,
                                            const std::string &dir, uint64_t seed,
                                            const std::string &suffix = "");

/// A panel of the 1-D GAN picture: data, generator density, D(x).
ToyPanel toyPanel(Model &model, const Roles &roles, const Split &test, const std::string &title,
                  uint64_t seed);

/// Writes the 1-D GAN picture of `panels` to `path`, over the first
/// panel's data range widened by its span on each side.
void writeToyPicture(const std::string &path, const std::vector<ToyPanel> &panels);

/// loss_curves.png from steps.csv and metrics.csv in `dir`.
std::string writeLossCurves(const std::string &dir, const std::string &model);

/// A density picture for a model with one net mapping a point to log p(x)
/// (gmm.gen): the density over the data's range with held-out points.
std::string writeDensityPicture(Model &model, const FunctionSpec &net, const Split &test,
                                const std::string &dir);

} // namespace genc::rt

#endif // GENC_RUNTIME_VISUALIZE_H
