//===- Commands.cpp - train | sample | eval, for genc and genc-run --------===//
#include "genc/runtime/Commands.h"

#include "genc/runtime/Communicator.h"
#include "genc/runtime/Data.h"
#include "genc/runtime/Error.h"
#include "genc/runtime/Evaluate.h"
#include "genc/runtime/Files.h"
#include "genc/runtime/Safetensors.h"
#include "genc/runtime/Trainer.h"
#include "genc/runtime/Visualize.h"

#include <cmath>
#include <cstdio>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

using namespace genc::rt;

namespace {
struct Session {
  CompiledBuild build;
  std::unique_ptr<Model> model;
  Data data;
};

/// Compiles (once: every function at the model's batch size; partial
/// batches are dropped in training and filled in evaluation) and loads the
/// model and its data; only training reads the train split.
Session open(const CommandRequest &request, bool loadTrain, int64_t shares = 1) {
  Session s;
  s.build = CompiledBuild::load(request.build(request.batch, shares));
  DataOptions options;
  options.override_ = request.data;
  options.trainLimit = request.limit;
  options.testLimit = request.testLimit;
  options.seed = request.seed;
  options.loadTrain = loadTrain;
  s.data = loadData(s.build.manifest.inputs, options);
  s.model = std::make_unique<Model>(s.build.manifest, *s.build.kernels, request.seed);
  s.model->setThreads(int(request.threads));
  return s;
}

/// Under mpirun, the processes the batch is shared by; ranks other than 0
/// print nothing but errors.
std::unique_ptr<Communicator> joinProcesses(const CommandRequest &request) {
  std::unique_ptr<Communicator> processes = joinLaunchedProcesses();
  int count = processes->size();
  if (count > 1 && request.batch % count != 0) {
    if (processes->rank() == 0)
      std::fprintf(stderr, "%s: error: the batch of %lld cannot be shared by %d processes: "
                           "their number must divide it (or %s)\n",
                   request.program.c_str(), (long long)request.batch, count,
                   request.changeBatch.c_str());
    processes->abort(1);
  }
  if (processes->rank() != 0) {
    std::fflush(stdout);
    int quiet = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (quiet >= 0 && ::dup2(quiet, STDOUT_FILENO) >= 0)
      ::close(quiet);
  }
  return processes;
}

int runTraining(const CommandRequest &request, Communicator &processes) {
  // Refuse before compiling anything.
  bool exists = fileExists(checkpointPath(request.outDir));
  if (request.resume && !exists)
    throw RuntimeError("--resume: no checkpoint at " + checkpointPath(request.outDir));
  if (!request.resume && exists)
    throw RuntimeError(checkpointPath(request.outDir) +
                       " exists: pass --resume to continue that run, or choose another --out");
  Session s = open(request, /*loadTrain=*/true, processes.size());
  TrainOptions options;
  options.processes = &processes;
  options.checkReplicas = request.checkReplicas;
  options.epochs = request.epochs;
  options.outDir = request.outDir;
  options.seed = request.seed;
  options.resume = request.resume;
  options.checkpointEvery = request.checkpointEvery;
  options.stopAfter = request.stopAfter;
  options.average = request.average;
  return genc::rt::train(*s.model, s.data, options);
}

int runTraining(const CommandRequest &request) {
  std::unique_ptr<Communicator> processes = joinProcesses(request);
  try {
    return runTraining(request, *processes);
  } catch (const RuntimeError &e) {
    if (processes->size() == 1)
      throw;
    // The other processes would wait for this one forever.
    std::fflush(stdout);
    std::fprintf(stderr, "%s: error: %s%s\n", request.program.c_str(),
                 processes->rank() ? ("process " + std::to_string(processes->rank()) + ": ").c_str()
                                   : "",
                 e.what());
    processes->abort(1);
  }
  return 1; // (abort does not return)
}

/// Loads a checkpoint's parameters; when training averaged them
/// (--average), the averages are what sample and eval use.
void loadForInference(Model &model, const std::string &checkpoint) {
  model.load(checkpoint);
  if (model.hasAverages()) {
    model.swapInAverages();
    std::printf("using the parameter averages of %s\n", checkpoint.c_str());
  }
}

/// Generated images (and, for a conditional model, the classes asked for)
/// as an IDX data folder: the same items as train and t10k files, so any
/// model can be trained or evaluated on them with --data. Generated and
/// written a block at a time: memory does not grow with --count.
std::string exportIdx(Model &model, const Generation &generation, const CommandRequest &request) {
  if (generation.imageSide == 0)
    throw RuntimeError("--export-idx needs a model that generates square images");
  createDirectories(request.exportIdx);
  const InputSpec *label = generation.label;
  uint64_t side = uint64_t(generation.imageSide), count = uint64_t(request.count);
  // Each block goes to both splits as it is generated (no second pass).
  std::vector<std::unique_ptr<IdxWriter>> imageWriters, labelWriters;
  for (const char *split : {"train", "t10k"}) {
    std::string prefix = request.exportIdx + "/" + split;
    imageWriters.push_back(
        std::make_unique<IdxWriter>(prefix + "-images-idx3-ubyte", count,
                                    std::vector<uint64_t>{side, side}));
    if (label)
      labelWriters.push_back(std::make_unique<IdxWriter>(prefix + "-labels-idx1-ubyte", count,
                                                         std::vector<uint64_t>{}));
  }
  Rng rng(request.seed, "export");
  constexpr int64_t kBlock = 1024;
  for (int64_t first = 0; first < request.count; first += kBlock) {
    int64_t n = std::min(kBlock, request.count - first);
    std::vector<int32_t> classes;
    if (label)
      for (int64_t i = first; i < first + n; ++i)
        classes.push_back(int32_t(i % label->labelClasses));
    std::vector<float> block = generate(model, generation, n, rng, classes);
    for (auto &writer : imageWriters)
      writer->appendImages(block.data(), block.size());
    for (auto &writer : labelWriters)
      writer->appendLabels(classes.data(), classes.size());
  }
  for (auto *writers : {&imageWriters, &labelWriters})
    for (auto &writer : *writers)
      writer->finish();
  return request.exportIdx;
}

int runSampling(const CommandRequest &request) {
  SafetensorsFile checked(request.checkpoint); // a bad file fails before compiling
  Session s = open(request, /*loadTrain=*/false);
  const Generation generation = describeGeneration(s.model->manifest());
  if (!generation.canSample())
    throw RuntimeError("model '" + s.model->manifest().model +
                       "' declares no 'generate': nothing to sample (see docs/language.md)");
  loadForInference(*s.model, request.checkpoint);
  createDirectories(request.outDir);
  std::vector<std::string> files =
      writeModelPictures(*s.model, generation, s.data, request.outDir, request.seed);
  if (generation.dataSize() == 1 && s.data.test.count > 0) {
    files.push_back(request.outDir + "/toy1d.png");
    writeToyPicture(files.back(),
                    {toyPanel(*s.model, generation, s.data.test, "checkpoint", request.seed)});
  }
  if (!request.exportIdx.empty())
    files.push_back(exportIdx(*s.model, generation, request));
  if (files.empty())
    throw RuntimeError("model '" + s.model->manifest().model +
                       "' generates data genc draws no picture of (square images, 2-D or 1-D "
                       "points)");
  for (const std::string &f : files)
    std::printf("wrote %s\n", f.c_str());
  return 0;
}

int runEvaluation(const CommandRequest &request) {
  SafetensorsFile checked(request.checkpoint);
  Session s = open(request, /*loadTrain=*/false);
  loadForInference(*s.model, request.checkpoint);
  const Manifest &m = s.model->manifest();
  const Generation generation = describeGeneration(m);
  std::printf("model %s, checkpoint %s, %lld test examples\n", m.model.c_str(),
              request.checkpoint.c_str(), (long long)s.data.test.count);
  // Every figure is printed; any that is not finite (a diverged model)
  // makes the exit status non-zero.
  bool finite = true;
  auto figure = [&](double value) {
    finite &= std::isfinite(value);
    return value;
  };
  for (auto &[step, repeats] : m.train.schedule)
    if (const FunctionSpec *loss = m.find(FunctionSpec::Kind::Loss, step);
        loss && loss->readsInput())
      std::printf("test %s: %.4f per example\n", step.c_str(),
                  figure(testLoss(*s.model, step, s.data.test, request.seed)));
  if (generation.logWeight && s.data.test.count > 0) {
    LogLikelihood ll = logLikelihood(*s.model, generation, s.data.test, int(request.iwaeSamples),
                                     request.seed, request.evalLimit);
    if (ll.exact)
      std::printf("test log-likelihood: %.4f nats\n", figure(ll.nats));
    else
      std::printf("importance-weighted log-likelihood (k=%d, %lld examples): %.4f nats\n",
                  ll.samples, (long long)ll.examples, figure(ll.nats));
  }
  if (generation.classify && s.data.test.count > 0)
    std::printf("test accuracy: %.2f%%\n",
                100 * classifierAccuracy(*s.model, generation, s.data.test));
  if (generation.canSample() && generation.data && s.data.test.count > 0) {
    SampleScores scores = sampleScores(*s.model, generation, s.data, 2000, request.seed);
    std::printf("sliced Wasserstein distance to held-out data: %.5f\n",
                figure(scores.slicedWasserstein));
    if (scores.ks >= 0)
      std::printf("KS statistic against %s: %.5f\n",
                  scores.ksExact ? "the data distribution" : "held-out data",
                  scores.ks);
  }
  if (!finite) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: error: %s: the model's figures are not finite (it has "
                         "diverged)\n", request.program.c_str(), request.checkpoint.c_str());
    return 1;
  }
  return 0;
}
} // namespace

std::string_view genc::rt::commandName(Command command) {
  switch (command) {
  case Command::Train:
    return "train";
  case Command::Sample:
    return "sample";
  case Command::Eval:
    return "eval";
  }
  return "?";
}

std::optional<Command> genc::rt::commandNamed(std::string_view name) {
  for (Command command : {Command::Train, Command::Sample, Command::Eval})
    if (commandName(command) == name)
      return command;
  return std::nullopt;
}

/// The checks no flag's type makes.
static void checkValues(const CommandRequest &request) {
  if (request.threads < 0)
    throw RuntimeError("--threads takes a number of worker threads (0: one per core)");
  if (request.epochs < 0 || request.limit < 0 || request.testLimit < 0 ||
      request.checkpointEvery < 0 || request.stopAfter < 0 || request.iwaeSamples < 1 ||
      request.evalLimit < 0 || request.count < 1)
    throw RuntimeError("--epochs, --limit, --test-limit, --checkpoint-every, "
                       "--stop-after-iterations and --eval-limit must not be negative; "
                       "--iwae-samples and --count must be positive");
  if (request.count > int64_t(UINT32_MAX))
    throw RuntimeError("--count " + std::to_string(request.count) +
                       " is more images than an IDX file holds (at most " +
                       std::to_string(UINT32_MAX) + ")");
  if (request.threads > 4096)
    throw RuntimeError("--threads " + std::to_string(request.threads) +
                       ": at most 4096 worker threads");
  if (request.iwaeSamples > INT32_MAX)
    throw RuntimeError("--iwae-samples " + std::to_string(request.iwaeSamples) +
                       ": at most " + std::to_string(INT32_MAX) + " samples per example");
  if (request.average != 0 && !(request.average > 0 && request.average < 1))
    throw RuntimeError("--average needs a factor between 0 and 1 (e.g. 0.999), got " +
                       std::to_string(request.average));
}

int genc::rt::runCommand(const CommandRequest &request) {
  std::string name(commandName(request.command));
  try {
    checkValues(request);
    if (request.command != Command::Train && request.checkpoint.empty())
      throw RuntimeError(name + " needs --checkpoint FILE");
    if (request.command != Command::Train && launchedProcessCount() > 1)
      throw RuntimeError(name + " runs in one process: start it without mpirun");
    if (request.checkReplicas && launchedProcessCount() == 1)
      throw RuntimeError("--check-replicas compares the processes of a data-parallel run: "
                         "start " + request.program + " train with mpirun -np N");
    switch (request.command) {
    case Command::Train:
      return runTraining(request);
    case Command::Sample:
      return runSampling(request);
    case Command::Eval:
      return runEvaluation(request);
    }
    return 1;
  } catch (const RuntimeError &e) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: error: %s\n", request.program.c_str(), e.what());
    return 1;
  }
}
