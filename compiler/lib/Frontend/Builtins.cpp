//===- Builtins.cpp - The builtin functions of the .gen language ----------===//
//
// One lowering function per builtin, looked up by name. Each checks its
// arguments in front-end terms (per-example shapes) before building IR, so
// users see "f32[784] per example", not the batched IR type.
//
//===----------------------------------------------------------------------===//
#include "MLIRGenImpl.h"
#include "genc/Dialect/Gen/IR/ElementwiseMath.h"

#include <cmath>

using namespace mlir;
using namespace genc;
using namespace genc::frontend;
using llvm::SMLoc;

namespace {
using Lowering = Optional<GenValue> (*)(MLIRGenImpl &, const CallExpr &);

/// Binds `specs` and lowers the tensor-valued ones (the first `numTensors`).
struct BoundCall {
  SmallVector<const Expr *, 6> exprs;
  SmallVector<GenValue, 3> tensors;
};

Optional<BoundCall> bind(MLIRGenImpl &gen, const CallExpr &call, ArrayRef<ArgSpec> specs,
                         size_t numTensors) {
  BoundCall bound;
  if (!gen.bindArgs(call, specs, bound.exprs))
    return llvm::None;
  for (size_t i = 0; i < numTensors; ++i) {
    auto value = gen.genExpr(*bound.exprs[i]);
    if (!value)
      return llvm::None;
    bound.tensors.push_back(*value);
  }
  return bound;
}

/// An optional integer argument with a default.
Optional<int64_t> intArg(MLIRGenImpl &gen, const Expr *expr, StringRef what, int64_t min,
                         int64_t fallback) {
  return expr ? gen.evalInt(*expr, what, min) : Optional<int64_t>(fallback);
}

Optional<double> numberArg(MLIRGenImpl &gen, const Expr *expr, StringRef what, double fallback) {
  if (!expr)
    return fallback;
  auto number = gen.evalNumber(*expr, what);
  return number ? Optional<double>(number->value) : llvm::None;
}

GenValue tensorValue(Value value, ArrayRef<int64_t> shape, bool batched) {
  GenValue result;
  result.value = value;
  result.shape.assign(shape.begin(), shape.end());
  result.batched = batched;
  return result;
}

/// Requires a per-example tensor of one of the given ranks.
bool expectPerExample(MLIRGenImpl &gen, const GenValue &value, SMLoc at, StringRef fn,
                      ArrayRef<size_t> ranks, StringRef layout) {
  if (value.batched && !value.number && llvm::is_contained(ranks, value.shape.size()))
    return true;
  gen.error(at) << "'" << fn << "' needs " << layout << " per example, got "
                << MLIRGenImpl::typeName(value);
  return false;
}

bool expectInNet(MLIRGenImpl &gen, const CallExpr &call) {
  if (gen.inNet())
    return true;
  gen.error(call.getLoc()) << "'" << call.callee.name
                           << "' creates parameters, so it can only be used inside a net";
  return false;
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

/// A unary ElementwiseMath op; of a constant, its value, folded with the
/// op's own arithmetic (ElementwiseMath.h; `compute` of these ops reads no
/// attribute or operand, so a null op computes it).
template <typename OpTy>
Optional<GenValue> lowerUnary(MLIRGenImpl &gen, const CallExpr &call) {
  auto bound = bind(gen, call, {{"x", true}}, 1);
  if (!bound)
    return llvm::None;
  GenValue x = bound->tensors[0];
  if (x.number) {
    x.number->value = OpTy().compute(gen::DoubleMath(), {x.number->value});
    x.number->isInteger = false;
    if (!std::isfinite(x.number->value)) {
      gen.error(call.getLoc()) << "'" << call.callee.name << "' of this constant is not finite";
      return llvm::None;
    }
    return x;
  }
  x.value = gen.getBuilder().create<OpTy>(gen.loc(call.getLoc()), x.value);
  return x;
}

Optional<GenValue> lowerLeakyRelu(MLIRGenImpl &gen, const CallExpr &call) {
  auto bound = bind(gen, call, {{"x", true}, {"alpha", false}}, 1);
  if (!bound)
    return llvm::None;
  auto alpha = numberArg(gen, bound->exprs[1], "alpha", 0.2);
  if (!alpha)
    return llvm::None;
  GenValue x = gen.materialize(bound->tensors[0], call.getLoc());
  auto &b = gen.getBuilder();
  x.value = b.create<gen::LeakyReluOp>(gen.loc(call.getLoc()), x.value, b.getF64FloatAttr(*alpha));
  return x;
}

//===----------------------------------------------------------------------===//
// Layers (they own parameters)
//===----------------------------------------------------------------------===//

Optional<GenValue> lowerDense(MLIRGenImpl &gen, const CallExpr &call) {
  auto bound = bind(gen, call, {{"x", true}, {"units", true}, {"bias", false}}, 1);
  if (!bound || !expectInNet(gen, call))
    return llvm::None;
  GenValue x = bound->tensors[0];
  if (!expectPerExample(gen, x, call.args[0].value->getLoc(), "dense", {1},
                        "a vector (flatten it first)"))
    return llvm::None;
  auto units = gen.evalInt(*bound->exprs[1], "the number of units", 1);
  auto bias = intArg(gen, bound->exprs[2], "bias (0 or 1)", 0, 1);
  if (!units || !bias)
    return llvm::None;
  std::string name = gen.layerName("dense");
  auto w = gen.declareParam(call.getLoc(), name + ".w", {x.shape[0], *units}, "glorot_uniform");
  if (!w)
    return llvm::None;
  Value y = gen.buildInferred<gen::MatmulOp>(call.getLoc(), {x.value, w->value});
  if (y && *bias) {
    auto b = gen.declareParam(call.getLoc(), name + ".b", {*units}, "zeros");
    y = b ? gen.buildInferred<gen::AddOp>(call.getLoc(), {y, b->value}) : Value();
  }
  return y ? Optional<GenValue>(tensorValue(y, {*units}, true)) : llvm::None;
}

/// conv2d and conv_transpose2d: filter layouts OIHW and IOHW.
template <bool Transposed>
Optional<GenValue> lowerConv(MLIRGenImpl &gen, const CallExpr &call) {
  auto bound = bind(gen, call,
                    {{"x", true}, {"channels", true}, {"kernel", true}, {"stride", false},
                     {"pad", false}, {"bias", false}},
                    1);
  if (!bound || !expectInNet(gen, call))
    return llvm::None;
  StringRef fn = call.callee.name;
  GenValue x = bound->tensors[0];
  if (!expectPerExample(gen, x, call.args[0].value->getLoc(), fn, {3},
                        "[channels, height, width]"))
    return llvm::None;
  auto channels = gen.evalInt(*bound->exprs[1], "the number of channels", 1);
  auto kernel = gen.evalInt(*bound->exprs[2], "the kernel size", 1);
  auto stride = intArg(gen, bound->exprs[3], "the stride", 1, 1);
  auto pad = intArg(gen, bound->exprs[4], "the padding", 0, 0);
  auto bias = intArg(gen, bound->exprs[5], "bias (0 or 1)", 0, 1);
  if (!channels || !kernel || !stride || !pad || !bias)
    return llvm::None;
  Shape out = {*channels, 0, 0};
  for (int d = 0; d < 2; ++d) {
    int64_t in = x.shape[1 + d];
    out[1 + d] = Transposed ? shape::convTransposeOutputSize(in, *kernel, *stride, *pad)
                            : shape::convOutputSize(in, *kernel, *stride, *pad);
    if (out[1 + d] < 1) {
      gen.error(call.getLoc()) << "'" << fn << "' output would be empty: input "
                               << shape::format(x.shape) << ", kernel " << *kernel
                               << ", stride " << *stride << ", pad " << *pad;
      return llvm::None;
    }
  }
  std::string name = gen.layerName(Transposed ? "deconv" : "conv");
  Shape filter = Transposed ? Shape{x.shape[0], *channels, *kernel, *kernel}
                            : Shape{*channels, x.shape[0], *kernel, *kernel};
  auto w = gen.declareParam(call.getLoc(), name + ".w", filter, "glorot_uniform");
  if (!w)
    return llvm::None;
  auto &b = gen.getBuilder();
  SmallVector<NamedAttribute, 2> attrs = {
      b.getNamedAttr("strides", b.getI64ArrayAttr({*stride, *stride})),
      b.getNamedAttr("padding", b.getI64ArrayAttr({*pad, *pad}))};
  Value y = Transposed
                ? gen.buildInferred<gen::ConvTranspose2DOp>(call.getLoc(), {x.value, w->value}, attrs)
                : gen.buildInferred<gen::Conv2DOp>(call.getLoc(), {x.value, w->value}, attrs);
  if (y && *bias) {
    auto bv = gen.declareParam(call.getLoc(), name + ".b", {*channels}, "zeros");
    if (!bv)
      return llvm::None;
    Value column = b.create<gen::ReshapeOp>(gen.loc(call.getLoc()),
                                            gen.irType({*channels, 1, 1}, false), bv->value);
    y = gen.buildInferred<gen::AddOp>(call.getLoc(), {y, column});
  }
  return y ? Optional<GenValue>(tensorValue(y, out, true)) : llvm::None;
}

Optional<GenValue> lowerBatchNorm(MLIRGenImpl &gen, const CallExpr &call) {
  auto bound = bind(gen, call, {{"x", true}, {"eps", false}}, 1);
  if (!bound || !expectInNet(gen, call))
    return llvm::None;
  GenValue x = bound->tensors[0];
  if (!expectPerExample(gen, x, call.args[0].value->getLoc(), "batch_norm", {1, 3},
                        "[features] or [channels, height, width]"))
    return llvm::None;
  auto eps = numberArg(gen, bound->exprs[1], "eps", 1e-5);
  if (!eps)
    return llvm::None;
  if (!(*eps > 0)) {
    gen.error(bound->exprs[1]->getLoc()) << "eps must be positive";
    return llvm::None;
  }
  std::string name = gen.layerName("bn");
  auto gamma = gen.declareParam(call.getLoc(), name + ".gamma", {x.shape[0]}, "ones");
  auto beta = gamma ? gen.declareParam(call.getLoc(), name + ".beta", {x.shape[0]}, "zeros")
                    : llvm::None;
  if (!beta)
    return llvm::None;
  auto &b = gen.getBuilder();
  Value y = gen.buildInferred<gen::BatchNormOp>(
      call.getLoc(), {x.value, gamma->value, beta->value},
      {b.getNamedAttr("epsilon", b.getF64FloatAttr(*eps))});
  return y ? Optional<GenValue>(tensorValue(y, x.shape, true)) : llvm::None;
}

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

Value reshapeTo(MLIRGenImpl &gen, const GenValue &x, ArrayRef<int64_t> shape, SMLoc at) {
  return gen.getBuilder().create<gen::ReshapeOp>(gen.loc(at), gen.irType(shape, x.batched),
                                                 x.value);
}

Optional<GenValue> lowerReshape(MLIRGenImpl &gen, const CallExpr &call) {
  auto bound = bind(gen, call, {{"x", true}, {"shape", true}}, 1);
  if (!bound)
    return llvm::None;
  GenValue x = gen.materialize(bound->tensors[0], call.getLoc());
  auto *list = llvm::dyn_cast<ListExpr>(bound->exprs[1]);
  if (!list || list->elements.empty()) {
    gen.error(bound->exprs[1]->getLoc()) << "reshape needs a shape list such as [1, 28, 28]";
    return llvm::None;
  }
  int64_t known = 1, count = *shape::elementCount(x.shape);
  Shape dims;
  Optional<size_t> inferred;
  for (const ExprPtr &e : list->elements) {
    auto dim = gen.evalInt(*e, "a dimension", -1);
    if (!dim)
      return llvm::None;
    if (*dim == 0 || (*dim == -1 && inferred)) {
      gen.error(e->getLoc()) << (*dim == 0 ? "dimensions must be positive"
                                           : "only one dimension may be -1");
      return llvm::None;
    }
    if (*dim == -1)
      inferred = dims.size();
    else if (known > shape::kMaxElements / *dim) {
      gen.error(e->getLoc()) << "shape is too large";
      return llvm::None;
    } else
      known *= *dim;
    dims.push_back(*dim);
  }
  if (inferred && count % known == 0)
    dims[*inferred] = count / known;
  if ((inferred && count % known != 0) || (!inferred && known != count)) {
    gen.error(list->getLoc()) << "cannot reshape " << MLIRGenImpl::typeName(x) << " ("
                              << count << " elements) to " << shape::format(dims);
    return llvm::None;
  }
  return tensorValue(reshapeTo(gen, x, dims, call.getLoc()), dims, x.batched);
}

Optional<GenValue> lowerFlatten(MLIRGenImpl &gen, const CallExpr &call) {
  auto bound = bind(gen, call, {{"x", true}}, 1);
  if (!bound)
    return llvm::None;
  GenValue x = gen.materialize(bound->tensors[0], call.getLoc());
  Shape flat = {*shape::elementCount(x.shape)};
  return tensorValue(reshapeTo(gen, x, flat, call.getLoc()), flat, x.batched);
}

/// Resolves a per-example axis (negative counts from the end).
Optional<int64_t> axisArg(MLIRGenImpl &gen, const Expr *expr, size_t rank, int64_t fallback) {
  if (!expr)
    return fallback < 0 ? fallback + int64_t(rank) : fallback;
  auto number = gen.evalNumber(*expr, "the axis");
  if (!number)
    return llvm::None;
  auto axis = static_cast<int64_t>(number->value);
  if (!number->isInteger || axis < -int64_t(rank) || axis >= int64_t(rank)) {
    gen.error(expr->getLoc()) << "axis " << formatNumber(number->value) << " is out of range for "
                              << rank << " per-example dimension(s)";
    return llvm::None;
  }
  return axis < 0 ? axis + int64_t(rank) : axis;
}

Optional<GenValue> lowerConcat(MLIRGenImpl &gen, const CallExpr &call) {
  SmallVector<GenValue> inputs;
  const Expr *axisExpr = nullptr;
  for (const Arg &arg : call.args) {
    if (arg.keyword) {
      if (arg.keyword->name != "axis") {
        gen.error(arg.keyword->loc) << "'concat' has no argument named '" << arg.keyword->name
                                    << "'";
        return llvm::None;
      }
      axisExpr = arg.value.get();
      continue;
    }
    auto value = gen.genExpr(*arg.value);
    if (!value)
      return llvm::None;
    inputs.push_back(gen.materialize(*value, arg.value->getLoc()));
  }
  if (inputs.size() < 2) {
    gen.error(call.getLoc()) << "'concat' needs at least two tensors";
    return llvm::None;
  }
  auto axis = axisArg(gen, axisExpr, inputs[0].shape.size(), 0);
  if (inputs[0].shape.empty()) {
    gen.error(call.getLoc()) << "'concat' needs tensors with at least one dimension";
    return llvm::None;
  }
  if (!axis)
    return llvm::None;
  Shape out = inputs[0].shape;
  for (size_t i = 1; i < inputs.size(); ++i) {
    const GenValue &in = inputs[i];
    bool same = in.batched == inputs[0].batched && in.shape.size() == out.size();
    for (size_t d = 0; same && d < out.size(); ++d)
      same = int64_t(d) == *axis || in.shape[d] == out[d];
    if (!same) {
      gen.error(call.args[i].value->getLoc())
          << "cannot concatenate " << MLIRGenImpl::typeName(in) << " with "
          << MLIRGenImpl::typeName(inputs[0]) << " along axis " << *axis;
      return llvm::None;
    }
    out[*axis] += in.shape[*axis];
  }
  SmallVector<Value> operands;
  for (const GenValue &in : inputs)
    operands.push_back(in.value);
  auto &b = gen.getBuilder();
  int64_t irAxis = *axis + (inputs[0].batched ? 1 : 0);
  Value y = gen.buildInferred<gen::ConcatOp>(call.getLoc(), operands,
                                             {b.getNamedAttr("axis", b.getI64IntegerAttr(irAxis))});
  return y ? Optional<GenValue>(tensorValue(y, out, inputs[0].batched)) : llvm::None;
}

Optional<GenValue> lowerSlice(MLIRGenImpl &gen, const CallExpr &call) {
  auto bound = bind(gen, call, {{"x", true}, {"start", true}, {"end", true}, {"axis", false}}, 1);
  if (!bound)
    return llvm::None;
  GenValue x = gen.materialize(bound->tensors[0], call.getLoc());
  if (x.shape.empty()) {
    gen.error(call.getLoc()) << "'slice' needs a tensor with at least one dimension";
    return llvm::None;
  }
  auto axis = axisArg(gen, bound->exprs[3], x.shape.size(), -1);
  auto start = gen.evalInt(*bound->exprs[1], "the start", 0);
  auto end = gen.evalInt(*bound->exprs[2], "the end", 1);
  if (!axis || !start || !end)
    return llvm::None;
  if (*start >= *end || *end > x.shape[*axis]) {
    gen.error(call.getLoc()) << "slice [" << *start << ", " << *end << ") is not inside [0, "
                             << x.shape[*axis] << ") of axis " << *axis;
    return llvm::None;
  }
  auto irShape = gen.irType(x.shape, x.batched).getShape();
  Shape irIn(irShape.begin(), irShape.end());
  Shape offsets(irIn.size(), 0), sizes = irIn;
  size_t irAxis = *axis + (x.batched ? 1 : 0);
  offsets[irAxis] = *start;
  sizes[irAxis] = *end - *start;
  auto &b = gen.getBuilder();
  Value y = gen.buildInferred<gen::SliceOp>(call.getLoc(), x.value,
                                            {b.getNamedAttr("offsets", b.getI64ArrayAttr(offsets)),
                                             b.getNamedAttr("sizes", b.getI64ArrayAttr(sizes))});
  Shape out = x.shape;
  out[*axis] = *end - *start;
  return y ? Optional<GenValue>(tensorValue(y, out, x.batched)) : llvm::None;
}

//===----------------------------------------------------------------------===//
// Reductions and losses
//===----------------------------------------------------------------------===//

template <typename OpTy>
Optional<GenValue> lowerReduce(MLIRGenImpl &gen, const CallExpr &call) {
  auto bound = bind(gen, call, {{"x", true}, {"axis", false}}, 1);
  if (!bound)
    return llvm::None;
  GenValue x = bound->tensors[0];
  if (x.number || x.shape.empty()) {
    gen.error(call.getLoc()) << "'" << call.callee.name << "' needs a tensor, got "
                             << MLIRGenImpl::typeName(x);
    return llvm::None;
  }
  Shape axes, out;
  auto axis = bound->exprs[1] ? axisArg(gen, bound->exprs[1], x.shape.size(), 0)
                              : Optional<int64_t>();
  if (bound->exprs[1] && !axis)
    return llvm::None;
  size_t offset = x.batched ? 1 : 0;
  for (size_t d = 0; d < x.shape.size(); ++d) {
    if (!axis || *axis == int64_t(d))
      axes.push_back(d + offset);
    else
      out.push_back(x.shape[d]);
  }
  auto &b = gen.getBuilder();
  Value y = gen.buildInferred<OpTy>(call.getLoc(), x.value,
                                    {b.getNamedAttr("axes", b.getI64ArrayAttr(axes))});
  return y ? Optional<GenValue>(tensorValue(y, out, x.batched)) : llvm::None;
}

template <typename OpTy>
Optional<GenValue> lowerLoss(MLIRGenImpl &gen, const CallExpr &call) {
  bool isCrossEntropy = call.callee.name == "cross_entropy";
  auto bound = bind(gen, call,
                    {{isCrossEntropy ? "logits" : "prediction", true},
                     {isCrossEntropy ? "labels" : "target", true}},
                    2);
  if (!bound)
    return llvm::None;
  StringRef fn = call.callee.name;
  GenValue pred = bound->tensors[0], target = bound->tensors[1];
  SMLoc predLoc = call.args[0].value->getLoc(), targetLoc = call.args[1].value->getLoc();
  if (!pred.batched || pred.number) {
    gen.error(predLoc) << "'" << fn << "' needs a per-example prediction, got "
                       << MLIRGenImpl::typeName(pred);
    return llvm::None;
  }
  if (isCrossEntropy && pred.shape.size() != 1) {
    gen.error(predLoc) << "'cross_entropy' needs a vector of logits per example, got "
                       << MLIRGenImpl::typeName(pred);
    return llvm::None;
  }
  bool fits = isCrossEntropy ? target.batched && target.shape == pred.shape
                             : !target.number ? shape::broadcastsTo(target.shape, pred.shape)
                                              : true;
  if (!fits) {
    gen.error(targetLoc) << "'" << fn << "' target " << MLIRGenImpl::typeName(target)
                         << " does not match the prediction " << MLIRGenImpl::typeName(pred);
    return llvm::None;
  }
  target = gen.materialize(target, targetLoc);
  Value t = gen.alignRank(target, pred.shape.size(), targetLoc);
  Value y = gen.buildInferred<OpTy>(call.getLoc(), {pred.value, t});
  return y ? Optional<GenValue>(tensorValue(y, {}, true)) : llvm::None;
}

//===----------------------------------------------------------------------===//
// Random inputs
//===----------------------------------------------------------------------===//

template <typename OpTy, bool IsNormal>
Optional<GenValue> lowerRandom(MLIRGenImpl &gen, const CallExpr &call) {
  const char *names[2] = {IsNormal ? "mean" : "low", IsNormal ? "std" : "high"};
  double values[2] = {0.0, 1.0};
  Shape dims;
  for (const Arg &arg : call.args) {
    if (!arg.keyword) {
      auto dim = gen.evalInt(*arg.value, "a dimension", 1);
      if (!dim)
        return llvm::None;
      dims.push_back(*dim);
      continue;
    }
    int slot = arg.keyword->name == names[0] ? 0 : arg.keyword->name == names[1] ? 1 : -1;
    if (slot < 0) {
      gen.error(arg.keyword->loc) << "'" << call.callee.name << "' takes dimensions and '"
                                  << names[0] << "', '" << names[1] << "'";
      return llvm::None;
    }
    auto value = gen.evalNumber(*arg.value, names[slot]);
    if (!value)
      return llvm::None;
    values[slot] = value->value;
  }
  if (IsNormal ? !(values[1] > 0) : !(values[0] < values[1])) {
    gen.error(call.getLoc()) << (IsNormal ? "'normal' needs std > 0" : "'uniform' needs low < high");
    return llvm::None;
  }
  Shape withBatch = {gen.batchSize()};
  withBatch.append(dims.begin(), dims.end());
  if (!shape::elementCount(withBatch)) {
    gen.error(call.getLoc()) << "random tensor " << shape::format(withBatch)
                             << " (batch included) is too large";
    return llvm::None;
  }
  auto &b = gen.getBuilder();
  Value y = b.create<OpTy>(gen.loc(call.getLoc()), gen.irType(dims, true),
                           b.getF64FloatAttr(values[0]), b.getF64FloatAttr(values[1]));
  return tensorValue(y, dims, true);
}

/// `categorical(logits)`: a one-hot category per example, drawn with
/// probabilities softmax(logits) by the Gumbel-max trick on a uniform draw.
Optional<GenValue> lowerCategorical(MLIRGenImpl &gen, const CallExpr &call) {
  SmallVector<const Expr *, 1> bound;
  if (!gen.bindArgs(call, {{"logits", true}}, bound))
    return llvm::None;
  auto logits = gen.genExpr(*bound[0]);
  if (!logits)
    return llvm::None;
  if (logits->number || logits->shape.size() != 1) {
    gen.error(bound[0]->getLoc()) << "'categorical' needs a vector of logits, got "
                                  << MLIRGenImpl::typeName(*logits);
    return llvm::None;
  }
  auto &b = gen.getBuilder();
  Location at = gen.loc(call.getLoc());
  Value uniform = b.create<gen::UniformOp>(at, gen.irType(logits->shape, true),
                                           b.getF64FloatAttr(0), b.getF64FloatAttr(1));
  Value y = b.create<gen::CategoricalOp>(at, logits->value, uniform);
  return tensorValue(y, logits->shape, true);
}

struct Builtin {
  const char *name;
  Lowering lower;
};

const Builtin kBuiltins[] = {
    {"exp", lowerUnary<gen::ExpOp>},
    {"log", lowerUnary<gen::LogOp>},
    {"sqrt", lowerUnary<gen::SqrtOp>},
    {"relu", lowerUnary<gen::ReluOp>},
    {"elu", lowerUnary<gen::EluOp>},
    {"sigmoid", lowerUnary<gen::SigmoidOp>},
    {"tanh", lowerUnary<gen::TanhOp>},
    {"softplus", lowerUnary<gen::SoftplusOp>},
    {"leaky_relu", lowerLeakyRelu},
    {"dense", lowerDense},
    {"conv2d", lowerConv<false>},
    {"conv_transpose2d", lowerConv<true>},
    {"batch_norm", lowerBatchNorm},
    {"reshape", lowerReshape},
    {"flatten", lowerFlatten},
    {"concat", lowerConcat},
    {"slice", lowerSlice},
    {"sum", lowerReduce<gen::SumOp>},
    {"mean", lowerReduce<gen::MeanOp>},
    {"logsumexp", lowerReduce<gen::LogSumExpOp>},
    {"bce", lowerLoss<gen::BCEOp>},
    {"bce_logits", lowerLoss<gen::BCEWithLogitsOp>},
    {"mse", lowerLoss<gen::MSEOp>},
    {"cross_entropy", lowerLoss<gen::SoftmaxCrossEntropyOp>},
    {"normal", lowerRandom<gen::NormalOp, true>},
    {"uniform", lowerRandom<gen::UniformOp, false>},
    {"categorical", lowerCategorical},
};

const Builtin *findBuiltin(StringRef name) {
  auto *it = llvm::find_if(kBuiltins, [&](const Builtin &b) { return name == b.name; });
  return it == std::end(kBuiltins) ? nullptr : it;
}
} // namespace

bool genc::frontend::isBuiltinName(StringRef name) { return findBuiltin(name) != nullptr; }

Optional<Optional<GenValue>> genc::frontend::genBuiltinCall(MLIRGenImpl &gen,
                                                            const CallExpr &call) {
  const Builtin *builtin = findBuiltin(call.callee.name);
  if (!builtin)
    return llvm::None;
  return Optional<Optional<GenValue>>(builtin->lower(gen, call));
}
