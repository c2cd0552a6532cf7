//===- ModelCompiler.cpp - Ahead-of-time compilation of a model -----------===//
//
// 1) Check the cache stamp: the hash of the model text, flags, target and
//    genc version; if it matches and every output exists, stop.
// 2) Compile each step and net to its own Halide static library (no
//    runtime), then merge them into <name>_kernels.a with an umbrella header
//    <name>_kernels.h; compile the runtime into <name>_runtime.a. (Linking
//    the Halide modules instead loses GPU kernels: cuModuleGetFunction
//    fails on an H100.)
//    With sharedLibrary, link both into <name>.so for `genc train`.
// 3) Emit <name>.h (the C++ class) and <name>.manifest.json, then the stamp.
//
//===----------------------------------------------------------------------===//
#include "genc/Target/ModelCompiler.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace genc;
using namespace genc::target;

llvm::Expected<Halide::Target> genc::target::parseTarget(llvm::StringRef name) {
  // "-profile": Halide's sampling profiler in every kernel and the runtime;
  // the process prints each Func's share of the time when it exits.
  llvm::StringRef base = name;
  bool profile = base.consume_back("-profile");
  auto withProfile = [&](Halide::Target t) {
    return profile ? t.with_feature(Halide::Target::Profile) : t;
  };
  Halide::Target host = Halide::get_host_target();
  if (base == "host")
    return withProfile(host);
  if (base == "host-cuda")
    // sm_80 PTX runs on Ampere and Hopper (the driver JIT-compiles it once).
    return withProfile(
        host.with_feature(Halide::Target::CUDA).with_feature(Halide::Target::CUDACapability80));
  if (base == "host-opencl")
    // The GPU schedules on any OpenCL device; with POCL's CPU device, a
    // machine without a GPU runs them (the tests do, through genc-compare).
    return withProfile(host.with_feature(Halide::Target::OpenCL));
  // Any Halide target string names a CPU (and features) explicitly:
  // arch-bits-os[-feature...], e.g. x86-64-linux-avx2-fma-sse41-f16c or
  // arm-64-linux. "host-..." strings would mean different machines on the
  // build and the run side, so only the three above are taken.
  std::string text = base.str();
  if (!base.empty() && !base.startswith("host") && Halide::Target::validate_target_string(text)) {
    Halide::Target t(text);
    if (t.os != Halide::Target::OSUnknown && t.arch != Halide::Target::ArchUnknown && t.bits != 0)
      return withProfile(t);
  }
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "unknown target '" + name +
          "' (expected host, host-cuda, host-opencl or a Halide target string "
          "ARCH-BITS-OS[-FEATURE...] such as x86-64-linux-avx2-fma-sse41-f16c or arm-64-linux, "
          "each optionally with -profile)");
}

std::optional<std::string> genc::target::cannotRunHere(const Halide::Target &target) {
  Halide::Target host = Halide::get_host_target();
  if (target.arch != host.arch || target.bits != host.bits || target.os != host.os)
    return "its kernels are built for " + target.to_string() + ", which this machine (" +
           host.to_string() + ") cannot run";
  // Instruction-set features the kernels use must be the host's too.
  for (Halide::Target::Feature isa :
       {Halide::Target::SSE41, Halide::Target::AVX, Halide::Target::AVX2, Halide::Target::FMA,
        Halide::Target::FMA4, Halide::Target::F16C, Halide::Target::AVX512,
        Halide::Target::AVX512_KNL, Halide::Target::AVX512_Skylake,
        Halide::Target::AVX512_Cannonlake, Halide::Target::AVX512_SapphireRapids,
        Halide::Target::ARMDotProd, Halide::Target::ARMFp16, Halide::Target::SVE,
        Halide::Target::SVE2})
    if (target.has_feature(isa) && !host.has_feature(isa))
      return "its kernels use " + Halide::Target::feature_to_name(isa) + ", which this machine (" + host.to_string() + ") lacks";
  return std::nullopt;
}

namespace {
bool writeFile(const std::string &path, llvm::StringRef text) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec)
    return false;
  os << text;
  return true;
}

std::string readFile(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  return buffer ? (*buffer)->getBuffer().str() : std::string();
}

/// Merges static libraries into one with `ar -M` (an MRI script: CREATE,
/// ADDLIB per part, SAVE), then removes the parts.
LogicalResult mergeArchives(const std::vector<std::string> &parts, const std::string &merged,
                            gen::ModelOp model) {
  auto ar = llvm::sys::findProgramByName("ar");
  if (!ar) {
    model.emitError("cannot find 'ar' (binutils) to build ") << merged;
    return failure();
  }
  std::string script = "CREATE " + merged + "\n";
  for (const std::string &part : parts)
    script += "ADDLIB " + part + "\n";
  script += "SAVE\nEND\n";
  std::string scriptPath = merged + ".mri";
  llvm::sys::fs::remove(merged);
  if (!writeFile(scriptPath, script)) {
    model.emitError("cannot write ") << scriptPath;
    return failure();
  }
  llvm::StringRef args[] = {*ar, "-M"};
  llvm::Optional<llvm::StringRef> redirects[] = {llvm::StringRef(scriptPath), llvm::None,
                                                 llvm::None};
  std::string error;
  int rc = llvm::sys::ExecuteAndWait(*ar, args, llvm::None, redirects, 0, 0, &error);
  llvm::sys::fs::remove(scriptPath);
  for (const std::string &part : parts)
    llvm::sys::fs::remove(part);
  if (rc != 0) {
    model.emitError("'ar -M' failed to build ") << merged << ": " << error;
    return failure();
  }
  return success();
}

std::vector<Halide::Argument> arguments(const halide::LoweredPipeline &pipeline) {
  std::vector<Halide::Argument> args;
  for (const halide::PipelineInput &in : pipeline.inputs)
    args.push_back(in.param);
  return args;
}

/// Links the kernels and their runtime into <name>.so, with references
/// bound inside it (-Bsymbolic), for `genc train` to load.
LogicalResult linkSharedLibrary(const std::string &kernels, const std::string &runtime,
                                const std::string &output, gen::ModelOp model) {
  auto cxx = llvm::sys::findProgramByName("c++");
  if (!cxx) {
    model.emitError("cannot find 'c++' to link ") << output;
    return failure();
  }
  llvm::StringRef args[] = {*cxx,          "-shared",   "-o", output, "-Wl,--whole-archive",
                            kernels,       runtime,     "-Wl,--no-whole-archive",
                            "-Wl,-Bsymbolic", "-lpthread", "-ldl"};
  std::string error;
  if (llvm::sys::ExecuteAndWait(*cxx, args, llvm::None, {}, 0, 0, &error) != 0) {
    model.emitError("linking ") << output << " failed: " << error;
    return failure();
  }
  return success();
}
} // namespace

FailureOr<CompileResult> genc::target::compileModel(const ModelStages &stages,
                                                    const CompileOptions &options) {
  gen::ModelOp model = stages.train;
  auto target = parseTarget(options.targetName);
  if (!target) {
    model.emitError(llvm::toString(target.takeError()));
    return failure();
  }
  std::string name = options.name.empty() ? model.getSymName().str() : options.name;
  auto path = [&](const std::string &file) {
    llvm::SmallString<128> p(options.outputDir);
    llvm::sys::path::append(p, file);
    return std::string(p);
  };
  if (std::error_code ec = llvm::sys::fs::create_directories(options.outputDir)) {
    model.emitError("cannot create '") << options.outputDir << "': " << ec.message();
    return failure();
  }

  // 1) The cache.
  std::string stampPath = path(name + ".stamp");
  std::string stamp = llvm::utohexstr(llvm::hash_value(options.cacheKey)) + "\n";
  CompileResult result;
  std::vector<std::string> expected = {name + ".h", name + ".manifest.json", name + "_kernels.a",
                                       name + "_kernels.h", name + "_runtime.a"};
  for (gen::StepOp step : model.getBody().getOps<gen::StepOp>()) {
    if (options.kinds & Steps)
      expected.push_back(name + "_" + step.getSymName().str() + ".h");
    if (options.kinds & Losses)
      expected.push_back(name + "_" + step.getSymName().str() + "_loss.h");
  }
  if (options.kinds & Nets)
    for (gen::NetOp net : model.getBody().getOps<gen::NetOp>())
      expected.push_back(name + "_" + net.getSymName().str() + ".h");
  if (options.sharedLibrary)
    expected.push_back(name + ".so");
  if (options.emitStmt)
    expected.push_back(name + ".stmt");
  bool complete = llvm::all_of(expected, [&](auto &f) { return llvm::sys::fs::exists(path(f)); });
  if (complete && readFile(stampPath) == stamp) {
    result.files = expected;
    result.upToDate = true;
    return result;
  }
  llvm::sys::fs::remove(stampPath);

  // 2) One library of every step and net; one runtime.
  Halide::Target aot = target->with_feature(Halide::Target::NoRuntime);
  std::vector<CompiledFunction> functions;
  std::vector<std::string> archives;
  std::string stmt;
  auto compile = [&](FailureOr<halide::LoweredPipeline> lowered, const std::string &source,
                     CompiledFunction::Kind kind) -> LogicalResult {
    if (failed(lowered))
      return failure();
    std::string function = name + "_" + source; // C symbols, so no dots
    if (kind == CompiledFunction::Kind::Loss)
      function += "_loss";
    std::replace(function.begin(), function.end(), '.', '_');
    std::map<Halide::OutputFileType, std::string> outputs = {
        {Halide::OutputFileType::static_library, path(function + ".a")},
        {Halide::OutputFileType::c_header, path(function + ".h")}};
    if (options.emitStmt)
      outputs[Halide::OutputFileType::stmt] = path(function + ".stmt");
    lowered->pipeline().compile_to(outputs, arguments(*lowered), function, aot);
    archives.push_back(path(function + ".a"));
    if (options.emitStmt) {
      stmt += readFile(path(function + ".stmt"));
      llvm::sys::fs::remove(path(function + ".stmt"));
    }
    functions.push_back({function, source, kind, std::move(*lowered)});
    return success();
  };
  using Kind = CompiledFunction::Kind;
  if (options.kinds & Steps)
    for (gen::StepOp step : model.getBody().getOps<gen::StepOp>())
      if (failed(compile(halide::lowerStep(step, *target), step.getSymName().str(), Kind::Step)))
        return failure();
  if (options.kinds & Losses)
    for (gen::StepOp step : gen::ModelOp(stages.forward).getBody().getOps<gen::StepOp>())
      if (failed(compile(halide::lowerStep(step, *target), step.getSymName().str(), Kind::Loss)))
        return failure();
  if (options.kinds & Nets)
    for (gen::NetOp net : model.getBody().getOps<gen::NetOp>())
      if (failed(compile(halide::lowerNet(net, *target), net.getSymName().str(), Kind::Net)))
        return failure();
  if (failed(mergeArchives(archives, path(name + "_kernels.a"), model)))
    return failure();
  std::string umbrella = "// " + name + "_kernels.h - generated by genc: every step and net.\n"
                         "#pragma once\n";
  for (const CompiledFunction &fn : functions)
    umbrella += "#include \"" + fn.function + ".h\"\n";
  if (!writeFile(path(name + "_kernels.h"), umbrella) ||
      (options.emitStmt && !writeFile(path(name + ".stmt"), stmt))) {
    model.emitError("cannot write to '") << options.outputDir << "'";
    return failure();
  }
  Halide::compile_standalone_runtime(
      {{Halide::OutputFileType::static_library, path(name + "_runtime.a")}}, *target);
  if (options.sharedLibrary &&
      failed(linkSharedLibrary(path(name + "_kernels.a"), path(name + "_runtime.a"),
                               path(name + ".so"), model)))
    return failure();

  // 3) The C++ class, the manifest and the stamp.
  std::string manifest = emitManifest(stages, functions, options.targetName);
  if (!writeFile(path(name + ".h"), emitModelHeader(model, name, functions, manifest)) ||
      !writeFile(path(name + ".manifest.json"), manifest) || !writeFile(stampPath, stamp)) {
    model.emitError("cannot write to '") << options.outputDir << "'";
    return failure();
  }
  result.files = expected;
  return result;
}
