//===- HalideRuntimeTest.cpp - Which runtime a kernel target links against ===//
#include "genc/Target/HalideRuntime.h"

#include <gtest/gtest.h>

using genc::target::prebuiltRuntimeName;
using genc::target::runtimeTargetFor;

namespace {
std::string runtimeOf(const std::string &kernels) {
  return runtimeTargetFor(Halide::Target(kernels)).to_string();
}

TEST(HalideRuntime, VectorExtensionsShareTheArchitecturesRuntime) {
  EXPECT_EQ(runtimeOf("x86-64-linux"), "x86-64-linux");
  EXPECT_EQ(runtimeOf("x86-64-linux-avx2-fma-sse41-f16c"), "x86-64-linux");
  EXPECT_EQ(runtimeOf("x86-64-linux-avx-avx2-avx512-avx512_cannonlake-avx512_sapphirerapids-"
                      "avx512_skylake-f16c-fma-sse41"),
            "x86-64-linux");
  EXPECT_EQ(runtimeOf("arm-64-linux-arm_dot_prod-arm_fp16-sve2"), "arm-64-linux");
}

TEST(HalideRuntime, KernelOnlyFlagsDoNotChooseTheRuntime) {
  EXPECT_EQ(runtimeOf("x86-64-linux-avx2-no_runtime-no_asserts-no_bounds_query"), "x86-64-linux");
}

TEST(HalideRuntime, FeaturesThatAddToTheRuntimeStay) {
  EXPECT_EQ(runtimeOf("x86-64-linux-avx2-profile"), "x86-64-linux-profile");
  EXPECT_EQ(runtimeOf("x86-64-linux-avx2-cuda-cuda_capability_80"),
            "x86-64-linux-cuda-cuda_capability_80");
  EXPECT_EQ(runtimeOf("x86-64-linux-debug"), "x86-64-linux-debug");
  // Without NEON is less than the base: a base runtime could use it.
  EXPECT_EQ(runtimeOf("arm-32-linux-no_neon"), "arm-32-linux-no_neon");
}

TEST(HalideRuntime, PrebuiltArchivesAreNamedByTheirTarget) {
  EXPECT_EQ(prebuiltRuntimeName(Halide::Target("x86-64-linux")), "x86-64-linux.a");
}
} // namespace
