//===- SchedulePolicy.h - genc's shape-driven Halide schedules ---*- C++ -*-===//
#ifndef GENC_LIB_CONVERSION_GENTOHALIDE_SCHEDULEPOLICY_H
#define GENC_LIB_CONVERSION_GENTOHALIDE_SCHEDULEPOLICY_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"

#include "Halide.h"

namespace genc::halide {

enum class FuncKind { Input, Elementwise, Reduction, Matmul, Convolution, Transpose };

/// What the policy knows about one Func of a lowered pipeline.
struct FuncInfo {
  Halide::Func func;
  llvm::SmallVector<int64_t, 4> shape; // gen order
  FuncKind kind;
  mlir::Operation *op = nullptr; // the gen op it comes from
  bool isOutput = false;
  Halide::RDom reduction;        // the update's domain, for reductions
  /// Passes a matrix operand transposed (for matmuls).
  bool transposedOperand = false;
};

/// Schedules every Func from its kind, shape and consumers (no per-model
/// schedules): elementwise chains inline into their single consumer,
/// anything shared, reduced over, or an output is computed at root,
/// vectorized along its innermost dimension and parallel along its
/// outermost.
void applySchedulePolicy(std::vector<FuncInfo> &funcs, const Halide::Target &target);

} // namespace genc::halide

#endif // GENC_LIB_CONVERSION_GENTOHALIDE_SCHEDULEPOLICY_H
