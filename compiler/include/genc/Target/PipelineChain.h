//===- PipelineChain.h - One C function that runs pipelines in turn -*- C++ -*-===//
//
// On a CPU, a training step is compiled in two parts, its gradient pipeline
// (forward and backward) and its update pipeline (the optimizer), behind
// one C function with the fused step's interface. Halide's lowering costs
// more than linearly in a pipeline's size (several of its passes walk the
// rest of the statement at every realization), so the parts compile in
// about 3/4 of the fused step's time, and on two cores side by side
// (docs/design.md, "Compile time").
//
//===----------------------------------------------------------------------===//
#ifndef GENC_TARGET_PIPELINECHAIN_H
#define GENC_TARGET_PIPELINECHAIN_H

#include "genc/Conversion/GenToHalide/GenToHalide.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace genc::target {

/// One pipeline of a chain and the C function AOT compiles it to.
struct ChainPart {
  std::string function;
  halide::LoweredPipeline pipeline;
};

/// Pipelines run in turn by one C function. A gradient result of one part
/// that a later part reads as its gradient argument of the same name is an
/// intermediate: the function allocates its buffer for the call and hands
/// it from the one to the other. Every other argument and result is the
/// function's own, once: an argument several parts read is passed to each.
struct PipelineChain {
  std::vector<ChainPart> parts;
  /// The function's arguments and results (kind, name, shape; its
  /// arguments' C names are the params' names), in the parts' order.
  halide::LoweredPipeline signature;

  /// The chain of `parts`, or why they do not make one: an argument read
  /// at two shapes; a result two parts give; a gradient no earlier part
  /// gives, or no later one reads, or of 2 GiB or more; noise drawn by a
  /// part after the first (each numbers its draws from random.0).
  static llvm::Expected<PipelineChain> of(std::vector<ChainPart> parts, llvm::StringRef name);

  /// The number of intermediates: none means the parts share nothing.
  size_t intermediates() const { return intermediates_.size(); }

  /// The Halide module of the C function `name` (with an `_argv` entry and
  /// metadata, like any AOT pipeline): it allocates the intermediates and
  /// calls the parts' functions (compiled elsewhere), returning the first
  /// nonzero error code.
  Halide::Module module(const std::string &name, const Halide::Target &target) const;

private:
  struct Intermediate {
    std::string buffer;
    llvm::SmallVector<int64_t, 4> shape;
  };
  std::vector<Intermediate> intermediates_;
  std::vector<std::string> resultBuffers_; // the C names of the signature's results
  /// For each part, the buffer bound to each of its arguments, then to each
  /// of its results: one of the function's, or an intermediate.
  std::vector<std::vector<std::string>> bindings_;
};

} // namespace genc::target

#endif // GENC_TARGET_PIPELINECHAIN_H
