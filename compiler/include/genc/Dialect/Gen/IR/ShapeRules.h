//===- ShapeRules.h - Shape arithmetic shared by front end and IR -*- C++ -*-===//
//
// Pure functions on static shapes. The gen ops' type inference and the .gen
// front end both use them, so a shape means the same thing in both places.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_DIALECT_GEN_SHAPERULES_H
#define GENC_DIALECT_GEN_SHAPERULES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/Optional.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <string>

namespace genc::shape {
using Shape = llvm::SmallVector<int64_t, 4>;

/// The largest element count of one tensor genc accepts (2^31 - 1), so that
/// every index fits a 32-bit int in generated kernels.
constexpr int64_t kMaxElements = 2147483647;

/// Numpy broadcasting, aligned from the right; None if incompatible.
llvm::Optional<Shape> broadcast(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b);

/// Whether `from` broadcasts to exactly `to`.
bool broadcastsTo(llvm::ArrayRef<int64_t> from, llvm::ArrayRef<int64_t> to);

/// Product of the dimensions; None on overflow or past kMaxElements.
llvm::Optional<int64_t> elementCount(llvm::ArrayRef<int64_t> shape);

/// Output extent of a convolution along one dimension (may be <= 0).
int64_t convOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t pad);

/// Output extent of a transposed convolution along one dimension.
int64_t convTransposeOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t pad);

/// "[128, 784]", for messages.
std::string format(llvm::ArrayRef<int64_t> shape);
} // namespace genc::shape

#endif // GENC_DIALECT_GEN_SHAPERULES_H
