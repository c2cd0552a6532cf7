//===- Initializers.cpp - Parameter and state initialization, randomness --===//
#include "genc/Reference/Interpreter.h"

#include <cmath>

using namespace mlir;
using namespace genc;
using namespace genc::gen;
using namespace genc::reference;

namespace {
/// A generator seeded by `seed` and a name, so each tensor's values do not
/// depend on how many other tensors there are or their order.
std::mt19937_64 generatorFor(uint64_t seed, llvm::StringRef name) {
  uint64_t hash = 1469598103934665603ULL; // FNV-1a
  for (char c : name)
    hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  std::seed_seq seq{uint32_t(seed), uint32_t(seed >> 32), uint32_t(hash), uint32_t(hash >> 32)};
  return std::mt19937_64(seq);
}

/// Fan-in and fan-out of a weight: [in, out] for dense, [out, in, kh, kw]
/// for conv filters (conv_transpose filters are [in, out, kh, kw], which
/// this reads the other way round; Glorot's limit is symmetric in them).
std::pair<double, double> fans(llvm::ArrayRef<int64_t> shape) {
  if (shape.size() < 2)
    return {double(shape.empty() ? 1 : shape[0]), double(shape.empty() ? 1 : shape[0])};
  if (shape.size() == 2)
    return {double(shape[0]), double(shape[1])};
  double receptive = 1;
  for (size_t d = 2; d < shape.size(); ++d)
    receptive *= shape[d];
  return {shape[1] * receptive, shape[0] * receptive};
}
} // namespace

std::map<std::string, Tensor> genc::reference::initializeParams(ModelOp model, uint64_t seed) {
  std::map<std::string, Tensor> params;
  for (NetOp net : model.getBody().getOps<NetOp>())
    for (ParamOp param : getParams(net)) {
      std::string key = paramKey(net, param);
      Tensor t(param.getTensorType().getShape());
      std::mt19937_64 gen = generatorFor(seed, key);
      SmallVector<double, 2> args;
      for (Attribute a : param.getInitArgs())
        args.push_back(a.cast<FloatAttr>().getValueAsDouble());
      StringRef init = param.getInit();
      auto [fanIn, fanOut] = fans(t.shape);
      if (init == "ones" || init == "constant") {
        std::fill(t.data.begin(), t.data.end(), init == "ones" ? 1.0 : args[0]);
      } else if (init == "normal" || init == "he_normal") {
        double mean = init == "normal" ? args[0] : 0.0;
        double stddev = init == "normal" ? args[1] : std::sqrt(2.0 / fanIn);
        std::normal_distribution<double> dist(mean, stddev);
        for (double &x : t.data)
          x = dist(gen);
      } else if (init == "uniform" || init == "glorot_uniform") {
        double limit = std::sqrt(6.0 / (fanIn + fanOut));
        std::uniform_real_distribution<double> dist(init == "uniform" ? args[0] : -limit,
                                                    init == "uniform" ? args[1] : limit);
        for (double &x : t.data)
          x = dist(gen);
      } // zeros: already zero
      params[key] = std::move(t);
    }
  return params;
}

std::map<std::string, Tensor> genc::reference::initializeStates(ModelOp model) {
  std::map<std::string, Tensor> states;
  for (StateOp state : model.getBody().getOps<StateOp>())
    states[state.getSymName().str()] = Tensor(state.getTensorType().getShape());
  return states;
}

std::function<Tensor(Operation *)> genc::reference::makeReplayingRandom(uint64_t seed) {
  auto drawn = std::make_shared<std::map<Operation *, Tensor>>();
  auto counter = std::make_shared<uint64_t>(0);
  return [=](Operation *op) {
    auto it = drawn->find(op);
    if (it != drawn->end())
      return it->second;
    Tensor t(op->getResult(0).getType().cast<ShapedType>().getShape());
    std::mt19937_64 gen = generatorFor(seed, "random." + std::to_string((*counter)++));
    if (auto normal = dyn_cast<NormalOp>(op)) {
      std::normal_distribution<double> dist(normal.getMean().convertToDouble(),
                                            normal.getStddev().convertToDouble());
      for (double &x : t.data)
        x = dist(gen);
    } else {
      auto uniform = cast<UniformOp>(op);
      std::uniform_real_distribution<double> dist(uniform.getLow().convertToDouble(),
                                                  uniform.getHigh().convertToDouble());
      for (double &x : t.data)
        x = dist(gen);
    }
    (*drawn)[op] = t;
    return t;
  };
}
