//===- HalideRuntime.cpp - The Halide runtime genc's kernels link against -===//
#include "genc/Target/HalideRuntime.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace genc;

Halide::Target target::runtimeTargetFor(const Halide::Target &kernels) {
  using F = Halide::Target::Feature;
  static const F kDropped[] = {
      // Vector extensions: what a CPU offers beyond its architecture's
      // base. (no_neon takes NEON away, so it stays.)
      F::SSE41, F::AVX, F::AVX2, F::FMA, F::FMA4, F::F16C, F::AVX512, F::AVX512_KNL,
      F::AVX512_Skylake, F::AVX512_Cannonlake, F::AVX512_SapphireRapids, F::ARMv7s, F::ARMv81a,
      F::ARMDotProd, F::ARMFp16, F::SVE, F::SVE2, F::VSX, F::POWER_ARCH_2_07,
      // What only the kernels' code depends on.
      F::NoRuntime, F::NoAsserts, F::NoBoundsQuery};
  Halide::Target runtime = kernels;
  for (F feature : kDropped)
    runtime = runtime.without_feature(feature);
  return runtime;
}

std::string target::prebuiltRuntimeName(const Halide::Target &runtime) {
  return runtime.to_string() + ".a";
}

std::string target::prebuiltRuntimeDir() {
  // Any address in this program finds its executable (/proc/self/exe).
  std::string exe = llvm::sys::fs::getMainExecutable(nullptr, (void *)&prebuiltRuntimeDir);
  if (exe.empty())
    return "";
  llvm::SmallString<256> dir(llvm::sys::path::parent_path(exe));
  llvm::sys::path::append(dir, GENC_RUNTIME_FROM_BIN);
  return std::string(dir);
}

bool target::copyPrebuiltRuntime(const Halide::Target &kernels, const std::string &archive) {
  std::string dir = prebuiltRuntimeDir();
  if (dir.empty())
    return false;
  llvm::SmallString<256> prebuilt(dir);
  llvm::sys::path::append(prebuilt, prebuiltRuntimeName(runtimeTargetFor(kernels)));
  return llvm::sys::fs::exists(prebuilt) && !llvm::sys::fs::copy_file(prebuilt, archive);
}
