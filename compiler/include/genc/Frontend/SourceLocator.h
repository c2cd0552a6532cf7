//===- SourceLocator.h - From source pointers to MLIR locations -*- C++ -*-===//
//
// Parser and MLIRGen report every error through MLIR's diagnostic engine at
// a FileLineColLoc, so that the driver prints `file:line:col: error: ...`
// with the source line and a caret, and `-verify-diagnostics` can check
// front-end errors. It also caps the error count, so garbage input yields a
// bounded report.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_FRONTEND_SOURCELOCATOR_H
#define GENC_FRONTEND_SOURCELOCATOR_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"

namespace genc::frontend {

class SourceLocator {
public:
  /// The most errors reported before the front end gives up on a file.
  static constexpr unsigned kMaxErrors = 50;

  SourceLocator(llvm::SourceMgr &sourceMgr, mlir::MLIRContext *context)
      : sourceMgr(sourceMgr), context(context) {}

  mlir::Location loc(llvm::SMLoc at) const {
    unsigned id = sourceMgr.FindBufferContainingLoc(at);
    if (!id)
      return mlir::UnknownLoc::get(context);
    auto [line, col] = sourceMgr.getLineAndColumn(at, id);
    llvm::StringRef file = sourceMgr.getMemoryBuffer(id)->getBufferIdentifier();
    return mlir::FileLineColLoc::get(context, file, line, col);
  }

  /// Starts an error at `at`; counts it.
  mlir::InFlightDiagnostic error(llvm::SMLoc at) {
    ++errorCount;
    return mlir::emitError(loc(at));
  }

  unsigned getErrorCount() const { return errorCount; }
  bool tooManyErrors() const { return errorCount >= kMaxErrors; }
  mlir::MLIRContext *getContext() const { return context; }
  llvm::SourceMgr &getSourceMgr() const { return sourceMgr; }

private:
  llvm::SourceMgr &sourceMgr;
  mlir::MLIRContext *context;
  unsigned errorCount = 0;
};

} // namespace genc::frontend

#endif // GENC_FRONTEND_SOURCELOCATOR_H
