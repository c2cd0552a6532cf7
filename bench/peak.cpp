// peak.cpp - the machine's fp32 FMA peak, measured: independent FMA chains
// at the widest vector width (AVX-512), on 1 and 2 threads. Prints GFLOP/s.
#include <immintrin.h>

#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

static double run(long iterations) {
  __m512 acc[12];
  for (int i = 0; i < 12; ++i)
    acc[i] = _mm512_set1_ps(1.0f + i * 1e-3f);
  const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
  for (long n = 0; n < iterations; ++n)
    for (int i = 0; i < 12; ++i)
      acc[i] = _mm512_fmadd_ps(acc[i], a, b);
  float sink = 0;
  for (int i = 0; i < 12; ++i)
    sink += _mm512_reduce_add_ps(acc[i]);
  return sink;
}

int main() {
  const long iterations = 100000000;
  for (int threads = 1; threads <= 2; ++threads) {
    double best = 0;
    for (int rep = 0; rep < 3; ++rep) {
      auto t0 = std::chrono::steady_clock::now();
      std::vector<std::thread> pool;
      for (int t = 0; t < threads; ++t)
        pool.emplace_back([&] { volatile double s = run(iterations); (void)s; });
      for (auto &t : pool)
        t.join();
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      best = std::max(best, threads * iterations * 12.0 * 16 * 2 / seconds / 1e9);
    }
    std::printf("peak %d %.1f\n", threads, best);
  }
}
