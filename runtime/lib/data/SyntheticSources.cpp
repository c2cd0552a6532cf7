//===- SyntheticSources.cpp - toy1d and ring2d data ------------------------===//
//
// The small distributions GAN papers check training on: a 1-D normal or
// two-component mixture (Goodfellow et al. 2014's toy), and K Gaussians on a
// circle (the ring of the mode-collapse literature: a collapsed generator
// covers few of the K modes).
//
//===----------------------------------------------------------------------===//
#include "data/DataSources.h"

#include "genc/runtime/Error.h"

#include <cmath>
#include <cstdlib>

using namespace genc::rt;
using namespace genc::rt::detail;

namespace {

std::string trimmed(const std::string &s) {
  size_t begin = s.find_first_not_of(" \t");
  if (begin == std::string::npos)
    return "";
  return s.substr(begin, s.find_last_not_of(" \t") - begin + 1);
}

/// The comma-separated numbers of `list`, each of which must be finite.
std::vector<double> parseNumbers(const std::string &list, const std::string &source) {
  std::vector<double> numbers;
  size_t start = 0;
  while (true) {
    size_t comma = list.find(',', start);
    std::string item = trimmed(list.substr(start, comma == std::string::npos ? comma : comma - start));
    char *end = nullptr;
    double value = std::strtod(item.c_str(), &end);
    if (item.empty() || *end != '\0' || !std::isfinite(value))
      throw RuntimeError("malformed data source '" + source + "': '" + item + "' is not a number");
    numbers.push_back(value);
    if (comma == std::string::npos)
      return numbers;
    start = comma + 1;
  }
}

void expectCount(const std::vector<double> &numbers, size_t count, const std::string &source,
                 const char *meaning) {
  if (numbers.size() != count)
    throw RuntimeError("malformed data source '" + source + "': expected " + meaning + ", got " +
                       std::to_string(numbers.size()) + " numbers");
}

void expectNonNegative(double value, const std::string &source, const char *what) {
  if (value < 0)
    throw RuntimeError("malformed data source '" + source + "': " + what + " is negative");
}

/// The arguments of `name(...)` when `call` has that form.
std::optional<std::string> callArguments(const std::string &call, const std::string &name) {
  std::string text = trimmed(call);
  if (text.compare(0, name.size() + 1, name + "(") != 0 || text.back() != ')')
    return std::nullopt;
  return text.substr(name.size() + 1, text.size() - name.size() - 2);
}

std::optional<SyntheticSource> parseToy1d(const std::string &text, const std::string &rest) {
  if (std::optional<std::string> args = callArguments(rest, "normal")) {
    std::vector<double> p = parseNumbers(*args, text);
    expectCount(p, 2, text, "normal(mean, std)");
    expectNonNegative(p[1], text, "the standard deviation");
    return SyntheticSource{SyntheticSource::Kind::Normal, text, p};
  }
  if (std::optional<std::string> args = callArguments(rest, "mixture")) {
    std::vector<double> p = parseNumbers(*args, text);
    expectCount(p, 4, text, "mixture(mean1, std1, mean2, std2)");
    expectNonNegative(p[1], text, "the first standard deviation");
    expectNonNegative(p[3], text, "the second standard deviation");
    return SyntheticSource{SyntheticSource::Kind::Mixture, text, p};
  }
  return std::nullopt;
}

SyntheticSource parseRing2d(const std::string &text, const std::string &rest) {
  std::vector<double> p = parseNumbers(rest, text);
  if (p.size() == 1)
    p.insert(p.end(), {2.0, 0.02}); // radius and spread of the usual 8-Gaussian ring
  expectCount(p, 3, text, "K or K,RADIUS,STD");
  if (p[0] < 1 || p[0] != std::floor(p[0]) || p[0] > 1e6)
    throw RuntimeError("malformed data source '" + text + "': the number of modes K must be a "
                       "positive integer");
  expectNonNegative(p[2], text, "the standard deviation");
  return SyntheticSource{SyntheticSource::Kind::Ring, text, p};
}

} // namespace

std::optional<SyntheticSource> genc::rt::detail::parseSyntheticSource(const std::string &text) {
  const std::string toy1d = "toy1d:", ring2d = "ring2d:";
  if (text.compare(0, toy1d.size(), toy1d) == 0)
    return parseToy1d(text, text.substr(toy1d.size()));
  if (text.compare(0, ring2d.size(), ring2d) == 0)
    return parseRing2d(text, text.substr(ring2d.size()));
  return std::nullopt;
}

std::vector<float> SyntheticSource::draw(int64_t count, Rng &rng) const {
  std::vector<float> values;
  values.reserve(size_t(count * valuesPerExample()));
  for (int64_t i = 0; i < count; ++i) {
    switch (kind) {
    case Kind::Normal:
      values.push_back(float(rng.normal(params[0], params[1])));
      break;
    case Kind::Mixture: {
      bool first = rng.uniform() < 0.5;
      values.push_back(float(first ? rng.normal(params[0], params[1])
                                   : rng.normal(params[2], params[3])));
      break;
    }
    case Kind::Ring: {
      uint64_t mode = rng.below(uint64_t(params[0]));
      double angle = 6.283185307179586 * double(mode) / params[0];
      double x = params[1] * std::cos(angle) + rng.normal(0, params[2]);
      double y = params[1] * std::sin(angle) + rng.normal(0, params[2]);
      values.insert(values.end(), {float(x), float(y)});
      break;
    }
    }
  }
  return values;
}

double SyntheticSource::cdf(double x) const {
  auto normal = [x](double mean, double std) {
    if (std == 0)
      return x >= mean ? 1.0 : 0.0;
    return 0.5 * std::erfc((mean - x) / (std * 1.4142135623730951));
  };
  switch (kind) {
  case Kind::Normal:
    return normal(params[0], params[1]);
  case Kind::Mixture:
    return 0.5 * normal(params[0], params[1]) + 0.5 * normal(params[2], params[3]);
  case Kind::Ring:
    break;
  }
  throw RuntimeError("data source '" + text + "' is not one-dimensional: it has no CDF");
}
