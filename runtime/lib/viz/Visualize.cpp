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

/// The first test example of each of two classes (or the first two).
std::pair<int64_t, int64_t> twoContrastingExamples(const Split &test) {
  if (test.labels.empty())
    return {0, std::min<int64_t>(1, test.count - 1)};
  for (int64_t j = 1; j < test.count; ++j)
    if (test.labels[size_t(j)] != test.labels[0])
      return {0, j};
  return {0, std::min<int64_t>(1, test.count - 1)};
}

std::vector<std::string> vaePictures(Model &model, const Roles &roles, const Data &data,
                                     const std::string &dir, uint64_t seed,
                                     const std::string &suffix) {
  std::vector<std::string> files;
  int side = int(roles.imageSide);
  size_t width = size_t(side) * size_t(side);
  size_t latent = size_t(roles.latent);
  Rng rng(seed, "pictures");
  const Split &test = data.test;
  const std::string &xName = roles.data->name;
  const std::vector<float> *labels =
      roles.label ? &test.columns.at(roles.label->name) : nullptr;

  if (roles.label) { // one row per class, one column per code ("this class in this style")
    int classes = roles.label->labelClasses, columns = 10;
    std::vector<int32_t> rowClass;
    for (int c = 0; c < classes; ++c)
      for (int k = 0; k < columns; ++k)
        rowClass.push_back(c);
    std::vector<float> codes(rowClass.size() * latent), onehot(rowClass.size() * size_t(classes));
    std::vector<float> style(size_t(columns) * latent);
    for (float &v : style)
      v = float(rng.normal());
    for (size_t r = 0; r < rowClass.size(); ++r) {
      std::copy_n(style.begin() + (r % size_t(columns)) * latent, latent,
                  codes.begin() + r * latent);
      onehot[r * size_t(classes) + size_t(rowClass[r])] = 1;
    }
    auto args = netArguments(*roles.decoder);
    auto out = applyNet(model, *roles.decoder,
                        {{args[0]->name, codes.data()}, {roles.label->name, onehot.data()}},
                        int64_t(rowClass.size()))[0];
    files.push_back(join(dir, "class_grid" + suffix + ".png"));
    writePng(files.back(), tileGrid(rowPointers(out, width, rowClass.size()), side, side, columns));
  } else {
    std::vector<float> samples = generate(model, roles, 64, rng);
    files.push_back(join(dir, "samples" + suffix + ".png"));
    writePng(files.back(), tileGrid(rowPointers(samples, width, 64), side, side, 8));
  }

  // Reconstructions: inputs (odd columns) beside the decoder's image of
  // their mean code.
  int64_t n = std::min<int64_t>(32, test.count);
  if (n > 0) {
    std::map<std::string, const float *> encoderArgs{
        {netArguments(*roles.encoder)[0]->name, test.columns.at(xName).data()}};
    if (labels)
      encoderArgs[roles.label->name] = labels->data();
    auto posterior = applyNet(model, *roles.encoder, encoderArgs, n);
    std::map<std::string, const float *> decoderArgs{
        {netArguments(*roles.decoder)[0]->name, posterior[0].data()}};
    if (labels)
      decoderArgs[roles.label->name] = labels->data();
    auto recon = applyNet(model, *roles.decoder, decoderArgs, n)[0];
    std::vector<const float *> tiles;
    for (int64_t i = 0; i < n; ++i) {
      tiles.push_back(test.columns.at(xName).data() + size_t(i) * width);
      tiles.push_back(recon.data() + size_t(i) * width);
    }
    files.push_back(join(dir, "reconstructions" + suffix + ".png"));
    writePng(files.back(), tileGrid(tiles, side, side, 8));

    // Interpolation between the codes of two different test items: the
    // decoded path stays on the data manifold (no "half moon" blend).
    auto [a, b] = twoContrastingExamples(test);
    const int steps = 10;
    std::vector<float> path(size_t(steps) * latent), pathLabels;
    for (int t = 0; t < steps; ++t)
      for (size_t j = 0; j < latent; ++j) {
        double w = double(t) / (steps - 1);
        path[size_t(t) * latent + j] = float((1 - w) * posterior[0][size_t(a) * latent + j] +
                                             w * posterior[0][size_t(b) * latent + j]);
      }
    std::map<std::string, const float *> pathArgs{
        {netArguments(*roles.decoder)[0]->name, path.data()}};
    if (labels) { // keep the first item's class along the path
      size_t classes = size_t(roles.label->labelClasses);
      for (int t = 0; t < steps; ++t)
        pathLabels.insert(pathLabels.end(), labels->begin() + ptrdiff_t(size_t(a) * classes),
                          labels->begin() + ptrdiff_t(size_t(a + 1) * classes));
      pathArgs[roles.label->name] = pathLabels.data();
    }
    auto decoded = applyNet(model, *roles.decoder, pathArgs, steps)[0];
    std::vector<const float *> strip{test.columns.at(xName).data() + size_t(a) * width};
    for (const float *row : rowPointers(decoded, width, steps))
      strip.push_back(row);
    strip.push_back(test.columns.at(xName).data() + size_t(b) * width);
    files.push_back(join(dir, "interpolation" + suffix + ".png"));
    writePng(files.back(), tileGrid(strip, side, side, int(strip.size()), 3));
  }

  if (latent == 2 && !roles.label) { // the learned manifold over the prior's quantiles
    const int grid = 20;
    std::vector<float> codes;
    for (int r = 0; r < grid; ++r)
      for (int c = 0; c < grid; ++c) {
        auto quantile = [](double p) { // inverse normal CDF by bisection on erfc
          double lo = -6, hi = 6;
          for (int it = 0; it < 60; ++it) {
            double mid = 0.5 * (lo + hi);
            (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p ? lo : hi) = mid;
          }
          return 0.5 * (lo + hi);
        };
        codes.push_back(float(quantile((c + 0.5) / grid)));
        codes.push_back(float(quantile(1 - (r + 0.5) / grid)));
      }
    auto images = applyNet(model, *roles.decoder,
                           {{netArguments(*roles.decoder)[0]->name, codes.data()}}, grid * grid)[0];
    files.push_back(join(dir, "manifold" + suffix + ".png"));
    writePng(files.back(), tileGrid(rowPointers(images, width, grid * grid), side, side, grid, 1, 0));
  }
  return files;
}
} // namespace

ToyPanel genc::rt::toyPanel(Model &model, const Roles &roles, const Split &test,
                            const std::string &title, uint64_t seed) {
  ToyPanel panel;
  panel.title = title;
  const std::vector<float> &real = test.columns.at(roles.data->name);
  panel.dataSamples.assign(real.begin(), real.end());
  Rng rng(seed, "toy-panel");
  std::vector<float> fake = generate(model, roles, std::max<int64_t>(test.count, 2000), rng);
  panel.generatedSamples.assign(fake.begin(), fake.end());
  if (roles.discriminator) {
    auto [lo, hi] = std::minmax_element(real.begin(), real.end());
    double span = *hi - *lo, from = *lo - span, to = *hi + span;
    const int points = 200;
    std::vector<float> grid(points);
    for (int i = 0; i < points; ++i)
      grid[size_t(i)] = float(from + (to - from) * i / (points - 1));
    auto logits = applyNet(model, *roles.discriminator,
                           {{netArguments(*roles.discriminator)[0]->name, grid.data()}}, points)[0];
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

std::vector<std::string> genc::rt::writeModelPictures(Model &model, const Roles &roles,
                                                      const Data &data, const std::string &dir,
                                                      uint64_t seed, const std::string &suffix) {
  if (roles.isVae() && roles.imageSide > 0)
    return vaePictures(model, roles, data, dir, seed, suffix);
  std::vector<std::string> files;
  if (roles.isGan() && roles.imageSide > 0) {
    Rng rng(seed, "pictures");
    int side = int(roles.imageSide);
    std::vector<float> samples = generate(model, roles, 64, rng);
    files.push_back(join(dir, "samples" + suffix + ".png"));
    writePng(files.back(),
             tileGrid(rowPointers(samples, size_t(side) * size_t(side), 64), side, side, 8));
  } else if (roles.isGan() && roles.data && elementCount(roles.data->shape) == 2) {
    Rng rng(seed, "pictures");
    std::vector<float> fake = generate(model, roles, 1000, rng);
    Series real{"data", {}, {}, seriesColor(0)}, generated{"generator", {}, {}, seriesColor(1)};
    const std::vector<float> &points = data.test.columns.at(roles.data->name);
    for (size_t i = 0; i + 1 < points.size() && i < 2000; i += 2) {
      real.x.push_back(points[i]);
      real.y.push_back(points[i + 1]);
    }
    for (size_t i = 0; i + 1 < fake.size(); i += 2) {
      generated.x.push_back(fake[i]);
      generated.y.push_back(fake[i + 1]);
    }
    files.push_back(join(dir, "samples" + suffix + ".png"));
    writePng(files.back(), scatterPlot(model.manifest().model + ": samples", {real, generated}));
  }
  return files;
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

std::string genc::rt::writeDensityPicture(Model &model, const FunctionSpec &net,
                                          const Split &test, const std::string &dir) {
  const std::vector<float> &points = test.columns.begin()->second;
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
  auto logDensity =
      applyNet(model, net, {{netArguments(net)[0]->name, grid.data()}}, size * size)[0];
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
