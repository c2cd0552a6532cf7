//===- Version.h - What genc's tools print for --version -------*- C++ -*-===//
//
// genc's version, the commit it was built from, and the LLVM/MLIR and Halide
// it was built with. Version.cpp is the only file that includes the
// generated Version.inc, so a new commit recompiles that file alone.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_SUPPORT_VERSION_H
#define GENC_SUPPORT_VERSION_H

#include "llvm/Support/raw_ostream.h"

#include <string>

namespace genc {

/// "genc 0.1.0 (commit 1a2b3c4)", or "genc 0.1.0 (unknown commit)" when
/// built outside a git checkout.
std::string versionLine();

/// What `genc --version` (and genc-opt's, genc-translate's) prints:
/// versionLine(), then the LLVM/MLIR and Halide versions, one a line.
void printVersion(llvm::raw_ostream &os);

} // namespace genc

#endif // GENC_SUPPORT_VERSION_H
