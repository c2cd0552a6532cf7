//===- Noise.h - The normal noise a training step draws ---------*- C++ -*-===//
#ifndef GENC_RUNTIME_MODEL_NOISE_H
#define GENC_RUNTIME_MODEL_NOISE_H

#include "genc/runtime/Rng.h"

#include <cstddef>

namespace genc::rt {

/// Normals `skip` .. `skip + n - 1` (into out[0, n)) of a run of `total`
/// drawn from `rng`, which then stands past the whole run: a data-parallel
/// share fills its own slice of the batch's run. Normals 2i and 2i + 1 come
/// from the i-th pair of uniforms (u1, u2) by Box-Muller, mean + stddev r
/// cos(2 pi u2) and mean + stddev r sin(2 pi u2) with r = sqrt(-2 log u1),
/// in float. The uniforms are drawn in order on the calling thread, the
/// transform runs on the kernels' thread pool.
void drawNormals(Rng &rng, float *out, size_t skip, size_t n, size_t total, float mean,
                 float stddev);

} // namespace genc::rt

#endif // GENC_RUNTIME_MODEL_NOISE_H
