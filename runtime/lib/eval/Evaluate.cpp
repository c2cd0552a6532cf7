//===- Evaluate.cpp - Held-out measures of a model -----------------------===//
#include "genc/runtime/Evaluate.h"
#include "genc/runtime/Error.h"
#include "eval/Metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace genc::rt;

Batch BatchData::view() const { return columnsOf(columns); }

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

double genc::rt::testLoss(Model &model, const std::string &step, const Split &test,
                          uint64_t seed) {
  if (test.count == 0)
    throw RuntimeError("no test examples to evaluate on");
  int64_t batch = model.manifest().batchSize;
  Rng evaluation(seed, "evaluation");
  NoiseFrom noise(model, evaluation);
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
}

NoiseFrom::NoiseFrom(Model &model, Rng &rng)
    : model_(model), rng_(rng), saved_(model.noise().state()) {
  model_.noise().setState(rng_.state());
}

NoiseFrom::~NoiseFrom() {
  rng_.setState(model_.noise().state());
  model_.noise().setState(saved_);
}

Batch genc::rt::columnsOf(const std::map<std::string, std::vector<float>> &columns) {
  Batch batch;
  for (const auto &[name, values] : columns)
    batch[name] = values.data();
  return batch;
}

std::vector<std::vector<float>> genc::rt::applyFunction(Model &model, const FunctionSpec &fn,
                                                        const Batch &arguments, int64_t rows) {
  if (rows < 1)
    throw RuntimeError(std::string(manifest::spelling(fn.kind)) + " '" + fn.name +
                       "': nothing to apply it to");
  int64_t batch = fn.batchSize;
  std::vector<const ArgumentSpec *> bound;
  for (const ArgumentSpec &a : fn.arguments)
    if (a.kind == ArgumentSpec::Kind::Input || a.kind == ArgumentSpec::Kind::Argument)
      bound.push_back(&a);
  std::vector<std::vector<float>> results;
  std::map<std::string, std::vector<float>> staging;
  for (int64_t begin = 0; begin < rows; begin += batch) {
    Batch view;
    for (const ArgumentSpec *a : bound) {
      auto it = arguments.find(a->name);
      if (it == arguments.end())
        throw RuntimeError(std::string(manifest::spelling(fn.kind)) + " '" + fn.name + "' needs " +
                           (a->kind == ArgumentSpec::Kind::Input ? "input" : "argument") + " '" +
                           a->name + "'");
      size_t width = size_t(a->shape.size() > 1 ? elementCount(a->shape) / a->shape[0] : 1);
      std::vector<float> &buffer = staging[a->name];
      buffer.resize(size_t(batch) * width);
      for (int64_t r = 0; r < batch; ++r) {
        int64_t source = std::min(begin + r, rows - 1); // pad by repeating the last row
        std::copy_n(it->second + size_t(source) * width, width, buffer.begin() + r * width);
      }
      view[a->name] = buffer.data();
    }
    std::vector<Tensor> out = model.apply(fn.kind, fn.name, view, batch);
    results.resize(out.size());
    for (size_t i = 0; i < out.size(); ++i) {
      size_t width = out[i].number_of_elements() / size_t(batch);
      int64_t keep = std::min(batch, rows - begin);
      results[i].insert(results[i].end(), out[i].data(), out[i].data() + size_t(keep) * width);
    }
  }
  return results;
}

namespace {
/// One-hot rows for every label input `fn` reads: row r is class
/// classes[r % size] (class 0 when there are none).
std::map<std::string, std::vector<float>> labelRows(const Manifest &manifest,
                                                    const FunctionSpec &fn,
                                                    const std::vector<int32_t> &classes,
                                                    int64_t rows) {
  std::map<std::string, std::vector<float>> labels;
  for (const ArgumentSpec *a : argumentsOf(fn, ArgumentSpec::Kind::Input)) {
    const InputSpec *in = manifest.findInput(a->name);
    if (!in || in->labelClasses == 0)
      continue;
    size_t width = size_t(in->labelClasses);
    std::vector<float> &values = labels[a->name];
    values.assign(size_t(rows) * width, 0.0f);
    for (int64_t r = 0; r < rows; ++r) {
      int32_t c = classes.empty() ? 0 : classes[size_t(r) % classes.size()];
      values[size_t(r) * width + size_t(c) % width] = 1;
    }
  }
  return labels;
}

void needSampler(const Model &model, const Generation &generation) {
  if (!generation.canSample())
    throw RuntimeError("model '" + model.manifest().model +
                       "' declares no 'generate': it cannot be sampled (see docs/language.md)");
}
} // namespace

std::vector<float> genc::rt::drawLatents(Model &model, const Generation &generation,
                                         int64_t count, Rng &rng,
                                         const std::vector<int32_t> &classes) {
  needSampler(model, generation);
  const FunctionSpec &latent = *generation.latent;
  // Whole batches, so the draws do not depend on how the rows are used.
  int64_t batch = latent.batchSize, rows = (count + batch - 1) / batch * batch;
  auto labels = labelRows(model.manifest(), latent, classes, rows);
  Batch view = columnsOf(labels);
  NoiseFrom noise(model, rng);
  std::vector<float> codes = applyFunction(model, latent, view, rows).front();
  codes.resize(size_t(count) * size_t(generation.latentSize()));
  return codes;
}

std::vector<float> genc::rt::decode(Model &model, const Generation &generation,
                                    const std::vector<float> &latents, int64_t count, Rng &rng,
                                    const std::vector<int32_t> &classes) {
  needSampler(model, generation);
  const FunctionSpec &generate = *generation.generate;
  if (latents.size() < size_t(count) * size_t(generation.latentSize()))
    throw RuntimeError("decode: fewer codes than rows asked for");
  auto labels = labelRows(model.manifest(), generate, classes, count);
  Batch view = columnsOf(labels);
  view[argumentsOf(generate, ArgumentSpec::Kind::Argument).front()->name] = latents.data();
  NoiseFrom noise(model, rng);
  return applyFunction(model, generate, view, count).front();
}

std::vector<float> genc::rt::generate(Model &model, const Generation &generation, int64_t count,
                                      Rng &rng, const std::vector<int32_t> &classes) {
  needSampler(model, generation);
  // Whole batches only: batch normalization sees batches like training's.
  int64_t batch = generation.generate->batchSize, rows = (count + batch - 1) / batch * batch;
  std::vector<int32_t> rowClasses;
  for (int64_t r = 0; r < rows && !classes.empty(); ++r)
    rowClasses.push_back(classes[size_t(r) % classes.size()]);
  std::vector<float> codes = drawLatents(model, generation, rows, rng, rowClasses);
  std::vector<float> out = decode(model, generation, codes, rows, rng, rowClasses);
  out.resize(out.size() / size_t(rows) * size_t(count));
  return out;
}

LogLikelihood genc::rt::logLikelihood(Model &model, const Generation &generation,
                                      const Split &test, int k, uint64_t seed, int64_t limit) {
  if (!generation.logWeight)
    throw RuntimeError("model '" + model.manifest().model +
                       "' declares no 'log_weight': no likelihood to estimate (see "
                       "docs/language.md)");
  if (test.count == 0)
    throw RuntimeError("no test examples to evaluate on");
  LogLikelihood result;
  result.exact = generation.logWeightExact();
  result.samples = result.exact ? 1 : std::max(k, 1);
  result.examples = limit > 0 ? std::min(limit, test.count) : test.count;
  size_t n = size_t(result.examples);
  Batch inputs = columnsOf(test.columns);
  Rng rng(seed, "iwae");
  NoiseFrom noise(model, rng);
  // One running log-mean-exp per example: memory does not grow with k.
  std::vector<LogMeanExp> logWeights(n);
  for (int sample = 0; sample < result.samples; ++sample) {
    std::vector<float> w = applyFunction(model, *generation.logWeight, inputs, int64_t(n)).front();
    for (size_t i = 0; i < n; ++i)
      logWeights[i].add(double(w[i]));
  }
  double sum = 0;
  for (const LogMeanExp &w : logWeights)
    sum += w.value();
  result.nats = sum / double(n);
  return result;
}

SampleScores genc::rt::sampleScores(Model &model, const Generation &generation, const Data &data,
                                    int64_t count, uint64_t seed) {
  if (!generation.canSample() || !generation.data)
    throw RuntimeError("sample scores need a 'generate' declaration about a data input");
  const Split &test = data.test;
  int64_t n = std::min(count, test.count);
  if (n < 1)
    throw RuntimeError("no test examples to score samples against");
  int64_t dim = generation.dataSize();
  auto cdf = data.cdf.find(generation.data->name);
  bool exact = dim == 1 && cdf != data.cdf.end();
  Rng rng(seed, "gan-scores");
  std::vector<float> fake = generate(model, generation, exact ? 10 * n : n, rng);
  const std::vector<float> &real = test.columns.at(generation.data->name);
  SampleScores scores;
  scores.slicedWasserstein = slicedWasserstein(fake.data(), n, real.data(), n, dim, 64, rng);
  scores.ksExact = exact;
  if (exact)
    scores.ks = ksStatistic(std::vector<double>(fake.begin(), fake.end()), cdf->second);
  else if (dim == 1)
    scores.ks = ksStatistic(std::vector<double>(fake.begin(), fake.begin() + n),
                            std::vector<double>(real.begin(), real.begin() + n));
  return scores;
}

double genc::rt::classifierAccuracy(Model &model, const Generation &generation,
                                    const Split &test) {
  if (!generation.classify)
    throw RuntimeError("model '" + model.manifest().model + "' declares no 'classify'");
  if (test.count == 0)
    throw RuntimeError("no test examples to evaluate on");
  const std::string &label = generation.classify->subject;
  auto truth = test.columns.find(label);
  if (truth == test.columns.end())
    throw RuntimeError("the test data have no label input '" + label + "'");
  std::vector<float> logits =
      applyFunction(model, *generation.classify, columnsOf(test.columns), test.count).front();
  size_t classes = logits.size() / size_t(test.count);
  int64_t correct = 0;
  for (size_t i = 0; i < size_t(test.count); ++i) {
    const float *row = logits.data() + i * classes;
    const float *onehot = truth->second.data() + i * classes;
    correct += std::max_element(row, row + classes) - row ==
               std::max_element(onehot, onehot + classes) - onehot;
  }
  return double(correct) / double(test.count);
}
