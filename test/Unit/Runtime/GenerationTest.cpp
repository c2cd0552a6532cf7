//===- GenerationTest.cpp - Declarations read from a manifest, and called ----===//
//
// Generation reads what a model declares (latent, generate, reconstruct,
// log_weight, discriminate, classify), never its nets' names. The calls on
// top of it (drawLatents, decode, generate, logLikelihood,
// classifierAccuracy) run here on hand-written kernels of a small manifest.
//
//===----------------------------------------------------------------------===//
#include "genc/runtime/Evaluate.h"
#include "genc/runtime/Generation.h"
#include "genc/runtime/Manifest.h"
#include "genc/runtime/Model.h"
#include "TestUtil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace genc::rt;

namespace {
constexpr int kBatch = 4;

std::string shape(std::vector<int64_t> dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i)
    s += (i ? "," : "") + std::to_string(dims[i]);
  return s + "]";
}

std::string arg(const std::string &kind, const std::string &name, std::vector<int64_t> dims,
                const std::string &extra = "") {
  return R"({"kind":")" + kind + R"(","name":")" + name + R"(","shape":)" + shape(dims) + extra +
         "}";
}

std::string noise() { return R"(,"distribution":{"kind":"normal","a":0,"b":1})"; }

std::string function(const std::string &kind, const std::string &name, const std::string &subject,
                     const std::vector<std::string> &args, const std::string &result,
                     std::vector<int64_t> resultShape, const std::string &extra = "") {
  std::string s = R"({"kind":")" + kind + R"(","name":")" + name + R"(","function":"m_)" + name +
                  R"(","batch_size":)" + std::to_string(kBatch);
  if (!subject.empty())
    s += R"(,"subject":")" + subject + "\"";
  s += R"(,"arguments":[)";
  for (size_t i = 0; i < args.size(); ++i)
    s += (i ? "," : "") + args[i];
  s += R"(],"outputs":[)" + arg("result", result, resultShape) + "]" + extra + "}";
  return s;
}

/// A model of 1-D data x and a 3-class label y: latent draws z = eps + 10
/// class (a prior that reads the label), generate gives z0 + z1 (so its
/// label input makes generation class-conditional), log_weight is exactly
/// 2x, classify scores class round(x).
std::string manifestText(const std::vector<std::string> &functions) {
  std::string s = R"({"model":"m","target":"host","batch_size":4,"inputs":[)";
  s += R"({"name":"x","shape":[4,1]},{"name":"y","shape":[4,3],"label_classes":3}],)";
  s += R"("params":[],"states":[],"functions":[)";
  for (size_t i = 0; i < functions.size(); ++i)
    s += (i ? "," : "") + functions[i];
  return s + R"(],"train":{}})";
}

std::string latentFn() {
  return function("latent", "latent", "x",
                  {arg("random", "eps", {kBatch, 2}, noise()), arg("input", "y", {kBatch, 3})}, "z",
                  {kBatch, 2});
}
std::string generateFn(bool readsLabel = true) {
  std::vector<std::string> args{arg("argument", "z", {kBatch, 2})};
  if (readsLabel)
    args.push_back(arg("input", "y", {kBatch, 3}));
  return function("generate", "generate", "x", args, "out", {kBatch, 1});
}
std::string logWeightFn(bool noisy) {
  std::vector<std::string> args{arg("input", "x", {kBatch, 1})};
  if (noisy)
    args.push_back(arg("random", "e", {kBatch}, noise()));
  return function("log_weight", "log_weight", "x", args, "w", {kBatch});
}
std::string classifyFn() {
  return function("classify", "classify", "y", {arg("input", "x", {kBatch, 1})}, "logits",
                  {kBatch, 3});
}
/// A net named as the old name matching wanted, declaring nothing.
std::string decoderNet() {
  return function("net", "decoder", "", {arg("argument", "z", {kBatch, 2})}, "out", {kBatch, 1},
                  R"(,"noise":[{"kind":"normal","a":0,"b":1}])");
}

int latentKernel(void **args) { // eps, y, z
  for (int r = 0; r < kBatch; ++r) {
    const float *y = host(args[1]) + r * 3;
    int c = int(std::max_element(y, y + 3) - y);
    for (int j = 0; j < 2; ++j)
      host(args[2])[r * 2 + j] = host(args[0])[r * 2 + j] + 10.0f * float(c);
  }
  return 0;
}
int generateKernel(void **args) { // z, y, out
  for (int r = 0; r < kBatch; ++r)
    host(args[2])[r] = host(args[0])[r * 2] + host(args[0])[r * 2 + 1];
  return 0;
}
int exactLogWeightKernel(void **args) { // x, w
  for (int r = 0; r < kBatch; ++r)
    host(args[1])[r] = 2 * host(args[0])[r];
  return 0;
}
int classifyKernel(void **args) { // x, logits
  for (int r = 0; r < kBatch; ++r)
    for (int c = 0; c < 3; ++c)
      host(args[1])[r * 3 + c] = -std::fabs(host(args[0])[r] - float(c));
  return 0;
}
StaticKernels kernels() {
  return handWrittenKernels({{"m_latent", latentKernel},
                             {"m_generate", generateKernel},
                             {"m_log_weight", exactLogWeightKernel},
                             {"m_classify", classifyKernel}});
}

Manifest parse(const std::vector<std::string> &functions) {
  return Manifest::parse(manifestText(functions), "test.manifest.json");
}
} // namespace

TEST(Generation, ReadsTheDeclarationsNotTheNames) {
  Manifest m = parse({latentFn(), generateFn(), logWeightFn(true), classifyFn()});
  Generation g = describeGeneration(m);
  ASSERT_TRUE(g.canSample());
  ASSERT_NE(g.data, nullptr);
  EXPECT_EQ(g.data->name, "x");
  ASSERT_NE(g.label, nullptr);
  EXPECT_EQ(g.label->name, "y");
  EXPECT_EQ(g.latentShape, (std::vector<int64_t>{2}));
  EXPECT_EQ(g.latentSize(), 2);
  EXPECT_EQ(g.imageSide, 0);
  EXPECT_FALSE(g.logWeightExact());
  EXPECT_NE(g.classify, nullptr);
  EXPECT_EQ(g.reconstruct, nullptr);
  EXPECT_EQ(g.discriminate, nullptr);

  // A net called `decoder` (with the old per-net noise list, which parses
  // and is ignored) declares nothing.
  Manifest decoder = parse({decoderNet()});
  Generation none = describeGeneration(decoder);
  EXPECT_FALSE(none.canSample());
  EXPECT_EQ(none.data, nullptr);
  EXPECT_EQ(none.label, nullptr);
  EXPECT_EQ(none.latentSize(), 0);
}

TEST(Generation, ClassConditionalOnlyWhenGenerateOrThePriorReadsTheLabel) {
  // The prior reads y here.
  // (Only whether there is a label: the manifests go at the end of each line.)
  EXPECT_NE(describeGeneration(parse({latentFn(), generateFn(false)})).label, nullptr);
  std::string plainPrior = function("latent", "latent", "x",
                                    {arg("random", "eps", {kBatch, 2}, noise())}, "z", {kBatch, 2});
  EXPECT_EQ(describeGeneration(parse({plainPrior, generateFn(false)})).label, nullptr);
  EXPECT_NE(describeGeneration(parse({plainPrior, generateFn(true)})).label, nullptr);
}

TEST(Generation, ExactLogWeightAndImages) {
  EXPECT_TRUE(describeGeneration(parse({logWeightFn(false)})).logWeightExact());
  std::string images = R"({"model":"m","target":"host","batch_size":4,"inputs":[)"
                       R"({"name":"img","shape":[4,8,8]}],"params":[],"states":[],"functions":[)" +
                       function("reconstruct", "reconstruct", "img", {arg("input", "img", {4, 8, 8})},
                                "r", {4, 8, 8}) +
                       R"(],"train":{}})";
  Manifest m = Manifest::parse(images, "images");
  Generation g = describeGeneration(m);
  ASSERT_NE(g.data, nullptr);
  EXPECT_EQ(g.imageSide, 8);
  EXPECT_NE(g.reconstruct, nullptr);
  EXPECT_FALSE(g.canSample());
}

TEST(Generation, MalformedDeclarationsAreOneLineErrors) {
  EXPECT_NE(errorOf([&] { describeGeneration(parse({generateFn()})); }).find("without its 'latent'"),
            std::string::npos);
  std::string twoCodes = function(
      "generate", "generate", "x", {arg("argument", "z", {kBatch, 2}), arg("argument", "w", {kBatch, 2})},
      "out", {kBatch, 1});
  EXPECT_NE(errorOf([&] { describeGeneration(parse({latentFn(), twoCodes})); })
                .find("exactly one latent argument"),
            std::string::npos);
  std::string wideCode = function("generate", "generate", "x", {arg("argument", "z", {kBatch, 3})},
                                  "out", {kBatch, 1});
  EXPECT_NE(errorOf([&] { describeGeneration(parse({latentFn(), wideCode})); }).find("shape"),
            std::string::npos);
  std::string wideWeight =
      function("log_weight", "log_weight", "x", {arg("input", "x", {kBatch, 1})}, "w", {kBatch, 2});
  EXPECT_NE(errorOf([&] { describeGeneration(parse({wideWeight})); }).find("one value per example"),
            std::string::npos);
}

TEST(Generation, SamplesThroughTheDeclarationsReproduciblyBySeed) {
  StaticKernels k = kernels();
  Model model(parse({latentFn(), generateFn(), logWeightFn(false), classifyFn()}), k, 7);
  Generation g = describeGeneration(model.manifest());
  auto before = model.noise().state();

  Rng a(1, "pictures"), b(1, "pictures"), c(2, "pictures");
  std::vector<float> za = drawLatents(model, g, 6, a), zb = drawLatents(model, g, 6, b),
                     zc = drawLatents(model, g, 6, c);
  ASSERT_EQ(za.size(), 12u);
  EXPECT_EQ(za, zb);
  EXPECT_NE(za, zc);
  EXPECT_NE(a.state(), Rng(1, "pictures").state()); // the stream advanced
  EXPECT_EQ(model.noise().state(), before);         // training's stream did not

  // The same noise for two classes: codes 10 apart (the class grid's rows).
  Rng style(3, "grid");
  Rng first = style, second = style;
  std::vector<float> z0 = drawLatents(model, g, 3, first, {0});
  std::vector<float> z2 = drawLatents(model, g, 3, second, {2});
  for (size_t i = 0; i < z0.size(); ++i)
    EXPECT_FLOAT_EQ(z2[i] - z0[i], 20.0f);

  // generate: latent, then generate, in whole batches, the classes cycled.
  Rng s(4, "samples");
  std::vector<float> x = generate(model, g, 5, s, {1, 2});
  ASSERT_EQ(x.size(), 5u);
  for (size_t i = 0; i < x.size(); ++i)
    EXPECT_NEAR(x[i], i % 2 ? 40.0 : 20.0, 9.0) << i;

  // decode pads the last batch: 5 codes, 2 batches of 4.
  std::vector<float> codes{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_EQ(decode(model, g, codes, 5, s), (std::vector<float>{3, 7, 11, 15, 19}));
  EXPECT_EQ(model.noise().state(), before);
}

TEST(Generation, LikelihoodAndAccuracyFromTheDeclarations) {
  StaticKernels k = kernels();
  Model model(parse({latentFn(), generateFn(), logWeightFn(false), classifyFn()}), k, 7);
  Generation g = describeGeneration(model.manifest());
  Split test;
  test.count = 5;
  test.columns["x"] = {0, 1, 2, 1, 2};
  test.columns["y"] = {1, 0, 0, /**/ 0, 1, 0, /**/ 0, 0, 1, /**/ 0, 0, 1, /**/ 0, 0, 1};
  LogLikelihood ll = logLikelihood(model, g, test, 50, 1);
  EXPECT_TRUE(ll.exact);
  EXPECT_EQ(ll.samples, 1);
  EXPECT_EQ(ll.examples, 5);
  EXPECT_NEAR(ll.nats, 2 * 6.0 / 5, 1e-6);
  EXPECT_EQ(logLikelihood(model, g, test, 50, 1, 2).examples, 2);
  EXPECT_NEAR(classifierAccuracy(model, g, test), 4.0 / 5, 1e-12);
}

TEST(Generation, NoGenerateDeclarationCannotBeSampled) {
  StaticKernels k = kernels();
  Model model(parse({logWeightFn(false)}), k, 7);
  Generation g = describeGeneration(model.manifest());
  Rng rng(1);
  EXPECT_NE(errorOf([&] { generate(model, g, 3, rng); }).find("declares no 'generate'"),
            std::string::npos);
}
