//===- ModelCompiler.h - Ahead-of-time compilation of a model ---*- C++ -*-===//
//
// `genc compile`: every training step (forward, backward and update; on a
// CPU, a chain of its gradient and update pipelines) and every net of a
// lowered gen.model becomes a C function compiled by Halide; all of them go
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
#include "genc/Target/PipelineChain.h"
#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace genc::target {

/// One compiled pipeline and the C function AOT produced for it.
struct CompiledFunction {
  /// A training step (forward, backward, update), a step's objective alone
  /// (evaluation: no gradient, no update), or a net.
  using Kind = manifest::FunctionKind;
  std::string function; // e.g. "vae_elbo" (the library name, then the step or net)
  std::string source;   // step or net name; a declaration's kind
  Kind kind;
  std::string subject;  // a declaration's input (see FunctionSpec::subject)
  int64_t batchSize; // of its batched arguments and results
  halide::LoweredPipeline pipeline;
  /// A CPU step is compiled as its gradient and update parts, which this
  /// function calls in turn; `pipeline` is then the chain's signature.
  std::optional<PipelineChain> chain;
};

/// A declaration whose body only applies a net to its argument, or to its
/// subject input (`discriminate x { return discriminator(x) }`): on a CPU,
/// its function calls the net's compiled one instead of being a copy.
struct NetCall {
  std::string net;
  halide::PipelineInput::Kind argumentKind; // Argument (a latent) or Input
  std::string argumentName;
};

/// The model at the stages compilation needs: `train` after optimizer
/// lowering (the steps), `forward` with nets inlined but no gradients (the
/// losses and the declarations of how it generates).
/// `gradients` (differentiated) and `updates` (gen-extract-updates, then
/// the optimizer) are the steps' two parts: on a CPU each step is compiled
/// as a chain of the two (PipelineChain.h). For data-parallel training,
/// `gradients` is imported at one process's share of the batch, and the
/// parts are the manifest's own functions.
struct ModelStages {
  gen::ModelOp train, forward;
  gen::ModelOp gradients = nullptr, updates = nullptr;
  bool dataParallel = false;
  /// The declarations that only call a net (see netCallsOfDeclarations),
  /// found before inlining hides the calls.
  std::map<manifest::FunctionKind, NetCall> declaredNetCalls;
};

/// One function a declaration of how the model generates compiles to:
/// gen.generate gives two (latent, generate), the others one each.
struct Declared {
  CompiledFunction::Kind kind;
  std::string subject;
  mlir::Block *body;
  std::string argumentName; // the latent, for generate
};
std::vector<Declared> declaredFunctions(gen::ModelOp model);

/// The declarations of `model`, before nets are inlined, that only call a
/// net, by kind.
std::map<manifest::FunctionKind, NetCall> netCallsOfDeclarations(gen::ModelOp model);

struct CompileResult {
  std::vector<std::string> files; // everything written, relative to the output dir
  bool upToDate = false;           // nothing was rebuilt (cache hit)
};

struct CompileOptions {
  std::string outputDir;
  std::string name;                // file prefix and C++ namespace; default: the model's
  std::string targetName = "host"; // see parseTarget
  std::string cacheKey;            // hash input: model text, flags, target, genc version
  bool emitStmt = false;           // also write <name>.stmt (the loop nests)
  bool sharedLibrary = false;      // also link <name>.so (for `genc train`)
  bool fusedSteps = false;         // each step one pipeline, also on a CPU
};

/// Compiles a model: the steps of `stages.train` (gen-lower-optimizer has
/// run, nets are inlined), or their gradient and update halves, the losses
/// of `stages.forward`, the nets.
mlir::FailureOr<CompileResult> compileModel(const ModelStages &stages,
                                            const CompileOptions &options);

/// The Halide target for a genc target name (host, host-cuda, host-opencl
/// or any Halide target string, with an optional -profile), or an error
/// message that lists the accepted forms.
llvm::Expected<Halide::Target> parseTarget(llvm::StringRef name);

/// The SHA-256 of `data` in lower-case hex: cache keys and stamps (a
/// content hash that is stable to persist, unlike llvm::hash_value).
std::string sha256Hex(llvm::StringRef data);

/// Whether `name` can name a compiled library: it prefixes file names in
/// the output folder and is a C++ namespace and C symbols, so it must be an
/// identifier (which can never name a path elsewhere).
bool isLibraryName(llvm::StringRef name);

/// Writes the typed C++ wrapper class of the model (EmitModelHeader.cpp).
std::string emitModelHeader(gen::ModelOp model, llvm::StringRef name,
                            llvm::ArrayRef<CompiledFunction> functions,
                            llvm::StringRef manifest);

/// Writes the JSON manifest of the model: `target` as the user named it,
/// `halideTarget` as Halide resolved it (what a machine must support).
std::string emitManifest(const ModelStages &stages, llvm::ArrayRef<CompiledFunction> functions,
                         llvm::StringRef target, llvm::StringRef halideTarget);

} // namespace genc::target

#endif // GENC_TARGET_MODELCOMPILER_H
