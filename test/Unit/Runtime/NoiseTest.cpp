//===- NoiseTest.cpp - The normal noise a training step draws ------------===//
#include "model/Noise.h"

#include "genc/runtime/ThreadPool.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace genc::rt;

namespace {
std::vector<float> draw(Rng &rng, size_t skip, size_t n, size_t total, float mean = 0,
                        float stddev = 1) {
  std::vector<float> out(n, NAN);
  drawNormals(rng, out.data(), skip, n, total, mean, stddev);
  return out;
}
} // namespace

// Box-Muller of the stream's uniform pairs, against the formula in double.
TEST(Noise, PairsOfUniformsGiveTwoNormalsEach) {
  Rng rng(7, "noise"), uniforms(7, "noise");
  std::vector<float> z = draw(rng, 0, 1000, 1000, 2.0f, 0.5f);
  for (size_t i = 0; i < z.size(); i += 2) {
    double u1 = 1.0 - uniforms.uniform(), u2 = uniforms.uniform();
    double radius = std::sqrt(-2.0 * std::log(u1)), angle = 2 * M_PI * u2;
    EXPECT_NEAR(z[i], 2.0 + 0.5 * radius * std::cos(angle), 2e-5) << i;
    EXPECT_NEAR(z[i + 1], 2.0 + 0.5 * radius * std::sin(angle), 2e-5) << i;
  }
  EXPECT_EQ(rng.next(), uniforms.next()); // both stand past the same draws
}

// Data-parallel shares of a batch together draw what the whole batch
// draws, whatever the parity of their slices, and leave the stream where
// the whole batch leaves it.
TEST(Noise, SharesDrawTheirSliceOfTheBatch) {
  for (size_t n : {1, 3, 4, 7, 1001}) { // (1001: shares cross the pool's tasks)
    for (size_t shares : {2, 3}) {
      Rng whole(11);
      std::vector<float> batch = draw(whole, 0, n * shares, n * shares);
      for (size_t s = 0; s < shares; ++s) {
        Rng share(11);
        std::vector<float> slice = draw(share, n * s, n, n * shares);
        for (size_t i = 0; i < n; ++i)
          EXPECT_EQ(slice[i], batch[n * s + i]) << "share " << s << " of " << shares << ", n " << n;
        Rng after = whole;
        EXPECT_EQ(share.next(), after.next());
      }
    }
  }
}

// The pool's threads transform what one thread would.
TEST(Noise, ThreadsDrawWhatOneThreadDraws) {
  threadpool::setThreads(1);
  Rng one(3);
  std::vector<float> serial = draw(one, 0, 100001, 100001);
  threadpool::setThreads(2);
  Rng two(3);
  std::vector<float> parallel = draw(two, 0, 100001, 100001);
  threadpool::setThreads(0);
  EXPECT_EQ(serial, parallel);
}

TEST(Noise, StandardNormalMoments) {
  Rng rng(5);
  std::vector<float> z = draw(rng, 0, 200000, 200000);
  double sum = 0, squares = 0, fourth = 0;
  for (float v : z) {
    ASSERT_TRUE(std::isfinite(v));
    sum += v, squares += double(v) * v, fourth += double(v) * v * v * v;
  }
  double count = double(z.size());
  EXPECT_NEAR(sum / count, 0.0, 0.01);
  EXPECT_NEAR(squares / count, 1.0, 0.015);
  EXPECT_NEAR(fourth / count, 3.0, 0.1);
}
