//===- genc-run.cpp - Train, sample and evaluate a compiled model ---------===//
//
// `genc-run train|sample|eval BUILD [options]` runs a model that
// `genc compile --shared -o BUILD` compiled, on a machine without the
// compiler: it links genc's runtime only (no LLVM, MLIR or Halide library),
// which is how a compiled model ships to a cluster or a GPU machine. It is
// genc train | sample | eval with the model's kernels found instead of
// compiled: the same flags, checkpoints, pictures and metrics.
//
//===----------------------------------------------------------------------===//
#include "genc/runtime/Commands.h"
#include "genc/runtime/Error.h"
#include "genc/runtime/Files.h"
#include "genc/runtime/Manifest.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <dirent.h>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace genc::rt;

namespace {
constexpr const char *kUsage =
    "usage: genc-run COMMAND BUILD [options]   (genc-run COMMAND --help lists its options)\n"
    "\n"
    "Runs a model compiled by 'genc compile MODEL.gen --shared -o BUILD', without the\n"
    "compiler. COMMAND is one of\n"
    "  train    train the model on its data; write checkpoints, metrics.csv and PNGs to --out\n"
    "  sample   write the model's pictures (samples, ...) to --out\n"
    "  eval     test loss; importance-weighted log-likelihood for a VAE; sliced Wasserstein\n"
    "           (and KS) for a GAN\n"
    "BUILD is the folder genc compile wrote (or its FOLDER/NAME prefix when it holds several\n"
    "models). The batch size and the target are the build's: compile again to change them.\n";

void printHelp(Command command) {
  std::printf("USAGE: genc-run %s BUILD [options]\n\nOPTIONS:\n",
              std::string(commandName(command)).c_str());
  for (const CommandFlag &flag : commandFlags()) {
    if (!flag.takes(command))
      continue;
    std::string spelling = "--" + std::string(flag.name);
    if (flag.valueName)
      spelling += "=<" + std::string(flag.valueName) + ">";
    std::printf("  %-28s - %s\n", spelling.c_str(), flag.help);
  }
}

bool isDirectory(const std::string &path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

/// The models of a build folder: the NAME of each NAME.manifest.json.
std::vector<std::string> modelsIn(const std::string &dir) {
  constexpr std::string_view suffix = ".manifest.json";
  std::vector<std::string> names;
  DIR *stream = ::opendir(dir.c_str());
  if (!stream)
    throw RuntimeError(dir + ": cannot read the folder");
  while (dirent *entry = ::readdir(stream)) {
    std::string_view file = entry->d_name;
    if (file.size() > suffix.size() && file.substr(file.size() - suffix.size()) == suffix)
      names.emplace_back(file.substr(0, file.size() - suffix.size()));
  }
  ::closedir(stream);
  std::sort(names.begin(), names.end());
  return names;
}

/// The path prefix (<folder>/<name>) of the compiled model BUILD names.
std::string findBuild(std::string build) {
  while (build.size() > 1 && build.back() == '/')
    build.pop_back();
  if (fileExists(build + ".manifest.json"))
    return build;
  if (!isDirectory(build))
    throw RuntimeError(build + ": no such build folder (genc compile MODEL.gen --shared -o " +
                       build + " writes one)");
  std::vector<std::string> names = modelsIn(build);
  if (names.empty())
    throw RuntimeError(build + ": no compiled model in the folder (no NAME.manifest.json; "
                               "genc compile MODEL.gen --shared -o " + build + " writes one)");
  if (names.size() > 1) {
    std::string list;
    for (const std::string &name : names)
      list += (list.empty() ? "" : ", ") + name;
    throw RuntimeError(build + " holds several models (" + list + "): name one as " + build +
                       "/" + names.front());
  }
  return build + "/" + names.front();
}

/// The processes a data-parallel build's steps are compiled for, or 1.
int64_t compiledShares(const Manifest &manifest) {
  for (const FunctionSpec &f : manifest.functions)
    if (f.kind == FunctionSpec::Kind::Gradient && f.batchSize > 0)
      return manifest.batchSize / f.batchSize;
  return 1;
}

/// Checks that the build has what the run asks of it.
std::string checkBuild(const std::string &prefix, const Manifest &manifest, Command command,
                       int64_t shares) {
  if (!fileExists(prefix + ".so"))
    throw RuntimeError(prefix + ".so: missing: genc-run loads the kernels as a shared library "
                                "(genc compile --shared)");
  if (shares == 1) {
    for (auto &[step, repeats] : manifest.train.schedule)
      if (command == Command::Train && !manifest.find(FunctionSpec::Kind::Step, step)) {
        std::string n = std::to_string(compiledShares(manifest));
        throw RuntimeError(prefix + " is compiled for " + n + " processes (genc compile --shares " +
                           n + "): train it with mpirun -np " + n + " genc-run train, or compile "
                           "it without --shares");
      }
    return prefix;
  }
  int64_t share = manifest.batchSize / shares;
  for (auto &[step, repeats] : manifest.train.schedule)
    if (!manifest.find(FunctionSpec::Kind::Update, step) ||
        std::none_of(manifest.functions.begin(), manifest.functions.end(),
                     [&, &step = step](const FunctionSpec &f) {
                       return f.kind == FunctionSpec::Kind::Gradient && f.name == step &&
                              f.batchSize == share;
                     }))
      throw RuntimeError(prefix + " is not compiled for " + std::to_string(shares) +
                         " processes: compile it with genc compile --shares " +
                         std::to_string(shares) + " --shared");
  return prefix;
}

/// A flag's name and text from `--name=text`, `-name=text` or `--name`.
std::pair<std::string, std::optional<std::string>> splitFlag(std::string_view arg) {
  arg.remove_prefix(arg.size() > 1 && arg[1] == '-' ? 2 : 1);
  size_t equals = arg.find('=');
  if (equals == std::string_view::npos)
    return {std::string(arg), std::nullopt};
  return {std::string(arg.substr(0, equals)), std::string(arg.substr(equals + 1))};
}

const CommandFlag *findFlag(const std::string &name) {
  for (const CommandFlag &flag : commandFlags())
    if (name == flag.name)
      return &flag;
  return nullptr;
}

/// Fills `request` from the arguments after the command; returns BUILD.
/// Throws RuntimeError for a flag it does not take.
std::optional<std::string> parseArguments(int argc, char **argv, CommandRequest &request,
                                          bool &help) {
  std::string command(commandName(request.command));
  std::optional<std::string> build;
  bool flagsEnded = false;
  for (int i = 2; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (flagsEnded || arg.size() < 2 || arg[0] != '-') {
      if (build)
        throw RuntimeError("expected one BUILD folder, got '" + *build + "' and '" +
                           std::string(arg) + "'");
      build = std::string(arg);
      continue;
    }
    if (arg == "--") {
      flagsEnded = true;
      continue;
    }
    auto [name, text] = splitFlag(arg);
    if (name == "help" || name == "h") {
      help = true;
      continue;
    }
    if (name == "batch" || name == "target")
      throw RuntimeError("--" + name + " is chosen when the model is compiled (genc compile --" +
                         name + "); compile it again to change it");
    const CommandFlag *flag = findFlag(name);
    if (!flag)
      throw RuntimeError("unknown option '" + std::string(arg) + "' (see 'genc-run " + command +
                         " --help')");
    if (!flag->takes(request.command)) {
      std::string takers;
      for (Command other : flag->commands)
        takers += std::string(takers.empty() ? "" : " and ") + "genc-run " +
                  std::string(commandName(other));
      throw RuntimeError("--" + name + " is an option of " + takers + ", not of genc-run " +
                         command + " (see 'genc-run " + command + " --help')");
    }
    if (!text && flag->valueName) {
      if (i + 1 == argc)
        throw RuntimeError("--" + name + " needs a value: --" + name + "=<" + flag->valueName +
                           ">");
      text = argv[++i];
    }
    setFlag(request, *flag, text.value_or(""));
  }
  return build;
}

int fail(const std::string &message) {
  std::fflush(stdout);
  std::fprintf(stderr, "genc-run: error: %s\n", message.c_str());
  return 1;
}
} // namespace

int main(int argc, char **argv) {
  // A file-size limit (ulimit -f) is a full disk: a write fails with EFBIG
  // and a one-line error instead of SIGXFSZ killing the run.
  std::signal(SIGXFSZ, SIG_IGN);
  if (argc < 2 || std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h") {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 1 : 0;
  }
  std::optional<Command> command = commandNamed(argv[1]);
  if (!command)
    return fail("unknown command '" + std::string(argv[1]) +
                "': expected train, sample or eval (see 'genc-run --help')");
  CommandRequest request;
  request.program = "genc-run";
  request.changeBatch = "compile the model with another --batch";
  request.command = *command;
  std::optional<std::string> build;
  bool help = false;
  try {
    build = parseArguments(argc, argv, request, help);
    if (help) {
      printHelp(*command);
      return 0;
    }
    if (!build)
      throw RuntimeError("no BUILD folder (see 'genc-run --help')");
    std::string prefix = findBuild(*build);
    Manifest manifest = Manifest::load(prefix + ".manifest.json");
    request.batch = manifest.batchSize;
    if (request.outDir.empty())
      request.outDir = "out/" + manifest.model;
    request.build = [prefix, manifest, command](int64_t batch, int64_t shares) {
      if (batch != manifest.batchSize)
        throw RuntimeError(prefix + " is compiled at batch " + std::to_string(manifest.batchSize) +
                           ", not " + std::to_string(batch));
      return checkBuild(prefix, manifest, *command, shares);
    };
  } catch (const RuntimeError &e) {
    return fail(e.what());
  }
  return runCommand(request);
}
