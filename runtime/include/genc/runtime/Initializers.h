//===- Initializers.h - Parameter initialization -------------------*- C++ -*-===//
//
// One definition of every initializer, shared by the runtime and genc's
// reference interpreter, so a compiled model and the oracle start from the
// same parameters for the same seed. Each tensor has its own generator,
// seeded by the run's seed and the tensor's name: its values do not depend
// on how many other tensors there are or on their order.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_INITIALIZERS_H
#define GENC_RUNTIME_INITIALIZERS_H

#include <cstdint>
#include <string>
#include <vector>

namespace genc::rt {

/// Fills `out` (elementCount(shape) values) for initializer `init`: zeros,
/// ones, constant(v), normal(mean, std), uniform(low, high),
/// glorot_uniform, he_normal. Fans: [in, out] for dense weights,
/// [out, in, kh, kw] for conv filters. Throws RuntimeError for an unknown
/// initializer or a wrong argument count.
void initializeTensor(const std::string &init, const std::vector<double> &args,
                      const std::vector<int64_t> &shape, uint64_t seed, const std::string &name,
                      double *out);

} // namespace genc::rt

#endif // GENC_RUNTIME_INITIALIZERS_H
