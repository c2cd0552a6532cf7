//===- Passes.td - gen dialect passes ------------------------*- tablegen -*-===//
#ifndef GENC_DIALECT_GEN_PASSES_TD
#define GENC_DIALECT_GEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def GenInlineNets : Pass<"gen-inline-nets", "::genc::gen::ModelOp"> {
  let summary = "Inline every net call inside the steps of a model";
  let description = [{
    Replaces each `gen.call` in a `gen.step` or a declaration (`gen.generate`, ...; transitively, through nets that
    call nets) by the callee's body. Parameter reads already name their
    owning net (`@net::@param`), so the inlined code still tells which net
    each parameter belongs to; this is what autodiff needs to freeze nets a
    step does not update. Nets themselves are left intact as inference entry
    points.

    Before:
    ```mlir
    gen.step @s updates [@d] {
      %y = gen.call @d(%x) : (tensor<8x2xf32>) -> tensor<8x1xf32>
      ...
    }
    ```
    After: the ops of `@d`'s body in place of the call.
  }];
  let constructor = "::genc::gen::createInlineNetsPass()";
}

def GenAutodiff : Pass<"gen-autodiff", "::genc::gen::ModelOp"> {
  let summary = "Reverse-mode differentiation of every training step";
  let description = [{
    For each `gen.step` (net calls must already be inlined), computes the
    gradient of its objective with respect to the parameters of the nets the
    step `updates`, and emits one `gen.gradient` per such parameter the
    objective depends on. Nets the step uses but does not update are
    differentiated through (their inputs' adjoints are built) but get no
    parameter gradient; values that do not depend on an updated parameter
    get no backward work at all. Random draws are constants for the
    gradient. An op on the path without a gradient rule is an error that
    points at its source location.

    ```mlir
    gen.step @s updates [@d] {
      %w = gen.get_param @d::@w : tensor<4x1xf32>
      ...
      gen.gradient @d::@w, %dw : tensor<4x1xf32>
      gen.minimize %loss : tensor<f32>
    }
    ```
  }];
  let constructor = "::genc::gen::createAutodiffPass()";
}

def GenLowerOptimizer : Pass<"gen-lower-optimizer", "::genc::gen::ModelOp"> {
  let summary = "Turn gradients into parameter updates of the model's optimizer";
  let description = [{
    Replaces each `gen.gradient` with the update of the optimizer named by
    `gen.train` (sgd, momentum or adam with bias correction), written as gen
    ops: `gen.get_state`/`gen.set_state` of the optimizer's moments (declared
    as `gen.state`, zero-initialized) and `gen.set_param` of the new value.
    Adam keeps one step counter per training step.

    ```mlir
    // sgd(lr = 0.1):
    %lr = gen.constant dense<1.000000e-01> : tensor<f32>
    %s = gen.mul %lr, %g : tensor<f32>, tensor<4x1xf32> -> tensor<4x1xf32>
    %w1 = gen.sub %w, %s : tensor<4x1xf32>, tensor<4x1xf32> -> tensor<4x1xf32>
    gen.set_param @d::@w, %w1 : tensor<4x1xf32>
    ```
  }];
  let constructor = "::genc::gen::createLowerOptimizerPass()";
}

def GenExtractUpdates : Pass<"gen-extract-updates", "::genc::gen::ModelOp"> {
  let summary = "Reduce each differentiated step to its update, reading gradients given to it";
  let description = [{
    A CPU step runs in two pipelines: the step with its `gen.gradient`s as
    results (no update), then the update (data-parallel training: the
    first on each process's share of the batch, the second once the
    gradients are summed over the processes). This pass (after autodiff,
    before `gen-lower-optimizer`) makes the second: each step's body
    becomes one `gen.get_gradient` and `gen.gradient` per gradient the
    step had, and a zero objective. The optimizer lowering then turns
    them into the same updates, on the same optimizer state, as the fused
    step's.

    Before:
    ```mlir
    gen.step @s updates [@d] {
      ... forward and backward ...
      gen.gradient @d::@w, %dw : tensor<4x1xf32>
      gen.minimize %loss : tensor<f32>
    }
    ```
    After:
    ```mlir
    gen.step @s updates [@d] {
      %g = gen.get_gradient @d::@w : tensor<4x1xf32>
      gen.gradient @d::@w, %g : tensor<4x1xf32>
      %zero = gen.constant dense<0.000000e+00> : tensor<f32>
      gen.minimize %zero : tensor<f32>
    }
    ```
  }];
  let constructor = "::genc::gen::createExtractUpdatesPass()";
}

#endif // GENC_DIALECT_GEN_PASSES_TD
