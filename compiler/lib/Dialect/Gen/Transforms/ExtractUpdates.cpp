//===- ExtractUpdates.cpp - A step reduced to its update ------------------===//
//
// For data-parallel training: every differentiated step becomes the update
// alone, whose gradients are inputs (gen.get_gradient) summed over the
// processes by the runtime. Everything else in the body goes: the forward
// and backward ran in the gradient pipeline.
//
//===----------------------------------------------------------------------===//
#include "PassDetail.h"
#include "genc/Dialect/Gen/Transforms/Passes.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace genc::gen;

namespace {
struct ExtractUpdatesPass : public GenExtractUpdatesBase<ExtractUpdatesPass> {
  void runOnOperation() override {
    for (StepOp step : llvm::to_vector(getOperation().getBody().getOps<StepOp>()))
      extract(step);
  }

  static void extract(StepOp step) {
    Block &body = step.getBody().front();
    SmallVector<std::pair<SymbolRefAttr, Type>> gradients;
    for (GradientOp g : body.getOps<GradientOp>())
      gradients.push_back({g.getParam(), g.getValue().getType()});
    // Erase back to front: every op's users are gone before it is.
    while (!body.empty())
      body.back().erase();
    OpBuilder b = OpBuilder::atBlockEnd(&body);
    Location loc = step.getLoc();
    for (auto &[param, type] : gradients) {
      Value g = b.create<GetGradientOp>(loc, type, param);
      b.create<GradientOp>(loc, param, g);
    }
    auto scalar = RankedTensorType::get({}, b.getF32Type());
    auto zero = DenseElementsAttr::get(scalar, 0.0f).cast<ElementsAttr>();
    b.create<MinimizeOp>(loc, b.create<ConstantOp>(loc, zero));
  }
};
} // namespace

std::unique_ptr<Pass> genc::gen::createExtractUpdatesPass() {
  return std::make_unique<ExtractUpdatesPass>();
}
