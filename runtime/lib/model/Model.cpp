//===- Model.cpp - A compiled model's state and calls --------------------===//
#include "genc/runtime/Model.h"

#include <cmath>
#include "genc/runtime/Error.h"
#include "genc/runtime/FloatMode.h"
#include "genc/runtime/HostTarget.h"
#include "genc/runtime/Initializers.h"
#include "genc/runtime/Safetensors.h"
#include "model/Noise.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

using namespace genc::rt;

Tensor genc::rt::makeTensor(const std::vector<int64_t> &shape) {
  std::vector<int> extents(shape.rbegin(), shape.rend());
  Tensor t(extents);
  t.fill(0.0f);
  return t;
}

std::vector<int64_t> genc::rt::shapeOf(const Tensor &t) {
  std::vector<int64_t> shape;
  for (int d = t.dimensions() - 1; d >= 0; --d)
    shape.push_back(t.dim(d).extent());
  return shape;
}

const float *genc::rt::checkedData(const Tensor &t, const char *what,
                                   const std::vector<int64_t> &shape) {
  bool ok = shapeOf(t) == shape;
  for (int d = 0; ok && d < t.dimensions(); ++d)
    ok = t.dim(d).min() == 0;
  if (!ok)
    throw RuntimeError(std::string(what) + ": tensor has the wrong shape");
  if (t.device_dirty())
    const_cast<Tensor &>(t).copy_to_host();
  return t.data();
}

namespace {
std::string kindName(FunctionSpec::Kind kind) {
  return std::string(genc::manifest::spelling(kind));
}

std::string keyOf(FunctionSpec::Kind kind, const std::string &name, int64_t batch) {
  return kindName(kind) + "/" + name + "/" + std::to_string(batch);
}
} // namespace

CompiledBuild CompiledBuild::load(const std::string &prefix) {
  std::string path = prefix + ".manifest.json";
  std::string text = Manifest::readText(path);
  Manifest manifest = Manifest::parse(text, path);
  // Before the kernels load: on a CPU without an extension they use, a
  // step would die of SIGILL. (Whether the manifest is the kernels' own is
  // checked next, so a claimed target is the compiled one.)
  if (!manifest.halideTarget.empty())
    if (std::optional<std::string> why = cannotRunHere(manifest.halideTarget))
      throw RuntimeError(prefix + ".so: " + *why +
                         (why->find(manifest.halideTarget) == std::string::npos
                              ? " (the build is for " + manifest.halideTarget + ")"
                              : "") +
                         ": compile the model for this machine (genc compile --target=host)");
  CompiledBuild build{std::move(manifest), std::make_unique<SharedLibraryKernels>(prefix + ".so")};
  // The kernels trust their arguments' shapes (compiled without asserts):
  // the manifest that gives them must be the one they were compiled with.
  if (build.kernels->manifestText() != text)
    throw RuntimeError(path + ": not the manifest " + prefix + ".so was compiled with");
  return build;
}

Model::Model(Manifest manifest, const KernelSource &kernels, uint64_t seed)
    : manifest_(std::move(manifest)), kernels_(kernels) {
  for (const FunctionSpec &f : manifest_.functions)
    compiled_[keyOf(f.kind, f.name, f.batchSize)] = {&f, kernels.entryPoint(f.symbol), {}, {}};
  initializeParams(seed, nullptr, 0);
}

Model::~Model() {
  // Device copies must go before the device runtime (in a kernel library
  // that may be unloaded next) does.
  auto release = [](Tensor &t) { t.device_free(); };
  for (auto *tensors : {&params_, &states_, &averages_, &trainedParams_})
    for (auto &entry : *tensors)
      release(entry.second);
  for (auto &entry : compiled_) {
    for (auto &input : entry.second.inputs)
      release(input.second);
    for (Tensor &t : entry.second.spare)
      release(t);
  }
}

void Model::initialize(uint64_t seed, const Batch &examples, int64_t count) {
  initializeParams(seed, &examples, count);
}

void Model::initializeParams(uint64_t seed, const Batch *examples, int64_t count) {
  // Every value is drawn before any is installed: a failed initialization
  // (examples missing or too few) leaves the model as it was.
  std::map<std::string, Tensor> params;
  std::string unseeded;
  for (const ParamSpec &p : manifest_.params) {
    std::vector<double> values(size_t(elementCount(p.shape)));
    if (!seedsFromExamples(p.init)) {
      initializeTensor(p.init, p.initArgs, p.shape, seed, p.name, values.data());
    } else if (!examples) {
      unseeded = p.name;
    } else {
      seedFromInput(p.shape, seed, p.name, p.initFrom, *examples, count, values.data());
    }
    Tensor t = makeTensor(p.shape);
    std::copy(values.begin(), values.end(), t.data());
    params[p.name] = t;
  }
  if (averagesSwappedIn_)
    swapInAverages();
  averages_.clear();
  averageWeights_.clear();
  noise_.reseed(seed, "noise");
  unseeded_ = unseeded;
  for (auto &[name, t] : params)
    params_[name] = t;
  for (const TensorSpec &s : manifest_.states)
    states_[s.name] = makeTensor(s.shape);
}

Model::Compiled &Model::lookup(FunctionSpec::Kind kind, const std::string &name, int64_t rows) {
  if (!unseeded_.empty())
    throw RuntimeError("parameter '" + unseeded_ + "' is seeded from training examples " +
                       "(kmeans_pp): initialize the model with them, or load a checkpoint");
  auto it = compiled_.find(keyOf(kind, name, rows));
  if (it != compiled_.end())
    return it->second;
  std::string sizes;
  for (int64_t b : batchSizes(kind, name))
    sizes += (sizes.empty() ? "" : ", ") + std::to_string(b);
  if (sizes.empty())
    throw RuntimeError("model '" + manifest_.model + "' has no " + kindName(kind) + " '" + name +
                       "'");
  throw RuntimeError(kindName(kind) + " '" + name + "' is compiled for batch " +
                     sizes + ", not " + std::to_string(rows));
}

std::vector<int64_t> Model::batchSizes(FunctionSpec::Kind kind, const std::string &name) const {
  std::vector<int64_t> sizes;
  for (const auto &entry : compiled_)
    if (entry.second.spec->kind == kind && entry.second.spec->name == name)
      sizes.push_back(entry.second.spec->batchSize);
  std::sort(sizes.begin(), sizes.end());
  return sizes;
}

bool Model::hasStep(const std::string &name) const {
  return manifest_.find(FunctionSpec::Kind::Step, name) != nullptr;
}

bool Model::hasNet(const std::string &name) const {
  return manifest_.find(FunctionSpec::Kind::Net, name) != nullptr;
}

void Model::drawNoise(const ArgumentSpec &arg, Tensor &staging, bool shared) {
  const Distribution &d = arg.noise;
  float *values = staging.data();
  size_t n = staging.number_of_elements();
  // A share draws what the whole batch would (its leading dimension is the
  // batch) and keeps its own rows.
  size_t before = shared ? n * size_t(shardIndex_) : 0;
  size_t total = shared ? n * size_t(shardCount_) : n;
  if (d.kind == "normal") {
    drawNormals(noise_, values, before, n, total, float(d.a), float(d.b));
    return;
  }
  for (size_t i = 0; i < before; ++i)
    noise_.uniform();
  for (size_t i = 0; i < n; ++i)
    values[i] = float(noise_.uniform(d.a, d.b));
  for (size_t i = before + n; i < total; ++i)
    noise_.uniform();
}

void Model::run(Compiled &fn, const Batch &batch) {
  const FunctionSpec &spec = *fn.spec;
  std::vector<void *> args;
  for (const ArgumentSpec &arg : spec.arguments) {
    switch (arg.kind) {
    case ArgumentSpec::Kind::Input:
    case ArgumentSpec::Kind::Argument:
    case ArgumentSpec::Kind::Gradient:
    case ArgumentSpec::Kind::Random: {
      auto [it, fresh] = fn.inputs.try_emplace(arg.name);
      if (fresh)
        it->second = makeTensor(arg.shape);
      Tensor &staging = it->second;
      if (arg.kind == ArgumentSpec::Kind::Random) {
        drawNoise(arg, staging, spec.kind == FunctionSpec::Kind::Gradient && shardCount_ > 1);
      } else {
        auto source = batch.find(arg.name);
        if (source == batch.end())
          throw RuntimeError(kindName(spec.kind) + " '" + spec.name +
                             "' needs input '" + arg.name + "'");
        std::memcpy(staging.data(), source->second, staging.size_in_bytes());
      }
      staging.set_host_dirty();
      args.push_back(staging.raw_buffer());
      break;
    }
    case ArgumentSpec::Kind::Param:
      args.push_back(params_.at(arg.name).raw_buffer());
      break;
    case ArgumentSpec::Kind::State:
      args.push_back(states_.at(arg.name).raw_buffer());
      break;
    case ArgumentSpec::Kind::Average: {
      auto [it, fresh] = averages_.try_emplace(arg.name);
      if (fresh) {
        it->second = makeTensor(arg.shape);
        it->second.set_host_dirty();
      }
      args.push_back(it->second.raw_buffer());
      break;
    }
    case ArgumentSpec::Kind::Decay: {
      auto [it, fresh] = fn.inputs.try_emplace(arg.name);
      if (fresh)
        it->second = makeTensor(arg.shape);
      if (it->second() != float(beta_)) {
        it->second() = float(beta_);
        it->second.set_host_dirty();
      }
      args.push_back(it->second.raw_buffer());
      break;
    }
    }
  }
  if (fn.spare.empty())
    for (const ResultSpec &r : spec.results)
      fn.spare.push_back(makeTensor(r.shape));
  for (Tensor &t : fn.spare)
    args.push_back(t.raw_buffer());
  takeKernelError(); // forget errors of earlier, handled failures
  int rc;
  {
    FlushSubnormals flushed;
    rc = fn.entry(args.data());
  }
  if (rc) {
    std::string message = takeKernelError();
    throw RuntimeError(spec.symbol + " failed (Halide error " + std::to_string(rc) + ")" +
                       (message.empty() ? "" : ": " + message));
  }

  // New parameter, state and average values replace the old, whose buffers
  // the next call writes into: no allocation in the steady state.
  bool trained = false;
  for (size_t i = 0; i < spec.results.size(); ++i) {
    const ResultSpec &r = spec.results[i];
    if (r.kind == ResultSpec::Kind::Param)
      std::swap(params_.at(r.name), fn.spare[i]);
    else if (r.kind == ResultSpec::Kind::State)
      std::swap(states_.at(r.name), fn.spare[i]);
    else if (r.kind == ResultSpec::Kind::Average)
      std::swap(averages_.at(r.name), fn.spare[i]);
    trained |= r.kind == ResultSpec::Kind::Param;
  }
  if (trained && beta_ > 0)
    updateAverages(spec.name);
}

std::vector<Tensor> Model::call(Compiled &fn, const Batch &batch) {
  run(fn, batch);
  std::vector<Tensor> results;
  for (size_t i = 0; i < fn.spec->results.size(); ++i) {
    ResultSpec::Kind kind = fn.spec->results[i].kind;
    if (kind != ResultSpec::Kind::Param && kind != ResultSpec::Kind::State) {
      fn.spare[i].copy_to_host();
      results.push_back(fn.spare[i].copy());
    }
  }
  return results;
}

void Model::gradients(const std::string &name, const Batch &batch, int64_t rows,
                      std::vector<float> &flat) {
  Compiled &fn = lookup(FunctionSpec::Kind::Gradient, name, rows);
  run(fn, batch);
  // The objective first (one value), then the gradients in result order.
  flat.assign(1, 0.0f);
  for (size_t i = 0; i < fn.spec->results.size(); ++i) {
    ResultSpec::Kind kind = fn.spec->results[i].kind;
    Tensor &t = fn.spare[i];
    if (kind == ResultSpec::Kind::Objective || kind == ResultSpec::Kind::Gradient)
      t.copy_to_host();
    if (kind == ResultSpec::Kind::Objective)
      flat[0] = t();
    else if (kind == ResultSpec::Kind::Gradient)
      flat.insert(flat.end(), t.data(), t.data() + t.number_of_elements());
  }
}

void Model::update(const std::string &name, const std::vector<float> &flat) {
  Compiled &fn = lookup(FunctionSpec::Kind::Update, name, manifest_.batchSize);
  Batch gradients;
  size_t offset = 1; // after the objective
  const FunctionSpec *halves = manifest_.find(FunctionSpec::Kind::Gradient, name);
  if (!halves)
    throw RuntimeError("model '" + manifest_.model + "' has no gradient '" + name + "'");
  for (const ResultSpec &r : halves->results)
    if (r.kind == ResultSpec::Kind::Gradient) {
      gradients[r.name] = flat.data() + offset;
      offset += size_t(elementCount(r.shape));
    }
  if (offset > flat.size())
    throw RuntimeError("update '" + name + "': the gradients do not fit their buffer");
  run(fn, gradients);
}

void Model::enableAveraging(double beta) {
  if (!(beta > 0 && beta < 1))
    throw RuntimeError("parameter averaging needs 0 < beta < 1, got " + std::to_string(beta));
  auto trains = [](const FunctionSpec &f) {
    return std::any_of(f.results.begin(), f.results.end(),
                       [](const ResultSpec &r) { return r.kind == ResultSpec::Kind::Param; });
  };
  for (const FunctionSpec &f : manifest_.functions)
    if (trains(f) && !manifest_.find(FunctionSpec::Kind::Average, f.name))
      throw RuntimeError("this build of model '" + manifest_.model +
                         "' has no averaging function for step '" + f.name +
                         "' (compiled by an older genc): compile it again to train with --average");
  beta_ = beta;
}

void Model::updateAverages(const std::string &step) {
  if (averagesSwappedIn_)
    throw RuntimeError("a training step ran while the averaged parameters were swapped in");
  Compiled &fn = lookup(FunctionSpec::Kind::Average, step, manifest_.batchSize);
  run(fn, {});
  for (const ResultSpec &r : fn.spec->results) {
    double &weight = averageWeights_[r.name];
    weight = beta_ * weight + (1 - beta_);
  }
}

void Model::swapInAverages() {
  if (averagesSwappedIn_) {
    for (auto &[name, trained] : trainedParams_)
      std::swap(params_.at(name), trained);
    trainedParams_.clear();
    averagesSwappedIn_ = false;
    return;
  }
  syncToHost();
  for (auto &[name, avg] : averages_) {
    Tensor debiased = makeTensor(shapeOf(avg));
    double weight = averageWeights_.at(name);
    for (size_t i = 0, n = avg.number_of_elements(); i < n; ++i)
      debiased.data()[i] = float(double(avg.data()[i]) / weight);
    debiased.set_host_dirty();
    trainedParams_[name] = params_.at(name);
    params_.at(name) = debiased;
  }
  averagesSwappedIn_ = true;
}

float Model::step(const std::string &name, const Batch &batch, int64_t rows) {
  std::vector<Tensor> results = call(lookup(FunctionSpec::Kind::Step, name, rows), batch);
  return results.empty() ? 0.0f : results.front()();
}

float Model::loss(const std::string &name, const Batch &batch, int64_t rows) {
  std::vector<Tensor> results = call(lookup(FunctionSpec::Kind::Loss, name, rows), batch);
  return results.empty() ? 0.0f : results.front()();
}

std::vector<float> Model::lossExamples(const std::string &name, const Batch &batch) {
  Compiled &fn = lookup(FunctionSpec::Kind::Loss, name, manifest_.batchSize);
  std::vector<Tensor> results = call(fn, batch);
  if (results.size() < 2)
    throw RuntimeError("loss '" + name + "' has no objective per example (it is not a mean "
                       "over the batch)");
  const Tensor &examples = results[1];
  return std::vector<float>(examples.data(), examples.data() + examples.number_of_elements());
}

std::vector<Tensor> Model::apply(FunctionSpec::Kind kind, const std::string &name,
                                 const Batch &arguments, int64_t rows) {
  return call(lookup(kind, name, rows), arguments);
}

void Model::save(const std::string &path, std::map<std::string, std::string> metadata) {
  if (averagesSwappedIn_)
    throw RuntimeError("cannot save while the averaged parameters are swapped in");
  if (!unseeded_.empty())
    throw RuntimeError("cannot save: parameter '" + unseeded_ + "' is not seeded yet (kmeans_pp)");
  syncToHost();
  std::vector<TensorView> views;
  for (auto &[name, t] : params_)
    views.push_back({name, shapeOf(t), t.data()});
  for (auto &[name, t] : states_)
    views.push_back({"state/" + name, shapeOf(t), t.data()});
  if (!averages_.empty()) {
    std::string weights;
    char number[40];
    for (auto &[name, t] : averages_) {
      views.push_back({"average/" + name, shapeOf(t), t.data()});
      std::snprintf(number, sizeof(number), "%.17g", averageWeights_.at(name));
      weights += (weights.empty() ? "" : ",") + name + "=" + number;
    }
    metadata["average_weights"] = weights;
  }
  metadata["model"] = manifest_.model;
  writeSafetensors(path, views, metadata);
}

std::optional<std::string> Model::nonFiniteParam() {
  syncToHost();
  for (auto &[name, t] : params_) {
    const float *data = t.data();
    for (size_t i = 0, n = size_t(t.number_of_elements()); i < n; ++i)
      if (!std::isfinite(data[i]))
        return name;
  }
  return std::nullopt;
}

std::map<std::string, std::string> Model::load(const std::string &path) {
  SafetensorsFile file(path);
  auto model = file.metadata().find("model");
  if (model != file.metadata().end() && model->second != manifest_.model)
    throw RuntimeError(path + ": a checkpoint of model '" + model->second + "', not '" +
                       manifest_.model + "'");
  if (averagesSwappedIn_)
    swapInAverages();
  syncToHost();
  for (auto &[name, t] : params_) {
    file.read(name, shapeOf(t), t.data());
    t.set_host_dirty();
  }
  unseeded_.clear();
  for (auto &[name, t] : states_)
    if (file.has("state/" + name)) {
      file.read("state/" + name, shapeOf(t), t.data());
      t.set_host_dirty();
    }
  averages_.clear();
  averageWeights_.clear();
  auto weights = file.metadata().find("average_weights");
  if (weights != file.metadata().end()) {
    std::stringstream entries(weights->second);
    std::string entry;
    while (std::getline(entries, entry, ',')) {
      size_t equals = entry.rfind('=');
      auto param = params_.find(entry.substr(0, equals));
      if (equals == std::string::npos || param == params_.end())
        throw RuntimeError(path + ": malformed average_weights entry '" + entry + "'");
      Tensor avg = makeTensor(shapeOf(param->second));
      file.read("average/" + param->first, shapeOf(avg), avg.data());
      avg.set_host_dirty();
      averages_[param->first] = avg;
      double weight = std::strtod(entry.c_str() + equals + 1, nullptr);
      if (!(weight > 0 && weight <= 1))
        throw RuntimeError(path + ": malformed average_weights entry '" + entry + "'");
      averageWeights_[param->first] = weight;
    }
  }
  return file.metadata();
}

void Model::syncToHost() {
  for (auto *tensors : {&params_, &states_, &averages_})
    for (auto &entry : *tensors)
      entry.second.copy_to_host();
}

void Model::setThreads(int threads) const { kernels_.setThreads(threads); }
