//===- Axis.cpp - Nice ranges, ticks and tick labels for the plots --------===//
//
// Ticks sit at 1, 2 or 5 x 10^k so that labels are short and a reader can
// interpolate between them. Labels show exactly the precision the tick step
// needs, switching to a shared exponent ("1.5e6", "2e-5") for very large or
// very fine axes.
//
//===----------------------------------------------------------------------===//
#include "viz/Chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace genc::rt;
using namespace genc::rt::chart;

namespace {
constexpr double kEpsilon = 1e-9; // absorbs rounding in ratios that should be whole
constexpr int kMaxTicks = 1000;   // a backstop against degenerate ranges

/// floor(log10(value)), clamped so that 0 or infinity cannot overflow the int.
int decimalExponent(double value) {
  return int(std::clamp(std::floor(std::log10(value) + kEpsilon), -400.0, 400.0));
}

/// The smallest 1, 2 or 5 x 10^k that is at least `raw`.
double niceStep(double raw) {
  double magnitude = std::pow(10.0, decimalExponent(raw));
  for (double mantissa : {1.0, 2.0, 5.0})
    if (mantissa * magnitude >= raw * (1 - kEpsilon))
      return mantissa * magnitude;
  return 10 * magnitude;
}

/// The largest 1, 2 or 5 x 10^k at most `value` (> 0), or with `up` the smallest at least it.
double niceBound(double value, bool up) {
  double magnitude = std::pow(10.0, decimalExponent(value));
  double mantissa = value / magnitude;
  if (up)
    return magnitude * (mantissa <= 1 + kEpsilon   ? 1
                        : mantissa <= 2 + kEpsilon ? 2
                        : mantissa <= 5 + kEpsilon ? 5
                                                   : 10);
  return magnitude * (mantissa >= 5 - kEpsilon ? 5 : mantissa >= 2 - kEpsilon ? 2 : 1);
}

/// `value` printed to the precision of `step`, on an axis reaching `largest`.
std::string tickLabel(double value, double step, double largest) {
  if (std::abs(value) < step * 1e-6)
    value = 0; // not "-0.0" or "1e-17" from accumulated rounding
  int stepExponent = decimalExponent(step);
  char text[48];
  if (largest >= 1e6 || stepExponent < -4) {
    if (value == 0)
      return "0";
    int exponent = decimalExponent(largest);
    int decimals = std::clamp(exponent - stepExponent, 0, 15);
    std::snprintf(text, sizeof(text), "%.*fe%d", decimals, value / std::pow(10.0, exponent),
                  exponent);
  } else {
    std::snprintf(text, sizeof(text), "%.*f", std::max(0, -stepExponent), value);
  }
  return text;
}
} // namespace

double Axis::toAxisUnits(double value) const {
  if (!log)
    return value;
  return value > 0 ? std::log10(value) : NAN;
}

Axis chart::linearAxis(double low, double high, int maxTicks, bool extendToTicks) {
  if (!(low <= high)) {
    low = 0;
    high = 1;
  }
  double magnitude = std::max(std::abs(low), std::abs(high));
  if (high - low <= magnitude * 1e-9) { // one value, or too little spread to tick
    double middle = (low + high) / 2, pad = magnitude > 1e-300 ? magnitude * 0.1 : 1;
    low = middle - pad;
    high = middle + pad;
  }
  Axis axis;
  if (!std::isfinite(high - low)) { // +-1e308: drawable, but no step to tick it by
    axis.low = low;
    axis.high = high;
    return axis;
  }
  double step = niceStep((high - low) / std::max(maxTicks, 1));
  if (extendToTicks) {
    low = std::floor(low / step + kEpsilon) * step;
    high = std::ceil(high / step - kEpsilon) * step;
  }
  axis.low = low;
  axis.high = high;
  double first = std::ceil(low / step - kEpsilon), last = std::floor(high / step + kEpsilon);
  if (!(last - first < kMaxTicks))
    return axis;
  for (int i = 0; i <= int(last - first); ++i) {
    double tick = (first + i) * step;
    axis.ticks.push_back(tick);
    axis.labels.push_back(tickLabel(tick, step, std::max(std::abs(low), std::abs(high))));
  }
  return axis;
}

Axis chart::logAxis(double low, double high, int maxTicks) {
  if (!(low > 0 && low <= high)) {
    low = 1;
    high = 10;
  }
  // Keeps the nice bounds below finite; points beyond are clipped anyway.
  low = std::clamp(low, 1e-300, 1e300);
  high = std::clamp(high, low, 1e300);
  low = niceBound(low, /*up=*/false);
  high = niceBound(high, /*up=*/true);
  if (high <= low)
    high = niceBound(low * 1.5, /*up=*/true);
  // Long ranges get ticks at powers of ten only, so both ends should be one.
  bool decadesOnly = std::log10(high / low) > 2.5;
  if (decadesOnly) {
    low = std::pow(10.0, decimalExponent(low));
    high = std::pow(10.0, std::ceil(std::log10(high) - kEpsilon));
  }
  Axis axis;
  axis.log = true;
  axis.low = std::log10(low);
  axis.high = std::log10(high);
  auto addTick = [&](double value, double step) {
    axis.ticks.push_back(std::log10(value));
    axis.labels.push_back(tickLabel(value, step, high));
  };
  int firstDecade = decimalExponent(low), lastDecade = decimalExponent(high);
  if (decadesOnly) {
    // Thinned to about maxTicks.
    int stride = std::max(1, (lastDecade - firstDecade + maxTicks) / std::max(maxTicks, 1));
    for (int k = firstDecade; k <= lastDecade; k += stride)
      addTick(std::pow(10.0, k), std::pow(10.0, k));
    return axis;
  }
  for (int k = firstDecade; k <= lastDecade; ++k)
    for (double mantissa : {1.0, 2.0, 5.0}) {
      double value = mantissa * std::pow(10.0, k);
      if (value >= low * (1 - kEpsilon) && value <= high * (1 + kEpsilon))
        addTick(value, value);
    }
  if (axis.ticks.size() >= 3)
    return axis;
  // Under a decade or so (0.5 to 1, say): evenly stepped ticks read better.
  axis.ticks.clear();
  axis.labels.clear();
  double step = niceStep((high - low) / std::max(maxTicks, 1));
  for (double k = std::ceil(low / step - kEpsilon); k <= std::floor(high / step + kEpsilon); ++k)
    addTick(k * step, step);
  return axis;
}
