//===- Initializers.cpp - Parameter initialization ------------------------===//
#include "genc/runtime/Initializers.h"
#include "genc/runtime/Error.h"
#include "genc/runtime/Manifest.h"

#include <algorithm>
#include <cmath>
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
