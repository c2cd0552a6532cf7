//===- GenDialect.td - The gen dialect ----------------------*- tablegen -*-===//
//
// The gen dialect models a generative-model file: inputs, nets owning their
// parameters, training steps that minimize a scalar objective, and the train
// schedule. Tensors are builtin ranked tensors of f32 with static shapes; the
// batch dimension is explicit (leading) and fixed at compile time.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_DIALECT_GEN_GENDIALECT_TD
#define GENC_DIALECT_GEN_GENDIALECT_TD

include "mlir/IR/OpBase.td"

def Gen_Dialect : Dialect {
  let name = "gen";
  let cppNamespace = "::genc::gen";
  let summary = "Tensor programs of generative models, with nets, parameters and training steps";
  let description = [{
    A `gen.model` holds `gen.input` declarations, `gen.net` functions that own
    their `gen.param`s, `gen.step`s whose body ends in `gen.minimize`, and one
    `gen.train` op naming the step schedule and the optimizer. Compute ops work
    on `tensor<...xf32>` with numpy-style broadcasting where stated.
  }];
  let emitAccessorPrefix = kEmitAccessorPrefix_Prefixed;
  let hasConstantMaterializer = 1;
}

class Gen_Op<string mnemonic, list<Trait> traits = []>
    : Op<Gen_Dialect, mnemonic, traits>;

def Gen_F32Tensor : StaticShapeTensorOf<[F32]>;
def Gen_TensorTypeAttr : TypeAttrBase<"::mlir::RankedTensorType", "ranked tensor type attribute">;
def Gen_FunctionTypeAttr : TypeAttrBase<"::mlir::FunctionType", "function type attribute">;
def Gen_ScalarTensor : 0DTensorOf<[F32]>;

#endif // GENC_DIALECT_GEN_GENDIALECT_TD
