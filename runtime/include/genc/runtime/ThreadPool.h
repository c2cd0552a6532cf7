//===- ThreadPool.h - The workers of the kernels' parallel loops --*- C++ -*-===//
//
// A training step runs a dozen or more parallel loops, most of them tens of
// microseconds long, separated by short serial stretches. genc's kernels
// run them on this pool instead of Halide's (halide_set_custom_do_par_for):
// its idle workers spin for a while before they sleep, so back-to-back
// loops find them awake. Each thread starts on its own contiguous share of
// a loop's tasks, the same share at every call, so it finds the data it
// read in the previous step in its core's cache; a thread done early takes
// the others' last tasks. On two threads the VAE step at batch 16 runs
// about 5 % faster than on Halide's pool, and the shares gain another
// 3-5 % at batch 128 (docs/runtime.md).
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_THREADPOOL_H
#define GENC_RUNTIME_THREADPOOL_H

#include <cstdint>

namespace genc::rt {

/// Halide's task and parallel-loop signatures (halide_task_t and the
/// handler halide_set_custom_do_par_for installs).
using HalideTask = int (*)(void *userContext, int index, uint8_t *closure);
using DoParFor = int (*)(void *userContext, HalideTask task, int min, int extent,
                         uint8_t *closure);
using SetDoParFor = DoParFor (*)(DoParFor);

namespace threadpool {
/// Runs task(min) ... task(min + extent - 1) on the calling thread and the
/// workers, every one of them even when one fails; returns the first
/// non-zero result recorded, or 0. The caller starts at task min, worker i
/// at the start of the (i + 1)-th of threads() equal shares. A loop
/// started inside a task, or while another thread runs one, runs serially
/// on the calling thread.
int parallelFor(void *userContext, HalideTask task, int min, int extent, uint8_t *closure);

/// Threads that run a loop, the caller included; 0 restores the default:
/// HL_NUM_THREADS if set, else one per core.
void setThreads(int threads);
int threads();

/// How long (microseconds) an idle worker spins before it sleeps
/// (default 200; GENC_SPIN_US overrides it).
void setSpinMicroseconds(int microseconds);
} // namespace threadpool

} // namespace genc::rt

#endif // GENC_RUNTIME_THREADPOOL_H
