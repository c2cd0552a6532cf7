//===- FloatModeTest.cpp - Kernels' floating-point mode ------------------===//
#include "genc/runtime/FloatMode.h"

#include <gtest/gtest.h>

#include <limits>
#include <thread>

using namespace genc::rt;

namespace {
// volatile: computed at run time, in the thread's current mode.
volatile float smallestNormal = std::numeric_limits<float>::min(); // 1.2e-38
volatile float half = 0.5f;
volatile float subnormal = std::numeric_limits<float>::denorm_min() * 1000.0f;

float underflowingProduct() { return smallestNormal * half; }
float subnormalOperandTimesOne() { return subnormal * 1.0f; }
} // namespace

#if defined(__x86_64__) || defined(__i386__) || defined(__aarch64__)
TEST(FloatMode, FlushesSubnormalsWhileAliveAndRestoresAfter) {
  ASSERT_GT(underflowingProduct(), 0.0f) << "the test thread already flushes";
  {
    FlushSubnormals flushed;
    EXPECT_EQ(underflowingProduct(), 0.0f);
#if !defined(__aarch64__) // AArch64's FZ flushes results; x86's DAZ also reads operands as zero
    EXPECT_EQ(subnormalOperandTimesOne(), 0.0f);
#endif
  }
  EXPECT_GT(underflowingProduct(), 0.0f);
  EXPECT_GT(subnormalOperandTimesOne(), 0.0f);
}

TEST(FloatMode, NestedScopesKeepTheOuterMode) {
  FlushSubnormals outer;
  { FlushSubnormals inner; }
  EXPECT_EQ(underflowingProduct(), 0.0f);
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
  EXPECT_EQ(product, 0.0f);
}
#endif
