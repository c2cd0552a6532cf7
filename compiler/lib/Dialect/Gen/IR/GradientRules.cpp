//===- GradientRules.cpp - Reverse-mode derivative of every gen op ---------===//
//
// GradientOpInterface::buildAdjoints for each differentiable op. Each rule
// states its derivative in a comment and builds it from gen ops, so the
// backward pass is ordinary gen IR that the backend fuses like the forward
// pass. Broadcasting is undone by summing over the stretched dimensions.
//
//===----------------------------------------------------------------------===//
#include "genc/Dialect/Gen/IR/GenOps.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace genc::gen;

namespace {
/// Small helpers that build gen ops at one location.
class Rules {
public:
  Rules(OpBuilder &b, Location loc) : b(b), loc(loc) {}

  Value constant(double value) {
    auto type = RankedTensorType::get({}, b.getF32Type());
    auto attr = DenseElementsAttr::get(type, static_cast<float>(value));
    return b.create<ConstantOp>(loc, attr.cast<ElementsAttr>());
  }
  template <typename OpTy> Value binary(Value lhs, Value rhs) {
    return b.create<OpTy>(loc, lhs, rhs);
  }
  Value add(Value a, Value c) { return binary<AddOp>(a, c); }
  Value sub(Value a, Value c) { return binary<SubOp>(a, c); }
  Value mul(Value a, Value c) { return binary<MulOp>(a, c); }
  Value div(Value a, Value c) { return binary<DivOp>(a, c); }
  Value max(Value a, Value c) { return binary<MaxOp>(a, c); }
  template <typename OpTy> Value unary(Value x) { return b.create<OpTy>(loc, x); }

  static ArrayRef<int64_t> shape(Value v) { return v.getType().cast<ShapedType>().getShape(); }
  RankedTensorType tensor(ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, b.getF32Type());
  }
  Value reshape(Value v, ArrayRef<int64_t> to) {
    if (shape(v) == to)
      return v;
    return b.create<ReshapeOp>(loc, tensor(to), v);
  }
  Value broadcastTo(Value v, ArrayRef<int64_t> to) {
    if (shape(v) == to)
      return v;
    return b.create<BroadcastToOp>(loc, tensor(to), v);
  }
  Value reduce(Value v, ArrayRef<int64_t> axes) {
    if (axes.empty())
      return v;
    return b.create<SumOp>(loc, v, b.getI64ArrayAttr(axes));
  }

  /// The adjoint of broadcasting `target`'s shape to `grad`'s: sum over the
  /// leading extra dimensions and the stretched unit dimensions.
  Value unbroadcast(Value grad, Type targetType) {
    ArrayRef<int64_t> g = shape(grad), t = targetType.cast<ShapedType>().getShape();
    size_t lead = g.size() - t.size();
    SmallVector<int64_t> axes;
    for (size_t i = 0; i < g.size(); ++i)
      if (i < lead || (t[i - lead] == 1 && g[i] != 1))
        axes.push_back(i);
    return reshape(reduce(grad, axes), t);
  }

  /// The adjoint of a reduction over `axes` of `input`: put the reduced
  /// dimensions back as 1 and broadcast to the input's shape.
  Value unreduce(Value grad, ArrayRef<int64_t> axes, ArrayRef<int64_t> input) {
    SmallVector<int64_t> kept(input.begin(), input.end());
    for (int64_t a : axes)
      kept[a] = 1;
    return broadcastTo(reshape(grad, kept), input);
  }

  /// Expands a per-example loss adjoint [N] to the prediction's shape.
  Value perExample(Value grad, ArrayRef<int64_t> prediction) {
    SmallVector<int64_t> axes;
    for (size_t i = 1; i < prediction.size(); ++i)
      axes.push_back(i);
    return unreduce(grad, axes, prediction);
  }

  OpBuilder &b;
  Location loc;
};

SmallVector<int64_t> intArray(ArrayAttr attr) {
  SmallVector<int64_t> values;
  for (Attribute a : attr)
    values.push_back(a.cast<IntegerAttr>().getInt());
  return values;
}

/// The start of every loss rule: `out` sized for (prediction, target), and
/// the loss's adjoint [N] spread over each example's elements (null when
/// the loss has no adjoint, so the rule has nothing to do).
Value lossAdjoint(Rules &r, ValueRange resultAdjoints, Value prediction,
                  SmallVectorImpl<Value> &out) {
  out.assign(2, Value());
  if (!resultAdjoints[0])
    return Value();
  return r.perExample(resultAdjoints[0], Rules::shape(prediction));
}

/// Fills `out` for a unary op whose adjoint is `grad * factor`.
LogicalResult unaryRule(Operation *op, ValueRange resultAdjoints, ArrayRef<bool> needed,
                        SmallVectorImpl<Value> &out, function_ref<Value(Rules &)> factor,
                        OpBuilder &b) {
  out.assign(op->getNumOperands(), Value());
  if (!needed[0] || !resultAdjoints[0])
    return success();
  Rules r(b, op->getLoc());
  out[0] = r.mul(resultAdjoints[0], factor(r));
  return success();
}
} // namespace

#define GEN_ADJOINT(OP)                                                                  \
  LogicalResult OP::buildAdjoints(OpBuilder &b, ValueRange resultAdjoints,                \
                                  ArrayRef<bool> needed, SmallVectorImpl<Value> &out)

//===----------------------------------------------------------------------===//
// Elementwise unary: d/dx f(x) times the result's adjoint.
//===----------------------------------------------------------------------===//

GEN_ADJOINT(NegOp) { // d(-x) = -1
  return unaryRule(*this, resultAdjoints, needed, out, [](Rules &r) { return r.constant(-1); }, b);
}
GEN_ADJOINT(ExpOp) { // d exp(x) = exp(x)
  return unaryRule(*this, resultAdjoints, needed, out, [&](Rules &) { return getResult(); }, b);
}
GEN_ADJOINT(LogOp) { // d log(x) = 1 / x
  return unaryRule(*this, resultAdjoints, needed, out,
                   [&](Rules &r) { return r.div(r.constant(1), getInput()); }, b);
}
GEN_ADJOINT(SqrtOp) { // d sqrt(x) = 0.5 / sqrt(x)
  return unaryRule(*this, resultAdjoints, needed, out,
                   [&](Rules &r) { return r.div(r.constant(0.5), getResult()); }, b);
}
// The steps of relu and leaky_relu read the result (y > 0 iff x > 0): the
// pre-activation then has one reader, so it stays inside the matmul tile
// whose epilogue computes the activation.
GEN_ADJOINT(ReluOp) { // d relu(x) = [x > 0] = [relu(x) > 0]
  return unaryRule(*this, resultAdjoints, needed, out,
                   [&](Rules &r) { return r.unary<HeavisideOp>(getResult()); }, b);
}
GEN_ADJOINT(LeakyReluOp) { // d = alpha + (1 - alpha) [x > 0]
  double alpha = getAlpha().convertToDouble();
  // With alpha >= 0, y > 0 iff x > 0.
  Value sign = alpha >= 0 ? getResult() : getInput();
  return unaryRule(*this, resultAdjoints, needed, out, [&](Rules &r) {
    Value step = r.unary<HeavisideOp>(sign);
    Value slope = r.constant(1 - alpha);
    Value scaled = r.mul(slope, step);
    Value floor = r.constant(alpha);
    return r.add(floor, scaled);
  }, b);
}
GEN_ADJOINT(EluOp) { // d = 1 if x > 0 else exp(x) = y + 1: 1 - relu(-y)
  return unaryRule(*this, resultAdjoints, needed, out, [&](Rules &r) {
    Value below = r.unary<ReluOp>(r.unary<NegOp>(getResult()));
    return r.sub(r.constant(1), below);
  }, b);
}
GEN_ADJOINT(SigmoidOp) { // d sigmoid(x) = s (1 - s)
  return unaryRule(*this, resultAdjoints, needed, out, [&](Rules &r) {
    return r.mul(getResult(), r.sub(r.constant(1), getResult()));
  }, b);
}
GEN_ADJOINT(TanhOp) { // d tanh(x) = 1 - tanh(x)^2
  return unaryRule(*this, resultAdjoints, needed, out, [&](Rules &r) {
    Value square = r.mul(getResult(), getResult());
    Value one = r.constant(1);
    return r.sub(one, square);
  }, b);
}
GEN_ADJOINT(SoftplusOp) { // d log(1 + exp(x)) = sigmoid(x)
  return unaryRule(*this, resultAdjoints, needed, out,
                   [&](Rules &r) { return r.unary<SigmoidOp>(getInput()); }, b);
}
GEN_ADJOINT(HeavisideOp) { // a step function: zero almost everywhere
  out.assign(1, Value());
  return success();
}
GEN_ADJOINT(CategoricalOp) { // piecewise constant in the logits; the draw is a constant
  out.assign(2, Value());
  return success();
}

//===----------------------------------------------------------------------===//
// Broadcasting binary ops: each adjoint is unbroadcast to its operand.
//===----------------------------------------------------------------------===//

/// Shared by the binary ops: `dl`, `dr` are the adjoints before unbroadcasting.
static LogicalResult binaryRule(Operation *op, ValueRange resultAdjoints, ArrayRef<bool> needed,
                                SmallVectorImpl<Value> &out, OpBuilder &b,
                                function_ref<Value(Rules &, Value)> dl,
                                function_ref<Value(Rules &, Value)> dr) {
  out.assign(2, Value());
  Value g = resultAdjoints[0];
  if (!g)
    return success();
  Rules r(b, op->getLoc());
  if (needed[0])
    out[0] = r.unbroadcast(dl(r, g), op->getOperand(0).getType());
  if (needed[1])
    out[1] = r.unbroadcast(dr(r, g), op->getOperand(1).getType());
  return success();
}

GEN_ADJOINT(AddOp) { // d(a + b) = (1, 1)
  return binaryRule(*this, resultAdjoints, needed, out, b, [](Rules &, Value g) { return g; },
                    [](Rules &, Value g) { return g; });
}
GEN_ADJOINT(SubOp) { // d(a - b) = (1, -1)
  return binaryRule(*this, resultAdjoints, needed, out, b, [](Rules &, Value g) { return g; },
                    [](Rules &r, Value g) { return r.unary<NegOp>(g); });
}
GEN_ADJOINT(MulOp) { // d(a b) = (b, a)
  return binaryRule(*this, resultAdjoints, needed, out, b,
                    [&](Rules &r, Value g) { return r.mul(g, getRhs()); },
                    [&](Rules &r, Value g) { return r.mul(g, getLhs()); });
}
GEN_ADJOINT(DivOp) { // d(a / b) = (1 / b, -(a / b) / b)
  return binaryRule(*this, resultAdjoints, needed, out, b,
                    [&](Rules &r, Value g) { return r.div(g, getRhs()); },
                    [&](Rules &r, Value g) {
                      return r.unary<NegOp>(r.div(r.mul(g, getResult()), getRhs()));
                    });
}
GEN_ADJOINT(PowOp) { // d(a^b) = (b a^(b-1), a^b log a)
  return binaryRule(*this, resultAdjoints, needed, out, b,
                    [&](Rules &r, Value g) {
                      Value one = r.constant(1);
                      Value power = r.binary<PowOp>(getLhs(), r.sub(getRhs(), one));
                      return r.mul(g, r.mul(getRhs(), power));
                    },
                    [&](Rules &r, Value g) {
                      // a^b log(a) -> 0 as a -> 0+ (for b > 0): keep the log
                      // finite at a = 0 so the product is 0, not NaN.
                      Value tiny = r.constant(1.17549435e-38);
                      Value log = r.unary<LogOp>(r.max(getLhs(), tiny));
                      return r.mul(g, r.mul(getResult(), log));
                    });
}
GEN_ADJOINT(MaxOp) { // d max(a, b) = ([a > b], 1 - [a > b])
  return binaryRule(*this, resultAdjoints, needed, out, b,
                    [&](Rules &r, Value g) {
                      return r.mul(g, r.unary<HeavisideOp>(r.sub(getLhs(), getRhs())));
                    },
                    [&](Rules &r, Value g) {
                      Value mask = r.unary<HeavisideOp>(r.sub(getLhs(), getRhs()));
                      return r.mul(g, r.sub(r.constant(1), mask));
                    });
}

//===----------------------------------------------------------------------===//
// Shape ops: the adjoint undoes the data movement.
//===----------------------------------------------------------------------===//

GEN_ADJOINT(ReshapeOp) {
  out.assign(1, Value());
  if (needed[0] && resultAdjoints[0])
    out[0] = Rules(b, getLoc()).reshape(resultAdjoints[0], Rules::shape(getInput()));
  return success();
}

GEN_ADJOINT(BroadcastToOp) {
  out.assign(1, Value());
  if (needed[0] && resultAdjoints[0])
    out[0] = Rules(b, getLoc()).unbroadcast(resultAdjoints[0], getInput().getType());
  return success();
}

GEN_ADJOINT(TransposeOp) { // the inverse permutation
  out.assign(1, Value());
  if (!needed[0] || !resultAdjoints[0])
    return success();
  SmallVector<int64_t> perm = intArray(getPermutation()), inverse(perm.size());
  for (size_t i = 0; i < perm.size(); ++i)
    inverse[perm[i]] = i;
  out[0] = b.create<TransposeOp>(getLoc(), resultAdjoints[0], b.getI64ArrayAttr(inverse));
  return success();
}

GEN_ADJOINT(ConcatOp) { // each input gets its slice of the adjoint
  out.assign(getNumOperands(), Value());
  Value g = resultAdjoints[0];
  if (!g)
    return success();
  int64_t axis = getAxis(), offset = 0;
  for (unsigned i = 0; i < getNumOperands(); ++i) {
    ArrayRef<int64_t> in = Rules::shape(getOperand(i));
    if (needed[i]) {
      SmallVector<int64_t> offsets(in.size(), 0);
      offsets[axis] = offset;
      out[i] = b.create<SliceOp>(getLoc(), g, b.getI64ArrayAttr(offsets), b.getI64ArrayAttr(in));
    }
    offset += in[axis];
  }
  return success();
}

GEN_ADJOINT(SliceOp) { // zero outside the slice
  out.assign(1, Value());
  if (!needed[0] || !resultAdjoints[0])
    return success();
  SmallVector<int64_t> low = intArray(getOffsets()), sizes = intArray(getSizes()), high;
  ArrayRef<int64_t> in = Rules::shape(getInput());
  for (size_t d = 0; d < in.size(); ++d)
    high.push_back(in[d] - low[d] - sizes[d]);
  out[0] = b.create<PadOp>(getLoc(), resultAdjoints[0], b.getI64ArrayAttr(low),
                           b.getI64ArrayAttr(high));
  return success();
}

GEN_ADJOINT(PadOp) { // the unpadded part
  out.assign(1, Value());
  if (!needed[0] || !resultAdjoints[0])
    return success();
  out[0] = b.create<SliceOp>(getLoc(), resultAdjoints[0], getLow(),
                             b.getI64ArrayAttr(Rules::shape(getInput())));
  return success();
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

GEN_ADJOINT(SumOp) { // d sum = 1 on every reduced element
  out.assign(1, Value());
  if (needed[0] && resultAdjoints[0])
    out[0] = Rules(b, getLoc()).unreduce(resultAdjoints[0], intArray(getAxes()),
                                         Rules::shape(getInput()));
  return success();
}

GEN_ADJOINT(MeanOp) { // d mean = 1 / count
  out.assign(1, Value());
  if (!needed[0] || !resultAdjoints[0])
    return success();
  Rules r(b, getLoc());
  SmallVector<int64_t> axes = intArray(getAxes());
  ArrayRef<int64_t> in = Rules::shape(getInput());
  double count = 1;
  for (int64_t a : axes)
    count *= in[a];
  out[0] = r.unreduce(r.div(resultAdjoints[0], r.constant(count)), axes, in);
  return success();
}

GEN_ADJOINT(LogSumExpOp) { // d lse(x) = softmax(x) = exp(x - lse(x))
  out.assign(1, Value());
  if (!needed[0] || !resultAdjoints[0])
    return success();
  Rules r(b, getLoc());
  SmallVector<int64_t> axes = intArray(getAxes());
  ArrayRef<int64_t> in = Rules::shape(getInput());
  Value softmax = r.unary<ExpOp>(r.sub(getInput(), r.unreduce(getResult(), axes, in)));
  out[0] = r.mul(r.unreduce(resultAdjoints[0], axes, in), softmax);
  return success();
}

//===----------------------------------------------------------------------===//
// Layers
//===----------------------------------------------------------------------===//

GEN_ADJOINT(MatmulOp) {
  // C = op(A) op(B): d op(A) = dC op(B)^T and d op(B) = op(A)^T dC; a
  // transposed operand takes the transpose of that, folded into the flags.
  out.assign(2, Value());
  Value g = resultAdjoints[0];
  if (!g)
    return success();
  bool ta = getTransposeLhs(), tb = getTransposeRhs();
  auto matmul = [&](Value x, Value y, bool tx, bool ty) -> Value {
    return b.create<MatmulOp>(getLoc(), x, y, tx, ty);
  };
  if (needed[0])
    out[0] = ta ? matmul(getRhs(), g, tb, true) : matmul(g, getRhs(), false, !tb);
  if (needed[1])
    out[1] = tb ? matmul(g, getLhs(), true, ta) : matmul(getLhs(), g, !ta, false);
  return success();
}

/// The input adjoint of conv2d (see its rule below).
static Value conv2dInputAdjoint(OpBuilder &b, Conv2DOp op, Value g) {
  SmallVector<int64_t> pad = intArray(op.getPadding()), stride = intArray(op.getStrides());
  ArrayRef<int64_t> dy = Rules::shape(g), want = Rules::shape(op.getInput()),
                    w = Rules::shape(op.getFilter());
  bool exact = true;
  for (int d = 2; d < 4; ++d)
    exact &= (dy[d] - 1) * stride[d - 2] + w[d] - 2 * pad[d - 2] == want[d];
  if (exact)
    return b.create<ConvTranspose2DOp>(op.getLoc(), g, op.getFilter(), op.getStrides(),
                                       op.getPadding());
  auto full = b.create<ConvTranspose2DOp>(op.getLoc(), g, op.getFilter(), op.getStrides(),
                                          b.getI64ArrayAttr({0, 0}));
  ArrayRef<int64_t> have = Rules::shape(full);
  SmallVector<int64_t> sizes(want.begin(), want.end()), missing = {0, 0, 0, 0};
  for (int d = 2; d < 4; ++d) {
    sizes[d] = std::min(want[d], have[d] - pad[d - 2]);
    missing[d] = want[d] - sizes[d];
  }
  Value grad = full;
  if (ArrayRef<int64_t>(sizes) != have)
    grad = b.create<SliceOp>(op.getLoc(), grad, b.getI64ArrayAttr({0, 0, pad[0], pad[1]}),
                             b.getI64ArrayAttr(sizes));
  if (missing[2] || missing[3])
    grad = b.create<PadOp>(op.getLoc(), grad, b.getI64ArrayAttr({0, 0, 0, 0}),
                           b.getI64ArrayAttr(missing));
  return grad;
}

GEN_ADJOINT(Conv2DOp) {
  // dX = the rows [p, p + H) of conv_transpose2d(dY, W) taken without
  // padding (extent (Ho - 1) s + k), zero beyond its end: when
  // (H + 2p - k) is not a multiple of s, the last rows were never read.
  // When it is (in both dimensions), that is conv_transpose2d(dY, W) with
  // the forward padding, whose extent (Ho - 1) s + k - 2p is H: no slice,
  // and no rows computed only to be dropped.
  // dW = conv2d_filter_grad(X, dY).
  out.assign(2, Value());
  Value g = resultAdjoints[0];
  if (!g)
    return success();
  if (needed[0])
    out[0] = conv2dInputAdjoint(b, *this, g);
  if (needed[1])
    out[1] = b.create<Conv2DFilterGradOp>(getLoc(), getFilter().getType(), getInput(), g,
                                          getStrides(), getPadding());
  return success();
}

GEN_ADJOINT(ConvTranspose2DOp) {
  // Y = conv2d^T(X, W): dX = conv2d(dY, W); dW = conv2d_filter_grad(dY, X)
  // (the filter gradient of the conv2d this op is the adjoint of).
  out.assign(2, Value());
  Value g = resultAdjoints[0];
  if (!g)
    return success();
  if (needed[0])
    out[0] = b.create<Conv2DOp>(getLoc(), g, getFilter(), getStrides(), getPadding());
  if (needed[1])
    out[1] = b.create<Conv2DFilterGradOp>(getLoc(), getFilter().getType(), g, getInput(),
                                          getStrides(), getPadding());
  return success();
}

GEN_ADJOINT(BatchNormOp) {
  // With xhat = (x - mean) / sqrt(var + eps) over the batch (and space):
  //   dbeta = sum(dy), dgamma = sum(dy xhat), and with dxhat = dy gamma,
  //   dx = (dxhat - mean(dxhat) - xhat mean(dxhat xhat)) / sqrt(var + eps).
  out.assign(3, Value());
  Value g = resultAdjoints[0];
  if (!g)
    return success();
  Rules r(b, getLoc());
  ArrayRef<int64_t> in = Rules::shape(getInput());
  SmallVector<int64_t> axes = {0};
  for (size_t d = 2; d < in.size(); ++d)
    axes.push_back(d);
  SmallVector<int64_t> channel(in.size(), 1);
  channel[1] = in[1];
  auto mean = [&](Value v) {
    return r.unreduce(b.create<MeanOp>(getLoc(), v, b.getI64ArrayAttr(axes)), axes, in);
  };
  Value centered = r.sub(getInput(), mean(getInput()));
  Value variance = mean(r.mul(centered, centered));
  Value eps = r.constant(getEpsilon().convertToDouble());
  Value stddev = r.unary<SqrtOp>(r.add(variance, eps));
  Value one = r.constant(1);
  Value invStd = r.div(one, stddev);
  Value xhat = r.mul(centered, invStd);
  if (needed[0]) {
    Value dxhat = r.mul(g, r.reshape(getGamma(), channel));
    Value centeredGrad = r.sub(dxhat, mean(dxhat));
    Value projection = r.mul(xhat, mean(r.mul(dxhat, xhat)));
    Value inner = r.sub(centeredGrad, projection);
    out[0] = r.mul(inner, invStd);
  }
  if (needed[1])
    out[1] = r.reduce(r.mul(g, xhat), axes);
  if (needed[2])
    out[2] = r.reduce(g, axes);
  return success();
}

//===----------------------------------------------------------------------===//
// Losses: the result adjoint [N] is expanded over each example's elements.
//===----------------------------------------------------------------------===//

GEN_ADJOINT(BCEOp) {
  // bce = -sum(t max(log p, -100) + (1 - t) max(log(1 - p), -100)):
  //   dp = (1 - t) [log(1 - p) > -100] / (1 - p) - t [log p > -100] / p,
  //   dt = max(log(1 - p), -100) - max(log p, -100).
  // The clamp masks make the adjoint the exact derivative of the clamped
  // forward; the divisors are kept off zero (where the masks are 0).
  Rules r(b, getLoc());
  Value p = getPrediction(), t = getTarget();
  Value g = lossAdjoint(r, resultAdjoints, p, out);
  if (!g)
    return success();
  Value one = r.constant(1);
  Value floor = r.constant(-100);
  Value q = r.sub(one, p);
  Value logp = r.unary<LogOp>(p);
  Value logq = r.unary<LogOp>(q);
  if (needed[0]) {
    Value tiny = r.constant(1.17549435e-38);
    Value liveP = r.unary<HeavisideOp>(r.sub(logp, floor));
    Value liveQ = r.unary<HeavisideOp>(r.sub(logq, floor));
    Value weightQ = r.mul(r.sub(one, t), liveQ);
    Value fromQ = r.div(weightQ, r.max(q, tiny));
    Value weightP = r.mul(t, liveP);
    Value fromP = r.div(weightP, r.max(p, tiny));
    out[0] = r.mul(g, r.sub(fromQ, fromP));
  }
  if (needed[1]) {
    Value clampedP = r.max(logp, floor);
    Value clampedQ = r.max(logq, floor);
    out[1] = r.unbroadcast(r.mul(g, r.sub(clampedQ, clampedP)), t.getType());
  }
  return success();
}

GEN_ADJOINT(BCEWithLogitsOp) {
  // bce(sigmoid(z), t) = sum(max(z, 0) - z t + log(1 + exp(-|z|))):
  //   dz = sigmoid(z) - t; dt = -z.
  Rules r(b, getLoc());
  Value z = getPrediction(), t = getTarget();
  Value g = lossAdjoint(r, resultAdjoints, z, out);
  if (!g)
    return success();
  if (needed[0])
    out[0] = r.mul(g, r.sub(r.unary<SigmoidOp>(z), t));
  if (needed[1])
    out[1] = r.unbroadcast(r.unary<NegOp>(r.mul(g, z)), t.getType());
  return success();
}

GEN_ADJOINT(MSEOp) {
  // mse = mean((p - t)^2) over each example: dp = 2 (p - t) / n; dt = -dp.
  Rules r(b, getLoc());
  Value p = getPrediction(), t = getTarget();
  Value g = lossAdjoint(r, resultAdjoints, p, out);
  if (!g)
    return success();
  ArrayRef<int64_t> shape = Rules::shape(p);
  double perExample = 1;
  for (size_t d = 1; d < shape.size(); ++d)
    perExample *= shape[d];
  Value diff = r.sub(p, t);
  Value scale = r.constant(2 / perExample);
  Value dp = r.mul(g, r.mul(scale, diff));
  if (needed[0])
    out[0] = dp;
  if (needed[1])
    out[1] = r.unbroadcast(r.unary<NegOp>(dp), t.getType());
  return success();
}

GEN_ADJOINT(SoftmaxCrossEntropyOp) {
  // ce = sum_k y_k (lse(z) - z_k): dz = sum(y) softmax(z) - y; dy = lse(z) - z.
  Rules r(b, getLoc());
  Value z = getPrediction(), y = getTarget();
  Value g = lossAdjoint(r, resultAdjoints, z, out);
  if (!g)
    return success();
  ArrayRef<int64_t> shape = Rules::shape(z);
  Value lse = r.perExample(b.create<LogSumExpOp>(getLoc(), z, b.getI64ArrayAttr({1})), shape);
  if (needed[0]) {
    Value softmax = r.unary<ExpOp>(r.sub(z, lse));
    Value mass = r.perExample(r.reduce(y, {1}), shape);
    out[0] = r.mul(g, r.sub(r.mul(mass, softmax), y));
  }
  if (needed[1])
    out[1] = r.mul(g, r.sub(lse, z));
  return success();
}
