//===- genc-translate.cpp - Translations into and out of gen --------------===//
//
// `--import-gen` parses a .gen model into the gen dialect. Being a
// translation, it gets mlir-translate's `-verify-diagnostics` and
// `-split-input-file`, which is how the front end's errors are tested.
// `--gen-to-halide` prints the Halide loop nests genc's schedule policy
// gives each step and net (--halide-target), which is how schedules are
// tested.
//
//===----------------------------------------------------------------------===//
#include "genc/Conversion/GenToHalide/GenToHalide.h"
#include "genc/Frontend/MLIRGen.h"
#include "genc/Support/Version.h"

#include "mlir/Support/LogicalResult.h"
#include "mlir/Translation.h"

int main(int argc, char **argv) {
  mlir::TranslateToMLIRRegistration importGen(
      "import-gen", [](llvm::SourceMgr &sourceMgr, mlir::MLIRContext *context) {
        return genc::frontend::importGenFile(sourceMgr, context);
      });
  genc::halide::registerGenToHalideTranslation();
  llvm::cl::SetVersionPrinter(genc::printVersion);
  return mlir::failed(mlir::mlirTranslateMain(argc, argv, "genc translation driver\n"));
}
