// gan_step.cpp - times one alternating iteration (a discriminator step,
// then a generator step with the discriminator frozen) of a GAN compiled by
// genc (MODEL: gan_mlp or dcgan). Usage: gan_step THREADS
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
  auto iterate = [&](int n) {
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) {
      model.d_step(x);
      model.g_step();
    }
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / n;
  };
  iterate(2); // warm up
  // About a second per measurement, whatever an iteration costs.
  int n = static_cast<int>(std::max(1.0, std::min(30.0, 1000.0 / iterate(1))));
  std::vector<double> times;
  for (int rep = 0; rep < (n > 1 ? 7 : 3); ++rep)
    times.push_back(iterate(n));
  std::sort(times.begin(), times.end());
  std::printf("genc %d %d %.4f\n", MODEL::kBatchSize, threads, times[times.size() / 2]);
}
