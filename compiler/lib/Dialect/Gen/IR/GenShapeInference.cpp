//===- GenShapeInference.cpp - Result types of the gen compute ops --------===//
//
// inferReturnTypes for every compute op whose result type follows from its
// operands and attributes. The same functions verify written IR (through
// InferTypeOpInterface) and compute types while building it, and they never
// trust their input: attributes may be missing or of the wrong kind when the
// verifier runs, so each is read defensively.
//
//===----------------------------------------------------------------------===//
#include "genc/Dialect/Gen/IR/GenOps.h"
#include "genc/Dialect/Gen/IR/ShapeRules.h"

#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace genc::gen;
using genc::shape::Shape;

namespace {
/// Reports inference failures for one op, at its location when known.
class Inference {
public:
  Inference(StringRef opName, Optional<Location> loc, MLIRContext *context)
      : opName(opName), loc(loc), context(context) {}

  LogicalResult fail(const std::string &message) const {
    return emitOptionalError(loc, "'", opName, "' op ", message);
  }

  /// Checks the operand count: generic IR may hold any number of operands
  /// when this runs, before ODS checks them.
  LogicalResult expectOperands(ValueRange operands, size_t n) const {
    if (operands.size() == n)
      return success();
    return fail("expects " + std::to_string(n) + " operands, got " +
                std::to_string(operands.size()));
  }

  /// The shape of a statically shaped f32 tensor operand, or None after an error.
  Optional<Shape> shapeOf(Value value, StringRef what) const {
    auto type = value.getType().dyn_cast<RankedTensorType>();
    if (!type || !type.hasStaticShape() || !type.getElementType().isF32()) {
      (void)fail(what.str() + " must be a statically shaped tensor of f32");
      return llvm::None;
    }
    return Shape(type.getShape().begin(), type.getShape().end());
  }

  /// Reads an array-of-integers attribute, or None after an error.
  Optional<Shape> intArray(DictionaryAttr attrs, StringRef name) const {
    auto array = attrs ? attrs.get(name).dyn_cast_or_null<ArrayAttr>() : ArrayAttr();
    Shape values;
    if (array)
      for (Attribute a : array) {
        auto i = a.dyn_cast<IntegerAttr>();
        if (!i)
          break;
        values.push_back(i.getInt());
      }
    if (!array || values.size() != array.size()) {
      (void)fail("requires an array of integers '" + name.str() + "'");
      return llvm::None;
    }
    return values;
  }

  LogicalResult result(ArrayRef<int64_t> shape, SmallVectorImpl<Type> &types) const {
    if (!genc::shape::elementCount(shape))
      return fail("result shape " + genc::shape::format(shape) + " is too large");
    types.push_back(RankedTensorType::get(shape, Float32Type::get(context)));
    return success();
  }

private:
  StringRef opName;
  Optional<Location> loc;
  MLIRContext *context;
};
} // namespace

#define GEN_INFER(OP)                                                                    \
  LogicalResult OP::inferReturnTypes(MLIRContext *context, Optional<Location> loc,        \
                                     ValueRange operands, DictionaryAttr attrs,          \
                                     RegionRange, SmallVectorImpl<Type> &types)

LogicalResult genc::gen::inferBroadcastResult(StringRef opName, Optional<Location> loc,
                                              ValueRange operands,
                                              SmallVectorImpl<Type> &types) {
  if (operands.size() != 2)
    return emitOptionalError(loc, "'", opName, "' op expects 2 operands, got ", operands.size());
  Inference inf(opName, loc, operands[0].getContext());
  auto lhs = inf.shapeOf(operands[0], "lhs"), rhs = inf.shapeOf(operands[1], "rhs");
  if (!lhs || !rhs)
    return failure();
  auto shape = genc::shape::broadcast(*lhs, *rhs);
  if (!shape)
    return inf.fail("operand shapes " + genc::shape::format(*lhs) + " and " +
                    genc::shape::format(*rhs) + " are not broadcast-compatible");
  return inf.result(*shape, types);
}

GEN_INFER(TransposeOp) {
  Inference inf(getOperationName(), loc, context);
  if (failed(inf.expectOperands(operands, 1)))
    return failure();
  auto in = inf.shapeOf(operands[0], "input");
  auto perm = inf.intArray(attrs, "permutation");
  if (!in || !perm)
    return failure();
  if (perm->size() != in->size())
    return inf.fail("permutation has " + std::to_string(perm->size()) +
                    " entries for a rank-" + std::to_string(in->size()) + " input");
  llvm::SmallBitVector used(in->size());
  Shape out;
  for (int64_t p : *perm) {
    if (p < 0 || p >= int64_t(in->size()) || used.test(p))
      return inf.fail("permutation is not a permutation of the input's dimensions");
    used.set(p);
    out.push_back((*in)[p]);
  }
  return inf.result(out, types);
}

GEN_INFER(ConcatOp) {
  Inference inf(getOperationName(), loc, context);
  auto axisAttr = attrs ? attrs.get("axis").dyn_cast_or_null<IntegerAttr>() : IntegerAttr();
  if (!axisAttr)
    return inf.fail("requires an integer 'axis'");
  if (operands.empty())
    return inf.fail("needs at least one input");
  auto first = inf.shapeOf(operands[0], "input #0");
  if (!first)
    return failure();
  int64_t axis = axisAttr.getInt(), rank = first->size();
  if (axis < 0 || axis >= rank)
    return inf.fail("axis " + std::to_string(axis) + " is out of range for rank " +
                    std::to_string(rank));
  Shape out = *first;
  for (unsigned i = 1; i < operands.size(); ++i) {
    auto shape = inf.shapeOf(operands[i], "input #" + std::to_string(i));
    if (!shape)
      return failure();
    bool same = int64_t(shape->size()) == rank;
    for (int64_t d = 0; same && d < rank; ++d)
      same = d == axis || (*shape)[d] == out[d];
    if (!same)
      return inf.fail("input #" + std::to_string(i) + " has shape " +
                      genc::shape::format(*shape) + ", which does not match " +
                      genc::shape::format(*first) + " outside axis " + std::to_string(axis));
    out[axis] += (*shape)[axis];
  }
  return inf.result(out, types);
}

GEN_INFER(SliceOp) {
  Inference inf(getOperationName(), loc, context);
  if (failed(inf.expectOperands(operands, 1)))
    return failure();
  auto in = inf.shapeOf(operands[0], "input");
  auto offsets = inf.intArray(attrs, "offsets"), sizes = inf.intArray(attrs, "sizes");
  if (!in || !offsets || !sizes)
    return failure();
  if (offsets->size() != in->size() || sizes->size() != in->size())
    return inf.fail("offsets and sizes need one entry per input dimension");
  for (size_t d = 0; d < in->size(); ++d)
    if ((*offsets)[d] < 0 || (*sizes)[d] < 1 || (*offsets)[d] > (*in)[d] - (*sizes)[d])
      return inf.fail("slice [" + std::to_string((*offsets)[d]) + ", " +
                      std::to_string((*offsets)[d] + (*sizes)[d]) + ") of dimension " +
                      std::to_string(d) + " is outside [0, " + std::to_string((*in)[d]) + ")");
  return inf.result(*sizes, types);
}

GEN_INFER(PadOp) {
  Inference inf(getOperationName(), loc, context);
  if (failed(inf.expectOperands(operands, 1)))
    return failure();
  auto in = inf.shapeOf(operands[0], "input");
  auto low = inf.intArray(attrs, "low"), high = inf.intArray(attrs, "high");
  if (!in || !low || !high)
    return failure();
  if (low->size() != in->size() || high->size() != in->size())
    return inf.fail("low and high need one entry per input dimension");
  Shape out = *in;
  for (size_t d = 0; d < in->size(); ++d) {
    if ((*low)[d] < 0 || (*high)[d] < 0)
      return inf.fail("padding must be non-negative");
    out[d] += (*low)[d] + (*high)[d];
  }
  return inf.result(out, types);
}

/// Shared by sum, mean and logsumexp: the listed axes are removed.
static LogicalResult inferReduce(StringRef opName, Optional<Location> loc, MLIRContext *context,
                                 ValueRange operands, DictionaryAttr attrs,
                                 SmallVectorImpl<Type> &types) {
  Inference inf(opName, loc, context);
  if (failed(inf.expectOperands(operands, 1)))
    return failure();
  auto in = inf.shapeOf(operands[0], "input");
  auto axes = inf.intArray(attrs, "axes");
  if (!in || !axes)
    return failure();
  llvm::SmallBitVector reduced(in->size());
  for (int64_t a : *axes) {
    if (a < 0 || a >= int64_t(in->size()) || reduced.test(a))
      return inf.fail("axes must be distinct dimensions of the rank-" +
                      std::to_string(in->size()) + " input");
    reduced.set(a);
  }
  Shape out;
  for (size_t d = 0; d < in->size(); ++d)
    if (!reduced.test(d))
      out.push_back((*in)[d]);
  return inf.result(out, types);
}

GEN_INFER(SumOp) { return inferReduce(getOperationName(), loc, context, operands, attrs, types); }
GEN_INFER(MeanOp) { return inferReduce(getOperationName(), loc, context, operands, attrs, types); }
GEN_INFER(LogSumExpOp) {
  return inferReduce(getOperationName(), loc, context, operands, attrs, types);
}

GEN_INFER(MatmulOp) {
  Inference inf(getOperationName(), loc, context);
  if (failed(inf.expectOperands(operands, 2)))
    return failure();
  auto lhs = inf.shapeOf(operands[0], "lhs"), rhs = inf.shapeOf(operands[1], "rhs");
  if (!lhs || !rhs)
    return failure();
  if (lhs->size() != 2 || rhs->size() != 2)
    return inf.fail("operands must be 2-D, got " + genc::shape::format(*lhs) + " and " +
                    genc::shape::format(*rhs));
  auto flag = [&](StringRef name) { return attrs && attrs.get(name).dyn_cast_or_null<UnitAttr>() != nullptr; };
  bool tl = flag("transpose_lhs"), tr = flag("transpose_rhs");
  int64_t m = (*lhs)[tl ? 1 : 0], k = (*lhs)[tl ? 0 : 1];
  int64_t k2 = (*rhs)[tr ? 1 : 0], n = (*rhs)[tr ? 0 : 1];
  if (k != k2)
    return inf.fail("contraction dimensions differ: " + std::to_string(k) + " vs " +
                    std::to_string(k2));
  return inf.result({m, n}, types);
}

/// Shared by conv2d and conv_transpose2d. The filter's dimension that must
/// match the input's channels is 1 for conv2d (OIHW) and 0 for the transpose.
static LogicalResult inferConv(StringRef opName, Optional<Location> loc, MLIRContext *context,
                               ValueRange operands, DictionaryAttr attrs, bool transposed,
                               SmallVectorImpl<Type> &types) {
  Inference inf(opName, loc, context);
  if (failed(inf.expectOperands(operands, 2)))
    return failure();
  auto in = inf.shapeOf(operands[0], "input"), filter = inf.shapeOf(operands[1], "filter");
  auto strides = inf.intArray(attrs, "strides"), padding = inf.intArray(attrs, "padding");
  if (!in || !filter || !strides || !padding)
    return failure();
  if (in->size() != 4 || filter->size() != 4)
    return inf.fail("input and filter must be 4-D (NCHW and " +
                    std::string(transposed ? "IOHW" : "OIHW") + "), got " +
                    genc::shape::format(*in) + " and " + genc::shape::format(*filter));
  if (strides->size() != 2 || padding->size() != 2)
    return inf.fail("strides and padding need 2 entries each");
  int64_t filterIn = (*filter)[transposed ? 0 : 1], filterOut = (*filter)[transposed ? 1 : 0];
  if (filterIn != (*in)[1])
    return inf.fail("filter expects " + std::to_string(filterIn) +
                    " input channels but the input has " + std::to_string((*in)[1]));
  Shape out = {(*in)[0], filterOut, 0, 0};
  for (int d = 0; d < 2; ++d) {
    int64_t stride = (*strides)[d], pad = (*padding)[d], kernel = (*filter)[2 + d];
    if (stride < 1 || pad < 0)
      return inf.fail("strides must be positive and padding non-negative");
    out[2 + d] = transposed ? genc::shape::convTransposeOutputSize((*in)[2 + d], kernel, stride, pad)
                            : genc::shape::convOutputSize((*in)[2 + d], kernel, stride, pad);
    if (out[2 + d] < 1)
      return inf.fail("output would be empty: input " + genc::shape::format(*in) +
                      ", kernel " + std::to_string(kernel) + ", stride " +
                      std::to_string(stride) + ", padding " + std::to_string(pad));
  }
  return inf.result(out, types);
}

GEN_INFER(Conv2DOp) {
  return inferConv(getOperationName(), loc, context, operands, attrs, false, types);
}
GEN_INFER(ConvTranspose2DOp) {
  return inferConv(getOperationName(), loc, context, operands, attrs, true, types);
}

GEN_INFER(BatchNormOp) {
  Inference inf(getOperationName(), loc, context);
  if (failed(inf.expectOperands(operands, 3)))
    return failure();
  auto in = inf.shapeOf(operands[0], "input");
  auto gamma = inf.shapeOf(operands[1], "gamma"), beta = inf.shapeOf(operands[2], "beta");
  if (!in || !gamma || !beta)
    return failure();
  auto eps = attrs ? attrs.get("epsilon").dyn_cast_or_null<FloatAttr>() : FloatAttr();
  if (!eps || !(eps.getValueAsDouble() > 0))
    return inf.fail("requires a positive float 'epsilon'");
  if (in->size() != 2 && in->size() != 4)
    return inf.fail("input must be [N, C] or [N, C, H, W], got " + genc::shape::format(*in));
  Shape channels = {(*in)[1]};
  if (*gamma != channels || *beta != channels)
    return inf.fail("gamma and beta must have shape " + genc::shape::format(channels));
  return inf.result(*in, types);
}

/// Shared by the losses: one value per leading index.
static LogicalResult inferLoss(StringRef opName, Optional<Location> loc, MLIRContext *context,
                               ValueRange operands, bool exactTarget,
                               SmallVectorImpl<Type> &types) {
  Inference inf(opName, loc, context);
  if (failed(inf.expectOperands(operands, 2)))
    return failure();
  auto pred = inf.shapeOf(operands[0], "prediction"), target = inf.shapeOf(operands[1], "target");
  if (!pred || !target)
    return failure();
  if (pred->empty())
    return inf.fail("prediction must have a leading batch dimension");
  if (exactTarget ? *target != *pred : !genc::shape::broadcastsTo(*target, *pred))
    return inf.fail("target shape " + genc::shape::format(*target) +
                    (exactTarget ? " must equal" : " does not broadcast to") +
                    " the prediction's " + genc::shape::format(*pred));
  return inf.result({(*pred)[0]}, types);
}

GEN_INFER(BCEOp) { return inferLoss(getOperationName(), loc, context, operands, false, types); }
GEN_INFER(BCEWithLogitsOp) {
  return inferLoss(getOperationName(), loc, context, operands, false, types);
}
GEN_INFER(MSEOp) { return inferLoss(getOperationName(), loc, context, operands, false, types); }
GEN_INFER(SoftmaxCrossEntropyOp) {
  if (operands.size() == 2)
    if (auto t = operands[0].getType().dyn_cast<RankedTensorType>(); t && t.getRank() != 2)
      return emitOptionalError(loc, "'", getOperationName(),
                               "' op logits must be 2-D [batch, classes], got ", t);
  return inferLoss(getOperationName(), loc, context, operands, true, types);
}
