// peak.cpp - the machine's fp32 FMA peak, measured: independent FMA chains
// at one vector width (PEAK_BITS: 512 for AVX-512, 256 for AVX2), on 1 and 2
// threads. Prints GFLOP/s.
#include <immintrin.h>

#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#if PEAK_BITS == 512
using Vec = __m512;
constexpr int kLanes = 16;
static Vec splat(float x) { return _mm512_set1_ps(x); }
static Vec fma(Vec a, Vec b, Vec c) { return _mm512_fmadd_ps(a, b, c); }
static float sum(Vec v) { return _mm512_reduce_add_ps(v); }
#elif PEAK_BITS == 256
using Vec = __m256;
constexpr int kLanes = 8;
static Vec splat(float x) { return _mm256_set1_ps(x); }
static Vec fma(Vec a, Vec b, Vec c) { return _mm256_fmadd_ps(a, b, c); }
static float sum(Vec v) {
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, v);
  float s = 0;
  for (float x : lanes)
    s += x;
  return s;
}
#else
#error "PEAK_BITS must be 512 or 256"
#endif

static double run(long iterations) {
  Vec acc[12];
  for (int i = 0; i < 12; ++i)
    acc[i] = splat(1.0f + i * 1e-3f);
  const Vec a = splat(0.999999f), b = splat(1e-7f);
  for (long n = 0; n < iterations; ++n)
    for (int i = 0; i < 12; ++i)
      acc[i] = fma(acc[i], a, b);
  float sink = 0;
  for (int i = 0; i < 12; ++i)
    sink += sum(acc[i]);
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
      best = std::max(best, threads * iterations * 12.0 * kLanes * 2 / seconds / 1e9);
    }
    std::printf("peak %d %.1f\n", threads, best);
  }
}
