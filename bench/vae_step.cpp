// vae_step.cpp - times genc's compiled VAE training step (forward, backward
// and Adam update; on a CPU its gradient and update pipelines, called by
// one C function) at the batch it was compiled for.
// Usage: vae_step THREADS  -> prints "genc <batch> <threads> <ms>"
#include MODEL_HEADER

#include "bench.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char **argv) {
  int threads = argc > 1 ? std::atoi(argv[1]) : 1;
  bench::setUp(threads);
  MODEL::Model model(1);
  auto x = MODEL::makeTensor({MODEL::kBatchSize, 784});
  bench::fillImages(x);
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
