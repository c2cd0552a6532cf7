//===- genc-compare.cpp - One model's kernels on two targets, side by side ===//
//
//   genc-compare REF TEST [--iterations N] [--time N] [--tolerance T]
//
// REF and TEST name two builds of one model (`genc compile --shared`):
// DIR/NAME stands for DIR/NAME.so and DIR/NAME.manifest.json, e.g. the host
// build and a host-cuda build. Both start from the same parameters and
// draw the same noise. The tool runs the train schedule N times (3) on
// the same seeded batches, then every step's loss and every net, and
// compares each result, updated parameter, optimizer state and parameter
// average (training runs with --average 0.9's kernels; largest
// difference relative to the tensor's largest magnitude); with --time N it
// also times each step on both. It links only the runtime (no LLVM), so it
// runs where a GPU is but no compiler is. Exit status 1 when a difference
// exceeds the tolerance.
//
//===----------------------------------------------------------------------===//
#include "genc/runtime/Error.h"
#include "genc/runtime/Evaluate.h"
#include "genc/runtime/Model.h"
#include "genc/runtime/Rng.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>

using namespace genc::rt;

namespace {
/// A build and a model of it (parameters from seed 1 on both sides).
struct Build {
  CompiledBuild compiled;
  std::unique_ptr<Model> model;
};

/// `n` seeded values in [0, 1).
std::vector<float> uniformValues(int64_t n, Rng &rng) {
  std::vector<float> values(static_cast<size_t>(n));
  for (float &v : values)
    v = float(rng.uniform(0, 1));
  return values;
}

/// Parameters seeded from data (kmeans_pp) take rows of seeded values in
/// [0, 1), the same on both sides.
void seedFromRandomExamples(Model &model) {
  const Manifest &m = model.manifest();
  int64_t count = 0;
  for (const ParamSpec &p : m.params)
    if (!p.initFrom.empty())
      count = std::max(count, p.shape[0]);
  if (count == 0)
    return;
  Rng rng(1, "examples");
  std::map<std::string, std::vector<float>> examples;
  for (const InputSpec &in : m.inputs)
    examples[in.name] = uniformValues(count * elementCount(in.shape), rng);
  model.initialize(/*seed=*/1, columnsOf(examples), count);
}

/// A fresh model of `build`: parameters from seed 1, seeded examples.
std::unique_ptr<Model> modelOf(const CompiledBuild &build) {
  auto model = std::make_unique<Model>(build.manifest, *build.kernels, /*seed=*/1);
  seedFromRandomExamples(*model);
  return model;
}

std::unique_ptr<Build> open(const std::string &prefix) {
  auto build = std::make_unique<Build>(Build{CompiledBuild::load(prefix), nullptr});
  build->model = modelOf(build->compiled);
  return build;
}

/// Largest |test - ref| over the elements, relative to ref's largest magnitude.
double relativeDifference(const Tensor &ref, const Tensor &test) {
  const float *a = checkedData(ref, "reference", shapeOf(ref));
  const float *b = checkedData(test, "test", shapeOf(ref));
  double scale = 1e-12, worst = 0;
  size_t n = ref.number_of_elements();
  for (size_t i = 0; i < n; ++i)
    scale = std::max(scale, std::fabs(double(a[i])));
  for (size_t i = 0; i < n; ++i)
    worst = std::max(worst, std::fabs(double(a[i]) - double(b[i])) / scale);
  return worst;
}

/// Seeded values in [0, 1) for every tensor a function reads from its
/// caller (inputs and net arguments), owned here.
struct Arguments {
  std::map<std::string, std::vector<float>> storage;
  Batch batch;
  Arguments(const FunctionSpec &f, Rng &rng) {
    for (const ArgumentSpec &a : f.arguments) {
      if (a.kind != ArgumentSpec::Kind::Input && a.kind != ArgumentSpec::Kind::Argument)
        continue;
      std::vector<float> &values = storage[a.name] = uniformValues(elementCount(a.shape), rng);
      batch[a.name] = values.data();
    }
  }
};

struct Comparison {
  double tolerance;
  bool ok = true;
  void report(const std::string &what, double difference) {
    bool fine = difference <= tolerance && std::isfinite(difference);
    ok &= fine;
    std::printf("  %-44s %9.2e %s\n", what.c_str(), difference, fine ? "" : " EXCEEDS TOLERANCE");
  }
  void reportValue(const std::string &what, float ref, float test) {
    report(what, std::fabs(double(ref) - test) / std::max(1e-12, std::fabs(double(ref))));
  }
};

double millisecondsPerCall(const std::function<void()> &call, int repeats) {
  call(); // warm-up: a GPU driver compiles the kernels at the first call
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < repeats; ++i)
    call();
  std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
  return elapsed.count() / repeats;
}

/// The value of `flag`: a whole number when `integer`, within [low, high].
double number(const std::string &flag, const std::string &text, double low, double high,
              bool integer) {
  char *end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(v >= low && v <= high) || (integer && v != std::floor(v)))
    throw RuntimeError(flag + " needs " + (integer ? "a whole number" : "a number") + " >= " +
                       std::to_string(int(low)) + ", got '" + text + "'");
  return v;
}

int run(int argc, char **argv) {
  std::vector<std::string> positional;
  int iterations = 3, timeRepeats = 0;
  double tolerance = 1e-3;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc)
        throw RuntimeError(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--iterations")
      iterations = int(number(arg, value(), 0, 1e6, true));
    else if (arg == "--time")
      timeRepeats = int(number(arg, value(), 0, 1e6, true));
    else if (arg == "--tolerance")
      tolerance = number(arg, value(), 0, 1e30, false);
    else if (!arg.empty() && arg[0] == '-')
      throw RuntimeError("unknown flag '" + arg + "'");
    else
      positional.push_back(arg);
  }
  if (positional.size() != 2)
    throw RuntimeError("usage: genc-compare REF TEST [--iterations N] [--time N] [--tolerance T]"
                       " (REF, TEST: DIR/NAME of NAME.so and NAME.manifest.json)");
  auto ref = open(positional[0]), test = open(positional[1]);
  const Manifest &m = ref->compiled.manifest, &other = test->compiled.manifest;
  if (m.model != other.model || m.batchSize != other.batchSize)
    throw RuntimeError("the two builds are not the same model at the same batch size");
  std::printf("model %s, batch %lld: %s (reference) vs %s\n", m.model.c_str(),
              (long long)m.batchSize, m.target.c_str(), other.target.c_str());
  Comparison cmp{tolerance};
  Rng rng(7, "genc-compare");
  auto function = [&](FunctionSpec::Kind kind, const std::string &name) -> const FunctionSpec & {
    const FunctionSpec *f = m.find(kind, name);
    if (!f)
      throw RuntimeError("model has no function '" + name + "'");
    return *f;
  };

  // Parameter averaging on, so that its kernels are compared too.
  constexpr double kDecay = 0.9;
  ref->model->enableAveraging(kDecay);
  test->model->enableAveraging(kDecay);
  std::printf("train schedule, %d iterations (objectives):\n", iterations);
  for (int it = 0; it < iterations; ++it)
    for (const auto &[step, repeats] : m.train.schedule)
      for (int64_t r = 0; r < repeats; ++r) {
        Arguments args(function(FunctionSpec::Kind::Step, step), rng);
        float a = ref->model->step(step, args.batch, m.batchSize);
        float b = test->model->step(step, args.batch, m.batchSize);
        cmp.reportValue(step + " #" + std::to_string(it + 1), a, b);
      }
  std::printf("parameters and optimizer state after training:\n");
  ref->model->syncToHost();
  test->model->syncToHost();
  for (auto &[name, t] : ref->model->params())
    cmp.report(name, relativeDifference(t, test->model->params().at(name)));
  for (auto &[name, t] : ref->model->states())
    cmp.report("state " + name, relativeDifference(t, test->model->states().at(name)));
  for (auto &[name, t] : ref->model->averages())
    cmp.report("average " + name, relativeDifference(t, test->model->averages().at(name)));

  std::printf("losses, nets and declarations:\n");
  for (const FunctionSpec &f : m.functions) {
    if (f.kind == FunctionSpec::Kind::Step || f.kind == FunctionSpec::Kind::Average ||
        f.batchSize != m.batchSize)
      continue;
    Arguments args(f, rng);
    if (f.kind == FunctionSpec::Kind::Loss) {
      float a = ref->model->loss(f.name, args.batch, m.batchSize);
      float b = test->model->loss(f.name, args.batch, m.batchSize);
      cmp.reportValue("loss " + f.name, a, b);
      continue;
    }
    // Both models draw the same noise: same seed, same calls in order.
    std::vector<Tensor> a = ref->model->apply(f.kind, f.name, args.batch, m.batchSize);
    std::vector<Tensor> b = test->model->apply(f.kind, f.name, args.batch, m.batchSize);
    std::string what(genc::manifest::spelling(f.kind));
    if (f.kind == FunctionSpec::Kind::Net)
      what += " " + f.name;
    for (size_t i = 0; i < a.size(); ++i)
      cmp.report(what + " result " + std::to_string(i), relativeDifference(a[i], b[i]));
  }

  if (timeRepeats > 0) {
    std::printf("time per step (ms, mean of %d calls after one warm-up):\n", timeRepeats);
    std::printf("  %-20s %12s %12s %9s\n", "step", m.target.c_str(),
                other.target.c_str(), "speedup");
    // Fresh models: the steps alone, without averaging.
    std::unique_ptr<Model> refModel = modelOf(ref->compiled), testModel = modelOf(test->compiled);
    for (const auto &[step, repeats] : m.train.schedule) {
      Arguments args(function(FunctionSpec::Kind::Step, step), rng);
      auto timeOn = [&](Model &model) {
        return millisecondsPerCall([&] { model.step(step, args.batch, m.batchSize); }, timeRepeats);
      };
      double a = timeOn(*refModel), b = timeOn(*testModel);
      std::printf("  %-20s %12.3f %12.3f %8.2fx\n", step.c_str(), a, b, a / b);
    }
  }
  std::printf("%s\n", cmp.ok ? "all within tolerance" : "DIFFERENCES EXCEED THE TOLERANCE");
  return cmp.ok ? 0 : 1;
}
} // namespace

int main(int argc, char **argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "genc-compare: error: %s\n", e.what());
    return 2;
  }
}
