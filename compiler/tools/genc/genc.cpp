//===- genc.cpp - The genc user driver ------------------------------------===//
//
// `genc check FILE` parses and verifies a model; `genc FILE --emit=STAGE`
// prints one stage of the pipeline (ast, mlir, mlir-inlined), Toy-style, so
// every stage can be checked with FileCheck. `-x mlir` (or a .mlir file)
// enters the pipeline at the gen dialect.
//
//===----------------------------------------------------------------------===//
#include "genc/Dialect/Gen/Transforms/Passes.h"
#include "genc/Frontend/MLIRGen.h"
#include "genc/Frontend/Parser.h"
#include "genc/InitAll.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

using namespace genc;
namespace cl = llvm::cl;

static cl::OptionCategory gencCategory("genc options");

static cl::list<std::string> positional(cl::Positional, cl::desc("[COMMAND] FILE"),
                                        cl::cat(gencCategory));

enum class Stage { AST, MLIR, MLIRInlined };
static cl::opt<Stage> emit(
    "emit", cl::desc("What to print"), cl::init(Stage::MLIR), cl::cat(gencCategory),
    cl::values(clEnumValN(Stage::AST, "ast", "the parsed syntax tree, with locations"),
               clEnumValN(Stage::MLIR, "mlir", "the gen dialect, as lowered from the file"),
               clEnumValN(Stage::MLIRInlined, "mlir-inlined",
                          "the gen dialect with net calls inlined into steps")));

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

static int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "genc") << message << "\n";
  return 1;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerPassManagerCLOptions();
  cl::HideUnrelatedOptions(gencCategory);
  cl::ParseCommandLineOptions(argc, argv, kOverview);

  bool checkOnly = !positional.empty() && positional[0] == "check";
  std::vector<std::string> files(positional.begin() + (checkOnly ? 1 : 0), positional.end());
  if (files.size() != 1)
    return fail(files.empty() ? "no input file (see 'genc --help')"
                              : "expected one input file, got " + std::to_string(files.size()));
  const std::string &path = files[0];
  if (batchSize < 0)
    return fail("--batch must be positive");

  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/false);
  if (std::error_code ec = buffer.getError())
    return fail("cannot open '" + path + "': " + ec.message());
  bool isMLIR = inputKind == InputKind::MLIR ||
                (inputKind == InputKind::Auto && llvm::StringRef(path).endswith(".mlir"));

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

  if (emit == Stage::MLIRInlined) {
    mlir::PassManager pm(&context);
    mlir::applyPassManagerCLOptions(pm);
    pm.addNestedPass<gen::ModelOp>(gen::createInlineNetsPass());
    pm.addPass(mlir::createCanonicalizerPass());
    pm.addPass(mlir::createCSEPass());
    if (mlir::failed(pm.run(*module)))
      return 1;
  }

  std::string error;
  auto output = mlir::openOutputFile(outputFile, &error);
  if (!output)
    return fail(error);
  module->print(output->os());
  output->os() << "\n";
  output->keep();
  return 0;
}
