//===- GenToHalide.h - Lower gen steps and nets to Halide -------*- C++ -*-===//
//
// Each step (after autodiff and optimizer lowering) or net becomes one
// Halide pipeline built in-process with Halide's C++ API: one Func per gen
// value, scheduled afterwards by the SchedulePolicy. Tensors keep gen's
// row-major layout: gen dimension i is Halide dimension rank-1-i, so a
// Halide buffer of reversed extents holds exactly the gen tensor's bytes.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_CONVERSION_GENTOHALIDE_GENTOHALIDE_H
#define GENC_CONVERSION_GENTOHALIDE_GENTOHALIDE_H

#include "genc/Dialect/Gen/IR/GenOps.h"
#include "genc/runtime/ManifestVocabulary.h"

#include "Halide.h"

#include <string>
#include <vector>

namespace genc::halide {

/// What the caller binds to one pipeline argument.
struct PipelineInput {
  using Kind = manifest::ArgumentKind;
  Kind kind;
  std::string name; // input/state name, "net.param", "random.N" or the net argument
  llvm::SmallVector<int64_t, 4> shape;
  Halide::ImageParam param;
  mlir::Operation *randomOp = nullptr; // the gen.normal/gen.uniform it stands for
};

/// One pipeline result.
struct PipelineOutput {
  using Kind = manifest::ResultKind;
  Kind kind;
  std::string name; // "objective", "net.param" (gradient, new value), state or "result.N"
  llvm::SmallVector<int64_t, 4> shape;
  Halide::Func func;
};

struct LoweredPipeline {
  std::string name;
  std::vector<PipelineInput> inputs;
  std::vector<PipelineOutput> outputs;
  Halide::Pipeline pipeline() const;
};

/// Lowers a step body whose nets are inlined (and, for a training pipeline,
/// which holds set_param/set_state writes). Errors go to the op's location.
/// With `perExample`, a batch-mean objective also comes out per example
/// (result "examples"), for evaluating a padded batch.
mlir::FailureOr<LoweredPipeline> lowerStep(gen::StepOp step, const Halide::Target &target,
                                           bool perExample = false);

/// Lowers a net (an inference entry point: encode, decode, generate, ...).
mlir::FailureOr<LoweredPipeline> lowerNet(gen::NetOp net, const Halide::Target &target);

/// Lowers one region of a declaration of how the model generates (the
/// latent or decode region of gen.generate, or the body of another), nets
/// inlined: its block argument, if any (the latent), becomes an argument
/// named `argumentName`; its gen.yield, result "result.0".
mlir::FailureOr<LoweredPipeline> lowerDeclaration(mlir::Block &body, llvm::StringRef name,
                                                  llvm::StringRef argumentName,
                                                  const Halide::Target &target);

/// A pipeline named `name` that only calls `callee`, the AOT-compiled
/// function of `net` (a CPU pipeline, one result), as an extern stage: a
/// declaration that only applies a net runs the net's code instead of a
/// copy of it. Its inputs are the net's, but that the net's argument
/// becomes the declaration's (`argumentKind`, `argumentName`: the latent,
/// or the subject input), so its C function and manifest entry read as a
/// declaration's.
mlir::FailureOr<LoweredPipeline> forwardToNet(const LoweredPipeline &net, llvm::StringRef callee,
                                              PipelineInput::Kind argumentKind,
                                              llvm::StringRef argumentName, llvm::StringRef name);

/// A pipeline named `name` that moves every parameter `step` (a training
/// step or update) returns into its running average: for each, arguments
/// `param` and `average`, and result `average` = decay * average +
/// (1 - decay) * param, with the decay a scalar argument ("decay"). The
/// averages then stay where the parameters are (a GPU's memory) instead of
/// being updated on the host after every step. Fails when `step` updates
/// no parameter.
mlir::FailureOr<LoweredPipeline> lowerAveraging(const LoweredPipeline &step, llvm::StringRef name,
                                                const Halide::Target &target);

/// Registers genc-translate's --gen-to-halide: each pipeline's loop nests
/// as scheduled for --halide-target.
void registerGenToHalideTranslation();

} // namespace genc::halide

#endif // GENC_CONVERSION_GENTOHALIDE_GENTOHALIDE_H
