//===- Noise.cpp - The normal noise a training step draws -----------------===//
//
// A step's noise is drawn between its kernels, on the calling thread alone:
// the VAE's 2560 normals at batch 128 took 64 us per step one at a time in
// double (a log and a cosine each), 2 % of the step on two threads. Pairs
// halve the transcendentals, float halves their cost again, and the pool
// shares what is left.
//
//===----------------------------------------------------------------------===//
#include "model/Noise.h"

#include "genc/runtime/ThreadPool.h"

#include <cmath>
#include <vector>

namespace genc::rt {
namespace {
/// Pairs of uniforms, transformed a run of pairs per task.
struct Transform {
  const float *uniforms; // u1, u2 of each pair
  size_t firstPair, pairs, skip, n;
  float *out;
  float mean, stddev;
};
constexpr int kPairsPerTask = 256;

int transformPairs(void *, int task, uint8_t *closure) {
  const auto &t = *reinterpret_cast<const Transform *>(closure);
  size_t begin = size_t(task) * kPairsPerTask;
  size_t end = std::min(t.pairs, begin + kPairsPerTask);
  for (size_t q = begin; q < end; ++q) {
    float radius = std::sqrt(-2.0f * std::log(t.uniforms[2 * q]));
    float angle = 6.2831853f * t.uniforms[2 * q + 1];
    float normal[2] = {radius * std::cos(angle), radius * std::sin(angle)};
    size_t first = 2 * (t.firstPair + q);
    for (size_t j = first; j < first + 2; ++j)
      if (j >= t.skip && j < t.skip + t.n)
        t.out[j - t.skip] = t.mean + t.stddev * normal[j - first];
  }
  return 0;
}
} // namespace

void drawNormals(Rng &rng, float *out, size_t skip, size_t n, size_t total, float mean,
                 float stddev) {
  size_t firstPair = skip / 2, endPair = (skip + n + 1) / 2, allPairs = (total + 1) / 2;
  for (size_t p = 0; p < firstPair; ++p)
    rng.next(), rng.next();
  std::vector<float> uniforms(2 * (endPair - firstPair));
  for (size_t i = 0; i < uniforms.size(); i += 2) {
    uniforms[i] = float(1.0 - rng.uniform()); // (0, 1]: the log stays finite
    uniforms[i + 1] = float(rng.uniform());
  }
  for (size_t p = endPair; p < allPairs; ++p)
    rng.next(), rng.next();
  Transform t{uniforms.data(), firstPair, endPair - firstPair, skip, n, out, mean, stddev};
  int tasks = static_cast<int>((t.pairs + kPairsPerTask - 1) / kPairsPerTask);
  threadpool::parallelFor(nullptr, transformPairs, 0, tasks, reinterpret_cast<uint8_t *>(&t));
}

} // namespace genc::rt
