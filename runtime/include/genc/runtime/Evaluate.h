//===- Evaluate.h - Held-out measures of a model -------------------*- C++ -*-===//
//
// Test losses average a step's objective over exactly the test examples:
// full batches, then the last test examples that fill one (see testLoss).
// From the model's declarations: log p(x) from its log_weight (an
// importance-weighted estimate, Burda et al., or exact); for any model that
// generates, distances between generated and held-out samples that depend
// on no discriminator; a classifier's accuracy. Evaluation draws its noise
// from its own stream, so it never changes training.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_EVALUATE_H
#define GENC_RUNTIME_EVALUATE_H

#include "genc/runtime/Data.h"
#include "genc/runtime/Model.h"
#include "genc/runtime/Generation.h"

#include <array>

namespace genc::rt {

/// Rows [begin, begin + rows) of every column of `split` for `fn`'s inputs.
struct BatchData {
  std::map<std::string, std::vector<float>> columns;
  Batch view() const;
};
BatchData gatherRows(const Split &split, const std::vector<int64_t> &order, int64_t begin,
                     int64_t rows);

/// Mean objective of step `step` per test example (its loss function). The
/// remainder r = count % batch is the last r objectives of the batch of the
/// last `batch` test examples (all of them, repeated, when fewer): every
/// example counts once, and always among a full batch of real examples
/// (batch_norm's statistics).
double testLoss(Model &model, const std::string &step, const Split &test, uint64_t seed);

/// While it lives, the model's noise generator (which draws every random
/// argument) continues `rng`'s stream instead of its own; at the end `rng`
/// has advanced past what was drawn and the model's stream is as before. So
/// pictures and scores drawn from an Rng seeded by --seed are reproducible,
/// and never change training's noise.
class NoiseFrom {
public:
  NoiseFrom(Model &model, Rng &rng);
  ~NoiseFrom();
  NoiseFrom(const NoiseFrom &) = delete;
  NoiseFrom &operator=(const NoiseFrom &) = delete;

private:
  Model &model_;
  Rng &rng_;
  std::array<uint64_t, 4> saved_;
};

/// Named columns as a Batch (e.g. a split's, binding inputs to all of it).
Batch columnsOf(const std::map<std::string, std::vector<float>> &columns);

/// A compiled function (a net or a declaration) applied to `rows` rows of
/// named inputs and arguments, in full batches of its batch size (the last
/// one padded by repeating the last row): each result's rows, concatenated.
/// Random arguments draw from the model's noise generator.
std::vector<std::vector<float>> applyFunction(Model &model, const FunctionSpec &fn,
                                              const Batch &arguments, int64_t rows);

/// `count` codes (row-major, latentSize() per row) drawn by the declared
/// `latent` function from `rng`'s stream. `classes` gives each row's class
/// (cycled; class 0 when empty) for a prior that reads the label.
std::vector<float> drawLatents(Model &model, const Generation &generation, int64_t count,
                               Rng &rng, const std::vector<int32_t> &classes = {});

/// The declared `generate` applied to `count` codes: data-sized rows. For a
/// class-conditional model, `classes` gives each row's class (cycled; class
/// 0 when empty), fed as a one-hot label. Noise it draws comes from `rng`.
std::vector<float> decode(Model &model, const Generation &generation,
                          const std::vector<float> &latents, int64_t count, Rng &rng,
                          const std::vector<int32_t> &classes = {});

/// `count` generated examples (row-major, data-sized rows): codes from
/// `latent`, then `generate`, in whole batches (batch normalization sees
/// batches like training's). Throws when the model declares no `generate`.
std::vector<float> generate(Model &model, const Generation &generation, int64_t count, Rng &rng,
                            const std::vector<int32_t> &classes = {});

/// log p(x) per example (nats) over the first `limit` test examples (0:
/// all), from the declared log_weight: the log-mean-exp of `k` evaluations
/// with fresh noise (the importance-weighted bound of Burda et al.), or one
/// evaluation when log_weight draws no noise (then it is exact).
struct LogLikelihood {
  double nats = 0;
  int samples = 0;    // evaluations per example
  bool exact = false; // log_weight draws no noise
  int64_t examples = 0;
};
LogLikelihood logLikelihood(Model &model, const Generation &generation, const Split &test, int k,
                            uint64_t seed, int64_t limit = 0);

/// The fraction of test examples whose largest `classify` logit is the
/// class of its subject label.
double classifierAccuracy(Model &model, const Generation &generation, const Split &test);

struct SampleScores {
  double slicedWasserstein = 0;
  double ks = -1;          // 1-D data only
  bool ksExact = false;    // against the data's known distribution
};
/// Generated against held-out samples (up to `count` of each), for any
/// model that declares `generate`. For 1-D data whose distribution is known
/// (data.cdf), the KS statistic is taken against that distribution itself,
/// from 10 count generated samples: the held-out sample's own noise (~0.03
/// at 2000 against 2000) would swamp what is measured.
SampleScores sampleScores(Model &model, const Generation &generation, const Data &data,
                          int64_t count, uint64_t seed);

} // namespace genc::rt

#endif // GENC_RUNTIME_EVALUATE_H
