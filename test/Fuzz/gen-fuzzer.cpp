//===- gen-fuzzer.cpp - libFuzzer target for the .gen front end -----------===//
//
// Feeds arbitrary bytes to the lexer, parser and MLIRGen (importGenFile) and,
// when a module comes back, to the IR verifier. Diagnostics are swallowed:
// rejecting bad input is the expected outcome; crashes, sanitizer reports,
// hangs and blow-ups are the bugs being looked for.
//
// Built and run by scripts/fuzz.sh. Environment knobs (read once):
//   GENC_FUZZ_FRESH_CONTEXT=1  a new MLIRContext per input (default: one
//                              context reused across inputs; see below).
//   GENC_FUZZ_STRICT=1         also abort on front-end logic bugs:
//                              - importGenFile fails without any error;
//                              - an IR-level diagnostic ("'gen.x' op ...")
//                                reaches the user, i.e. the front end built
//                                IR that inference/verification rejected
//                                instead of reporting a .gen-level error.
//   GENC_FUZZ_ROUNDTRIP=1      print an accepted module, parse it back and
//                              verify it again (checks the custom asm).
//   GENC_FUZZ_DEBUG=1          print the swallowed diagnostics to stderr
//                              (useful when replaying one reproducer).
//
// Reusing the context is safe here: importGenFile only loads the gen
// dialect (idempotent) and creates uniqued types/attributes/locations, which
// never change meaning between inputs; each module is destroyed before the
// next input. The cost is that interned strings (identifiers, file names)
// accumulate, which is bounded for -max_len=4096 inputs and a few million
// runs and far below libFuzzer's -rss_limit_mb. It makes an execution
// several times cheaper than constructing a context and loading the dialect.
//
//===----------------------------------------------------------------------===//
#include "genc/Dialect/Gen/IR/GenDialect.h"
#include "genc/Dialect/Gen/IR/GenOps.h"
#include "genc/Frontend/MLIRGen.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

namespace {

bool envFlag(const char *name) {
  const char *value = std::getenv(name);
  return value && *value && std::strcmp(value, "0") != 0;
}

struct Options {
  bool freshContext = envFlag("GENC_FUZZ_FRESH_CONTEXT");
  bool strict = envFlag("GENC_FUZZ_STRICT");
  bool roundTrip = envFlag("GENC_FUZZ_ROUNDTRIP");
  bool debug = envFlag("GENC_FUZZ_DEBUG");
};

const Options &options() {
  static const Options opts;
  return opts;
}

std::unique_ptr<mlir::MLIRContext> makeContext() {
  // No thread pool: the fuzzer runs one input at a time, and threads only
  // add nondeterminism and start-up cost.
  auto context = std::make_unique<mlir::MLIRContext>(mlir::MLIRContext::Threading::DISABLED);
  context->loadDialect<genc::gen::GenDialect>();
  return context;
}

[[noreturn]] void fail(const char *what, const std::string &detail) {
  std::fprintf(stderr, "\n==gen-fuzzer== %s\n%s\n", what, detail.c_str());
  std::fflush(stderr);
  std::abort();
}

/// An IR-level diagnostic: "'<dialect>.<op>' op ..." as produced by
/// emitOpError and by the gen ops' inferReturnTypes.
bool isIRDiagnostic(llvm::StringRef message) {
  if (!message.startswith("'"))
    return false;
  size_t close = message.find('\'', 1);
  if (close == llvm::StringRef::npos)
    return false;
  llvm::StringRef name = message.slice(1, close);
  return name.contains('.') && !name.contains(' ') && message.substr(close).startswith("' op ");
}

struct DiagnosticStats {
  unsigned errors = 0;
  std::string firstIRError;
};

void runOne(mlir::MLIRContext &context, llvm::StringRef input) {
  const Options &opts = options();
  DiagnosticStats stats;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &diag) {
    if (diag.getSeverity() == mlir::DiagnosticSeverity::Error) {
      ++stats.errors;
      std::string message = diag.str();
      if (stats.firstIRError.empty() && isIRDiagnostic(message))
        stats.firstIRError = message;
    }
    if (opts.debug) {
      std::string text;
      llvm::raw_string_ostream os(text);
      os << diag.getLocation() << ": " << diag;
      for (const mlir::Diagnostic &note : diag.getNotes())
        os << "\n  note: " << note.getLocation() << ": " << note;
      std::fprintf(stderr, "%s\n", os.str().c_str());
    }
    return mlir::success();
  });

  llvm::SourceMgr sourceMgr;
  // A copy, so the buffer ends exactly where the fuzzer's data ends (plus the
  // NUL that MemoryBuffer guarantees), and ASan sees reads past the end.
  sourceMgr.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(input, "fuzz.gen"),
                               llvm::SMLoc());

  mlir::OwningOpRef<mlir::ModuleOp> module = genc::frontend::importGenFile(sourceMgr, &context);
  if (!module) {
    if (opts.strict && stats.errors == 0)
      fail("importGenFile failed without reporting an error", "");
    if (opts.strict && !stats.firstIRError.empty())
      fail("an IR-level diagnostic reached the user (the front end should have "
           "reported a .gen-level error instead)",
           stats.firstIRError);
    return;
  }

  // importGenFile verifies what it returns; a module that comes back must
  // verify, and must do so without diagnostics.
  if (mlir::failed(mlir::verify(*module)))
    fail("importGenFile returned a module that fails mlir::verify", stats.firstIRError);
  if (stats.errors != 0)
    fail("importGenFile returned a module after reporting errors", stats.firstIRError);

  if (opts.roundTrip) {
    std::string text;
    {
      llvm::raw_string_ostream os(text);
      module->print(os);
    }
    stats = {};
    mlir::OwningOpRef<mlir::ModuleOp> reparsed =
        mlir::parseSourceString<mlir::ModuleOp>(text, &context);
    if (!reparsed)
      fail("the printed module does not parse back", stats.firstIRError + "\n" + text);
    if (mlir::failed(mlir::verify(*reparsed)))
      fail("the reparsed module fails mlir::verify", stats.firstIRError + "\n" + text);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef input(reinterpret_cast<const char *>(data), size);
  if (options().freshContext) {
    std::unique_ptr<mlir::MLIRContext> context = makeContext();
    runOne(*context, input);
    return 0;
  }
  // Intentionally leaked (never destroyed): avoids static-destruction-order
  // issues at exit with MLIR's own statics.
  static mlir::MLIRContext *context = makeContext().release();
  runOne(*context, input);
  return 0;
}
