//===- GradientCheck.cpp - Autodiff against finite differences ------------===//
#include "genc/Reference/GradientCheck.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace genc;
using namespace genc::gen;
using namespace genc::reference;

double ParamCheck::excess() const {
  if (std::isnan(relativeError) || std::isnan(errorBound))
    return NAN; // a NaN fails any comparison with a tolerance
  return std::max(0.0, relativeError - errorBound);
}

double StepCheck::worst() const {
  double worst = 0;
  for (const ParamCheck &p : params) {
    if (std::isnan(p.excess()))
      return NAN;
    worst = std::max(worst, p.excess());
  }
  return worst;
}

std::map<std::string, Tensor> genc::reference::makeCheckInputs(ModelOp model, uint64_t seed,
                                                               int64_t rows) {
  std::map<std::string, Tensor> inputs;
  std::mt19937_64 gen(seed);
  for (InputOp input : model.getBody().getOps<InputOp>()) {
    ArrayRef<int64_t> declared = input.getTensorType().getShape();
    SmallVector<int64_t, 4> shape(declared.begin(), declared.end());
    if (rows > 0)
      shape[0] = rows;
    Tensor t(shape);
    if (IntegerAttr classes = input.getLabelClassesAttr()) {
      std::uniform_int_distribution<int64_t> label(0, classes.getInt() - 1);
      for (int64_t n = 0; n < t.shape[0]; ++n)
        t.data[n * classes.getInt() + label(gen)] = 1.0;
    } else {
      std::uniform_real_distribution<double> dist(0.0, 1.0);
      for (double &x : t.data)
        x = dist(gen);
    }
    inputs[input.getSymName().str()] = std::move(t);
  }
  return inputs;
}

std::map<std::string, Tensor> genc::reference::makeCheckParams(ModelOp model, uint64_t seed) {
  int64_t rows = model.getBatchSizeAttr().getInt();
  for (NetOp net : model.getBody().getOps<NetOp>())
    for (ParamOp param : getParams(net))
      if (param.getInitFromAttr())
        rows = std::max(rows, param.getTensorType().getShape().front());
  // Examples of their own, not the check batch: finite differences at
  // x = mu would sit on the kink of any |x - mu|.
  return initializeParams(model, seed, makeCheckInputs(model, seed ^ 0x5eed5eedULL, rows));
}

FailureOr<StepCheck> genc::reference::checkGradients(StepOp step, const Environment &env,
                                                     uint64_t seed, double tolerance) {
  Interpreter interpreter;
  FailureOr<StepResult> base = interpreter.runStep(step, env);
  if (failed(base))
    return failure();
  if (base->gradients.empty()) {
    step.emitOpError("has no gradients to check (run gen-autodiff first)");
    return failure();
  }
  StepCheck check;
  check.step = step.getSymName().str();
  check.objective = base->objective;
  // Every parameter of the updated nets is checked: one without a
  // gen.gradient must have a zero finite difference.
  std::map<std::string, Tensor> gradients = base->gradients;
  for (auto ref : step.getUpdates().getAsRange<FlatSymbolRefAttr>())
    for (auto &[name, value] : env.params)
      if (llvm::StringRef(name).startswith((ref.getValue() + ".").str()) && !gradients.count(name))
        gradients[name] = Tensor(value.shape);
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  for (auto &[name, gradient] : gradients) {
    ParamCheck param;
    param.name = name;
    param.shape = gradient.shape;
    param.missing = !base->gradients.count(name);
    Tensor direction(gradient.shape);
    long double dot = 0;
    for (size_t i = 0; i < direction.size(); ++i) {
      direction.data[i] = normal(gen);
      dot += gradient.data[i] * direction.data[i];
    }
    param.analytic = static_cast<double>(dot);
    Environment shifted = env;
    const Tensor &center = env.params.at(name);
    auto evaluate = [&](double h) -> FailureOr<StepResult> {
      Tensor moved = center;
      for (size_t i = 0; i < moved.size(); ++i)
        moved.data[i] += h * direction.data[i];
      shifted.params[name] = std::move(moved);
      return interpreter.runStep(step, shifted);
    };
    // The central difference at h, and what it may be off by; the
    // truncation error only `withTruncation` (two more evaluations).
    struct Difference {
      double h, numeric, rounding, bound;
      bool smooth; // x - h .. x + h (x +- 2h withTruncation) on one smooth piece
    };
    auto differenceAt = [&](double h, bool withTruncation) -> FailureOr<Difference> {
      FailureOr<StepResult> plus = evaluate(h), minus = evaluate(-h);
      if (failed(plus) || failed(minus))
        return failure();
      Difference d{h, (plus->objective - minus->objective) / (2 * h), 0, 0, false};
      // Rounding: each objective is off by a few ulps of |f| per
      // reduction level; 16 eps |f| each, over 2h.
      d.rounding = 16 * std::numeric_limits<double>::epsilon() *
                   std::max({std::fabs(check.objective), std::fabs(plus->objective),
                             std::fabs(minus->objective)}) /
                   h;
      d.smooth = plus->branchSignature == base->branchSignature &&
                 minus->branchSignature == base->branchSignature;
      // A kink within h: the central difference lies between the one-sided
      // ones, and autodiff takes the slope of one side.
      double kink = 0;
      if (!d.smooth)
        kink = std::fabs((plus->objective - check.objective) / h -
                         (check.objective - minus->objective) / h) / 2;
      // Truncation, (third derivative) h^2 / 6: a third of the change from
      // the difference at 2h.
      double truncation = 0;
      if (withTruncation) {
        FailureOr<StepResult> plus2 = evaluate(2 * h), minus2 = evaluate(-2 * h);
        if (failed(plus2) || failed(minus2))
          return failure();
        bool wide = plus2->branchSignature == base->branchSignature &&
                    minus2->branchSignature == base->branchSignature;
        if (d.smooth && wide)
          truncation =
              std::fabs((plus2->objective - minus2->objective) / (4 * h) - d.numeric) / 3;
        d.smooth &= wide;
      }
      d.bound = d.rounding + truncation + kink;
      return d;
    };
    auto relativeError = [&](const Difference &d) {
      return std::fabs(param.analytic - d.numeric) /
             std::max(std::fabs(param.analytic), std::fabs(d.numeric));
    };
    FailureOr<Difference> best = failure();
    for (double h = 1e-6; h >= 1e-9; h /= 10) {
      best = differenceAt(h, false);
      if (failed(best))
        return failure();
      if (best->smooth)
        break;
    }
    // A difference that does not confirm the gradient within `tolerance`
    // gets its whole error bound. A small directional derivative against
    // |f| drowns in rounding at 1e-6: larger steps resolve it, as long as
    // they stay on one smooth piece and lower the bound.
    bool comparable = !std::isnan(param.analytic) && !std::isnan(best->numeric);
    if (comparable && !(relativeError(*best) <= tolerance)) {
      best = differenceAt(best->h, true);
      if (failed(best))
        return failure();
      for (double h = best->h * 10; best->smooth && best->rounding > best->bound / 2 && h <= 1e-3;
           h *= 10) {
        FailureOr<Difference> wider = differenceAt(h, true);
        if (failed(wider))
          return failure();
        if (!wider->smooth || wider->bound >= best->bound)
          break;
        best = wider;
      }
    }
    param.numeric = best->numeric;
    param.step = best->h;
    double rounding = best->rounding;
    double scale = std::max(std::fabs(param.analytic), std::fabs(param.numeric));
    if (std::isnan(param.analytic) || std::isnan(param.numeric))
      scale = NAN;
    param.zeroWithinNoise = scale <= rounding;
    param.relativeError =
        param.zeroWithinNoise ? 0.0 : std::fabs(param.analytic - param.numeric) / scale;
    param.errorBound = param.zeroWithinNoise ? 0.0 : best->bound / scale;
    check.params.push_back(std::move(param));
  }
  return check;
}
