//===- genc-halide-runtime.cpp - Prebuilds the Halide runtime --------------===//
//
// Run by genc's build: writes the Halide runtime for this machine's
// architecture (runtimeTargetFor the host) into the folder given, named as
// copyPrebuiltRuntime looks it up, so `genc compile` copies it instead of
// compiling it for every model.
//
// Usage: genc-halide-runtime DIR
//
//===----------------------------------------------------------------------===//
#include "genc/Target/HalideRuntime.h"

#include <cstdio>
#include <exception>

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: genc-halide-runtime DIR\n");
    return 2;
  }
  Halide::Target runtime = genc::target::runtimeTargetFor(Halide::get_host_target());
  std::string archive = std::string(argv[1]) + "/" + genc::target::prebuiltRuntimeName(runtime);
  try {
    Halide::compile_standalone_runtime({{Halide::OutputFileType::static_library, archive}},
                                       runtime);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "genc-halide-runtime: %s\n", e.what());
    return 1;
  }
  return 0;
}
