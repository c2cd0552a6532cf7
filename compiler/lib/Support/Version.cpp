//===- Version.cpp - genc, genc-opt and genc-translate --version ----------===//
#include "genc/Support/Version.h"

#include "Version.inc"

#include "llvm/Config/llvm-config.h"

std::string genc::versionLine() {
  std::string commit(GENC_COMMIT);
  return "genc " GENC_VERSION " (" + (commit.empty() ? "unknown commit" : "commit " + commit) +
         ")";
}

void genc::printVersion(llvm::raw_ostream &os) {
  os << versionLine() << "\n"
     << "LLVM and MLIR " LLVM_VERSION_STRING "\n"
     << "Halide " GENC_HALIDE_VERSION "\n";
}
