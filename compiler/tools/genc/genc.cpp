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

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

using namespace genc;
namespace cl = llvm::cl;

static cl::OptionCategory gencCategory("genc options");

static cl::list<std::string> positional(cl::Positional, cl::desc("[COMMAND] FILE"),
                                        cl::cat(gencCategory));

enum class Stage { AST, MLIR, MLIRInlined, MLIRGrad, MLIRTrain };
static cl::opt<Stage> emit(
    "emit", cl::desc("What to print"), cl::init(Stage::MLIR), cl::cat(gencCategory),
    cl::values(clEnumValN(Stage::AST, "ast", "the parsed syntax tree, with locations"),
               clEnumValN(Stage::MLIR, "mlir", "the gen dialect, as lowered from the file"),
               clEnumValN(Stage::MLIRInlined, "mlir-inlined",
                          "the gen dialect with net calls inlined into steps"),
               clEnumValN(Stage::MLIRGrad, "mlir-grad",
                          "each step with its gradients (after gen-autodiff)"),
               clEnumValN(Stage::MLIRTrain, "mlir-train",
                          "each step with its optimizer updates (after gen-lower-optimizer)")));

static cl::opt<std::string> targetName("target",
                                       cl::desc("compile: host (default) or host-cuda"),
                                       cl::init("host"), cl::cat(gencCategory));
static cl::opt<std::string> libraryName(
    "name", cl::desc("compile: file prefix and C++ namespace (default: the model's name)"),
    cl::value_desc("NAME"), cl::cat(gencCategory));
static cl::opt<bool> emitStmt("emit-stmt",
                              cl::desc("compile: also write each pipeline's loop nests (.stmt)"),
                              cl::cat(gencCategory));

static cl::opt<std::string> stepName("step", cl::desc("check-grad: only this step"),
                                     cl::value_desc("NAME"), cl::cat(gencCategory));
static cl::opt<uint64_t> seed("seed", cl::desc("check-grad: random seed (default 1)"),
                              cl::init(1), cl::cat(gencCategory));
static cl::opt<double> tolerance("tolerance",
                                 cl::desc("check-grad: largest relative error accepted (default 1e-6)"),
                                 cl::init(1e-6), cl::cat(gencCategory));

enum class InputKind { Auto, Gen, MLIR };
static cl::opt<InputKind> inputKind(
    "x", cl::desc("Input language (default: by extension)"), cl::init(InputKind::Auto),
    cl::cat(gencCategory),
    cl::values(clEnumValN(InputKind::Gen, "gen", "a .gen model file"),
               clEnumValN(InputKind::MLIR, "mlir", "gen dialect IR")));

static cl::opt<int64_t> batchSize("batch", cl::desc("Override the model's batch size"),
                                  cl::init(0), cl::cat(gencCategory));

static cl::opt<std::string> outputFile("o", cl::desc("Output file (default: stdout)"),
                                       cl::value_desc("FILE"), cl::init("-"),
                                       cl::cat(gencCategory));

static const char kOverview[] = R"(genc: a compiler for generative models

USAGE:
  genc check FILE            parse and verify a model; exit 0 if valid, 1 if not
  genc check-grad FILE       compare each step's gradients with central finite
                             differences in double precision (batch 4 unless
                             --batch); exit 1 above --tolerance
  genc compile FILE -o DIR   compile every step and net ahead of time (Halide
                             static libraries), a C++ header and a manifest;
                             --target=host|host-cuda; unchanged input is cached
  genc FILE [--emit=STAGE]   print a stage of the pipeline (default: mlir)

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

/// Runs the passes that lead up to `stage` on the model(s) of `module`.
static mlir::LogicalResult lower(mlir::ModuleOp module, Stage stage) {
  if (stage < Stage::MLIRInlined)
    return mlir::success();
  mlir::PassManager pm(module.getContext());
  mlir::applyPassManagerCLOptions(pm);
  mlir::OpPassManager &model = pm.nest<gen::ModelOp>();
  model.addPass(gen::createInlineNetsPass());
  model.addPass(mlir::createCanonicalizerPass());
  if (stage >= Stage::MLIRGrad)
    model.addPass(gen::createAutodiffPass());
  if (stage >= Stage::MLIRTrain)
    model.addPass(gen::createLowerOptimizerPass());
  model.addPass(mlir::createCanonicalizerPass());
  model.addPass(mlir::createCSEPass());
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
  env.params = reference::initializeParams(model, seed);
  env.inputs = reference::makeCheckInputs(model, seed);
  env.random = reference::makeReplayingRandom(seed);
  double worst = 0;
  for (gen::StepOp step : steps) {
    auto check = reference::checkGradients(step, env, seed);
    if (mlir::failed(check))
      return 1;
    llvm::outs() << "step " << check->step << " (batch " << model.getBatchSizeAttr().getInt()
                 << ", objective " << llvm::format("%.6g", check->objective) << ")\n";
    for (const reference::ParamCheck &p : check->params) {
      std::string shape;
      for (int64_t d : p.shape)
        shape += (shape.empty() ? "" : "x") + std::to_string(d);
      llvm::outs() << llvm::format("  %-28s %-12s rel. error %.2e  (autodiff %.9g, "
                                   "finite diff. %.9g, h %.0e)%s\n",
                                   p.name.c_str(), shape.c_str(), p.relativeError, p.analytic,
                                   p.numeric, p.step,
                                   p.zeroWithinNoise ? " zero within rounding noise"
                                   : p.missing       ? " (no gradient from autodiff)"
                                                     : "");
    }
    double stepWorst = check->worst();
    worst = std::isnan(stepWorst) || std::isnan(worst) ? NAN : std::max(worst, stepWorst);
  }
  llvm::outs() << llvm::format("worst relative error %.2e (tolerance %.0e): %s\n", worst,
                               double(tolerance), worst <= tolerance ? "ok" : "FAILED");
  return worst <= tolerance ? 0 : 1;
}

/// `genc compile`: everything a program needs to train and run the model.
static int runCompile(mlir::ModuleOp module, llvm::StringRef text) {
  if (outputFile == "-")
    return fail("compile needs an output directory: -o DIR");
  if (auto target = target::parseTarget(targetName); !target)
    return fail(llvm::toString(target.takeError()));
  if (mlir::failed(lower(module, Stage::MLIRTrain)))
    return 1;
  auto models = llvm::to_vector(module.getOps<gen::ModelOp>());
  if (models.size() != 1)
    return fail("expected one gen.model, found " + std::to_string(models.size()));
  target::CompileOptions options;
  options.outputDir = outputFile;
  options.targetName = targetName;
  options.emitStmt = emitStmt;
  options.name = libraryName;
  // Everything the output depends on: the model text, the flags, and this
  // genc build (its executable's size and time, so a rebuilt compiler
  // never reuses stale kernels).
  std::string self = llvm::sys::fs::getMainExecutable(nullptr, (void *)&runCompile);
  llvm::sys::fs::file_status status;
  std::string build;
  if (!llvm::sys::fs::status(self, status))
    build = std::to_string(status.getSize()) + "@" +
            std::to_string(status.getLastModificationTime().time_since_epoch().count());
  options.cacheKey = text.str() + "\n--batch=" + std::to_string(batchSize) + "\n--target=" +
                     targetName + "\n--name=" + libraryName + "\n--emit-stmt=" +
                     (emitStmt ? "1" : "0") + "\ngenc " GENC_VERSION " " + build;
  auto result = target::compileModel(models.front(), options);
  if (mlir::failed(result))
    return 1;
  llvm::outs() << (result->upToDate ? "up to date: " : "compiled: ") << outputFile << " ("
               << result->files.size() << " files)\n";
  return 0;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerPassManagerCLOptions();
  cl::HideUnrelatedOptions(gencCategory);
  cl::ParseCommandLineOptions(argc, argv, kOverview);

  bool checkOnly = !positional.empty() && positional[0] == "check";
  bool checkGrad = !positional.empty() && positional[0] == "check-grad";
  bool compile = !positional.empty() && positional[0] == "compile";
  std::vector<std::string> files(positional.begin() + (checkOnly || checkGrad || compile ? 1 : 0),
                                 positional.end());
  if (files.size() != 1)
    return fail(files.empty() ? "no input file (see 'genc --help')"
                              : "expected one input file, got " + std::to_string(files.size()));
  const std::string &path = files[0];
  if (batchSize < 0)
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
  context.loadAllAvailableDialects();
  mlir::SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);

  if (emit == Stage::AST && !checkOnly) {
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
