//===- MetricsTest.cpp - Sliced Wasserstein, KS and log-mean-exp ----------===//
#include "TestUtil.h"

#include "eval/Metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace genc::rt;
using ::testing::HasSubstr;

namespace {

/// n points of N(0, stddev^2 I) in `dim` dimensions, row-major.
std::vector<float> gaussianCloud(int64_t n, int64_t dim, double stddev, Rng &rng) {
  std::vector<float> points;
  for (int64_t i = 0; i < n * dim; ++i)
    points.push_back(float(rng.normal(0, stddev)));
  return points;
}

std::vector<double> normalSample(int n, double mean, Rng &rng) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i)
    v.push_back(rng.normal(mean, 1));
  return v;
}

double swd(const std::vector<float> &a, const std::vector<float> &b, int64_t dim,
           int projections = 1000, uint64_t seed = 1) {
  Rng rng(seed, "projections");
  return slicedWasserstein(a.data(), int64_t(a.size()) / dim, b.data(), int64_t(b.size()) / dim,
                           dim, projections, rng);
}

} // namespace

//===----------------------------------------------------------------------===//
// Sliced Wasserstein
//===----------------------------------------------------------------------===//

TEST(SlicedWasserstein, IdenticalCloudsAreZeroApart) {
  Rng rng(1);
  std::vector<float> a = gaussianCloud(300, 5, 1, rng);
  EXPECT_NEAR(swd(a, a, 5), 0, 1e-12);
}

// Shifting a cloud by s shifts every projection onto u by s.u, and the 1-D W1 of a sample and its
// shift by c is |c|, so the distance is |s| E|cos(angle of u to s)|: 2/pi in 2-D, 1/2 in 3-D.
TEST(SlicedWasserstein, ShiftedCloudIsShiftTimesMeanAbsoluteCosine) {
  Rng rng(2);
  std::vector<float> a2 = gaussianCloud(500, 2, 1, rng), b2 = a2;
  for (size_t i = 0; i < b2.size(); i += 2) {
    b2[i] += 3;
    b2[i + 1] += 4;
  }
  // 4000 projections: standard error 5 * 0.31 / sqrt(4000) = 0.025.
  EXPECT_NEAR(swd(a2, b2, 2, 4000), 5 * 2 / M_PI, 0.1);

  std::vector<float> a3 = gaussianCloud(500, 3, 1, rng), b3 = a3;
  for (size_t i = 2; i < b3.size(); i += 3)
    b3[i] += 2;
  EXPECT_NEAR(swd(a3, b3, 3, 4000), 2 * 0.5, 0.04);
}

// Every projection of N(0, I) and N(0, 4I) is N(0, 1) against N(0, 4), whose quantile functions
// differ by Phi^-1(t), so W1 = E|Z| = sqrt(2/pi) in every direction.
TEST(SlicedWasserstein, ScaledGaussians) {
  Rng rng(3);
  std::vector<float> a = gaussianCloud(5000, 3, 1, rng), b = gaussianCloud(5000, 3, 2, rng);
  EXPECT_NEAR(swd(a, b, 3, 200), std::sqrt(2 / M_PI), 0.05);
}

// In 1-D each direction is +-1, so the distance is the exact W1 of the empirical distributions.
TEST(SlicedWasserstein, UnequalSizesCompareDistributions) {
  EXPECT_NEAR(swd({0, 1, 2, 3}, {3, 2, 1, 0, 0, 1, 2, 3}, 1, 3), 0, 1e-12);
  EXPECT_NEAR(swd({0}, {0, 1}, 1, 3), 0.5, 1e-12);
  // Quantiles of {0, 3} and {0, 1, 2}: [0,1/3) 0 vs 0, [1/3,1/2) 0 vs 1, [1/2,2/3) 3 vs 1,
  // [2/3,1] 3 vs 2: 1/6 + 2/6 + 1/3 = 5/6.
  EXPECT_NEAR(swd({0, 3}, {0, 1, 2}, 1, 3), 5.0 / 6.0, 1e-12);
}

TEST(SlicedWasserstein, DeterministicForASeed) {
  Rng rng(4);
  std::vector<float> a = gaussianCloud(100, 4, 1, rng), b = gaussianCloud(120, 4, 1.5, rng);
  EXPECT_EQ(swd(a, b, 4, 20, 9), swd(a, b, 4, 20, 9));
  EXPECT_NE(swd(a, b, 4, 20, 9), swd(a, b, 4, 20, 10));
}

TEST(SlicedWasserstein, RejectsEmptyCloudsAndPropagatesNaN) {
  std::vector<float> a = {1, 2};
  Rng rng(5);
  EXPECT_THAT(errorOf([&] { slicedWasserstein(a.data(), 2, a.data(), 0, 1, 10, rng); }),
              HasSubstr("needs two non-empty samples, got 2 and 0 points"));
  EXPECT_THAT(errorOf([&] { slicedWasserstein(a.data(), 1, a.data(), 1, 2, 0, rng); }),
              HasSubstr("positive dimension and number of projections"));
  std::vector<float> bad = {1, std::numeric_limits<float>::quiet_NaN()};
  EXPECT_TRUE(std::isnan(swd(a, bad, 1)));
}

//===----------------------------------------------------------------------===//
// Kolmogorov-Smirnov
//===----------------------------------------------------------------------===//

TEST(KsStatistic, SameDistributionIsSmall) {
  Rng rng(6);
  // The 99.9% critical value for two samples of 2000 is 1.95 * sqrt(2 / 2000) = 0.062.
  EXPECT_LT(ksStatistic(normalSample(2000, 0, rng), normalSample(2000, 0, rng)), 0.062);
}

TEST(KsStatistic, ShiftedNormalsMatchTheirCdfGap) {
  Rng rng(7);
  // sup |Phi(x) - Phi(x - 1)| is at x = 1/2: 2 Phi(1/2) - 1 = 0.3829.
  EXPECT_NEAR(ksStatistic(normalSample(5000, 0, rng), normalSample(5000, 1, rng)), 0.3829, 0.04);
}

TEST(KsStatistic, DisjointSamplesAreOne) {
  EXPECT_EQ(ksStatistic({1, 2, 3}, {4, 5}), 1.0);
  EXPECT_EQ(ksStatistic({10, 11}, {-1, 0, 1}), 1.0);
}

TEST(KsStatistic, HandComputedWithTies) {
  EXPECT_DOUBLE_EQ(ksStatistic({1, 2, 3}, {2, 3, 4}), 1.0 / 3.0);
  // At x = 1 the CDFs are 2/3 and 1/3; both reach 1 at x = 2.
  EXPECT_DOUBLE_EQ(ksStatistic({1, 1, 2}, {1, 2, 2}), 1.0 / 3.0);
  EXPECT_EQ(ksStatistic({5, 5, 5}, {5}), 0.0);
}

TEST(KsStatistic, RejectsEmptySamplesAndPropagatesNaN) {
  EXPECT_THAT(errorOf([] { ksStatistic({}, {1}); }), HasSubstr("needs two non-empty samples"));
  EXPECT_TRUE(std::isnan(ksStatistic({1, std::nan("")}, {1})));
}

TEST(KsStatisticAgainstCdf, HandComputed) {
  // Uniform on [0, 1]: the empirical CDF of {0.1, 0.5} jumps to 1/2 at 0.1
  // (gap 0.4) and to 1 at 0.5 (gap 0.5).
  auto uniform = [](double x) { return std::clamp(x, 0.0, 1.0); };
  EXPECT_NEAR(ksStatistic({0.5, 0.1}, uniform), 0.5, 1e-12);
  EXPECT_NEAR(ksStatistic({0.25, 0.75}, uniform), 0.25, 1e-12);
  EXPECT_EQ(ksStatistic({2, 3}, uniform), 1.0); // all mass above the support
}

TEST(KsStatisticAgainstCdf, SampleOfTheDistributionIsSmallOtherIsNot) {
  Rng rng(8);
  auto phi = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
  // The 99.9% critical value for 20000 samples is 1.95 / sqrt(20000) = 0.0138.
  EXPECT_LT(ksStatistic(normalSample(20000, 0, rng), phi), 0.0138);
  EXPECT_NEAR(ksStatistic(normalSample(20000, 1, rng), phi), 0.3829, 0.015);
}

TEST(KsStatisticAgainstCdf, RejectsAnEmptySampleAndPropagatesNaN) {
  auto phi = [](double) { return 0.5; };
  EXPECT_THAT(errorOf([&] { ksStatistic(std::vector<double>{}, phi); }),
              HasSubstr("needs a non-empty sample"));
  EXPECT_TRUE(std::isnan(ksStatistic({1, std::nan("")}, phi)));
}

//===----------------------------------------------------------------------===//
// log-mean-exp
//===----------------------------------------------------------------------===//

TEST(LogMeanExp, MatchesNaiveEvaluation) {
  std::vector<double> v = {-1.5, 0.25, 2.0, -0.75, 3.5};
  double naive = 0;
  for (double x : v)
    naive += std::exp(x) / double(v.size());
  EXPECT_NEAR(logMeanExp(v.data(), int64_t(v.size())), std::log(naive), 1e-12);
}

TEST(LogMeanExp, LargeAndSmallValuesDoNotOverflow) {
  std::vector<double> big = {1000, 1000 + std::log(3.0)}; // mean of exp: e^1000 * 2
  EXPECT_NEAR(logMeanExp(big.data(), 2), 1000 + std::log(2.0), 1e-9);
  std::vector<double> tiny = {-1000, -1000};
  EXPECT_NEAR(logMeanExp(tiny.data(), 2), -1000, 1e-9);
  std::vector<double> spread = {1000, -1000};
  EXPECT_NEAR(logMeanExp(spread.data(), 2), 1000 - std::log(2.0), 1e-9);
}

TEST(LogMeanExp, InfinitiesAndNaN) {
  double inf = std::numeric_limits<double>::infinity();
  std::vector<double> allMinusInf = {-inf, -inf};
  EXPECT_EQ(logMeanExp(allMinusInf.data(), 2), -inf);
  std::vector<double> someMinusInf = {-inf, 0};
  EXPECT_NEAR(logMeanExp(someMinusInf.data(), 2), -std::log(2.0), 1e-12);
  std::vector<double> plusInf = {inf, 0};
  EXPECT_EQ(logMeanExp(plusInf.data(), 2), inf);
  std::vector<double> nan = {0, std::nan("")};
  EXPECT_TRUE(std::isnan(logMeanExp(nan.data(), 2)));
  EXPECT_THAT(errorOf([] { logMeanExp(nullptr, 0); }), HasSubstr("needs at least one value"));
}

TEST(LogMeanExp, OneValueAtATimeMatchesTheWholeArray) {
  // The importance-weighted estimate adds k weights per example one at a time
  // (memory independent of k); rising maxima rescale the running sum.
  std::vector<double> v = {-700, -3, 2.5, 2.5, -1e300, 40, 39.5, -40};
  LogMeanExp running;
  for (double x : v)
    running.add(x);
  double top = 40, sum = 0;
  for (double x : v)
    sum += std::exp(x - top);
  EXPECT_NEAR(running.value(), top + std::log(sum / double(v.size())), 1e-12);
  EXPECT_THAT(errorOf([] { LogMeanExp().value(); }), HasSubstr("needs at least one value"));
}
