//===- GradientCheck.cpp - Autodiff against finite differences ------------===//
#include "genc/Reference/GradientCheck.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace genc;
using namespace genc::gen;
using namespace genc::reference;

double StepCheck::worst() const {
  double worst = 0;
  for (const ParamCheck &p : params) {
    if (std::isnan(p.relativeError))
      return p.relativeError; // a NaN fails any comparison with a tolerance
    worst = std::max(worst, p.relativeError);
  }
  return worst;
}

std::map<std::string, Tensor> genc::reference::makeCheckInputs(ModelOp model, uint64_t seed) {
  std::map<std::string, Tensor> inputs;
  std::mt19937_64 gen(seed);
  for (InputOp input : model.getBody().getOps<InputOp>()) {
    Tensor t(input.getTensorType().getShape());
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

FailureOr<StepCheck> genc::reference::checkGradients(StepOp step, const Environment &env,
                                                     uint64_t seed) {
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
    for (double h = 1e-6; h >= 1e-9; h /= 10) {
      FailureOr<StepResult> plus = evaluate(h), minus = evaluate(-h);
      if (failed(plus) || failed(minus))
        return failure();
      param.numeric = (plus->objective - minus->objective) / (2 * h);
      param.step = h;
      if (plus->branchSignature == minus->branchSignature)
        break;
    }
    // Rounding in the two objective values limits what a central difference
    // can resolve to about eps |f| / h.
    double noise = 4 * std::numeric_limits<double>::epsilon() *
                   std::max(1.0, std::fabs(check.objective)) / param.step;
    double scale = std::max(std::fabs(param.analytic), std::fabs(param.numeric));
    if (std::isnan(param.analytic) || std::isnan(param.numeric))
      scale = NAN;
    param.zeroWithinNoise = scale <= noise;
    param.relativeError =
        param.zeroWithinNoise ? 0.0 : std::fabs(param.analytic - param.numeric) / scale;
    check.params.push_back(std::move(param));
  }
  return check;
}
