//===- Metrics.h - Progress signals that need no discriminator ----*- C++ -*-===//
//
// A GAN's losses say little about how close its samples are to the data, so
// training reports distances between sample and data distributions computed
// here: sliced Wasserstein-1 for point clouds of any dimension, the
// Kolmogorov-Smirnov statistic for 1-D samples, and a stable log-mean-exp for
// importance-weighted likelihood estimates. All three return NaN when a
// sample holds NaN (a diverged model) and throw on empty samples.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_LIB_METRICS_H
#define GENC_RUNTIME_LIB_METRICS_H

#include "genc/runtime/Rng.h"

#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace genc::rt {

/// Sliced Wasserstein-1 distance between two point clouds of dimension dim (row-major, na and nb points):
/// the mean over `projections` random unit directions (drawn from rng) of the 1-D W1 distance of the
/// projected samples. The 1-D distance is exact for the two empirical distributions: the integral of
/// |F_a^-1(t) - F_b^-1(t)| over t in [0, 1], which for na == nb is the mean gap of the sorted samples.
double slicedWasserstein(const float *a, int64_t na, const float *b, int64_t nb, int64_t dim,
                         int projections, Rng &rng);

/// Two-sample Kolmogorov-Smirnov statistic sup |F_a - F_b| of 1-D samples.
double ksStatistic(std::vector<double> a, std::vector<double> b);
/// The one-sample Kolmogorov-Smirnov statistic of `a` against the
/// distribution whose CDF is `cdf`: sup |F_a(x) - cdf(x)|.
double ksStatistic(std::vector<double> a, const std::function<double(double)> &cdf);

/// log(mean(exp(v))) over values added one at a time, computed stably
/// (shifted by the running maximum) in constant memory; -inf when every v is
/// -inf, NaN when any is NaN.
class LogMeanExp {
public:
  void add(double v);
  double value() const;

private:
  double top_ = -std::numeric_limits<double>::infinity();
  double sum_ = 0; // sum of exp(v - top_)
  int64_t count_ = 0;
  bool nan_ = false;
};

/// LogMeanExp of v[0..n).
double logMeanExp(const double *v, int64_t n);

} // namespace genc::rt

#endif // GENC_RUNTIME_LIB_METRICS_H
