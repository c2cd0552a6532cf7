//===- GenInterfaces.td - gen dialect interfaces ------------*- tablegen -*-===//
#ifndef GENC_DIALECT_GEN_GENINTERFACES_TD
#define GENC_DIALECT_GEN_GENINTERFACES_TD

include "mlir/IR/OpBase.td"

def GradientOpInterface : OpInterface<"GradientOpInterface"> {
  let cppNamespace = "::genc::gen";
  let description = [{
    The reverse-mode derivative rule of an op: given the adjoints of its
    results (null where a result has none), build the adjoints of the
    operands that are `needed` (others stay null). Every differentiable gen
    op implements it, in GradientRules.cpp; the autodiff pass never switches
    over op kinds itself.
  }];
  let methods = [
    InterfaceMethod<[{
        Builds operand adjoints at the builder's insertion point; fails with
        a diagnostic if the rule does not apply.
      }],
      "::mlir::LogicalResult", "buildAdjoints",
      (ins "::mlir::OpBuilder &":$builder, "::mlir::ValueRange":$resultAdjoints,
           "::llvm::ArrayRef<bool>":$needed,
           "::llvm::SmallVectorImpl<::mlir::Value> &":$operandAdjoints)>,
  ];
}

// Reads each element of an operand many times per result element (a
// matmul's rows and columns; a second pass over the input once its
// statistics are known). The schedule policy computes such operands once,
// at root, instead of inline in the op.
def RereadsOperands : NativeOpTrait<"RereadsOperands"> {
  let cppNamespace = "::genc::gen";
}

// An elementwise op whose arithmetic on one element of each operand is
// written once, for any scalar type, in ElementwiseMath.h (its `compute`
// member): the interpreter instantiates it for double, the Halide lowering
// for Halide::Expr.
def ElementwiseMath : NativeOpTrait<"ElementwiseMath"> {
  let cppNamespace = "::genc::gen";
}

#endif // GENC_DIALECT_GEN_GENINTERFACES_TD
