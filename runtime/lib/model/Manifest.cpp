//===- Manifest.cpp - Reading <name>.manifest.json -----------------------===//
#include "genc/runtime/Manifest.h"
#include "genc/runtime/Initializers.h"
#include "genc/runtime/Files.h"
#include "genc/runtime/Error.h"
#include "io/Json.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

using namespace genc::rt;

namespace {
template <typename Kind> Kind kindOf(const std::string &word) {
  if (std::optional<Kind> kind = genc::manifest::parseKind<Kind>(word))
    return *kind;
  throw RuntimeError("unknown kind '" + word + "'");
}

Distribution distribution(const Json &j) {
  Distribution d{j["kind"].string(), j["a"].number(), j["b"].number()};
  if (d.kind != "normal" && d.kind != "uniform")
    throw RuntimeError("unknown distribution '" + d.kind + "'");
  return d;
}

TensorSpec tensor(const Json &j) { return {j["name"].string(), j["shape"].integers()}; }

FunctionSpec function(const Json &j, int64_t batchSize) {
  FunctionSpec f;
  f.kind = kindOf<FunctionSpec::Kind>(j["kind"].string());
  f.symbol = j["function"].string();
  f.name = j["name"].string();
  f.subject = j.get("subject", Json("")).string();
  f.batchSize = j.get("batch_size", Json(batchSize)).integer();
  for (const Json &a : j["arguments"].items()) {
    ArgumentSpec arg;
    static_cast<TensorSpec &>(arg) = tensor(a);
    arg.kind = kindOf<ArgumentSpec::Kind>(a["kind"].string());
    if (arg.kind == ArgumentSpec::Kind::Random)
      arg.noise = distribution(a["distribution"]);
    f.arguments.push_back(std::move(arg));
  }
  for (const Json &r : j["outputs"].items()) {
    ResultSpec result;
    static_cast<TensorSpec &>(result) = tensor(r);
    result.kind = kindOf<ResultSpec::Kind>(r["kind"].string());
    f.results.push_back(std::move(result));
  }
  for (const Json &u : j.get("updates", Json::array()).items())
    f.updates.push_back(u.string());
  // (An older manifest's per-net "noise" list is ignored: the declarations
  // say how a model is sampled.)
  return f;
}
/// Bounds on what a manifest may declare: far beyond any model genc
/// compiles, far below what would overflow a size or exhaust memory.
constexpr int64_t kMostElements = int64_t(1) << 32;
constexpr int64_t kMostBatch = int64_t(1) << 20;

void checkShape(const std::string &name, const std::vector<int64_t> &shape,
                const std::string &what) {
  int64_t elements = 1;
  for (int64_t d : shape) {
    if (d < 1 || d > kMostElements || elements > kMostElements / d)
      throw RuntimeError(what + " '" + name + "' has a bad shape");
    elements *= d;
  }
}

bool isIdentifier(const std::string &name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])))
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

/// Everything the runtime later indexes by: consistent, in range, or a
/// one-line error (a crafted or half-written manifest must not crash it).
void validate(const Manifest &m) {
  if (m.batchSize < 1 || m.batchSize > kMostBatch)
    throw RuntimeError("batch_size " + std::to_string(m.batchSize) + " is out of range");
  std::map<std::string, const TensorSpec *> params, states;
  for (const ParamSpec &p : m.params) {
    checkShape(p.name, p.shape, "parameter");
    if (!params.emplace(p.name, &p).second)
      throw RuntimeError("parameter '" + p.name + "' is declared twice");
  }
  for (const TensorSpec &t : m.states) {
    checkShape(t.name, t.shape, "state");
    if (!states.emplace(t.name, &t).second)
      throw RuntimeError("state '" + t.name + "' is declared twice");
  }
  for (const InputSpec &in : m.inputs) {
    checkShape(in.name, in.shape, "input");
    if (in.labelClasses < 0 ||
        (in.labelClasses > 0 && in.shape != std::vector<int64_t>{in.labelClasses}))
      throw RuntimeError("input '" + in.name + "' has bad label classes");
  }
  for (const ParamSpec &p : m.params) {
    if (seedsFromExamples(p.init) && p.initFrom.empty())
      throw RuntimeError("parameter '" + p.name + "': kmeans_pp needs init_from");
    if (!seedsFromExamples(p.init) && !p.initFrom.empty())
      throw RuntimeError("parameter '" + p.name + "': init_from goes only with kmeans_pp");
    if (p.initFrom.empty())
      continue;
    auto in = std::find_if(m.inputs.begin(), m.inputs.end(),
                           [&](const InputSpec &i) { return i.name == p.initFrom; });
    if (in == m.inputs.end() || p.shape.empty() ||
        std::vector<int64_t>(p.shape.begin() + 1, p.shape.end()) != in->shape)
      throw RuntimeError("parameter '" + p.name + "' is seeded from input '" + p.initFrom +
                         "', which the manifest does not declare with its rows' shape");
  }
  auto declared = [&](const TensorSpec &t, const std::map<std::string, const TensorSpec *> &in,
                      const char *what, const std::string &function) {
    auto it = in.find(t.name);
    if (it == in.end() || it->second->shape != t.shape)
      throw RuntimeError("function '" + function + "' uses " + what + " '" + t.name +
                         "', which the manifest does not declare with that shape");
  };
  for (const FunctionSpec &f : m.functions) {
    if (!isIdentifier(f.symbol))
      throw RuntimeError("function symbol '" + f.symbol + "' is not a C identifier");
    if (f.batchSize < 1 || f.batchSize > kMostBatch)
      throw RuntimeError("function '" + f.symbol + "' has a bad batch size");
    for (const ArgumentSpec &a : f.arguments) {
      checkShape(a.name, a.shape, "argument");
      if (a.kind == ArgumentSpec::Kind::Param || a.kind == ArgumentSpec::Kind::Gradient ||
          a.kind == ArgumentSpec::Kind::Average)
        declared(a, params, "parameter", f.symbol);
      if (a.kind == ArgumentSpec::Kind::Decay && !a.shape.empty())
        throw RuntimeError("function '" + f.symbol + "': its decay '" + a.name +
                           "' must be a scalar");
      if (a.kind == ArgumentSpec::Kind::State)
        declared(a, states, "state", f.symbol);
    }
    if (!f.subject.empty() && !m.findInput(f.subject))
      throw RuntimeError("function '" + f.symbol + "' is about input '" + f.subject +
                         "', which the manifest does not declare");
    for (const ResultSpec &r : f.results) {
      if (r.kind != ResultSpec::Kind::Objective)
        checkShape(r.name, r.shape, "result");
      if (r.kind == ResultSpec::Kind::Param || r.kind == ResultSpec::Kind::Gradient ||
          r.kind == ResultSpec::Kind::Average)
        declared(r, params, "parameter", f.symbol);
      if (r.kind == ResultSpec::Kind::State)
        declared(r, states, "state", f.symbol);
    }
  }
  for (const auto &[step, repeats] : m.train.schedule) {
    // A step is compiled whole, or (data-parallel) as its two halves.
    bool halves =
        m.find(FunctionSpec::Kind::Gradient, step) && m.find(FunctionSpec::Kind::Update, step);
    if (!m.find(FunctionSpec::Kind::Step, step) && !halves)
      throw RuntimeError("the schedule names step '" + step + "', which is not compiled");
    if (repeats < 1 || repeats > kMostBatch)
      throw RuntimeError("the schedule repeats step '" + step + "' a bad number of times");
  }
  for (const auto &[key, value] : m.train.hyperparams)
    if (!std::isfinite(value))
      throw RuntimeError("hyperparameter '" + key + "' is not finite");
}
} // namespace

Manifest Manifest::parse(const std::string &text, const std::string &what) {
  Json j = Json::parse(text, what);
  Manifest m;
  try {
    m.model = j["model"].string();
    m.target = j["target"].string();
    m.halideTarget = j.get("halide_target", Json("")).string();
    m.batchSize = j["batch_size"].integer();
    for (const Json &in : j["inputs"].items()) {
      InputSpec input;
      input.name = in["name"].string();
      std::vector<int64_t> shape = in["shape"].integers();
      if (shape.empty())
        throw RuntimeError("input '" + input.name + "' has no batch dimension");
      input.shape.assign(shape.begin() + 1, shape.end());
      input.labelClasses = int(in.get("label_classes", Json(0)).integer());
      input.source = in.get("source", Json("")).string();
      m.inputs.push_back(std::move(input));
    }
    for (const Json &p : j["params"].items()) {
      ParamSpec param;
      static_cast<TensorSpec &>(param) = tensor(p);
      param.net = p["net"].string();
      param.init = p["init"].string();
      for (const Json &a : p["init_args"].items())
        param.initArgs.push_back(a.number());
      param.initFrom = p.get("init_from", Json("")).string();
      m.params.push_back(std::move(param));
    }
    for (const Json &s : j["states"].items())
      m.states.push_back(tensor(s));
    for (const Json &f : j["functions"].items())
      m.functions.push_back(function(f, m.batchSize));
    const Json &train = j["train"];
    if (train.has("optimizer")) {
      m.train.optimizer = train["optimizer"].string();
      for (const auto &[key, value] : train["hyperparams"].members())
        m.train.hyperparams.push_back({key, value.number()});
      for (const Json &s : train["schedule"].items())
        m.train.schedule.push_back({s["step"].string(), s["repeats"].integer()});
    }
    validate(m);
  } catch (const RuntimeError &e) {
    throw RuntimeError(what + ": " + e.what());
  }
  return m;
}

std::string Manifest::readText(const std::string &path) {
  // (A manifest is a few KB; 64 MB bounds a crafted one.)
  std::vector<char> text = readRegularFile(path, uint64_t(64) << 20);
  return std::string(text.begin(), text.end());
}

Manifest Manifest::load(const std::string &path) { return parse(readText(path), path); }

bool FunctionSpec::readsInput(const std::optional<std::string> &input) const {
  return std::any_of(arguments.begin(), arguments.end(), [&](const ArgumentSpec &a) {
    return a.kind == ArgumentSpec::Kind::Input && (!input || a.name == *input);
  });
}

const FunctionSpec *Manifest::find(FunctionSpec::Kind kind, const std::string &name) const {
  for (const FunctionSpec &f : functions)
    if (f.kind == kind && f.name == name)
      return &f;
  return nullptr;
}

const FunctionSpec *Manifest::declaration(FunctionSpec::Kind kind) const {
  for (const FunctionSpec &f : functions)
    if (f.kind == kind)
      return &f;
  return nullptr;
}

const InputSpec *Manifest::findInput(const std::string &name) const {
  for (const InputSpec &in : inputs)
    if (in.name == name)
      return &in;
  return nullptr;
}
