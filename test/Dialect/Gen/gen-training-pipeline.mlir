// RUN: genc-opt %s --gen-training-pipeline | FileCheck %s
// RUN: genc-opt %s --gen-training-pipeline='lower-optimizer=false' | FileCheck %s --check-prefix=GRAD
// RUN: genc-opt %s --gen-training-pipeline='differentiate=false' | FileCheck %s --check-prefix=INLINED
// RUN: genc-opt %s --gen-training-pipeline='updates-only=true' | FileCheck %s --check-prefix=UPDATE

// The pipeline genc runs before the Halide lowering (TrainingPipeline.cpp):
// nets inlined into the steps, gradients by autodiff, then the optimizer's
// update. Its options stop it where `genc --emit=mlir-inlined` and
// `--emit=mlir-grad` do; updates-only gives data-parallel training's update
// half (gen-extract-updates before the optimizer).

gen.model @linear attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32> {source = "toy1d:normal(0, 1)"}
  gen.net @f(%arg0: tensor<2x3xf32> {gen.name = "x"}) -> tensor<2xf32> {
    gen.param @w : tensor<3xf32> {init = "zeros", init_args = []}
    %0 = gen.get_param @f::@w : tensor<3xf32>
    %1 = gen.mul %0, %arg0 : tensor<3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
    %2 = gen.sum %1 {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
    gen.return %2 : tensor<2xf32>
  }
  gen.step @fit updates [@f] {
    %0 = gen.get_input @x : tensor<2x3xf32>
    %1 = gen.call @f(%0) : (tensor<2x3xf32>) -> tensor<2xf32>
    %2 = gen.mean %1 {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %2 : tensor<f32>
  }
  gen.train [@fit] repeats [1] optimizer "sgd" {lr = 1.000000e-01 : f64}
}

// CHECK-LABEL: gen.step @fit updates [@f] {
// CHECK-NOT: gen.call
// CHECK-NOT: gen.gradient
// CHECK: gen.set_param @f::@w
// CHECK: gen.minimize
// CHECK-NEXT: }

// GRAD-LABEL: gen.step @fit updates [@f] {
// GRAD-NOT: gen.call
// GRAD: gen.gradient
// GRAD-NOT: gen.set_param
// GRAD: gen.minimize
// GRAD-NEXT: }

// INLINED-LABEL: gen.step @fit updates [@f] {
// INLINED-NOT: gen.call
// INLINED-NOT: gen.gradient
// INLINED-NOT: gen.set_param
// INLINED: gen.minimize
// INLINED-NEXT: }

// UPDATE-LABEL: gen.step @fit updates [@f] {
// UPDATE: %[[G:.*]] = gen.get_gradient @f::@w : tensor<3xf32>
// UPDATE: %[[W:.*]] = gen.get_param @f::@w : tensor<3xf32>
// UPDATE: gen.mul %{{.*}}, %[[G]]
// UPDATE: gen.set_param @f::@w
// UPDATE-NOT: gen.get_input
// UPDATE: gen.minimize
// UPDATE-NEXT: }
