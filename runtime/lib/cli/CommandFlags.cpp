//===- CommandFlags.cpp - The flags of train, sample and eval -------------===//
#include "genc/runtime/Commands.h"
#include "genc/runtime/Error.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

using namespace genc::rt;

bool CommandFlag::takes(Command command) const {
  return std::find(commands.begin(), commands.end(), command) != commands.end();
}

const std::vector<CommandFlag> &genc::rt::commandFlags() {
  constexpr Command train = Command::Train, sample = Command::Sample, eval = Command::Eval;
  using R = CommandRequest;
  static const std::vector<CommandFlag> flags = {
      {"seed", "N", "Random seed (default 1)", {train, sample, eval}, &R::seed},
      {"data", "SOURCE",
       "A folder of IDX files, or a data source replacing the model's (fashion-mnist, "
       "toy1d:normal(m, s), ring2d:K)",
       {train, sample, eval}, &R::data},
      {"threads", "N", "Worker threads (default 0: one per core)", {train, sample, eval},
       &R::threads},
      {"test-limit", "N", "Use only the first N test examples", {train, sample, eval},
       &R::testLimit},
      {"out", "DIR", "Output folder (default out/<model>)", {train, sample}, &R::outDir},
      {"checkpoint", "FILE", "The checkpoint to load", {sample, eval}, &R::checkpoint},
      {"epochs", "N", "Epochs (default 10)", {train}, &R::epochs},
      {"resume", nullptr, "Continue from the output folder's checkpoint", {train}, &R::resume},
      {"limit", "N", "Use only the first N training examples", {train}, &R::limit},
      {"checkpoint-every", "N", "Iterations between checkpoints (default 1000; 0: epochs only)",
       {train}, &R::checkpointEvery},
      {"check-replicas", nullptr,
       "Over MPI (mpirun -np N ... train): compare the processes' parameters after every step "
       "(they must be bit-identical)",
       {train}, &R::checkReplicas},
      {"stop-after-iterations", "N", "Stop after N iterations, saving a checkpoint to resume",
       {train}, &R::stopAfter},
      {"average", "BETA",
       "Also keep an exponential moving average of the parameters (0 < BETA < 1, e.g. 0.999); "
       "evaluations, pictures, sample and eval use it",
       {train}, &R::average},
      {"export-idx", "DIR",
       "Also write generated images (and the classes asked for) as an IDX data folder",
       {sample}, &R::exportIdx},
      {"count", "N", "Images to export (default 1000)", {sample}, &R::count},
      {"iwae-samples", "N", "Importance samples per example (default 100)", {eval},
       &R::iwaeSamples},
      {"eval-limit", "N", "Examples for the importance-weighted estimate", {eval},
       &R::evalLimit},
  };
  return flags;
}

namespace {
[[noreturn]] void reject(const CommandFlag &flag, std::string_view text, const std::string &what) {
  throw RuntimeError("--" + std::string(flag.name) + ": '" + std::string(text) + "' is not " +
                     what);
}

/// The whole text as a number (strtoll and friends accept a prefix).
template <typename T, typename Parse>
T parseWhole(const CommandFlag &flag, std::string_view text, const char *what, Parse parse) {
  std::string copy(text);
  char *end = nullptr;
  errno = 0;
  T value = parse(copy.c_str(), &end);
  if (copy.empty() || *end != '\0' || errno == ERANGE || copy.front() == ' ')
    reject(flag, text, what);
  return value;
}
} // namespace

void genc::rt::setFlag(CommandRequest &request, const CommandFlag &flag, std::string_view text) {
  if (auto field = std::get_if<int64_t CommandRequest::*>(&flag.field)) {
    request.*(*field) = parseWhole<int64_t>(flag, text, "an integer", [](const char *s, char **e) {
      return std::strtoll(s, e, 10);
    });
  } else if (auto field = std::get_if<uint64_t CommandRequest::*>(&flag.field)) {
    if (!text.empty() && text.front() == '-')
      reject(flag, text, "a number from 0 to 18446744073709551615");
    request.*(*field) = parseWhole<uint64_t>(flag, text, "a number from 0 to 18446744073709551615",
                                             [](const char *s, char **e) {
                                               return std::strtoull(s, e, 10);
                                             });
  } else if (auto field = std::get_if<double CommandRequest::*>(&flag.field)) {
    double value = parseWhole<double>(flag, text, "a number", [](const char *s, char **e) {
      return std::strtod(s, e);
    });
    if (!std::isfinite(value))
      reject(flag, text, "a finite number");
    request.*(*field) = value;
  } else if (auto field = std::get_if<bool CommandRequest::*>(&flag.field)) {
    if (text.empty() || text == "true" || text == "1")
      request.*(*field) = true;
    else if (text == "false" || text == "0")
      request.*(*field) = false;
    else
      reject(flag, text, "true or false (it is a switch: --" + std::string(flag.name) + ")");
  } else {
    request.*std::get<std::string CommandRequest::*>(flag.field) = std::string(text);
  }
}
