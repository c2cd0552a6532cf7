// RUN: genc-opt %s --split-input-file --pass-pipeline='gen.model(gen-extract-updates)' | FileCheck %s
// RUN: genc-opt %s --split-input-file --pass-pipeline='gen.model(gen-extract-updates,gen-lower-optimizer)' | FileCheck %s --check-prefix=ADAM

// The gen-extract-updates pass (compiler/lib/Dialect/Gen/Transforms/ExtractUpdates.cpp)
// on differentiated steps: the forward and backward go, each gradient is read
// back with gen.get_gradient (in the order the step computed them), and the
// objective is a constant zero. The optimizer lowering then gives the update
// half of data-parallel training, on the same state as the fused step's.

gen.model @two attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  gen.net @f(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
    gen.param @w : tensor<3xf32> {init = "zeros"}
    gen.param @b : tensor<f32> {init = "zeros"}
    gen.return %arg0 : tensor<2x3xf32>
  }
  gen.step @fit updates [@f] {
    %x = gen.get_input @x : tensor<2x3xf32>
    %w = gen.get_param @f::@w : tensor<3xf32>
    %b = gen.get_param @f::@b : tensor<f32>
    %e = gen.exp %w : tensor<3xf32>
    %l = gen.sum %e {axes = [0]} : tensor<3xf32> -> tensor<f32>
    %o = gen.add %l, %b : tensor<f32>, tensor<f32> -> tensor<f32>
    gen.gradient @f::@w, %e : tensor<3xf32>
    gen.gradient @f::@b, %b : tensor<f32>
    gen.minimize %o : tensor<f32>
  }
  gen.train [@fit] repeats [1] optimizer "adam" {lr = 1.0e-3 : f64}
}

// CHECK-LABEL: gen.step @fit updates [@f] {
// CHECK-NEXT: %[[GW:.*]] = gen.get_gradient @f::@w : tensor<3xf32>
// CHECK-NEXT: gen.gradient @f::@w, %[[GW]] : tensor<3xf32>
// CHECK-NEXT: %[[GB:.*]] = gen.get_gradient @f::@b : tensor<f32>
// CHECK-NEXT: gen.gradient @f::@b, %[[GB]] : tensor<f32>
// CHECK-NEXT: %[[ZERO:.*]] = gen.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: gen.minimize %[[ZERO]] : tensor<f32>
// CHECK-NEXT: }

// Adam's counter and moments have the fused step's names: a checkpoint of
// either kind of run resumes the other.
// ADAM-LABEL: gen.step @fit updates [@f] {
// ADAM-NOT: gen.get_input
// ADAM: gen.get_gradient @f::@w
// ADAM: gen.set_state @adam.m.f.w
// ADAM: gen.set_param @f::@w
// ADAM: gen.get_gradient @f::@b
// ADAM: gen.set_param @f::@b
// ADAM: gen.minimize
// ADAM: gen.state @fit.adam.t : tensor<f32>
// ADAM: gen.state @adam.m.f.w : tensor<3xf32>
// ADAM: gen.state @adam.v.f.w : tensor<3xf32>

// -----

// A step without gradients (nothing it updates is differentiated) keeps no work.
gen.model @none attributes {batch_size = 2 : i64} {
  gen.net @f(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
    gen.param @w : tensor<3xf32> {init = "zeros"}
    gen.return %arg0 : tensor<2x3xf32>
  }
  gen.step @s updates [@f] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  gen.train [@s] repeats [1] optimizer "sgd" {lr = 1.0e-3 : f64}
}

// CHECK-LABEL: gen.model @none
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[ZERO:.*]] = gen.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT: gen.minimize %[[ZERO]] : tensor<f32>
// CHECK-NEXT: }
