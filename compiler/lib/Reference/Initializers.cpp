//===- Initializers.cpp - Parameter and state initialization, randomness --===//
#include "genc/Reference/Interpreter.h"
#include "genc/runtime/Initializers.h"

#include <cmath>

using namespace mlir;
using namespace genc;
using namespace genc::gen;
using namespace genc::reference;

namespace {
/// The random inputs' generators, seeded as the parameters' are.
std::mt19937_64 generatorFor(uint64_t seed, llvm::StringRef name) {
  uint64_t hash = 1469598103934665603ULL; // FNV-1a
  for (char c : name)
    hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  std::seed_seq seq{uint32_t(seed), uint32_t(seed >> 32), uint32_t(hash), uint32_t(hash >> 32)};
  return std::mt19937_64(seq);
}
} // namespace

std::map<std::string, Tensor>
genc::reference::initializeParams(ModelOp model, uint64_t seed,
                                  const std::map<std::string, Tensor> &inputs) {
  // The inputs in single precision, as the runtime seeds from them.
  std::map<std::string, std::vector<float>> rows;
  std::map<std::string, const float *> examples;
  int64_t count = 0;
  for (const auto &[name, t] : inputs) {
    rows[name].assign(t.data.begin(), t.data.end());
    examples[name] = rows[name].data();
    count = t.shape.empty() ? 0 : t.shape[0];
  }
  std::map<std::string, Tensor> params;
  for (NetOp net : model.getBody().getOps<NetOp>())
    for (ParamOp param : getParams(net)) {
      std::string key = paramKey(net, param), init = param.getInit().str();
      Tensor t(param.getTensorType().getShape());
      std::vector<int64_t> shape(t.shape.begin(), t.shape.end());
      if (rt::seedsFromExamples(init)) {
        rt::seedFromInput(shape, seed, key, param.getInitFromAttr().getValue().str(), examples,
                          count, t.data.data());
      } else {
        std::vector<double> args;
        for (Attribute a : param.getInitArgs())
          args.push_back(a.cast<FloatAttr>().getValueAsDouble());
        rt::initializeTensor(init, args, shape, seed, key, t.data.data());
      }
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
