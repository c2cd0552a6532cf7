//===- Evaluate.cpp - Held-out measures of a model -----------------------===//
#include "genc/runtime/Evaluate.h"
#include "genc/runtime/Error.h"
#include "eval/Metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace genc::rt;

Batch BatchData::view() const {
  Batch batch;
  for (const auto &[name, values] : columns)
    batch[name] = values.data();
  return batch;
}

BatchData genc::rt::gatherRows(const Split &split, const std::vector<int64_t> &order,
                               int64_t begin, int64_t rows) {
  BatchData batch;
  for (const auto &[name, values] : split.columns) {
    size_t width = split.count ? values.size() / size_t(split.count) : 0;
    std::vector<float> &out = batch.columns[name];
    out.resize(size_t(rows) * width);
    for (int64_t r = 0; r < rows; ++r) {
      int64_t example = order.empty() ? begin + r : order[size_t(begin + r)];
      std::copy_n(values.begin() + ptrdiff_t(size_t(example) * width), width,
                  out.begin() + ptrdiff_t(size_t(r) * width));
    }
  }
  return batch;
}

bool genc::rt::readsData(const FunctionSpec &step) {
  return std::any_of(step.arguments.begin(), step.arguments.end(),
                     [](const ArgumentSpec &a) { return a.kind == ArgumentSpec::Kind::Input; });
}

namespace {
/// Runs `body` with the model's noise generator set to an evaluation
/// stream, restoring the training stream afterwards.
template <typename Body> auto withEvaluationNoise(Model &model, uint64_t seed, Body body) {
  auto saved = model.noise().state();
  model.noise().reseed(seed, "evaluation");
  struct Restore {
    Model &model;
    std::array<uint64_t, 4> state;
    ~Restore() { model.noise().setState(state); }
  } restore{model, saved};
  return body();
}
} // namespace

double genc::rt::testLoss(Model &model, const std::string &step, const Split &test,
                          uint64_t seed) {
  if (test.count == 0)
    throw RuntimeError("no test examples to evaluate on");
  int64_t batch = model.manifest().batchSize;
  return withEvaluationNoise(model, seed, [&] {
    double sum = 0;
    int64_t full = test.count / batch * batch;
    for (int64_t begin = 0; begin < full; begin += batch)
      sum += double(model.loss(step, gatherRows(test, {}, begin, batch).view(), batch)) *
             double(batch);
    if (int64_t rest = test.count - full) {
      std::vector<int64_t> last;
      for (int64_t r = 0; r < batch; ++r)
        last.push_back(test.count >= batch ? test.count - batch + r : r % test.count);
      std::vector<float> examples =
          model.lossExamples(step, gatherRows(test, last, 0, batch).view());
      // The new examples: the last `rest` rows, or the first pass over a
      // split smaller than a batch.
      int64_t first = test.count >= batch ? batch - rest : 0;
      for (int64_t r = first; r < first + rest; ++r)
        sum += double(examples[size_t(r)]);
    }
    return sum / double(test.count);
  });
}

std::vector<std::vector<float>>
genc::rt::applyNet(Model &model, const FunctionSpec &net,
                   const std::map<std::string, const float *> &arguments, int64_t rows) {
  int64_t batch = net.batchSize;
  auto args = netArguments(net);
  std::vector<std::vector<float>> results(net.results.size());
  std::map<std::string, std::vector<float>> staging;
  for (int64_t begin = 0; begin < rows; begin += batch) {
    Batch view;
    for (const ArgumentSpec *a : args) {
      auto it = arguments.find(a->name);
      if (it == arguments.end())
        throw RuntimeError("net '" + net.name + "' needs argument '" + a->name + "'");
      size_t width = size_t(a->shape.size() > 1 ? elementCount(a->shape) / a->shape[0] : 1);
      std::vector<float> &buffer = staging[a->name];
      buffer.resize(size_t(batch) * width);
      for (int64_t r = 0; r < batch; ++r) {
        int64_t source = std::min(begin + r, rows - 1); // pad by repeating the last row
        std::copy_n(it->second + size_t(source) * width, width, buffer.begin() + r * width);
      }
      view[a->name] = buffer.data();
    }
    std::vector<Tensor> out = model.net(net.name, view, batch);
    for (size_t i = 0; i < out.size(); ++i) {
      size_t width = out[i].number_of_elements() / size_t(batch);
      int64_t keep = std::min(batch, rows - begin);
      results[i].insert(results[i].end(), out[i].data(), out[i].data() + size_t(keep) * width);
    }
  }
  return results;
}

std::vector<float> genc::rt::generate(Model &model, const Roles &roles, int64_t count, Rng &rng,
                                      const std::vector<int32_t> &classes) {
  const FunctionSpec *net = roles.generator ? roles.generator : roles.decoder;
  if (!net)
    throw RuntimeError("model '" + model.manifest().model +
                       "' has no generator or decoder net to sample");
  // Whole batches only: batch normalization sees batches like training's.
  int64_t batch = net->batchSize, rows = (count + batch - 1) / batch * batch;
  std::map<std::string, std::vector<float>> args;
  auto params = netArguments(*net);
  for (size_t i = 0; i < params.size(); ++i) {
    const ArgumentSpec &a = *params[i];
    size_t width = size_t(elementCount(a.shape) / a.shape[0]);
    std::vector<float> &values = args[a.name];
    values.resize(size_t(rows) * width);
    if (roles.label && a.name == roles.label->name) {
      for (int64_t r = 0; r < rows; ++r)
        values[size_t(r) * width + size_t(classes.empty() ? 0 : classes[size_t(r) % classes.size()])] = 1;
      continue;
    }
    std::string distribution = "normal";
    double lo = 0, hi = 1;
    if (roles.generator) {
      if (i >= net->noise.size() || net->noise[i].kind.empty())
        throw RuntimeError("cannot sample net '" + net->name + "': the steps do not call it "
                           "with noise for argument '" + a.name + "'");
      distribution = net->noise[i].kind;
      lo = net->noise[i].a;
      hi = net->noise[i].b;
    }
    for (float &v : values)
      v = float(distribution == "normal" ? rng.normal(lo, hi) : rng.uniform(lo, hi));
  }
  std::map<std::string, const float *> view;
  for (const auto &[name, values] : args)
    view[name] = values.data();
  std::vector<std::vector<float>> out = applyNet(model, *net, view, rows);
  out.front().resize(out.front().size() / size_t(rows) * size_t(count));
  return out.front();
}

double genc::rt::iwaeLogLikelihood(Model &model, const Roles &roles, const Split &test, int k,
                                   uint64_t seed, int64_t limit) {
  if (!roles.isVae() || !roles.data)
    throw RuntimeError("the importance-weighted estimate needs nets 'encoder' and 'decoder'");
  int64_t n = limit > 0 ? std::min(limit, test.count) : test.count;
  const std::vector<float> &x = test.columns.at(roles.data->name);
  size_t width = size_t(elementCount(roles.data->shape));
  size_t latent = size_t(roles.latent);
  std::map<std::string, const float *> encoderArgs{{netArguments(*roles.encoder)[0]->name,
                                                    x.data()}};
  const std::vector<float> *labels = nullptr;
  if (roles.label) {
    labels = &test.columns.at(roles.label->name);
    encoderArgs[roles.label->name] = labels->data();
  }
  auto posterior = applyNet(model, *roles.encoder, encoderArgs, n);
  if (posterior.size() < 2)
    throw RuntimeError("net 'encoder' must return the code's mean and log-variance");
  const std::vector<float> &mean = posterior[0], &logVar = posterior[1];
  Rng rng(seed, "iwae");
  // One running log-mean-exp per example: memory does not grow with k.
  std::vector<LogMeanExp> logWeights(static_cast<size_t>(n));
  std::vector<float> z(size_t(n) * latent);
  std::vector<double> logQMinusLogP(static_cast<size_t>(n));
  const double halfLog2Pi = 0.9189385332046727;
  for (int sample = 0; sample < k; ++sample) {
    for (size_t i = 0; i < size_t(n); ++i) {
      double logRatio = 0; // log q(z|x) - log p(z)
      for (size_t j = 0; j < latent; ++j) {
        double m = mean[i * latent + j], s = logVar[i * latent + j];
        double e = rng.normal();
        double value = m + std::exp(0.5 * s) * e;
        z[i * latent + j] = float(value);
        logRatio += (-0.5 * e * e - 0.5 * s - halfLog2Pi) - (-0.5 * value * value - halfLog2Pi);
      }
      logQMinusLogP[i] = logRatio;
    }
    std::map<std::string, const float *> decoderArgs{
        {netArguments(*roles.decoder)[0]->name, z.data()}};
    if (labels)
      decoderArgs[roles.label->name] = labels->data();
    std::vector<float> probabilities = applyNet(model, *roles.decoder, decoderArgs, n)[0];
    for (size_t i = 0; i < size_t(n); ++i) {
      double logLikelihood = 0; // Bernoulli, logs clamped at -100 as gen's bce
      for (size_t p = 0; p < width; ++p) {
        double target = x[i * width + p], q = probabilities[i * width + p];
        logLikelihood += target * std::max(std::log(q), -100.0) +
                         (1 - target) * std::max(std::log1p(-q), -100.0);
      }
      logWeights[i].add(logLikelihood - logQMinusLogP[i]);
    }
  }
  double sum = 0;
  for (size_t i = 0; i < size_t(n); ++i)
    sum += logWeights[i].value();
  return sum / double(n);
}

GanScores genc::rt::ganScores(Model &model, const Roles &roles, const Data &data, int64_t count,
                              uint64_t seed) {
  if (!roles.isGan() || !roles.data)
    throw RuntimeError("GAN scores need a net 'generator' and a data input");
  const Split &test = data.test;
  int64_t n = std::min(count, test.count);
  int64_t dim = elementCount(roles.data->shape);
  auto cdf = data.cdf.find(roles.data->name);
  bool exact = dim == 1 && cdf != data.cdf.end();
  Rng rng(seed, "gan-scores");
  std::vector<float> fake = withEvaluationNoise(model, seed, [&] {
    return generate(model, roles, exact ? 10 * n : n, rng);
  });
  const std::vector<float> &real = test.columns.at(roles.data->name);
  GanScores scores;
  scores.slicedWasserstein = slicedWasserstein(fake.data(), n, real.data(), n, dim, 64, rng);
  scores.ksExact = exact;
  if (exact)
    scores.ks = ksStatistic(std::vector<double>(fake.begin(), fake.end()), cdf->second);
  else if (dim == 1)
    scores.ks = ksStatistic(std::vector<double>(fake.begin(), fake.begin() + n),
                            std::vector<double>(real.begin(), real.begin() + n));
  return scores;
}

double genc::rt::classifierAccuracy(Model &model, const Roles &roles, const Split &test) {
  if (!roles.classifier || !roles.data || !roles.label || test.labels.empty())
    throw RuntimeError("accuracy needs a net 'classifier', a data input and labels");
  const std::vector<float> &x = test.columns.at(roles.data->name);
  std::vector<float> logits =
      applyNet(model, *roles.classifier, {{netArguments(*roles.classifier)[0]->name, x.data()}},
               test.count)[0];
  size_t classes = logits.size() / size_t(test.count);
  int64_t correct = 0;
  for (size_t i = 0; i < size_t(test.count); ++i) {
    const float *row = logits.data() + i * classes;
    correct += std::max_element(row, row + classes) - row == test.labels[i];
  }
  return double(correct) / double(test.count);
}
