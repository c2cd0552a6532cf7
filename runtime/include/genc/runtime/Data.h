//===- Data.h - Training and test data for a model's inputs -------*- C++ -*-===//
//
// Turns the `from "..."` sources of a model's inputs (or the --data flag) into
// in-memory train and test splits: Fashion-MNIST and other MNIST-style IDX
// files, and the synthetic 1-D and 2-D sources used to check GAN training
// (toy1d:normal, toy1d:mixture, ring2d). Inputs that come from one dataset
// stay aligned: row i of every column is example i.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_DATA_H
#define GENC_RUNTIME_DATA_H

#include "genc/runtime/Files.h"

#include <cstdint>
#include <map>
#include <functional>
#include <string>
#include <vector>

namespace genc::rt {

/// One model input as the manifest describes it: per-example shape, the number of label classes for
/// a one-hot label input (0 otherwise), and the `from "..."` source string of the model file.
struct InputSpec {
  std::string name;
  std::vector<int64_t> shape;
  int labelClasses = 0;
  std::string source;
};

/// Examples of one split: for each input name, count * prod(shape) floats, row-major, example-major.
struct Split {
  int64_t count = 0;
  std::map<std::string, std::vector<float>> columns;
  std::vector<int32_t> labels; // class index per example when the data has labels (else empty)
};

struct Data {
  Split train, test;
  std::string description; // e.g. "fashion-mnist (60000 train, 10000 test)"
  /// For each 1-D input whose source is a known distribution (toy1d:normal,
  /// toy1d:mixture), by name: its exact cumulative distribution function.
  std::map<std::string, std::function<double(double)>> cdf;
};

struct DataOptions {
  std::string override_;  // --data: a directory of IDX files, or a source string that replaces the model's
  int64_t trainLimit = 0; // use only the first N training examples (0: all)
  int64_t testLimit = 0;  // likewise for the test split
  uint64_t seed = 0;      // synthetic sources draw from Rng(seed, "data:train") / Rng(seed, "data:test")
  bool loadTrain = true;  // false: leave the train split empty (sampling and evaluation read only test)
};

/// Loads every input's data. Sources:
///   fashion-mnist:train-images | fashion-mnist:train-labels   (/usr/share/datasets/fashion-mnist;
///       the test split comes from the t10k files)
///   toy1d:normal(MEAN, STD) | toy1d:mixture(M1, S1, M2, S2)   (10000 train, 2000 test, shape {1})
///   ring2d:K | ring2d:K,RADIUS,STD                            (10000 train, 2000 test, shape {2})
/// options.override_ replaces the source of every input that has one (of every input when none has):
/// a directory holds the four standard IDX files (an input with labelClasses takes the labels, any
/// other the images); any other string is a source as above.
Data loadData(const std::vector<InputSpec> &inputs, const DataOptions &options);

/// IDX readers (plain or gzip, detected by the magic bytes 1f 8b, not by the name). Images: uint8 scaled
/// to [0,1] (x/255), rows*cols values per image, image-major; labels: uint8 class per item.
struct IdxImages {
  int64_t count = 0, rows = 0, cols = 0; // count: the images in `values`
  std::vector<float> values;
  int64_t inFile = 0; // the images the file holds (more than count when cut short)
};
/// Reads and checks the whole file, and converts its first `keep` images
/// (all when negative): a run on a few thousand examples of Fashion-MNIST
/// does not convert and hold all 60000.
IdxImages readIdxImages(const std::string &path, int64_t keep = -1);
std::vector<int32_t> readIdxLabels(const std::string &path);
/// Plain (uncompressed) IDX, for tests and tools; values are rounded to the nearest of x/255.
void writeIdxImages(const std::string &path, const IdxImages &images);
void writeIdxLabels(const std::string &path, const std::vector<int32_t> &labels);

/// A plain IDX file written a block of items at a time, so exporting many
/// generated images needs memory for one block only.
class IdxWriter {
public:
  /// Starts `path` for `count` items of `itemDims` each (none: labels);
  /// every dimension must fit IDX's uint32.
  IdxWriter(const std::string &path, uint64_t count, const std::vector<uint64_t> &itemDims);
  /// Whole images, values in [0, 1] rounded to the nearest x/255.
  void appendImages(const float *values, size_t n);
  void appendLabels(const int32_t *labels, size_t n);
  /// Checks that the header's count was written, then puts the file in
  /// place (until then `path` is untouched: an AtomicFile).
  void finish();

private:
  std::string path_;
  AtomicFile file_;
  uint64_t expected_, written_ = 0, itemBytes_ = 1;
};

} // namespace genc::rt

#endif // GENC_RUNTIME_DATA_H
