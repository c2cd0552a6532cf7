//===- genc-opt.cpp - The mlir-opt of the gen dialect ---------------------===//
//
// Parses .mlir files holding gen IR, runs passes, prints the result. Only
// the gen passes and the few upstream passes genc's pipelines use are
// registered, so --help lists what matters here.
//
//===----------------------------------------------------------------------===//
#include "genc/InitAll.h"
#include "genc/Support/Version.h"

#include "mlir/Dialect/StandardOps/IR/Ops.h"
#include "mlir/Support/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  genc::registerAllDialects(registry);
  // builtin.func bodies end in std.return; tests use them to feed gen ops
  // values that no gen.net signature admits.
  registry.insert<mlir::StandardOpsDialect>();
  genc::registerAllPasses();
  llvm::cl::SetVersionPrinter(genc::printVersion);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "genc optimizer driver\n", registry));
}
