//===- InitializersTest.cpp - Parameters seeded from examples (k-means++) -===//
#include "TestUtil.h"

#include "genc/runtime/Error.h"
#include "genc/runtime/Initializers.h"
#include "genc/runtime/Model.h"
#include "genc/runtime/Rng.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

using namespace genc::rt;
using ::testing::HasSubstr;

namespace {

constexpr double kPi = 3.141592653589793;

/// `count` 2-D points around `modes` centres on a circle of radius 2
/// (std 0.02, as ring2d:modes), row-major; `mode` gets each point's centre.
std::vector<float> ring(int modes, int64_t count, uint64_t seed, std::vector<int> &mode) {
  Rng rng(seed, "ring");
  std::vector<float> points;
  for (int64_t i = 0; i < count; ++i) {
    int m = int(rng.below(uint64_t(modes)));
    mode.push_back(m);
    points.push_back(float(2 * std::cos(2 * kPi * m / modes) + rng.normal(0, 0.02)));
    points.push_back(float(2 * std::sin(2 * kPi * m / modes) + rng.normal(0, 0.02)));
  }
  return points;
}

/// The example each seeded row copies (-1 when it copies none).
std::vector<int64_t> sources(const std::vector<double> &rows, const std::vector<float> &examples,
                             int64_t width) {
  std::vector<int64_t> found;
  for (size_t r = 0; r * width < rows.size(); ++r) {
    int64_t match = -1;
    for (int64_t i = 0; match < 0 && (i + 1) * width <= int64_t(examples.size()); ++i) {
      bool same = true;
      for (int64_t j = 0; j < width; ++j)
        same &= rows[r * width + j] == double(examples[i * width + j]);
      if (same)
        match = i;
    }
    found.push_back(match);
  }
  return found;
}

// Drawn uniformly, 8 examples of 8 equal modes cover every mode with
// probability 8!/8^8 (0.24 %); k-means++ covers them on every seed here.
TEST(Initializers, KmeansPlusPlusStartsOneRowInEveryModeOfARing) {
  std::vector<int> mode;
  std::vector<float> examples = ring(8, 2000, 5, mode);
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    std::vector<double> rows(16);
    seedFromExamples({8, 2}, seed, "mixture.mu", examples.data(), 2000, rows.data());
    std::set<int> modes;
    for (int64_t source : sources(rows, examples, 2)) {
      ASSERT_GE(source, 0) << "seed " << seed << ": a row that is no example";
      modes.insert(mode[size_t(source)]);
    }
    EXPECT_EQ(modes.size(), 8u) << "seed " << seed;
  }
}

TEST(Initializers, KmeansPlusPlusIsSeededByTheRunAndTheParameterName) {
  std::vector<int> mode;
  std::vector<float> examples = ring(4, 500, 2, mode);
  auto seeded = [&](uint64_t seed, const std::string &name) {
    std::vector<double> rows(8);
    seedFromExamples({4, 2}, seed, name, examples.data(), 500, rows.data());
    return rows;
  };
  EXPECT_EQ(seeded(1, "m.mu"), seeded(1, "m.mu"));
  EXPECT_NE(seeded(1, "m.mu"), seeded(2, "m.mu"));
  EXPECT_NE(seeded(1, "m.mu"), seeded(1, "m.nu"));
}

// Rows of any rank copy whole examples; examples that all coincide still
// give K rows.
TEST(Initializers, KmeansPlusPlusCopiesWholeExamplesOfAnyShape) {
  std::vector<float> examples;
  for (int i = 0; i < 12 * 4; ++i)
    examples.push_back(float(i));
  std::vector<double> rows(3 * 4);
  seedFromExamples({3, 2, 2}, 7, "p", examples.data(), 12, rows.data());
  std::vector<int64_t> found = sources(rows, examples, 4);
  EXPECT_EQ(std::set<int64_t>(found.begin(), found.end()).size(), 3u);
  EXPECT_EQ(std::count(found.begin(), found.end(), -1), 0);

  std::vector<float> same(10 * 2, 0.5f);
  std::vector<double> copies(3 * 2);
  seedFromExamples({3, 2}, 7, "p", same.data(), 10, copies.data());
  EXPECT_EQ(copies, std::vector<double>(6, 0.5));
}

TEST(Initializers, KmeansPlusPlusRefusesExamplesThatAreNotFinite) {
  std::vector<float> examples = {0, 0, 1, 1, std::numeric_limits<float>::infinity(), 2};
  std::vector<double> rows(2 * 2);
  EXPECT_EQ(errorOf([&] { seedFromExamples({2, 2}, 1, "p", examples.data(), 3, rows.data()); }),
            "parameter 'p': kmeans_pp met examples that are not finite");
}

TEST(Initializers, KmeansPlusPlusNeedsAsManyExamplesAsRows) {
  std::vector<float> examples(4 * 2, 1.0f);
  std::vector<double> rows(8 * 2);
  EXPECT_EQ(errorOf([&] {
              seedFromExamples({8, 2}, 1, "mixture.mu", examples.data(), 4, rows.data());
            }),
            "parameter 'mixture.mu': kmeans_pp seeds its 8 rows from examples, but there are "
            "only 4");
}

/// No kernels: the model below declares no functions.
struct NoKernels : KernelSource {
  EntryPoint entryPoint(const std::string &symbol) const override {
    throw RuntimeError("no kernel " + symbol);
  }
  void setThreads(int) const override {}
};

// A model constructed without data cannot run until its seeded parameters
// have their examples (or a checkpoint): never from zero-filled rows.
TEST(Initializers, AModelRunsOnlyOnceItsSeededParametersHaveExamples) {
  Manifest manifest = Manifest::parse(R"({"model": "m", "target": "host", "batch_size": 4,
      "inputs": [{"name": "x", "shape": [4, 2]}],
      "params": [{"name": "net.mu", "net": "net", "shape": [3, 2], "init": "kmeans_pp",
                  "init_args": [], "init_from": "x"},
                 {"name": "net.b", "net": "net", "shape": [2], "init": "ones", "init_args": []}],
      "states": [], "functions": [], "train": {}})",
                                      "m.json");
  NoKernels kernels;
  Model model(manifest, kernels, 1);
  Batch none;
  EXPECT_EQ(errorOf([&] { model.step("fit", none, 4); }),
            "parameter 'net.mu' is seeded from training examples (kmeans_pp): initialize the "
            "model with them, or load a checkpoint");
  EXPECT_EQ(errorOf([&] { model.initialize(1); }),
            "parameter 'net.mu' is seeded from the examples of input 'x' (kmeans_pp), which were "
            "not given");
  // A failed initialization leaves the model as it was: still refusing.
  EXPECT_THAT(errorOf([&] { model.step("fit", none, 4); }), HasSubstr("is seeded from training"));
  TempDir dir;
  EXPECT_EQ(errorOf([&] { model.save(dir.file("c.safetensors")); }),
            "cannot save: parameter 'net.mu' is not seeded yet (kmeans_pp)");

  std::vector<float> x = {0, 0, 0, 0.1f, 5, 5, 5, 5.1f, -5, 5, -5, 5.1f};
  model.initialize(1, {{"x", x.data()}}, 6);
  std::vector<double> rows(model.params()["net.mu"].data(), model.params()["net.mu"].data() + 6);
  std::set<int64_t> found;
  for (int64_t source : sources(rows, x, 2))
    found.insert(source / 2); // examples 2i and 2i + 1 are one cluster
  EXPECT_EQ(found, (std::set<int64_t>{0, 1, 2}));
  EXPECT_EQ(model.params()["net.b"](0), 1.0f);
  EXPECT_EQ(errorOf([&] { model.step("fit", none, 4); }), "model 'm' has no step 'fit'");
}

} // namespace
