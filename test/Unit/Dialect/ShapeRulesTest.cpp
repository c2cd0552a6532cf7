//===- ShapeRulesTest.cpp - Shape arithmetic ------------------------------===//
#include "genc/Dialect/Gen/IR/ShapeRules.h"

#include <gtest/gtest.h>

using namespace genc::shape;

TEST(ShapeRules, BroadcastAlignsFromTheRight) {
  EXPECT_EQ(*broadcast({128, 784}, {784}), (Shape{128, 784}));
  EXPECT_EQ(*broadcast({128, 1, 2}, {8, 2}), (Shape{128, 8, 2}));
  EXPECT_EQ(*broadcast({}, {3, 4}), (Shape{3, 4}));
  EXPECT_FALSE(broadcast({128, 784}, {20}).hasValue());
}

TEST(ShapeRules, BroadcastsToIsOneWay) {
  EXPECT_TRUE(broadcastsTo({1, 4}, {3, 4}));
  EXPECT_TRUE(broadcastsTo({}, {3, 4}));
  EXPECT_FALSE(broadcastsTo({3, 4}, {1, 4}));
  EXPECT_FALSE(broadcastsTo({2, 3, 4}, {3, 4}));
}

TEST(ShapeRules, ElementCountRejectsOverflowAndNegatives) {
  EXPECT_EQ(*elementCount({128, 784}), 128 * 784);
  EXPECT_EQ(*elementCount({}), 1);
  EXPECT_FALSE(elementCount({100000, 100000, 100000}).hasValue());
  EXPECT_FALSE(elementCount({1LL << 31}).hasValue());
  EXPECT_FALSE(elementCount({-1, 4}).hasValue());
}

TEST(ShapeRules, ConvolutionSizes) {
  // DCGAN's layers: 28 -> 14 -> 7 and back.
  EXPECT_EQ(convOutputSize(28, 4, 2, 1), 14);
  EXPECT_EQ(convOutputSize(14, 4, 2, 1), 7);
  EXPECT_EQ(convTransposeOutputSize(7, 4, 2, 1), 14);
  EXPECT_EQ(convTransposeOutputSize(14, 4, 2, 1), 28);
  EXPECT_EQ(convOutputSize(2, 5, 1, 0), 0);
}

TEST(ShapeRules, Format) { EXPECT_EQ(format({128, 784}), "[128, 784]"); }
