//===- EmitModelHeader.cpp - The C++ class and manifest of a model --------===//
//
// The generated header depends only on HalideBuffer.h and the AOT headers:
// a user program includes it, links the model's libraries, and trains or
// runs the model with typed calls. Parameters are initialized exactly as the
// reference interpreter does (same seeding, same distributions), so a
// program and `genc` agree on a model's starting point.
//
//===----------------------------------------------------------------------===//
#include "genc/Target/ModelCompiler.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <cstdio>

using namespace mlir;
using namespace genc;
using namespace genc::target;
using halide::PipelineInput;
using halide::PipelineOutput;

namespace {
std::string shapeList(llvm::ArrayRef<int64_t> shape) {
  std::string s = "{";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "}";
}

/// A double as a C++ literal that reads back exactly.
std::string literal(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof(buffer), "%.17g", value);
  return buffer;
}

/// A C++ identifier for a gen name ("dense0.w" -> "dense0_w").
std::string identifier(llvm::StringRef name) {
  std::string id = name.str();
  for (char &c : id)
    if (!isalnum(static_cast<unsigned char>(c)))
      c = '_';
  return id;
}

void emitInitialize(gen::ModelOp model, llvm::raw_ostream &os) {
  os << "  /// Draws every parameter from its initializer (seeded per parameter\n"
        "  /// name, as genc's reference interpreter does) and zeroes the state.\n"
        "  void initialize(uint64_t seed) {\n"
        "    rng.seed(seed);\n";
  for (gen::NetOp net : model.getBody().getOps<gen::NetOp>())
    for (gen::ParamOp param : gen::getParams(net)) {
      std::string key = gen::paramKey(net, param);
      llvm::ArrayRef<int64_t> shape = param.getTensorType().getShape();
      SmallVector<double, 2> args;
      for (Attribute a : param.getInitArgs())
        args.push_back(a.cast<FloatAttr>().getValueAsDouble());
      os << llvm::formatv("    init(\"{0}\", {1}, \"{2}\", {3}, {4}, seed);\n", key,
                          shapeList(shape), param.getInit(),
                          literal(args.empty() ? 0.0 : args[0]),
                          literal(args.size() < 2 ? 0.0 : args[1]));
    }
  for (gen::StateOp state : model.getBody().getOps<gen::StateOp>()) {
    os << llvm::formatv("    states[\"{0}\"] = makeTensor({1});\n", state.getSymName(),
                        shapeList(state.getTensorType().getShape()));
    os << llvm::formatv("    states[\"{0}\"].fill(0.0f);\n", state.getSymName());
  }
  os << "  }\n\n";
}

/// One method per compiled function: a step returns its objective and
/// updates parameters and state; a net fills its result tensors.
void emitMethod(const CompiledFunction &fn, llvm::raw_ostream &os) {
  const halide::LoweredPipeline &p = fn.pipeline;
  std::vector<std::string> params, checks, setup, args, after;
  for (const PipelineInput &in : p.inputs) {
    std::string shape = shapeList(in.shape), id = identifier(in.name);
    switch (in.kind) {
    case PipelineInput::Kind::Input:
    case PipelineInput::Kind::Argument:
      params.push_back("const Tensor &" + id);
      checks.push_back(llvm::formatv("    checkShape(\"{0}\", {1}, {2});\n    markHostWritten({1});\n",
                                     in.name, id, shape));
      args.push_back("const_cast<Tensor &>(" + id + ").raw_buffer()");
      break;
    case PipelineInput::Kind::Param:
      args.push_back("params.at(\"" + in.name + "\").raw_buffer()");
      break;
    case PipelineInput::Kind::State:
      args.push_back("states.at(\"" + in.name + "\").raw_buffer()");
      break;
    case PipelineInput::Kind::Random: {
      bool normal = isa<gen::NormalOp>(in.randomOp);
      double a = normal ? cast<gen::NormalOp>(in.randomOp).getMean().convertToDouble()
                        : cast<gen::UniformOp>(in.randomOp).getLow().convertToDouble();
      double b = normal ? cast<gen::NormalOp>(in.randomOp).getStddev().convertToDouble()
                        : cast<gen::UniformOp>(in.randomOp).getHigh().convertToDouble();
      setup.push_back(llvm::formatv("    Tensor {0} = makeTensor({1});\n    fill{2}({0}, {3}, {4});\n",
                                    id, shape, normal ? "Normal" : "Uniform", literal(a),
                                    literal(b)));
      args.push_back(id + ".raw_buffer()");
      break;
    }
    }
  }
  for (const PipelineOutput &out : p.outputs) {
    std::string id = "out_" + identifier(out.name);
    // Outputs reuse the buffers the previous call replaced (no allocation,
    // no page faults, no zero-filling in the steady state).
    setup.push_back(llvm::formatv("    Tensor {0} = scratch(\"{1}.{2}\", {3});\n", id, fn.function,
                                  out.name, shapeList(out.shape)));
    args.push_back(id + ".raw_buffer()");
    switch (out.kind) {
    case PipelineOutput::Kind::Objective:
      after.push_back("    " + id + ".copy_to_host();\n    return " + id + "();\n");
      break;
    case PipelineOutput::Kind::Param:
      after.insert(after.begin(), llvm::formatv("    retire(\"{0}.{1}\", params[\"{1}\"], {2});\n",
                                                fn.function, out.name, id));
      break;
    case PipelineOutput::Kind::State:
      after.insert(after.begin(), llvm::formatv("    retire(\"{0}.{1}\", states[\"{1}\"], {2});\n",
                                                fn.function, out.name, id));
      break;
    case PipelineOutput::Kind::Result:
      params.push_back("Tensor &" + identifier(out.name));
      after.push_back("    " + id + ".copy_to_host();\n    " + identifier(out.name) + " = " + id +
                      ";\n");
      break;
    case PipelineOutput::Kind::Gradient:
      break;
    }
  }
  os << "  /// " << (fn.isStep ? "Training step '" : "Net '") << fn.source
     << (fn.isStep ? "': returns the objective (the batch mean) and updates\n"
                     "  /// the parameters and optimizer state.\n"
                   : "': applies it to a batch.\n");
  os << "  " << (fn.isStep ? "float " : "void ") << identifier(fn.source) << "(";
  for (size_t i = 0; i < params.size(); ++i)
    os << (i ? ", " : "") << params[i];
  os << ") {\n";
  for (auto &s : checks)
    os << s;
  for (auto &s : setup)
    os << s;
  os << "    int rc = " << fn.function << "(";
  for (size_t i = 0; i < args.size(); ++i)
    os << (i ? ", " : "") << args[i];
  os << ");\n    if (rc != 0)\n      throw std::runtime_error(\"" << fn.function
     << " failed with Halide error \" + std::to_string(rc));\n";
  for (auto &s : after)
    os << s;
  os << "  }\n\n";
}
} // namespace

std::string genc::target::emitModelHeader(gen::ModelOp model, llvm::StringRef libraryName,
                                          llvm::ArrayRef<CompiledFunction> functions) {
  std::string text;
  llvm::raw_string_ostream os(text);
  std::string name = libraryName.str();
  os << "// " << name << ".h - generated by genc; do not edit.\n"
     << "//\n// The typed interface of model '" << name
     << "': its parameters and optimizer state,\n"
        "// one method per training step and per net. Tensors are Halide buffers\n"
        "// holding row-major data: makeTensor({128, 784}) is a batch of 128 rows.\n"
     << "#pragma once\n\n#include \"HalideBuffer.h\"\n#include \"" << name << "_kernels.h\"\n";
  os << R"(
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

)";
  os << "namespace " << identifier(name) << " {\n\n"
     << "using Tensor = Halide::Runtime::Buffer<float>;\n\n"
     << "/// The batch size of every batched tensor of this build.\n"
     << "constexpr int kBatchSize = " << model.getBatchSizeAttr().getInt() << ";\n\n"
     << R"CPP(/// A zero-filled tensor of the given row-major shape.
inline Tensor makeTensor(std::vector<int> shape) {
  std::reverse(shape.begin(), shape.end());
  Tensor t(shape);
  t.fill(0.0f);
  return t;
}

class Model {
public:
  explicit Model(uint64_t seed = 0) { initialize(seed); }
  Model(const Model &) = delete;
  Model &operator=(const Model &) = delete;
  /// Frees device copies (GPU targets) before the device runtime goes away.
  ~Model() {
    for (auto *tensors : {&params, &states})
      for (auto &entry : *tensors)
        entry.second.device_free();
  }

  /// Makes the host copies of the parameters and state current (after
  /// steps on a GPU), e.g. before reading or saving them.
  void syncToHost() {
    for (auto *tensors : {&params, &states})
      for (auto &entry : *tensors)
        entry.second.copy_to_host();
  }

  /// Writes the parameters, and the optimizer state under "state/<name>",
  /// as safetensors (an 8-byte little-endian header size, a JSON header of
  /// {"name": {"dtype": "F32", "shape": [...], "data_offsets": [b, e]}},
  /// then the raw float32 data), so PyTorch can load the weights. The file
  /// is written to a temporary name, flushed and renamed: never half-written.
  void save(const std::string &path) {
    syncToHost();
    std::vector<std::pair<std::string, const Tensor *>> all;
    for (auto &entry : params)
      all.push_back({entry.first, &entry.second});
    for (auto &entry : states)
      all.push_back({"state/" + entry.first, &entry.second});
    std::string header = "{";
    size_t offset = 0;
    for (auto &[name, t] : all) {
      size_t bytes = t->number_of_elements() * sizeof(float);
      header += (header.size() > 1 ? "," : "") + std::string("\"") + name +
                "\":{\"dtype\":\"F32\",\"shape\":[";
      for (int d = t->dimensions() - 1; d >= 0; --d)
        header += std::to_string(t->dim(d).extent()) + (d ? "," : "");
      header += "],\"data_offsets\":[" + std::to_string(offset) + "," +
                std::to_string(offset + bytes) + "]}";
      offset += bytes;
    }
    header += "}";
    header.append((8 - header.size() % 8) % 8, ' ');
    std::string temporary = path + ".tmp";
    FILE *file = std::fopen(temporary.c_str(), "wb");
    if (!file)
      throw std::runtime_error(path + ": cannot open for writing");
    uint64_t size = header.size();
    unsigned char prefix[8];
    for (int i = 0; i < 8; ++i)
      prefix[i] = static_cast<unsigned char>(size >> (8 * i));
    bool ok = std::fwrite(prefix, 1, 8, file) == 8 &&
              std::fwrite(header.data(), 1, header.size(), file) == header.size();
    for (auto &[name, t] : all)
      ok = ok && std::fwrite(t->data(), sizeof(float), t->number_of_elements(), file) ==
                     t->number_of_elements();
    ok = std::fflush(file) == 0 && ok;
    ok = std::fclose(file) == 0 && ok;
    if (!ok || std::rename(temporary.c_str(), path.c_str()) != 0) {
      std::remove(temporary.c_str());
      throw std::runtime_error(path + ": write failed");
    }
  }

  /// Reads a safetensors file: every parameter of this model must be there
  /// with its shape (state, when present, is restored too).
  void load(const std::string &path) {
    FILE *file = std::fopen(path.c_str(), "rb");
    if (!file)
      throw std::runtime_error(path + ": cannot open");
    std::vector<char> bytes;
    char chunk[1 << 16];
    for (size_t n; (n = std::fread(chunk, 1, sizeof(chunk), file)) > 0;)
      bytes.insert(bytes.end(), chunk, chunk + n);
    std::fclose(file);
    uint64_t size = 0;
    for (int i = 0; i < 8 && size_t(i) < bytes.size(); ++i)
      size |= uint64_t(static_cast<unsigned char>(bytes[i])) << (8 * i);
    if (bytes.size() < 8 || size > bytes.size() - 8)
      throw std::runtime_error(path + ": not a safetensors file (truncated header)");
    std::string header(bytes.begin() + 8, bytes.begin() + 8 + size);
    const char *data = bytes.data() + 8 + size;
    size_t dataSize = bytes.size() - 8 - size;
    auto restore = [&](const std::string &name, Tensor &t, bool required) {
      size_t at = header.find("\"" + name + "\":{");
      if (at == std::string::npos) {
        if (required)
          throw std::runtime_error(path + ": missing tensor '" + name + "'");
        return;
      }
      std::string entry = header.substr(at, header.find('}', at) - at);
      auto numbers = [&](const char *key) {
        std::vector<uint64_t> values;
        size_t open = entry.find(std::string("\"") + key + "\":[");
        if (open == std::string::npos)
          return values;
        const char *p = entry.c_str() + entry.find('[', open) + 1;
        while (*p && *p != ']') {
          char *end;
          values.push_back(std::strtoull(p, &end, 10));
          p = *end == ',' ? end + 1 : end;
          if (end == p && *p != ']')
            break;
        }
        return values;
      };
      std::vector<uint64_t> shape = numbers("shape"), offsets = numbers("data_offsets");
      bool shapeOk = entry.find("\"F32\"") != std::string::npos &&
                     int(shape.size()) == t.dimensions();
      for (int d = 0; shapeOk && d < t.dimensions(); ++d)
        shapeOk = int64_t(shape[t.dimensions() - 1 - d]) == t.dim(d).extent();
      if (!shapeOk)
        throw std::runtime_error(path + ": tensor '" + name + "' has another shape or dtype");
      size_t bytesNeeded = t.number_of_elements() * sizeof(float);
      if (offsets.size() != 2 || offsets[1] - offsets[0] != bytesNeeded || offsets[1] > dataSize)
        throw std::runtime_error(path + ": tensor '" + name + "' has bad data offsets");
      std::memcpy(t.data(), data + offsets[0], bytesNeeded);
      t.set_host_dirty();
    };
    for (auto &entry : params)
      restore(entry.first, entry.second, true);
    for (auto &entry : states)
      restore("state/" + entry.first, entry.second, false);
  }

  /// Parameters by "net.param" name; optimizer state by name.
  std::map<std::string, Tensor> params;
  std::map<std::string, Tensor> states;
  /// Draws the random inputs of the steps (reparameterization noise, ...).
  std::mt19937_64 rng;

)CPP";
  emitInitialize(model, os);
  for (const CompiledFunction &fn : functions)
    emitMethod(fn, os);
  os << R"(private:
  static std::mt19937_64 generatorFor(uint64_t seed, const std::string &name) {
    uint64_t hash = 1469598103934665603ULL; // FNV-1a, as genc's reference
    for (char c : name)
      hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    std::seed_seq seq{uint32_t(seed), uint32_t(seed >> 32), uint32_t(hash), uint32_t(hash >> 32)};
    return std::mt19937_64(seq);
  }

  void init(const std::string &name, std::vector<int> shape, const std::string &kind, double a,
            double b, uint64_t seed) {
    Tensor t = makeTensor(shape);
    std::mt19937_64 gen = generatorFor(seed, name);
    double fanIn = shape.empty() ? 1 : shape[0], fanOut = fanIn;
    if (shape.size() == 2) {
      fanIn = shape[0];
      fanOut = shape[1];
    } else if (shape.size() > 2) {
      double receptive = 1;
      for (size_t d = 2; d < shape.size(); ++d)
        receptive *= shape[d];
      fanIn = shape[1] * receptive;
      fanOut = shape[0] * receptive;
    }
    float *data = t.data();
    size_t n = t.number_of_elements();
    if (kind == "ones" || kind == "constant") {
      std::fill(data, data + n, kind == "ones" ? 1.0f : float(a));
    } else if (kind == "normal" || kind == "he_normal") {
      std::normal_distribution<double> dist(kind == "normal" ? a : 0.0,
                                            kind == "normal" ? b : std::sqrt(2.0 / fanIn));
      for (size_t i = 0; i < n; ++i)
        data[i] = float(dist(gen));
    } else if (kind == "uniform" || kind == "glorot_uniform") {
      double limit = std::sqrt(6.0 / (fanIn + fanOut));
      std::uniform_real_distribution<double> dist(kind == "uniform" ? a : -limit,
                                                  kind == "uniform" ? b : limit);
      for (size_t i = 0; i < n; ++i)
        data[i] = float(dist(gen));
    }
    params[name] = t;
  }

  void fillNormal(Tensor &t, double mean, double stddev) {
    std::normal_distribution<float> dist(static_cast<float>(mean), static_cast<float>(stddev));
    for (float &x : t)
      x = dist(rng);
  }

  void fillUniform(Tensor &t, double low, double high) {
    std::uniform_real_distribution<float> dist(static_cast<float>(low), static_cast<float>(high));
    for (float &x : t)
      x = dist(rng);
  }

  /// A buffer for an output: the one the previous call retired, if any.
  Tensor scratch(const std::string &key, std::vector<int> shape) {
    auto it = spare.find(key);
    if (it != spare.end())
      return it->second;
    std::reverse(shape.begin(), shape.end());
    return Tensor(shape);
  }

  /// Installs a new value and keeps the old buffer for the next call.
  void retire(const std::string &key, Tensor &slot, Tensor &next) {
    spare[key] = slot;
    slot = next;
  }

  std::map<std::string, Tensor> spare;

  /// The caller may have rewritten an input's host data since the last
  /// call: a GPU pipeline must upload it again.
  static void markHostWritten(const Tensor &t) {
    if (!t.device_dirty())
      const_cast<Tensor &>(t).set_host_dirty();
  }

  static void checkShape(const char *what, const Tensor &t, std::vector<int> shape) {
    std::reverse(shape.begin(), shape.end());
    bool ok = t.dimensions() == int(shape.size());
    for (int d = 0; ok && d < t.dimensions(); ++d)
      ok = t.dim(d).extent() == shape[d] && t.dim(d).min() == 0;
    if (!ok)
      throw std::invalid_argument(std::string(what) + ": tensor has the wrong shape");
  }
};

)";
  os << "} // namespace " << identifier(name) << "\n";
  return os.str();
}

std::string genc::target::emitManifest(gen::ModelOp model,
                                       llvm::ArrayRef<CompiledFunction> functions,
                                       llvm::StringRef target) {
  namespace json = llvm::json;
  auto shape = [](llvm::ArrayRef<int64_t> s) {
    json::Array a;
    for (int64_t d : s)
      a.push_back(d);
    return a;
  };
  json::Array inputs, params, states, fns;
  for (gen::InputOp in : model.getBody().getOps<gen::InputOp>()) {
    json::Object o{{"name", in.getSymName().str()}, {"shape", shape(in.getTensorType().getShape())}};
    if (IntegerAttr classes = in.getLabelClassesAttr())
      o["label_classes"] = classes.getInt();
    if (StringAttr source = in.getSourceAttr())
      o["source"] = source.getValue().str();
    inputs.push_back(std::move(o));
  }
  for (gen::NetOp net : model.getBody().getOps<gen::NetOp>())
    for (gen::ParamOp p : gen::getParams(net)) {
      json::Array args;
      for (Attribute a : p.getInitArgs())
        args.push_back(a.cast<FloatAttr>().getValueAsDouble());
      params.push_back(json::Object{{"name", gen::paramKey(net, p)},
                                    {"net", net.getSymName().str()},
                                    {"shape", shape(p.getTensorType().getShape())},
                                    {"init", p.getInit().str()},
                                    {"init_args", std::move(args)}});
    }
  for (gen::StateOp s : model.getBody().getOps<gen::StateOp>())
    states.push_back(
        json::Object{{"name", s.getSymName().str()}, {"shape", shape(s.getTensorType().getShape())}});
  static const char *inputKinds[] = {"input", "param", "state", "random", "argument"};
  static const char *outputKinds[] = {"objective", "gradient", "param", "state", "result"};
  for (const CompiledFunction &fn : functions) {
    json::Array args, outs;
    for (const PipelineInput &in : fn.pipeline.inputs)
      args.push_back(json::Object{{"kind", inputKinds[int(in.kind)]},
                                  {"name", in.name},
                                  {"shape", shape(in.shape)}});
    for (const PipelineOutput &out : fn.pipeline.outputs)
      outs.push_back(json::Object{{"kind", outputKinds[int(out.kind)]},
                                  {"name", out.name},
                                  {"shape", shape(out.shape)}});
    json::Object o{{"function", fn.function},
                   {"kind", fn.isStep ? "step" : "net"},
                   {"name", fn.source},
                   {"arguments", std::move(args)},
                   {"outputs", std::move(outs)}};
    if (fn.isStep) {
      json::Array updates;
      auto step = model.lookupSymbol<gen::StepOp>(fn.source);
      for (auto ref : step.getUpdates().getAsRange<FlatSymbolRefAttr>())
        updates.push_back(ref.getValue().str());
      o["updates"] = std::move(updates);
    }
    fns.push_back(std::move(o));
  }
  json::Object train;
  for (gen::TrainOp t : model.getBody().getOps<gen::TrainOp>()) {
    json::Array schedule;
    for (size_t i = 0; i < t.getSchedule().size(); ++i)
      schedule.push_back(json::Object{
          {"step", t.getSchedule()[i].cast<FlatSymbolRefAttr>().getValue().str()},
          {"repeats", t.getRepeats()[i].cast<IntegerAttr>().getInt()}});
    json::Object hyper;
    for (auto &[key, fallback] : gen::optimizerHyperparams(t.getOptimizer()))
      hyper[key.str()] = gen::getHyperparam(t, key);
    train = json::Object{{"schedule", std::move(schedule)},
                         {"optimizer", t.getOptimizer().str()},
                         {"hyperparams", std::move(hyper)}};
  }
  json::Object manifest{{"model", model.getSymName().str()},
                        {"batch_size", model.getBatchSizeAttr().getInt()},
                        {"target", target.str()},
                        {"inputs", std::move(inputs)},
                        {"params", std::move(params)},
                        {"states", std::move(states)},
                        {"functions", std::move(fns)},
                        {"train", std::move(train)}};
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::formatv("{0:2}", json::Value(std::move(manifest))) << "\n";
  return os.str();
}
