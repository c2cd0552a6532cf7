//===- Visualize.cpp - The pictures a user looks at -----------------------===//
#include "genc/runtime/Visualize.h"
#include "genc/runtime/Error.h"
#include "genc/runtime/Evaluate.h"
#include "viz/Plot.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

using namespace genc::rt;

namespace {
std::vector<const float *> rowPointers(const std::vector<float> &values, size_t width,
                                       size_t count) {
  std::vector<const float *> rows;
  for (size_t i = 0; i < count && (i + 1) * width <= values.size(); ++i)
    rows.push_back(values.data() + i * width);
  return rows;
}

std::string join(const std::string &dir, const std::string &file) { return dir + "/" + file; }

/// Whether `fn` reads no input but `name` (so it can be applied to made-up
/// values of that input alone).
bool readsOnly(const FunctionSpec &fn, const std::string &name) {
  for (const ArgumentSpec *a : argumentsOf(fn, ArgumentSpec::Kind::Input))
    if (a->name != name)
      return false;
  return true;
}

/// Samples of a model that generates images: 64 in a grid, or for a
/// class-conditional model one row per class and one column per code, the
/// same codes in every row ("this class in this style"): each row's codes
/// are drawn from the same noise (the same codes, unless the prior reads
/// the label).
std::string imageSamples(Model &model, const Generation &g, const std::string &dir, Rng &rng,
                         const std::string &suffix) {
  int side = int(g.imageSide);
  size_t width = size_t(side) * size_t(side), latent = size_t(g.latentSize());
  if (!g.label) {
    std::vector<float> samples = generate(model, g, 64, rng);
    std::string file = join(dir, "samples" + suffix + ".png");
    writePng(file, tileGrid(rowPointers(samples, width, 64), side, side, 8));
    return file;
  }
  int classes = g.label->labelClasses, columns = 10;
  std::vector<int32_t> rowClass;
  std::vector<float> codes;
  Rng style = rng;
  for (int c = 0; c < classes; ++c) {
    Rng draw = style;
    std::vector<float> z = drawLatents(model, g, columns, draw, {int32_t(c)});
    codes.insert(codes.end(), z.begin(), z.begin() + ptrdiff_t(size_t(columns) * latent));
    rowClass.insert(rowClass.end(), size_t(columns), int32_t(c));
    rng = draw;
  }
  std::vector<float> out = decode(model, g, codes, int64_t(rowClass.size()), rng, rowClass);
  std::string file = join(dir, "class_grid" + suffix + ".png");
  writePng(file, tileGrid(rowPointers(out, width, rowClass.size()), side, side, columns));
  return file;
}

/// A scatter of generated points over held-out ones (2-D data).
std::string pointSamples(Model &model, const Generation &g, const Data &data,
                         const std::string &dir, Rng &rng, const std::string &suffix) {
  std::vector<float> fake = generate(model, g, 1000, rng);
  Series real{"data", {}, {}, seriesColor(0)}, generated{"generator", {}, {}, seriesColor(1)};
  const std::vector<float> &points = data.test.columns.at(g.data->name);
  for (size_t i = 0; i + 1 < points.size() && i < 2000; i += 2) {
    real.x.push_back(points[i]);
    real.y.push_back(points[i + 1]);
  }
  for (size_t i = 0; i + 1 < fake.size(); i += 2) {
    generated.x.push_back(fake[i]);
    generated.y.push_back(fake[i + 1]);
  }
  std::string file = join(dir, "samples" + suffix + ".png");
  writePng(file, scatterPlot(model.manifest().model + ": samples", {real, generated}));
  return file;
}

std::vector<std::string> imagePictures(Model &model, const Generation &g, const Data &data,
                                       const std::string &dir, uint64_t seed,
                                       const std::string &suffix) {
  std::vector<std::string> files;
  int side = int(g.imageSide);
  size_t width = size_t(side) * size_t(side), latent = size_t(g.latentSize());
  Rng rng(seed, "pictures");
  const Split &test = data.test;
  if (g.canSample())
    files.push_back(imageSamples(model, g, dir, rng, suffix));

  // Reconstructions: inputs (odd columns) beside the model's reconstruction.
  int64_t n = std::min<int64_t>(32, test.count);
  if (g.reconstruct && n > 0) {
    std::vector<float> recon;
    {
      NoiseFrom noise(model, rng);
      recon = applyFunction(model, *g.reconstruct, columnsOf(test.columns), n).front();
    }
    const std::vector<float> &inputs = test.columns.at(g.data->name);
    std::vector<const float *> tiles;
    for (int64_t i = 0; i < n; ++i) {
      tiles.push_back(inputs.data() + size_t(i) * width);
      tiles.push_back(recon.data() + size_t(i) * width);
    }
    files.push_back(join(dir, "reconstructions" + suffix + ".png"));
    writePng(files.back(), tileGrid(tiles, side, side, 8));
  }

  if (!g.canSample())
    return files;
  // Interpolation between two draws of the code (for a class-conditional
  // model, in one class): the decoded path stays on the data manifold (no
  // "half moon" blend).
  const int steps = 10;
  std::vector<int32_t> oneClass{0};
  std::vector<float> ends = drawLatents(model, g, 2, rng, oneClass);
  std::vector<float> path(size_t(steps) * latent);
  for (int t = 0; t < steps; ++t)
    for (size_t j = 0; j < latent; ++j) {
      double w = double(t) / (steps - 1);
      path[size_t(t) * latent + j] = float((1 - w) * ends[j] + w * ends[latent + j]);
    }
  std::vector<float> decoded = decode(model, g, path, steps, rng, oneClass);
  files.push_back(join(dir, "interpolation" + suffix + ".png"));
  writePng(files.back(), tileGrid(rowPointers(decoded, width, steps), side, side, steps, 3));

  if (g.latentShape == std::vector<int64_t>{2} && !g.label) {
    // The learned manifold over the code's quantiles, per dimension, as
    // many draws of the declared prior give them: right for any prior.
    const int grid = 20, draws = 20000;
    std::vector<float> drawn = drawLatents(model, g, draws, rng);
    std::vector<float> dims[2];
    for (size_t i = 0; i < size_t(draws); ++i)
      for (size_t d = 0; d < 2; ++d)
        dims[d].push_back(drawn[i * 2 + d]);
    for (auto &values : dims)
      std::sort(values.begin(), values.end());
    auto quantile = [&](size_t d, double p) {
      auto i = size_t(std::clamp(p * draws, 0.0, double(draws - 1)));
      return dims[d][i];
    };
    std::vector<float> codes;
    for (int r = 0; r < grid; ++r)
      for (int c = 0; c < grid; ++c) {
        codes.push_back(quantile(0, (c + 0.5) / grid));
        codes.push_back(quantile(1, 1 - (r + 0.5) / grid));
      }
    std::vector<float> images = decode(model, g, codes, grid * grid, rng);
    files.push_back(join(dir, "manifold" + suffix + ".png"));
    writePng(files.back(), tileGrid(rowPointers(images, width, grid * grid), side, side, grid, 1, 0));
  }
  return files;
}
} // namespace

ToyPanel genc::rt::toyPanel(Model &model, const Generation &generation, const Split &test,
                            const std::string &title, uint64_t seed) {
  ToyPanel panel;
  panel.title = title;
  const std::string &x = generation.data->name;
  const std::vector<float> &real = test.columns.at(x);
  panel.dataSamples.assign(real.begin(), real.end());
  Rng rng(seed, "toy-panel");
  std::vector<float> fake =
      generate(model, generation, std::max<int64_t>(test.count, 2000), rng);
  panel.generatedSamples.assign(fake.begin(), fake.end());
  if (generation.discriminate && readsOnly(*generation.discriminate, x) && !real.empty()) {
    auto [lo, hi] = std::minmax_element(real.begin(), real.end());
    double span = *hi - *lo, from = *lo - span, to = *hi + span;
    const int points = 200;
    std::vector<float> grid(points);
    for (int i = 0; i < points; ++i)
      grid[size_t(i)] = float(from + (to - from) * i / (points - 1));
    std::vector<float> logits;
    {
      NoiseFrom noise(model, rng);
      logits = applyFunction(model, *generation.discriminate, {{x, grid.data()}}, points).front();
    }
    for (int i = 0; i < points; ++i) {
      panel.gridX.push_back(grid[size_t(i)]);
      panel.discriminator.push_back(1 / (1 + std::exp(-double(logits[size_t(i)]))));
    }
  }
  return panel;
}

void genc::rt::writeToyPicture(const std::string &path, const std::vector<ToyPanel> &panels) {
  const std::vector<double> &data = panels.front().dataSamples;
  auto [lo, hi] = std::minmax_element(data.begin(), data.end());
  double span = *hi - *lo;
  writePng(path, toyGanPicture(panels, *lo - span, *hi + span));
}

std::vector<std::string> genc::rt::writeSamplePictures(Model &model, const Generation &generation,
                                                       const Data &data, const std::string &dir,
                                                       uint64_t seed, const std::string &suffix) {
  std::vector<std::string> files;
  if (!generation.canSample() || !generation.data)
    return files;
  Rng rng(seed, "pictures");
  if (generation.imageSide > 0)
    files.push_back(imageSamples(model, generation, dir, rng, suffix));
  else if (generation.dataSize() == 2)
    files.push_back(pointSamples(model, generation, data, dir, rng, suffix));
  return files;
}

std::vector<std::string> genc::rt::writeModelPictures(Model &model, const Generation &generation,
                                                      const Data &data, const std::string &dir,
                                                      uint64_t seed, const std::string &suffix) {
  if (!generation.data)
    return {};
  if (generation.imageSide > 0)
    return imagePictures(model, generation, data, dir, seed, suffix);
  return writeSamplePictures(model, generation, data, dir, seed, suffix);
}

namespace {
struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<double>> rows;
};

Csv readCsv(const std::string &path) {
  Csv csv;
  std::ifstream file(path);
  std::string line;
  if (!std::getline(file, line))
    return csv;
  std::stringstream head(line);
  for (std::string cell; std::getline(head, cell, ',');)
    csv.header.push_back(cell);
  while (std::getline(file, line)) {
    std::vector<double> row;
    std::stringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');)
      row.push_back(cell.empty() ? NAN : std::strtod(cell.c_str(), nullptr));
    if (row.size() == csv.header.size())
      csv.rows.push_back(std::move(row));
  }
  return csv;
}
} // namespace

std::string genc::rt::writeLossCurves(const std::string &dir, const std::string &model) {
  Csv steps = readCsv(join(dir, "steps.csv"));
  Csv epochs = readCsv(join(dir, "metrics.csv"));
  std::vector<Series> series;
  // steps.csv: epoch_progress, then one running-mean column per step.
  for (size_t c = 1; c < steps.header.size(); ++c) {
    Series s{"train " + steps.header[c], {}, {}, seriesColor(series.size())};
    for (const auto &row : steps.rows) {
      s.x.push_back(row[0]);
      s.y.push_back(row[c]);
    }
    series.push_back(std::move(s));
  }
  for (size_t c = 0; c < epochs.header.size(); ++c) {
    const std::string &name = epochs.header[c];
    if (name.rfind("test_", 0) != 0)
      continue;
    Series s{"test " + name.substr(5), {}, {}, seriesColor(series.size())};
    for (const auto &row : epochs.rows) {
      s.x.push_back(row[0]);
      s.y.push_back(row[c]);
    }
    series.push_back(std::move(s));
  }
  std::string path = join(dir, "loss_curves.png");
  writePng(path, linePlot(model + ": objective per example", "epoch", series));
  // GAN progress signals on their own axes.
  std::vector<Series> signals;
  for (size_t c = 0; c < epochs.header.size(); ++c) {
    const std::string &name = epochs.header[c];
    if (name != "swd" && name != "ks")
      continue;
    Series s{name == "swd" ? "sliced Wasserstein" : "KS statistic", {}, {},
             seriesColor(signals.size())};
    for (const auto &row : epochs.rows) {
      s.x.push_back(row[0]);
      s.y.push_back(row[c]);
    }
    signals.push_back(std::move(s));
  }
  if (!signals.empty())
    writePng(join(dir, "gan_progress.png"),
             linePlot(model + ": generated vs held-out data", "epoch", signals));
  return path;
}

bool genc::rt::hasDensityPicture(const Generation &generation) {
  return generation.data && generation.dataSize() == 2 && generation.logWeightExact() &&
         readsOnly(*generation.logWeight, generation.data->name);
}

std::string genc::rt::writeDensityPicture(Model &model, const Generation &generation,
                                          const Split &test, const std::string &dir) {
  if (!hasDensityPicture(generation) || test.count == 0)
    throw RuntimeError("the density picture needs 2-D data, held-out points and a "
                       "'log_weight' that draws no noise");
  const std::string &x = generation.data->name;
  const std::vector<float> &points = test.columns.at(x);
  float lo = *std::min_element(points.begin(), points.end());
  float hi = *std::max_element(points.begin(), points.end());
  double margin = 0.2 * (hi - lo) + 1e-3, from = lo - margin, to = hi + margin;
  const int size = 256;
  std::vector<float> grid;
  for (int r = 0; r < size; ++r)
    for (int c = 0; c < size; ++c) {
      grid.push_back(float(from + (to - from) * (c + 0.5) / size));
      grid.push_back(float(to - (to - from) * (r + 0.5) / size));
    }
  std::vector<float> logDensity =
      applyFunction(model, *generation.logWeight, {{x, grid.data()}}, size * size).front();
  float top = *std::max_element(logDensity.begin(), logDensity.end());
  Image image(size * 2, size * 2);
  for (int r = 0; r < size; ++r)
    for (int c = 0; c < size; ++c) {
      double shade = std::exp(std::max(-20.0, double(logDensity[size_t(r * size + c)] - top)));
      auto level = uint8_t(255 - 255 * std::sqrt(shade));
      image.fillRect(c * 2, r * 2, 2, 2, RGB{level, level, 255});
    }
  for (size_t i = 0; i + 1 < points.size() && i < 4000; i += 2) {
    int x = int((points[i] - from) / (to - from) * size * 2);
    int y = int((to - points[i + 1]) / (to - from) * size * 2);
    image.set(x, y, RGB{200, 0, 0});
  }
  std::string path = join(dir, "density.png");
  writePng(path, image);
  return path;
}
