//===- FloatModeTest.cpp - Kernels' floating-point mode ------------------===//
#include "genc/runtime/FloatMode.h"
#include "genc/runtime/Manifest.h"
#include "genc/runtime/Model.h"
#include "TestUtil.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <thread>

using namespace genc::rt;

namespace {
// volatile: computed at run time, in the thread's current mode.
volatile float smallestNormal = std::numeric_limits<float>::min(); // 1.2e-38
volatile float half = 0.5f, twoTo40 = 1099511627776.0f;
volatile float subnormal = std::numeric_limits<float>::denorm_min() * 1000.0f;

// A normal result of a subnormal operand: zero only if the operand is read
// as zero.
float subnormalOperandScaledUp() { return subnormal * twoTo40; }

/// A model with one net, "halve" (out = z / 2 for 4 values), whose kernel
/// is plain C++: what a kernel computes in the mode Model runs it in.
int halveKernel(void **args) { // z, out
  for (int i = 0; i < 4; ++i)
    host(args[1])[i] = host(args[0])[i] * half;
  return 0;
}
int halveOnAThreadKernel(void **args) { // as a Halide worker started by the call would
  std::thread worker([&] { halveKernel(args); });
  worker.join();
  return 0;
}

Manifest halvingModel() {
  std::string text = R"({"model":"m","target":"host","batch_size":4,"inputs":[],)"
                     R"("params":[],"states":[],"functions":[{"kind":"net","name":"halve",)"
                     R"("function":"m_halve","batch_size":4,)"
                     R"("arguments":[{"kind":"argument","name":"z","shape":[4]}],)"
                     R"("outputs":[{"kind":"result","name":"out","shape":[4]}]}],"train":{}})";
  return Manifest::parse(text, "halve.manifest.json");
}
} // namespace

#if defined(__x86_64__) || defined(__SSE2_MATH__) || defined(__aarch64__)
// Results are kept inside the scope and checked after it.
TEST(FloatMode, FlushesSubnormalsWhileAliveAndRestoresAfter) {
  ASSERT_FALSE(isZero(underflowingProduct())) << "the test thread already flushes";
  float product, operand;
  {
    FlushSubnormals flushed;
    product = underflowingProduct();     // flush to zero
    operand = subnormalOperandScaledUp();  // denormals are zero
  }
  EXPECT_TRUE(isZero(product));
  EXPECT_TRUE(isZero(operand));
  EXPECT_FALSE(isZero(underflowingProduct()));
  EXPECT_FALSE(isZero(subnormalOperandScaledUp()));
}

TEST(FloatMode, NestedScopesKeepTheOuterMode) {
  float product;
  {
    FlushSubnormals outer;
    { FlushSubnormals inner; }
    product = underflowingProduct();
  }
  EXPECT_TRUE(isZero(product));
}

// Halide's worker threads start inside a kernel call: they must start in
// the flushing mode.
TEST(FloatMode, ThreadsStartedWhileFlushingFlush) {
  float product = 1.0f;
  {
    FlushSubnormals flushed;
    std::thread worker([&] { product = underflowingProduct(); });
    worker.join();
  }
  EXPECT_TRUE(isZero(product));
}

// Model runs every kernel call in the flushing mode, on the calling thread
// and on threads the call starts, and gives the caller its mode back.
TEST(FloatMode, ModelRunsKernelsFlushing) {
  for (auto kernel : {halveKernel, halveOnAThreadKernel}) {
    StaticKernels kernels = handWrittenKernels({{"m_halve", kernel}});
    Model model(halvingModel(), kernels);
    float z[4] = {smallestNormal, 1.0f, -smallestNormal, 4.0f};
    std::vector<Tensor> out = model.net("halve", {{"z", z}}, 4);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_TRUE(isZero(out[0](0)));
    EXPECT_EQ(out[0](1), 0.5f);
    EXPECT_TRUE(isZero(out[0](2)));
    EXPECT_EQ(out[0](3), 2.0f);
    EXPECT_FALSE(isZero(underflowingProduct()));
  }
}
#endif

