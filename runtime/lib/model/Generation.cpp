//===- Generation.cpp - How a model generates, as it declares -------------===//
#include "genc/runtime/Generation.h"
#include "genc/runtime/Error.h"

#include <algorithm>
#include <cmath>

using namespace genc::rt;

std::vector<const ArgumentSpec *> genc::rt::argumentsOf(const FunctionSpec &fn,
                                                        ArgumentSpec::Kind kind) {
  std::vector<const ArgumentSpec *> args;
  for (const ArgumentSpec &a : fn.arguments)
    if (a.kind == kind)
      args.push_back(&a);
  return args;
}

int64_t genc::rt::squareImageSide(const std::vector<int64_t> &shape) {
  int64_t size = elementCount(shape);
  auto side = int64_t(std::lround(std::sqrt(double(size))));
  return side * side == size && side >= 8 ? side : 0;
}

bool Generation::logWeightExact() const {
  return logWeight && argumentsOf(*logWeight, ArgumentSpec::Kind::Random).empty();
}

namespace {
[[noreturn]] void malformed(const FunctionSpec &fn, const std::string &why) {
  throw RuntimeError("declaration '" + fn.name + "' (function " + fn.symbol + ") " + why);
}

/// The one result of a declaration's function: [batch, per-example shape...].
const ResultSpec &theResult(const FunctionSpec &fn) {
  const ResultSpec *found = nullptr;
  for (const ResultSpec &r : fn.results)
    if (r.kind == ResultSpec::Kind::Result) {
      if (found)
        malformed(fn, "has more than one result");
      found = &r;
    }
  if (!found)
    malformed(fn, "has no result");
  if (found->shape.empty() || found->shape[0] != fn.batchSize)
    malformed(fn, "has a result without the batch dimension");
  return *found;
}

std::vector<int64_t> perExample(const std::vector<int64_t> &shape) {
  return std::vector<int64_t>(shape.begin() + (shape.empty() ? 0 : 1), shape.end());
}

/// One value per example: [batch] or [batch, 1].
void checkPerExampleScalar(const FunctionSpec &fn) {
  if (elementCount(perExample(theResult(fn).shape)) != 1)
    malformed(fn, "must return one value per example");
}
} // namespace

Generation genc::rt::describeGeneration(const Manifest &manifest) {
  using Kind = FunctionSpec::Kind;
  Generation g;
  g.latent = manifest.declaration(Kind::Latent);
  g.generate = manifest.declaration(Kind::Generate);
  g.reconstruct = manifest.declaration(Kind::Reconstruct);
  g.logWeight = manifest.declaration(Kind::LogWeight);
  g.discriminate = manifest.declaration(Kind::Discriminate);
  g.classify = manifest.declaration(Kind::Classify);

  for (const FunctionSpec *fn : {g.generate, g.latent, g.reconstruct, g.logWeight, g.discriminate})
    if (fn && !g.data && !fn->subject.empty()) {
      const InputSpec *in = manifest.findInput(fn->subject);
      if (in && in->labelClasses == 0)
        g.data = in;
    }

  if (g.generate || g.latent) {
    if (!g.generate || !g.latent)
      malformed(g.generate ? *g.generate : *g.latent,
                "comes without its '" + std::string(g.generate ? "latent" : "generate") +
                    "' function");
    auto codes = argumentsOf(*g.generate, ArgumentSpec::Kind::Argument);
    if (codes.size() != 1)
      malformed(*g.generate, "must take exactly one latent argument");
    std::vector<int64_t> drawn = perExample(theResult(*g.latent).shape);
    if (codes[0]->shape.empty() || perExample(codes[0]->shape) != drawn)
      malformed(*g.generate, "takes a latent '" + codes[0]->name +
                                 "' of another shape than function 'latent' draws");
    g.latentShape = drawn;
    if (g.data && perExample(theResult(*g.generate).shape) != g.data->shape)
      malformed(*g.generate, "must return examples shaped like input '" + g.data->name + "'");
    for (const FunctionSpec *fn : {g.generate, g.latent})
      for (const InputSpec &in : manifest.inputs)
        if (!g.label && in.labelClasses > 0 && fn->readsInput(in.name))
          g.label = &in;
  }
  if (g.reconstruct && g.data && perExample(theResult(*g.reconstruct).shape) != g.data->shape)
    malformed(*g.reconstruct, "must return examples shaped like input '" + g.data->name + "'");
  if (g.logWeight)
    checkPerExampleScalar(*g.logWeight);
  if (g.discriminate)
    checkPerExampleScalar(*g.discriminate);
  if (g.classify) {
    const InputSpec *label = manifest.findInput(g.classify->subject);
    if (!label || label->labelClasses == 0)
      malformed(*g.classify, "must be about a label input");
    if (perExample(theResult(*g.classify).shape) != std::vector<int64_t>{label->labelClasses})
      malformed(*g.classify, "must return one logit per class of input '" + label->name + "'");
  }

  if (g.data)
    g.imageSide = squareImageSide(g.data->shape);
  return g;
}
