//===- RuntimeCommands.h - genc train | sample | eval ---------------*- C++ -*-===//
//
// The commands that run a model: they compile it (cached) through a
// callback into the driver, load the kernels' shared library, and hand over
// to the runtime library, which a user's own program can link as well.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_TOOLS_GENC_RUNTIMECOMMANDS_H
#define GENC_TOOLS_GENC_RUNTIMECOMMANDS_H

#include <cstdint>
#include <functional>
#include <string>

namespace genc {

struct RuntimeRequest {
  std::string command; // train, sample or eval
  /// Compiles the model at a batch size into a cached folder; returns the
  /// path prefix of its files (<dir>/<name>), or throws rt::RuntimeError.
  /// With shares > 1, each step is compiled as data-parallel halves: its
  /// gradients at batch / shares, then its update.
  std::function<std::string(int64_t batch, int64_t shares)> build;
  int64_t batch = 0; // the model's, or --batch
  std::string data, outDir, checkpoint;
  int64_t epochs = 10, limit = 0, testLimit = 0, checkpointEvery = 1000, stopAfter = 0;
  double average = 0; // train --average BETA (0: off)
  uint64_t seed = 1;
  int threads = 0;
  bool resume = false;
  bool checkReplicas = false; // train over MPI: compare the processes' parameters every step
  int iwaeSamples = 100;
  int64_t evalLimit = 0;
  std::string exportIdx; // sample: write generated images as an IDX folder
  int64_t count = 1000;  // sample: how many to export
};

/// Runs the command; returns the exit code. Errors are printed as one line.
int runRuntimeCommand(const RuntimeRequest &request);

} // namespace genc

#endif // GENC_TOOLS_GENC_RUNTIMECOMMANDS_H
