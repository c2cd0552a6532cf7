// gan_mlp_step.cpp - times one alternating iteration (a discriminator step,
// then a generator step with the discriminator frozen) of genc's compiled
// dsl_examples/gan_mlp.gen. Usage: gan_mlp_step THREADS
#include "gan_mlp.h"

#include "HalideRuntime.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <malloc.h>
#include <vector>

int main(int argc, char **argv) {
  mallopt(M_MMAP_THRESHOLD, 1 << 30); // HALIDE-NOTES.md, pitfall 1
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  int threads = argc > 1 ? std::atoi(argv[1]) : 1;
  halide_set_num_threads(threads);
  gan_mlp::Model model(1);
  auto x = gan_mlp::makeTensor({gan_mlp::kBatchSize, 784});
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> pixel(0.0f, 1.0f);
  for (float &v : x)
    v = pixel(rng);
  for (int i = 0; i < 10; ++i) {
    model.d_step(x);
    model.g_step();
  }
  std::vector<double> times;
  for (int rep = 0; rep < 7; ++rep) {
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < 30; ++i) {
      model.d_step(x);
      model.g_step();
    }
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / 30);
  }
  std::sort(times.begin(), times.end());
  std::printf("genc %d %d %.4f\n", gan_mlp::kBatchSize, threads, times[times.size() / 2]);
}
