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
#include <map>
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

/// Whether initializer `init` draws its values from examples of an input
/// (`kmeans_pp`) rather than from a distribution.
bool seedsFromExamples(const std::string &init);

/// k-means++ seeding (Arthur and Vassilvitskii 2007, greedy as
/// scikit-learn's): the rows of a [K, ...] parameter become K of the `count`
/// examples (row-major, each the size of a row): the first uniformly at random,
/// each next one the best, by the summed squared distance to the nearest
/// chosen row, of 2 + floor(ln K) candidates drawn with probability
/// proportional to that distance. Far-apart examples start a mixture's
/// components (or any prototypes) in different modes of the data, the
/// optimum gradient ascent alone rarely finds. Throws RuntimeError when
/// there are fewer than K examples or they are not finite.
void seedFromExamples(const std::vector<int64_t> &shape, uint64_t seed, const std::string &name,
                      const float *examples, int64_t count, double *out);

/// seedFromExamples() from the examples of input `input` in `examples`
/// (`count` rows of each input, by name); throws RuntimeError naming the
/// parameter when that input is not there.
void seedFromInput(const std::vector<int64_t> &shape, uint64_t seed, const std::string &name,
                   const std::string &input, const std::map<std::string, const float *> &examples,
                   int64_t count, double *out);

} // namespace genc::rt

#endif // GENC_RUNTIME_INITIALIZERS_H
