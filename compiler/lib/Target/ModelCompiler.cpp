//===- ModelCompiler.cpp - Ahead-of-time compilation of a model -----------===//
//
// 1) Check the cache stamp: the SHA-256 of the model text, flags, target
//    and genc version, and of every output; if it matches, stop.
// 2) Compile each step (on a CPU: its two parts and the chain calling
//    them) and net to its own Halide static library (no runtime), then
//    merge them into <name>_kernels.a with an umbrella header
//    <name>_kernels.h; compile the runtime into <name>_runtime.a. Child
//    processes, one per core, compile the pipelines and the runtime. (Linking
//    the Halide modules instead loses GPU kernels: cuModuleGetFunction
//    fails on an H100.)
//    With sharedLibrary, link both into <name>.so for `genc train`.
// 3) Emit <name>.h (the C++ class) and <name>.manifest.json, then the stamp.
//
//===----------------------------------------------------------------------===//
#include "genc/Target/ModelCompiler.h"
#include "genc/Target/HalideRuntime.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Object/Archive.h"
#include "llvm/Object/ArchiveWriter.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <sched.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace mlir;
using namespace genc;
using namespace genc::target;
using halide::PipelineInput;

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

std::string genc::target::sha256Hex(llvm::StringRef data) {
  llvm::SHA256 hash;
  hash.update(data);
  return llvm::toHex(hash.final(), /*LowerCase=*/true);
}

bool genc::target::isLibraryName(llvm::StringRef name) {
  return !name.empty() && !llvm::isDigit(name[0]) &&
         llvm::all_of(name, [](char c) { return llvm::isAlnum(c) || c == '_'; });
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

/// Merges static libraries into one, in process with LLVM's archive
/// reader and writer: no tool is run and no script is built from paths,
/// so any file name works (spaces, quotes, newlines). The parts go once
/// merged.
LogicalResult mergeArchives(const std::vector<std::string> &parts, const std::string &merged,
                            gen::ModelOp model) {
  auto fail = [&](const std::string &file, llvm::Error error) {
    model.emitError("cannot merge '") << file << "' into '" << merged
                                      << "': " << llvm::toString(std::move(error));
    return failure();
  };
  std::vector<std::unique_ptr<llvm::MemoryBuffer>> buffers; // what the members point into
  std::vector<std::unique_ptr<llvm::object::Archive>> archives;
  std::vector<llvm::NewArchiveMember> members;
  for (const std::string &part : parts) {
    auto buffer = llvm::MemoryBuffer::getFile(part, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!buffer)
      return fail(part, llvm::errorCodeToError(buffer.getError()));
    auto archive = llvm::object::Archive::create((*buffer)->getMemBufferRef());
    if (!archive)
      return fail(part, archive.takeError());
    llvm::Error error = llvm::Error::success();
    for (const llvm::object::Archive::Child &child : (*archive)->children(error)) {
      auto member = llvm::NewArchiveMember::getOldMember(child, /*Deterministic=*/true);
      if (!member)
        return fail(part, member.takeError());
      members.push_back(std::move(*member));
    }
    if (error)
      return fail(part, std::move(error));
    buffers.push_back(std::move(*buffer));
    archives.push_back(std::move(*archive));
  }
  if (llvm::Error error = llvm::writeArchive(merged, members, /*WriteSymtab=*/true,
                                             llvm::object::Archive::K_GNU,
                                             /*Deterministic=*/true, /*Thin=*/false))
    return fail(merged, std::move(error));
  for (const std::string &part : parts)
    llvm::sys::fs::remove(part);
  return success();
}

std::vector<Halide::Argument> arguments(const halide::LoweredPipeline &pipeline) {
  std::vector<Halide::Argument> args;
  for (const halide::PipelineInput &in : pipeline.inputs)
    args.push_back(in.param);
  return args;
}

/// C++ source defining `genc_manifest` (the manifest's bytes, then a NUL)
/// and `genc_manifest_size`.
std::string manifestSource(llvm::StringRef manifest) {
  std::string source = "extern \"C\" {\n__attribute__((visibility(\"default\"))) extern const "
                       "unsigned char genc_manifest[] = {";
  for (unsigned char c : manifest)
    source += std::to_string(int(c)) + ",";
  source += "0};\n__attribute__((visibility(\"default\"))) extern const unsigned long "
            "genc_manifest_size = " +
            std::to_string(manifest.size()) + ";\n}\n";
  return source;
}

/// Links the kernels and their runtime into <name>.so, with references
/// bound inside it (-Bsymbolic), for `genc train` to load. The manifest is
/// compiled in: the runtime refuses a manifest file that is not this one.
/// The C++ driver that links a shared library for `target`: this
/// machine's for its own architecture, else Debian's cross compiler (the
/// triple's g++), or "" for a target genc cannot link for.
std::string linkerFor(const Halide::Target &target) {
  Halide::Target host = Halide::get_host_target();
  if (target.arch == host.arch && target.bits == host.bits && target.os == host.os)
    return "c++";
  if (target.os != Halide::Target::Linux)
    return "";
  using T = Halide::Target;
  static const struct {
    T::Arch arch;
    int bits;
    const char *triple;
  } kCross[] = {{T::ARM, 64, "aarch64-linux-gnu"},  {T::ARM, 32, "arm-linux-gnueabihf"},
                {T::X86, 64, "x86_64-linux-gnu"},   {T::X86, 32, "i686-linux-gnu"},
                {T::RISCV, 64, "riscv64-linux-gnu"}, {T::POWERPC, 64, "powerpc64le-linux-gnu"}};
  for (const auto &cross : kCross)
    if (target.arch == cross.arch && target.bits == cross.bits)
      return std::string(cross.triple) + "-g++";
  return "";
}

/// The path of linkerFor(target), or an error (before anything compiles).
FailureOr<std::string> findLinker(const Halide::Target &target, gen::ModelOp model) {
  std::string platform = Halide::Target(target.os, target.arch, target.bits).to_string();
  std::string linker = linkerFor(target);
  if (linker.empty()) {
    model.emitError("--shared for ") << platform << ": genc links shared libraries for Linux "
                                     << "targets only (link <name>_kernels.a yourself)";
    return failure();
  }
  auto cxx = llvm::sys::findProgramByName(linker);
  if (!cxx) {
    std::string package = "g++-" + linker.substr(0, linker.size() - 4);
    std::replace(package.begin(), package.end(), '_', '-');
    model.emitError("--shared for ") << platform << " links with '" << linker
                                     << "', which is not installed"
                                     << (linker == "c++" ? "" : " (Debian: " + package + ")");
    return failure();
  }
  return *cxx;
}

LogicalResult linkSharedLibrary(const std::string &cxx, const std::string &kernels,
                                const std::string &runtime, const std::string &output,
                                llvm::StringRef manifest, gen::ModelOp model) {
  std::string embedded = output + ".manifest.cpp";
  if (!writeFile(embedded, manifestSource(manifest))) {
    model.emitError("cannot write '") << embedded << "'";
    return failure();
  }
  llvm::StringRef args[] = {cxx,      "-shared",       "-o",       output,   embedded,
                            "-Wl,--whole-archive",     kernels,    runtime,
                            "-Wl,--no-whole-archive",  "-Wl,-Bsymbolic", "-lpthread", "-ldl"};
  std::string error;
  bool linked = llvm::sys::ExecuteAndWait(cxx, args, llvm::None, {}, 0, 0, &error) == 0;
  llvm::sys::fs::remove(embedded);
  if (!linked) {
    model.emitError("linking ") << output << " failed: " << error;
    return failure();
  }
  return success();
}

/// One piece of work for a child process.
struct CompileJob {
  std::string what; // for errors: the function, or "the Halide runtime"
  std::function<void()> run;
};

/// How many processes may compile at once: the cores this process may use.
unsigned usableCores() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0)
    return std::max(1, CPU_COUNT(&set));
  return std::max(1u, std::thread::hardware_concurrency());
}

/// Runs `jobs` in child processes, one per usable core. Halide's
/// compile_to keeps global state, so processes rather than threads; each
/// inherits the lowered pipelines. The jobs' indices wait in a pipe, and
/// each child takes the next one until the pipe is empty (the longest jobs
/// should come first), reporting each index it finished on a second pipe.
/// A job that a child did not report (an error, a crash, a signal) fails
/// the whole with one error naming it (at `loc`: no dump of the model).
LogicalResult runInChildProcesses(ArrayRef<CompileJob> jobs, Location loc) {
  int queue[2], done[2];
  if (pipe(queue) != 0 || pipe(done) != 0) {
    emitError(loc, "cannot create a pipe: ") << std::strerror(errno);
    return failure();
  }
  for (uint32_t i = 0; i < jobs.size(); ++i) // a few bytes: the pipe never blocks
    (void)!write(queue[1], &i, sizeof(i));
  close(queue[1]);
  // The children must not write out what the parent has buffered.
  llvm::outs().flush();
  llvm::errs().flush();
  std::fflush(nullptr);
  // GENC_COMPILE_TIMES=1: each job's time on stderr (where compiles go).
  const char *times = std::getenv("GENC_COMPILE_TIMES");
  bool timed = times && std::string(times) == "1";
  unsigned count = std::min<unsigned>(usableCores(), jobs.size());
  std::vector<pid_t> children;
  for (unsigned c = 0; c < count; ++c) {
    pid_t pid = fork();
    if (pid == 0) {
      close(done[0]);
      uint32_t i;
      // Reads of at most PIPE_BUF bytes are atomic: no two children take
      // the same index.
      while (read(queue[0], &i, sizeof(i)) == sizeof(i)) {
        try {
          auto start = std::chrono::steady_clock::now();
          jobs[i].run();
          if (timed)
            std::fprintf(stderr, "genc: compiled %s in %.2f s\n", jobs[i].what.c_str(),
                         std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
                             .count());
        } catch (const std::exception &e) {
          std::fprintf(stderr, "%s\n", e.what());
          _exit(1);
        }
        if (write(done[1], &i, sizeof(i)) != sizeof(i))
          _exit(1);
      }
      _exit(0); // no destructors or atexit handlers: they are the parent's
    }
    if (pid < 0)
      break; // the children already running take every job
    children.push_back(pid);
  }
  close(queue[0]);
  close(done[1]);
  std::vector<bool> finished(jobs.size());
  uint32_t i;
  while (true) {
    ssize_t n = read(done[0], &i, sizeof(i));
    if (n == sizeof(i) && i < jobs.size())
      finished[i] = true;
    else if (n < 0 && errno == EINTR)
      continue;
    else
      break; // end of file: every child has exited
  }
  close(done[0]);
  std::string status;
  for (pid_t pid : children) {
    int ws = 0;
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
    }
    if (WIFSIGNALED(ws))
      status = "a compiler process was killed by signal " + std::to_string(WTERMSIG(ws)) + " (" +
               strsignal(WTERMSIG(ws)) + ")";
    else if (WIFEXITED(ws) && WEXITSTATUS(ws) != 0 && status.empty())
      status = "a compiler process failed";
  }
  if (children.empty())
    status = std::string("cannot start a compiler process: ") + std::strerror(errno);
  for (size_t j = 0; j < jobs.size(); ++j)
    if (!finished[j]) {
      emitError(loc, "compiling ") << jobs[j].what << " failed"
                                   << (status.empty() ? "" : ": " + status);
      return failure();
    }
  return success();
}
} // namespace

std::vector<Declared> genc::target::declaredFunctions(gen::ModelOp model) {
  using Kind = CompiledFunction::Kind;
  std::vector<Declared> found;
  auto subject = [](Operation *op) {
    return op->getAttrOfType<FlatSymbolRefAttr>("subject").getValue().str();
  };
  for (Operation &op : model.getBody().front()) {
    if (auto generate = dyn_cast<gen::GenerateOp>(op)) {
      found.push_back({Kind::Latent, subject(&op), &generate.getLatent().front(), ""});
      found.push_back({Kind::Generate, subject(&op), &generate.getDecode().front(),
                       generate.getLatentName().str()});
      continue;
    }
    llvm::Optional<Kind> kind = llvm::TypeSwitch<Operation *, llvm::Optional<Kind>>(&op)
                                    .Case([](gen::ReconstructOp) { return Kind::Reconstruct; })
                                    .Case([](gen::LogWeightOp) { return Kind::LogWeight; })
                                    .Case([](gen::DiscriminateOp) { return Kind::Discriminate; })
                                    .Case([](gen::ClassifyOp) { return Kind::Classify; })
                                    .Default([](Operation *) { return llvm::None; });
    if (kind)
      found.push_back({*kind, subject(&op), &op.getRegion(0).front(), ""});
  }
  return found;
}

std::map<manifest::FunctionKind, NetCall> genc::target::netCallsOfDeclarations(gen::ModelOp model) {
  std::map<manifest::FunctionKind, NetCall> calls;
  for (const Declared &d : declaredFunctions(model)) {
    // The body is `%r = gen.call @net(%a)`, `gen.yield %r`, where %a is the
    // block's argument or one gen.get_input before them.
    Block &body = *d.body;
    auto yield = dyn_cast<gen::YieldOp>(body.getTerminator());
    auto call = yield ? yield.getValue().getDefiningOp<gen::CallOp>() : nullptr;
    if (!call || call->getNumOperands() != 1 || call->getNumResults() != 1)
      continue;
    Value argument = call->getOperand(0);
    auto input = argument.getDefiningOp<gen::GetInputOp>();
    bool ownArgument = argument.isa<BlockArgument>() && argument.getParentBlock() == &body;
    // A body with an argument (generate's latent) must pass that on.
    bool passed = body.getNumArguments() > 0 ? ownArgument : bool(input);
    if (!passed || body.getOperations().size() != (input ? 3u : 2u))
      continue;
    if (input)
      calls[d.kind] = {call.getCallee().str(), PipelineInput::Kind::Input,
                       input.getInput().str()};
    else
      calls[d.kind] = {call.getCallee().str(), PipelineInput::Kind::Argument, d.argumentName};
  }
  return calls;
}

FailureOr<CompileResult> genc::target::compileModel(const ModelStages &stages,
                                                    const CompileOptions &options) {
  gen::ModelOp model = stages.train;
  auto target = parseTarget(options.targetName);
  if (!target) {
    model.emitError(llvm::toString(target.takeError()));
    return failure();
  }
  FailureOr<std::string> linker = std::string();
  if (options.sharedLibrary && failed(linker = findLinker(*target, model)))
    return failure();
  std::string name = options.name.empty() ? model.getSymName().str() : options.name;
  if (!isLibraryName(name)) {
    model.emitError("the library name '") << name
                                          << "' is not an identifier (letters, digits and _)";
    return failure();
  }
  auto path = [&](const std::string &file) {
    llvm::SmallString<128> p(options.outputDir);
    llvm::sys::path::append(p, file);
    return std::string(p);
  };
  if (std::error_code ec = llvm::sys::fs::create_directories(options.outputDir)) {
    model.emitError("cannot create '") << options.outputDir << "': " << ec.message();
    return failure();
  }
  // An existing file, or a folder this user cannot write: said now, in one
  // line, not by Halide from inside a compiler process.
  if (!llvm::sys::fs::is_directory(options.outputDir)) {
    model.emitError("'") << options.outputDir << "' is not a folder";
    return failure();
  }
  {
    int probe = -1;
    llvm::SmallString<128> probePath;
    if (std::error_code ec = llvm::sys::fs::createUniqueFile(
            path(".genc-write-check-%%%%%%"), probe, probePath)) {
      model.emitError("cannot write to '") << options.outputDir << "': " << ec.message();
      return failure();
    }
    llvm::sys::Process::SafelyCloseFileDescriptor(probe);
    llvm::sys::fs::remove(probePath);
  }

  // One compiler at a time per output folder, for the whole compile: two
  // compiles into one -o would delete each other's parts. (The lock goes
  // with the process; the second compile then finds the cache up to date.)
  int lockFd = -1;
  if (std::error_code ec = llvm::sys::fs::openFileForWrite(path(".genc-compile.lock"), lockFd,
                                                           llvm::sys::fs::CD_OpenAlways)) {
    model.emitError("cannot lock '") << options.outputDir << "': " << ec.message();
    return failure();
  }
  auto closeLock = llvm::make_scope_exit([&] {
    llvm::sys::fs::unlockFile(lockFd);
    llvm::sys::Process::SafelyCloseFileDescriptor(lockFd);
  });
  if (std::error_code ec = llvm::sys::fs::lockFile(lockFd)) {
    model.emitError("cannot lock '") << options.outputDir << "': " << ec.message();
    return failure();
  }

  // 1) The cache. The stamp holds the SHA-256 of the cache key and of
  // every output: a changed, truncated or half-written output (or stamp)
  // is a miss, and the whole set is rebuilt.
  std::string stampPath = path(name + ".stamp");
  CompileResult result;
  std::vector<std::string> expected = {name + ".h", name + ".manifest.json", name + "_kernels.a",
                                       name + "_kernels.h", name + "_runtime.a"};
  std::vector<std::string> stepFiles = {"", "_average", "_loss"};
  if (stages.dataParallel)
    stepFiles = {"_gradient", "_update", "_average", "_loss"};
  for (gen::StepOp step : model.getBody().getOps<gen::StepOp>())
    for (const std::string &suffix : stepFiles)
      expected.push_back(name + "_" + step.getSymName().str() + suffix + ".h");
  for (gen::NetOp net : model.getBody().getOps<gen::NetOp>())
    expected.push_back(name + "_" + net.getSymName().str() + ".h");
  for (const Declared &d : declaredFunctions(stages.forward))
    expected.push_back(name + "_declared_" + std::string(manifest::spelling(d.kind)) + ".h");
  if (options.sharedLibrary)
    expected.push_back(name + ".so");
  if (options.emitStmt)
    expected.push_back(name + ".stmt");
  auto stampOf = [&]() {
    std::string stamp = "key " + sha256Hex(options.cacheKey) + "\n";
    for (const std::string &file : expected)
      stamp += sha256Hex(readFile(path(file))) + " " + file + "\n";
    return stamp;
  };
  bool complete = llvm::all_of(expected, [&](auto &f) { return llvm::sys::fs::exists(path(f)); });
  if (complete && readFile(stampPath) == stampOf()) {
    result.files = expected;
    result.upToDate = true;
    return result;
  }
  llvm::sys::fs::remove(stampPath);

  // 2) One library of every step and net; one runtime. Lowering to Halide
  // Funcs is quick and stays here; compiling them (Halide's lowering passes,
  // then LLVM) is nearly all the time, so child processes do it in parallel.
  // On a CPU, no asserts: Halide's checks of every buffer argument (shape,
  // strides, host memory) nearly double the compile time of a training step
  // (cvae: 11.5 s against 6.2 s), and the runtime binds only buffers it
  // made from the manifest, which must be the one compiled into the
  // kernels' library (CompiledBuild::load checks). GPU kernels keep them:
  // they also check every device call.
  Halide::Target aot = target->with_feature(Halide::Target::NoRuntime);
  if (!aot.has_gpu_feature())
    aot = aot.with_feature(Halide::Target::NoAsserts);
  std::vector<CompiledFunction> functions;
  using Kind = CompiledFunction::Kind;
  int64_t batch = model.getBatchSizeAttr().getInt();
  auto functionName = [&](Operation *source, CompiledFunction::Kind kind) {
    std::string function = name + "_" + SymbolTable::getSymbolName(source).str();
    if (kind != Kind::Step && kind != Kind::Net)
      function += "_" + std::string(manifest::spelling(kind));
    std::replace(function.begin(), function.end(), '.', '_'); // C symbols, so no dots
    return function;
  };
  auto lower = [&](FailureOr<halide::LoweredPipeline> lowered, Operation *source,
                   CompiledFunction::Kind kind) -> LogicalResult {
    if (failed(lowered))
      return failure();
    // A data-parallel gradient runs at one process's share of the batch.
    int64_t size = source->getParentOfType<gen::ModelOp>().getBatchSizeAttr().getInt();
    functions.push_back({functionName(source, kind), SymbolTable::getSymbolName(source).str(),
                         kind, "", size, std::move(*lowered)});
    return success();
  };
  // A step as its gradient part, then its update part (without the zero
  // objective gen-extract-updates leaves), in a chain; the fused step
  // where they share no gradient.
  auto chainStep = [&](gen::StepOp step) -> LogicalResult {
    auto part = [&](gen::ModelOp stage, Kind kind) -> FailureOr<ChainPart> {
      auto lowered = halide::lowerStep(stage.lookupSymbol<gen::StepOp>(step.getSymName()),
                                       *target);
      if (failed(lowered))
        return failure();
      return ChainPart{functionName(step, kind), std::move(*lowered)};
    };
    FailureOr<ChainPart> gradient = part(stages.gradients, Kind::Gradient);
    FailureOr<ChainPart> update = part(stages.updates, Kind::Update);
    if (failed(gradient) || failed(update))
      return failure();
    llvm::erase_if(update->pipeline.outputs, [](const halide::PipelineOutput &out) {
      return out.kind == halide::PipelineOutput::Kind::Objective;
    });
    std::string function = functionName(step, Kind::Step);
    auto chain = PipelineChain::of({std::move(*gradient), std::move(*update)}, function);
    if (!chain || chain->intermediates() == 0) {
      if (!chain)
        llvm::consumeError(chain.takeError()); // (the fused step serves as well)
      return lower(halide::lowerStep(step, *target), step, Kind::Step);
    }
    functions.push_back({function, step.getSymName().str(), Kind::Step, "", batch,
                         chain->signature, std::move(*chain)});
    return success();
  };
  auto steps = [](gen::ModelOp m) { return m.getBody().getOps<gen::StepOp>(); };
  // A CPU step is a chain of its two parts (PipelineChain.h), unless asked
  // for fused. (Not on a GPU, where the gradients would need device buffers
  // of the chain's own, nor with a user context, which the parts would
  // need passed on.)
  bool chained = stages.gradients && stages.updates && !options.fusedSteps &&
                 !target->has_gpu_feature() &&
                 !target->has_feature(Halide::Target::UserContext);
  if (stages.dataParallel) {
    // The mean of the shares' gradients is the batch's: the front end makes
    // every objective a mean over the batch's examples.
    for (gen::StepOp step : steps(stages.gradients))
      if (failed(lower(halide::lowerStep(step, *target), step, Kind::Gradient)))
        return failure();
    for (gen::StepOp step : steps(stages.updates))
      if (failed(lower(halide::lowerStep(step, *target), step, Kind::Update)))
        return failure();
  } else {
    for (gen::StepOp step : steps(model))
      if (failed(chained ? chainStep(step)
                         : lower(halide::lowerStep(step, *target), step, Kind::Step)))
        return failure();
  }
  // Each step (or update) that trains parameters moves them into their
  // running averages with a kernel of its own (`--average`).
  for (size_t i = 0, n = functions.size(); i < n; ++i) {
    if (functions[i].kind != Kind::Step && functions[i].kind != Kind::Update)
      continue;
    std::string function =
        functionName(model.lookupSymbol(functions[i].source), Kind::Average);
    auto averaging = halide::lowerAveraging(functions[i].pipeline, function, *target);
    if (failed(averaging)) // (the verifier has made every step train parameters)
      return failure();
    functions.push_back({function, functions[i].source, Kind::Average, "", batch,
                         std::move(*averaging)});
  }
  // Losses also give each example's objective: evaluation pads the last
  // partial batch and counts only its real rows.
  for (gen::StepOp step : steps(stages.forward))
    if (failed(lower(halide::lowerStep(step, *target, /*perExample=*/true), step, Kind::Loss)))
      return failure();
  for (gen::NetOp net : model.getBody().getOps<gen::NetOp>())
    if (failed(lower(halide::lowerNet(net, *target), net, Kind::Net)))
      return failure();
  for (const Declared &d : declaredFunctions(stages.forward)) {
    std::string kindName(manifest::spelling(d.kind));
    std::string function = name + "_declared_" + kindName;
    // On a CPU, a declaration that only calls a net calls its function.
    // (Not with the profiler, which would report the time under the net,
    // nor with a user context, which Halide does not pass to extern stages.)
    auto call = stages.declaredNetCalls.find(d.kind);
    bool forwards = call != stages.declaredNetCalls.end() && !target->has_gpu_feature() &&
                    !target->has_feature(Halide::Target::Profile) &&
                    !target->has_feature(Halide::Target::UserContext);
    auto net = !forwards ? functions.end()
                         : llvm::find_if(functions, [&](const CompiledFunction &fn) {
                             return fn.kind == Kind::Net && fn.source == call->second.net &&
                                    fn.pipeline.outputs.size() == 1;
                           });
    auto lowered =
        net != functions.end()
            ? halide::forwardToNet(net->pipeline, net->function, call->second.argumentKind,
                                   call->second.argumentName, function)
            : halide::lowerDeclaration(*d.body, function, d.argumentName, *target);
    if (failed(lowered))
      return failure();
    functions.push_back({function, kindName, d.kind, d.subject, batch, std::move(*lowered)});
  }
  // Nets, steps (and their parts) and declarations name C symbols; two
  // alike would not link.
  std::vector<std::pair<std::string, std::string>> symbols; // C function, source
  for (const CompiledFunction &fn : functions) {
    symbols.push_back({fn.function, fn.source});
    if (fn.chain)
      for (const ChainPart &part : fn.chain->parts)
        symbols.push_back({part.function, fn.source});
  }
  for (size_t i = 0; i < symbols.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (symbols[i].first == symbols[j].first) {
        model.emitError("'") << symbols[j].second << "' and '" << symbols[i].second
                             << "' would both compile to the C function '" << symbols[i].first
                             << "'; rename one";
        return failure();
      }

  // The longest first, since the queue hands out jobs in order: the steps
  // (or their gradient parts), then the losses, then the rest.
  std::vector<CompileJob> queues[3];
  std::vector<std::string> archives, stmts;
  using Outputs = std::map<Halide::OutputFileType, std::string>;
  auto rank = [](const CompiledFunction &fn) {
    return fn.kind == Kind::Step ? 0 : fn.kind == Kind::Loss ? 1 : 2;
  };
  auto add = [&](const std::string &function, bool header, int queue,
                 std::function<void(const Outputs &)> compile) {
    Outputs outputs = {{Halide::OutputFileType::static_library, path(function + ".a")}};
    if (header)
      outputs[Halide::OutputFileType::c_header] = path(function + ".h");
    if (options.emitStmt) {
      outputs[Halide::OutputFileType::stmt] = path(function + ".stmt");
      stmts.push_back(path(function + ".stmt"));
    }
    queues[queue].push_back({function, [outputs, compile] { compile(outputs); }});
    archives.push_back(path(function + ".a"));
  };
  // A chain keeps Halide's asserts: they return its parts' error codes.
  Halide::Target chainTarget = aot.without_feature(Halide::Target::NoAsserts);
  for (const CompiledFunction &fn : functions) {
    if (!fn.chain) {
      add(fn.function, true, rank(fn), [&fn, &aot](const Outputs &outputs) {
        fn.pipeline.pipeline().compile_to(outputs, arguments(fn.pipeline), fn.function, aot);
      });
      continue;
    }
    for (size_t i = 0; i < fn.chain->parts.size(); ++i) {
      const ChainPart &part = fn.chain->parts[i];
      add(part.function, false, i == 0 ? 0 : 2, [&part, &aot](const Outputs &outputs) {
        part.pipeline.pipeline().compile_to(outputs, arguments(part.pipeline), part.function,
                                            aot);
      });
    }
    add(fn.function, true, 2, [&fn, chainTarget](const Outputs &outputs) {
      fn.chain->module(fn.function, chainTarget).compile(outputs);
    });
  }
  std::vector<CompileJob> jobs;
  for (std::vector<CompileJob> &queue : queues)
    jobs.insert(jobs.end(), queue.begin(), queue.end());
  std::string runtime = path(name + "_runtime.a");
  if (!copyPrebuiltRuntime(*target, runtime))
    jobs.push_back({"the Halide runtime", [&] {
                      Halide::compile_standalone_runtime(
                          {{Halide::OutputFileType::static_library, runtime}},
                          runtimeTargetFor(*target));
                    }});
  if (failed(runInChildProcesses(jobs, model.getLoc())) ||
      failed(mergeArchives(archives, path(name + "_kernels.a"), model)))
    return failure();
  std::string stmt;
  for (const std::string &file : stmts) {
    stmt += readFile(file);
    llvm::sys::fs::remove(file);
  }
  std::string umbrella = "// " + name + "_kernels.h - generated by genc: every step and net.\n"
                         "#pragma once\n";
  for (const CompiledFunction &fn : functions)
    umbrella += "#include \"" + fn.function + ".h\"\n";
  if (!writeFile(path(name + "_kernels.h"), umbrella) ||
      (options.emitStmt && !writeFile(path(name + ".stmt"), stmt))) {
    model.emitError("cannot write to '") << options.outputDir << "'";
    return failure();
  }
  std::string manifest = emitManifest(stages, functions, options.targetName, target->to_string());
  if (options.sharedLibrary && failed(linkSharedLibrary(*linker, path(name + "_kernels.a"),
                                                        runtime, path(name + ".so"), manifest,
                                                        model)))
    return failure();

  // 3) The C++ class, the manifest and the stamp.
  if (!writeFile(path(name + ".h"), emitModelHeader(model, name, functions, manifest)) ||
      !writeFile(path(name + ".manifest.json"), manifest) || !writeFile(stampPath, stampOf())) {
    model.emitError("cannot write to '") << options.outputDir << "'";
    return failure();
  }
  result.files = expected;
  return result;
}
