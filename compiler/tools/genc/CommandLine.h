//===- CommandLine.h - genc's commands and their options -------*- C++ -*-===//
//
// Each genc command (check, compile, train, ...) is an llvm::cl::SubCommand
// and takes only its own options; an option shared by several commands is
// registered to each. With no command, genc prints a stage of the pipeline.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_TOOLS_GENC_COMMANDLINE_H
#define GENC_TOOLS_GENC_COMMANDLINE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/CommandLine.h"

#include <initializer_list>
#include <vector>

namespace genc {

/// cl::sub for several commands at once: `forCommands{&train, &sample}`.
struct forCommands {
  std::vector<llvm::cl::SubCommand *> commands;
  forCommands(std::initializer_list<llvm::cl::SubCommand *> list) : commands(list) {}
  template <class Opt> void apply(Opt &option) const {
    for (llvm::cl::SubCommand *command : commands)
      option.addSubCommand(*command);
  }
};

/// Parses argv as cl::ParseCommandLineOptions does, but an option that
/// belongs to another of `commands` (`genc check --epochs 3`) fails with one
/// line that names the commands taking it. Returns false after printing
/// the error.
bool parseCommandLine(int argc, char **argv, llvm::StringRef overview,
                      llvm::ArrayRef<llvm::cl::SubCommand *> commands);

} // namespace genc

#endif // GENC_TOOLS_GENC_COMMANDLINE_H
