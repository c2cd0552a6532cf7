//===- Trainer.h - The training loop --------------------------------*- C++ -*-===//
//
// Runs the model's train clause over the data: ELBO or maximum likelihood
// (one step), or alternating GAN training (k discriminator steps, then the
// generator step with the discriminator frozen: the step only updates the
// nets it names). A step that reads data takes the next batch of the
// epoch's shuffled order. An epoch is the full batches of that order, like
// PyTorch's drop_last=True loader: the last count % batch examples of each
// shuffle wait for a later epoch, so every step runs at the one compiled
// batch size.
//
// Over MPI (mpirun -np N), N processes train one model data-parallel: the
// same data order and noise as one process, each process computing a share
// of every batch; the results differ from one process's only in the order
// floating-point sums are taken.
//
// Checkpoints (parameters, optimizer state, both generators' states, the
// position in the epoch and the epoch's running sums) are atomic; a resumed
// run continues bit for bit. A non-finite objective stops training and
// keeps the last good checkpoint; Ctrl-C saves one and exits.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_TRAINER_H
#define GENC_RUNTIME_TRAINER_H

#include "genc/runtime/Communicator.h"
#include "genc/runtime/Data.h"
#include "genc/runtime/Model.h"

#include <string>

namespace genc::rt {

struct TrainOptions {
  int64_t epochs = 10;
  std::string outDir = "out";
  uint64_t seed = 1;
  bool resume = false;
  int64_t checkpointEvery = 1000; // iterations between checkpoints (0: epochs only)
  bool pictures = true;           // PNGs per epoch (samplers, Trainer.cpp) and at the end
  int64_t scoreSamples = 2000;    // sample scores: generated and held-out samples
  int64_t stopAfter = 0;          // stop (with a checkpoint) after this many iterations
  double average = 0;             // parameter averaging (Model::enableAveraging), 0: off; test
                                  // losses, scores and pictures then use the averages
  /// Data-parallel training: the processes that share every batch (null:
  /// this one alone). With more than one, each step runs as its gradient
  /// half on this process's share of the batch, the gradients are summed
  /// over the processes, and every process applies the same update. Rank 0
  /// alone writes checkpoints, logs and pictures and evaluates.
  Communicator *processes = nullptr;
  bool checkReplicas = false; // compare every process's parameters after every step
};

/// Trains as `options` say. Returns the exit code: 0 when done, 1 after a
/// non-finite objective, 130 after Ctrl-C. Throws RuntimeError for bad
/// input (a checkpoint from another run, data the model cannot use).
int train(Model &model, const Data &data, const TrainOptions &options);

/// Where training checkpoints go in an output folder.
std::string checkpointPath(const std::string &outDir);

} // namespace genc::rt

#endif // GENC_RUNTIME_TRAINER_H
