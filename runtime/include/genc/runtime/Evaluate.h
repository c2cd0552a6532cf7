//===- Evaluate.h - Held-out measures of a model -------------------*- C++ -*-===//
//
// Test losses average a step's objective over exactly the test examples:
// full batches, then the last test examples that fill one (see testLoss).
// For VAEs, an importance-weighted estimate of
// log p(x) (Burda et al.); for GANs, distances between generated and
// held-out samples that do not depend on the discriminator. Evaluation
// draws its noise from its own generator, so it never changes training.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_EVALUATE_H
#define GENC_RUNTIME_EVALUATE_H

#include "genc/runtime/Data.h"
#include "genc/runtime/Model.h"
#include "genc/runtime/Roles.h"

namespace genc::rt {

/// Rows [begin, begin + rows) of every column of `split` for `fn`'s inputs.
struct BatchData {
  std::map<std::string, std::vector<float>> columns;
  Batch view() const;
};
BatchData gatherRows(const Split &split, const std::vector<int64_t> &order, int64_t begin,
                     int64_t rows);

/// The steps whose objective reads data (they consume batches).
bool readsData(const FunctionSpec &step);

/// Mean objective of step `step` per test example (its loss function). The
/// remainder r = count % batch is the last r objectives of the batch of the
/// last `batch` test examples (all of them, repeated, when fewer): every
/// example counts once, and always among a full batch of real examples
/// (batch_norm's statistics).
double testLoss(Model &model, const std::string &step, const Split &test, uint64_t seed);

/// log p(x) per example (nats) by importance sampling with k samples from
/// the encoder's posterior, over the first `limit` test examples (0: all).
double iwaeLogLikelihood(Model &model, const Roles &roles, const Split &test, int k,
                         uint64_t seed, int64_t limit = 0);

/// `count` generated examples (row-major, data-sized rows): the generator
/// on its noise, or the decoder on prior draws. `classes`, for conditional
/// models, gives each row's label.
std::vector<float> generate(Model &model, const Roles &roles, int64_t count, Rng &rng,
                            const std::vector<int32_t> &classes = {});

/// A net applied to `rows` rows of named arguments, in full batches (the
/// last one padded by repeating rows): the results' rows, concatenated.
std::vector<std::vector<float>> applyNet(Model &model, const FunctionSpec &net,
                                         const std::map<std::string, const float *> &arguments,
                                         int64_t rows);

/// The fraction of test examples whose largest classifier logit is their
/// label's class.
double classifierAccuracy(Model &model, const Roles &roles, const Split &test);

struct GanScores {
  double slicedWasserstein = 0;
  double ks = -1;          // 1-D data only
  bool ksExact = false;    // against the data's known distribution
};
/// Generated against held-out samples (up to `count` of each). For 1-D
/// data whose distribution is known (data.cdf), the KS statistic is taken
/// against that distribution itself, from 10 count generated samples: the
/// held-out sample's own noise (~0.03 at 2000 against 2000) would swamp
/// what is measured.
GanScores ganScores(Model &model, const Roles &roles, const Data &data, int64_t count,
                    uint64_t seed);

} // namespace genc::rt

#endif // GENC_RUNTIME_EVALUATE_H
