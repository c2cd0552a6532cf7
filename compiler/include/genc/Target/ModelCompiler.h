//===- ModelCompiler.h - Ahead-of-time compilation of a model ---*- C++ -*-===//
//
// `genc compile`: every training step (forward, backward and update) and
// every net of a lowered gen.model becomes a Halide pipeline; all of them go
// into one static library, <name>_kernels.a (with its C header), and the
// Halide runtime into <name>_runtime.a, so several models can share one
// runtime. A C++ header, <name>.h, wraps them in a typed class; a JSON
// manifest, <name>.manifest.json, describes the model for the runtime. The
// file names are fixed by <name>, so build systems know them in advance.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_TARGET_MODELCOMPILER_H
#define GENC_TARGET_MODELCOMPILER_H

#include "genc/Conversion/GenToHalide/GenToHalide.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace genc::target {

/// One compiled pipeline and the C function AOT produced for it.
struct CompiledFunction {
  std::string function; // e.g. "vae_elbo" (the library name, then the step or net)
  std::string source;   // step or net name
  bool isStep;
  halide::LoweredPipeline pipeline;
};

struct CompileResult {
  std::vector<std::string> files; // everything written, relative to the output dir
  bool upToDate = false;           // nothing was rebuilt (cache hit)
};

struct CompileOptions {
  std::string outputDir;
  std::string name;                // file prefix and C++ namespace; default: the model's
  std::string targetName = "host"; // "host" or "host-cuda"
  std::string cacheKey;            // hash input: model text, flags, target, genc version
  bool emitStmt = false;           // also write <name>.stmt (the loop nests)
};

/// Compiles a model whose steps carry optimizer updates (gen-lower-optimizer
/// has run) and whose net calls in steps are inlined.
mlir::FailureOr<CompileResult> compileModel(gen::ModelOp model, const CompileOptions &options);

/// The Halide target for a genc target name, or an error message.
llvm::Expected<Halide::Target> parseTarget(llvm::StringRef name);

/// Writes the typed C++ wrapper class of the model (EmitModelHeader.cpp).
std::string emitModelHeader(gen::ModelOp model, llvm::StringRef name,
                            llvm::ArrayRef<CompiledFunction> functions);

/// Writes the JSON manifest of the model.
std::string emitManifest(gen::ModelOp model, llvm::ArrayRef<CompiledFunction> functions,
                         llvm::StringRef target);

} // namespace genc::target

#endif // GENC_TARGET_MODELCOMPILER_H
