//===- GenToHalide.cpp - Lower gen steps and nets to Halide ---------------===//
//
// 1) Bind every read (input, parameter, state, random draw, net argument)
//    to an ImageParam, one per distinct symbol.
// 2) Define one Func per gen value, in program order, from its op's
//    definition (see GenOps.td); reductions use RDoms; convolutions are
//    implicit GEMMs read through stages of their own (Convolutions.cpp).
// 3) Collect the outputs (objective, new parameters and states, or a net's
//    results) and hand every Func with what is known about it (shape, kind,
//    number of consumers) to the schedule policy.
//
//===----------------------------------------------------------------------===//
#include "genc/Conversion/GenToHalide/GenToHalide.h"
#include "genc/Dialect/Gen/IR/ElementwiseMath.h"
#include "Convolutions.h"
#include "SchedulePolicy.h"

#include "genc/Dialect/Gen/IR/ShapeRules.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <limits>
#include <optional>

using namespace mlir;
using namespace genc;
using namespace genc::gen;
using namespace genc::halide;
using Halide::Expr;
using Halide::Func;
using Halide::RDom;
using Halide::Var;

Halide::Pipeline LoweredPipeline::pipeline() const {
  std::vector<Func> funcs;
  for (const PipelineOutput &out : outputs)
    funcs.push_back(out.func);
  return Halide::Pipeline(funcs);
}

namespace {
using Shape = llvm::SmallVector<int64_t, 4>;
using Index = std::vector<Expr>; // in gen order: index[i] is gen dimension i

Shape shapeOf(Value v) {
  auto shape = v.getType().cast<ShapedType>().getShape();
  return Shape(shape.begin(), shape.end());
}

/// The C name of an input's buffer: a parameter and its gradient (an
/// update's input) differ by a prefix; dots and such become '_'.
std::string imageParamName(PipelineInput::Kind kind, const std::string &name) {
  std::string paramName = kind == PipelineInput::Kind::Gradient ? "gradient_" + name : name;
  std::replace_if(paramName.begin(), paramName.end(), [](char c) { return !isalnum(c); }, '_');
  return paramName;
}

SmallVector<int64_t> ints(ArrayAttr attr) {
  SmallVector<int64_t> values;
  for (Attribute a : attr)
    values.push_back(a.cast<IntegerAttr>().getInt());
  return values;
}

/// tanh from exp, which Halide vectorizes (on the CPU its tanh is a libm
/// call per lane, ~45x slower with AVX-512): sign(x) (1 - e) / (1 + e) with
/// e = exp(-2|x|), and below |x| = 1/4, where 1 - e cancels, the odd Taylor
/// polynomial to x^9 (relative error under 3e-7 on both sides). NaN stays
/// NaN (is_nan is evaluated strictly; Halide's other float code assumes no
/// NaNs, and no signed zeros).
Expr vectorTanh(Expr x) {
  Expr ax = Halide::abs(x);
  Expr e = Halide::exp(-2.0f * ax);
  Expr x2 = x * x;
  Expr series =
      x * (1.0f + x2 * (-1.0f / 3 + x2 * (2.0f / 15 + x2 * (-17.0f / 315 + x2 * (62.0f / 2835)))));
  Expr magnitude = (1.0f - e) / (1.0f + e);
  return Halide::select(Halide::is_nan(x), x, ax < 0.25f, series, x < 0.0f, -magnitude,
                        magnitude);
}

/// ElementwiseMath's scalar functions on float32 Halide expressions.
struct HalideMath {
  using Scalar = Expr;
  using Bool = Expr;
  bool gpu = false; // GPUs have a fast tanh

  Expr constant(double c) const { return Expr(float(c)); }
  Expr greater(Expr a, Expr b) const { return a > b; }
  Expr select(Expr c, Expr a, Expr b) const { return Halide::select(c, a, b); }
  Expr max(Expr a, Expr b) const { return Halide::max(a, b); }
  Expr exp(Expr x) const { return Halide::exp(x); }
  Expr log(Expr x) const { return Halide::log(x); }
  Expr log1p(Expr x) const { return Halide::log(1.0f + x); }
  Expr sqrt(Expr x) const { return Halide::sqrt(x); }
  Expr tanh(Expr x) const { return gpu ? Halide::tanh(x) : vectorTanh(x); }
  Expr abs(Expr x) const { return Halide::abs(x); }
  Expr pow(Expr x, Expr y) const { return Halide::pow(x, y); }
  Expr powi(Expr x, int n) const { return Halide::pow(x, Expr(n)); }
};

/// The variables of a rank-`rank` Func, in Halide order: dimension k is
/// named dk (the schedule policy's loop names follow).
std::vector<Var> halideVars(size_t rank) {
  std::vector<Var> vars;
  for (size_t k = 0; k < rank; ++k)
    vars.push_back(Var("d" + std::to_string(k)));
  return vars;
}

/// Halide argument order is innermost first: the reverse of gen's.
std::vector<Expr> halideOrder(const Index &index) { return {index.rbegin(), index.rend()}; }

class Lowering {
public:
  Lowering(std::string prefix, const Halide::Target &target, bool perExample = false)
      : prefix(std::move(prefix)), target(target), lanes(target.natural_vector_size<float>()),
        perExample(perExample) {
    math.gpu = target.has_gpu_feature();
  }

  LogicalResult lowerBlock(Block &block);
  LogicalResult bindArgument(BlockArgument arg, const std::string &name);
  LoweredPipeline finish(const std::string &name);
  void addOutput(PipelineOutput::Kind kind, const std::string &name, Value value);
  void addExamplesOutput(Value objective);

private:
  struct Lowered {
    Func func;
    Shape shape;
  };

  Expr at(Value v, const Index &index) { return values[v].func(halideOrder(index)); }
  /// halideVars (as expressions) in gen order.
  Index vars(size_t rank) {
    std::vector<Var> hv = halideVars(rank);
    return Index(hv.rbegin(), hv.rend());
  }
  /// Index of `operand` (broadcast to `out`) at out's position `index`.
  Index broadcastIndex(Value operand, const Shape &out, const Index &index) {
    Shape in = shapeOf(operand);
    Index result;
    size_t lead = out.size() - in.size();
    for (size_t d = 0; d < in.size(); ++d)
      result.push_back(in[d] == 1 ? Expr(0) : index[d + lead]);
    return result;
  }
  Func newFunc(Operation *op, FuncKind kind) {
    std::string name = prefix + "_" + op->getName().stripDialect().str() + "_" +
                       std::to_string(counter++);
    std::replace(name.begin(), name.end(), '.', '_');
    Func f(name);
    track(op, {f, {}, kind});
    return f;
  }
  /// Adds a Func for the policy; `op` (null for none) is the gen op whose
  /// result it computes, from which describeConsumers derives its readers.
  void track(Operation *op, FuncInfo info) {
    infos.push_back(std::move(info));
    infoOps.push_back(op);
  }
  void describeConsumers();
  void define(Value result, Func f, const std::function<Expr(const Index &)> &body) {
    Shape shape = shapeOf(result);
    Index v = vars(shape.size());
    std::vector<Var> hv = halideVars(shape.size());
    f(hv) = body(v);
    values[result] = {f, shape};
    infos.back().shape = shape;
  }
  /// Defines `result` as a sum over the `reduced` extents (in gen order) of
  /// `term(index, r)` where `index` are result variables and `r` the
  /// reduction variables (gen order too). The loops run innermost-first in
  /// Halide's order, i.e. the last reduced dimension innermost; when the
  /// last `contiguous` reduced dimensions are the innermost ones of the
  /// tensor read, those loops walk it in memory order.
  void defineSum(Value result, Func f, ArrayRef<int64_t> reduced,
                 const std::function<Expr(const Index &, const Index &)> &term,
                 int contiguous = 0) {
    Shape shape = shapeOf(result);
    Index v = vars(shape.size());
    std::vector<Var> hv = halideVars(shape.size());
    Halide::Region region;
    for (auto it = reduced.rbegin(); it != reduced.rend(); ++it)
      region.push_back(Halide::Range(0, static_cast<int>(*it)));
    RDom r(region, f.name() + "_r");
    Index rv;
    for (size_t i = 0; i < reduced.size(); ++i)
      rv.push_back(r[int(reduced.size() - 1 - i)]);
    f(hv) = Expr(0.0f);
    f(hv) += term(v, rv);
    values[result] = {f, shape};
    infos.back().shape = shape;
    infos.back().reduction = r;
    infos.back().contiguousRVars = contiguous;
  }
  Halide::ImageParam input(PipelineInput::Kind kind, const std::string &name, Value value,
                           Operation *randomOp = nullptr) {
    // A parameter and its gradient (an update's input) share a name.
    std::string key = std::string(manifest::spelling(kind)) + ":" + name;
    auto it = inputIndex.find(key);
    if (it != inputIndex.end())
      return inputs[it->second].param;
    Shape shape = shapeOf(value);
    Halide::ImageParam param(Halide::Float(32), static_cast<int>(shape.size()),
                             imageParamName(kind, name));
    inputIndex[key] = inputs.size();
    inputs.push_back({kind, name, shape, param, randomOp});
    return param;
  }
  void bindInput(Value result, Halide::ImageParam param) {
    Shape shape = shapeOf(result);
    Func f(param.name() + "_in");
    std::vector<Var> hv = halideVars(shape.size());
    std::vector<Expr> args(hv.begin(), hv.end());
    f(hv) = param(args);
    track(result.getDefiningOp(), {f, shape, FuncKind::Input});
    values[result] = {f, shape};
  }

  LogicalResult lower(Operation *op);
  void lowerConvolution(Operation *op, ConvStages::Form form);
  void lowerBatchNorm(BatchNormOp op);
  void lowerLoss(Operation *op);
  void lowerMove(Operation *op);
  void lowerCategorical(CategoricalOp op);

  std::string prefix;
  Halide::Target target;
  HalideMath math;
  int lanes;
  bool perExample; // see lowerStep
  llvm::DenseMap<Value, Lowered> values;
  llvm::DenseMap<Value, Func> outputCopies;
  /// Transposed copies of matmul operands, one per value however many
  /// matmuls read it transposed (a discriminator's weights, for real and
  /// fake examples).
  llvm::DenseMap<Value, Func> transposedCopies;
  std::vector<PipelineInput> inputs;
  std::map<std::string, size_t> inputIndex;
  std::vector<PipelineOutput> outputs;
  std::vector<FuncInfo> infos;
  std::vector<Operation *> infoOps; // parallel to infos
  unsigned counter = 0, randomCounter = 0;
};

LogicalResult Lowering::bindArgument(BlockArgument arg, const std::string &name) {
  bindInput(arg, input(PipelineInput::Kind::Argument, name, arg));
  return success();
}

LogicalResult Lowering::lowerBlock(Block &block) {
  for (Operation &op : block)
    if (failed(lower(&op)))
      return failure();
  return success();
}

void Lowering::addOutput(PipelineOutput::Kind kind, const std::string &name, Value value) {
  Func f = values[value].func;
  // An elementwise value that other values are computed from is written
  // out by a copy of its own, so that it can stay inline in its consumer
  // (Adam's new moments in the parameter update) and the outputs of one
  // shape carry no dependencies between them (see the policy's
  // compute_with).
  // A matmul is computed tile by tile inside the value it flows into, so
  // one written out (a gradient of data-parallel training) gets a copy too,
  // whose tiles compute it: its epilogue.
  auto info = llvm::find_if(infos, [&](const FuncInfo &i) { return i.func.name() == f.name(); });
  size_t index = size_t(info - infos.begin());
  bool consumed = llvm::any_of(value.getUsers(), [](Operation *u) { return u->getNumResults(); });
  bool copied = info != infos.end() &&
                (info->kind == FuncKind::Elementwise || info->kind == FuncKind::Constant);
  bool matmul = info != infos.end() && info->kind == FuncKind::Matmul;
  if ((copied && consumed) || matmul) {
    auto [copy, fresh] = outputCopies.try_emplace(value);
    if (fresh) {
      copy->second = Func(f.name() + "_out");
      std::vector<Var> hv = halideVars(shapeOf(value).size());
      copy->second(hv) = f(hv);
      track(nullptr, {copy->second, shapeOf(value), FuncKind::Elementwise});
      if (matmul && !consumed)
        infos[index].soleReader = infos.size() - 1;
    }
    f = copy->second;
  }
  outputs.push_back({kind, name, shapeOf(value), f});
}

/// When the objective is the batch mean of one value per example (or, for
/// `maximize`, its negation), also writes each example's objective: a
/// padded batch's objective is then the mean over its real rows alone.
void Lowering::addExamplesOutput(Value objective) {
  bool neg = false;
  Value examples = perExampleObjective(objective, &neg);
  if (!examples)
    return;
  Func f(prefix + "_examples");
  Var b = halideVars(1)[0];
  Expr value = at(examples, {b});
  f(b) = neg ? -value : value;
  track(nullptr, {f, shapeOf(examples), FuncKind::Elementwise});
  outputs.push_back({PipelineOutput::Kind::Result, "examples", shapeOf(examples), f});
}

void Lowering::lowerConvolution(Operation *op, ConvStages::Form form) {
  Value x = op->getOperand(0), other = op->getOperand(1), y = op->getResult(0);
  SmallVector<int64_t> s = ints(op->getAttrOfType<ArrayAttr>("strides"));
  SmallVector<int64_t> p = ints(op->getAttrOfType<ArrayAttr>("padding"));
  ConvOperands operands{values[x].func, values[other].func, shapeOf(x), shapeOf(other),
                        shapeOf(y), {s[0], s[1]}, {p[0], p[1]}};
  Func f = newFunc(op, FuncKind::Convolution);
  size_t index = infos.size() - 1;
  // Fewer output channels than a vector: schedules vectorize over columns.
  bool cpu = !target.has_gpu_feature();
  bool phaseMajor = cpu && shapeOf(y)[1] < lanes;
  auto stages =
      std::make_shared<ConvStages>(defineConvolution(form, operands, f, phaseMajor, cpu));
  values[y] = {f, shapeOf(y)};
  infos[index].shape = shapeOf(y);
  infos[index].conv = stages;
  for (Func stage : {stages->padded, stages->packed, stages->acc})
    track(op, {stage, {}, FuncKind::ConvStage});
}

void Lowering::lowerBatchNorm(BatchNormOp op) {
  Shape xs = shapeOf(op.getInput());
  int64_t N = xs[0], S = 1;
  for (size_t d = 2; d < xs.size(); ++d)
    S *= xs[d];
  Func x = values[op.getInput()].func;
  auto elem = [&](Expr n, Expr c, Expr k) {
    // x[n, c, k] with k the flattened spatial index.
    if (xs.size() == 2)
      return x(c, n);
    return x(k % int(xs[3]), k / int(xs[3]), c, n);
  };
  Var c("c");
  // Space innermost: it is contiguous in memory.
  RDom r(0, int(S), 0, int(N), "bn_r");
  Func mean(x.name() + "_bn_mean"), var(x.name() + "_bn_var");
  float count = float(N * S);
  mean(c) = 0.0f;
  mean(c) += elem(r.y, c, r.x) / count;
  var(c) = 0.0f;
  Expr centered = elem(r.y, c, r.x) - mean(c);
  var(c) += centered * centered / count;
  int contiguous = xs.size() > 2 ? 1 : 0;
  track(op, {mean, {xs[1]}, FuncKind::Reduction});
  infos.back().reduction = r;
  infos.back().contiguousRVars = contiguous;
  track(op, {var, {xs[1]}, FuncKind::Reduction});
  infos.back().reduction = r;
  infos.back().contiguousRVars = contiguous;
  Func f = newFunc(op, FuncKind::Elementwise);
  Func gamma = values[op.getGamma()].func, beta = values[op.getBeta()].func;
  float eps = float(op.getEpsilon().convertToDouble());
  define(op.getResult(), f, [&](const Index &v) {
    return gamma(v[1]) * (at(op.getInput(), v) - mean(v[1])) /
               Halide::sqrt(var(v[1]) + eps) +
           beta(v[1]);
  });
}

/// Gumbel-max: the one-hot of argmax_k (logits - log(-log u)). Halide
/// compiles floats assuming no infinities (unless strict_float), so neither
/// Halide::argmax (which starts from -inf) nor log(0) may appear: the
/// search starts from category 0, and u is kept at least FLT_MIN.
void Lowering::lowerCategorical(CategoricalOp op) {
  Shape shape = shapeOf(op.getResult());
  bool shared = shapeOf(op.getLogits()).size() == 1;
  Func best = newFunc(op, FuncKind::Reduction);
  Var n = halideVars(1)[0];
  auto score = [&](Expr k) {
    Expr logit = shared ? at(op.getLogits(), {k}) : at(op.getLogits(), {n, k});
    Expr u = Halide::max(at(op.getUniform(), {n, k}), std::numeric_limits<float>::min());
    return logit - Halide::log(-Halide::log(u));
  };
  Func search(best.name() + "_argmax");
  search(n) = Halide::Tuple(0, score(0));
  if (shape[1] > 1) {
    RDom k(1, int(shape[1]) - 1, best.name() + "_k");
    Expr better = score(k) > search(n)[1];
    search(n) = Halide::Tuple(Halide::select(better, k.x, search(n)[0]),
                              Halide::select(better, score(k), search(n)[1]));
  }
  best(n) = Halide::cast<float>(search(n)[0]);
  infos.back().shape = {shape[0]};
  Func f = newFunc(op, FuncKind::Elementwise);
  define(op.getResult(), f, [&](const Index &v) {
    return Halide::select(Halide::cast<float>(v[1]) == best(v[0]), 1.0f, 0.0f);
  });
}

void Lowering::lowerLoss(Operation *op) {
  Value p = op->getOperand(0), t = op->getOperand(1);
  Shape ps = shapeOf(p);
  Shape per(ps.begin() + 1, ps.end());
  int64_t perCount = 1;
  for (int64_t d : per)
    perCount *= d;
  Func f = newFunc(op, FuncKind::Reduction);
  auto element = [&](const Index &o, const Index &r) {
    Index full = {o[0]};
    full.insert(full.end(), r.begin(), r.end());
    return std::make_pair(at(p, full), at(t, broadcastIndex(t, ps, full)));
  };
  if (isa<SoftmaxCrossEntropyOp>(op)) {
    // sum_k y_k (lse(z) - z_k), with lse shifted by the row maximum.
    Func rowMax(f.name() + "_max"), lse(f.name() + "_lse");
    Var n("n");
    RDom k(0, int(ps[1]), f.name() + "_k");
    rowMax(n) = Halide::maximum(values[p].func(k, n));
    lse(n) = rowMax(n) + Halide::log(Halide::sum(Halide::exp(values[p].func(k, n) - rowMax(n))));
    // (After defineSum, which describes the loss itself: infos.back().)
    defineSum(
        op->getResult(0), f, per,
        [&](const Index &o, const Index &r) {
          auto [z, y] = element(o, r);
          return y * (lse(o[0]) - z);
        },
        int(per.size()));
    track(op, {rowMax, {ps[0]}, FuncKind::Reduction});
    track(op, {lse, {ps[0]}, FuncKind::Reduction});
    return;
  }
  defineSum(op->getResult(0), f, per, [&](const Index &o, const Index &r) -> Expr {
    auto [pv, tv] = element(o, r);
    if (isa<BCEOp>(op))
      return -(tv * Halide::max(Halide::log(pv), -100.0f) +
               (1.0f - tv) * Halide::max(Halide::log(1.0f - pv), -100.0f));
    if (isa<BCEWithLogitsOp>(op))
      return Halide::max(pv, 0.0f) - pv * tv + Halide::log(1.0f + Halide::exp(-Halide::abs(pv)));
    Expr d = pv - tv; // mse
    return d * d / float(perCount);
  }, int(per.size()));
}

namespace {
/// The input index a reshape from `in` to `out` reads at output index `v`.
/// Unit dimensions read index 0; the dimensions both shapes keep in front
/// (a batch) and at the back map one to one; only what is left goes through
/// a linear index, whose outermost input dimension needs no modulo. So
/// dcgan's [64, 6272] -> [64, 128, 7, 7] reads element (c 7 + y) 7 + x of
/// row n, where the whole flat index divided and reduced modulo 6272 cost a
/// vector division per element of the convolution's padded input.
Index reshapeIndex(ArrayRef<int64_t> in, ArrayRef<int64_t> out, const Index &v) {
  SmallVector<size_t> inDims; // positions of in's non-unit dimensions
  SmallVector<int64_t> outExtents;
  Index outIndex;
  for (size_t d = 0; d < in.size(); ++d)
    if (in[d] != 1)
      inDims.push_back(d);
  for (size_t d = 0; d < out.size(); ++d)
    if (out[d] != 1) {
      outExtents.push_back(out[d]);
      outIndex.push_back(v[d]);
    }
  Index idx(in.size(), Expr(0));
  size_t front = 0, inBack = inDims.size(), outBack = outExtents.size();
  for (; front < inBack && front < outBack && in[inDims[front]] == outExtents[front]; ++front)
    idx[inDims[front]] = outIndex[front];
  for (; inBack > front && outBack > front && in[inDims[inBack - 1]] == outExtents[outBack - 1];
       --inBack, --outBack)
    idx[inDims[inBack - 1]] = outIndex[outBack - 1];
  Expr linear = 0;
  for (size_t d = front; d < outBack; ++d)
    linear = linear * int(outExtents[d]) + outIndex[d];
  for (size_t d = inBack; d-- > front;) {
    int extent = int(in[inDims[d]]);
    idx[inDims[d]] = d == front ? linear : linear % extent;
    linear = linear / extent;
  }
  return idx;
}
} // namespace

/// Reshape, broadcast_to, transpose, slice, pad and concat: index maps.
void Lowering::lowerMove(Operation *op) {
  Value result = op->getResult(0);
  Shape out = shapeOf(result);
  Func f = newFunc(op, FuncKind::Elementwise);
  if (auto reshape = dyn_cast<ReshapeOp>(op)) {
    Shape in = shapeOf(reshape.getInput());
    define(result, f,
           [&](const Index &v) { return at(reshape.getInput(), reshapeIndex(in, out, v)); });
  } else if (auto bc = dyn_cast<BroadcastToOp>(op)) {
    define(result, f, [&](const Index &v) {
      return at(bc.getInput(), broadcastIndex(bc.getInput(), out, v));
    });
  } else if (auto tr = dyn_cast<TransposeOp>(op)) {
    SmallVector<int64_t> perm = ints(tr.getPermutation());
    define(result, f, [&](const Index &v) {
      Index idx(perm.size());
      for (size_t d = 0; d < perm.size(); ++d)
        idx[perm[d]] = v[d];
      return at(tr.getInput(), idx);
    });
  } else if (auto slice = dyn_cast<SliceOp>(op)) {
    SmallVector<int64_t> offsets = ints(slice.getOffsets());
    define(result, f, [&](const Index &v) {
      Index idx;
      for (size_t d = 0; d < v.size(); ++d)
        idx.push_back(v[d] + int(offsets[d]));
      return at(slice.getInput(), idx);
    });
  } else if (auto pad = dyn_cast<PadOp>(op)) {
    SmallVector<int64_t> low = ints(pad.getLow());
    Shape in = shapeOf(pad.getInput());
    Halide::Region bounds;
    for (auto it = in.rbegin(); it != in.rend(); ++it)
      bounds.push_back(Halide::Range(0, int(*it)));
    Func zeroOutside = Halide::BoundaryConditions::constant_exterior(values[pad.getInput()].func,
                                                                     0.0f, bounds);
    define(result, f, [&](const Index &v) {
      Index idx;
      for (size_t d = 0; d < v.size(); ++d)
        idx.push_back(v[d] - int(low[d]));
      return zeroOutside(halideOrder(idx));
    });
  } else {
    auto concat = cast<ConcatOp>(op);
    int64_t axis = concat.getAxis();
    define(result, f, [&](const Index &v) {
      // Select the input whose range holds v[axis]; clamp every other
      // input's index into its own range so bounds stay exact.
      Expr value;
      int64_t start = 0;
      std::vector<std::pair<Expr, Expr>> cases;
      for (Value in : concat.getInputs()) {
        int64_t extent = shapeOf(in)[axis];
        Index idx = v;
        idx[axis] = Halide::clamp(v[axis] - int(start), 0, int(extent - 1));
        cases.push_back({v[axis] < int(start + extent), at(in, idx)});
        start += extent;
      }
      value = cases.back().second;
      for (int i = int(cases.size()) - 2; i >= 0; --i)
        value = Halide::select(cases[i].first, cases[i].second, value);
      return value;
    });
  }
}

LogicalResult Lowering::lower(Operation *op) {
  if (ScalarFunction<HalideMath> fn = scalarFunction(op, math)) {
    Value result = op->getResult(0);
    Shape out = shapeOf(result);
    Func f = newFunc(op, FuncKind::Elementwise);
    infos.back().pointwise = true;
    define(result, f, [&](const Index &v) {
      std::vector<Expr> args;
      for (Value operand : op->getOperands())
        args.push_back(at(operand, broadcastIndex(operand, out, v)));
      return fn(args);
    });
    return success();
  }
  auto reduce = [&](SmallVector<int64_t> axes, bool mean) {
    Value in = op->getOperand(0), result = op->getResult(0);
    Shape inShape = shapeOf(in);
    SmallVector<int64_t> extents;
    double count = 1;
    for (int64_t a : axes) {
      extents.push_back(inShape[a]);
      count *= inShape[a];
    }
    auto full = [&](const Index &o, const Index &r) {
      Index idx;
      size_t kept = 0, red = 0;
      for (size_t d = 0; d < inShape.size(); ++d)
        idx.push_back(llvm::is_contained(axes, int64_t(d)) ? r[red++] : o[kept++]);
      return idx;
    };
    if (isa<LogSumExpOp>(op)) {
      Func maxF = newFunc(op, FuncKind::Reduction);
      Shape outShape = shapeOf(result);
      Index v = vars(outShape.size());
      Halide::Region region;
      for (int64_t e : extents)
        region.push_back(Halide::Range(0, int(e)));
      RDom r(region, maxF.name() + "_r");
      Index rv;
      for (size_t i = 0; i < extents.size(); ++i)
        rv.push_back(r[i]);
      maxF(halideVars(outShape.size())) = Halide::maximum(at(in, full(v, rv)));
      infos.back().shape = outShape;
      Func f = newFunc(op, FuncKind::Reduction);
      RDom r2(region, f.name() + "_r");
      Index rv2;
      for (size_t i = 0; i < extents.size(); ++i)
        rv2.push_back(r2[i]);
      f(halideVars(outShape.size())) =
          maxF(halideOrder(v)) +
          Halide::log(Halide::sum(Halide::exp(at(in, full(v, rv2)) - maxF(halideOrder(v)))));
      infos.back().shape = outShape;
      values[result] = {f, outShape};
      return success();
    }
    Func f = newFunc(op, FuncKind::Reduction);
    float scale = mean ? float(1.0 / count) : 1.0f;
    int contiguous = 0; // trailing dimensions all reduced
    while (contiguous < int(axes.size()) &&
           axes[axes.size() - 1 - contiguous] == int64_t(inShape.size()) - 1 - contiguous)
      ++contiguous;
    defineSum(
        result, f, extents,
        [&](const Index &o, const Index &r) {
          return mean ? at(in, full(o, r)) * scale : at(in, full(o, r));
        },
        contiguous);
    return success();
  };
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](ConstantOp c) {
        auto attr = c.getValue().cast<DenseElementsAttr>();
        Func f = newFunc(op, FuncKind::Constant);
        if (attr.isSplat()) {
          float value = attr.getSplatValue<float>();
          define(c.getResult(), f, [&](const Index &) { return Expr(value); });
        } else {
          Shape shape = shapeOf(c.getResult());
          std::vector<int> extents(shape.rbegin(), shape.rend());
          Halide::Buffer<float> buffer(extents);
          auto floats = llvm::to_vector(attr.getValues<float>());
          std::copy(floats.begin(), floats.end(), buffer.data());
          define(c.getResult(), f, [&](const Index &v) { return buffer(halideOrder(v)); });
        }
        return success();
      })
      .Case([&](GetInputOp g) {
        bindInput(g, input(PipelineInput::Kind::Input, g.getInput().str(), g));
        return success();
      })
      .Case([&](GetParamOp g) {
        bindInput(g, input(PipelineInput::Kind::Param, paramKey(g.getParam()), g));
        return success();
      })
      .Case([&](GetStateOp g) {
        bindInput(g, input(PipelineInput::Kind::State, g.getState().str(), g));
        return success();
      })
      .Case([&](GetGradientOp g) {
        bindInput(g, input(PipelineInput::Kind::Gradient, paramKey(g.getParam()), g));
        return success();
      })
      .Case<NormalOp, UniformOp>([&](Operation *r) {
        std::string name = "random." + std::to_string(randomCounter++);
        bindInput(r->getResult(0), input(PipelineInput::Kind::Random, name, r->getResult(0), r));
        return success();
      })
      .Case<ReshapeOp, BroadcastToOp, TransposeOp, SliceOp, PadOp, ConcatOp>([&](Operation *m) {
        lowerMove(m);
        return success();
      })
      .Case([&](SumOp s) { return reduce(ints(s.getAxes()), false); })
      .Case([&](MeanOp s) { return reduce(ints(s.getAxes()), true); })
      .Case([&](LogSumExpOp s) { return reduce(ints(s.getAxes()), false); })
      .Case([&](MatmulOp mm) {
        bool ta = mm.getTransposeLhs(), tb = mm.getTransposeRhs();
        Shape a = shapeOf(mm.getLhs()), b = shapeOf(mm.getRhs());
        int64_t K = ta ? a[0] : a[1];
        // A transposed rhs would be read across rows in the vectorized
        // column loop (a gather per element): transpose it once instead.
        Func rhs = values[mm.getRhs()].func;
        if (tb) {
          Func &packed = transposedCopies[mm.getRhs()];
          if (!packed.defined()) {
            packed = Func(rhs.name() + "_transposed_" + std::to_string(counter++));
            Var x("x"), y("y");
            packed(x, y) = rhs(y, x);
            track(nullptr, {packed, {b[1], b[0]}, FuncKind::Transpose});
          }
          rhs = packed;
        }
        Func f = newFunc(op, FuncKind::Matmul);
        defineSum(mm.getResult(), f, {K}, [&](const Index &o, const Index &r) {
          Expr i = o[0], j = o[1], k = r[0];
          return at(mm.getLhs(), ta ? Index{k, i} : Index{i, k}) * rhs(j, k);
        });
        infos.back().lhs = values[mm.getLhs()].func;
        infos.back().rhs = rhs;
        return success();
      })
      .Case([&](Conv2DOp c) {
        lowerConvolution(c, ConvStages::Form::Conv2D);
        return success();
      })
      .Case([&](ConvTranspose2DOp c) {
        lowerConvolution(c, ConvStages::Form::ConvTranspose2D);
        return success();
      })
      .Case([&](Conv2DFilterGradOp c) {
        lowerConvolution(c, ConvStages::Form::FilterGrad);
        return success();
      })
      .Case([&](BatchNormOp bn) {
        lowerBatchNorm(bn);
        return success();
      })
      .Case([&](CategoricalOp c) {
        lowerCategorical(c);
        return success();
      })
      .Case<BCEOp, BCEWithLogitsOp, MSEOp, SoftmaxCrossEntropyOp>([&](Operation *l) {
        lowerLoss(l);
        return success();
      })
      .Case([&](SetParamOp s) {
        addOutput(PipelineOutput::Kind::Param, paramKey(s.getParam()), s.getValue());
        return success();
      })
      .Case([&](GradientOp g) {
        addOutput(PipelineOutput::Kind::Gradient, paramKey(g.getParam()), g.getValue());
        return success();
      })
      .Case([&](SetStateOp s) {
        addOutput(PipelineOutput::Kind::State, s.getState().str(), s.getValue());
        return success();
      })
      .Case([&](MinimizeOp m) {
        addOutput(PipelineOutput::Kind::Objective, "objective", m.getObjective());
        if (perExample)
          addExamplesOutput(m.getObjective());
        return success();
      })
      .Case([&](YieldOp y) {
        addOutput(PipelineOutput::Kind::Result, "result.0", y.getValue());
        return success();
      })
      .Case([&](ReturnOp r) {
        for (unsigned i = 0; i < r.getNumOperands(); ++i)
          addOutput(PipelineOutput::Kind::Result, "result." + std::to_string(i), r.getOperand(i));
        return success();
      })
      .Case<ParamOp>([](Operation *) { return success(); })
      .Default([](Operation *other) {
        return other->emitOpError("cannot be lowered to Halide (inline nets and lower the "
                                  "optimizer first)");
      });
}

/// Declares a dense row-major buffer of `shape` with minimum 0 (what the
/// runtime and the tests pass): every bound in the pipeline becomes a
/// compile-time constant, so tiles and loop tails are resolved statically.
template <typename Buffer> void constrainShape(Buffer buffer, ArrayRef<int64_t> shape) {
  int stride = 1;
  for (size_t d = 0; d < shape.size(); ++d) {
    int extent = static_cast<int>(shape[shape.size() - 1 - d]);
    buffer.dim(static_cast<int>(d)).set_bounds(0, extent).set_stride(stride);
    stride *= extent;
  }
}

/// What the policy needs of the IR, as plain facts about each Func: how
/// many values are computed from its op's result, whether one of them
/// rereads it, and the pointwise Func of its only reader.
void Lowering::describeConsumers() {
  llvm::DenseMap<Operation *, size_t> pointwiseOf;
  for (size_t i = 0; i < infos.size(); ++i)
    if (infos[i].pointwise && infoOps[i]) {
      bool fresh = pointwiseOf.try_emplace(infoOps[i], i).second;
      assert(fresh && "one pointwise Func per op");
      (void)fresh;
    }
  for (size_t i = 0; i < infos.size(); ++i) {
    Operation *op = infoOps[i];
    if (!op || op->getNumResults() == 0)
      continue;
    FuncInfo &info = infos[i];
    Operation *reader = nullptr;
    bool sole = true;
    for (Operation *user : op->getResult(0).getUsers()) {
      if (user->getNumResults() != 0) {
        ++info.consumers;
        info.reread |= user->hasTrait<RereadsOperands>();
      }
      if (user == reader)
        continue; // reads it twice
      sole &= !reader && user->getNumResults() != 0; // not a second reader, nor an output
      reader = user;
    }
    auto found = sole && reader ? pointwiseOf.find(reader) : pointwiseOf.end();
    if (found != pointwiseOf.end())
      info.soleReader = found->second;
  }
}

LoweredPipeline Lowering::finish(const std::string &name) {
  for (PipelineInput &in : inputs)
    constrainShape(in.param, in.shape);
  for (PipelineOutput &out : outputs)
    constrainShape(out.func.output_buffer(), out.shape);
  // Outputs are computed at root; count consumers for the policy.
  std::set<std::string> outputNames;
  for (const PipelineOutput &out : outputs)
    outputNames.insert(out.func.name());
  for (FuncInfo &info : infos)
    info.isOutput = outputNames.count(info.func.name()) > 0;
  describeConsumers();
  applySchedulePolicy(infos, target);
  LoweredPipeline result;
  result.name = name;
  result.inputs = std::move(inputs);
  result.outputs = std::move(outputs);
  return result;
}
} // namespace

FailureOr<LoweredPipeline> genc::halide::lowerStep(StepOp step, const Halide::Target &target,
                                                  bool perExample) {
  Lowering lowering(step.getSymName().str(), target, perExample);
  if (failed(lowering.lowerBlock(step.getBody().front())))
    return failure();
  return lowering.finish(step.getSymName().str());
}

FailureOr<LoweredPipeline> genc::halide::lowerDeclaration(Block &body, StringRef name,
                                                         StringRef argumentName,
                                                         const Halide::Target &target) {
  Lowering lowering(name.str(), target);
  for (BlockArgument arg : body.getArguments())
    (void)lowering.bindArgument(arg, argumentName.str());
  if (failed(lowering.lowerBlock(body)))
    return failure();
  return lowering.finish(name.str());
}

FailureOr<LoweredPipeline> genc::halide::forwardToNet(const LoweredPipeline &net,
                                                     StringRef callee,
                                                     PipelineInput::Kind argumentKind,
                                                     StringRef argumentName, StringRef name) {
  if (net.outputs.size() != 1)
    return failure();
  LoweredPipeline forward{name.str(), {}, {}};
  std::vector<Halide::ExternFuncArgument> arguments;
  for (PipelineInput in : net.inputs) {
    if (in.kind == PipelineInput::Kind::Argument) {
      in.kind = argumentKind;
      in.name = argumentName.str();
    }
    in.param = Halide::ImageParam(Halide::Float(32), static_cast<int>(in.shape.size()),
                                  imageParamName(in.kind, in.name));
    arguments.push_back(in.param.parameter());
    forward.inputs.push_back(std::move(in));
  }
  PipelineOutput result = net.outputs.front();
  result.func = Func(name.str() + "_" + callee.str());
  result.func.define_extern(callee.str(), arguments, Halide::Float(32),
                            static_cast<int>(result.shape.size()));
  forward.outputs.push_back(std::move(result));
  return forward;
}

FailureOr<LoweredPipeline> genc::halide::lowerAveraging(const LoweredPipeline &step,
                                                       StringRef name,
                                                       const Halide::Target &target) {
  LoweredPipeline averaging{name.str(), {}, {}};
  Halide::ImageParam decay(Halide::Float(32), 0, "decay");
  averaging.inputs.push_back({PipelineInput::Kind::Decay, "decay", {}, decay});
  std::vector<FuncInfo> infos;
  for (const PipelineOutput &out : step.outputs) {
    if (out.kind != PipelineOutput::Kind::Param)
      continue;
    int rank = static_cast<int>(out.shape.size());
    std::string id = imageParamName(PipelineInput::Kind::Param, out.name);
    Halide::ImageParam param(Halide::Float(32), rank, id);
    Halide::ImageParam average(Halide::Float(32), rank, "average_" + id);
    averaging.inputs.push_back({PipelineInput::Kind::Param, out.name, out.shape, param});
    averaging.inputs.push_back({PipelineInput::Kind::Average, out.name, out.shape, average});
    std::vector<Var> vars = halideVars(out.shape.size());
    Func next("average_" + id + "_next");
    next(vars) = decay() * average(vars) + (1.0f - decay()) * param(vars);
    averaging.outputs.push_back({PipelineOutput::Kind::Average, out.name, out.shape, next});
    FuncInfo info{next, out.shape, FuncKind::Elementwise};
    info.isOutput = info.pointwise = true;
    infos.push_back(std::move(info));
  }
  if (averaging.outputs.empty())
    return failure();
  for (PipelineInput &in : averaging.inputs)
    constrainShape(in.param, in.shape);
  for (PipelineOutput &out : averaging.outputs)
    constrainShape(out.func.output_buffer(), out.shape);
  applySchedulePolicy(infos, target);
  return averaging;
}

FailureOr<LoweredPipeline> genc::halide::lowerNet(NetOp net, const Halide::Target &target) {
  Lowering lowering(net.getSymName().str(), target);
  Block &body = net.getBody().front();
  for (BlockArgument arg : body.getArguments()) {
    auto name = net.getArgAttrOfType<StringAttr>(arg.getArgNumber(), "gen.name");
    (void)lowering.bindArgument(arg, name ? name.str() : "arg" + std::to_string(arg.getArgNumber()));
  }
  if (failed(lowering.lowerBlock(body)))
    return failure();
  return lowering.finish(net.getSymName().str());
}
