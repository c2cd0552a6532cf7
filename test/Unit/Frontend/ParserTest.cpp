//===- ParserTest.cpp - AST shapes and error recovery ---------------------===//
#include "genc/Frontend/Parser.h"

#include "mlir/IR/MLIRContext.h"
#include <gtest/gtest.h>

using namespace genc::frontend;

namespace {
/// Parses `text`, collecting error messages instead of printing them.
struct ParseResult {
  std::unique_ptr<ModelDecl> model;
  std::vector<std::string> errors;
};

ParseResult parse(llvm::StringRef text) {
  static mlir::MLIRContext context;
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(text, "test.gen"),
                               llvm::SMLoc());
  ParseResult result;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &diag) {
    result.errors.push_back(diag.str());
    return mlir::success();
  });
  SourceLocator locator(sourceMgr, &context);
  Parser parser(locator, sourceMgr.getMemoryBuffer(1)->getBuffer());
  result.model = parser.parseFile();
  return result;
}
} // namespace

TEST(Parser, PrecedenceAndAssociativity) {
  auto result = parse("model m {\n k = 1 + 2 * 3 ^ 2 ^ 1\n}\n");
  ASSERT_TRUE(result.model) << (result.errors.empty() ? "" : result.errors[0]);
  auto *add = llvm::dyn_cast<BinaryExpr>(result.model->consts[0].value.get());
  ASSERT_TRUE(add);
  EXPECT_EQ(add->op, '+');
  auto *mul = llvm::dyn_cast<BinaryExpr>(add->rhs.get());
  ASSERT_TRUE(mul);
  EXPECT_EQ(mul->op, '*');
  auto *pow = llvm::dyn_cast<BinaryExpr>(mul->rhs.get());
  ASSERT_TRUE(pow);
  EXPECT_EQ(pow->op, '^');
  EXPECT_TRUE(llvm::isa<BinaryExpr>(pow->rhs.get())) << "'^' is right-associative";
}

TEST(Parser, NetWithNamedOutputsAndKeywordArgs) {
  auto result = parse("model m {\n"
                      "  net e(x: f32[4]) -> (a: f32[2], b: f32[2]) {\n"
                      "    a = dense(x, units = 2)\n"
                      "    b = a\n"
                      "  }\n"
                      "}\n");
  ASSERT_TRUE(result.model);
  const NetDecl &net = result.model->nets[0];
  EXPECT_EQ(net.outputs.size(), 2u);
  EXPECT_EQ(net.outputs[1].name->name, "b");
  auto *assign = llvm::dyn_cast<AssignStmt>(net.body[0].get());
  auto *call = llvm::dyn_cast<CallExpr>(assign->value.get());
  ASSERT_TRUE(call);
  EXPECT_EQ(call->args[1].keyword->name, "units");
}

TEST(Parser, RecoversAndReportsEveryStatementError) {
  auto result = parse("model m {\n"
                      "  a = (1\n"
                      "  b = 2 +\n"
                      "  c = ]\n"
                      "  d = 4\n"
                      "}\n");
  EXPECT_FALSE(result.model);
  EXPECT_GE(result.errors.size(), 2u);
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "model m {\n k = " + std::string(5000, '(') + "1" +
                     std::string(5000, ')') + "\n}\n";
  auto result = parse(deep);
  EXPECT_FALSE(result.model);
  ASSERT_FALSE(result.errors.empty());
  EXPECT_NE(result.errors[0].find("nested too deeply"), std::string::npos);
}

TEST(Parser, ErrorCountIsCapped) {
  std::string garbage = "model m {\n";
  for (int i = 0; i < 500; ++i)
    garbage += " ) \n";
  auto result = parse(garbage);
  EXPECT_FALSE(result.model);
  EXPECT_LE(result.errors.size(), SourceLocator::kMaxErrors + 1);
}
