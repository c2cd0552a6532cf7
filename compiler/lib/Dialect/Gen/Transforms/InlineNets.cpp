//===- InlineNets.cpp - Inline net calls into steps -----------------------===//
//
// 1) Collect the gen.call ops of every step and declaration (everything
//    in the model but the nets themselves).
// 2) Replace each call by a clone of the callee's body (without its
//    gen.param declarations and gen.return), mapping the net's arguments to
//    the call operands and the call results to the returned values.
// 3) Repeat on the cloned ops, since nets may call nets; the call graph is
//    acyclic (the model verifier guarantees it), so this terminates.
//
//===----------------------------------------------------------------------===//
#include "PassDetail.h"
#include "genc/Dialect/Gen/Transforms/Passes.h"

#include "mlir/IR/BlockAndValueMapping.h"
#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace genc::gen;

namespace {
struct InlineNetsPass : public GenInlineNetsBase<InlineNetsPass> {
  void runOnOperation() override {
    ModelOp model = getOperation();
    for (Operation &op : model.getBody().front()) {
      if (isa<NetOp>(op))
        continue;
      SmallVector<CallOp> worklist;
      op.walk([&](CallOp call) { worklist.push_back(call); });
      while (!worklist.empty()) {
        CallOp call = worklist.pop_back_val();
        auto net = model.lookupSymbol<NetOp>(call.getCallee());
        if (!net) {
          call.emitOpError("calls an unknown net");
          return signalPassFailure();
        }
        inlineCall(call, net, worklist);
      }
    }
  }

  static void inlineCall(CallOp call, NetOp net, SmallVectorImpl<CallOp> &worklist) {
    OpBuilder builder(call);
    BlockAndValueMapping mapping;
    Block &body = net.getBody().front();
    mapping.map(body.getArguments(), call.getOperands());
    for (Operation &op : body.without_terminator()) {
      if (isa<ParamOp>(op))
        continue;
      Operation *clone = builder.clone(op, mapping);
      if (auto nested = dyn_cast<CallOp>(clone))
        worklist.push_back(nested);
    }
    auto ret = cast<ReturnOp>(body.getTerminator());
    for (auto [result, returned] : llvm::zip(call.getResults(), ret.getOperands()))
      result.replaceAllUsesWith(mapping.lookupOrDefault(returned));
    call.erase();
  }
};
} // namespace

std::unique_ptr<Pass> genc::gen::createInlineNetsPass() {
  return std::make_unique<InlineNetsPass>();
}
