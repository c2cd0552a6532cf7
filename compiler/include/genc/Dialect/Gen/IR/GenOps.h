//===- GenOps.h - gen dialect operations ------------------------*- C++ -*-===//
#ifndef GENC_DIALECT_GEN_GENOPS_H
#define GENC_DIALECT_GEN_GENOPS_H

#include "genc/Dialect/Gen/IR/GenDialect.h"
#include "genc/Dialect/Gen/IR/GenInterfaces.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/FunctionInterfaces.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace genc::gen {

/// Shared result-type rule of the broadcasting binary ops.
mlir::LogicalResult inferBroadcastResult(llvm::StringRef opName,
                                         llvm::Optional<mlir::Location> loc,
                                         mlir::ValueRange operands,
                                         llvm::SmallVectorImpl<mlir::Type> &types);
} // namespace genc::gen

#define GET_OP_CLASSES
#include "genc/Dialect/Gen/IR/GenOps.h.inc"

namespace genc::gen {
/// The parameters `net` owns, in declaration order.
llvm::SmallVector<ParamOp> getParams(NetOp net);

/// The full name of a parameter, "net.param": how checkpoints, the
/// interpreter, the generated C++ class and the manifest all name it.
std::string paramKey(mlir::SymbolRefAttr ref);
std::string paramKey(NetOp net, ParamOp param);

/// The per-example values whose batch mean `objective` is (`negated`: its
/// negation, a maximized mean), or null when it is not such a mean. Such an
/// objective can be evaluated on a padded batch.
mlir::Value perExampleObjective(mlir::Value objective, bool *negated = nullptr);

/// An optimizer's hyperparameters with their defaults (PyTorch's); empty
/// for an unknown optimizer. The one table the front end, the verifier and
/// the optimizer lowering share.
llvm::ArrayRef<std::pair<llvm::StringRef, double>> optimizerHyperparams(llvm::StringRef optimizer);

/// The value of a hyperparameter of `train`'s optimizer, or its default.
double getHyperparam(TrainOp train, llvm::StringRef name);
} // namespace genc::gen

#endif // GENC_DIALECT_GEN_GENOPS_H
