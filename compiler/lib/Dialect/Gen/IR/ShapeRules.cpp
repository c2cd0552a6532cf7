//===- ShapeRules.cpp - Shape arithmetic shared by front end and IR -------===//
#include "genc/Dialect/Gen/IR/ShapeRules.h"

#include "llvm/Support/MathExtras.h"
#include <algorithm>

namespace genc::shape {

llvm::Optional<Shape> broadcast(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  Shape result(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < a.size() ? a[a.size() - 1 - i] : 1;
    int64_t db = i < b.size() ? b[b.size() - 1 - i] : 1;
    if (da != db && da != 1 && db != 1)
      return llvm::None;
    result[rank - 1 - i] = da == 1 ? db : da;
  }
  return result;
}

bool broadcastsTo(llvm::ArrayRef<int64_t> from, llvm::ArrayRef<int64_t> to) {
  if (from.size() > to.size())
    return false;
  for (size_t i = 0; i < from.size(); ++i) {
    int64_t df = from[from.size() - 1 - i], dt = to[to.size() - 1 - i];
    if (df != dt && df != 1)
      return false;
  }
  return true;
}

llvm::Optional<int64_t> elementCount(llvm::ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d <= 0)
      return d == 0 ? llvm::Optional<int64_t>(0) : llvm::None;
    if (count > kMaxElements / d)
      return llvm::None;
    count *= d;
  }
  return count;
}

int64_t convOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t pad) {
  if (stride <= 0)
    return 0;
  int64_t span = in + 2 * pad - kernel;
  return span < 0 ? 0 : span / stride + 1;
}

int64_t convTransposeOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t pad) {
  return (in - 1) * stride - 2 * pad + kernel;
}

std::string format(llvm::ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

} // namespace genc::shape
