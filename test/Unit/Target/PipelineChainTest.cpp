//===- PipelineChainTest.cpp - How a chain binds its parts' buffers -------===//
#include "genc/Target/PipelineChain.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

using namespace genc;
using genc::target::ChainPart;
using genc::target::PipelineChain;
using halide::LoweredPipeline;
using halide::PipelineInput;
using halide::PipelineOutput;
using Shape = llvm::SmallVector<int64_t, 4>;

namespace {
PipelineInput argument(PipelineInput::Kind kind, const std::string &name, Shape shape,
                       const std::string &cName) {
  return {kind, name, shape, Halide::ImageParam(Halide::Float(32), int(shape.size()), cName)};
}

PipelineOutput result(PipelineOutput::Kind kind, const std::string &name, Shape shape,
                      const std::string &cName) {
  return {kind, name, shape, Halide::Func(cName)};
}

/// A step's gradient part (w's gradient and the objective from x and w)
/// and its update part (w and its moment m from the gradient).
std::vector<ChainPart> stepParts(Shape updateReadsW = {2, 3}) {
  using In = PipelineInput::Kind;
  using Out = PipelineOutput::Kind;
  LoweredPipeline gradient{"s",
                           {argument(In::Param, "f.w", {2, 3}, "f_w"),
                            argument(In::Input, "x", {4, 3}, "x")},
                           {result(Out::Gradient, "f.w", {2, 3}, "s_gradient_w"),
                            result(Out::Objective, "objective", {}, "s_objective")}};
  LoweredPipeline update{"s",
                         {argument(In::Gradient, "f.w", {2, 3}, "gradient_f_w"),
                          argument(In::Param, "f.w", updateReadsW, "f_w"),
                          argument(In::State, "m", {2, 3}, "m")},
                         {result(Out::State, "m", {2, 3}, "s_new_m"),
                          result(Out::Param, "f.w", {2, 3}, "s_new_w")}};
  return {{"m_s_gradient", gradient}, {"m_s_update", update}};
}

std::string errorOf(llvm::Expected<PipelineChain> chain) {
  return chain ? "" : llvm::toString(chain.takeError());
}

TEST(PipelineChain, ArgumentsOnceResultsOnceGradientsInBetween) {
  auto chain = PipelineChain::of(stepParts(), "m_s");
  ASSERT_TRUE(bool(chain)) << llvm::toString(chain.takeError());
  const LoweredPipeline &signature = chain->signature;
  ASSERT_EQ(signature.inputs.size(), 3u); // w (read by both parts), x, m
  EXPECT_EQ(signature.inputs[0].name, "f.w");
  EXPECT_EQ(signature.inputs[0].param.name(), "f_w");
  EXPECT_EQ(signature.inputs[1].name, "x");
  EXPECT_EQ(signature.inputs[2].kind, PipelineInput::Kind::State);
  ASSERT_EQ(signature.outputs.size(), 3u); // the gradient is no result
  EXPECT_EQ(signature.outputs[0].kind, PipelineOutput::Kind::Objective);
  EXPECT_EQ(signature.outputs[1].name, "m");
  EXPECT_EQ(signature.outputs[2].kind, PipelineOutput::Kind::Param);
  EXPECT_EQ(chain->intermediates(), 1u);
}

TEST(PipelineChain, TheFunctionAllocatesTheGradientAndCallsThePartsInTurn) {
  auto chain = PipelineChain::of(stepParts(), "m_s");
  ASSERT_TRUE(bool(chain));
  llvm::SmallString<64> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("chain", "stmt", path));
  chain->module("m_s", Halide::Target("x86-64-linux-no_runtime"))
      .compile({{Halide::OutputFileType::stmt, std::string(path)}});
  auto text = llvm::MemoryBuffer::getFile(path);
  llvm::sys::fs::remove(path);
  ASSERT_TRUE(bool(text));
  std::string stmt = (*text)->getBuffer().str();
  // (The results' C names are their funcs', unique in the process.)
  EXPECT_NE(stmt.find("func m_s (f_w, x, m, s_objective"), std::string::npos) << stmt;
  // w's gradient, 2x3 row-major: Halide dimension 0 is its 3 columns.
  EXPECT_NE(stmt.find("allocate gradient[float32 * 6] in Heap"), std::string::npos) << stmt;
  EXPECT_NE(stmt.find("make_struct(0, 3, 1, 0, 0, 2, 3, 0)"), std::string::npos) << stmt;
  size_t first = stmt.find("m_s_gradient((halide_buffer_t *)f_w.buffer, "
                           "(halide_buffer_t *)x.buffer, gradient.buffer, "
                           "(halide_buffer_t *)s_objective");
  size_t second = stmt.find("m_s_update(gradient.buffer, (halide_buffer_t *)f_w.buffer, "
                            "(halide_buffer_t *)m.buffer, (halide_buffer_t *)s_new_m");
  ASSERT_NE(first, std::string::npos) << stmt;
  ASSERT_NE(second, std::string::npos) << stmt;
  EXPECT_LT(first, second);
  EXPECT_NE(stmt.find("assert(part_1_result == 0, part_1_result)"), std::string::npos);
}

TEST(PipelineChain, AnArgumentReadAtTwoShapesIsAnError) {
  EXPECT_EQ(errorOf(PipelineChain::of(stepParts({3, 2}), "m_s")),
            "cannot chain the parts of 'm_s': argument 'f.w' is read at two shapes");
}

TEST(PipelineChain, AGradientReadAtAnotherShapeIsAnError) {
  std::vector<ChainPart> parts = stepParts();
  parts[1].pipeline.inputs[0].shape = {3, 2};
  EXPECT_EQ(errorOf(PipelineChain::of(parts, "m_s")),
            "cannot chain the parts of 'm_s': gradient 'f.w' is read at another shape");
}

TEST(PipelineChain, AGradientNoEarlierPartComputesIsAnError) {
  std::vector<ChainPart> parts = stepParts();
  std::swap(parts[0], parts[1]);
  EXPECT_EQ(errorOf(PipelineChain::of(parts, "m_s")),
            "cannot chain the parts of 'm_s': no earlier part computes gradient 'f.w'");
}

TEST(PipelineChain, NoiseDrawnByALaterPartIsAnError) {
  std::vector<ChainPart> parts = stepParts();
  parts[1].pipeline.inputs.push_back(
      argument(PipelineInput::Kind::Random, "random.0", {4}, "random_0"));
  EXPECT_EQ(errorOf(PipelineChain::of(parts, "m_s")),
            "cannot chain the parts of 'm_s': a part after the first draws noise");
}

TEST(PipelineChain, AResultTwoPartsComputeIsAnError) {
  std::vector<ChainPart> parts = stepParts();
  parts[1].pipeline.outputs.push_back(
      result(PipelineOutput::Kind::Objective, "objective", {}, "zero"));
  EXPECT_EQ(errorOf(PipelineChain::of(parts, "m_s")),
            "cannot chain the parts of 'm_s': two parts compute result 'objective'");
}

TEST(PipelineChain, AGradientNoLaterPartReadsIsAnError) {
  std::vector<ChainPart> parts = stepParts();
  parts[1].pipeline.inputs.erase(parts[1].pipeline.inputs.begin());
  EXPECT_EQ(errorOf(PipelineChain::of(parts, "m_s")),
            "cannot chain the parts of 'm_s': no later part reads gradient 'f.w'");
}
} // namespace
