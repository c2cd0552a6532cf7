//===- Convolutions.h - Convolutions as implicit GEMMs ----------*- C++ -*-===//
//
// conv2d, conv_transpose2d and conv2d_filter_grad, each defined as a
// result Func in gen's layout that reads an accumulation `acc` whose first
// (innermost) dimension is the one a CPU schedule vectorizes: the output
// channels of a convolution, the filters of a filter gradient. The operands
// are read through stages the schedule materializes (a zero-padded input,
// weights or output gradients packed with that dimension innermost), so
// elementwise producers are computed once per element, not once per tap.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_LIB_CONVERSION_GENTOHALIDE_CONVOLUTIONS_H
#define GENC_LIB_CONVERSION_GENTOHALIDE_CONVOLUTIONS_H

#include "SchedulePolicy.h"

namespace genc::halide {

/// What a convolution-like op reads and writes (gen shapes: NCHW tensors,
/// OIHW filters for conv2d and the filter gradient, IOHW for
/// conv_transpose2d). `other` is the filter, or the output gradient dy of a
/// filter gradient.
struct ConvOperands {
  Halide::Func input, other;
  llvm::SmallVector<int64_t, 4> inputShape, otherShape, resultShape;
  int64_t stride[2], pad[2]; // rows, columns
};

/// Defines `result` (in gen's layout) and returns the stages it is computed
/// through, for the schedule policy. `phaseMajor`: a transposed conv's
/// accumulation in stride-phase coordinates (for schedules that vectorize
/// over output columns, which then stay one phase apart). `denseInterior`:
/// the padded input copies the input's interior in an update (CPU).
ConvStages defineConvolution(ConvStages::Form form, const ConvOperands &operands,
                             Halide::Func result, bool phaseMajor, bool denseInterior);

} // namespace genc::halide

#endif // GENC_LIB_CONVERSION_GENTOHALIDE_CONVOLUTIONS_H
