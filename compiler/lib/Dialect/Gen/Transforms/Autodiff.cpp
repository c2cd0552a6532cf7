//===- Autodiff.cpp - Reverse-mode differentiation of training steps ------===//
//
// For each step:
// 1) Activity: walking forward, a value is active if it is a read of a
//    parameter of an updated net, or is computed from an active value.
//    Inactive values (data, random draws, frozen nets' parameters and
//    anything computed only from them) never get an adjoint.
// 2) Walking the body backward from the objective (adjoint 1), each op
//    with an adjoint on a result builds the adjoints of its active operands
//    through GradientOpInterface; adjoints of a value used several times
//    are summed.
// 3) The adjoints of parameter reads, summed per parameter, become
//    gen.gradient ops in front of the terminator.
// Canonicalization and CSE afterwards keep the backward graph small;
// forward values are reused, never recomputed.
//
//===----------------------------------------------------------------------===//
#include "PassDetail.h"
#include "genc/Dialect/Gen/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"

using namespace mlir;
using namespace genc::gen;

namespace {
struct AutodiffPass : public GenAutodiffBase<AutodiffPass> {
  void runOnOperation() override {
    for (StepOp step : getOperation().getBody().getOps<StepOp>())
      if (failed(differentiate(step)))
        return signalPassFailure();
  }

  static LogicalResult differentiate(StepOp step) {
    Block &body = step.getBody().front();
    MinimizeOp minimize = step.getMinimize();
    if (!body.getOps<GradientOp>().empty())
      return success(); // already differentiated
    llvm::DenseSet<StringRef> updated;
    for (auto ref : step.getUpdates().getAsRange<FlatSymbolRefAttr>())
      updated.insert(ref.getValue());

    // 1) Activity analysis.
    llvm::DenseSet<Value> active;
    for (Operation &op : body.without_terminator()) {
      if (auto call = dyn_cast<CallOp>(op))
        return call.emitOpError("must be inlined before autodiff (run -gen-inline-nets first)");
      bool isActive = false;
      if (auto read = dyn_cast<GetParamOp>(op))
        isActive = updated.contains(read.getNetName());
      else
        isActive = llvm::any_of(op.getOperands(), [&](Value v) { return active.contains(v); });
      if (isActive)
        active.insert(op.result_begin(), op.result_end());
    }
    Value objective = minimize.getObjective();
    if (!active.contains(objective))
      return step.emitOpError("objective does not depend on any parameter of the nets it "
                              "updates, so it has no gradient");

    // 2) Reverse sweep.
    OpBuilder builder(minimize);
    llvm::DenseMap<Value, Value> adjoint;
    auto one = DenseElementsAttr::get(RankedTensorType::get({}, builder.getF32Type()), 1.0f);
    adjoint[objective] = builder.create<ConstantOp>(minimize.getLoc(), one.cast<ElementsAttr>());
    SmallVector<Operation *> forward;
    for (Operation &op : body.without_terminator())
      forward.push_back(&op);
    for (Operation *op : llvm::reverse(forward)) {
      if (isa<GetParamOp>(op))
        continue;
      SmallVector<Value> resultAdjoints;
      bool any = false;
      for (Value result : op->getResults()) {
        resultAdjoints.push_back(adjoint.lookup(result));
        any |= resultAdjoints.back() != nullptr;
      }
      SmallVector<bool> needed;
      for (Value operand : op->getOperands())
        needed.push_back(active.contains(operand));
      if (!any || !llvm::is_contained(needed, true))
        continue;
      auto rule = dyn_cast<GradientOpInterface>(op);
      if (!rule)
        return op->emitOpError("has no gradient rule, but the objective depends on it through "
                               "a parameter being trained");
      builder.setInsertionPoint(minimize);
      SmallVector<Value> operandAdjoints;
      if (failed(rule.buildAdjoints(builder, resultAdjoints, needed, operandAdjoints)))
        return failure();
      for (auto [operand, grad] : llvm::zip(op->getOperands(), operandAdjoints)) {
        if (!grad || !active.contains(operand))
          continue;
        Value &sum = adjoint[operand];
        sum = sum ? builder.create<AddOp>(op->getLoc(), sum, grad).getResult() : grad;
      }
    }

    // 3) One gradient per parameter, summed over its reads.
    llvm::MapVector<SymbolRefAttr, Value> gradients;
    for (Operation *op : forward)
      if (auto read = dyn_cast<GetParamOp>(op))
        if (Value grad = adjoint.lookup(read.getResult())) {
          Value &sum = gradients[read.getParam()];
          sum = sum ? builder.create<AddOp>(read.getLoc(), sum, grad).getResult() : grad;
        }
    for (auto &[param, grad] : gradients)
      builder.create<GradientOp>(grad.getLoc(), param, grad);
    return success();
  }
};
} // namespace

std::unique_ptr<Pass> genc::gen::createAutodiffPass() { return std::make_unique<AutodiffPass>(); }
