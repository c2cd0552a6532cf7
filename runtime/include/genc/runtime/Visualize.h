//===- Visualize.h - The pictures a user looks at ------------------*- C++ -*-===//
//
// PNGs from what the model declares (Generation): for a model that
// generates images, a sample grid (one row per class when generation is
// class-conditional), a latent interpolation between two draws of its code
// (the seed's full-moon/half-moon argument) and, for a 2-D code, the
// manifold; reconstructions beside their inputs when it reconstructs; for
// 2-D data a scatter of samples, and for 1-D data the GAN paper's picture
// (with the discriminator's curve when it declares one); a density picture
// from an exact log_weight; loss curves from the metrics files.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_VISUALIZE_H
#define GENC_RUNTIME_VISUALIZE_H

#include "genc/runtime/Data.h"
#include "genc/runtime/Model.h"
#include "genc/runtime/Generation.h"

#include <string>
#include <vector>

namespace genc::rt {

/// One panel of the 1-D GAN picture: samples of the data and generated
/// ones, and the declared discriminator's D(x) at gridX (empty without one).
struct ToyPanel {
  std::string title;
  std::vector<double> dataSamples, generatedSamples;
  std::vector<double> gridX, discriminator;
};

/// Writes every picture the model's declarations support into `dir` (the
/// 1-D picture and the density picture aside); returns the files written.
std::vector<std::string> writeModelPictures(Model &model, const Generation &generation,
                                            const Data &data,
                                            const std::string &dir, uint64_t seed,
                                            const std::string &suffix = "");

/// Only the samples of writeModelPictures (sample grid, class grid or 2-D
/// scatter), for the pictures of each epoch.
std::vector<std::string> writeSamplePictures(Model &model, const Generation &generation,
                                             const Data &data, const std::string &dir,
                                             uint64_t seed, const std::string &suffix = "");

/// A panel of the 1-D GAN picture: data, generated density, D(x).
ToyPanel toyPanel(Model &model, const Generation &generation, const Split &test,
                  const std::string &title, uint64_t seed);

/// Writes the 1-D GAN picture of `panels` to `path`, over the first
/// panel's data range widened by its span on each side.
void writeToyPicture(const std::string &path, const std::vector<ToyPanel> &panels);

/// loss_curves.png from steps.csv and metrics.csv in `dir`.
std::string writeLossCurves(const std::string &dir, const std::string &model);

/// Whether writeDensityPicture can draw the model: 2-D data and a
/// log_weight that draws no noise (it is log p(x) itself).
bool hasDensityPicture(const Generation &generation);
/// density.png (gmm.gen): exp of log_weight over the data's range, with
/// held-out points.
std::string writeDensityPicture(Model &model, const Generation &generation, const Split &test,
                                const std::string &dir);

} // namespace genc::rt

#endif // GENC_RUNTIME_VISUALIZE_H
