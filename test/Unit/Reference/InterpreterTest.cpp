//===- InterpreterTest.cpp - Reference semantics against closed forms -----===//
//
// Small gen programs whose results are worked out by hand in the comments.
//
//===----------------------------------------------------------------------===//
#include "genc/InitAll.h"
#include "genc/Reference/Interpreter.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser.h"
#include <gtest/gtest.h>

#include <cmath>

using namespace genc;
using namespace genc::reference;

namespace {
class InterpreterTest : public ::testing::Test {
protected:
  InterpreterTest() {
    registerAllDialects(registry);
    context = std::make_unique<mlir::MLIRContext>(registry);
  }

  /// Wraps `body` (ops reading %x : tensor<2x3xf32>, ending in gen.minimize)
  /// into a model and evaluates its step with x = [[1, 2, 3], [4, 5, 6]].
  double evaluate(const std::string &body, std::map<std::string, Tensor> params = {}) {
    std::string text = R"(gen.model @m attributes {batch_size = 2 : i64} {
      gen.input @x : tensor<2x3xf32>
      gen.net @n(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
        gen.param @w : tensor<3x2xf32> {init = "zeros"}
        gen.return %a : tensor<2x3xf32>
      }
      gen.step @s updates [@n] {
        %x = gen.get_input @x : tensor<2x3xf32>
        )" + body + R"(
      }
      gen.train [@s] repeats [1] optimizer "sgd" {lr = 1.0e-01 : f64}
    })";
    module = mlir::parseSourceString<mlir::ModuleOp>(text, context.get());
    EXPECT_TRUE(module);
    if (!module)
      return NAN;
    Environment env;
    Tensor x({2, 3});
    x.data = {1, 2, 3, 4, 5, 6};
    env.inputs["x"] = x;
    env.params = std::move(params);
    gen::ModelOp model = *module->getOps<gen::ModelOp>().begin();
    gen::StepOp step = *model.getBody().getOps<gen::StepOp>().begin();
    auto result = Interpreter().runStep(step, env);
    EXPECT_TRUE(mlir::succeeded(result));
    return mlir::succeeded(result) ? result->objective : NAN;
  }

  mlir::DialectRegistry registry;
  std::unique_ptr<mlir::MLIRContext> context;
  mlir::OwningOpRef<mlir::ModuleOp> module;
};

TEST_F(InterpreterTest, SumOfBroadcastProduct) {
  // sum(x * [1, 0, -1]) = (1 - 3) + (4 - 6) = -4
  EXPECT_DOUBLE_EQ(evaluate(R"(
    %c = gen.constant dense<[1.0, 0.0, -1.0]> : tensor<3xf32>
    %p = gen.mul %x, %c : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
    %s = gen.sum %p {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %s : tensor<f32>)"), -4.0);
}

TEST_F(InterpreterTest, MatmulWithTransposedLhs) {
  // x^T x = [[17, 22, 27], [22, 29, 36], [27, 36, 45]]; its sum is 261.
  EXPECT_DOUBLE_EQ(evaluate(R"(
    %p = gen.matmul %x, %x {transpose_lhs} : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<3x3xf32>
    %s = gen.sum %p {axes = [0, 1]} : tensor<3x3xf32> -> tensor<f32>
    gen.minimize %s : tensor<f32>)"), 261.0);
}

TEST_F(InterpreterTest, LogSumExpIsStable) {
  // logsumexp([1000, 1000]) = 1000 + log 2, without overflow.
  EXPECT_NEAR(evaluate(R"(
    %c = gen.constant dense<1000.0> : tensor<2xf32>
    %l = gen.logsumexp %c {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>)"), 1000.0 + std::log(2.0), 1e-9);
}

TEST_F(InterpreterTest, BatchNormNormalizesEachColumn) {
  // Each column of x is {a, a + 3}: normalized to {-1, 1} (up to eps), so the
  // sum of squares of the output is 6 * 1 / (1 + eps / 2.25).
  double expected = 6.0 * 2.25 / (2.25 + 1e-5);
  EXPECT_NEAR(evaluate(R"(
    %g = gen.constant dense<1.0> : tensor<3xf32>
    %b = gen.constant dense<0.0> : tensor<3xf32>
    %y = gen.batch_norm %x, %g, %b {epsilon = 1.0e-05 : f64} : tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32> -> tensor<2x3xf32>
    %q = gen.mul %y, %y : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
    %s = gen.sum %q {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %s : tensor<f32>)"), expected, 1e-9);
}

TEST_F(InterpreterTest, BCEWithLogitsMatchesBCEOfSigmoid) {
  // For z = x / 10 and t = 0.25: both forms give the same per-example sums.
  double viaLogits = evaluate(R"(
    %ten = gen.constant dense<10.0> : tensor<f32>
    %t = gen.constant dense<0.25> : tensor<f32>
    %z = gen.div %x, %ten : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
    %l = gen.bce_logits %z, %t : tensor<2x3xf32>, tensor<f32> -> tensor<2xf32>
    %s = gen.sum %l {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %s : tensor<f32>)");
  double viaProbabilities = evaluate(R"(
    %ten = gen.constant dense<10.0> : tensor<f32>
    %t = gen.constant dense<0.25> : tensor<f32>
    %z = gen.div %x, %ten : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
    %p = gen.sigmoid %z : tensor<2x3xf32>
    %l = gen.bce %p, %t : tensor<2x3xf32>, tensor<f32> -> tensor<2xf32>
    %s = gen.sum %l {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %s : tensor<f32>)");
  EXPECT_NEAR(viaLogits, viaProbabilities, 1e-12);
}

TEST_F(InterpreterTest, SoftmaxCrossEntropyOfUniformLogits) {
  // Equal logits over 3 classes, one-hot labels: log 3 per example.
  EXPECT_NEAR(evaluate(R"(
    %z = gen.constant dense<0.5> : tensor<2x3xf32>
    %y = gen.constant dense<[[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]> : tensor<2x3xf32>
    %l = gen.softmax_cross_entropy %z, %y : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2xf32>
    %s = gen.sum %l {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %s : tensor<f32>)"), 2 * std::log(3.0), 1e-12);
}

TEST_F(InterpreterTest, ConvolutionAndItsTranspose) {
  // A 1x1x2x3 image convolved with a 2x2 kernel of ones, stride 1, no pad:
  // [[1+2+4+5, 2+3+5+6]] = [[12, 16]]; conv_transpose2d of that with the same
  // kernel spreads each value over a 2x2 window: total 4 * 28 = 112.
  EXPECT_DOUBLE_EQ(evaluate(R"(
    %img = gen.reshape %x : tensor<2x3xf32> -> tensor<1x1x2x3xf32>
    %k = gen.constant dense<1.0> : tensor<1x1x2x2xf32>
    %c = gen.conv2d %img, %k {padding = [0, 0], strides = [1, 1]} : tensor<1x1x2x3xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x1x2xf32>
    %t = gen.conv_transpose2d %c, %k {padding = [0, 0], strides = [1, 1]} : tensor<1x1x1x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x2x3xf32>
    %s = gen.sum %t {axes = [0, 1, 2, 3]} : tensor<1x1x2x3xf32> -> tensor<f32>
    gen.minimize %s : tensor<f32>)"), 112.0);
}

TEST_F(InterpreterTest, PadSliceRoundTrip) {
  // slice(pad(x)) recovers x: sum 21.
  EXPECT_DOUBLE_EQ(evaluate(R"(
    %p = gen.pad %x {low = [1, 0], high = [0, 2]} : tensor<2x3xf32> -> tensor<3x5xf32>
    %s = gen.slice %p {offsets = [1, 0], sizes = [2, 3]} : tensor<3x5xf32> -> tensor<2x3xf32>
    %t = gen.sum %s {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %t : tensor<f32>)"), 21.0);
}

TEST(Initializers, GlorotLimitsAndDeterminism) {
  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(R"(
    gen.model @m attributes {batch_size = 1 : i64} {
      gen.net @n(%a: tensor<1x2xf32>) -> tensor<1x2xf32> {
        gen.param @w : tensor<200x300xf32> {init = "glorot_uniform"}
        gen.param @b : tensor<300xf32> {init = "constant", init_args = [0.5]}
        gen.return %a : tensor<1x2xf32>
      }
    })", &context);
  ASSERT_TRUE(module);
  auto model = *module->getOps<gen::ModelOp>().begin();
  auto params = initializeParams(model, 7);
  double limit = std::sqrt(6.0 / 500.0), sum = 0;
  for (double v : params["n.w"].data) {
    EXPECT_LE(std::fabs(v), limit);
    sum += v;
  }
  EXPECT_NEAR(sum / params["n.w"].size(), 0.0, 0.01);
  EXPECT_EQ(params["n.b"].data[17], 0.5);
  EXPECT_EQ(initializeParams(model, 7)["n.w"].data, params["n.w"].data);
  EXPECT_NE(initializeParams(model, 8)["n.w"].data, params["n.w"].data);
}
} // namespace
