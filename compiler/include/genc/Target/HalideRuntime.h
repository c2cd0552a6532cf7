//===- HalideRuntime.h - The Halide runtime genc's kernels link against -*- C++ -*-===//
//
// Halide's runtime (allocation, the thread pool, errors, GPU drivers) is
// the same for every CPU of one architecture: kernels compiled for any
// x86-64 vector extension link against a runtime compiled for plain
// x86-64, as Halide's own multi-target libraries do. genc's build
// prebuilds the runtime for its host's architecture into
// <libdir>/genc/halide-runtime (found from the executable's folder, in the
// build tree as in an installed prefix), so compiling a model copies it
// instead of spending a CPU-second compiling it again.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_TARGET_HALIDERUNTIME_H
#define GENC_TARGET_HALIDERUNTIME_H

#include "Halide.h"

#include <string>

namespace genc::target {

/// The target a runtime for `kernels` is compiled for: `kernels` without
/// the CPU's vector extensions (a runtime is valid on any CPU that has
/// more) and without the flags that only concern kernels (no_runtime,
/// no_asserts, no_bounds_query). GPU APIs, the profiler and debugging
/// stay: they add parts to the runtime.
Halide::Target runtimeTargetFor(const Halide::Target &kernels);

/// The prebuilt runtime's file name for `runtime` (a runtimeTargetFor
/// result): "<target string>.a".
std::string prebuiltRuntimeName(const Halide::Target &runtime);

/// The folder of genc's prebuilt runtimes, next to the running executable.
std::string prebuiltRuntimeDir();

/// Copies the prebuilt runtime for `kernels` to `archive`; false (and
/// nothing written) when there is none, so the caller compiles it.
bool copyPrebuiltRuntime(const Halide::Target &kernels, const std::string &archive);

} // namespace genc::target

#endif // GENC_TARGET_HALIDERUNTIME_H
