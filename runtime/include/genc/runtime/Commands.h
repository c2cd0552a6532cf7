//===- Commands.h - train | sample | eval, for genc and genc-run -*- C++ -*-===//
//
// The commands that run a compiled model, and their flags. `genc train FILE`
// compiles the model (cached) and `genc-run train BUILD` loads one that
// `genc compile --shared` wrote; both hand a CommandRequest to runCommand,
// and both take the flags of commandFlags(), so a flag means the same in
// either and is checked in one place.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_COMMANDS_H
#define GENC_RUNTIME_COMMANDS_H

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace genc::rt {

enum class Command { Train, Sample, Eval };

/// "train", "sample" or "eval".
std::string_view commandName(Command command);
/// The command `name` names, if any.
std::optional<Command> commandNamed(std::string_view name);

struct CommandRequest {
  std::string program = "genc"; // the prefix of error lines
  Command command = Command::Train;
  /// Returns the path prefix (<dir>/<name>) of a build of the model at
  /// `batch`, compiled (by genc) or found (by genc-run); throws
  /// RuntimeError. With shares > 1, each step must be compiled as
  /// data-parallel halves: its gradients at batch / shares, then its update.
  std::function<std::string(int64_t batch, int64_t shares)> build;
  int64_t batch = 0; // the model's, or genc's --batch
  /// How a user changes the batch, for errors about it ("pass --batch").
  std::string changeBatch = "pass --batch";
  std::string data, outDir, checkpoint;
  int64_t epochs = 10, limit = 0, testLimit = 0, checkpointEvery = 1000, stopAfter = 0;
  double average = 0; // train --average BETA (0: off)
  uint64_t seed = 1;
  int64_t threads = 0;
  bool resume = false;
  bool checkReplicas = false; // train over MPI: compare the processes' parameters every step
  int64_t iwaeSamples = 100;
  int64_t evalLimit = 0;
  std::string exportIdx; // sample: write generated images as an IDX folder
  int64_t count = 1000;  // sample: how many to export
};

/// One flag of the commands: `--name=VALUE` (or `--name VALUE`), or a
/// switch `--name` when `valueName` is null.
struct CommandFlag {
  const char *name;
  const char *valueName;
  const char *help;
  std::vector<Command> commands; // the commands that take it
  std::variant<int64_t CommandRequest::*, uint64_t CommandRequest::*, double CommandRequest::*,
               bool CommandRequest::*, std::string CommandRequest::*>
      field;

  bool takes(Command command) const;
};

/// Every flag of train, sample and eval, in the order --help lists them.
const std::vector<CommandFlag> &commandFlags();

/// Sets the flag's field of `request` from its text (a switch: "", "true",
/// "false", "1" or "0"); throws RuntimeError naming the flag when the text
/// is not a value of its type.
void setFlag(CommandRequest &request, const CommandFlag &flag, std::string_view text);

/// Checks the request's values, runs the command and returns the exit code;
/// errors are printed as one line, "<program>: error: <reason>".
int runCommand(const CommandRequest &request);

} // namespace genc::rt

#endif // GENC_RUNTIME_COMMANDS_H
