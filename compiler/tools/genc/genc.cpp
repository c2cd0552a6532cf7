//===- genc.cpp - The genc user driver ------------------------------------===//
//
// `genc check FILE` parses and verifies a model; `genc check-grad FILE`
// compares autodiff with finite differences; `genc FILE --emit=STAGE` prints
// one stage of the pipeline, Toy-style, so every stage can be checked with
// FileCheck. `-x mlir` (or a .mlir file) enters the pipeline at the gen
// dialect.
//
//===----------------------------------------------------------------------===//
#include "genc/Dialect/Gen/Transforms/Passes.h"
#include "genc/Frontend/MLIRGen.h"
#include "genc/Frontend/Parser.h"
#include "genc/InitAll.h"
#include "genc/Reference/GradientCheck.h"
#include "genc/Target/ModelCompiler.h"
#include "genc/runtime/Commands.h"
#include "genc/runtime/Error.h"
#include "genc/runtime/HostTarget.h"

#include "CommandLine.h"
#include "genc/Support/Version.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"

#include <chrono>
#include <csignal>
#include "llvm/Support/SourceMgr.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

using namespace genc;
namespace cl = llvm::cl;

static cl::OptionCategory gencCategory("genc options");

// The commands; with none, genc prints a stage of the pipeline (--emit).
static cl::SubCommand &emitCommand = *cl::TopLevelSubCommand;
static cl::SubCommand checkCommand("check", "Parse and verify a model; exit 0 if valid, 1 if not");
static cl::SubCommand checkGradCommand(
    "check-grad", "Compare each step's gradients with central finite differences in double "
                  "precision (batch 4 unless --batch); exit 1 above --tolerance");
static cl::SubCommand compileCommand(
    "compile", "Compile every step and net ahead of time (Halide static libraries), a C++ "
               "header and a manifest into -o DIR; unchanged input is cached");
static cl::SubCommand trainCommand(
    "train", "Compile (cached) and train the model on its data; write checkpoints, "
             "metrics.csv and PNGs to --out");
static cl::SubCommand sampleCommand("sample",
                                    "Write the model's pictures (samples, ...) to --out");
static cl::SubCommand evalCommand("eval", "Test loss; importance-weighted log-likelihood for a "
                                          "VAE; sliced Wasserstein (and KS) for a GAN");
static const forCommands everyCommand{&emitCommand,  &checkCommand,  &checkGradCommand,
                                     &compileCommand, &trainCommand, &sampleCommand,
                                     &evalCommand};

static cl::list<std::string> inputFiles(cl::Positional, cl::desc("FILE"), cl::cat(gencCategory),
                                        everyCommand);

enum class Stage { AST, MLIR, MLIRInlined, MLIRGrad, MLIRTrain };
static cl::opt<Stage> emit(
    "emit", cl::desc("What to print"), cl::init(Stage::MLIR), cl::cat(gencCategory),
    cl::sub(emitCommand),
    cl::values(clEnumValN(Stage::AST, "ast", "the parsed syntax tree, with locations"),
               clEnumValN(Stage::MLIR, "mlir", "the gen dialect, as lowered from the file"),
               clEnumValN(Stage::MLIRInlined, "mlir-inlined",
                          "the gen dialect with net calls inlined into steps"),
               clEnumValN(Stage::MLIRGrad, "mlir-grad",
                          "each step with its gradients (after gen-autodiff)"),
               clEnumValN(Stage::MLIRTrain, "mlir-train",
                          "each step with its optimizer updates (after gen-lower-optimizer)")));

enum class InputKind { Auto, Gen, MLIR };
static cl::opt<InputKind> inputKind(
    "x", cl::desc("Input language (default: by extension)"), cl::init(InputKind::Auto),
    cl::cat(gencCategory),
    forCommands{&emitCommand, &checkCommand, &checkGradCommand, &compileCommand},
    cl::values(clEnumValN(InputKind::Gen, "gen", "a .gen model file"),
               clEnumValN(InputKind::MLIR, "mlir", "gen dialect IR")));

static cl::opt<int64_t> batchSize("batch", cl::desc("Override the model's batch size"),
                                  cl::init(0), cl::cat(gencCategory),
                                  everyCommand);

static cl::opt<std::string> outputFile(
    "o", cl::desc("Output file (default: stdout); compile: the output directory"),
    cl::value_desc("FILE"), cl::init("-"), cl::cat(gencCategory),
    forCommands{&emitCommand, &compileCommand});

static cl::opt<std::string> targetName(
    "target",
    cl::desc("host (default), host-cuda, host-opencl or a Halide target string "
             "(x86-64-linux-avx2-fma-sse41-f16c, arm-64-linux, ...); a -profile suffix adds "
             "Halide's profiler"),
    cl::init("host"), cl::cat(gencCategory),
    forCommands{&compileCommand, &trainCommand, &sampleCommand, &evalCommand});
static cl::opt<std::string> libraryName(
    "name", cl::desc("File prefix and C++ namespace (default: the model's name)"),
    cl::value_desc("NAME"), cl::cat(gencCategory), cl::sub(compileCommand));
static cl::opt<bool> sharedLibrary(
    "shared", cl::desc("Also link <name>.so (the kernels and Halide's runtime), which "
                       "genc-compare and dlopen-based programs load"),
    cl::cat(gencCategory), cl::sub(compileCommand));
static cl::opt<bool> fusedSteps(
    "fused-steps",
    cl::desc("Compile each training step as one pipeline also on a CPU (slower to compile; by "
             "default a CPU step is its gradient and update pipelines, called in turn)"),
    cl::cat(gencCategory), cl::sub(compileCommand));
static cl::opt<int64_t> shares(
    "shares",
    cl::desc("Compile each step as data-parallel halves for N processes (its gradients at "
             "batch / N, then its update), for a program of your own that trains under mpirun "
             "(genc train does this itself)"),
    cl::value_desc("N"), cl::init(1), cl::cat(gencCategory), cl::sub(compileCommand));
static cl::opt<bool> emitStmt("emit-stmt",
                              cl::desc("Also write each pipeline's loop nests (.stmt)"),
                              cl::cat(gencCategory), cl::sub(compileCommand));

static cl::opt<std::string> stepName("step", cl::desc("Only this step"), cl::value_desc("NAME"),
                                     cl::cat(gencCategory), cl::sub(checkGradCommand));
static cl::opt<uint64_t> seed("seed", cl::desc("Random seed (default 1)"), cl::init(1),
                              cl::cat(gencCategory), cl::sub(checkGradCommand));
static cl::opt<double> tolerance("tolerance",
                                 cl::desc("Largest relative error accepted (default 1e-6)"),
                                 cl::init(1e-6), cl::cat(gencCategory), cl::sub(checkGradCommand));

/// The runtime's flags of train, sample and eval (rt::commandFlags(), which
/// genc-run takes too), registered as options of those commands before the
/// command line is parsed, and read back into a request as text.
struct RuntimeOption {
  const rt::CommandFlag *flag;
  std::unique_ptr<cl::opt<std::string>> value; // a flag with a value
  std::unique_ptr<cl::opt<bool>> toggle;       // a switch
};
static std::vector<RuntimeOption> runtimeOptions;

static void registerRuntimeOptions() {
  auto subCommand = [](rt::Command command) {
    switch (command) {
    case rt::Command::Train:
      return &trainCommand;
    case rt::Command::Sample:
      return &sampleCommand;
    case rt::Command::Eval:
      break;
    }
    return &evalCommand;
  };
  for (const rt::CommandFlag &flag : rt::commandFlags()) {
    forCommands commands{};
    for (rt::Command command : flag.commands)
      commands.commands.push_back(subCommand(command));
    RuntimeOption option{&flag, nullptr, nullptr};
    if (flag.valueName)
      option.value = std::make_unique<cl::opt<std::string>>(
          llvm::StringRef(flag.name), cl::desc(flag.help), cl::value_desc(flag.valueName),
          cl::cat(gencCategory), commands);
    else
      option.toggle = std::make_unique<cl::opt<bool>>(
          llvm::StringRef(flag.name), cl::desc(flag.help), cl::cat(gencCategory), commands);
    runtimeOptions.push_back(std::move(option));
  }
}

/// The runtime flags given on the command line; throws rt::RuntimeError.
static void readRuntimeOptions(rt::CommandRequest &request) {
  for (const RuntimeOption &option : runtimeOptions) {
    if (option.value && option.value->getNumOccurrences())
      rt::setFlag(request, *option.flag, *option.value);
    if (option.toggle && option.toggle->getNumOccurrences())
      rt::setFlag(request, *option.flag, *option.toggle ? "true" : "false");
  }
}

static const char kOverview[] = R"(genc: a compiler for generative models

  genc COMMAND FILE [options]   (genc COMMAND --help lists its options)
  genc FILE [--emit=STAGE]      print a stage of the pipeline (default: mlir)

FILE is a .gen model or, with -x mlir or a .mlir name, gen dialect IR.
Errors are reported as file:line:col: error: message, with the source line.
)";

/// Reads FILE and produces the gen module, reporting errors through the
/// context's diagnostic handler.
static mlir::OwningOpRef<mlir::ModuleOp> load(llvm::SourceMgr &sourceMgr,
                                              mlir::MLIRContext &context, bool isMLIR) {
  if (isMLIR)
    return mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
  frontend::MLIRGenOptions options;
  options.batchSize = batchSize;
  return frontend::importGenFile(sourceMgr, &context, options);
}

/// Runs the passes that lead up to `stage` on the model(s) of `module`;
/// with `updatesOnly`, each step keeps only its update (data-parallel
/// training's second half).
static mlir::LogicalResult lower(mlir::ModuleOp module, Stage stage, bool updatesOnly = false) {
  if (stage < Stage::MLIRInlined)
    return mlir::success();
  mlir::PassManager pm(module.getContext());
  mlir::applyPassManagerCLOptions(pm);
  gen::TrainingPipelineOptions options;
  options.differentiate = stage >= Stage::MLIRGrad;
  options.lowerOptimizer = stage >= Stage::MLIRTrain;
  options.updatesOnly = updatesOnly;
  gen::buildTrainingPipeline(pm, options);
  return pm.run(module);
}

static int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "genc") << message << "\n";
  return 1;
}

/// `genc check-grad`: every step (or --step), every trained parameter.
static int runGradientCheck(mlir::ModuleOp module) {
  if (mlir::failed(lower(module, Stage::MLIRGrad)))
    return 1;
  auto models = llvm::to_vector(module.getOps<gen::ModelOp>());
  if (models.size() != 1)
    return fail("expected one gen.model, found " + std::to_string(models.size()));
  gen::ModelOp model = models.front();
  std::vector<gen::StepOp> steps;
  std::string known;
  for (gen::StepOp step : model.getBody().getOps<gen::StepOp>()) {
    known += (known.empty() ? "" : ", ") + step.getSymName().str();
    if (stepName.empty() || step.getSymName() == stepName)
      steps.push_back(step);
  }
  if (steps.empty())
    return fail("model '" + model.getSymName() + "' has no step '" + stepName + "' (its steps: " +
                known + ")");
  reference::Environment env;
  try {
    env.params = reference::makeCheckParams(model, seed);
  } catch (const rt::RuntimeError &e) {
    return fail(e.what());
  }
  env.inputs = reference::makeCheckInputs(model, seed);
  env.random = reference::makeReplayingRandom(seed);
  double worst = 0;
  for (gen::StepOp step : steps) {
    auto check = reference::checkGradients(step, env, seed, tolerance);
    if (mlir::failed(check))
      return 1;
    llvm::outs() << "step " << check->step << " (batch " << model.getBatchSizeAttr().getInt()
                 << ", objective " << llvm::format("%.6g", check->objective) << ")\n";
    for (const reference::ParamCheck &p : check->params) {
      std::string shape;
      for (int64_t d : p.shape)
        shape += (shape.empty() ? "" : "x") + std::to_string(d);
      llvm::outs() << llvm::format("  %-28s %-12s rel. error %.2e (f.d. bound %.1e)  (autodiff "
                                   "%.9g, finite diff. %.9g, h %.0e)%s\n",
                                   p.name.c_str(), shape.c_str(), p.relativeError, p.errorBound,
                                   p.analytic, p.numeric, p.step,
                                   p.zeroWithinNoise ? " zero within rounding noise"
                                   : p.missing       ? " (no gradient from autodiff)"
                                                     : "");
    }
    double stepWorst = check->worst();
    worst = std::isnan(stepWorst) || std::isnan(worst) ? NAN : std::max(worst, stepWorst);
  }
  llvm::outs() << llvm::format("worst relative error beyond the finite differences' own error "
                               "bound %.2e (tolerance %.0e): %s\n",
                               worst,
                               double(tolerance), worst <= tolerance ? "ok" : "FAILED");
  return worst <= tolerance ? 0 : 1;
}

/// The cache key of a compilation: the model text, the flags, and this genc
/// build (its executable's size and time, so a rebuilt compiler never
/// reuses stale kernels).
static std::string cacheKey(llvm::StringRef text, const target::CompileOptions &options,
                            int64_t batch, int64_t shares) {
  std::string self = llvm::sys::fs::getMainExecutable(nullptr, (void *)&cacheKey);
  llvm::sys::fs::file_status status;
  std::string build;
  if (!llvm::sys::fs::status(self, status))
    build = std::to_string(status.getSize()) + "@" +
            std::to_string(status.getLastModificationTime().time_since_epoch().count());
  return text.str() + "\n--batch=" + std::to_string(batch) + "\n--shares=" +
         std::to_string(shares) + "\n--target=" +
         options.targetName + "\n--name=" + options.name + "\n--emit-stmt=" +
         (options.emitStmt ? "1" : "0") + "\n--shared=" + (options.sharedLibrary ? "1" : "0") +
         "\n--fused-steps=" + (options.fusedSteps ? "1" : "0") +
         "\n" + versionLine() + " " + build;
}

/// Compiles the one model of `module` (freshly imported, no passes run).
/// For data-parallel training, `share` is the model imported at one
/// process's share of the batch (batch / shares): its steps are compiled
/// as gradients there, and as updates from `module`.
static mlir::FailureOr<target::CompileResult>
compileModule(mlir::ModuleOp module, target::CompileOptions options, llvm::StringRef text,
              int64_t batch, mlir::ModuleOp share = nullptr, int64_t shares = 1) {
  auto models = llvm::to_vector(module.getOps<gen::ModelOp>());
  if (models.size() != 1) {
    fail("expected one gen.model, found " + std::to_string(models.size()));
    return mlir::failure();
  }
  // Found before inlining hides the calls: declarations that share a net's function.
  auto declaredNetCalls = target::netCallsOfDeclarations(models.front());
  mlir::OwningOpRef<mlir::ModuleOp> forward = module.clone();
  // The steps' two parts; the gradient parts at the share's batch, or at
  // the whole batch.
  mlir::OwningOpRef<mlir::ModuleOp> updates, whole;
  bool parts = share || !options.fusedSteps;
  if (parts)
    updates = module.clone();
  if (parts && !share) {
    whole = module.clone();
    share = *whole;
  }
  if (mlir::failed(lower(*forward, Stage::MLIRInlined)) ||
      mlir::failed(lower(module, Stage::MLIRTrain)) ||
      (parts && (mlir::failed(lower(share, Stage::MLIRGrad)) ||
                 mlir::failed(lower(*updates, Stage::MLIRTrain, /*updatesOnly=*/true)))))
    return mlir::failure();
  auto first = [](mlir::ModuleOp m) { return *m.getOps<gen::ModelOp>().begin(); };
  target::ModelStages stages{models.front(), first(*forward)};
  stages.declaredNetCalls = std::move(declaredNetCalls);
  if (parts) {
    stages.gradients = first(share);
    stages.updates = first(*updates);
  }
  stages.dataParallel = shares > 1;
  options.cacheKey = cacheKey(text, options, batch, shares);
  return target::compileModel(stages, options);
}

/// `genc compile`: everything a program needs to train and run the model.
static int runCompile(mlir::ModuleOp module, llvm::StringRef text,
                      mlir::ModuleOp share = nullptr) {
  if (outputFile == "-")
    return fail("compile needs an output directory: -o DIR");
  if (auto target = target::parseTarget(targetName); !target)
    return fail(llvm::toString(target.takeError()));
  target::CompileOptions options;
  options.outputDir = outputFile;
  options.targetName = targetName;
  options.emitStmt = emitStmt;
  options.sharedLibrary = sharedLibrary;
  options.fusedSteps = fusedSteps;
  options.name = libraryName;
  auto result = compileModule(module, options, text, batchSize, share, shares);
  if (mlir::failed(result))
    return 1;
  llvm::outs() << (result->upToDate ? "up to date: " : "compiled: ") << outputFile << " ("
               << result->files.size() << " files)\n";
  return 0;
}

/// The folder `genc train` compiles into: $GENC_CACHE_DIR, else
/// $XDG_CACHE_HOME/genc, else ~/.cache/genc; one subfolder per model file.
static std::string cacheRoot() {
  if (const char *dir = std::getenv("GENC_CACHE_DIR"))
    return dir;
  if (const char *xdg = std::getenv("XDG_CACHE_HOME"))
    return std::string(xdg) + "/genc";
  if (const char *home = std::getenv("HOME"))
    return std::string(home) + "/.cache/genc";
  return "/tmp/genc-cache";
}

/// `genc train | sample | eval`: compiles through `compileModule` at the
/// batch sizes the runtime asks for, then runs the model.
static int runModelCommand(const std::string &command, llvm::SourceMgr &sourceMgr,
                           mlir::MLIRContext &context, llvm::StringRef path, gen::ModelOp model) {
  // OpenCL drivers such as POCL bring an LLVM of their own, which cannot
  // share this process with genc's.
  if (llvm::StringRef(targetName).startswith("host-opencl"))
    return fail(command + " runs kernels inside genc, which cannot load an OpenCL driver: "
                          "build them with genc compile --shared and run them from a program "
                          "of your own (or compare them with genc-compare)");
  auto target = target::parseTarget(targetName);
  if (!target)
    return fail(llvm::toString(target.takeError()));
  if (std::optional<std::string> why = rt::cannotRunHere(target->to_string()))
    return fail(command + " --target=" + targetName + ": " + *why +
                "; build its kernels with genc compile --target=" + targetName + " instead");
  llvm::StringRef text = sourceMgr.getMemoryBuffer(1)->getBuffer();
  llvm::SmallString<256> absolute(path);
  llvm::sys::fs::make_absolute(absolute);
  rt::CommandRequest request;
  request.command = *rt::commandNamed(command); // main found it among train, sample, eval
  try {
    readRuntimeOptions(request);
  } catch (const rt::RuntimeError &e) {
    return fail(e.what());
  }
  request.build = [&](int64_t batch, int64_t shares) -> std::string {
    auto import = [&](int64_t size) {
      batchSize = size;
      mlir::OwningOpRef<mlir::ModuleOp> module = load(sourceMgr, context, /*isMLIR=*/false);
      if (!module || mlir::failed(mlir::verify(*module)))
        throw rt::RuntimeError("cannot compile " + path.str() + " at batch " +
                               std::to_string(size));
      return module;
    };
    mlir::OwningOpRef<mlir::ModuleOp> module = import(batch);
    mlir::OwningOpRef<mlir::ModuleOp> share;
    if (shares > 1)
      share = import(batch / shares);
    auto model = *module->getOps<gen::ModelOp>().begin();
    std::string name = model.getSymName().str();
    if (!target::isLibraryName(name))
      throw rt::RuntimeError("the model name '" + name +
                             "' is not an identifier (letters, digits and _)");
    llvm::SmallString<256> dir(cacheRoot());
    std::string build = "batch" + std::to_string(batch);
    if (shares > 1)
      build += "-shares" + std::to_string(shares);
    llvm::sys::path::append(dir, name + "-" + target::sha256Hex(absolute.str()).substr(0, 16),
                            build + "-" + targetName);
    target::CompileOptions options;
    options.outputDir = std::string(dir);
    options.targetName = targetName;
    options.sharedLibrary = true;
    // (Parallel runs share the cache: compileModel locks the folder.)
    if (std::error_code ec = llvm::sys::fs::create_directories(dir))
      throw rt::RuntimeError(std::string(dir) + ": cannot create the compile cache: " + ec.message());
    llvm::outs() << "kernels of " << name << " at batch " << batch
                 << (shares > 1 ? " in " + std::to_string(shares) + " shares" : "") << " ("
                 << dir << "): ";
    llvm::outs().flush();
    auto start = std::chrono::steady_clock::now();
    auto result = compileModule(*module, options, text, batch, share.get(), shares);
    if (mlir::failed(result))
      throw rt::RuntimeError("compiling " + path.str() + " failed");
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (result->upToDate)
      llvm::outs() << "up to date\n";
    else
      llvm::outs() << llvm::format("compiled in %.1f s\n", seconds);
    llvm::outs().flush();
    return std::string(dir) + "/" + name;
  };
  // The model as imported by main (at --batch, or the model's own batch).
  request.batch = model.getBatchSizeAttr().getInt();
  if (request.outDir.empty())
    request.outDir = "out/" + model.getSymName().str();
  return rt::runCommand(request);
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  // A file-size limit (ulimit -f) is a full disk for genc: the write fails
  // with EFBIG and gets a one-line error, instead of SIGXFSZ killing the run
  // with a stack dump from LLVM's crash handler.
  std::signal(SIGXFSZ, SIG_IGN);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerPassManagerCLOptions();
  // MLIR's own options (above) stay on the top level, out of --help.
  cl::HideUnrelatedOptions({&gencCategory});
  cl::SetVersionPrinter(printVersion);
  registerRuntimeOptions();
  if (!parseCommandLine(argc, argv, kOverview, everyCommand.commands))
    return 1;

  bool checkOnly = bool(checkCommand), checkGrad = bool(checkGradCommand),
       compile = bool(compileCommand);
  std::string runCommand;
  for (cl::SubCommand *command : {&trainCommand, &sampleCommand, &evalCommand})
    if (*command)
      runCommand = command->getName().str();
  if (inputFiles.size() != 1)
    return fail(inputFiles.empty() ? "no input file (see 'genc --help')"
                                   : "expected one input file, got " +
                                         std::to_string(inputFiles.size()));
  const std::string &path = inputFiles[0];
  if (batchSize < 0 || (batchSize.getNumOccurrences() && batchSize == 0))
    return fail("--batch must be positive");
  if (!(tolerance > 0))
    return fail("--tolerance must be positive");

  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/false);
  if (std::error_code ec = buffer.getError())
    return fail("cannot open '" + path + "': " + ec.message());
  bool isMLIR = inputKind == InputKind::MLIR ||
                (inputKind == InputKind::Auto && llvm::StringRef(path).endswith(".mlir"));
  if (isMLIR && batchSize > 0)
    return fail("--batch applies to .gen input; the batch of gen IR is fixed by its types");
  if (checkGrad && !isMLIR && batchSize == 0)
    batchSize = 4; // finite differences need many evaluations: keep them small

  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  // Errors point at the model file; the IR of the whole model as a note
  // would bury them (genc-opt keeps MLIR's default).
  context.printOpOnDiagnostic(false);
  context.loadAllAvailableDialects();
  mlir::SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);

  if (emit == Stage::AST) {
    if (isMLIR)
      return fail("--emit=ast needs a .gen input");
    frontend::SourceLocator locator(sourceMgr, &context);
    frontend::Parser parser(locator, sourceMgr.getMemoryBuffer(1)->getBuffer());
    auto model = parser.parseFile();
    if (!model)
      return 1;
    frontend::dumpAST(*model, sourceMgr, llvm::outs());
    return 0;
  }

  mlir::OwningOpRef<mlir::ModuleOp> module = load(sourceMgr, context, isMLIR);
  if (!module || mlir::failed(mlir::verify(*module)))
    return 1;
  if (checkOnly)
    return 0;

  if (checkGrad)
    return runGradientCheck(*module);
  if (!runCommand.empty()) {
    if (isMLIR)
      return fail(runCommand + " needs a .gen model file");
    return runModelCommand(runCommand, sourceMgr, context, path,
                           *module->getOps<gen::ModelOp>().begin());
  }
  if (compile && fusedSteps && shares != 1)
    return fail("--fused-steps and --shares: a data-parallel step is compiled as its two parts");
  if (compile && shares != 1) {
    int64_t batch = (*module->getOps<gen::ModelOp>().begin()).getBatchSizeAttr().getInt();
    if (isMLIR)
      return fail("--shares needs a .gen model file (it imports the model at the share's batch)");
    if (shares < 1 || batch % shares != 0)
      return fail("--shares " + std::to_string(shares) + ": the number of processes must be "
                  "positive and divide the batch of " + std::to_string(batch));
    batchSize = batch / shares;
    mlir::OwningOpRef<mlir::ModuleOp> share = load(sourceMgr, context, /*isMLIR=*/false);
    batchSize = batch;
    if (!share || mlir::failed(mlir::verify(*share)))
      return 1;
    return runCompile(*module, (*sourceMgr.getMemoryBuffer(1)).getBuffer(), *share);
  }
  if (compile)
    return runCompile(*module, (*sourceMgr.getMemoryBuffer(1)).getBuffer());
  if (mlir::failed(lower(*module, emit)))
    return 1;

  std::string error;
  auto output = mlir::openOutputFile(outputFile, &error);
  if (!output)
    return fail(error);
  module->print(output->os());
  output->os() << "\n";
  output->keep();
  return 0;
}
