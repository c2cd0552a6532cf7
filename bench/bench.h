// bench.h - what every genc benchmark program does before timing.
#pragma once

#include "HalideRuntime.h"

#include <random>

namespace bench {
/// Sizes the thread pool. (Nothing else: the model's runtime keeps the
/// kernels' intermediates itself, docs/performance-notes.md pitfall 1, so
/// the benchmarks run as any program linking a model does.)
inline void setUp(int threads) { halide_set_num_threads(threads); }

/// Fills a batch of images with seeded pixels in [0, 1).
template <typename Tensor> void fillImages(Tensor &images) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> pixel(0.0f, 1.0f);
  for (float &v : images)
    v = pixel(rng);
}
} // namespace bench
