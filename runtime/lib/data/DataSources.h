//===- DataSources.h - The kinds of data source loadData reads ----*- C++ -*-===//
//
// Private to the runtime library: loadData (Data.cpp) resolves each input's
// source and hands it to one of the two kinds below, MNIST-style IDX
// directories (IdxDataset.cpp) or synthetic distributions
// (SyntheticSources.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_LIB_DATASOURCES_H
#define GENC_RUNTIME_LIB_DATASOURCES_H

#include "genc/runtime/Data.h"
#include "genc/runtime/Rng.h"

#include <optional>

namespace genc::rt::detail {

//===----------------------------------------------------------------------===//
// IDX directories
//===----------------------------------------------------------------------===//

/// Where the four standard IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, and the
/// t10k-... pair for the test split; each .gz or plain) of an MNIST-style dataset live.
struct IdxLocation {
  std::string directory;
  std::string name;     // "fashion-mnist" or the --data directory, for the description
  bool debianPackage;   // then a missing train file gets the install hint
};

/// One split of an IDX dataset. Only the files asked for are read; when both are, they agree in count.
struct IdxSplit {
  int64_t count = 0; // examples in the files (images.count may hold fewer)
  IdxImages images;
  std::string imagesPath;
  std::vector<int32_t> labels;
  std::string labelsPath;
};

/// Reads the train split (its files must exist) or the test split (nullopt when none of its needed
/// files exist, an error when only some do).
/// Only the first `keep` images (all when negative) are converted.
std::optional<IdxSplit> loadIdxSplit(const IdxLocation &where, bool train, bool needImages,
                                     bool needLabels, int64_t keep = -1);

//===----------------------------------------------------------------------===//
// Synthetic sources
//===----------------------------------------------------------------------===//

/// Examples per split of a synthetic source (before --train-limit / --test-limit).
constexpr int64_t kSyntheticTrainCount = 10000;
constexpr int64_t kSyntheticTestCount = 2000;

/// toy1d:normal(MEAN, STD), toy1d:mixture(M1, S1, M2, S2) or ring2d:K[,RADIUS,STD].
struct SyntheticSource {
  enum class Kind { Normal, Mixture, Ring };
  Kind kind;
  std::string text;           // as written, for messages and the description
  std::vector<double> params; // as written; ring2d's defaults filled in: K, radius, std

  int64_t valuesPerExample() const { return kind == Kind::Ring ? 2 : 1; }
  /// count * valuesPerExample() values, example-major.
  std::vector<float> draw(int64_t count, Rng &rng) const;
  /// P(X <= x) for the 1-D sources (normal, mixture).
  double cdf(double x) const;
};

/// nullopt when `text` is not of a synthetic kind; throws when it is but its numbers are malformed.
std::optional<SyntheticSource> parseSyntheticSource(const std::string &text);

} // namespace genc::rt::detail

#endif // GENC_RUNTIME_LIB_DATASOURCES_H
