//===- Initializers.cpp - Parameter initialization ------------------------===//
#include "genc/runtime/Initializers.h"
#include "genc/runtime/Error.h"
#include "genc/runtime/Manifest.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

using namespace genc::rt;

namespace {
std::mt19937_64 generatorFor(uint64_t seed, const std::string &name) {
  uint64_t hash = 1469598103934665603ULL; // FNV-1a
  for (char c : name)
    hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  std::seed_seq seq{uint32_t(seed), uint32_t(seed >> 32), uint32_t(hash), uint32_t(hash >> 32)};
  return std::mt19937_64(seq);
}

/// Conv_transpose filters are [in, out, kh, kw], read here the other way
/// round; Glorot's limit is symmetric in the two fans.
std::pair<double, double> fans(const std::vector<int64_t> &shape) {
  if (shape.size() < 2)
    return {double(shape.empty() ? 1 : shape[0]), double(shape.empty() ? 1 : shape[0])};
  if (shape.size() == 2)
    return {double(shape[0]), double(shape[1])};
  double receptive = 1;
  for (size_t d = 2; d < shape.size(); ++d)
    receptive *= shape[d];
  return {shape[1] * receptive, shape[0] * receptive};
}
} // namespace

void genc::rt::initializeTensor(const std::string &init, const std::vector<double> &args,
                                const std::vector<int64_t> &shape, uint64_t seed,
                                const std::string &name, double *out) {
  size_t n = size_t(elementCount(shape));
  auto expectArgs = [&](size_t count) {
    if (args.size() != count)
      throw RuntimeError("parameter '" + name + "': initializer " + init + " takes " +
                         std::to_string(count) + " arguments");
  };
  std::mt19937_64 gen = generatorFor(seed, name);
  auto [fanIn, fanOut] = fans(shape);
  if (init == "zeros" || init == "ones") {
    std::fill(out, out + n, init == "ones" ? 1.0 : 0.0);
  } else if (init == "constant") {
    expectArgs(1);
    std::fill(out, out + n, args[0]);
  } else if (init == "normal" || init == "he_normal") {
    expectArgs(init == "normal" ? 2 : 0);
    std::normal_distribution<double> dist(init == "normal" ? args[0] : 0.0,
                                          init == "normal" ? args[1] : std::sqrt(2.0 / fanIn));
    std::generate(out, out + n, [&] { return dist(gen); });
  } else if (init == "uniform" || init == "glorot_uniform") {
    expectArgs(init == "uniform" ? 2 : 0);
    double limit = std::sqrt(6.0 / (fanIn + fanOut));
    std::uniform_real_distribution<double> dist(init == "uniform" ? args[0] : -limit,
                                                init == "uniform" ? args[1] : limit);
    std::generate(out, out + n, [&] { return dist(gen); });
  } else {
    throw RuntimeError("parameter '" + name + "': unknown initializer '" + init + "'");
  }
}

bool genc::rt::seedsFromExamples(const std::string &init) { return init == "kmeans_pp"; }

void genc::rt::seedFromExamples(const std::vector<int64_t> &shape, uint64_t seed,
                                const std::string &name, const float *examples, int64_t count,
                                double *out) {
  int64_t rows = shape.empty() ? 1 : shape[0];
  if (rows == 0)
    return;
  int64_t width = elementCount(shape) / rows;
  if (count < rows)
    throw RuntimeError("parameter '" + name + "': kmeans_pp seeds its " + std::to_string(rows) +
                       " rows from examples, but there are only " + std::to_string(count));
  std::mt19937_64 gen = generatorFor(seed, name);
  auto distanceTo = [&](int64_t chosen, int64_t i) {
    const float *a = examples + chosen * width, *b = examples + i * width;
    double sum = 0;
    for (int64_t j = 0; j < width; ++j)
      sum += (double(a[j]) - b[j]) * (double(a[j]) - b[j]);
    return sum;
  };
  std::vector<int64_t> chosen{std::uniform_int_distribution<int64_t>(0, count - 1)(gen)};
  // Each example's squared distance to its nearest chosen row; a
  // candidate's, and the best candidate's so far.
  size_t n = static_cast<size_t>(count);
  std::vector<double> nearest(n), trial(n), best(n), cumulative(n);
  for (int64_t i = 0; i < count; ++i)
    nearest[i] = distanceTo(chosen[0], i);
  int64_t candidates = 2 + int64_t(std::log(double(rows)));
  while (int64_t(chosen.size()) < rows) {
    std::partial_sum(nearest.begin(), nearest.end(), cumulative.begin());
    double potential = cumulative.back(), bestPotential = INFINITY;
    if (!std::isfinite(potential))
      throw RuntimeError("parameter '" + name + "': kmeans_pp met examples that are not finite");
    int64_t bestCandidate = 0;
    for (int64_t c = 0; c < candidates; ++c) {
      int64_t candidate;
      if (potential > 0) {
        double u = std::uniform_real_distribution<double>(0, potential)(gen);
        candidate = std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin();
        // u may round up to `potential`: the last example that is not
        // already a row.
        candidate = std::min(candidate, count - 1);
        while (nearest[candidate] == 0 && candidate > 0)
          --candidate;
      } else { // every example already coincides with a chosen row
        candidate = std::uniform_int_distribution<int64_t>(0, count - 1)(gen);
      }
      double sum = 0;
      for (int64_t i = 0; i < count; ++i) {
        trial[i] = std::min(nearest[i], distanceTo(candidate, i));
        sum += trial[i];
      }
      if (sum < bestPotential) {
        bestPotential = sum;
        bestCandidate = candidate;
        std::swap(best, trial);
      }
    }
    chosen.push_back(bestCandidate);
    std::swap(nearest, best);
  }
  for (int64_t r = 0; r < rows; ++r)
    std::copy(examples + chosen[r] * width, examples + (chosen[r] + 1) * width, out + r * width);
}

void genc::rt::seedFromInput(const std::vector<int64_t> &shape, uint64_t seed,
                             const std::string &name, const std::string &input,
                             const std::map<std::string, const float *> &examples, int64_t count,
                             double *out) {
  auto rows = examples.find(input);
  if (rows == examples.end())
    throw RuntimeError("parameter '" + name + "' is seeded from the examples of input '" + input +
                       "' (kmeans_pp), which were not given");
  seedFromExamples(shape, seed, name, rows->second, count, out);
}
