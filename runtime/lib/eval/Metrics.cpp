//===- Metrics.cpp - Sliced Wasserstein, Kolmogorov-Smirnov, log-mean-exp -===//
//
// Samples of a diverged model may hold NaN; the metrics then return NaN
// (which the progress line prints) instead of sorting NaNs, which is
// undefined. Empty samples are a caller's mistake and throw.
//
//===----------------------------------------------------------------------===//
#include "eval/Metrics.h"

#include "genc/runtime/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

using namespace genc::rt;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool anyNaN(const std::vector<double> &v) {
  return std::any_of(v.begin(), v.end(), [](double x) { return std::isnan(x); });
}

/// W1 of two empirical distributions given sorted samples. Both quantile functions are steps,
/// constant between the breakpoints i/na and j/nb; walk the merged breakpoints, kept as integers
/// scaled by na*nb so that equal breakpoints compare equal.
double sortedW1(const std::vector<double> &a, const std::vector<double> &b) {
  int64_t na = int64_t(a.size()), nb = int64_t(b.size());
  int64_t i = 0, j = 0, at = 0;
  double total = 0;
  while (i < na && j < nb) {
    int64_t endA = (i + 1) * nb, endB = (j + 1) * na;
    int64_t end = std::min(endA, endB);
    total += double(end - at) * std::fabs(a[size_t(i)] - b[size_t(j)]);
    at = end;
    i += endA == end;
    j += endB == end;
  }
  return total / (double(na) * double(nb));
}

/// A direction drawn uniformly from the unit sphere (normalized Gaussian vector).
std::vector<double> randomDirection(int64_t dim, Rng &rng) {
  std::vector<double> u(size_t(dim), 0.0);
  double norm = 0;
  while (norm == 0) {
    for (double &x : u)
      x = rng.normal();
    for (double x : u)
      norm += x * x;
  }
  for (double &x : u)
    x /= std::sqrt(norm);
  return u;
}

std::vector<double> project(const float *points, int64_t n, int64_t dim,
                            const std::vector<double> &direction) {
  std::vector<double> projected(size_t(n), 0.0);
  for (int64_t p = 0; p < n; ++p)
    for (int64_t d = 0; d < dim; ++d)
      projected[size_t(p)] += double(points[p * dim + d]) * direction[size_t(d)];
  return projected;
}

void requireSamples(int64_t na, int64_t nb, const char *metric) {
  if (na <= 0 || nb <= 0)
    throw RuntimeError(std::string(metric) + ": needs two non-empty samples, got " +
                       std::to_string(na) + " and " + std::to_string(nb) + " points");
}

} // namespace

double genc::rt::slicedWasserstein(const float *a, int64_t na, const float *b, int64_t nb,
                                   int64_t dim, int projections, Rng &rng) {
  requireSamples(na, nb, "sliced Wasserstein distance");
  if (dim <= 0 || projections <= 0)
    throw RuntimeError("sliced Wasserstein distance: needs a positive dimension and number of "
                       "projections, got " + std::to_string(dim) + " and " +
                       std::to_string(projections));
  double sum = 0;
  for (int k = 0; k < projections; ++k) {
    std::vector<double> direction = randomDirection(dim, rng);
    std::vector<double> pa = project(a, na, dim, direction), pb = project(b, nb, dim, direction);
    if (anyNaN(pa) || anyNaN(pb))
      return kNaN;
    std::sort(pa.begin(), pa.end());
    std::sort(pb.begin(), pb.end());
    sum += sortedW1(pa, pb);
  }
  return sum / projections;
}

double genc::rt::ksStatistic(std::vector<double> a, std::vector<double> b) {
  requireSamples(int64_t(a.size()), int64_t(b.size()), "Kolmogorov-Smirnov statistic");
  if (anyNaN(a) || anyNaN(b))
    return kNaN;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  double na = double(a.size()), nb = double(b.size());
  size_t i = 0, j = 0;
  double sup = 0;
  // Step both empirical CDFs past each distinct value (ties included) and compare them there.
  while (i < a.size() && j < b.size()) {
    double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] <= x)
      ++i;
    while (j < b.size() && b[j] <= x)
      ++j;
    sup = std::max(sup, std::fabs(double(i) / na - double(j) / nb));
  }
  return sup;
}

double genc::rt::ksStatistic(std::vector<double> a, const std::function<double(double)> &cdf) {
  if (a.empty())
    throw RuntimeError("Kolmogorov-Smirnov statistic: needs a non-empty sample");
  if (anyNaN(a))
    return kNaN;
  std::sort(a.begin(), a.end());
  double n = double(a.size()), sup = 0;
  // The empirical CDF jumps from i / n to (i + 1) / n at a[i].
  for (size_t i = 0; i < a.size(); ++i) {
    double f = cdf(a[i]);
    sup = std::max({sup, double(i + 1) / n - f, f - double(i) / n});
  }
  return sup;
}

void LogMeanExp::add(double v) {
  ++count_;
  if (std::isnan(v)) {
    nan_ = true;
  } else if (v > top_) {
    // Rescale what was summed to the new maximum (exp(-inf) is 0 at the start).
    sum_ = std::isinf(v) ? 1 : sum_ * std::exp(top_ - v) + 1;
    top_ = v;
  } else if (!std::isinf(v) && !std::isinf(top_)) {
    sum_ += std::exp(v - top_);
  }
}

double LogMeanExp::value() const {
  if (count_ == 0)
    throw RuntimeError("log-mean-exp: needs at least one value, got 0");
  if (nan_)
    return kNaN;
  if (std::isinf(top_))
    return top_; // all -inf, or some +inf
  return top_ + std::log(sum_ / double(count_));
}

double genc::rt::logMeanExp(const double *v, int64_t n) {
  if (n <= 0)
    throw RuntimeError("log-mean-exp: needs at least one value, got " + std::to_string(n));
  LogMeanExp mean;
  for (int64_t i = 0; i < n; ++i)
    mean.add(v[i]);
  return mean.value();
}
