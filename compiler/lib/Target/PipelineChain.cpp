//===- PipelineChain.cpp - One C function that runs pipelines in turn -----===//
//
// The function is Halide IR written directly, not a lowered pipeline: a
// heap allocation and a halide_buffer_t per intermediate, then one extern
// call per part, each checked like Halide's own extern stages.
//
//===----------------------------------------------------------------------===//
#include "genc/Target/PipelineChain.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

using namespace genc;
using namespace genc::target;
using halide::LoweredPipeline;
using halide::PipelineInput;
using halide::PipelineOutput;
namespace HI = Halide::Internal;

namespace {
/// `base` as a C identifier (Halide's unique Func names hold '$'), or
/// that with _2, _3, ...: the first that `used` does not hold (which then
/// does).
std::string fresh(std::string base, std::set<std::string> &used) {
  std::replace_if(
      base.begin(), base.end(), [](unsigned char c) { return !isalnum(c) && c != '_'; }, '_');
  std::string name = base;
  for (int k = 2; !used.insert(name).second; ++k)
    name = base + "_" + std::to_string(k);
  return name;
}

llvm::Error chainError(llvm::StringRef name, const std::string &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "cannot chain the parts of '" + name.str() + "': " + what);
}
} // namespace

llvm::Expected<PipelineChain> PipelineChain::of(std::vector<ChainPart> parts,
                                                llvm::StringRef name) {
  PipelineChain chain;
  chain.signature.name = name.str();
  std::set<std::string> used;
  using Key = std::pair<int, std::string>; // kind, name
  std::map<Key, size_t> arguments; // index in the signature's inputs
  std::set<Key> results;
  std::map<std::string, size_t> gradients; // a part's gradient result: its intermediate
  std::set<std::string> read;                // the gradients a later part reads
  for (const ChainPart &part : parts) {
    bool firstPart = &part == &parts.front();
    std::vector<std::string> binding;
    for (const PipelineInput &in : part.pipeline.inputs) {
      if (in.kind == PipelineInput::Kind::Gradient) {
        auto produced = gradients.find(in.name);
        if (produced == gradients.end())
          return chainError(name, "no earlier part computes gradient '" + in.name + "'");
        const Intermediate &from = chain.intermediates_[produced->second];
        if (from.shape != in.shape)
          return chainError(name, "gradient '" + in.name + "' is read at another shape");
        binding.push_back(from.buffer);
        read.insert(in.name);
        continue;
      }
      // (Each part numbers its draws from random.0: only one may draw.)
      if (in.kind == PipelineInput::Kind::Random && !firstPart)
        return chainError(name, "a part after the first draws noise");
      auto [it, inserted] =
          arguments.try_emplace({int(in.kind), in.name}, chain.signature.inputs.size());
      if (inserted) {
        PipelineInput argument = in;
        argument.param = Halide::ImageParam(Halide::Float(32), int(in.shape.size()),
                                            fresh(in.param.name(), used));
        chain.signature.inputs.push_back(std::move(argument));
      }
      const PipelineInput &argument = chain.signature.inputs[it->second];
      if (argument.shape != in.shape)
        return chainError(name, "argument '" + in.name + "' is read at two shapes");
      binding.push_back(argument.param.name());
    }
    for (const PipelineOutput &out : part.pipeline.outputs) {
      if (out.kind == PipelineOutput::Kind::Gradient) {
        if (gradients.count(out.name))
          return chainError(name, "two parts compute gradient '" + out.name + "'");
        // The function's buffers are 32-bit indexed, like Halide's own.
        int64_t bytes = 4;
        for (int64_t extent : out.shape)
          bytes *= extent;
        if (bytes >= (int64_t(1) << 31))
          return chainError(name, "gradient '" + out.name + "' has 2 GiB or more");
        gradients[out.name] = chain.intermediates_.size();
        chain.intermediates_.push_back({fresh("gradient", used), out.shape});
        binding.push_back(chain.intermediates_.back().buffer);
        continue;
      }
      if (!results.insert({int(out.kind), out.name}).second)
        return chainError(name, "two parts compute result '" + out.name + "'");
      chain.signature.outputs.push_back({out.kind, out.name, out.shape, Halide::Func()});
      chain.resultBuffers_.push_back(fresh(out.func.name(), used));
      binding.push_back(chain.resultBuffers_.back());
    }
    chain.bindings_.push_back(std::move(binding));
  }
  for (auto &entry : gradients)
    if (!read.count(entry.first))
      return chainError(name, "no later part reads gradient '" + entry.first + "'");
  chain.parts = std::move(parts);
  return chain;
}

Halide::Module PipelineChain::module(const std::string &name,
                                     const Halide::Target &target) const {
  Halide::Type bufferType = Halide::type_of<halide_buffer_t *>();
  auto buffer = [&](const std::string &n) { return HI::Variable::make(bufferType, n + ".buffer"); };
  std::vector<HI::Stmt> calls;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::vector<Halide::Expr> args;
    for (const std::string &bound : bindings_[i])
      args.push_back(buffer(bound));
    std::string code = "part_" + std::to_string(i) + "_result";
    Halide::Expr result = HI::Variable::make(Halide::Int(32), code);
    Halide::Expr call =
        HI::Call::make(Halide::Int(32), parts[i].function, args, HI::Call::Extern);
    calls.push_back(HI::LetStmt::make(code, call, HI::AssertStmt::make(result == 0, result)));
  }
  HI::Stmt body = HI::Block::make(calls);
  // Row-major gen shapes: Halide dimension d is gen dimension rank-1-d.
  for (const Intermediate &im : llvm::reverse(intermediates_)) {
    HI::BufferBuilder built;
    built.host = HI::Variable::make(Halide::Handle(), im.buffer);
    built.type = Halide::Float(32);
    built.dimensions = int(im.shape.size());
    int64_t stride = 1;
    for (int64_t extent : llvm::reverse(im.shape)) {
      built.mins.push_back(0);
      built.extents.push_back(int32_t(extent));
      built.strides.push_back(int32_t(stride));
      stride *= extent;
    }
    body = HI::LetStmt::make(im.buffer + ".buffer", built.build(), body);
    body = HI::Allocate::make(im.buffer, Halide::Float(32), Halide::MemoryType::Heap,
                              {Halide::Expr(int32_t(stride))}, HI::const_true(), body);
  }
  std::vector<HI::LoweredArgument> args;
  for (const PipelineInput &in : signature.inputs)
    args.emplace_back(in.param.name(), Halide::Argument::InputBuffer, Halide::Float(32),
                      uint8_t(in.shape.size()), Halide::ArgumentEstimates{});
  for (size_t i = 0; i < signature.outputs.size(); ++i)
    args.emplace_back(resultBuffers_[i], Halide::Argument::OutputBuffer, Halide::Float(32),
                      uint8_t(signature.outputs[i].shape.size()), Halide::ArgumentEstimates{});
  Halide::Module module(name, target);
  module.append(HI::LoweredFunc(name, args, body, Halide::LinkageType::ExternalPlusMetadata));
  return module;
}
