//===- HostTarget.h - Whether this machine runs a build's kernels -*- C++ -*-===//
//
// A build's kernels are compiled for one Halide target: an architecture, an
// OS and instruction-set extensions (x86-64-linux-avx2-fma-sse41-f16c-...).
// Run elsewhere, a missing extension is SIGILL in the middle of a step; a
// build that moves to another machine (genc-run on a cluster) is checked
// against this CPU before its kernels load.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_HOSTTARGET_H
#define GENC_RUNTIME_HOSTTARGET_H

#include <optional>
#include <string>

namespace genc::rt {

/// This machine's architecture and OS as a Halide target starts:
/// "x86-64-linux", "arm-64-linux".
std::string hostPlatform();

/// Why this machine cannot run kernels compiled for `halideTarget` (a
/// Halide target string), e.g. "its kernels use avx512_skylake, which this
/// CPU lacks"; nullopt when it can. GPU features are not checked here (a
/// missing driver is a kernel error at the first call).
std::optional<std::string> cannotRunHere(const std::string &halideTarget);

} // namespace genc::rt

#endif // GENC_RUNTIME_HOSTTARGET_H
