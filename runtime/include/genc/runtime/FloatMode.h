//===- FloatMode.h - The floating-point mode kernels run in ------*- C++ -*-===//
//
// Kernels run with subnormal floats flushed to zero. Adam's second moment
// of a gradient that is mostly tiny (a first layer's weights at batch 1)
// decays into subnormals, and Intel cores compute with those through
// microcode, ~100 times slower: the VAE step at batch 1 took 3.8 ms on a
// Xeon with them and 1.0 ms flushed, the Adam update of the first weight
// 3.0 ms against 0.3 ms. TensorFlow's CPU runtime flushes them too. The
// values lost are those below 1.2e-38 in magnitude.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_FLOATMODE_H
#define GENC_RUNTIME_FLOATMODE_H

#include <cstdint>

namespace genc::rt {

/// While alive, the calling thread flushes subnormal results to zero and
/// reads subnormal operands as zero (x86 with SSE: MXCSR's FTZ and DAZ
/// bits; AArch64: FPCR.FZ; elsewhere nothing changes); the destructor
/// restores the thread's earlier flush bits.
/// The kernels' parallel loops run on genc's thread pool (ThreadPool.h),
/// whose workers flush for their whole life. (Kernels that a program links
/// without genc's pool, on Halide's own, have their workers started inside
/// the first kernel call that runs a parallel loop; a new thread copies its
/// creator's floating-point environment, so they flush too, unless the
/// program's own Halide pipelines started them first.)
class FlushSubnormals {
public:
  FlushSubnormals();
  ~FlushSubnormals();
  FlushSubnormals(const FlushSubnormals &) = delete;
  FlushSubnormals &operator=(const FlushSubnormals &) = delete;

private:
  uint64_t saved_ = 0;
};

} // namespace genc::rt

#endif // GENC_RUNTIME_FLOATMODE_H
