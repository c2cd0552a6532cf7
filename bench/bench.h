// bench.h - what every genc benchmark program does before timing.
#pragma once

#include "HalideRuntime.h"

#include <malloc.h>
#include <random>

namespace bench {
/// Keeps glibc from returning Halide's per-call intermediates to the OS and
/// page-faulting them back on the next call (docs/performance-notes.md, pitfall 1),
/// and sizes Halide's thread pool.
inline void setUp(int threads) {
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  halide_set_num_threads(threads);
}

/// Fills a batch of images with seeded pixels in [0, 1).
template <typename Tensor> void fillImages(Tensor &images) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> pixel(0.0f, 1.0f);
  for (float &v : images)
    v = pixel(rng);
}
} // namespace bench
