// vae_step.cpp - times genc's compiled VAE training step (forward, backward
// and Adam update, one AOT pipeline) at the batch it was compiled for.
// Usage: vae_step THREADS  -> prints "genc <batch> <threads> <ms>"
#include MODEL_HEADER

#include "HalideRuntime.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <malloc.h>
#include <vector>

int main(int argc, char **argv) {
  // Halide mallocs its intermediates on every call; glibc would return them
  // to the OS and page-fault them back each time (HALIDE-NOTES.md, pitfall 1).
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  int threads = argc > 1 ? std::atoi(argv[1]) : 1;
  halide_set_num_threads(threads);
  MODEL::Model model(1);
  auto x = MODEL::makeTensor({MODEL::kBatchSize, 784});
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> pixel(0.0f, 1.0f);
  for (float &v : x)
    v = pixel(rng);
  for (int i = 0; i < 10; ++i)
    model.elbo(x);
  std::vector<double> times;
  for (int rep = 0; rep < 7; ++rep) {
    int n = MODEL::kBatchSize >= 64 ? 30 : 200;
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i)
      model.elbo(x);
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / n);
  }
  std::sort(times.begin(), times.end());
  std::printf("genc %d %d %.4f\n", MODEL::kBatchSize, threads, times[times.size() / 2]);
}
