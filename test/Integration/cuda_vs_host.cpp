// cuda_vs_host.cpp - the VAE training step compiled for host-cuda (run on
// the GPU) and for host (run on the CPU), from the same parameters, data
// and noise: compares objectives and updated parameters, and times both.
// Built by scripts/device-check.sh; needs an NVIDIA GPU to run.
#include "vae_cpu.h"
#include "vae_gpu.h"

#include <chrono>
#include <cmath>
#include <cstdio>

static double maxRelDiff(vae_cpu::Tensor &a, vae_cpu::Tensor &b) {
  double scale = 1e-12, worst = 0;
  for (size_t i = 0; i < a.number_of_elements(); ++i)
    scale = std::max(scale, (double)std::fabs(a.data()[i]));
  for (size_t i = 0; i < a.number_of_elements(); ++i)
    worst = std::max(worst, std::fabs((double)a.data()[i] - b.data()[i]) / scale);
  return worst;
}

int main() {
  vae_cpu::Model cpu(1);
  vae_gpu::Model gpu(1);
  auto x = vae_cpu::makeTensor({vae_cpu::kBatchSize, 784});
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> pixel(0, 1);
  for (float &v : x)
    v = pixel(rng);
  bool ok = true;
  for (int step = 0; step < 3; ++step) {
    float lc = cpu.elbo(x), lg = gpu.elbo(x);
    double rel = std::fabs(lc - lg) / std::fabs(lc);
    std::printf("step %d: objective cpu %.6f gpu %.6f (rel diff %.2e)\n", step, lc, lg, rel);
    ok &= rel < 1e-4;
  }
  gpu.syncToHost();
  double worst = 0;
  for (auto &[name, t] : cpu.params)
    worst = std::max(worst, maxRelDiff(t, gpu.params.at(name)));
  std::printf("parameters after 3 steps: max rel diff %.2e\n", worst);
  ok &= worst < 1e-3;
  auto time = [&](auto &&fn, int n) {
    fn(); // warm-up (the driver JIT-compiles the PTX on the first call)
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i)
      fn();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / n;
  };
  double gpuMs = time([&] { gpu.elbo(x); }, 50), cpuMs = time([&] { cpu.elbo(x); }, 20);
  std::printf("VAE step at batch %d: gpu %.3f ms, cpu (%s) %.3f ms\n", vae_cpu::kBatchSize, gpuMs,
              "all cores", cpuMs);
  std::printf("%s\n", ok ? "Success!" : "FAILED");
  return ok ? 0 : 1;
}
