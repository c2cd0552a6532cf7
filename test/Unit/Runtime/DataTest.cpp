//===- DataTest.cpp - loadData: datasets, synthetic sources, errors -------===//
#include "TestUtil.h"

#include "genc/runtime/Data.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <tuple>

using namespace genc::rt;
using ::testing::HasSubstr;

namespace {

const char *const kFashionMnist = "/usr/share/datasets/fashion-mnist";

/// Writes an MNIST-style pair "<prefix>-images-idx3-ubyte" / "<prefix>-labels-idx1-ubyte" of
/// `count` 4x4 images: image i has every pixel i/255 and label i % 10, so a column read back
/// shows which example each row came from.
void writePair(const TempDir &dir, const std::string &prefix, int count, bool gzip,
               int labelCount = -1) {
  IdxImages images{count, 4, 4, {}};
  std::vector<int32_t> labels;
  for (int i = 0; i < count; ++i)
    images.values.insert(images.values.end(), 16, float(i) / 255.0f);
  for (int i = 0; i < (labelCount < 0 ? count : labelCount); ++i)
    labels.push_back(i % 10);
  std::string imagesPath = dir.file(prefix + "-images-idx3-ubyte");
  std::string labelsPath = dir.file(prefix + "-labels-idx1-ubyte");
  writeIdxImages(imagesPath, images);
  writeIdxLabels(labelsPath, labels);
  if (gzip) {
    for (const std::string &path : {imagesPath, labelsPath}) {
      gzipFile(path, path + ".gz");
      std::filesystem::remove(path);
    }
  }
}

InputSpec images(std::vector<int64_t> shape = {16}) {
  return {"x", std::move(shape), 0, "fashion-mnist:train-images"};
}
InputSpec labels(int classes = 10) { return {"y", {classes}, classes, "fashion-mnist:train-labels"}; }

DataOptions fromDirectory(const TempDir &dir) {
  DataOptions options;
  options.override_ = dir.path();
  return options;
}

DataOptions withSeed(uint64_t seed) {
  DataOptions options;
  options.seed = seed;
  return options;
}

/// Checks that row i of x is image k and row i of y is the one-hot label of image k, for k = i.
void expectAligned(const Split &split) {
  const std::vector<float> &x = split.columns.at("x"), &y = split.columns.at("y");
  ASSERT_EQ(x.size(), size_t(split.count * 16));
  ASSERT_EQ(y.size(), size_t(split.count * 10));
  ASSERT_EQ(split.labels.size(), size_t(split.count));
  for (int64_t i = 0; i < split.count; ++i) {
    int image = int(std::lround(x[i * 16 + 15] * 255));
    EXPECT_EQ(image, i);
    EXPECT_EQ(split.labels[i], image % 10);
    for (int c = 0; c < 10; ++c)
      EXPECT_EQ(y[i * 10 + c], c == image % 10 ? 1.0f : 0.0f) << "row " << i << " class " << c;
  }
}

struct Moments {
  double mean = 0, stddev = 0;
};
Moments momentsOf(const std::vector<float> &v) {
  Moments m;
  for (float x : v)
    m.mean += x / double(v.size());
  for (float x : v)
    m.stddev += (x - m.mean) * (x - m.mean) / double(v.size());
  m.stddev = std::sqrt(m.stddev);
  return m;
}

} // namespace

//===----------------------------------------------------------------------===//
// IDX directories
//===----------------------------------------------------------------------===//

TEST(Data, ImagesAndOneHotLabelsStayAligned) {
  TempDir dir;
  writePair(dir, "train", 50, /*gzip=*/true);
  writePair(dir, "t10k", 20, /*gzip=*/false);
  Data data = loadData({images(), labels()}, fromDirectory(dir));
  EXPECT_EQ(data.train.count, 50);
  EXPECT_EQ(data.test.count, 20);
  expectAligned(data.train);
  expectAligned(data.test);
  EXPECT_EQ(data.description, dir.path() + " (50 train, 20 test)");
}

TEST(Data, ImageShapesWithTheSameBytes) {
  TempDir dir;
  writePair(dir, "train", 5, false);
  std::vector<float> flat = loadData({images({16})}, fromDirectory(dir)).train.columns["x"];
  EXPECT_EQ(loadData({images({1, 4, 4})}, fromDirectory(dir)).train.columns["x"], flat);
  EXPECT_EQ(loadData({images({4, 4})}, fromDirectory(dir)).train.columns["x"], flat);
}

TEST(Data, ImagesOnlyLeavesLabelsEmpty) {
  TempDir dir;
  writePair(dir, "train", 5, false);
  std::filesystem::remove(dir.file("train-labels-idx1-ubyte")); // not needed, so not read
  Data data = loadData({images()}, fromDirectory(dir));
  EXPECT_EQ(data.train.count, 5);
  EXPECT_TRUE(data.train.labels.empty());
}

TEST(Data, WrongPerExampleSizeNamesFileAndSizes) {
  TempDir dir;
  writePair(dir, "train", 5, false);
  EXPECT_EQ(errorOf([&] { loadData({images({100})}, fromDirectory(dir)); }),
            "input 'x' is f32[100] (100 values per example) but " +
                dir.file("train-images-idx3-ubyte") + " holds 4x4 images (16 values)");
}

TEST(Data, LabelBeyondClassesNamesFile) {
  TempDir dir;
  writePair(dir, "train", 5, true);
  EXPECT_EQ(errorOf([&] { loadData({images(), labels(3)}, fromDirectory(dir)); }),
            dir.file("train-labels-idx1-ubyte.gz") +
                ": label 3 of item 3 is not below the 3 classes of input 'y'");
}

TEST(Data, ImageLabelCountMismatchNamesFile) {
  TempDir dir;
  writePair(dir, "train", 5, false, /*labelCount=*/4);
  EXPECT_EQ(errorOf([&] { loadData({images(), labels()}, fromDirectory(dir)); }),
            dir.file("train-labels-idx1-ubyte") + ": 4 labels, but " +
                dir.file("train-images-idx3-ubyte") + " holds 5 images");
}

TEST(Data, CorruptFileInDatasetNamesFile) {
  TempDir dir;
  writePair(dir, "train", 5, false);
  dir.write("train-images-idx3-ubyte", "garbage!");
  EXPECT_THAT(errorOf([&] { loadData({images()}, fromDirectory(dir)); }),
              HasSubstr(dir.file("train-images-idx3-ubyte") + ": not an IDX file"));
}

TEST(Data, MissingTestPairGivesEmptyTestSplit) {
  TempDir dir;
  writePair(dir, "train", 5, false);
  Data data = loadData({images(), labels()}, fromDirectory(dir));
  EXPECT_EQ(data.train.count, 5);
  EXPECT_EQ(data.test.count, 0);
  EXPECT_TRUE(data.test.columns.at("x").empty());
  EXPECT_EQ(data.description, dir.path() + " (5 train, 0 test)");
}

TEST(Data, HalfATestPairIsAnError) {
  TempDir dir;
  writePair(dir, "train", 5, false);
  writePair(dir, "t10k", 5, false);
  std::filesystem::remove(dir.file("t10k-labels-idx1-ubyte"));
  EXPECT_EQ(errorOf([&] { loadData({images(), labels()}, fromDirectory(dir)); }),
            dir.path() + ": no t10k-labels-idx1-ubyte.gz or t10k-labels-idx1-ubyte "
                         "(the test split needs both of its files or neither)");
}

TEST(Data, MissingTrainFileNamesDirectoryAndFiles) {
  TempDir dir;
  writePair(dir, "t10k", 5, false);
  EXPECT_EQ(errorOf([&] { loadData({images()}, fromDirectory(dir)); }),
            dir.path() + ": no train-images-idx3-ubyte.gz or train-images-idx3-ubyte "
                         "(a data directory needs the training files)");
}

TEST(Data, WithoutTheTrainSplitOnlyTestIsRead) {
  TempDir dir;
  writePair(dir, "t10k", 5, false); // no train files: not even looked for
  DataOptions options = fromDirectory(dir);
  options.loadTrain = false;
  Data data = loadData({images(), labels()}, options);
  EXPECT_EQ(data.train.count, 0);
  EXPECT_EQ(data.test.count, 5);
  expectAligned(data.test);
  // Synthetic test data do not depend on whether the train split is drawn.
  DataOptions both = withSeed(4), testOnly = withSeed(4);
  testOnly.loadTrain = false;
  InputSpec toy{"x", {1}, 0, "toy1d:normal(0, 1)"};
  Data full = loadData({toy}, both), test = loadData({toy}, testOnly);
  EXPECT_EQ(test.train.count, 0);
  EXPECT_EQ(test.test.columns.at("x"), full.test.columns.at("x"));
}

TEST(Data, LimitsKeepTheFirstExamplesAligned) {
  TempDir dir;
  writePair(dir, "train", 50, false);
  writePair(dir, "t10k", 20, false);
  DataOptions options = fromDirectory(dir);
  options.trainLimit = 7;
  options.testLimit = 100; // more than there are: all
  Data data = loadData({images(), labels()}, options);
  EXPECT_EQ(data.train.count, 7);
  EXPECT_EQ(data.test.count, 20);
  expectAligned(data.train);
  expectAligned(data.test);
  EXPECT_EQ(data.description, dir.path() + " (7 of 50 train, 20 test)");
}

TEST(Data, LimitedSplitsStartLikeTheWholeOnes) {
  TempDir dir;
  writePair(dir, "train", 50, false);
  writePair(dir, "t10k", 20, false);
  DataOptions options = fromDirectory(dir);
  Data whole = loadData({images(), labels()}, options);
  options.trainLimit = 7;
  options.testLimit = 3;
  Data limited = loadData({images(), labels()}, options);
  for (auto [part, all, count] : {std::tuple{&limited.train, &whole.train, 7},
                                  std::tuple{&limited.test, &whole.test, 3}})
    for (const auto &[name, column] : part->columns) {
      const std::vector<float> &full = all->columns.at(name);
      size_t perExample = full.size() / size_t(all->count);
      EXPECT_EQ(column, std::vector<float>(full.begin(), full.begin() + count * perExample))
          << name;
    }
  EXPECT_EQ(limited.train.labels,
            std::vector<int32_t>(whole.train.labels.begin(), whole.train.labels.begin() + 7));
}

TEST(Data, DirectoryFeedsLabelsToOneHotInputsAndImagesToOthers) {
  TempDir dir;
  writePair(dir, "train", 12, false);
  Data data = loadData({{"x", {16}, 0, "toy1d:normal(0, 1)"}, {"y", {10}, 10, "ring2d:8"}},
                       fromDirectory(dir));
  expectAligned(data.train);
}

TEST(Data, LabelSourceNeedsAOneHotInput) {
  EXPECT_EQ(errorOf([] { loadData({{"y", {1}, 0, "fashion-mnist:train-labels"}}, {}); }),
            "input 'y' is f32[1] but its source 'fashion-mnist:train-labels' gives class labels "
            "(declare it onehot[K])");
}

TEST(Data, RealFashionMnist) {
  if (!std::filesystem::exists(std::string(kFashionMnist) + "/train-images-idx3-ubyte.gz"))
    GTEST_SKIP() << "the Debian package dataset-fashion-mnist is not installed";
  Data data = loadData({{"x", {784}, 0, "fashion-mnist:train-images"}, labels()}, {});
  EXPECT_EQ(data.description, "fashion-mnist (60000 train, 10000 test)");
  for (const Split *split : {&data.train, &data.test}) {
    const std::vector<float> &x = split->columns.at("x");
    ASSERT_EQ(x.size(), size_t(split->count * 784));
    EXPECT_TRUE(std::all_of(x.begin(), x.end(), [](float v) { return v >= 0 && v <= 1; }));
    EXPECT_GT(*std::max_element(x.begin(), x.end()), 0.99f);
    std::set<int32_t> classes(split->labels.begin(), split->labels.end());
    EXPECT_EQ(classes, (std::set<int32_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  }
  EXPECT_EQ(data.train.count, 60000);
  EXPECT_EQ(data.test.count, 10000);
}

TEST(Data, MissingFashionMnistNamesThePackage) {
  if (std::filesystem::exists(kFashionMnist))
    GTEST_SKIP() << "the Debian package dataset-fashion-mnist is installed";
  EXPECT_EQ(errorOf([] { loadData({images({784})}, {}); }),
            "fashion-mnist: not found in /usr/share/datasets/fashion-mnist (install the Debian "
            "package dataset-fashion-mnist, or pass --data DIR)");
}

//===----------------------------------------------------------------------===//
// Source strings
//===----------------------------------------------------------------------===//

TEST(Data, NoInputsNoExamples) {
  Data data = loadData({}, {});
  EXPECT_EQ(data.train.count, 0);
  EXPECT_EQ(data.test.count, 0);
  EXPECT_EQ(data.description, "no inputs");
}

TEST(Data, InputWithoutSource) {
  EXPECT_EQ(errorOf([] { loadData({{"x", {1}, 0, ""}}, {}); }),
            "input 'x' has no data source (add from \"...\" in the model or pass --data)");
}

TEST(Data, OverrideReplacesEverySource) {
  DataOptions options;
  options.override_ = "toy1d:normal(-3, 0.1)";
  Data data = loadData({{"x", {1}, 0, "toy1d:normal(3, 0.1)"}}, options);
  EXPECT_NEAR(momentsOf(data.train.columns["x"]).mean, -3, 0.01);
  EXPECT_EQ(data.description, "toy1d:normal(-3, 0.1) (10000 train, 2000 test)");
}

TEST(Data, KnownOneDimensionalDistributionsGiveTheirCdf) {
  Data data = loadData({{"n", {1}, 0, "toy1d:normal(4, 0.5)"},
                        {"m", {1}, 0, "toy1d:mixture(-1, 0, 1, 2)"},
                        {"r", {2}, 0, "ring2d:8"}},
                       {});
  ASSERT_EQ(data.cdf.size(), 2u); // not the 2-D ring
  EXPECT_DOUBLE_EQ(data.cdf.at("n")(4.0), 0.5);
  EXPECT_NEAR(data.cdf.at("n")(4.5), 0.8413447460685429, 1e-12); // Phi(1)
  // Half the mass is a point at -1, half N(1, 2): at x = 1, 1/2 + 1/4.
  EXPECT_DOUBLE_EQ(data.cdf.at("m")(1.0), 0.75);
  EXPECT_DOUBLE_EQ(data.cdf.at("m")(-1.5), 0.5 * 0.5 * std::erfc(2.5 / (2 * std::sqrt(2.0))));
}

TEST(Data, OverrideSuppliesAModelWithoutSources) {
  DataOptions options;
  options.override_ = "ring2d:4";
  EXPECT_EQ(loadData({{"x", {2}, 0, ""}}, options).train.count, 10000);
}

TEST(Data, OverrideLeavesInputsWithoutSourceWhenOthersHaveOne) {
  DataOptions options;
  options.override_ = "toy1d:normal(0, 1)";
  EXPECT_THAT(errorOf([&] {
                loadData({{"x", {1}, 0, "toy1d:normal(0, 1)"}, {"c", {1}, 0, ""}}, options);
              }),
              HasSubstr("input 'c' has no data source"));
}

TEST(Data, UnknownSources) {
  EXPECT_EQ(errorOf([] { loadData({{"x", {1}, 0, "foo:bar"}}, {}); }),
            "unknown data source 'foo:bar' (expected fashion-mnist:..., toy1d:normal(m, s), "
            "toy1d:mixture(...), ring2d:K or a directory of IDX files)");
  EXPECT_THAT(errorOf([] { loadData({{"x", {1}, 0, "toy1d:uniform(0, 1)"}}, {}); }),
              HasSubstr("unknown data source 'toy1d:uniform(0, 1)'"));
  EXPECT_EQ(errorOf([] { loadData({{"x", {784}, 0, "fashion-mnist:t10k-images"}}, {}); }),
            "unknown data source 'fashion-mnist:t10k-images' (expected "
            "fashion-mnist:train-images or fashion-mnist:train-labels)");
}

TEST(Data, MalformedNumbersQuoteTheSource) {
  auto error = [](const std::string &source) {
    return errorOf([&] { loadData({{"x", {1}, 0, source}}, {}); });
  };
  EXPECT_EQ(error("toy1d:normal(4, abc)"),
            "malformed data source 'toy1d:normal(4, abc)': 'abc' is not a number");
  EXPECT_EQ(error("toy1d:normal(4)"),
            "malformed data source 'toy1d:normal(4)': expected normal(mean, std), got 1 numbers");
  EXPECT_THAT(error("toy1d:normal(4, -1)"), HasSubstr("the standard deviation is negative"));
  EXPECT_THAT(error("toy1d:mixture(1, 1, 2)"), HasSubstr("'toy1d:mixture(1, 1, 2)': expected"));
  EXPECT_THAT(error("ring2d:"), HasSubstr("'ring2d:': '' is not a number"));
  EXPECT_THAT(error("ring2d:2.5"), HasSubstr("K must be a positive integer"));
  EXPECT_THAT(error("ring2d:8,2"), HasSubstr("expected K or K,RADIUS,STD, got 2 numbers"));
}

TEST(Data, SyntheticSizeMismatch) {
  EXPECT_EQ(errorOf([] { loadData({{"x", {3}, 0, "ring2d:8"}}, {}); }),
            "input 'x' is f32[3] (3 values per example) but data source 'ring2d:8' gives points "
            "of dimension 2 (2 values)");
}

//===----------------------------------------------------------------------===//
// Synthetic distributions
//===----------------------------------------------------------------------===//

TEST(Data, Toy1dNormalMoments) {
  Data data = loadData({{"x", {1}, 0, "toy1d:normal(4, 0.5)"}}, withSeed(1));
  EXPECT_EQ(data.train.count, 10000);
  EXPECT_EQ(data.test.count, 2000);
  EXPECT_TRUE(data.train.labels.empty());
  // Standard errors: 0.5/sqrt(10000) = 0.005 for the mean, about 0.0035 for the deviation.
  Moments m = momentsOf(data.train.columns["x"]);
  EXPECT_NEAR(m.mean, 4, 0.02);
  EXPECT_NEAR(m.stddev, 0.5, 0.015);
  Moments t = momentsOf(data.test.columns["x"]);
  EXPECT_NEAR(t.mean, 4, 0.05);
  EXPECT_NEAR(t.stddev, 0.5, 0.03);
}

TEST(Data, Toy1dMixtureMoments) {
  Data data = loadData({{"x", {1}, 0, "toy1d:mixture(-2, 0.5, 2, 0.5)"}}, withSeed(2));
  const std::vector<float> &x = data.train.columns["x"];
  // Mean 0; variance 0.25 + 4 (within-component plus between-component).
  Moments m = momentsOf(x);
  EXPECT_NEAR(m.mean, 0, 0.06);
  EXPECT_NEAR(m.stddev, std::sqrt(4.25), 0.03);
  // Two separate modes, equally weighted: almost nothing near 0, half on each side.
  double positive = std::count_if(x.begin(), x.end(), [](float v) { return v > 0; });
  EXPECT_NEAR(positive / double(x.size()), 0.5, 0.02);
  EXPECT_LT(std::count_if(x.begin(), x.end(), [](float v) { return std::fabs(v) < 0.5; }), 20);
}

TEST(Data, Ring2dPointsLieOnTheRingAtKModes) {
  Data data = loadData({{"x", {2}, 0, "ring2d:8"}}, withSeed(3));
  const std::vector<float> &p = data.train.columns["x"];
  std::vector<int> perMode(8, 0);
  for (int64_t i = 0; i < data.train.count; ++i) {
    double x = p[2 * i], y = p[2 * i + 1];
    // Radial and angular spread: 0.02, i.e. 0.0127 of the angle between modes; allow about 7 of it.
    EXPECT_NEAR(std::hypot(x, y), 2.0, 0.15);
    double mode = std::atan2(y, x) / (2 * M_PI / 8);
    int nearest = int(std::lround(mode));
    EXPECT_NEAR(mode, nearest, 0.1);
    ++perMode[(nearest + 8) % 8];
  }
  for (int count : perMode)
    EXPECT_NEAR(count, 10000 / 8, 150);
}

TEST(Data, Ring2dRadiusAndSpread) {
  Data data = loadData({{"x", {2}, 0, "ring2d:4, 5, 0"}}, withSeed(4));
  const std::vector<float> &p = data.test.columns["x"];
  std::set<std::pair<float, float>> points;
  for (int64_t i = 0; i < data.test.count; ++i)
    points.insert({std::round(p[2 * i]), std::round(p[2 * i + 1])});
  EXPECT_EQ(points, (std::set<std::pair<float, float>>{{5, 0}, {0, 5}, {-5, 0}, {0, -5}}));
}

TEST(Data, SyntheticDataIsDeterministicPerSeed) {
  std::vector<InputSpec> inputs = {{"x", {1}, 0, "toy1d:normal(0, 1)"}};
  Data a = loadData(inputs, withSeed(7)), b = loadData(inputs, withSeed(7));
  Data c = loadData(inputs, withSeed(8));
  EXPECT_EQ(a.train.columns["x"], b.train.columns["x"]);
  EXPECT_EQ(a.test.columns["x"], b.test.columns["x"]);
  EXPECT_NE(a.train.columns["x"], c.train.columns["x"]);
  // The splits draw from separate streams: test is not a prefix of train.
  std::vector<float> trainHead(a.train.columns["x"].begin(), a.train.columns["x"].begin() + 2000);
  EXPECT_NE(trainHead, a.test.columns["x"]);
}

TEST(Data, SyntheticLimitsArePrefixes) {
  std::vector<InputSpec> inputs = {{"x", {2}, 0, "ring2d:8"}};
  DataOptions limited = withSeed(5);
  limited.trainLimit = 100;
  limited.testLimit = 10;
  Data all = loadData(inputs, withSeed(5)), some = loadData(inputs, limited);
  EXPECT_EQ(some.train.count, 100);
  EXPECT_EQ(some.test.count, 10);
  EXPECT_EQ(some.train.columns["x"],
            std::vector<float>(all.train.columns["x"].begin(), all.train.columns["x"].begin() + 200));
  EXPECT_EQ(some.description, "ring2d:8 (100 of 10000 train, 10 of 2000 test)");
}

TEST(Data, InputsNamingTheSameSyntheticSourceShareExamples) {
  Data data = loadData({{"a", {1}, 0, "toy1d:normal(0, 1)"},
                        {"b", {1}, 0, "toy1d:normal(0, 1)"},
                        {"c", {1}, 0, "toy1d:normal(0,1)"}},
                       withSeed(6));
  EXPECT_EQ(data.train.columns["a"], data.train.columns["b"]);
  EXPECT_NE(data.train.columns["a"], data.train.columns["c"]); // another source: its own draw
  EXPECT_EQ(data.description, "toy1d:normal(0, 1) + toy1d:normal(0,1) (10000 train, 2000 test)");
}
