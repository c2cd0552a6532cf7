//===- Trainer.cpp - The training loop ------------------------------------===//
#include "genc/runtime/Trainer.h"
#include "genc/runtime/Error.h"
#include "genc/runtime/Evaluate.h"
#include "genc/runtime/Files.h"
#include "io/Checksum.h"
#include "io/Json.h"
#include "train/Progress.h"
#include "genc/runtime/Safetensors.h"
#include "genc/runtime/Visualize.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fstream>
#include <sstream>

using namespace genc::rt;

std::string genc::rt::checkpointPath(const std::string &outDir) {
  return outDir + "/checkpoint.safetensors";
}

namespace {
const char kCheckpointFormat[] = "genc-checkpoint-2";
std::atomic<bool> interrupted{false};
extern "C" void onInterrupt(int) { interrupted = true; }

/// While alive, Ctrl-C and SIGTERM set `interrupted` instead of ending the
/// process; the handlers before are back when it goes, also when training
/// throws.
class CatchInterrupts {
public:
  CatchInterrupts()
      : previousInt_(std::signal(SIGINT, onInterrupt)),
        previousTerm_(std::signal(SIGTERM, onInterrupt)) {}
  ~CatchInterrupts() {
    std::signal(SIGINT, previousInt_);
    std::signal(SIGTERM, previousTerm_);
  }
  CatchInterrupts(const CatchInterrupts &) = delete;
  CatchInterrupts &operator=(const CatchInterrupts &) = delete;

private:
  void (*previousInt_)(int);
  void (*previousTerm_)(int);
};

std::string formatNumber(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.17g", v);
  return buffer;
}

std::string wordsText(const std::array<uint64_t, 4> &words) {
  std::string s;
  for (uint64_t w : words)
    s += (s.empty() ? "" : " ") + std::to_string(w);
  return s;
}

/// A generator state from a checkpoint: four words, not all zero (the one
/// state xoshiro never leaves).
std::array<uint64_t, 4> wordsOf(const std::string &text, const std::string &what) {
  std::array<uint64_t, 4> words{};
  const char *at = text.data(), *end = text.data() + text.size();
  for (uint64_t &w : words) {
    while (at < end && *at == ' ')
      ++at;
    auto [next, ec] = std::from_chars(at, end, w);
    if (ec != std::errc())
      throw RuntimeError(what + ": malformed generator state in the checkpoint");
    at = next;
  }
  if (at != end || (words[0] | words[1] | words[2] | words[3]) == 0)
    throw RuntimeError(what + ": malformed generator state in the checkpoint");
  return words;
}

/// A whole decimal integer in [low, high] from a checkpoint's metadata.
int64_t integerOf(const std::string &text, int64_t low, int64_t high, const std::string &key,
                  const std::string &path) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high)
    throw RuntimeError(path + ": checkpoint field '" + key + "' is '" + text.substr(0, 40) +
                       "', expected a whole number from " + std::to_string(low) + " to " +
                       std::to_string(high));
  return value;
}

/// Where training is: everything a checkpoint needs beyond the tensors.
struct Position {
  int64_t epoch = 0;     // epochs completed
  int64_t cursor = 0;    // examples of this epoch consumed
  size_t slot = 0;       // schedule entry
  int64_t repeat = 0;    // repeats of it done
  int64_t iterations = 0;
  std::array<uint64_t, 4> epochShuffle{}; // the shuffle generator at the epoch's start
  std::map<std::string, std::pair<double, double>> sums; // step: sum of objective x rows, rows
};

/// The model's averaged parameters in place for the scope (when it has any).
class AveragesInPlace {
public:
  explicit AveragesInPlace(Model &model) : model_(model), swapped_(model.hasAverages()) {
    if (swapped_)
      model_.swapInAverages();
  }
  ~AveragesInPlace() {
    if (swapped_)
      model_.swapInAverages();
  }
  AveragesInPlace(const AveragesInPlace &) = delete;
  AveragesInPlace &operator=(const AveragesInPlace &) = delete;

private:
  Model &model_;
  bool swapped_;
};

class Loop {
public:
  Loop(Model &model, const Data &data, const TrainOptions &options)
      : model_(model), data_(data), options_(options),
        processes_(options.processes ? *options.processes : alone_),
        leader_(processes_.rank() == 0), generation_(describeGeneration(model.manifest())),
        progress_(stdout) {
    const Manifest &m = model.manifest();
    if (m.train.schedule.empty())
      throw RuntimeError("model '" + m.model + "' has no train clause");
    int count = processes_.size();
    if (count > 1) {
      if (m.batchSize % count != 0)
        throw RuntimeError("the batch of " + std::to_string(m.batchSize) + " cannot be shared by " +
                           std::to_string(count) + " processes: their number must divide it");
      model_.setShard(processes_.rank(), count);
    }
    bool anyData = false;
    for (auto &[step, repeats] : m.train.schedule) {
      const FunctionSpec *spec = m.find(stepKind(), step);
      if (!spec)
        throw RuntimeError("the train clause names step '" + step + "', which is not compiled" +
                           (count > 1 ? " for data-parallel training" : ""));
      // A data-parallel gradient runs on one process's share of the batch.
      if (count > 1 && spec->batchSize * count != m.batchSize)
        throw RuntimeError("step '" + step + "' is compiled for data-parallel training over " +
                           std::to_string(m.batchSize / spec->batchSize) + " processes, not " +
                           std::to_string(count) + " (genc compile --shares " +
                           std::to_string(count) + ")");
      anyData |= spec->readsInput();
    }
    if (!anyData)
      throw RuntimeError("no step of model '" + m.model + "' reads data: nothing defines an epoch");
    if (data.train.count < m.batchSize)
      throw RuntimeError("the training split has " + std::to_string(data.train.count) +
                         " examples, fewer than one batch of " + std::to_string(m.batchSize) +
                         ": compile with a smaller --batch");
    shuffle_.reseed(options.seed, "shuffle");
  }

  int run() {
    const Manifest &m = model_.manifest();
    if (leader_) {
      createDirectories(options_.outDir);
      lockOutput();
    }
    std::string checkpoint = checkpointPath(options_.outDir);
    bool exists = fileExists(checkpoint);
    if (options_.average > 0)
      model_.enableAveraging(options_.average);
    if (options_.resume) {
      if (!exists)
        throw RuntimeError("--resume: no checkpoint at " + checkpoint);
      restore(checkpoint);
    } else {
      if (exists)
        throw RuntimeError(checkpoint + " exists: pass --resume to continue that run, or choose "
                           "another --out");
      model_.initialize(options_.seed, columnsOf(data_.train.columns), data_.train.count);
      position_.epochShuffle = shuffle_.state();
      if (leader_)
        startLogs();
    }
    // Ctrl-C (or SIGTERM) from here on saves a checkpoint (after the
    // current step). The barrier makes the "training" line below mean that
    // every process can take the signal: mpirun passes Ctrl-C on to all of
    // them, and one still setting up would die of it.
    interrupted = false;
    int status = 0;
    {
      CatchInterrupts catchInterrupts;
      processes_.barrier();
      std::string shared = processes_.size() > 1 ? " shared by " +
                                                       std::to_string(processes_.size()) +
                                                       " processes"
                                                 : "";
      std::printf("training %s on %s: %lld epochs, batch %lld%s, %s, output in %s\n",
                  m.model.c_str(), data_.description.c_str(), (long long)options_.epochs,
                  (long long)m.batchSize, shared.c_str(), scheduleText().c_str(),
                  options_.outDir.c_str());
      std::fflush(stdout);
      if (position_.epoch >= options_.epochs) {
        std::printf("already trained for %lld epochs: nothing to do\n",
                    (long long)position_.epoch);
        return 0;
      }
      if (leader_ && options_.pictures)
        notePictures();
      if (leader_ && hasToyPicture() && position_.epoch == 0 && position_.cursor == 0)
        toyPanels_.push_back(
            toyPanel(model_, generation_, data_.test, "before training", options_.seed));
      while (status == 0 && position_.epoch < options_.epochs)
        status = runEpoch();
    } // a Ctrl-C while finishing ends the process as usual
    if (status != 0)
      return std::max(status, 0); // -1: stopped as asked
    finish();
    return 0;
  }

private:
  /// How steps are compiled: whole, or as data-parallel halves.
  FunctionSpec::Kind stepKind() const {
    return processes_.size() > 1 ? FunctionSpec::Kind::Gradient : FunctionSpec::Kind::Step;
  }

  /// One step of data-parallel training: this process's gradients, their
  /// mean over the processes (with the stop requests: every process stops
  /// after the same step), the update. Returns the batch's objective.
  float sharedStep(const std::string &step, const Batch &batch, int64_t rows, bool &stop) {
    auto start = std::chrono::steady_clock::now();
    model_.gradients(step, batch, rows, flat_);
    flat_.push_back(interrupted ? 1.0f : 0.0f);
    auto summing = std::chrono::steady_clock::now();
    processes_.sum(flat_.data(), flat_.size());
    auto summed = std::chrono::steady_clock::now();
    stop = flat_.back() > 0;
    flat_.pop_back();
    float count = float(processes_.size());
    for (float &value : flat_)
      value /= count;
    model_.update(step, flat_);
    sumSeconds_ += std::chrono::duration<double>(summed - summing).count();
    stepSeconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return flat_[0];
  }

  /// Stops the run when the processes' parameters differ (which would mean
  /// a bug: every process applies the same update to the same values).
  void checkReplicas(const char *when) {
    if (processes_.size() < 2)
      return;
    uint32_t crc = 0; // of every parameter's bytes, as checkpoints checksum them
    for (auto &[name, t] : model_.params()) {
      t.copy_to_host();
      crc = crc32Of(t.data(), t.size_in_bytes(), crc);
    }
    std::vector<uint64_t> all = processes_.gather(crc);
    for (size_t r = 1; r < all.size(); ++r)
      if (all[r] != all[0])
        throw RuntimeError("the parameters of process " + std::to_string(r) + " differ from " +
                           "process 0's " + when + " (iteration " +
                           std::to_string(position_.iterations) + ")");
  }

  std::string scheduleText() const {
    std::string s;
    for (auto &[step, repeats] : model_.manifest().train.schedule)
      s += (s.empty() ? "" : ", ") + step + (repeats > 1 ? " x" + std::to_string(repeats) : "");
    return model_.manifest().train.schedule.size() > 1 ? "alternating " + s : "step " + s;
  }

  std::vector<int64_t> epochOrder() {
    Rng rng;
    rng.setState(position_.epochShuffle);
    std::vector<int64_t> order(size_t(data_.train.count));
    for (size_t i = 0; i < order.size(); ++i)
      order[i] = int64_t(i);
    for (size_t i = order.size(); i > 1; --i)
      std::swap(order[i - 1], order[rng.below(i)]);
    shuffle_.setState(rng.state());
    return order;
  }

  std::string runningLosses() const {
    std::string s;
    for (auto &[step, sum] : position_.sums)
      if (sum.second > 0) {
        char buffer[64];
        std::snprintf(buffer, sizeof(buffer), "%s%s %.4g", s.empty() ? "" : "  ", step.c_str(),
                      sum.first / sum.second);
        s += buffer;
      }
    return s;
  }

  int runEpoch() {
    const Manifest &m = model_.manifest();
    std::vector<int64_t> order = epochOrder();
    // Full batches only (PyTorch's drop_last): the kernels are compiled
    // for one batch size, and the shuffle hands a different remainder to
    // the next epoch.
    int64_t batch = m.batchSize, total = data_.train.count / batch * batch;
    progress_.startEpoch(position_.epoch, options_.epochs, total, position_.cursor);
    int64_t itersPerEpoch = total / batch;
    int64_t logEvery = std::max<int64_t>(1, itersPerEpoch / 20);
    std::map<std::string, std::pair<double, double>> window;
    auto epochStart = std::chrono::steady_clock::now();
    while (true) {
      auto &[stepName, repeats] = m.train.schedule[position_.slot];
      const FunctionSpec &step = *m.find(stepKind(), stepName);
      // Data-parallel: this process's share of the batch's rows.
      int64_t share = batch / processes_.size();
      BatchData batchData;
      if (step.readsInput()) {
        if (position_.cursor >= total)
          break;
        batchData = gatherRows(data_.train, order,
                               position_.cursor + share * processes_.rank(), share);
      }
      bool stop = interrupted;
      float objective = processes_.size() > 1
                            ? sharedStep(stepName, batchData.view(), share, stop)
                            : model_.step(stepName, batchData.view(), batch);
      if (options_.checkReplicas)
        checkReplicas("after a step");
      if (!std::isfinite(objective)) {
        char why[160];
        std::snprintf(why, sizeof(why),
                      "step '%s' gave a non-finite objective (%g) in epoch %lld, iteration %lld",
                      stepName.c_str(), double(objective), (long long)position_.epoch + 1,
                      (long long)position_.iterations + 1);
        return diverged(why);
      }
      if (step.readsInput())
        position_.cursor += batch;
      auto &sum = position_.sums[stepName];
      sum.first += double(objective) * double(batch);
      sum.second += double(batch);
      auto &w = window[stepName];
      w.first += double(objective) * double(batch);
      w.second += double(batch);
      ++position_.iterations;
      if (++position_.repeat >= repeats) {
        position_.repeat = 0;
        position_.slot = (position_.slot + 1) % m.train.schedule.size();
      }
      if (position_.iterations % logEvery == 0) {
        if (leader_)
          logSteps(window, double(position_.epoch) + double(position_.cursor) / double(total));
        window.clear();
      }
      if (leader_)
        progress_.update(position_.cursor, runningLosses());
      if (stop) {
        if (int status = saveIfFinite())
          return status;
        if (leader_) // (every process stops here, after the same step)
          std::fprintf(stderr, "\ngenc: interrupted: saved %s (resume with --resume)\n",
                       checkpointPath(options_.outDir).c_str());
        return 130;
      }
      if (options_.stopAfter > 0 && position_.iterations >= options_.stopAfter) {
        if (int status = saveIfFinite())
          return status;
        std::printf("\nstopped after %lld iterations: saved %s (resume with --resume)\n",
                    (long long)position_.iterations, checkpointPath(options_.outDir).c_str());
        return -1;
      }
      if (options_.checkpointEvery > 0 && position_.iterations % options_.checkpointEvery == 0)
        if (int status = saveIfFinite())
          return status;
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - epochStart).count();
    if (!window.empty() && leader_)
      logSteps(window, double(position_.epoch + 1));
    return endEpoch(seconds);
  }

  /// The epoch's metrics row, then its checkpoint (which records the logs'
  /// lengths), then its pictures: a failing picture cannot cost the epoch,
  /// and a resumed run truncates the logs to what its checkpoint saw.
  /// Returns non-zero, saving nothing, when the model has diverged.
  int endEpoch(double seconds) {
    // Rank 0 evaluates; every process follows its verdict.
    unsigned char finite = 1;
    if (leader_) {
      // Test losses, scores and pictures use the averaged parameters, if any.
      AveragesInPlace averaged(model_);
      finite = evaluateEpoch(seconds);
    }
    processes_.broadcast(&finite, 1);
    if (!finite)
      return diverged("its test loss is not finite after epoch " +
                      std::to_string(position_.epoch + 1));
    startNextEpoch();
    if (int status = saveIfFinite())
      return status;
    if (leader_) {
      AveragesInPlace averaged(model_);
      writeEpochPictures();
    }
    return 0;
  }

  /// Stops training on a diverged model: the checkpoint in --out, if any,
  /// stays the last good one.
  int diverged(const std::string &why) {
    std::string checkpoint = checkpointPath(options_.outDir);
    std::string kept = fileExists(checkpoint) ? "the last good checkpoint is " + checkpoint
                                              : std::string("no checkpoint had been written yet");
    std::fflush(stdout);
    if (leader_) // every process stops here, for the same reason
      std::fprintf(stderr, "\ngenc: error: training stopped: %s; %s\n", why.c_str(),
                   kept.c_str());
    return 1;
  }

  /// Saves a checkpoint unless a parameter is no longer finite (then the
  /// previous checkpoint stays the last good one).
  int saveIfFinite() {
    if (std::optional<std::string> bad = model_.nonFiniteParam())
      return diverged("parameter '" + *bad + "' is no longer finite in epoch " +
                      std::to_string(position_.epoch + 1));
    checkReplicas("at a checkpoint");
    if (leader_)
      save();
    // No process goes on (or exits: mpirun then ends the others) before
    // the checkpoint is written.
    processes_.barrier();
    return 0;
  }

  void startNextEpoch() {
    ++position_.epoch;
    position_.cursor = 0;
    position_.slot = 0;
    position_.repeat = 0;
    position_.sums.clear();
    position_.epochShuffle = shuffle_.state();
  }

  /// Samples every epoch for a model whose progress its likelihood does
  /// not show: an adversarial one (it declares `discriminate`), or one
  /// without a log_weight.
  bool hasEpochPictures() const {
    return hasSampleScores() && (generation_.discriminate || !generation_.logWeight);
  }
  /// Sliced Wasserstein (and KS) scores each epoch: any sampler of data.
  bool hasSampleScores() const { return generation_.canSample() && generation_.data; }
  /// The 1-D picture: a sampler of 1-D data, a panel per epoch.
  bool hasToyPicture() const {
    return hasSampleScores() && generation_.dataSize() == 1 && data_.test.count > 0;
  }

  /// One line for each kind of picture the model's declarations rule out,
  /// once, at the start of training: a model that declares nothing still
  /// trains, and says why it gets only its loss curves.
  void notePictures() {
    const Manifest &m = model_.manifest();
    const Generation &g = generation_;
    auto note = [&](const char *declaration, const char *consequence) {
      std::printf("note: model '%s' declares no '%s': %s; see docs/language.md\n",
                  m.model.c_str(), declaration, consequence);
    };
    // The data: what the declarations are about, else the first input that
    // is not a label.
    const InputSpec *data = g.data;
    for (const InputSpec &in : m.inputs)
      if (!data && in.labelClasses == 0)
        data = &in;
    if (!data)
      return;
    int64_t size = elementCount(data->shape);
    bool images = squareImageSide(data->shape) > 0;
    // (A classifier is not expected to generate, nor a GAN to reconstruct.)
    if (!g.canSample() && !g.classify)
      note("generate", "no samples, interpolation or sample scores");
    if (images && !g.reconstruct && !g.discriminate && !g.classify)
      note("reconstruct", "no reconstructions");
    if (size == 2 && !g.logWeight && !g.canSample())
      note("log_weight", "no density picture");
  }

  void writeEpochPictures() {
    if (!options_.pictures)
      return;
    if (hasEpochPictures()) {
      char suffix[32];
      std::snprintf(suffix, sizeof(suffix), "_epoch%03lld", (long long)position_.epoch);
      writeSamplePictures(model_, generation_, data_, options_.outDir, options_.seed, suffix);
    }
    if (hasToyPicture()) {
      toyPanels_.push_back(toyPanel(model_, generation_, data_.test,
                                    "epoch " + std::to_string(position_.epoch), options_.seed));
      writeToyPicture();
    }
  }

  /// The epoch's line of metrics.csv and its summary: training losses, and
  /// test losses and GAN scores.
  bool evaluateEpoch(double seconds) {
    const Manifest &m = model_.manifest();
    std::string summary, row = std::to_string(position_.epoch + 1) + "," +
                              std::to_string(position_.iterations) + "," + formatNumber(seconds);
    for (auto &[step, repeats] : m.train.schedule) {
      auto &sum = position_.sums[step];
      double mean = sum.second > 0 ? sum.first / sum.second : NAN;
      row += "," + formatNumber(mean);
      summary += "train " + step + " " + formatShort(mean) + "  ";
    }
    bool finite = true;
    for (auto &[step, repeats] : m.train.schedule) {
      double test = NAN;
      bool hasTest = data_.test.count > 0 && model_.manifest().find(FunctionSpec::Kind::Loss, step) &&
                     m.find(stepKind(), step)->readsInput();
      if (hasTest)
        test = testLoss(model_, step, data_.test, options_.seed);
      row += "," + formatNumber(test);
      finite &= !std::isinf(test) && (std::isnan(test) == !hasTest);
      if (!std::isnan(test))
        summary += "test " + step + " " + formatShort(test) + "  ";
    }
    if (hasSampleScores() && data_.test.count > 0) {
      SampleScores scores =
          sampleScores(model_, generation_, data_, options_.scoreSamples, options_.seed);
      row += "," + formatNumber(scores.slicedWasserstein) + "," +
             (scores.ks >= 0 ? formatNumber(scores.ks) : "");
      summary += "swd " + formatShort(scores.slicedWasserstein) +
                 (scores.ks >= 0 ? "  ks " + formatShort(scores.ks) : "");
    }
    appendLine("metrics.csv", row);
    progress_.finishEpoch(summary);
    return finite;
  }

  static std::string formatShort(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%.4f", v);
    return buffer;
  }

  void writeToyPicture() {
    // At most four panels: the first, two from the middle, the latest.
    std::vector<ToyPanel> shown;
    size_t n = toyPanels_.size();
    for (size_t i : {size_t(0), n / 3, 2 * n / 3, n - 1})
      if (i < n && (shown.empty() || shown.back().title != toyPanels_[i].title))
        shown.push_back(toyPanels_[i]);
    genc::rt::writeToyPicture(options_.outDir + "/toy1d.png", shown);
  }

  void finish() {
    // (The last epoch's end saved the checkpoint.)
    if (!leader_)
      return;
    if (stepSeconds_ > 0)
      std::printf("data-parallel over %d processes: summing the gradients took %.1f %% of the "
                  "steps' time (%.3f ms per step)\n",
                  processes_.size(), 100 * sumSeconds_ / stepSeconds_,
                  1e3 * sumSeconds_ / double(std::max<int64_t>(1, position_.iterations)));
    std::vector<std::string> files;
    if (options_.pictures) {
      AveragesInPlace averaged(model_);
      files = writeModelPictures(model_, generation_, data_, options_.outDir, options_.seed);
      if (hasDensityPicture(generation_) && data_.test.count > 0)
        files.push_back(writeDensityPicture(model_, generation_, data_.test, options_.outDir));
      files.push_back(writeLossCurves(options_.outDir, model_.manifest().model));
    }
    std::printf("done: %lld epochs; checkpoint %s\n", (long long)position_.epoch,
                checkpointPath(options_.outDir).c_str());
    for (const std::string &f : files)
      std::printf("wrote %s\n", f.c_str());
  }

  void startLogs() {
    const Manifest &m = model_.manifest();
    std::string header = "epoch,iterations,seconds";
    for (auto &[step, repeats] : m.train.schedule)
      header += ",train_" + step;
    for (auto &[step, repeats] : m.train.schedule)
      header += ",test_" + step;
    if (hasSampleScores())
      header += ",swd,ks";
    writeFresh("metrics.csv", header);
    std::string steps = "epoch";
    for (auto &[step, repeats] : m.train.schedule)
      steps += "," + step;
    writeFresh("steps.csv", steps);
  }

  void logSteps(const std::map<std::string, std::pair<double, double>> &window, double when) {
    std::string row = formatNumber(when);
    for (auto &[step, repeats] : model_.manifest().train.schedule) {
      auto it = window.find(step);
      row += "," + (it == window.end() ? std::string() : formatNumber(it->second.first /
                                                                      it->second.second));
    }
    appendLine("steps.csv", row);
  }

  /// One run at a time per --out, for the whole run (the lock goes with
  /// the process); then the temporary files of a killed run can go.
  void lockOutput() {
    std::string lock = options_.outDir + "/.genc-train.lock";
    lockFd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lockFd_ < 0)
      throw RuntimeError(lock + ": cannot create the lock: " + std::strerror(errno));
    if (::flock(lockFd_, LOCK_EX | LOCK_NB) != 0)
      throw RuntimeError(options_.outDir + ": another genc train is writing to this folder");
    removeStaleTemporaries(checkpointPath(options_.outDir));
  }

  void writeFresh(const std::string &file, const std::string &line) {
    writeLine(file, line, std::ios::trunc);
  }
  void appendLine(const std::string &file, const std::string &line) {
    writeLine(file, line, std::ios::app);
  }
  /// Writes a line and flushes it, so that a full disk is an error here,
  /// not a silently short file.
  void writeLine(const std::string &file, const std::string &line, std::ios::openmode mode) {
    errno = 0;
    std::ofstream out(options_.outDir + "/" + file, mode);
    out << line << "\n";
    out.flush();
    if (!out)
      throw RuntimeError(options_.outDir + "/" + file + ": cannot write: " +
                         (errno ? std::strerror(errno) : "write failed"));
  }
  /// The logs whose lengths a checkpoint records.
  static constexpr const char *kLogs[] = {"metrics.csv", "steps.csv"};

  void save() {
    std::map<std::string, std::string> meta;
    meta["format"] = kCheckpointFormat;
    meta["epoch"] = std::to_string(position_.epoch);
    meta["cursor"] = std::to_string(position_.cursor);
    meta["slot"] = std::to_string(position_.slot);
    meta["repeat"] = std::to_string(position_.repeat);
    meta["iterations"] = std::to_string(position_.iterations);
    meta["epoch_shuffle"] = wordsText(position_.epochShuffle);
    meta["shuffle"] = wordsText(shuffle_.state());
    meta["noise"] = wordsText(model_.noise().state());
    meta["batch_size"] = std::to_string(model_.manifest().batchSize);
    meta["train_examples"] = std::to_string(data_.train.count);
    meta["seed"] = std::to_string(options_.seed);
    meta["average"] = formatNumber(options_.average);
    Json sums = Json::object();
    for (auto &[step, sum] : position_.sums)
      sums.set(step, Json::array().push(Json(sum.first)).push(Json(sum.second)));
    meta["sums"] = sums.dump();
    for (const char *log : kLogs) {
      struct stat info;
      if (::stat((options_.outDir + "/" + log).c_str(), &info) == 0)
        meta[std::string(log) + ".bytes"] = std::to_string(info.st_size);
    }
    model_.save(checkpointPath(options_.outDir), meta);
  }

  void restore(const std::string &path) {
    auto meta = model_.load(path);
    auto need = [&](const char *key) -> const std::string & {
      auto it = meta.find(key);
      if (it == meta.end())
        throw RuntimeError(path + ": not a training checkpoint (no '" + std::string(key) + "')");
      return it->second;
    };
    // Format 2 checksums the header too (1 only the tensor data).
    if (need("format") != kCheckpointFormat && need("format") != "genc-checkpoint-1")
      throw RuntimeError(path + ": unknown checkpoint format '" + need("format").substr(0, 40) +
                         "' (this genc reads " + kCheckpointFormat + ")");
    if (need("format") == kCheckpointFormat && !meta.count("header_crc32"))
      throw RuntimeError(path + ": the checkpoint's header has no checksum");
    if (need("batch_size") != std::to_string(model_.manifest().batchSize))
      throw RuntimeError(path + ": was trained at batch " + need("batch_size") + ", not " +
                         std::to_string(model_.manifest().batchSize));
    if (need("train_examples") != std::to_string(data_.train.count))
      throw RuntimeError(path + ": was trained on " + need("train_examples") +
                         " examples, this data has " + std::to_string(data_.train.count));
    auto average = meta.find("average");
    double trained = average == meta.end() ? 0 : std::strtod(average->second.c_str(), nullptr);
    if (trained != options_.average) {
      char text[80];
      std::snprintf(text, sizeof(text), "was trained with --average %g, not %g", trained,
                    options_.average);
      throw RuntimeError(path + ": " + text + " (resume with the same --average)");
    }
    // Every field is checked against the model, the data and the others:
    // a corrupt or crafted file gets a one-line error, never a wild read.
    const TrainSpec &train = model_.manifest().train;
    const int64_t most = int64_t(1) << 53;
    auto integer = [&](const char *key, int64_t low, int64_t high) {
      return integerOf(need(key), low, high, key, path);
    };
    position_.epoch = integer("epoch", 0, most);
    position_.cursor = integer("cursor", 0, data_.train.count);
    position_.slot = size_t(integer("slot", 0, int64_t(train.schedule.size()) - 1));
    position_.repeat = integer("repeat", 0, train.schedule[position_.slot].second - 1);
    position_.iterations = integer("iterations", 0, most);
    position_.epochShuffle = wordsOf(need("epoch_shuffle"), path);
    shuffle_.setState(wordsOf(need("shuffle"), path));
    model_.noise().setState(wordsOf(need("noise"), path));
    Json sums = Json::parse(need("sums"), path);
    if (sums.kind() != Json::Kind::Object)
      throw RuntimeError(path + ": checkpoint field 'sums' is not an object");
    for (auto &[step, pair] : sums.members()) {
      bool known = std::any_of(train.schedule.begin(), train.schedule.end(),
                               [&](const auto &entry) { return entry.first == step; });
      bool valid = pair.kind() == Json::Kind::Array && pair.items().size() == 2 &&
                   pair.items()[0].kind() == Json::Kind::Number &&
                   pair.items()[1].kind() == Json::Kind::Number &&
                   std::isfinite(pair.items()[0].number()) && pair.items()[1].number() >= 0 &&
                   pair.items()[1].number() <= double(most);
      if (!known || !valid)
        throw RuntimeError(path + ": checkpoint field 'sums' has a bad entry for '" +
                           step.substr(0, 40) + "'");
      position_.sums[step] = {pair.items()[0].number(), pair.items()[1].number()};
    }
    // Rows logged after this checkpoint (by a run killed before its next
    // one) would be logged again: cut them.
    for (const char *log : kLogs) {
      if (!leader_)
        break; // the logs are rank 0's
      auto length = meta.find(std::string(log) + ".bytes");
      std::string file = options_.outDir + "/" + log;
      struct stat info;
      if (length == meta.end() || ::stat(file.c_str(), &info) != 0)
        continue;
      int64_t bytes = integerOf(length->second, 0, int64_t(1) << 50, length->first, path);
      if (info.st_size > bytes && ::truncate(file.c_str(), bytes) != 0)
        throw RuntimeError(file + ": cannot cut the rows after the checkpoint: " +
                           std::strerror(errno));
    }
    std::printf("resuming from %s: epoch %lld, %lld examples into it\n", path.c_str(),
                (long long)position_.epoch + 1, (long long)position_.cursor);
  }

  Model &model_;
  const Data &data_;
  TrainOptions options_;
  SingleProcess alone_;
  Communicator &processes_;
  bool leader_; // rank 0: writes the checkpoints, logs and pictures
  std::vector<float> flat_; // data-parallel: the objective and gradients, summed
  double sumSeconds_ = 0, stepSeconds_ = 0;
  int lockFd_ = -1; // held, never closed: released when the process ends
  Generation generation_;
  Progress progress_;
  Rng shuffle_;
  Position position_;
  std::vector<ToyPanel> toyPanels_;
};
} // namespace

int genc::rt::train(Model &model, const Data &data, const TrainOptions &options) {
  return Loop(model, data, options).run();
}
