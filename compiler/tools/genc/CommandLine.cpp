//===- CommandLine.cpp - genc's commands and their options ----------------===//
#include "CommandLine.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>

using namespace llvm;

/// "genc train", or "genc (no command)" for the top level.
static std::string spelling(cl::SubCommand *command) {
  return command->getName().empty() ? "genc (no command)" : ("genc " + command->getName()).str();
}

/// The first option on the command line that `chosen` does not take but
/// another of `commands` does, with the sentence that says so.
static std::optional<std::string> misplacedOption(ArrayRef<char *> args, cl::SubCommand *chosen,
                                                  ArrayRef<cl::SubCommand *> commands) {
  for (StringRef arg : args) {
    if (arg == "--") // the rest are files
      break;
    if (!arg.startswith("-"))
      continue;
    StringRef name = arg.ltrim('-').split('=').first;
    if (name.empty() || cl::getRegisteredOptions(*chosen).count(name))
      continue;
    std::vector<std::string> takers;
    for (cl::SubCommand *command : commands)
      if (cl::getRegisteredOptions(*command).count(name))
        takers.push_back(spelling(command));
    if (takers.empty())
      continue;
    std::string list = takers.front();
    for (size_t i = 1; i < takers.size(); ++i)
      list += (i + 1 == takers.size() ? " and " : ", ") + takers[i];
    std::string help = chosen->getName().empty() ? "genc --help"
                                                 : "genc " + chosen->getName().str() + " --help";
    return "--" + name.str() + " is an option of " + list + ", not of " + spelling(chosen) +
           " (see '" + help + "')";
  }
  return std::nullopt;
}

bool genc::parseCommandLine(int argc, char **argv, StringRef overview,
                            ArrayRef<cl::SubCommand *> commands) {
  std::string errors;
  raw_string_ostream errorStream(errors);
  if (cl::ParseCommandLineOptions(argc, argv, overview, &errorStream))
    return true;
  // The command as cl chose it: the first argument, if it names one.
  cl::SubCommand *chosen = &*cl::TopLevelSubCommand;
  for (cl::SubCommand *command : commands)
    if (argc > 1 && !command->getName().empty() && command->getName() == argv[1])
      chosen = command;
  ArrayRef<char *> args(argv + 1, argv + argc);
  if (std::optional<std::string> message =
          misplacedOption(args.drop_front(chosen->getName().empty() ? 0 : 1), chosen, commands))
    WithColor::error(errs(), "genc") << *message << "\n";
  else
    errs() << errorStream.str();
  return false;
}
