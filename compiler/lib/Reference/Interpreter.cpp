//===- Interpreter.cpp - Reference evaluator of the gen dialect -----------===//
//
// One evaluation function per op kind, selected by TypeSwitch. Loops are
// written in the most direct form of each op's definition (see GenOps.td);
// sums accumulate in long double.
//
//===----------------------------------------------------------------------===//
#include "genc/Reference/Interpreter.h"
#include "genc/Dialect/Gen/IR/ElementwiseMath.h"

#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
using namespace genc;
using namespace genc::gen;
using namespace genc::reference;
using llvm::ArrayRef;
using llvm::SmallVector;

Tensor::Tensor(ArrayRef<int64_t> shape, double fill) : shape(shape.begin(), shape.end()) {
  size_t n = 1;
  for (int64_t d : shape)
    n *= static_cast<size_t>(d);
  data.assign(n, fill);
}

namespace {

SmallVector<int64_t, 4> shapeOf(Value v) {
  auto shape = v.getType().cast<ShapedType>().getShape();
  return SmallVector<int64_t, 4>(shape.begin(), shape.end());
}

SmallVector<int64_t, 4> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t, 4> strides(shape.size(), 1);
  for (int i = int(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

/// Maps indices of `out` to the offsets of an operand broadcast to it.
class Broadcast {
public:
  Broadcast(ArrayRef<int64_t> out, ArrayRef<int64_t> in) : out(out.begin(), out.end()) {
    SmallVector<int64_t, 4> inStrides = stridesOf(in);
    size_t lead = out.size() - in.size();
    for (size_t d = 0; d < out.size(); ++d)
      strides.push_back(d < lead || in[d - lead] == 1 ? 0 : inStrides[d - lead]);
  }
  int64_t offset(int64_t linear) const {
    int64_t result = 0;
    for (int d = int(out.size()) - 1; d >= 0; --d) {
      result += (linear % out[d]) * strides[d];
      linear /= out[d];
    }
    return result;
  }

private:
  SmallVector<int64_t, 4> out, strides;
};

SmallVector<int64_t> ints(ArrayAttr attr) {
  SmallVector<int64_t> values;
  for (Attribute a : attr)
    values.push_back(a.cast<IntegerAttr>().getInt());
  return values;
}

/// Evaluates the ops of one block.
class Evaluator {
public:
  Evaluator(const Environment &env, Interpreter::Precision precision, StepResult *result)
      : env(env), precision(precision), result(result) {}

  llvm::DenseMap<Value, Tensor> values;

  LogicalResult run(Block &block);

private:
  const Tensor &get(Value v) { return values.find(v)->second; }
  void set(Value v, Tensor t) {
    if (precision == Interpreter::Precision::Float)
      for (double &x : t.data)
        x = static_cast<float>(x);
    values[v] = std::move(t);
  }
  void branch(bool taken) {
    if (result)
      result->branchSignature.push_back(taken);
  }

  /// ElementwiseMath on doubles whose comparisons record which side each
  /// element took (the branch signature that tells gradient checks where a
  /// piecewise op switched pieces).
  struct ReferenceMath : DoubleMath {
    Evaluator *evaluator;
    explicit ReferenceMath(Evaluator *evaluator) : evaluator(evaluator) {}
    bool greater(double a, double b) const {
      evaluator->branch(a > b);
      return a > b;
    }
  };
  ReferenceMath math{this};

  /// An ElementwiseMath op, each operand broadcast to the result's shape.
  Tensor elementwise(Operation *op, const ScalarFunction<ReferenceMath> &fn) {
    Tensor t(shapeOf(op->getResult(0)));
    std::vector<const Tensor *> operands;
    std::vector<Broadcast> broadcasts;
    for (Value operand : op->getOperands()) {
      operands.push_back(&get(operand));
      broadcasts.emplace_back(t.shape, operands.back()->shape);
    }
    SmallVector<double, 2> x(operands.size());
    for (size_t i = 0; i < t.size(); ++i) {
      for (size_t k = 0; k < operands.size(); ++k)
        x[k] = operands[k]->data[broadcasts[k].offset(i)];
      t.data[i] = fn(x);
    }
    return t;
  }
  /// Folds the elements of `in` over `axes` into an output slot each.
  template <typename Fn> Tensor reduce(Value in, Value out, ArrayRef<int64_t> axes, Fn fold) {
    const Tensor &x = get(in);
    SmallVector<int64_t, 4> outShape = shapeOf(out);
    std::vector<long double> acc(Tensor(outShape).size(), 0.0L);
    SmallVector<int64_t, 4> keep;
    for (size_t d = 0; d < x.shape.size(); ++d)
      keep.push_back(llvm::is_contained(axes, int64_t(d)) ? 1 : x.shape[d]);
    SmallVector<int64_t, 4> keepStrides = stridesOf(keep);
    for (size_t i = 0; i < x.size(); ++i) {
      int64_t linear = i, o = 0;
      for (int d = int(x.shape.size()) - 1; d >= 0; --d) {
        if (keep[d] != 1)
          o += (linear % x.shape[d]) * keepStrides[d];
        linear /= x.shape[d];
      }
      fold(acc[o], x.data[i], o);
    }
    Tensor t(outShape);
    for (size_t i = 0; i < t.size(); ++i)
      t.data[i] = static_cast<double>(acc[i]);
    return t;
  }

  LogicalResult eval(Operation *op);
  Tensor conv(Operation *op, bool transposed);
  Tensor filterGrad(Conv2DFilterGradOp op);
  Tensor batchNorm(BatchNormOp op);
  Tensor loss(Operation *op);

  const Environment &env;
  Interpreter::Precision precision;
  StepResult *result;
};

LogicalResult Evaluator::run(Block &block) {
  for (Operation &op : block)
    if (failed(eval(&op)))
      return failure();
  return success();
}

Tensor Evaluator::conv(Operation *op, bool transposed) {
  const Tensor &x = get(op->getOperand(0)), &w = get(op->getOperand(1));
  SmallVector<int64_t> s = ints(op->getAttrOfType<ArrayAttr>("strides"));
  SmallVector<int64_t> p = ints(op->getAttrOfType<ArrayAttr>("padding"));
  Tensor y(shapeOf(op->getResult(0)));
  int64_t N = x.shape[0], C = x.shape[1], H = x.shape[2], W = x.shape[3];
  int64_t O = y.shape[1], Ho = y.shape[2], Wo = y.shape[3], K0 = w.shape[2], K1 = w.shape[3];
  if (!transposed) {
    // y[n,o,r,c] = sum_{ci,i,j} x[n,ci,r*s-p+i,c*s-p+j] w[o,ci,i,j]
    for (int64_t n = 0; n < N; ++n)
      for (int64_t o = 0; o < O; ++o)
        for (int64_t r = 0; r < Ho; ++r)
          for (int64_t c = 0; c < Wo; ++c) {
            long double sum = 0;
            for (int64_t ci = 0; ci < C; ++ci)
              for (int64_t i = 0; i < K0; ++i)
                for (int64_t j = 0; j < K1; ++j) {
                  int64_t yy = r * s[0] - p[0] + i, xx = c * s[1] - p[1] + j;
                  if (yy >= 0 && yy < H && xx >= 0 && xx < W)
                    sum += x.data[((n * C + ci) * H + yy) * W + xx] *
                           w.data[((o * C + ci) * K0 + i) * K1 + j];
                }
            y.data[((n * O + o) * Ho + r) * Wo + c] = static_cast<double>(sum);
          }
    return y;
  }
  // y[n,o,r*s-p+i,c*s-p+j] += x[n,ci,r,c] w[ci,o,i,j]
  std::vector<long double> acc(y.size(), 0.0L);
  for (int64_t n = 0; n < N; ++n)
    for (int64_t ci = 0; ci < C; ++ci)
      for (int64_t r = 0; r < H; ++r)
        for (int64_t c = 0; c < W; ++c)
          for (int64_t o = 0; o < O; ++o)
            for (int64_t i = 0; i < K0; ++i)
              for (int64_t j = 0; j < K1; ++j) {
                int64_t yy = r * s[0] - p[0] + i, xx = c * s[1] - p[1] + j;
                if (yy >= 0 && yy < Ho && xx >= 0 && xx < Wo)
                  acc[((n * O + o) * Ho + yy) * Wo + xx] +=
                      x.data[((n * C + ci) * H + r) * W + c] *
                      w.data[((ci * O + o) * K0 + i) * K1 + j];
              }
  for (size_t i = 0; i < y.size(); ++i)
    y.data[i] = static_cast<double>(acc[i]);
  return y;
}

Tensor Evaluator::filterGrad(Conv2DFilterGradOp op) {
  // dw[o,ci,i,j] = sum_{n,r,c} x[n,ci,r*s-p+i,c*s-p+j] dy[n,o,r,c]
  const Tensor &x = get(op.getInput()), &dy = get(op.getOutputGrad());
  SmallVector<int64_t> s = ints(op.getStrides()), p = ints(op.getPadding());
  Tensor dw(shapeOf(op.getResult()));
  int64_t N = x.shape[0], C = x.shape[1], H = x.shape[2], W = x.shape[3];
  int64_t O = dy.shape[1], Ho = dy.shape[2], Wo = dy.shape[3], K0 = dw.shape[2], K1 = dw.shape[3];
  for (int64_t o = 0; o < O; ++o)
    for (int64_t ci = 0; ci < C; ++ci)
      for (int64_t i = 0; i < K0; ++i)
        for (int64_t j = 0; j < K1; ++j) {
          long double sum = 0;
          for (int64_t n = 0; n < N; ++n)
            for (int64_t r = 0; r < Ho; ++r)
              for (int64_t c = 0; c < Wo; ++c) {
                int64_t yy = r * s[0] - p[0] + i, xx = c * s[1] - p[1] + j;
                if (yy >= 0 && yy < H && xx >= 0 && xx < W)
                  sum += x.data[((n * C + ci) * H + yy) * W + xx] *
                         dy.data[((n * O + o) * Ho + r) * Wo + c];
              }
          dw.data[((o * C + ci) * K0 + i) * K1 + j] = static_cast<double>(sum);
        }
  return dw;
}

Tensor Evaluator::batchNorm(BatchNormOp op) {
  const Tensor &x = get(op.getInput()), &gamma = get(op.getGamma()), &beta = get(op.getBeta());
  double eps = op.getEpsilon().convertToDouble();
  int64_t N = x.shape[0], C = x.shape[1], S = x.size() / (N * C);
  Tensor y(x.shape);
  for (int64_t c = 0; c < C; ++c) {
    long double sum = 0, sq = 0;
    for (int64_t n = 0; n < N; ++n)
      for (int64_t k = 0; k < S; ++k)
        sum += x.data[(n * C + c) * S + k];
    double mean = static_cast<double>(sum / (N * S));
    for (int64_t n = 0; n < N; ++n)
      for (int64_t k = 0; k < S; ++k) {
        double d = x.data[(n * C + c) * S + k] - mean;
        sq += d * d;
      }
    double invStd = 1.0 / std::sqrt(static_cast<double>(sq / (N * S)) + eps);
    for (int64_t n = 0; n < N; ++n)
      for (int64_t k = 0; k < S; ++k) {
        size_t i = (n * C + c) * S + k;
        y.data[i] = gamma.data[c] * (x.data[i] - mean) * invStd + beta.data[c];
      }
  }
  return y;
}

Tensor Evaluator::loss(Operation *op) {
  const Tensor &p = get(op->getOperand(0)), &t = get(op->getOperand(1));
  Broadcast bt(p.shape, t.shape);
  int64_t N = p.shape[0], per = p.size() / N;
  Tensor out({N});
  for (int64_t n = 0; n < N; ++n) {
    long double sum = 0;
    if (isa<SoftmaxCrossEntropyOp>(op)) {
      // sum_k y_k (lse(z) - z_k)
      double maxZ = -INFINITY;
      for (int64_t k = 0; k < per; ++k)
        maxZ = std::max(maxZ, p.data[n * per + k]);
      long double se = 0, mass = 0, dot = 0;
      for (int64_t k = 0; k < per; ++k) {
        se += std::exp(p.data[n * per + k] - maxZ);
        mass += t.data[n * per + k];
        dot += t.data[n * per + k] * p.data[n * per + k];
      }
      double lse = maxZ + std::log(static_cast<double>(se));
      out.data[n] = static_cast<double>(mass * lse - dot);
      continue;
    }
    for (int64_t k = 0; k < per; ++k) {
      size_t i = n * per + k;
      double pv = p.data[i], tv = t.data[bt.offset(i)];
      if (isa<BCEOp>(op)) {
        double logp = std::log(pv), log1mp = std::log(1 - pv);
        branch(logp > -100);
        branch(log1mp > -100);
        sum -= tv * std::max(logp, -100.0) + (1 - tv) * std::max(log1mp, -100.0);
      } else if (isa<BCEWithLogitsOp>(op)) {
        sum += std::max(pv, 0.0) - pv * tv + std::log1p(std::exp(-std::fabs(pv)));
      } else { // mse
        sum += (pv - tv) * (pv - tv) / per;
      }
    }
    out.data[n] = static_cast<double>(sum);
  }
  return out;
}

LogicalResult Evaluator::eval(Operation *op) {
  if (ScalarFunction<ReferenceMath> fn = scalarFunction(op, math)) {
    set(op->getResult(0), elementwise(op, fn));
    return success();
  }
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](ConstantOp c) {
        auto attr = c.getValue().cast<DenseElementsAttr>();
        Tensor t(shapeOf(c.getResult()));
        auto floats = llvm::to_vector(attr.getValues<float>());
        for (size_t i = 0; i < t.size(); ++i)
          t.data[i] = floats[attr.isSplat() ? 0 : i];
        set(c.getResult(), std::move(t));
        return success();
      })
      .Case([&](GetInputOp g) -> LogicalResult {
        auto it = env.inputs.find(g.getInput().str());
        if (it == env.inputs.end())
          return g.emitOpError("no value given for input ") << g.getInputAttr();
        set(g.getResult(), it->second);
        return success();
      })
      .Case([&](GetParamOp g) -> LogicalResult {
        auto it = env.params.find(paramKey(g.getParam()));
        if (it == env.params.end())
          return g.emitOpError("no value given for parameter ") << g.getParam();
        set(g.getResult(), it->second);
        return success();
      })
      .Case([&](GetStateOp g) -> LogicalResult {
        auto it = env.states.find(g.getState().str());
        if (it == env.states.end())
          return g.emitOpError("no value given for state ") << g.getStateAttr();
        set(g.getResult(), it->second);
        return success();
      })
      .Case<NormalOp, UniformOp>([&](Operation *r) -> LogicalResult {
        if (!env.random)
          return r->emitOpError("needs a random source");
        set(r->getResult(0), env.random(r));
        return success();
      })
      .Case<ReshapeOp, BroadcastToOp>([&](Operation *r) {
        const Tensor &x = get(r->getOperand(0));
        Tensor t(shapeOf(r->getResult(0)));
        if (isa<ReshapeOp>(r)) {
          t.data = x.data;
        } else {
          Broadcast bx(t.shape, x.shape);
          for (size_t i = 0; i < t.size(); ++i)
            t.data[i] = x.data[bx.offset(i)];
        }
        set(r->getResult(0), std::move(t));
        return success();
      })
      .Case([&](TransposeOp tr) {
        const Tensor &x = get(tr.getInput());
        SmallVector<int64_t> perm = ints(tr.getPermutation());
        Tensor t(shapeOf(tr.getResult()));
        SmallVector<int64_t, 4> inStrides = stridesOf(x.shape);
        for (size_t i = 0; i < t.size(); ++i) {
          int64_t linear = i, offset = 0;
          for (int d = int(t.shape.size()) - 1; d >= 0; --d) {
            offset += (linear % t.shape[d]) * inStrides[perm[d]];
            linear /= t.shape[d];
          }
          t.data[i] = x.data[offset];
        }
        set(tr.getResult(), std::move(t));
        return success();
      })
      .Case<ConcatOp, SliceOp, PadOp>([&](Operation *m) {
        // All three copy boxes of elements: out[index + shift] = in[index].
        Tensor t(shapeOf(m->getResult(0)));
        SmallVector<int64_t, 4> outStrides = stridesOf(t.shape);
        auto copy = [&](const Tensor &x, ArrayRef<int64_t> shift, ArrayRef<int64_t> lo,
                        ArrayRef<int64_t> size, bool gather) {
          // gather: out[idx] = in[idx + lo]; scatter: out[idx + shift] = in[idx].
          Tensor box(size);
          SmallVector<int64_t, 4> inStrides = stridesOf(x.shape);
          for (size_t i = 0; i < box.size(); ++i) {
            int64_t linear = i, in = 0, out = 0;
            for (int d = int(size.size()) - 1; d >= 0; --d) {
              int64_t idx = linear % size[d];
              linear /= size[d];
              in += (gather ? idx + lo[d] : idx) * inStrides[d];
              out += (gather ? idx : idx + shift[d]) * outStrides[d];
            }
            t.data[out] = x.data[in];
          }
        };
        if (auto c = dyn_cast<ConcatOp>(m)) {
          SmallVector<int64_t, 4> shift(t.shape.size(), 0);
          for (Value input : c.getInputs()) {
            const Tensor &x = get(input);
            copy(x, shift, {}, x.shape, false);
            shift[c.getAxis()] += x.shape[c.getAxis()];
          }
        } else if (auto s = dyn_cast<SliceOp>(m)) {
          copy(get(s.getInput()), {}, ints(s.getOffsets()), t.shape, true);
        } else {
          auto p = cast<PadOp>(m);
          const Tensor &x = get(p.getInput());
          copy(x, ints(p.getLow()), {}, x.shape, false);
        }
        set(m->getResult(0), std::move(t));
        return success();
      })
      .Case([&](SumOp r) {
        set(r.getResult(), reduce(r.getInput(), r.getResult(), ints(r.getAxes()),
                                  [](long double &acc, double x, int64_t) { acc += x; }));
        return success();
      })
      .Case([&](MeanOp r) {
        SmallVector<int64_t> axes = ints(r.getAxes());
        Tensor t = reduce(r.getInput(), r.getResult(), axes,
                          [](long double &acc, double x, int64_t) { acc += x; });
        double count = double(get(r.getInput()).size()) / double(t.size());
        for (double &x : t.data)
          x /= count;
        set(r.getResult(), std::move(t));
        return success();
      })
      .Case([&](LogSumExpOp r) {
        SmallVector<int64_t> axes = ints(r.getAxes());
        Tensor maxes = reduce(r.getInput(), r.getResult(), axes,
                              [first = std::vector<bool>()](long double &acc, double x,
                                                            int64_t o) mutable {
                                if (size_t(o) >= first.size())
                                  first.resize(o + 1, true);
                                acc = first[o] ? x : std::max<long double>(acc, x);
                                first[o] = false;
                              });
        Tensor t = reduce(r.getInput(), r.getResult(), axes,
                          [&](long double &acc, double x, int64_t o) {
                            acc += std::exp(x - maxes.data[o]);
                          });
        for (size_t i = 0; i < t.size(); ++i)
          t.data[i] = maxes.data[i] + std::log(t.data[i]);
        set(r.getResult(), std::move(t));
        return success();
      })
      .Case([&](MatmulOp mm) {
        const Tensor &a = get(mm.getLhs()), &b = get(mm.getRhs());
        bool ta = mm.getTransposeLhs(), tb = mm.getTransposeRhs();
        Tensor t(shapeOf(mm.getResult()));
        int64_t M = t.shape[0], N = t.shape[1], K = ta ? a.shape[0] : a.shape[1];
        for (int64_t i = 0; i < M; ++i)
          for (int64_t j = 0; j < N; ++j) {
            long double sum = 0;
            for (int64_t k = 0; k < K; ++k)
              sum += a.data[ta ? k * M + i : i * K + k] * b.data[tb ? j * K + k : k * N + j];
            t.data[i * N + j] = static_cast<double>(sum);
          }
        set(mm.getResult(), std::move(t));
        return success();
      })
      .Case([&](Conv2DOp c) {
        set(c.getResult(), conv(c, false));
        return success();
      })
      .Case([&](ConvTranspose2DOp c) {
        set(c.getResult(), conv(c, true));
        return success();
      })
      .Case([&](Conv2DFilterGradOp c) {
        set(c.getResult(), filterGrad(c));
        return success();
      })
      .Case([&](BatchNormOp bn) {
        set(bn.getResult(), batchNorm(bn));
        return success();
      })
      .Case<BCEOp, BCEWithLogitsOp, MSEOp, SoftmaxCrossEntropyOp>([&](Operation *l) {
        set(l->getResult(0), loss(l));
        return success();
      })
      .Case([&](CallOp call) -> LogicalResult {
        auto net = call->getParentOfType<ModelOp>().lookupSymbol<NetOp>(call.getCallee());
        std::vector<Tensor> args;
        for (Value v : call.getOperands())
          args.push_back(get(v));
        Evaluator inner(env, precision, result);
        Block &body = net.getBody().front();
        for (auto [arg, value] : llvm::zip(body.getArguments(), args))
          inner.values[arg] = value;
        if (failed(inner.run(body)))
          return failure();
        auto ret = cast<ReturnOp>(body.getTerminator());
        for (auto [res, v] : llvm::zip(call.getResults(), ret.getOperands()))
          set(res, inner.values.find(v)->second);
        return success();
      })
      .Case([&](GradientOp g) {
        if (result)
          result->gradients[paramKey(g.getParam())] = get(g.getValue());
        return success();
      })
      .Case([&](SetParamOp s) {
        if (result)
          result->newParams[paramKey(s.getParam())] = get(s.getValue());
        return success();
      })
      .Case([&](SetStateOp s) {
        if (result)
          result->newStates[s.getState().str()] = get(s.getValue());
        return success();
      })
      .Case([&](MinimizeOp m) {
        if (result)
          result->objective = get(m.getObjective()).scalar();
        return success();
      })
      .Case<ReturnOp, ParamOp>([](Operation *) { return success(); })
      .Default([](Operation *other) -> LogicalResult {
        return other->emitOpError("is not supported by the reference interpreter");
      });
}
} // namespace

FailureOr<StepResult> Interpreter::runStep(StepOp step, const Environment &env) {
  StepResult result;
  Evaluator evaluator(env, precision, &result);
  if (failed(evaluator.run(step.getBody().front())))
    return failure();
  return result;
}

FailureOr<std::vector<Tensor>> Interpreter::runNet(NetOp net, ArrayRef<Tensor> args,
                                                   const Environment &env) {
  Evaluator evaluator(env, precision, nullptr);
  Block &body = net.getBody().front();
  for (auto [arg, value] : llvm::zip(body.getArguments(), args))
    evaluator.values[arg] = value;
  if (failed(evaluator.run(body)))
    return failure();
  std::vector<Tensor> results;
  for (Value v : cast<ReturnOp>(body.getTerminator()).getOperands())
    results.push_back(evaluator.values.find(v)->second);
  return results;
}
