//===- GenOps.td - gen dialect operations -------------------*- tablegen -*-===//
//
// Structure ops (model, input, net, param, step, train) and tensor compute
// ops. Compute ops infer their result types (InferTypeOpInterface); the
// inferred type is checked against the written one by the verifier, so one
// set of shape rules serves the parser, the front end and the verifier.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_DIALECT_GEN_GENOPS_TD
#define GENC_DIALECT_GEN_GENOPS_TD

include "genc/Dialect/Gen/IR/GenDialect.td"
include "genc/Dialect/Gen/IR/GenInterfaces.td"
include "mlir/IR/FunctionInterfaces.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Structure
//===----------------------------------------------------------------------===//

def Gen_ModelOp : Gen_Op<"model", [Symbol, SymbolTable, IsolatedFromAbove,
    NoTerminator, SingleBlock, NoRegionArguments]> {
  let summary = "A generative model: inputs, nets, steps and a train schedule";
  let description = [{
    The top-level container of one `.gen` model. `batch_size` is the static
    leading dimension of every batched tensor in the model.

    ```mlir
    gen.model @vae attributes {batch_size = 128 : i64} {
      gen.input @x : tensor<128x784xf32>
      ...
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, I64Attr:$batch_size);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$sym_name attr-dict-with-keyword $body";
  let verifier = [{ return ::verifyModel(*this); }];
}

def Gen_InputOp : Gen_Op<"input", [Symbol, HasParent<"ModelOp">]> {
  let summary = "Declares a batched model input (data, or a one-hot class label)";
  let description = [{
    A tensor fed by the runtime on every step. `label_classes` marks a class
    label given as a one-hot row of that many classes; `source` names the
    default data source the runtime reads it from.

    ```mlir
    gen.input @x : tensor<128x784xf32>
    gen.input @y : tensor<128x10xf32> {label_classes = 10 : i64}
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, Gen_TensorTypeAttr:$tensor_type,
                       OptionalAttr<I64Attr>:$label_classes, OptionalAttr<StrAttr>:$source);
  let assemblyFormat = "$sym_name `:` $tensor_type attr-dict";
  let verifier = [{ return ::verifyInput(*this); }];
}

def Gen_ParamOp : Gen_Op<"param", [Symbol, HasParent<"NetOp">]> {
  let summary = "Declares a trainable parameter owned by the enclosing net";
  let description = [{
    `init` names the initializer: `zeros`, `ones`, `constant` (value),
    `normal` (mean, stddev), `uniform` (low, high), `glorot_uniform`,
    `he_normal`, or `kmeans_pp`; `init_args` holds its arguments.
    `kmeans_pp` takes no arguments but `init_from`, the model input whose
    training examples seed the rows (k-means++): the parameter's shape is
    [K] followed by that input's per-example shape.

    ```mlir
    gen.param @dense0.w : tensor<784x400xf32> {init = "glorot_uniform"}
    gen.param @mu : tensor<3x2xf32> {init = "normal", init_args = [0.0, 1.0]}
    gen.param @centers : tensor<8x2xf32> {init = "kmeans_pp", init_from = @x}
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, Gen_TensorTypeAttr:$tensor_type,
                       StrAttr:$init, DefaultValuedAttr<F64ArrayAttr, "{}">:$init_args,
                       OptionalAttr<FlatSymbolRefAttr>:$init_from);
  let assemblyFormat = "$sym_name `:` $tensor_type attr-dict";
  let verifier = [{ return ::verifyParam(*this); }];
}

def Gen_NetOp : Gen_Op<"net", [Symbol, SymbolTable, FunctionOpInterface,
    IsolatedFromAbove, HasParent<"ModelOp">]> {
  let summary = "A network: a function over batched tensors that owns parameters";
  let description = [{
    The body declares the net's parameters with `gen.param` and computes its
    results, returned with `gen.return`. Arguments and results may carry a
    `gen.name` attribute with their source name.

    ```mlir
    gen.net @decoder(%c: tensor<128x20xf32>) -> tensor<128x784xf32> {
      gen.param @dense0.w : tensor<20x784xf32> {init = "glorot_uniform"}
      %w = gen.get_param @decoder::@dense0.w : tensor<20x784xf32>
      %y = gen.matmul %c, %w : tensor<128x20xf32>, tensor<20x784xf32> -> tensor<128x784xf32>
      gen.return %y : tensor<128x784xf32>
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, Gen_FunctionTypeAttr:$type);
  let regions = (region SizedRegion<1>:$body);
  let extraClassDeclaration = [{
    ::mlir::FunctionType getFunctionType() {
      return getTypeAttr().getValue().dyn_cast<::mlir::FunctionType>();
    }
    /// Hides FunctionOpInterface's untyped getType().
    ::mlir::FunctionType getType() { return getFunctionType(); }
    ::llvm::ArrayRef<::mlir::Type> getArgumentTypes() { return getFunctionType().getInputs(); }
    ::llvm::ArrayRef<::mlir::Type> getResultTypes() { return getFunctionType().getResults(); }
    ::mlir::LogicalResult verifyType() {
      if (!getTypeAttr().getValue().isa<::mlir::FunctionType>())
        return emitOpError("requires a function type");
      return ::mlir::success();
    }
  }];
  let parser = [{ return ::parseNet(parser, result); }];
  let printer = [{ ::printNet(*this, p); }];
  let verifier = [{ return ::verifyNet(*this); }];
}

def Gen_ReturnOp : Gen_Op<"return", [NoSideEffect, Terminator, HasParent<"NetOp">]> {
  let summary = "Returns the results of a net";
  let description = [{
    ```mlir
    gen.return %m, %s : tensor<128x20xf32>, tensor<128x20xf32>
    ```
  }];
  let arguments = (ins Variadic<Gen_F32Tensor>:$operands);
  let assemblyFormat = "($operands^ `:` type($operands))? attr-dict";
  let verifier = [{ return ::verifyReturn(*this); }];
}

def Gen_StepOp : Gen_Op<"step", [Symbol, IsolatedFromAbove, SingleBlock,
    NoRegionArguments, HasParent<"ModelOp">,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "A training step: minimize an objective over the updated nets";
  let description = [{
    The body computes a scalar objective and ends in `gen.minimize`. Only the
    parameters of the nets listed in `updates` are trained by this step; other
    nets it calls are used as they are (frozen).

    ```mlir
    gen.step @g_step updates [@generator] {
      ...
      gen.minimize %loss : tensor<f32>
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, FlatSymbolRefArrayAttr:$updates);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$sym_name `updates` $updates attr-dict-with-keyword $body";
  let extraClassDeclaration = [{
    /// The terminator holding the objective.
    MinimizeOp getMinimize();
  }];
}

def Gen_MinimizeOp : Gen_Op<"minimize", [Terminator, HasParent<"StepOp">]> {
  let summary = "Terminates a step with the scalar objective to minimize";
  let description = [{
    ```mlir
    gen.minimize %loss : tensor<f32>
    ```
  }];
  let arguments = (ins Gen_ScalarTensor:$objective);
  let assemblyFormat = "$objective attr-dict `:` type($objective)";
}

def Gen_TrainOp : Gen_Op<"train", [HasParent<"ModelOp">,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "The training schedule and the optimizer";
  let description = [{
    Runs the steps of `schedule` in turn, each `repeats[i]` times per round,
    with one optimizer (`sgd`, `momentum` or `adam`) whose hyperparameters
    are given as a dictionary of floats.

    ```mlir
    gen.train [@d_step, @g_step] repeats [1, 1] optimizer "adam" {beta1 = 5.0e-01, lr = 2.0e-04}
    ```
  }];
  let arguments = (ins FlatSymbolRefArrayAttr:$schedule, I64ArrayAttr:$repeats,
                       StrAttr:$optimizer, DictionaryAttr:$hyperparams);
  let assemblyFormat = "$schedule `repeats` $repeats `optimizer` $optimizer $hyperparams attr-dict";
  let verifier = [{ return ::verifyTrain(*this); }];
}

//===----------------------------------------------------------------------===//
// How the model generates (declarations; docs/language.md)
//===----------------------------------------------------------------------===//

def Gen_GenerateOp : Gen_Op<"generate", [HasParent<"ModelOp">, IsolatedFromAbove,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "How the model generates its data input: a latent, then the data";
  let description = [{
    The `latent` region draws the latent (the code) and yields it, batched;
    the `decode` region maps it, as its one block argument, to a batch of the
    input `subject`. The runtime samples by running both, interpolates
    between two latents by running `decode` on a path, and reads a label
    input the regions use as the class to generate. `latent_name` is the
    latent's name in the source (`z ~ ...`).

    ```mlir
    gen.generate @x latent "z" {
      %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<128x20xf32>
      gen.yield %e : tensor<128x20xf32>
    } decode {
    ^bb0(%z: tensor<128x20xf32>):
      %x = gen.call @decoder(%z) : (tensor<128x20xf32>) -> tensor<128x784xf32>
      gen.yield %x : tensor<128x784xf32>
    }
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$subject, StrAttr:$latent_name);
  let regions = (region SizedRegion<1>:$latent, SizedRegion<1>:$decode);
  let assemblyFormat = "$subject `latent` $latent_name attr-dict-with-keyword $latent `decode` $decode";
  let verifier = [{ return ::verifyGenerate(*this); }];
}

// The other declarations: one region, no arguments, yielding one batched
// value about the input `subject`.
class Gen_DeclarationOp<string mnemonic, string what> : Gen_Op<mnemonic,
    [HasParent<"ModelOp">, IsolatedFromAbove, SingleBlock, NoRegionArguments,
     DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = what;
  let arguments = (ins FlatSymbolRefAttr:$subject);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$subject attr-dict-with-keyword $body";
  let verifier = [{ return ::verifyDeclaration(*this); }];
}

def Gen_ReconstructOp : Gen_DeclarationOp<"reconstruct",
    "How the model reconstructs its data input (yields the subject's type)"> {
  let description = [{
    ```mlir
    gen.reconstruct @x {
      %m, %s = gen.call @encoder(%x) : ...
      %r = gen.call @decoder(%m) : ...
      gen.yield %r : tensor<128x784xf32>
    }
    ```
  }];
}
def Gen_LogWeightOp : Gen_DeclarationOp<"log_weight",
    "Each example's log p(x, z) - log q(z | x) for one draw z (yields tensor<B x f32>)"> {
  let description = [{
    The importance weight of the IWAE bound, log-mean-exp'd over draws by
    the runtime; a body that draws nothing gives log p(x) itself.
  }];
}
def Gen_DiscriminateOp : Gen_DeclarationOp<"discriminate",
    "Each example's logit of being data (yields tensor<B> or tensor<Bx1>)">;
def Gen_ClassifyOp : Gen_DeclarationOp<"classify",
    "The class logits of a label input (yields tensor<B x classes>)">;

def Gen_YieldOp : Gen_Op<"yield", [NoSideEffect, Terminator,
    ParentOneOf<["GenerateOp", "ReconstructOp", "LogWeightOp", "DiscriminateOp", "ClassifyOp"]>]> {
  let summary = "Ends a declaration's region with its value";
  let description = [{
    ```mlir
    gen.yield %x : tensor<128x784xf32>
    ```
  }];
  let arguments = (ins Gen_F32Tensor:$value);
  let assemblyFormat = "$value attr-dict `:` type($value)";
}

def Gen_StateOp : Gen_Op<"state", [Symbol, HasParent<"ModelOp">]> {
  let summary = "Declares model-level training state (optimizer moments, step counts)";
  let description = [{
    Tensors the runtime keeps across steps and checkpoints with the
    parameters; created by the optimizer lowering. They start at zero.

    ```mlir
    gen.state @adam.m.encoder.dense0.w : tensor<784x400xf32>
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, Gen_TensorTypeAttr:$tensor_type);
  let assemblyFormat = "$sym_name `:` $tensor_type attr-dict";
  let verifier = [{ return ::verifyState(*this); }];
}

def Gen_GradientOp : Gen_Op<"gradient", [HasParent<"StepOp">,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "The gradient of the step's objective with respect to a parameter";
  let description = [{
    Emitted by autodiff, one per parameter of the nets the step updates;
    consumed by the optimizer lowering.

    ```mlir
    gen.gradient @encoder::@dense0.w, %g : tensor<784x400xf32>
    ```
  }];
  let arguments = (ins SymbolRefAttr:$param, Gen_F32Tensor:$value);
  let assemblyFormat = "$param `,` $value attr-dict `:` type($value)";
}

def Gen_GetGradientOp : Gen_Op<"get_gradient", [NoSideEffect, HasParent<"StepOp">,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Reads a parameter's gradient computed elsewhere (an update step's input)";
  let description = [{
    Data-parallel training splits each step in two: a gradient step that
    emits its `gen.gradient`s as results (each process on its share of the
    batch), and an update step (`gen-extract-updates`) that reads the summed
    gradients back with `gen.get_gradient` and applies the optimizer. The
    parameter must belong to a net the step updates.

    ```mlir
    %g = gen.get_gradient @encoder::@dense0.w : tensor<784x400xf32>
    ```
  }];
  let arguments = (ins SymbolRefAttr:$param);
  let results = (outs Gen_F32Tensor:$result);
  let assemblyFormat = "$param attr-dict `:` type($result)";
}

def Gen_SetParamOp : Gen_Op<"set_param", [HasParent<"StepOp">,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Writes a parameter's new value at the end of a step";
  let description = [{
    ```mlir
    gen.set_param @encoder::@dense0.w, %w1 : tensor<784x400xf32>
    ```
  }];
  let arguments = (ins SymbolRefAttr:$param, Gen_F32Tensor:$value);
  let assemblyFormat = "$param `,` $value attr-dict `:` type($value)";
}

def Gen_GetStateOp : Gen_Op<"get_state", [NoSideEffect,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Reads training state";
  let description = [{
    ```mlir
    %m = gen.get_state @adam.m.encoder.dense0.w : tensor<784x400xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$state);
  let results = (outs Gen_F32Tensor:$result);
  let assemblyFormat = "$state attr-dict `:` type($result)";
}

def Gen_SetStateOp : Gen_Op<"set_state", [HasParent<"StepOp">,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Writes training state at the end of a step";
  let description = [{
    ```mlir
    gen.set_state @adam.m.encoder.dense0.w, %m1 : tensor<784x400xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$state, Gen_F32Tensor:$value);
  let assemblyFormat = "$state `,` $value attr-dict `:` type($value)";
}

//===----------------------------------------------------------------------===//
// Symbol reads and calls
//===----------------------------------------------------------------------===//

def Gen_GetInputOp : Gen_Op<"get_input", [NoSideEffect,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Reads a model input";
  let description = [{
    ```mlir
    %x = gen.get_input @x : tensor<128x784xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$input);
  let results = (outs Gen_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

def Gen_GetParamOp : Gen_Op<"get_param", [NoSideEffect,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Reads a parameter, named by its owning net and its own name";
  let description = [{
    ```mlir
    %w = gen.get_param @encoder::@dense0.w : tensor<784x400xf32>
    ```
  }];
  let arguments = (ins SymbolRefAttr:$param);
  let results = (outs Gen_F32Tensor:$result);
  let assemblyFormat = "$param attr-dict `:` type($result)";
  let extraClassDeclaration = [{
    /// The net owning the parameter.
    ::llvm::StringRef getNetName() { return getParam().getRootReference().getValue(); }
  }];
}

def Gen_CallOp : Gen_Op<"call", [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Applies a net to batched operands";
  let description = [{
    ```mlir
    %m, %s = gen.call @encoder(%x) : (tensor<128x784xf32>) -> (tensor<128x20xf32>, tensor<128x20xf32>)
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<Gen_F32Tensor>:$operands);
  let results = (outs Variadic<Gen_F32Tensor>:$results);
  let assemblyFormat = "$callee `(` $operands `)` attr-dict `:` functional-type($operands, $results)";
}

//===----------------------------------------------------------------------===//
// Constants and random inputs
//===----------------------------------------------------------------------===//

def Gen_ConstantOp : Gen_Op<"constant", [ConstantLike, NoSideEffect,
    TypesMatchWith<"result and attribute have the same type", "value", "result", "$_self">]> {
  let summary = "A constant f32 tensor";
  let description = [{
    ```mlir
    %half = gen.constant dense<5.000000e-01> : tensor<f32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Gen_F32Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let builders = [OpBuilder<(ins "::mlir::ElementsAttr":$value), [{
    build($_builder, $_state, value.getType(), value);
  }]>];
  let hasFolder = 1;
}


def Gen_NormalOp : Gen_Op<"normal", []> {
  let summary = "Draws a tensor of independent normal samples (a random input)";
  let description = [{
    A fresh draw on every execution; for gradients it is a constant.
    CSE never merges two draws (the op is not side-effect free).

    ```mlir
    %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<128x20xf32>
    ```
  }];
  let arguments = (ins F64Attr:$mean, F64Attr:$stddev);
  let results = (outs Gen_F32Tensor:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
  let verifier = [{ return ::verifyNormal(*this); }];
}

def Gen_UniformOp : Gen_Op<"uniform", []> {
  let summary = "Draws a tensor of independent uniform samples in [low, high)";
  let description = [{
    ```mlir
    %z = gen.uniform {low = -1.0 : f64, high = 1.0 : f64} : tensor<128x1xf32>
    ```
  }];
  let arguments = (ins F64Attr:$low, F64Attr:$high);
  let results = (outs Gen_F32Tensor:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
  let verifier = [{ return ::verifyUniform(*this); }];
}

def Gen_CategoricalOp : Gen_Op<"categorical", [NoSideEffect,
    TypesMatchWith<"result has the uniform draw's type", "uniform", "result", "$_self">,
    DeclareOpInterfaceMethods<GradientOpInterface>]> {
  let summary = "A one-hot draw of a category by the Gumbel-max trick";
  let description = [{
    Row i of the result is the one-hot vector of argmax_k (logits[i, k] -
    log(-log uniform[i, k])): category k with probability softmax(logits)_k
    when `uniform` is a U[0, 1) draw. `logits` is [B, K], or [K] for every
    row. For gradients it is a constant (piecewise constant in the logits).

    ```mlir
    %u = gen.uniform {low = 0.0 : f64, high = 1.0 : f64} : tensor<128x10xf32>
    %k = gen.categorical %logits, %u : tensor<10xf32>, tensor<128x10xf32>
    ```
  }];
  let arguments = (ins Gen_F32Tensor:$logits, Gen_F32Tensor:$uniform);
  let results = (outs Gen_F32Tensor:$result);
  let assemblyFormat = "$logits `,` $uniform attr-dict `:` type($logits) `,` type($uniform)";
  let builders = [OpBuilder<(ins "::mlir::Value":$logits, "::mlir::Value":$uniform), [{
    build($_builder, $_state, uniform.getType(), logits, uniform);
  }]>];
  let verifier = [{ return ::verifyCategorical(*this); }];
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

// The member every ElementwiseMath op declares (ElementwiseMath.h defines it).
defvar Gen_ComputeDeclaration = [{
    /// This op on one element of each operand (broadcast), for any scalar
    /// type that `Math` describes (see ElementwiseMath.h).
    template <typename Math>
    typename Math::Scalar compute(const Math &math,
                                  ::llvm::ArrayRef<typename Math::Scalar> operands);
}];

class Gen_UnaryOp<string mnemonic, string what> : Gen_Op<mnemonic,
    [NoSideEffect, SameOperandsAndResultType, ElementwiseMath,
     DeclareOpInterfaceMethods<GradientOpInterface>]> {
  let summary = "Elementwise " # what;
  let description = [{
    ```mlir
    %y = gen.}] # mnemonic # [{ %x : tensor<128x400xf32>
    ```
  }];
  let arguments = (ins Gen_F32Tensor:$input);
  let results = (outs Gen_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
  let extraClassDeclaration = Gen_ComputeDeclaration;
}

def Gen_NegOp : Gen_UnaryOp<"neg", "negation">;
def Gen_ExpOp : Gen_UnaryOp<"exp", "exponential">;
def Gen_LogOp : Gen_UnaryOp<"log", "natural logarithm">;
def Gen_SqrtOp : Gen_UnaryOp<"sqrt", "square root">;
def Gen_ReluOp : Gen_UnaryOp<"relu", "rectified linear unit, max(x, 0)">;
def Gen_SigmoidOp : Gen_UnaryOp<"sigmoid", "logistic sigmoid, 1 / (1 + exp(-x))">;
def Gen_TanhOp : Gen_UnaryOp<"tanh", "hyperbolic tangent">;
def Gen_SoftplusOp : Gen_UnaryOp<"softplus", "softplus, log(1 + exp(x))">;
def Gen_HeavisideOp : Gen_UnaryOp<"heaviside", "step function, 1 if x > 0 else 0 (the derivative of relu)">;
def Gen_EluOp : Gen_UnaryOp<"elu", "exponential linear unit, x if x > 0 else exp(x) - 1">;

def Gen_LeakyReluOp : Gen_Op<"leaky_relu", [NoSideEffect, SameOperandsAndResultType,
    ElementwiseMath, DeclareOpInterfaceMethods<GradientOpInterface>]> {
  let summary = "Elementwise leaky ReLU, x if x > 0 else alpha * x";
  let description = [{
    ```mlir
    %y = gen.leaky_relu %x {alpha = 2.0e-01 : f64} : tensor<64x128xf32>
    ```
  }];
  let arguments = (ins Gen_F32Tensor:$input, F64Attr:$alpha);
  let results = (outs Gen_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
  let extraClassDeclaration = Gen_ComputeDeclaration;
}

class Gen_BroadcastBinaryOp<string mnemonic, string what> : Gen_Op<mnemonic,
    [NoSideEffect, InferTypeOpInterface, ElementwiseMath,
     DeclareOpInterfaceMethods<GradientOpInterface>]> {
  let summary = "Elementwise " # what # " with numpy-style broadcasting";
  let description = [{
    Shapes are aligned from the right; a dimension of 1 stretches.

    ```mlir
    %y = gen.}] # mnemonic # [{ %a, %b : tensor<128x400xf32>, tensor<400xf32> -> tensor<128x400xf32>
    ```
  }];
  let arguments = (ins Gen_F32Tensor:$lhs, Gen_F32Tensor:$rhs);
  let results = (outs Gen_F32Tensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)";
  let hasFolder = 1;
  let extraClassDeclaration = !strconcat([{
    static ::mlir::LogicalResult inferReturnTypes(::mlir::MLIRContext *context,
        ::llvm::Optional<::mlir::Location> location, ::mlir::ValueRange operands,
        ::mlir::DictionaryAttr attributes, ::mlir::RegionRange regions,
        ::llvm::SmallVectorImpl<::mlir::Type> &inferredReturnTypes) {
      return inferBroadcastResult(getOperationName(), location, operands, inferredReturnTypes);
    }
  }], Gen_ComputeDeclaration);
}

def Gen_AddOp : Gen_BroadcastBinaryOp<"add", "addition">;
def Gen_SubOp : Gen_BroadcastBinaryOp<"sub", "subtraction">;
def Gen_MulOp : Gen_BroadcastBinaryOp<"mul", "multiplication">;
def Gen_DivOp : Gen_BroadcastBinaryOp<"div", "division">;
def Gen_PowOp : Gen_BroadcastBinaryOp<"pow", "power, lhs ^ rhs">;
def Gen_MaxOp : Gen_BroadcastBinaryOp<"max", "maximum">;

//===----------------------------------------------------------------------===//
// Shape-changing ops
//===----------------------------------------------------------------------===//

class Gen_InferredOp<string mnemonic, list<Trait> traits = []>
    : Gen_Op<mnemonic, !listconcat([NoSideEffect,
        DeclareOpInterfaceMethods<InferTypeOpInterface>, DeclareOpInterfaceMethods<GradientOpInterface>], traits)> {
  let results = (outs Gen_F32Tensor:$result);
}

def Gen_ReshapeOp : Gen_Op<"reshape", [NoSideEffect, DeclareOpInterfaceMethods<GradientOpInterface>]> {
  let summary = "Reinterprets a tensor with a new shape of the same element count";
  let description = [{
    ```mlir
    %y = gen.reshape %x : tensor<128x784xf32> -> tensor<128x1x28x28xf32>
    ```
  }];
  let arguments = (ins Gen_F32Tensor:$input);
  let results = (outs Gen_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let verifier = [{ return ::verifyReshape(*this); }];
  let hasFolder = 1;
}

def Gen_BroadcastToOp : Gen_Op<"broadcast_to", [NoSideEffect, DeclareOpInterfaceMethods<GradientOpInterface>]> {
  let summary = "Broadcasts a tensor to a larger shape (numpy rules)";
  let description = [{
    ```mlir
    %y = gen.broadcast_to %b : tensor<400xf32> -> tensor<128x400xf32>
    ```
  }];
  let arguments = (ins Gen_F32Tensor:$input);
  let results = (outs Gen_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let verifier = [{ return ::verifyBroadcastTo(*this); }];
  let hasFolder = 1;
}

def Gen_TransposeOp : Gen_InferredOp<"transpose"> {
  let summary = "Permutes the dimensions of a tensor";
  let description = [{
    Result dimension i is input dimension `permutation[i]`.

    ```mlir
    %t = gen.transpose %w {permutation = [1, 0]} : tensor<784x400xf32> -> tensor<400x784xf32>
    ```
  }];
  let arguments = (ins Gen_F32Tensor:$input, I64ArrayAttr:$permutation);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def Gen_ConcatOp : Gen_InferredOp<"concat"> {
  let summary = "Concatenates tensors along one axis";
  let description = [{
    ```mlir
    %y = gen.concat %a, %b {axis = 1 : i64} : tensor<128x20xf32>, tensor<128x10xf32> -> tensor<128x30xf32>
    ```
  }];
  let arguments = (ins Variadic<Gen_F32Tensor>:$inputs, I64Attr:$axis);
  let assemblyFormat = "$inputs attr-dict `:` type($inputs) `->` type($result)";
}

def Gen_SliceOp : Gen_InferredOp<"slice"> {
  let summary = "Takes a rectangular, unit-stride part of a tensor";
  let description = [{
    ```mlir
    %y = gen.slice %x {offsets = [0, 20], sizes = [128, 20]} : tensor<128x40xf32> -> tensor<128x20xf32>
    ```
  }];
  let arguments = (ins Gen_F32Tensor:$input, I64ArrayAttr:$offsets, I64ArrayAttr:$sizes);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def Gen_PadOp : Gen_InferredOp<"pad"> {
  let summary = "Pads a tensor with zeros (the adjoint of slice)";
  let description = [{
    ```mlir
    %y = gen.pad %x {low = [0, 20], high = [0, 0]} : tensor<128x20xf32> -> tensor<128x40xf32>
    ```
  }];
  let arguments = (ins Gen_F32Tensor:$input, I64ArrayAttr:$low, I64ArrayAttr:$high);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

class Gen_ReduceOp<string mnemonic, string what, list<Trait> traits = []>
    : Gen_InferredOp<mnemonic, traits> {
  let summary = what # " over the given axes, which are removed";
  let description = [{
    ```mlir
    %y = gen.}] # mnemonic # [{ %x {axes = [1]} : tensor<128x20xf32> -> tensor<128xf32>
    ```
  }];
  let arguments = (ins Gen_F32Tensor:$input, I64ArrayAttr:$axes);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def Gen_SumOp : Gen_ReduceOp<"sum", "Sum">;
def Gen_MeanOp : Gen_ReduceOp<"mean", "Mean">;
def Gen_LogSumExpOp : Gen_ReduceOp<"logsumexp", "log(sum(exp(x))), computed stably,",
                                   [RereadsOperands]>;

//===----------------------------------------------------------------------===//
// Layers
//===----------------------------------------------------------------------===//

def Gen_MatmulOp : Gen_InferredOp<"matmul", [RereadsOperands]> {
  let summary = "Matrix product of two 2-D tensors, either optionally transposed";
  let description = [{
    ```mlir
    %y = gen.matmul %x, %w : tensor<128x784xf32>, tensor<784x400xf32> -> tensor<128x400xf32>
    %g = gen.matmul %d, %w {transpose_rhs} : tensor<128x400xf32>, tensor<784x400xf32> -> tensor<128x784xf32>
    ```
  }];
  let arguments = (ins Gen_F32Tensor:$lhs, Gen_F32Tensor:$rhs,
                       UnitAttr:$transpose_lhs, UnitAttr:$transpose_rhs);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)";
}

def Gen_Conv2DFilterGradOp : Gen_Op<"conv2d_filter_grad", [NoSideEffect]> {
  let summary = "The gradient of conv2d with respect to its filter";
  let description = [{
    Correlates the conv2d input with the gradient of its output:
    `result[o, c, i, j] = sum_{n,y,x} input[n, c, y*s - p + i, x*s - p + j] * output_grad[n, o, y, x]`.
    Autodiff emits it for conv2d (and, with the roles swapped, for
    conv_transpose2d); the kernel size is the result type's.

    ```mlir
    %dw = gen.conv2d_filter_grad %x, %dy {padding = [1, 1], strides = [2, 2]} : tensor<64x1x28x28xf32>, tensor<64x64x14x14xf32> -> tensor<64x1x4x4xf32>
    ```
  }];
  let arguments = (ins Gen_F32Tensor:$input, Gen_F32Tensor:$output_grad,
                       I64ArrayAttr:$strides, I64ArrayAttr:$padding);
  let results = (outs Gen_F32Tensor:$result);
  let assemblyFormat = "$input `,` $output_grad attr-dict `:` type($input) `,` type($output_grad) `->` type($result)";
  let verifier = [{ return ::verifyConv2DFilterGrad(*this); }];
}

class Gen_ConvOp<string mnemonic> : Gen_InferredOp<mnemonic> {
  let arguments = (ins Gen_F32Tensor:$input, Gen_F32Tensor:$filter,
                       I64ArrayAttr:$strides, I64ArrayAttr:$padding);
  let assemblyFormat = "$input `,` $filter attr-dict `:` type($input) `,` type($filter) `->` type($result)";
}

def Gen_Conv2DOp : Gen_ConvOp<"conv2d"> {
  let summary = "2-D convolution (cross-correlation), NCHW input, OIHW filter";
  let description = [{
    Output size per spatial dim: (in + 2 * pad - kernel) / stride + 1.

    ```mlir
    %y = gen.conv2d %x, %w {padding = [1, 1], strides = [2, 2]} : tensor<64x1x28x28xf32>, tensor<64x1x4x4xf32> -> tensor<64x64x14x14xf32>
    ```
  }];
}

def Gen_ConvTranspose2DOp : Gen_ConvOp<"conv_transpose2d"> {
  let summary = "2-D transposed convolution, NCHW input, IOHW filter";
  let description = [{
    The adjoint of conv2d with the same filter layout; output size per
    spatial dim: (in - 1) * stride - 2 * pad + kernel.

    ```mlir
    %y = gen.conv_transpose2d %x, %w {padding = [1, 1], strides = [2, 2]} : tensor<64x64x14x14xf32>, tensor<64x1x4x4xf32> -> tensor<64x1x28x28xf32>
    ```
  }];
}

def Gen_BatchNormOp : Gen_InferredOp<"batch_norm", [RereadsOperands]> {
  let summary = "Batch normalization with batch statistics (training mode)";
  let description = [{
    Normalizes each channel (dimension 1) over the batch and any spatial
    dimensions, then scales by `gamma` and shifts by `beta`.

    ```mlir
    %y = gen.batch_norm %x, %g, %b {epsilon = 1.0e-05 : f64} : tensor<64x128x7x7xf32>, tensor<128xf32>, tensor<128xf32> -> tensor<64x128x7x7xf32>
    ```
  }];
  let arguments = (ins Gen_F32Tensor:$input, Gen_F32Tensor:$gamma, Gen_F32Tensor:$beta,
                       F64Attr:$epsilon);
  let assemblyFormat = "$input `,` $gamma `,` $beta attr-dict `:` type($input) `,` type($gamma) `,` type($beta) `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Losses: each reduces all dimensions but the leading (batch) one.
//===----------------------------------------------------------------------===//

class Gen_LossOp<string mnemonic, string what, list<Trait> traits = []>
    : Gen_InferredOp<mnemonic, traits> {
  let summary = what # ", one value per example";
  let description = [{
    The target broadcasts to the prediction's shape; the result keeps only
    the leading (batch) dimension.

    ```mlir
    %l = gen.}] # mnemonic # [{ %p, %t : tensor<128x784xf32>, tensor<128x784xf32> -> tensor<128xf32>
    ```
  }];
  let arguments = (ins Gen_F32Tensor:$prediction, Gen_F32Tensor:$target);
  let assemblyFormat = "$prediction `,` $target attr-dict `:` type($prediction) `,` type($target) `->` type($result)";
}

def Gen_BCEOp : Gen_LossOp<"bce", "Binary cross-entropy of probabilities, summed"> {
  // bce(sigmoid(z), t) becomes bce_logits(z, t): stable, and no log(0).
  let hasCanonicalizer = 1;
}
def Gen_BCEWithLogitsOp : Gen_LossOp<"bce_logits", "Binary cross-entropy of logits (stable), summed">;
def Gen_MSEOp : Gen_LossOp<"mse", "Mean squared error">;
def Gen_SoftmaxCrossEntropyOp : Gen_LossOp<"softmax_cross_entropy",
    "Cross-entropy of softmax(logits) against a class distribution (one-hot)",
    [RereadsOperands]>;

#endif // GENC_DIALECT_GEN_GENOPS_TD
