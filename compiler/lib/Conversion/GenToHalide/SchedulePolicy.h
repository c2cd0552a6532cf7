//===- SchedulePolicy.h - genc's shape-driven Halide schedules ---*- C++ -*-===//
#ifndef GENC_LIB_CONVERSION_GENTOHALIDE_SCHEDULEPOLICY_H
#define GENC_LIB_CONVERSION_GENTOHALIDE_SCHEDULEPOLICY_H

#include "llvm/ADT/SmallVector.h"

#include <memory>
#include <optional>

#include "Halide.h"

namespace genc::halide {

/// ConvStage: a stage a convolution's result is computed through (see
/// ConvStages); the convolution's schedule places it. Constants are inline
/// (unless they are outputs), so that their values fold into the
/// expressions that read them.
enum class FuncKind {
  Input,
  Constant,
  Elementwise,
  Reduction,
  Matmul,
  Convolution,
  Transpose,
  ConvStage
};

/// How a convolution-like op is computed (Convolutions.cpp): its result,
/// in gen's layout, reads `acc`, whose first dimension (output channels, or
/// filters for the filter gradient) is the one to vectorize and whose
/// update sums over `r`:
///   Conv2D:          acc(o, x, y, n) += padded(x s - p + kx, y s - p + ky, c, n)
///                                       * packed(o, kx, ky, c)
///   ConvTranspose2D: acc(o, x, y, n) += padded((x + p) / s - tx, (y + p) / s - ty, c, n)
///                        * packed(o, tx, ty, c, (x + p) % s, (y + p) % s)
///                    (each output phase meets only its own ceil(k / s) taps
///                    per dimension), or with `phaseMajor`, for the output
///                    pixel (s qx + rx, s qy + ry):
///                    acc(o, rx, qx, ry, qy, n) += padded(qx + (rx + p) / s - tx,
///                        qy + (ry + p) / s - ty, c, n) * packed(o, tx, ty, c, rx, ry)
///   FilterGrad:      acc(o, kx, ky, c) += padded(x s - p + kx, y s - p + ky, c, n)
///                                         * packed(o, x, y, n)   (packed = dy)
struct ConvStages {
  enum class Form { Conv2D, ConvTranspose2D, FilterGrad };
  Form form;
  Halide::Func padded; // the input, zero outside, in gen's layout (x, y, c, n)
  /// CPU: the input's columns and rows, over which an update of `padded`
  /// copies the input (its pure definition is zero), so that the copy reads
  /// whole vectors of it; undefined where `padded` selects per element.
  Halide::RDom interior;
  Halide::Func packed; // the weights (or dy) with acc's first dimension innermost
  Halide::Func acc;
  Halide::RDom r;
  int64_t channels = 0;         // extent of acc's first dimension
  int64_t batch = 0;            // images
  int64_t kernel[2] = {1, 1};   // rows, columns
  int64_t stride[2] = {1, 1};   // rows, columns
  int64_t reduction = 0;        // terms per output
  bool phaseMajor = false;      // (ConvTranspose2D) acc in phase coordinates
};

/// The least elements (or multiply-adds) a loop must cover to run in
/// parallel: below it, handing tasks to the thread pool costs more than
/// it saves (measured on the VAE step).
constexpr int64_t kParallelElements = int64_t(1) << 16;

/// What a CPU target offers the schedules: float lanes per vector and
/// vector registers. Register tiles are sized from both, the way
/// hand-written kernels are per instruction set (BLIS's 6x16 AVX2 sgemm
/// tile, OpenBLAS's 16x4 NEON one).
struct VectorMachine {
  int lanes = 4;      // 16 (AVX-512), 8 (AVX, AVX2), 4 (SSE, NEON)
  int registers = 16; // 32 (AVX-512, AArch64), 16 (AVX2, SSE, 32-bit ARM)

  static VectorMachine of(const Halide::Target &target);
  /// The widest vector of at most `lanes` (and at least 4) lanes that
  /// fits `extent` elements, or 0 when none does.
  int widthFor(int64_t extent) const;
};

/// What the policy knows about one Func of a lowered pipeline.
struct FuncInfo {
  Halide::Func func;
  llvm::SmallVector<int64_t, 4> shape; // gen order
  FuncKind kind;
  bool isOutput = false;
  /// How many values are computed from the gen value this Func computes
  /// (outputs, written through copies, do not count), and whether one of
  /// them reads it many times per element (a matmul, a second pass).
  unsigned consumers = 0;
  bool reread = false;
  /// The pointwise Func (index in the policy's list) of the only gen op
  /// that reads this value, if one op alone reads it.
  std::optional<size_t> soleReader;
  /// An elementwise op proper (each operand read at the result's
  /// coordinates, broadcast), not a move such as transpose or slice.
  bool pointwise = false;
  Halide::RDom reduction;        // the update's domain, for reductions
  /// How many of the reduction's leading (innermost) variables walk the
  /// innermost dimensions of the tensor it reads, in memory order.
  int contiguousRVars = 0;
  /// A matmul's operands, as its update reads them: lhs(k, i) (lhs(i, k)
  /// when transposed) and rhs(j, k), in Halide order. GPU schedules stage
  /// chunks of them in shared memory.
  Halide::Func lhs, rhs;
  /// An elementwise output of the same shape whose loop nest this one joins.
  Halide::Func fuseWith;
  /// For a matmul: the index (in the policy's list) of the elementwise
  /// value its result flows into, whose tiles compute it (see epilogueOf).
  std::optional<size_t> epilogue;
  /// Whether matmuls are computed per tile of this value (their epilogue).
  bool isEpilogue = false;
  /// For a convolution's result: the stages it is computed through.
  std::shared_ptr<ConvStages> conv;
};

/// The trip count of a reduction loop (or of an extent), or 0 when it is
/// not a constant.
int64_t constExtent(const Halide::RVar &r);
int64_t constExtent(const Halide::Expr &extent);

/// Schedules every Func from its kind, shape and consumers (no per-model
/// schedules): elementwise chains inline into their single consumer,
/// anything shared, reduced over, or an output is computed at root,
/// vectorized along its innermost dimension and parallel along its
/// outermost.
void applySchedulePolicy(std::vector<FuncInfo> &funcs, const Halide::Target &target);

/// Schedules a convolution's result and its stages for a CPU
/// (ConvSchedule.cpp).
void scheduleConvolution(const FuncInfo &info, VectorMachine machine);

} // namespace genc::halide

#endif // GENC_LIB_CONVERSION_GENTOHALIDE_SCHEDULEPOLICY_H
