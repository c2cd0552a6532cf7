//===- Data.cpp - Loading the train and test splits of a model's inputs ---===//
//
// loadData:
//   1) resolves each input's source (the model's `from`, or --data),
//   2) reads the IDX dataset once for all inputs that use it, so image i and
//      label i stay together, and draws each distinct synthetic source once
//      per split (inputs that name the same source get the same column),
//   3) checks every input's per-example size against what its source gives,
//   4) keeps each split's first examples, up to its limit (converting
//      only those of the IDX images).
//
//===----------------------------------------------------------------------===//
#include "data/DataSources.h"

#include "genc/runtime/Error.h"

#include <algorithm>
#include <filesystem>

using namespace genc::rt;
using namespace genc::rt::detail;

namespace {

const char *const kFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

/// One input and where its values come from once --data is applied.
struct Feed {
  const InputSpec *input;
  std::string source;                       // the effective source string, for messages
  std::optional<SyntheticSource> synthetic; // unset: the IDX dataset
  bool labels = false;                      // IDX: the labels file rather than the images
};

int64_t valuesPerExample(const InputSpec &input) {
  int64_t n = 1;
  for (int64_t dim : input.shape)
    n *= dim;
  return n;
}

/// The input's type as the model file spells it, e.g. "f32[1, 28, 28]" or "onehot[10]".
std::string typeText(const InputSpec &input) {
  if (input.labelClasses > 0)
    return "onehot[" + std::to_string(input.labelClasses) + "]";
  std::string text = "f32[";
  for (size_t i = 0; i < input.shape.size(); ++i)
    text += (i ? ", " : "") + std::to_string(input.shape[i]);
  return text + "]";
}

void checkValuesPerExample(const InputSpec &input, int64_t given, const std::string &what) {
  int64_t wanted = valuesPerExample(input);
  if (wanted != given)
    throw RuntimeError("input '" + input.name + "' is " + typeText(input) + " (" +
                       std::to_string(wanted) + " values per example) but " + what + " (" +
                       std::to_string(given) + " values)");
}

Feed resolveFeed(const InputSpec &input, const std::string &source, bool fromDirectory) {
  Feed feed{&input, source, std::nullopt, false};
  const std::string fashion = "fashion-mnist:";
  if (fromDirectory) {
    feed.labels = input.labelClasses > 0;
  } else if (source.compare(0, fashion.size(), fashion) == 0) {
    std::string file = source.substr(fashion.size());
    if (file != "train-images" && file != "train-labels")
      throw RuntimeError("unknown data source '" + source +
                         "' (expected fashion-mnist:train-images or fashion-mnist:train-labels)");
    feed.labels = file == "train-labels";
  } else if (!(feed.synthetic = parseSyntheticSource(source))) {
    if (source.find('/') != std::string::npos || source[0] == '.')
      throw RuntimeError("data folder '" + source + "' does not exist");
    throw RuntimeError("unknown data source '" + source +
                       "' (expected fashion-mnist:..., toy1d:normal(m, s), toy1d:mixture(...), "
                       "ring2d:K or a directory of IDX files)");
  }
  if (feed.labels && input.labelClasses == 0)
    throw RuntimeError("input '" + input.name + "' is " + typeText(input) + " but its source '" +
                       source + "' gives class labels (declare it onehot[K])");
  if (feed.labels && valuesPerExample(input) != input.labelClasses)
    throw RuntimeError("input '" + input.name + "' is onehot[" +
                       std::to_string(input.labelClasses) + "] but has " +
                       std::to_string(valuesPerExample(input)) + " values per example");
  return feed;
}

/// --data replaces the source of every input that has one; when no input has one, it supplies all.
std::vector<Feed> resolveFeeds(const std::vector<InputSpec> &inputs, const DataOptions &options,
                               bool overrideIsDirectory) {
  bool anySource = std::any_of(inputs.begin(), inputs.end(),
                               [](const InputSpec &input) { return !input.source.empty(); });
  std::vector<Feed> feeds;
  for (const InputSpec &input : inputs) {
    bool overridden = !options.override_.empty() && (!input.source.empty() || !anySource);
    std::string source = overridden ? options.override_ : input.source;
    if (source.empty())
      throw RuntimeError("input '" + input.name +
                         "' has no data source (add from \"...\" in the model or pass --data)");
    feeds.push_back(resolveFeed(input, source, overridden && overrideIsDirectory));
  }
  return feeds;
}

std::vector<float> oneHot(const InputSpec &input, const std::vector<int32_t> &labels,
                          const std::string &path) {
  int64_t classes = input.labelClasses;
  std::vector<float> rows(labels.size() * size_t(classes), 0.0f);
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] >= classes)
      throw RuntimeError(path + ": label " + std::to_string(labels[i]) + " of item " +
                         std::to_string(i) + " is not below the " + std::to_string(classes) +
                         " classes of input '" + input.name + "'");
    rows[i * size_t(classes) + size_t(labels[i])] = 1.0f;
  }
  return rows;
}

/// Builds one split's columns: the first `keep` of its `count` examples.
/// `idx` is that split of the IDX dataset (null when it has none), its
/// images already cut to `keep`; they move into the last column that reads
/// them. Synthetic sources draw all `count`, so that a limit keeps the
/// examples it would keep of the whole split.
void fillColumns(Split &split, const std::vector<Feed> &feeds, IdxSplit *idx, int64_t count,
                 int64_t keep, Rng &rng) {
  split.count = keep;
  auto firstExamples = [&](std::vector<float> all) {
    all.resize(count > 0 ? all.size() / size_t(count) * size_t(keep) : 0);
    return all;
  };
  auto readsImages = [](const Feed &feed) { return !feed.synthetic && !feed.labels; };
  auto imageReaders = std::count_if(feeds.begin(), feeds.end(), readsImages);
  std::map<std::string, std::vector<float>> drawn;
  for (const Feed &feed : feeds) {
    const InputSpec &input = *feed.input;
    std::vector<float> &column = split.columns[input.name];
    if (feed.synthetic) {
      checkValuesPerExample(input, feed.synthetic->valuesPerExample(),
                            "data source '" + feed.source + "' gives points of dimension " +
                                std::to_string(feed.synthetic->valuesPerExample()));
      auto [it, fresh] = drawn.try_emplace(feed.source);
      if (fresh)
        it->second = feed.synthetic->draw(count, rng);
      column = firstExamples(it->second);
    } else if (idx && feed.labels) {
      column = firstExamples(oneHot(input, idx->labels, idx->labelsPath));
      split.labels.assign(idx->labels.begin(), idx->labels.begin() + keep);
    } else if (idx) {
      IdxImages &images = idx->images;
      checkValuesPerExample(input, images.rows * images.cols,
                            idx->imagesPath + " holds " + std::to_string(images.rows) + "x" +
                                std::to_string(images.cols) + " images");
      column = --imageReaders == 0 ? std::move(images.values) : images.values;
    }
  }
}

std::string countText(int64_t kept, int64_t loaded, const char *split) {
  std::string text = std::to_string(kept);
  if (kept != loaded)
    text += " of " + std::to_string(loaded);
  return text + " " + split;
}

} // namespace

Data genc::rt::loadData(const std::vector<InputSpec> &inputs, const DataOptions &options) {
  bool overrideIsDirectory =
      !options.override_.empty() && std::filesystem::is_directory(options.override_);
  std::vector<Feed> feeds = resolveFeeds(inputs, options, overrideIsDirectory);
  if (feeds.empty())
    return Data{{}, {}, "no inputs"};

  bool needImages = false, needLabels = false;
  std::vector<std::string> names; // the datasets in order of first use, for the description
  IdxLocation where = overrideIsDirectory
                          ? IdxLocation{options.override_, options.override_, false}
                          : IdxLocation{kFashionMnistDirectory, "fashion-mnist", true};
  for (const Feed &feed : feeds) {
    needImages |= !feed.synthetic && !feed.labels;
    needLabels |= !feed.synthetic && feed.labels;
    std::string name = feed.synthetic ? feed.source : where.name;
    if (std::find(names.begin(), names.end(), name) == names.end())
      names.push_back(name);
  }

  // The IDX dataset, when any input reads it, sets the example counts; synthetic sources match them.
  std::optional<IdxSplit> idxTrain, idxTest;
  int64_t trainCount = options.loadTrain ? kSyntheticTrainCount : 0,
          testCount = kSyntheticTestCount;
  // A limit <= 0 keeps every example.
  auto keepOf = [](int64_t limit) { return limit > 0 ? limit : int64_t(-1); };
  if (needImages || needLabels) {
    if (options.loadTrain)
      idxTrain = loadIdxSplit(where, /*train=*/true, needImages, needLabels,
                              keepOf(options.trainLimit));
    idxTest = loadIdxSplit(where, /*train=*/false, needImages, needLabels,
                           keepOf(options.testLimit));
    trainCount = idxTrain ? idxTrain->count : 0;
    testCount = idxTest ? idxTest->count : 0;
  }
  auto kept = [](int64_t limit, int64_t count) { return limit > 0 ? std::min(limit, count) : count; };
  Data data;
  Rng trainRng(options.seed, "data:train"), testRng(options.seed, "data:test");
  fillColumns(data.train, feeds, idxTrain ? &*idxTrain : nullptr, trainCount,
              kept(options.trainLimit, trainCount), trainRng);
  fillColumns(data.test, feeds, idxTest ? &*idxTest : nullptr, testCount,
              kept(options.testLimit, testCount), testRng);
  for (const Feed &feed : feeds)
    if (feed.synthetic && feed.synthetic->valuesPerExample() == 1)
      data.cdf[feed.input->name] = [source = *feed.synthetic](double x) { return source.cdf(x); };

  for (const std::string &name : names)
    data.description += (data.description.empty() ? "" : " + ") + name;
  data.description += " (" + countText(data.train.count, trainCount, "train") + ", " +
                      countText(data.test.count, testCount, "test") + ")";
  return data;
}
