// RUN: genc-opt %s --split-input-file --pass-pipeline='gen.model(gen-lower-optimizer)' | FileCheck %s

// The gen-lower-optimizer pass (compiler/lib/Dialect/Gen/Transforms/LowerOptimizer.cpp)
// on IR that gen-autodiff has already differentiated: every gen.gradient is
// replaced by the update of the optimizer that gen.train names, written with
// gen ops. The optimizer state lives in zero-initialized gen.state
// declarations placed before gen.train, read with gen.get_state and written
// with gen.set_state; the new parameter value is written with gen.set_param.
//
// The pass creates its ops in a fixed, sequenced order (never as arguments of
// other calls, whose evaluation order C++ leaves unspecified), so the output
// does not depend on the compiler that built genc-opt and is checked in place
// with CHECK-NEXT.

// sgd: p -= lr g.
// CHECK-LABEL: gen.model @sgd attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<3xf32>
// CHECK-NEXT: %[[G:.*]] = gen.exp %[[W]] : tensor<3xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[G]] {axes = [0]} : tensor<3xf32> -> tensor<f32>
// CHECK-NEXT: %[[P:.*]] = gen.get_param @f::@w : tensor<3xf32>
// CHECK-NEXT: %[[LR:.*]] = gen.constant dense<1.000000e-01> : tensor<f32>
// CHECK-NEXT: %[[STEP:.*]] = gen.mul %[[LR]], %[[G]] : tensor<f32>, tensor<3xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[NEW:.*]] = gen.sub %[[P]], %[[STEP]] : tensor<3xf32>, tensor<3xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.set_param @f::@w, %[[NEW]] : tensor<3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// CHECK-NEXT: }
// sgd keeps no state.
// CHECK-NOT: gen.state
// CHECK-NEXT: gen.train [@s] repeats [1] optimizer "sgd"
gen.model @sgd attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<3xf32>
    %e = gen.exp %w : tensor<3xf32>
    %l = gen.sum %e {axes = [0]} : tensor<3xf32> -> tensor<f32>
    gen.gradient @f::@w, %e : tensor<3xf32>
    gen.minimize %l : tensor<f32>
  }
  gen.train [@s] repeats [1] optimizer "sgd" {lr = 1.000000e-01 : f64}
}

// -----

// momentum (PyTorch's form): v = beta v + g; p -= lr v. One velocity per
// parameter, a scalar parameter included.
// CHECK-LABEL: gen.model @momentum attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<3xf32>
// CHECK-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<f32>
// CHECK-NEXT: %[[GW:.*]] = gen.exp %[[W]] : tensor<3xf32>
// CHECK-NEXT: %[[S:.*]] = gen.sum %[[GW]] {axes = [0]} : tensor<3xf32> -> tensor<f32>
// CHECK-NEXT: %[[L:.*]] = gen.add %[[S]], %[[B]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[GB:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[BETA:.*]] = gen.constant dense<0.899999976> : tensor<f32>
// CHECK-NEXT: %[[V:.*]] = gen.get_state @momentum.v.f.w : tensor<3xf32>
// CHECK-NEXT: %[[BV:.*]] = gen.mul %[[BETA]], %[[V]] : tensor<f32>, tensor<3xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[V1:.*]] = gen.add %[[BV]], %[[GW]] : tensor<3xf32>, tensor<3xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.set_state @momentum.v.f.w, %[[V1]] : tensor<3xf32>
// CHECK-NEXT: %[[P:.*]] = gen.get_param @f::@w : tensor<3xf32>
// CHECK-NEXT: %[[LR:.*]] = gen.constant dense<0.00999999977> : tensor<f32>
// CHECK-NEXT: %[[STEP:.*]] = gen.mul %[[LR]], %[[V1]] : tensor<f32>, tensor<3xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[NEW:.*]] = gen.sub %[[P]], %[[STEP]] : tensor<3xf32>, tensor<3xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.set_param @f::@w, %[[NEW]] : tensor<3xf32>
// CHECK-NEXT: %[[BETA_B:.*]] = gen.constant dense<0.899999976> : tensor<f32>
// CHECK-NEXT: %[[VB:.*]] = gen.get_state @momentum.v.f.b : tensor<f32>
// CHECK-NEXT: %[[BVB:.*]] = gen.mul %[[BETA_B]], %[[VB]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[VB1:.*]] = gen.add %[[BVB]], %[[GB]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: gen.set_state @momentum.v.f.b, %[[VB1]] : tensor<f32>
// CHECK-NEXT: %[[PB:.*]] = gen.get_param @f::@b : tensor<f32>
// CHECK-NEXT: %[[LR_B:.*]] = gen.constant dense<0.00999999977> : tensor<f32>
// CHECK-NEXT: %[[STEP_B:.*]] = gen.mul %[[LR_B]], %[[VB1]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[NEW_B:.*]] = gen.sub %[[PB]], %[[STEP_B]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: gen.set_param @f::@b, %[[NEW_B]] : tensor<f32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: gen.state @momentum.v.f.w : tensor<3xf32>
// CHECK-NEXT: gen.state @momentum.v.f.b : tensor<f32>
// CHECK-NEXT: gen.train [@s] repeats [1] optimizer "momentum"
// CHECK-NOT: gen.gradient
gen.model @momentum attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<3xf32> {init = "ones"}
    gen.param @b : tensor<f32> {init = "zeros"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<3xf32>
    %b = gen.get_param @f::@b : tensor<f32>
    %e = gen.exp %w : tensor<3xf32>
    %l = gen.sum %e {axes = [0]} : tensor<3xf32> -> tensor<f32>
    %y = gen.add %l, %b : tensor<f32>, tensor<f32> -> tensor<f32>
    %one = gen.constant dense<1.000000e+00> : tensor<f32>
    gen.gradient @f::@w, %e : tensor<3xf32>
    gen.gradient @f::@b, %one : tensor<f32>
    gen.minimize %y : tensor<f32>
  }
  gen.train [@s] repeats [1] optimizer "momentum" {beta = 9.000000e-01 : f64, lr = 1.000000e-02 : f64}
}

// -----

// adam with bias correction, for a GAN-like schedule of two steps:
//   t += 1; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
//   p -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps),
// computed as p -= (lr / c1) m / (sqrt(v) (1 / sqrt(c2)) + eps): the bias
// corrections c1 = 1 - b1^t and c2 = 1 - b2^t become two scalars per step,
// so each element takes one square root and one division.
// Each step counts its own updates in its own counter @<step>.adam.t.
// CHECK-LABEL: gen.model @adam attributes
// CHECK: gen.step @d_step updates [@d] {
// CHECK-NEXT: %[[V:.*]] = gen.get_param @d::@v : tensor<2x2xf32>
// CHECK-NEXT: %[[G:.*]] = gen.exp %[[V]] : tensor<2x2xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[G]] {axes = [0, 1]} : tensor<2x2xf32> -> tensor<f32>
// The step counter (its constant 1 is reused by the bias corrections):
// CHECK-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[T:.*]] = gen.get_state @d_step.adam.t : tensor<f32>
// CHECK-NEXT: %[[T1:.*]] = gen.add %[[T]], %[[ONE]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: gen.set_state @d_step.adam.t, %[[T1]] : tensor<f32>
// The bias corrections c1 = 1 - b1^t and c2 = 1 - b2^t:
// CHECK-NEXT: %[[B1:.*]] = gen.constant dense<7.500000e-01> : tensor<f32>
// CHECK-NEXT: %[[B2:.*]] = gen.constant dense<9.990000e-01> : tensor<f32>
// CHECK-NEXT: %[[B1T:.*]] = gen.pow %[[B1]], %[[T1]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[C1:.*]] = gen.sub %[[ONE]], %[[B1T]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[B2T:.*]] = gen.pow %[[B2]], %[[T1]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[C2:.*]] = gen.sub %[[ONE]], %[[B2T]] : tensor<f32>, tensor<f32> -> tensor<f32>
// The step size lr / c1 and the scale 1 / sqrt(c2) of sqrt(v):
// CHECK-NEXT: %[[LR:.*]] = gen.constant dense<2.000000e-04> : tensor<f32>
// CHECK-NEXT: %[[SIZE:.*]] = gen.div %[[LR]], %[[C1]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[RC2:.*]] = gen.sqrt %[[C2]] : tensor<f32>
// CHECK-NEXT: %[[K:.*]] = gen.div %[[ONE]], %[[RC2]] : tensor<f32>, tensor<f32> -> tensor<f32>
// The first moment:
// CHECK-NEXT: %[[M:.*]] = gen.get_state @adam.m.d.v : tensor<2x2xf32>
// CHECK-NEXT: %[[B1_M:.*]] = gen.constant dense<7.500000e-01> : tensor<f32>
// CHECK-NEXT: %[[B1M:.*]] = gen.mul %[[B1_M]], %[[M]] : tensor<f32>, tensor<2x2xf32> -> tensor<2x2xf32>
// CHECK-NEXT: %[[OMB1:.*]] = gen.constant dense<2.500000e-01> : tensor<f32>
// CHECK-NEXT: %[[OMB1G:.*]] = gen.mul %[[OMB1]], %[[G]] : tensor<f32>, tensor<2x2xf32> -> tensor<2x2xf32>
// CHECK-NEXT: %[[M1:.*]] = gen.add %[[B1M]], %[[OMB1G]] : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
// CHECK-NEXT: gen.set_state @adam.m.d.v, %[[M1]] : tensor<2x2xf32>
// The second moment:
// CHECK-NEXT: %[[VV:.*]] = gen.get_state @adam.v.d.v : tensor<2x2xf32>
// CHECK-NEXT: %[[G2:.*]] = gen.mul %[[G]], %[[G]] : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
// CHECK-NEXT: %[[B2_V:.*]] = gen.constant dense<9.990000e-01> : tensor<f32>
// CHECK-NEXT: %[[B2V:.*]] = gen.mul %[[B2_V]], %[[VV]] : tensor<f32>, tensor<2x2xf32> -> tensor<2x2xf32>
// CHECK-NEXT: %[[OMB2:.*]] = gen.constant dense<1.000000e-03> : tensor<f32>
// CHECK-NEXT: %[[OMB2G2:.*]] = gen.mul %[[OMB2]], %[[G2]] : tensor<f32>, tensor<2x2xf32> -> tensor<2x2xf32>
// CHECK-NEXT: %[[VV1:.*]] = gen.add %[[B2V]], %[[OMB2G2]] : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
// CHECK-NEXT: gen.set_state @adam.v.d.v, %[[VV1]] : tensor<2x2xf32>
// The update:
// CHECK-NEXT: %[[SQRT:.*]] = gen.sqrt %[[VV1]] : tensor<2x2xf32>
// CHECK-NEXT: %[[ROOT:.*]] = gen.mul %[[SQRT]], %[[K]] : tensor<2x2xf32>, tensor<f32> -> tensor<2x2xf32>
// CHECK-NEXT: %[[EPS:.*]] = gen.constant dense<9.99999993E-9> : tensor<f32>
// CHECK-NEXT: %[[DENOM:.*]] = gen.add %[[ROOT]], %[[EPS]] : tensor<2x2xf32>, tensor<f32> -> tensor<2x2xf32>
// CHECK-NEXT: %[[DIR:.*]] = gen.div %[[M1]], %[[DENOM]] : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
// CHECK-NEXT: %[[P:.*]] = gen.get_param @d::@v : tensor<2x2xf32>
// CHECK-NEXT: %[[STEP:.*]] = gen.mul %[[SIZE]], %[[DIR]] : tensor<f32>, tensor<2x2xf32> -> tensor<2x2xf32>
// CHECK-NEXT: %[[NEW:.*]] = gen.sub %[[P]], %[[STEP]] : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
// CHECK-NEXT: gen.set_param @d::@v, %[[NEW]] : tensor<2x2xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// CHECK-NEXT: }
// The generator step has the same update with its own counter and moments.
// CHECK-NEXT: gen.step @g_step updates [@g] {
// CHECK-NOT: gen.gradient
// CHECK: %[[GT:.*]] = gen.get_state @g_step.adam.t : tensor<f32>
// CHECK-NOT: gen.gradient
// CHECK: gen.set_state @g_step.adam.t
// CHECK-NOT: gen.gradient
// CHECK: gen.get_state @adam.m.g.w : tensor<3xf32>
// CHECK-NOT: gen.gradient
// CHECK: gen.set_state @adam.m.g.w
// CHECK-NOT: gen.gradient
// CHECK: gen.get_state @adam.v.g.w : tensor<3xf32>
// CHECK-NOT: gen.gradient
// CHECK: gen.set_state @adam.v.g.w
// CHECK-NOT: gen.gradient
// CHECK: gen.set_param @g::@w, %{{.*}} : tensor<3xf32>
// CHECK-NEXT: gen.minimize
// CHECK-NEXT: }
// The state, declared in the order of first use:
// CHECK-NEXT: gen.state @d_step.adam.t : tensor<f32>
// CHECK-NEXT: gen.state @adam.m.d.v : tensor<2x2xf32>
// CHECK-NEXT: gen.state @adam.v.d.v : tensor<2x2xf32>
// CHECK-NEXT: gen.state @g_step.adam.t : tensor<f32>
// CHECK-NEXT: gen.state @adam.m.g.w : tensor<3xf32>
// CHECK-NEXT: gen.state @adam.v.g.w : tensor<3xf32>
// CHECK-NEXT: gen.train [@d_step, @g_step] repeats [1, 2] optimizer "adam"
gen.model @adam attributes {batch_size = 2 : i64} {
  gen.net @g(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.net @d(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @v : tensor<2x2xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @d_step updates [@d] {
    %v = gen.get_param @d::@v : tensor<2x2xf32>
    %e = gen.exp %v : tensor<2x2xf32>
    %l = gen.sum %e {axes = [0, 1]} : tensor<2x2xf32> -> tensor<f32>
    gen.gradient @d::@v, %e : tensor<2x2xf32>
    gen.minimize %l : tensor<f32>
  }
  gen.step @g_step updates [@g] {
    %w = gen.get_param @g::@w : tensor<3xf32>
    %e = gen.exp %w : tensor<3xf32>
    %l = gen.sum %e {axes = [0]} : tensor<3xf32> -> tensor<f32>
    gen.gradient @g::@w, %e : tensor<3xf32>
    gen.minimize %l : tensor<f32>
  }
  gen.train [@d_step, @g_step] repeats [1, 2] optimizer "adam" {beta1 = 7.500000e-01 : f64, beta2 = 9.990000e-01 : f64, eps = 1.000000e-08 : f64, lr = 2.000000e-04 : f64}
}

// -----

// Two steps updating the same parameter: each has its own counter, the
// moments of the parameter are declared once and shared.
// CHECK-LABEL: gen.model @adam_shared attributes
// CHECK: gen.step @a updates [@f] {
// CHECK: gen.get_state @a.adam.t
// CHECK: gen.get_state @adam.m.f.w
// CHECK: gen.get_state @adam.v.f.w
// CHECK: gen.set_param @f::@w
// CHECK: gen.step @b updates [@f] {
// CHECK: gen.get_state @b.adam.t
// CHECK: gen.get_state @adam.m.f.w
// CHECK: gen.get_state @adam.v.f.w
// CHECK: gen.set_param @f::@w
// CHECK: gen.minimize
// CHECK-NEXT: }
// CHECK-NEXT: gen.state @a.adam.t : tensor<f32>
// CHECK-NEXT: gen.state @adam.m.f.w : tensor<f32>
// CHECK-NEXT: gen.state @adam.v.f.w : tensor<f32>
// CHECK-NEXT: gen.state @b.adam.t : tensor<f32>
// CHECK-NEXT: gen.train
gen.model @adam_shared attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<f32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @a updates [@f] {
    %w = gen.get_param @f::@w : tensor<f32>
    %e = gen.exp %w : tensor<f32>
    gen.gradient @f::@w, %e : tensor<f32>
    gen.minimize %e : tensor<f32>
  }
  gen.step @b updates [@f] {
    %w = gen.get_param @f::@w : tensor<f32>
    %n = gen.neg %w : tensor<f32>
    %c = gen.constant dense<-1.000000e+00> : tensor<f32>
    gen.gradient @f::@w, %c : tensor<f32>
    gen.minimize %n : tensor<f32>
  }
  gen.train [@a, @b] repeats [1, 1] optimizer "adam" {beta1 = 9.000000e-01 : f64, beta2 = 9.990000e-01 : f64, eps = 1.000000e-08 : f64, lr = 1.000000e-03 : f64}
}

// -----

// A step without gradients (not differentiated) is left as it is.
// CHECK-LABEL: gen.model @no_gradients attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// CHECK-NEXT: gen.minimize %[[W]] : tensor<f32>
// CHECK-NEXT: }
// CHECK-NEXT: gen.train
gen.model @no_gradients attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<f32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<f32>
    gen.minimize %w : tensor<f32>
  }
  gen.train [@s] repeats [1] optimizer "adam" {beta1 = 9.000000e-01 : f64, beta2 = 9.990000e-01 : f64, eps = 1.000000e-08 : f64, lr = 1.000000e-03 : f64}
}

// -----

// adam with decay: the rate lr / (1 + decay t) is computed once per step
// from the step's counter and, over c1, scales every parameter's update.
// CHECK-LABEL: gen.model @adam_decay attributes
// CHECK: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK: %[[T1:.*]] = gen.add %{{.*}}, %[[ONE]]
// CHECK: gen.set_state @s.adam.t, %[[T1]] : tensor<f32>
// CHECK: %[[C1:.*]] = gen.sub %[[ONE]], %{{.*}} : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK: %[[LR:.*]] = gen.constant dense<1.000000e-01> : tensor<f32>
// CHECK-NEXT: %[[DECAY:.*]] = gen.constant dense<5.000000e-01> : tensor<f32>
// CHECK-NEXT: %[[DT:.*]] = gen.mul %[[DECAY]], %[[T1]]
// CHECK-NEXT: %[[DIV:.*]] = gen.add %[[ONE]], %[[DT]]
// CHECK-NEXT: %[[RATE:.*]] = gen.div %[[LR]], %[[DIV]]
// CHECK-NEXT: %[[SIZE:.*]] = gen.div %[[RATE]], %[[C1]]
// CHECK: gen.mul %[[SIZE]], %{{.*}} : tensor<f32>, tensor<2xf32> -> tensor<2xf32>
// CHECK: gen.set_param @n::@w
gen.model @adam_decay attributes {batch_size = 2 : i64} {
  gen.net @n(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<2xf32> {init = "zeros"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@n] {
    %w = gen.get_param @n::@w : tensor<2xf32>
    %e = gen.exp %w : tensor<2xf32>
    %l = gen.sum %e {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.gradient @n::@w, %e : tensor<2xf32>
    gen.minimize %l : tensor<f32>
  }
  gen.train [@s] repeats [1] optimizer "adam" {decay = 5.000000e-01 : f64, lr = 1.000000e-01 : f64}
}
