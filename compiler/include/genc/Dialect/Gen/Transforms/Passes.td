//===- Passes.td - gen dialect passes ------------------------*- tablegen -*-===//
#ifndef GENC_DIALECT_GEN_PASSES_TD
#define GENC_DIALECT_GEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def GenInlineNets : Pass<"gen-inline-nets", "::genc::gen::ModelOp"> {
  let summary = "Inline every net call inside the steps of a model";
  let description = [{
    Replaces each `gen.call` in a `gen.step` (transitively, through nets that
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

#endif // GENC_DIALECT_GEN_PASSES_TD
