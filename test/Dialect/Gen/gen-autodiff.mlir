// RUN: genc-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='gen.model(gen-autodiff)' | FileCheck %s
// RUN: genc-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='gen.model(gen-autodiff,canonicalize,cse)' | FileCheck %s --check-prefix=OPT

// The gen-autodiff pass at two depths (test/Dialect/Gen/gen-autodiff.mlir):
// CHECK is the raw output, which shows the ops each gradient rule of
// compiler/lib/Dialect/Gen/IR/GradientRules.cpp emits; OPT is the same after
// canonicalize and cse, which fold the seed and the broadcasts of splats.
//
// Each rule case is one model whose net @f owns the parameters and whose step
// (net calls already inlined) reads them with gen.get_param, applies the op
// under test and reduces to the objective. The reverse sweep starts from the
// seed 1.0 of the objective; a sum objective turns it into a splat of ones
// (SEED_R, then a broadcast), a mean over the batch into 1/N. Captures name
// the adjoint of a value x as DX; G is a per-example adjoint expanded to a
// loss's prediction. The numbers behind these rules are checked against
// finite differences in test/Autodiff/.
//
// The rules create their ops in a fixed, sequenced order (never as arguments
// of other calls, whose evaluation order C++ leaves unspecified), so the
// output does not depend on the compiler that built genc-opt and every op is
// checked in place with CHECK-NEXT.
//
// After the rules: freezing, unused nets, repeated reads, random draws, ops
// without a rule off the differentiated path, and idempotence.

//===----------------------------------------------------------------------===//
// Elementwise unary ops (a scalar parameter, the op's result is the objective)
//===----------------------------------------------------------------------===//

// d(-w) = -1.
// CHECK-LABEL: gen.model @neg attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// CHECK-NEXT: %[[Y:.*]] = gen.neg %[[W]] : tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[FACTOR:.*]] = gen.constant dense<-1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[DW:.*]] = gen.mul %[[SEED]], %[[FACTOR]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// CHECK-NEXT: gen.minimize %[[Y]] : tensor<f32>
// OPT-LABEL: gen.model @neg attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[DW:.*]] = gen.constant dense<-1.000000e+00> : tensor<f32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// OPT-NEXT: %[[Y:.*]] = gen.neg %[[W]] : tensor<f32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// OPT-NEXT: gen.minimize %[[Y]] : tensor<f32>
gen.model @neg attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<f32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<f32>
    %y = gen.neg %w : tensor<f32>
    gen.minimize %y : tensor<f32>
  }
}

// -----

// d exp(w) = exp(w): the forward result is reused, not recomputed.
// CHECK-LABEL: gen.model @exp attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// CHECK-NEXT: %[[Y:.*]] = gen.exp %[[W]] : tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[DW:.*]] = gen.mul %[[SEED]], %[[Y]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// CHECK-NEXT: gen.minimize %[[Y]] : tensor<f32>
// OPT-LABEL: gen.model @exp attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// OPT-NEXT: %[[Y:.*]] = gen.exp %[[W]] : tensor<f32>
// OPT-NEXT: gen.gradient @f::@w, %[[Y]] : tensor<f32>
// OPT-NEXT: gen.minimize %[[Y]] : tensor<f32>
gen.model @exp attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<f32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<f32>
    %y = gen.exp %w : tensor<f32>
    gen.minimize %y : tensor<f32>
  }
}

// -----

// d log(w) = 1 / w.
// CHECK-LABEL: gen.model @log attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// CHECK-NEXT: %[[Y:.*]] = gen.log %[[W]] : tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[FACTOR:.*]] = gen.div %[[ONE]], %[[W]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[DW:.*]] = gen.mul %[[SEED]], %[[FACTOR]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// CHECK-NEXT: gen.minimize %[[Y]] : tensor<f32>
// OPT-LABEL: gen.model @log attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// OPT-NEXT: %[[Y:.*]] = gen.log %[[W]] : tensor<f32>
// OPT-NEXT: %[[DW:.*]] = gen.div %[[ONE]], %[[W]] : tensor<f32>, tensor<f32> -> tensor<f32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// OPT-NEXT: gen.minimize %[[Y]] : tensor<f32>
gen.model @log attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<f32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<f32>
    %y = gen.log %w : tensor<f32>
    gen.minimize %y : tensor<f32>
  }
}

// -----

// d sqrt(w) = 0.5 / sqrt(w), from the forward result.
// CHECK-LABEL: gen.model @sqrt attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// CHECK-NEXT: %[[Y:.*]] = gen.sqrt %[[W]] : tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[HALF:.*]] = gen.constant dense<5.000000e-01> : tensor<f32>
// CHECK-NEXT: %[[FACTOR:.*]] = gen.div %[[HALF]], %[[Y]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[DW:.*]] = gen.mul %[[SEED]], %[[FACTOR]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// CHECK-NEXT: gen.minimize %[[Y]] : tensor<f32>
// OPT-LABEL: gen.model @sqrt attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[HALF:.*]] = gen.constant dense<5.000000e-01> : tensor<f32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// OPT-NEXT: %[[Y:.*]] = gen.sqrt %[[W]] : tensor<f32>
// OPT-NEXT: %[[DW:.*]] = gen.div %[[HALF]], %[[Y]] : tensor<f32>, tensor<f32> -> tensor<f32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// OPT-NEXT: gen.minimize %[[Y]] : tensor<f32>
gen.model @sqrt attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<f32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<f32>
    %y = gen.sqrt %w : tensor<f32>
    gen.minimize %y : tensor<f32>
  }
}

// -----

// d relu(w) = [w > 0] = [relu(w) > 0]: the step reads the result.
// CHECK-LABEL: gen.model @relu attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// CHECK-NEXT: %[[Y:.*]] = gen.relu %[[W]] : tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[FACTOR:.*]] = gen.heaviside %[[Y]] : tensor<f32>
// CHECK-NEXT: %[[DW:.*]] = gen.mul %[[SEED]], %[[FACTOR]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// CHECK-NEXT: gen.minimize %[[Y]] : tensor<f32>
// OPT-LABEL: gen.model @relu attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// OPT-NEXT: %[[Y:.*]] = gen.relu %[[W]] : tensor<f32>
// OPT-NEXT: %[[DW:.*]] = gen.heaviside %[[Y]] : tensor<f32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// OPT-NEXT: gen.minimize %[[Y]] : tensor<f32>
gen.model @relu attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<f32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<f32>
    %y = gen.relu %w : tensor<f32>
    gen.minimize %y : tensor<f32>
  }
}

// -----

// d leaky_relu(w) = alpha + (1 - alpha) [w > 0]; with alpha >= 0 the step
// reads the result.
// CHECK-LABEL: gen.model @leaky_relu attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// CHECK-NEXT: %[[Y:.*]] = gen.leaky_relu %[[W]] {alpha = 2.500000e-01 : f64} : tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[STEP:.*]] = gen.heaviside %[[Y]] : tensor<f32>
// CHECK-NEXT: %[[ONE_MINUS_ALPHA:.*]] = gen.constant dense<7.500000e-01> : tensor<f32>
// CHECK-NEXT: %[[SCALED:.*]] = gen.mul %[[ONE_MINUS_ALPHA]], %[[STEP]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[ALPHA:.*]] = gen.constant dense<2.500000e-01> : tensor<f32>
// CHECK-NEXT: %[[FACTOR:.*]] = gen.add %[[ALPHA]], %[[SCALED]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[DW:.*]] = gen.mul %[[SEED]], %[[FACTOR]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// CHECK-NEXT: gen.minimize %[[Y]] : tensor<f32>
// OPT-LABEL: gen.model @leaky_relu attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[ALPHA:.*]] = gen.constant dense<2.500000e-01> : tensor<f32>
// OPT-NEXT: %[[ONE_MINUS_ALPHA:.*]] = gen.constant dense<7.500000e-01> : tensor<f32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// OPT-NEXT: %[[Y:.*]] = gen.leaky_relu %[[W]] {alpha = 2.500000e-01 : f64} : tensor<f32>
// OPT-NEXT: %[[STEP:.*]] = gen.heaviside %[[Y]] : tensor<f32>
// OPT-NEXT: %[[SCALED:.*]] = gen.mul %[[ONE_MINUS_ALPHA]], %[[STEP]] : tensor<f32>, tensor<f32> -> tensor<f32>
// OPT-NEXT: %[[DW:.*]] = gen.add %[[ALPHA]], %[[SCALED]] : tensor<f32>, tensor<f32> -> tensor<f32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// OPT-NEXT: gen.minimize %[[Y]] : tensor<f32>
gen.model @leaky_relu attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<f32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<f32>
    %y = gen.leaky_relu %w {alpha = 2.500000e-01 : f64} : tensor<f32>
    gen.minimize %y : tensor<f32>
  }
}

// -----

// With a negative alpha, y > 0 also for w < 0: the step reads the input.
// CHECK-LABEL: gen.model @leaky_relu_negative_alpha attributes
// CHECK: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// CHECK-NEXT: %[[Y:.*]] = gen.leaky_relu %[[W]] {alpha = -5.000000e-01 : f64} : tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[STEP:.*]] = gen.heaviside %[[W]] : tensor<f32>
gen.model @leaky_relu_negative_alpha attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<f32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<f32>
    %y = gen.leaky_relu %w {alpha = -5.000000e-01 : f64} : tensor<f32>
    gen.minimize %y : tensor<f32>
  }
}

// -----

// d sigmoid(w) = s (1 - s) with s the forward result.
// CHECK-LABEL: gen.model @sigmoid attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// CHECK-NEXT: %[[Y:.*]] = gen.sigmoid %[[W]] : tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[ONE_MINUS_Y:.*]] = gen.sub %[[ONE]], %[[Y]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[FACTOR:.*]] = gen.mul %[[Y]], %[[ONE_MINUS_Y]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[DW:.*]] = gen.mul %[[SEED]], %[[FACTOR]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// CHECK-NEXT: gen.minimize %[[Y]] : tensor<f32>
// OPT-LABEL: gen.model @sigmoid attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// OPT-NEXT: %[[Y:.*]] = gen.sigmoid %[[W]] : tensor<f32>
// OPT-NEXT: %[[ONE_MINUS_Y:.*]] = gen.sub %[[ONE]], %[[Y]] : tensor<f32>, tensor<f32> -> tensor<f32>
// OPT-NEXT: %[[DW:.*]] = gen.mul %[[Y]], %[[ONE_MINUS_Y]] : tensor<f32>, tensor<f32> -> tensor<f32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// OPT-NEXT: gen.minimize %[[Y]] : tensor<f32>
gen.model @sigmoid attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<f32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<f32>
    %y = gen.sigmoid %w : tensor<f32>
    gen.minimize %y : tensor<f32>
  }
}

// -----

// d tanh(w) = 1 - tanh(w)^2.
// CHECK-LABEL: gen.model @tanh attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// CHECK-NEXT: %[[Y:.*]] = gen.tanh %[[W]] : tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[Y2:.*]] = gen.mul %[[Y]], %[[Y]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[FACTOR:.*]] = gen.sub %[[ONE]], %[[Y2]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[DW:.*]] = gen.mul %[[SEED]], %[[FACTOR]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// CHECK-NEXT: gen.minimize %[[Y]] : tensor<f32>
// OPT-LABEL: gen.model @tanh attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// OPT-NEXT: %[[Y:.*]] = gen.tanh %[[W]] : tensor<f32>
// OPT-NEXT: %[[Y2:.*]] = gen.mul %[[Y]], %[[Y]] : tensor<f32>, tensor<f32> -> tensor<f32>
// OPT-NEXT: %[[DW:.*]] = gen.sub %[[ONE]], %[[Y2]] : tensor<f32>, tensor<f32> -> tensor<f32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// OPT-NEXT: gen.minimize %[[Y]] : tensor<f32>
gen.model @tanh attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<f32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<f32>
    %y = gen.tanh %w : tensor<f32>
    gen.minimize %y : tensor<f32>
  }
}

// -----

// d softplus(w) = sigmoid(w).
// CHECK-LABEL: gen.model @softplus attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// CHECK-NEXT: %[[Y:.*]] = gen.softplus %[[W]] : tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[FACTOR:.*]] = gen.sigmoid %[[W]] : tensor<f32>
// CHECK-NEXT: %[[DW:.*]] = gen.mul %[[SEED]], %[[FACTOR]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// CHECK-NEXT: gen.minimize %[[Y]] : tensor<f32>
// OPT-LABEL: gen.model @softplus attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// OPT-NEXT: %[[Y:.*]] = gen.softplus %[[W]] : tensor<f32>
// OPT-NEXT: %[[DW:.*]] = gen.sigmoid %[[W]] : tensor<f32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// OPT-NEXT: gen.minimize %[[Y]] : tensor<f32>
gen.model @softplus attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<f32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<f32>
    %y = gen.softplus %w : tensor<f32>
    gen.minimize %y : tensor<f32>
  }
}

// -----

// heaviside is a step function: no adjoint flows through it, so w only
// gets the adjoint of the direct use (the seed).
// CHECK-LABEL: gen.model @heaviside attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// CHECK-NEXT: %[[H:.*]] = gen.heaviside %[[W]] : tensor<f32>
// CHECK-NEXT: %[[Y:.*]] = gen.add %[[W]], %[[H]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[DW:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// CHECK-NEXT: gen.minimize %[[Y]] : tensor<f32>
// OPT-LABEL: gen.model @heaviside attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[DW:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// OPT-NEXT: %[[H:.*]] = gen.heaviside %[[W]] : tensor<f32>
// OPT-NEXT: %[[Y:.*]] = gen.add %[[W]], %[[H]] : tensor<f32>, tensor<f32> -> tensor<f32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// OPT-NEXT: gen.minimize %[[Y]] : tensor<f32>
gen.model @heaviside attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<f32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<f32>
    %h = gen.heaviside %w : tensor<f32>
    %y = gen.add %w, %h : tensor<f32>, tensor<f32> -> tensor<f32>
    gen.minimize %y : tensor<f32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// Broadcasting binary ops
//===----------------------------------------------------------------------===//

// Binary ops: a [2, 1] and b [3] broadcast to [2, 3]; each adjoint is summed
// over the dimensions its operand was stretched along (and reshaped back).
// d(a + b) = (1, 1).
// CHECK-LABEL: gen.model @add attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x1xf32>
// CHECK-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.add %[[A]], %[[B]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[SUM:.*]] = gen.sum %[[DY]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[DA:.*]] = gen.reshape %[[SUM]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[DB:.*]] = gen.sum %[[DY]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x1xf32>
// CHECK-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @add attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[DY:.*]] = gen.constant dense<1.000000e+00> : tensor<2x3xf32>
// OPT-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x1xf32>
// OPT-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.add %[[A]], %[[B]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// OPT-NEXT: %[[SUM:.*]] = gen.sum %[[DY]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[DA:.*]] = gen.reshape %[[SUM]] : tensor<2xf32> -> tensor<2x1xf32>
// OPT-NEXT: %[[DB:.*]] = gen.sum %[[DY]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// OPT-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x1xf32>
// OPT-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @add attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @a : tensor<2x1xf32> {init = "ones"}
    gen.param @b : tensor<3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %a = gen.get_param @f::@a : tensor<2x1xf32>
    %b = gen.get_param @f::@b : tensor<3xf32>
    %y = gen.add %a, %b : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
    %l = gen.sum %y {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// d(a - b) = (1, -1).
// CHECK-LABEL: gen.model @sub attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x1xf32>
// CHECK-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.sub %[[A]], %[[B]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[SUM:.*]] = gen.sum %[[DY]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[DA:.*]] = gen.reshape %[[SUM]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[NEG:.*]] = gen.neg %[[DY]] : tensor<2x3xf32>
// CHECK-NEXT: %[[DB:.*]] = gen.sum %[[NEG]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x1xf32>
// CHECK-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @sub attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[DY:.*]] = gen.constant dense<1.000000e+00> : tensor<2x3xf32>
// OPT-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x1xf32>
// OPT-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.sub %[[A]], %[[B]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// OPT-NEXT: %[[SUM:.*]] = gen.sum %[[DY]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[DA:.*]] = gen.reshape %[[SUM]] : tensor<2xf32> -> tensor<2x1xf32>
// OPT-NEXT: %[[NEG:.*]] = gen.neg %[[DY]] : tensor<2x3xf32>
// OPT-NEXT: %[[DB:.*]] = gen.sum %[[NEG]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// OPT-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x1xf32>
// OPT-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @sub attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @a : tensor<2x1xf32> {init = "ones"}
    gen.param @b : tensor<3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %a = gen.get_param @f::@a : tensor<2x1xf32>
    %b = gen.get_param @f::@b : tensor<3xf32>
    %y = gen.sub %a, %b : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
    %l = gen.sum %y {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// d(a b) = (b, a).
// CHECK-LABEL: gen.model @mul attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x1xf32>
// CHECK-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.mul %[[A]], %[[B]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[MUL:.*]] = gen.mul %[[DY]], %[[B]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[SUM:.*]] = gen.sum %[[MUL]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[DA:.*]] = gen.reshape %[[SUM]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[MUL2:.*]] = gen.mul %[[DY]], %[[A]] : tensor<2x3xf32>, tensor<2x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DB:.*]] = gen.sum %[[MUL2]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x1xf32>
// CHECK-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @mul attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[DY:.*]] = gen.constant dense<1.000000e+00> : tensor<2x3xf32>
// OPT-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x1xf32>
// OPT-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.mul %[[A]], %[[B]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// OPT-NEXT: %[[MUL:.*]] = gen.mul %[[DY]], %[[B]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[SUM:.*]] = gen.sum %[[MUL]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[DA:.*]] = gen.reshape %[[SUM]] : tensor<2xf32> -> tensor<2x1xf32>
// OPT-NEXT: %[[MUL2:.*]] = gen.mul %[[DY]], %[[A]] : tensor<2x3xf32>, tensor<2x1xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DB:.*]] = gen.sum %[[MUL2]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// OPT-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x1xf32>
// OPT-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @mul attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @a : tensor<2x1xf32> {init = "ones"}
    gen.param @b : tensor<3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %a = gen.get_param @f::@a : tensor<2x1xf32>
    %b = gen.get_param @f::@b : tensor<3xf32>
    %y = gen.mul %a, %b : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
    %l = gen.sum %y {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// d(a / b) = (1 / b, -(a / b) / b), reusing the forward quotient.
// CHECK-LABEL: gen.model @div attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x1xf32>
// CHECK-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.div %[[A]], %[[B]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DIV:.*]] = gen.div %[[DY]], %[[B]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[SUM:.*]] = gen.sum %[[DIV]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[DA:.*]] = gen.reshape %[[SUM]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[MUL:.*]] = gen.mul %[[DY]], %[[Y]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DIV2:.*]] = gen.div %[[MUL]], %[[B]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[NEG:.*]] = gen.neg %[[DIV2]] : tensor<2x3xf32>
// CHECK-NEXT: %[[DB:.*]] = gen.sum %[[NEG]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x1xf32>
// CHECK-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @div attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[DY:.*]] = gen.constant dense<1.000000e+00> : tensor<2x3xf32>
// OPT-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x1xf32>
// OPT-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.div %[[A]], %[[B]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// OPT-NEXT: %[[DIV:.*]] = gen.div %[[DY]], %[[B]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[SUM:.*]] = gen.sum %[[DIV]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[DA:.*]] = gen.reshape %[[SUM]] : tensor<2xf32> -> tensor<2x1xf32>
// OPT-NEXT: %[[DIV2:.*]] = gen.div %[[Y]], %[[B]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[NEG:.*]] = gen.neg %[[DIV2]] : tensor<2x3xf32>
// OPT-NEXT: %[[DB:.*]] = gen.sum %[[NEG]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// OPT-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x1xf32>
// OPT-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @div attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @a : tensor<2x1xf32> {init = "ones"}
    gen.param @b : tensor<3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %a = gen.get_param @f::@a : tensor<2x1xf32>
    %b = gen.get_param @f::@b : tensor<3xf32>
    %y = gen.div %a, %b : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
    %l = gen.sum %y {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// d(a^b) = (b a^(b - 1), a^b log(max(a, 1.17549435e-38))): the log is taken
// of a clamped to the smallest normal float, so the exponent's adjoint is 0,
// not 0 * -inf = NaN, where a = 0.
// CHECK-LABEL: gen.model @pow attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x1xf32>
// CHECK-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.pow %[[A]], %[[B]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[B_MINUS_ONE:.*]] = gen.sub %[[B]], %[[ONE]] : tensor<3xf32>, tensor<f32> -> tensor<3xf32>
// CHECK-NEXT: %[[POW:.*]] = gen.pow %[[A]], %[[B_MINUS_ONE]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[B_POW:.*]] = gen.mul %[[B]], %[[POW]] : tensor<3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[MUL2:.*]] = gen.mul %[[DY]], %[[B_POW]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[SUM:.*]] = gen.sum %[[MUL2]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[DA:.*]] = gen.reshape %[[SUM]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[TINY:.*]] = gen.constant dense<1.17549435E-38> : tensor<f32>
// CHECK-NEXT: %[[A_CLAMPED:.*]] = gen.max %[[A]], %[[TINY]] : tensor<2x1xf32>, tensor<f32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[LOG_A:.*]] = gen.log %[[A_CLAMPED]] : tensor<2x1xf32>
// CHECK-NEXT: %[[Y_LOG_A:.*]] = gen.mul %[[Y]], %[[LOG_A]] : tensor<2x3xf32>, tensor<2x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[MUL4:.*]] = gen.mul %[[DY]], %[[Y_LOG_A]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DB:.*]] = gen.sum %[[MUL4]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x1xf32>
// CHECK-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @pow attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[TINY:.*]] = gen.constant dense<1.17549435E-38> : tensor<f32>
// OPT-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// OPT-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x1xf32>
// OPT-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.pow %[[A]], %[[B]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// OPT-NEXT: %[[B_MINUS_ONE:.*]] = gen.sub %[[B]], %[[ONE]] : tensor<3xf32>, tensor<f32> -> tensor<3xf32>
// OPT-NEXT: %[[POW:.*]] = gen.pow %[[A]], %[[B_MINUS_ONE]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[B_POW:.*]] = gen.mul %[[B]], %[[POW]] : tensor<3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[SUM:.*]] = gen.sum %[[B_POW]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[DA:.*]] = gen.reshape %[[SUM]] : tensor<2xf32> -> tensor<2x1xf32>
// OPT-NEXT: %[[A_CLAMPED:.*]] = gen.max %[[A]], %[[TINY]] : tensor<2x1xf32>, tensor<f32> -> tensor<2x1xf32>
// OPT-NEXT: %[[LOG_A:.*]] = gen.log %[[A_CLAMPED]] : tensor<2x1xf32>
// OPT-NEXT: %[[Y_LOG_A:.*]] = gen.mul %[[Y]], %[[LOG_A]] : tensor<2x3xf32>, tensor<2x1xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DB:.*]] = gen.sum %[[Y_LOG_A]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// OPT-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x1xf32>
// OPT-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @pow attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @a : tensor<2x1xf32> {init = "ones"}
    gen.param @b : tensor<3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %a = gen.get_param @f::@a : tensor<2x1xf32>
    %b = gen.get_param @f::@b : tensor<3xf32>
    %y = gen.pow %a, %b : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
    %l = gen.sum %y {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// d max(a, b) = ([a > b], 1 - [a > b]); CSE merges the two masks.
// CHECK-LABEL: gen.model @max attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x1xf32>
// CHECK-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.max %[[A]], %[[B]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[SUB:.*]] = gen.sub %[[A]], %[[B]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[MASK:.*]] = gen.heaviside %[[SUB]] : tensor<2x3xf32>
// CHECK-NEXT: %[[MUL:.*]] = gen.mul %[[DY]], %[[MASK]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[SUM:.*]] = gen.sum %[[MUL]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[DA:.*]] = gen.reshape %[[SUM]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[SUB2:.*]] = gen.sub %[[A]], %[[B]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[MASK2:.*]] = gen.heaviside %[[SUB2]] : tensor<2x3xf32>
// CHECK-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[NOT_MASK2:.*]] = gen.sub %[[ONE]], %[[MASK2]] : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[MUL2:.*]] = gen.mul %[[DY]], %[[NOT_MASK2]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DB:.*]] = gen.sum %[[MUL2]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x1xf32>
// CHECK-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @max attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// OPT-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x1xf32>
// OPT-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.max %[[A]], %[[B]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// OPT-NEXT: %[[SUB:.*]] = gen.sub %[[A]], %[[B]] : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[MASK:.*]] = gen.heaviside %[[SUB]] : tensor<2x3xf32>
// OPT-NEXT: %[[SUM:.*]] = gen.sum %[[MASK]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[DA:.*]] = gen.reshape %[[SUM]] : tensor<2xf32> -> tensor<2x1xf32>
// OPT-NEXT: %[[NOT_MASK:.*]] = gen.sub %[[ONE]], %[[MASK]] : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DB:.*]] = gen.sum %[[NOT_MASK]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// OPT-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x1xf32>
// OPT-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @max attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @a : tensor<2x1xf32> {init = "ones"}
    gen.param @b : tensor<3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %a = gen.get_param @f::@a : tensor<2x1xf32>
    %b = gen.get_param @f::@b : tensor<3xf32>
    %y = gen.max %a, %b : tensor<2x1xf32>, tensor<3xf32> -> tensor<2x3xf32>
    %l = gen.sum %y {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// Only active operands get adjoints: the per-example input x is data, so
// the mul rule builds the adjoint of w alone.
// CHECK-LABEL: gen.model @mul_inactive_lhs attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[X:.*]] = gen.get_input @x : tensor<2x3xf32>
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.mul %[[X]], %[[W]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[MUL:.*]] = gen.mul %[[DY]], %[[X]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DW:.*]] = gen.sum %[[MUL]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @mul_inactive_lhs attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[X:.*]] = gen.get_input @x : tensor<2x3xf32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.mul %[[X]], %[[W]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// OPT-NEXT: %[[DW:.*]] = gen.sum %[[X]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @mul_inactive_lhs attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %x = gen.get_input @x : tensor<2x3xf32>
    %w = gen.get_param @f::@w : tensor<3xf32>
    %y = gen.mul %x, %w : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
    %l = gen.sum %y {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

// The adjoint of reshape reshapes back (the slice's adjoint is a zero pad).
// CHECK-LABEL: gen.model @reshape attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.reshape %[[W]] : tensor<2x3xf32> -> tensor<3x2xf32>
// CHECK-NEXT: %[[Z:.*]] = gen.slice %[[Y]] {offsets = [0, 0], sizes = [3, 1]} : tensor<3x2xf32> -> tensor<3x1xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<3x1xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DZ:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<3x1xf32>
// CHECK-NEXT: %[[PAD:.*]] = gen.pad %[[DZ]] {high = [0, 1], low = [0, 0]} : tensor<3x1xf32> -> tensor<3x2xf32>
// CHECK-NEXT: %[[DW:.*]] = gen.reshape %[[PAD]] : tensor<3x2xf32> -> tensor<2x3xf32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @reshape attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[DZ:.*]] = gen.constant dense<1.000000e+00> : tensor<3x1xf32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.reshape %[[W]] : tensor<2x3xf32> -> tensor<3x2xf32>
// OPT-NEXT: %[[Z:.*]] = gen.slice %[[Y]] {offsets = [0, 0], sizes = [3, 1]} : tensor<3x2xf32> -> tensor<3x1xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<3x1xf32> -> tensor<f32>
// OPT-NEXT: %[[PAD:.*]] = gen.pad %[[DZ]] {high = [0, 1], low = [0, 0]} : tensor<3x1xf32> -> tensor<3x2xf32>
// OPT-NEXT: %[[DW:.*]] = gen.reshape %[[PAD]] : tensor<3x2xf32> -> tensor<2x3xf32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @reshape attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<2x3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<2x3xf32>
    %y = gen.reshape %w : tensor<2x3xf32> -> tensor<3x2xf32>
    %z = gen.slice %y {offsets = [0, 0], sizes = [3, 1]} : tensor<3x2xf32> -> tensor<3x1xf32>
    %l = gen.sum %z {axes = [0, 1]} : tensor<3x1xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// The adjoint of broadcast_to sums over the new leading dimension and the
// stretched unit dimension.
// CHECK-LABEL: gen.model @broadcast_to attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<3x1xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.broadcast_to %[[W]] : tensor<3x1xf32> -> tensor<2x3x4xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1, 2]} : tensor<2x3x4xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1x1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1x1xf32> -> tensor<2x3x4xf32>
// CHECK-NEXT: %[[SUM:.*]] = gen.sum %[[DY]] {axes = [0, 2]} : tensor<2x3x4xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[DW:.*]] = gen.reshape %[[SUM]] : tensor<3xf32> -> tensor<3x1xf32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<3x1xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @broadcast_to attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[DY:.*]] = gen.constant dense<1.000000e+00> : tensor<2x3x4xf32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<3x1xf32>
// OPT-NEXT: %[[Y:.*]] = gen.broadcast_to %[[W]] : tensor<3x1xf32> -> tensor<2x3x4xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1, 2]} : tensor<2x3x4xf32> -> tensor<f32>
// OPT-NEXT: %[[SUM:.*]] = gen.sum %[[DY]] {axes = [0, 2]} : tensor<2x3x4xf32> -> tensor<3xf32>
// OPT-NEXT: %[[DW:.*]] = gen.reshape %[[SUM]] : tensor<3xf32> -> tensor<3x1xf32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<3x1xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @broadcast_to attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<3x1xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<3x1xf32>
    %y = gen.broadcast_to %w : tensor<3x1xf32> -> tensor<2x3x4xf32>
    %l = gen.sum %y {axes = [0, 1, 2]} : tensor<2x3x4xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// The adjoint of a transpose is the inverse permutation.
// CHECK-LABEL: gen.model @transpose attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x3x4xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.transpose %[[W]] {permutation = [1, 2, 0]} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1, 2]} : tensor<3x4x2xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1x1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1x1xf32> -> tensor<3x4x2xf32>
// CHECK-NEXT: %[[DW:.*]] = gen.transpose %[[DY]] {permutation = [2, 0, 1]} : tensor<3x4x2xf32> -> tensor<2x3x4xf32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x3x4xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @transpose attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[DY:.*]] = gen.constant dense<1.000000e+00> : tensor<3x4x2xf32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x3x4xf32>
// OPT-NEXT: %[[Y:.*]] = gen.transpose %[[W]] {permutation = [1, 2, 0]} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1, 2]} : tensor<3x4x2xf32> -> tensor<f32>
// OPT-NEXT: %[[DW:.*]] = gen.transpose %[[DY]] {permutation = [2, 0, 1]} : tensor<3x4x2xf32> -> tensor<2x3x4xf32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x3x4xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @transpose attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<2x3x4xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<2x3x4xf32>
    %y = gen.transpose %w {permutation = [1, 2, 0]} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
    %l = gen.sum %y {axes = [0, 1, 2]} : tensor<3x4x2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// Each active input of concat gets its slice of the adjoint; the inactive
// input x in the middle gets none. y * y uses y twice: the two adjoints are
// summed.
// CHECK-LABEL: gen.model @concat attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x1xf32>
// CHECK-NEXT: %[[X:.*]] = gen.get_input @x : tensor<2x2xf32>
// CHECK-NEXT: %[[C:.*]] = gen.get_param @f::@c : tensor<2x3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.concat %[[A]], %[[X]], %[[C]] {axis = 1 : i64} : tensor<2x1xf32>, tensor<2x2xf32>, tensor<2x3xf32> -> tensor<2x6xf32>
// CHECK-NEXT: %[[Z:.*]] = gen.mul %[[Y]], %[[Y]] : tensor<2x6xf32>, tensor<2x6xf32> -> tensor<2x6xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<2x6xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DZ:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<2x6xf32>
// CHECK-NEXT: %[[DY1:.*]] = gen.mul %[[DZ]], %[[Y]] : tensor<2x6xf32>, tensor<2x6xf32> -> tensor<2x6xf32>
// CHECK-NEXT: %[[DY2:.*]] = gen.mul %[[DZ]], %[[Y]] : tensor<2x6xf32>, tensor<2x6xf32> -> tensor<2x6xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.add %[[DY1]], %[[DY2]] : tensor<2x6xf32>, tensor<2x6xf32> -> tensor<2x6xf32>
// CHECK-NEXT: %[[DA:.*]] = gen.slice %[[DY]] {offsets = [0, 0], sizes = [2, 1]} : tensor<2x6xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[DC:.*]] = gen.slice %[[DY]] {offsets = [0, 3], sizes = [2, 3]} : tensor<2x6xf32> -> tensor<2x3xf32>
// CHECK-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x1xf32>
// CHECK-NEXT: gen.gradient @f::@c, %[[DC]] : tensor<2x3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @concat attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x1xf32>
// OPT-NEXT: %[[X:.*]] = gen.get_input @x : tensor<2x2xf32>
// OPT-NEXT: %[[C:.*]] = gen.get_param @f::@c : tensor<2x3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.concat %[[A]], %[[X]], %[[C]] {axis = 1 : i64} : tensor<2x1xf32>, tensor<2x2xf32>, tensor<2x3xf32> -> tensor<2x6xf32>
// OPT-NEXT: %[[Z:.*]] = gen.mul %[[Y]], %[[Y]] : tensor<2x6xf32>, tensor<2x6xf32> -> tensor<2x6xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<2x6xf32> -> tensor<f32>
// OPT-NEXT: %[[DY:.*]] = gen.add %[[Y]], %[[Y]] : tensor<2x6xf32>, tensor<2x6xf32> -> tensor<2x6xf32>
// OPT-NEXT: %[[DA:.*]] = gen.slice %[[DY]] {offsets = [0, 0], sizes = [2, 1]} : tensor<2x6xf32> -> tensor<2x1xf32>
// OPT-NEXT: %[[DC:.*]] = gen.slice %[[DY]] {offsets = [0, 3], sizes = [2, 3]} : tensor<2x6xf32> -> tensor<2x3xf32>
// OPT-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x1xf32>
// OPT-NEXT: gen.gradient @f::@c, %[[DC]] : tensor<2x3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @concat attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x2xf32>
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @a : tensor<2x1xf32> {init = "ones"}
    gen.param @c : tensor<2x3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %a = gen.get_param @f::@a : tensor<2x1xf32>
    %x = gen.get_input @x : tensor<2x2xf32>
    %c = gen.get_param @f::@c : tensor<2x3xf32>
    %y = gen.concat %a, %x, %c {axis = 1 : i64} : tensor<2x1xf32>, tensor<2x2xf32>, tensor<2x3xf32> -> tensor<2x6xf32>
    %z = gen.mul %y, %y : tensor<2x6xf32>, tensor<2x6xf32> -> tensor<2x6xf32>
    %l = gen.sum %z {axes = [0, 1]} : tensor<2x6xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// The adjoint of a slice is zero outside it (a pad).
// CHECK-LABEL: gen.model @slice attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x5xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.slice %[[W]] {offsets = [1, 1], sizes = [1, 3]} : tensor<2x5xf32> -> tensor<1x3xf32>
// CHECK-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<1x3xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<1x3xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DZ:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<1x3xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.mul %[[DZ]], %[[Z]] : tensor<1x3xf32>, tensor<1x3xf32> -> tensor<1x3xf32>
// CHECK-NEXT: %[[DW:.*]] = gen.pad %[[DY]] {high = [0, 1], low = [1, 1]} : tensor<1x3xf32> -> tensor<2x5xf32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x5xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @slice attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x5xf32>
// OPT-NEXT: %[[Y:.*]] = gen.slice %[[W]] {offsets = [1, 1], sizes = [1, 3]} : tensor<2x5xf32> -> tensor<1x3xf32>
// OPT-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<1x3xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<1x3xf32> -> tensor<f32>
// OPT-NEXT: %[[DW:.*]] = gen.pad %[[Z]] {high = [0, 1], low = [1, 1]} : tensor<1x3xf32> -> tensor<2x5xf32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x5xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @slice attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<2x5xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<2x5xf32>
    %y = gen.slice %w {offsets = [1, 1], sizes = [1, 3]} : tensor<2x5xf32> -> tensor<1x3xf32>
    %z = gen.exp %y : tensor<1x3xf32>
    %l = gen.sum %z {axes = [0, 1]} : tensor<1x3xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// The adjoint of a pad is the unpadded part (a slice).
// CHECK-LABEL: gen.model @pad attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.pad %[[W]] {high = [2, 0], low = [0, 1]} : tensor<2x3xf32> -> tensor<4x4xf32>
// CHECK-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<4x4xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<4x4xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DZ:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<4x4xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.mul %[[DZ]], %[[Z]] : tensor<4x4xf32>, tensor<4x4xf32> -> tensor<4x4xf32>
// CHECK-NEXT: %[[DW:.*]] = gen.slice %[[DY]] {offsets = [0, 1], sizes = [2, 3]} : tensor<4x4xf32> -> tensor<2x3xf32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @pad attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.pad %[[W]] {high = [2, 0], low = [0, 1]} : tensor<2x3xf32> -> tensor<4x4xf32>
// OPT-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<4x4xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<4x4xf32> -> tensor<f32>
// OPT-NEXT: %[[DW:.*]] = gen.slice %[[Z]] {offsets = [0, 1], sizes = [2, 3]} : tensor<4x4xf32> -> tensor<2x3xf32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @pad attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<2x3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<2x3xf32>
    %y = gen.pad %w {low = [0, 1], high = [2, 0]} : tensor<2x3xf32> -> tensor<4x4xf32>
    %z = gen.exp %y : tensor<4x4xf32>
    %l = gen.sum %z {axes = [0, 1]} : tensor<4x4xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

// The adjoint of a sum puts the reduced dimensions back as 1 and broadcasts.
// CHECK-LABEL: gen.model @sum attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x3x4xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.sum %[[W]] {axes = [0, 2]} : tensor<2x3x4xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<3xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0]} : tensor<3xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1xf32>
// CHECK-NEXT: %[[DZ:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.mul %[[DZ]], %[[Z]] : tensor<3xf32>, tensor<3xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[DY_R:.*]] = gen.reshape %[[DY]] : tensor<3xf32> -> tensor<1x3x1xf32>
// CHECK-NEXT: %[[DW:.*]] = gen.broadcast_to %[[DY_R]] : tensor<1x3x1xf32> -> tensor<2x3x4xf32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x3x4xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @sum attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x3x4xf32>
// OPT-NEXT: %[[Y:.*]] = gen.sum %[[W]] {axes = [0, 2]} : tensor<2x3x4xf32> -> tensor<3xf32>
// OPT-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<3xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0]} : tensor<3xf32> -> tensor<f32>
// OPT-NEXT: %[[DY_R:.*]] = gen.reshape %[[Z]] : tensor<3xf32> -> tensor<1x3x1xf32>
// OPT-NEXT: %[[DW:.*]] = gen.broadcast_to %[[DY_R]] : tensor<1x3x1xf32> -> tensor<2x3x4xf32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x3x4xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @sum attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<2x3x4xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<2x3x4xf32>
    %y = gen.sum %w {axes = [0, 2]} : tensor<2x3x4xf32> -> tensor<3xf32>
    %z = gen.exp %y : tensor<3xf32>
    %l = gen.sum %z {axes = [0]} : tensor<3xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// d mean = 1 / count on every reduced element.
// CHECK-LABEL: gen.model @mean attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x3x4xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.mean %[[W]] {axes = [1]} : tensor<2x3x4xf32> -> tensor<2x4xf32>
// CHECK-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x4xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<2x4xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DZ:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<2x4xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.mul %[[DZ]], %[[Z]] : tensor<2x4xf32>, tensor<2x4xf32> -> tensor<2x4xf32>
// CHECK-NEXT: %[[COUNT:.*]] = gen.constant dense<3.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[DY_N:.*]] = gen.div %[[DY]], %[[COUNT]] : tensor<2x4xf32>, tensor<f32> -> tensor<2x4xf32>
// CHECK-NEXT: %[[DY_R:.*]] = gen.reshape %[[DY_N]] : tensor<2x4xf32> -> tensor<2x1x4xf32>
// CHECK-NEXT: %[[DW:.*]] = gen.broadcast_to %[[DY_R]] : tensor<2x1x4xf32> -> tensor<2x3x4xf32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x3x4xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @mean attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[COUNT:.*]] = gen.constant dense<3.000000e+00> : tensor<f32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x3x4xf32>
// OPT-NEXT: %[[Y:.*]] = gen.mean %[[W]] {axes = [1]} : tensor<2x3x4xf32> -> tensor<2x4xf32>
// OPT-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x4xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<2x4xf32> -> tensor<f32>
// OPT-NEXT: %[[DY_N:.*]] = gen.div %[[Z]], %[[COUNT]] : tensor<2x4xf32>, tensor<f32> -> tensor<2x4xf32>
// OPT-NEXT: %[[DY_R:.*]] = gen.reshape %[[DY_N]] : tensor<2x4xf32> -> tensor<2x1x4xf32>
// OPT-NEXT: %[[DW:.*]] = gen.broadcast_to %[[DY_R]] : tensor<2x1x4xf32> -> tensor<2x3x4xf32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x3x4xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @mean attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<2x3x4xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<2x3x4xf32>
    %y = gen.mean %w {axes = [1]} : tensor<2x3x4xf32> -> tensor<2x4xf32>
    %z = gen.exp %y : tensor<2x4xf32>
    %l = gen.sum %z {axes = [0, 1]} : tensor<2x4xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// d logsumexp(w) = softmax(w) = exp(w - logsumexp(w)), reusing the result.
// CHECK-LABEL: gen.model @logsumexp attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.logsumexp %[[W]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1xf32>
// CHECK-NEXT: %[[DZ:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.mul %[[DZ]], %[[Z]] : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[LSE_R:.*]] = gen.reshape %[[Y]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[LSE_B:.*]] = gen.broadcast_to %[[LSE_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[SHIFTED:.*]] = gen.sub %[[W]], %[[LSE_B]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[SOFTMAX:.*]] = gen.exp %[[SHIFTED]] : tensor<2x3xf32>
// CHECK-NEXT: %[[DY_R:.*]] = gen.reshape %[[DY]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[DY_B:.*]] = gen.broadcast_to %[[DY_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DW:.*]] = gen.mul %[[DY_B]], %[[SOFTMAX]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @logsumexp attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.logsumexp %[[W]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// OPT-NEXT: %[[LSE_R:.*]] = gen.reshape %[[Y]] : tensor<2xf32> -> tensor<2x1xf32>
// OPT-NEXT: %[[LSE_B:.*]] = gen.broadcast_to %[[LSE_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[SHIFTED:.*]] = gen.sub %[[W]], %[[LSE_B]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[SOFTMAX:.*]] = gen.exp %[[SHIFTED]] : tensor<2x3xf32>
// OPT-NEXT: %[[DY_R:.*]] = gen.reshape %[[Z]] : tensor<2xf32> -> tensor<2x1xf32>
// OPT-NEXT: %[[DY_B:.*]] = gen.broadcast_to %[[DY_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DW:.*]] = gen.mul %[[DY_B]], %[[SOFTMAX]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @logsumexp attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<2x3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<2x3xf32>
    %y = gen.logsumexp %w {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
    %z = gen.exp %y : tensor<2xf32>
    %l = gen.sum %z {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// Layers
//===----------------------------------------------------------------------===//

// matmul, all four transpose combinations. C = op(A) op(B):
// d op(A) = dC op(B)^T, d op(B) = op(A)^T dC, with the transposes folded
// into the flags.
// Plain: dA = dC B^T, dB = A^T dC.
// CHECK-LABEL: gen.model @matmul attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x3xf32>
// CHECK-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3x4xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.matmul %[[A]], %[[B]] : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// CHECK-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x4xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<2x4xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DZ:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<2x4xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.mul %[[DZ]], %[[Z]] : tensor<2x4xf32>, tensor<2x4xf32> -> tensor<2x4xf32>
// CHECK-NEXT: %[[DA:.*]] = gen.matmul %[[DY]], %[[B]] {transpose_rhs} : tensor<2x4xf32>, tensor<3x4xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DB:.*]] = gen.matmul %[[A]], %[[DY]] {transpose_lhs} : tensor<2x3xf32>, tensor<2x4xf32> -> tensor<3x4xf32>
// CHECK-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x3xf32>
// CHECK-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3x4xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @matmul attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x3xf32>
// OPT-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3x4xf32>
// OPT-NEXT: %[[Y:.*]] = gen.matmul %[[A]], %[[B]] : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// OPT-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x4xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<2x4xf32> -> tensor<f32>
// OPT-NEXT: %[[DA:.*]] = gen.matmul %[[Z]], %[[B]] {transpose_rhs} : tensor<2x4xf32>, tensor<3x4xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DB:.*]] = gen.matmul %[[A]], %[[Z]] {transpose_lhs} : tensor<2x3xf32>, tensor<2x4xf32> -> tensor<3x4xf32>
// OPT-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x3xf32>
// OPT-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3x4xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @matmul attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @a : tensor<2x3xf32> {init = "ones"}
    gen.param @b : tensor<3x4xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %a = gen.get_param @f::@a : tensor<2x3xf32>
    %b = gen.get_param @f::@b : tensor<3x4xf32>
    %y = gen.matmul %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
    %z = gen.exp %y : tensor<2x4xf32>
    %l = gen.sum %z {axes = [0, 1]} : tensor<2x4xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// A transposed: dA = B dC^T, dB = A dC.
// CHECK-LABEL: gen.model @matmul_tl attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<3x2xf32>
// CHECK-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3x4xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.matmul %[[A]], %[[B]] {transpose_lhs} : tensor<3x2xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// CHECK-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x4xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<2x4xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DZ:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<2x4xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.mul %[[DZ]], %[[Z]] : tensor<2x4xf32>, tensor<2x4xf32> -> tensor<2x4xf32>
// CHECK-NEXT: %[[DA:.*]] = gen.matmul %[[B]], %[[DY]] {transpose_rhs} : tensor<3x4xf32>, tensor<2x4xf32> -> tensor<3x2xf32>
// CHECK-NEXT: %[[DB:.*]] = gen.matmul %[[A]], %[[DY]] : tensor<3x2xf32>, tensor<2x4xf32> -> tensor<3x4xf32>
// CHECK-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<3x2xf32>
// CHECK-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3x4xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @matmul_tl attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<3x2xf32>
// OPT-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3x4xf32>
// OPT-NEXT: %[[Y:.*]] = gen.matmul %[[A]], %[[B]] {transpose_lhs} : tensor<3x2xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// OPT-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x4xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<2x4xf32> -> tensor<f32>
// OPT-NEXT: %[[DA:.*]] = gen.matmul %[[B]], %[[Z]] {transpose_rhs} : tensor<3x4xf32>, tensor<2x4xf32> -> tensor<3x2xf32>
// OPT-NEXT: %[[DB:.*]] = gen.matmul %[[A]], %[[Z]] : tensor<3x2xf32>, tensor<2x4xf32> -> tensor<3x4xf32>
// OPT-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<3x2xf32>
// OPT-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3x4xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @matmul_tl attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @a : tensor<3x2xf32> {init = "ones"}
    gen.param @b : tensor<3x4xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %a = gen.get_param @f::@a : tensor<3x2xf32>
    %b = gen.get_param @f::@b : tensor<3x4xf32>
    %y = gen.matmul %a, %b {transpose_lhs} : tensor<3x2xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
    %z = gen.exp %y : tensor<2x4xf32>
    %l = gen.sum %z {axes = [0, 1]} : tensor<2x4xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// B transposed: dA = dC B, dB = dC^T A.
// CHECK-LABEL: gen.model @matmul_tr attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x3xf32>
// CHECK-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<4x3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.matmul %[[A]], %[[B]] {transpose_rhs} : tensor<2x3xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
// CHECK-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x4xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<2x4xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DZ:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<2x4xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.mul %[[DZ]], %[[Z]] : tensor<2x4xf32>, tensor<2x4xf32> -> tensor<2x4xf32>
// CHECK-NEXT: %[[DA:.*]] = gen.matmul %[[DY]], %[[B]] : tensor<2x4xf32>, tensor<4x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DB:.*]] = gen.matmul %[[DY]], %[[A]] {transpose_lhs} : tensor<2x4xf32>, tensor<2x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x3xf32>
// CHECK-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<4x3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @matmul_tr attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<2x3xf32>
// OPT-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<4x3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.matmul %[[A]], %[[B]] {transpose_rhs} : tensor<2x3xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
// OPT-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x4xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<2x4xf32> -> tensor<f32>
// OPT-NEXT: %[[DA:.*]] = gen.matmul %[[Z]], %[[B]] : tensor<2x4xf32>, tensor<4x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DB:.*]] = gen.matmul %[[Z]], %[[A]] {transpose_lhs} : tensor<2x4xf32>, tensor<2x3xf32> -> tensor<4x3xf32>
// OPT-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<2x3xf32>
// OPT-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<4x3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @matmul_tr attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @a : tensor<2x3xf32> {init = "ones"}
    gen.param @b : tensor<4x3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %a = gen.get_param @f::@a : tensor<2x3xf32>
    %b = gen.get_param @f::@b : tensor<4x3xf32>
    %y = gen.matmul %a, %b {transpose_rhs} : tensor<2x3xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
    %z = gen.exp %y : tensor<2x4xf32>
    %l = gen.sum %z {axes = [0, 1]} : tensor<2x4xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// Both transposed: dA = B^T dC^T, dB = dC^T A^T.
// CHECK-LABEL: gen.model @matmul_tl_tr attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<3x2xf32>
// CHECK-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<4x3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.matmul %[[A]], %[[B]] {transpose_lhs, transpose_rhs} : tensor<3x2xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
// CHECK-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x4xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<2x4xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DZ:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<2x4xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.mul %[[DZ]], %[[Z]] : tensor<2x4xf32>, tensor<2x4xf32> -> tensor<2x4xf32>
// CHECK-NEXT: %[[DA:.*]] = gen.matmul %[[B]], %[[DY]] {transpose_lhs, transpose_rhs} : tensor<4x3xf32>, tensor<2x4xf32> -> tensor<3x2xf32>
// CHECK-NEXT: %[[DB:.*]] = gen.matmul %[[DY]], %[[A]] {transpose_lhs, transpose_rhs} : tensor<2x4xf32>, tensor<3x2xf32> -> tensor<4x3xf32>
// CHECK-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<3x2xf32>
// CHECK-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<4x3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @matmul_tl_tr attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[A:.*]] = gen.get_param @f::@a : tensor<3x2xf32>
// OPT-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<4x3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.matmul %[[A]], %[[B]] {transpose_lhs, transpose_rhs} : tensor<3x2xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
// OPT-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x4xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<2x4xf32> -> tensor<f32>
// OPT-NEXT: %[[DA:.*]] = gen.matmul %[[B]], %[[Z]] {transpose_lhs, transpose_rhs} : tensor<4x3xf32>, tensor<2x4xf32> -> tensor<3x2xf32>
// OPT-NEXT: %[[DB:.*]] = gen.matmul %[[Z]], %[[A]] {transpose_lhs, transpose_rhs} : tensor<2x4xf32>, tensor<3x2xf32> -> tensor<4x3xf32>
// OPT-NEXT: gen.gradient @f::@a, %[[DA]] : tensor<3x2xf32>
// OPT-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<4x3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @matmul_tl_tr attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @a : tensor<3x2xf32> {init = "ones"}
    gen.param @b : tensor<4x3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %a = gen.get_param @f::@a : tensor<3x2xf32>
    %b = gen.get_param @f::@b : tensor<4x3xf32>
    %y = gen.matmul %a, %b {transpose_lhs, transpose_rhs} : tensor<3x2xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
    %z = gen.exp %y : tensor<2x4xf32>
    %l = gen.sum %z {axes = [0, 1]} : tensor<2x4xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// conv2d: dX = the rows and columns [p, p + H) of conv_transpose2d(dY, W)
// taken with padding [0, 0] (a gen.slice), zero-padded (a gen.pad) beyond the
// last row the forward conv read; dW = conv2d_filter_grad(X, dY).
// Here (5 + 2 - 3) is a multiple of the stride 1 in both dimensions, so the
// slice [1, 6) of the 7 rows and columns is the transposed conv with the
// forward padding [1, 1] itself: (5 - 1) + 3 - 2 = 5 rows, no slice, no pad.
// CHECK-LABEL: gen.model @conv2d attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[X:.*]] = gen.get_param @f::@x : tensor<2x2x5x5xf32>
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<3x2x3x3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.conv2d %[[X]], %[[W]] {padding = [1, 1], strides = [1, 1]} : tensor<2x2x5x5xf32>, tensor<3x2x3x3xf32> -> tensor<2x3x5x5xf32>
// CHECK-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x3x5x5xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1, 2, 3]} : tensor<2x3x5x5xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1x1x1xf32>
// CHECK-NEXT: %[[DZ:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1x1x1xf32> -> tensor<2x3x5x5xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.mul %[[DZ]], %[[Z]] : tensor<2x3x5x5xf32>, tensor<2x3x5x5xf32> -> tensor<2x3x5x5xf32>
// CHECK-NEXT: %[[DX:.*]] = gen.conv_transpose2d %[[DY]], %[[W]] {padding = [1, 1], strides = [1, 1]} : tensor<2x3x5x5xf32>, tensor<3x2x3x3xf32> -> tensor<2x2x5x5xf32>
// CHECK-NEXT: %[[DW:.*]] = gen.conv2d_filter_grad %[[X]], %[[DY]] {padding = [1, 1], strides = [1, 1]} : tensor<2x2x5x5xf32>, tensor<2x3x5x5xf32> -> tensor<3x2x3x3xf32>
// CHECK-NEXT: gen.gradient @f::@x, %[[DX]] : tensor<2x2x5x5xf32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<3x2x3x3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @conv2d attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[X:.*]] = gen.get_param @f::@x : tensor<2x2x5x5xf32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<3x2x3x3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.conv2d %[[X]], %[[W]] {padding = [1, 1], strides = [1, 1]} : tensor<2x2x5x5xf32>, tensor<3x2x3x3xf32> -> tensor<2x3x5x5xf32>
// OPT-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x3x5x5xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1, 2, 3]} : tensor<2x3x5x5xf32> -> tensor<f32>
// OPT-NEXT: %[[DX:.*]] = gen.conv_transpose2d %[[Z]], %[[W]] {padding = [1, 1], strides = [1, 1]} : tensor<2x3x5x5xf32>, tensor<3x2x3x3xf32> -> tensor<2x2x5x5xf32>
// OPT-NEXT: %[[DW:.*]] = gen.conv2d_filter_grad %[[X]], %[[Z]] {padding = [1, 1], strides = [1, 1]} : tensor<2x2x5x5xf32>, tensor<2x3x5x5xf32> -> tensor<3x2x3x3xf32>
// OPT-NEXT: gen.gradient @f::@x, %[[DX]] : tensor<2x2x5x5xf32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<3x2x3x3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @conv2d attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @x : tensor<2x2x5x5xf32> {init = "ones"}
    gen.param @w : tensor<3x2x3x3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %x = gen.get_param @f::@x : tensor<2x2x5x5xf32>
    %w = gen.get_param @f::@w : tensor<3x2x3x3xf32>
    %y = gen.conv2d %x, %w {padding = [1, 1], strides = [1, 1]} : tensor<2x2x5x5xf32>, tensor<3x2x3x3xf32> -> tensor<2x3x5x5xf32>
    %z = gen.exp %y : tensor<2x3x5x5xf32>
    %l = gen.sum %z {axes = [0, 1, 2, 3]} : tensor<2x3x5x5xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// (6 + 0 - 3) = 3 is not a multiple of the stride 2: the forward conv never
// reads the last input row, so the transposed conv gives (2 - 1) 2 + 3 = 5
// rows, all kept (p = 0), and the rule pads one zero row at the bottom. Along
// the width it gives (4 - 1) 2 + 3 = 9 columns, the slice keeps [1, 8), and
// (7 + 2 - 3) = 6 is a multiple of 2: nothing is padded.
// CHECK-LABEL: gen.model @conv2d_uneven attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[X:.*]] = gen.get_param @f::@x : tensor<2x1x6x7xf32>
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x1x3x3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.conv2d %[[X]], %[[W]] {padding = [0, 1], strides = [2, 2]} : tensor<2x1x6x7xf32>, tensor<2x1x3x3xf32> -> tensor<2x2x2x4xf32>
// CHECK-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x2x2x4xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1, 2, 3]} : tensor<2x2x2x4xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1x1x1xf32>
// CHECK-NEXT: %[[DZ:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1x1x1xf32> -> tensor<2x2x2x4xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.mul %[[DZ]], %[[Z]] : tensor<2x2x2x4xf32>, tensor<2x2x2x4xf32> -> tensor<2x2x2x4xf32>
// CHECK-NEXT: %[[DX_FULL:.*]] = gen.conv_transpose2d %[[DY]], %[[W]] {padding = [0, 0], strides = [2, 2]} : tensor<2x2x2x4xf32>, tensor<2x1x3x3xf32> -> tensor<2x1x5x9xf32>
// CHECK-NEXT: %[[DX_READ:.*]] = gen.slice %[[DX_FULL]] {offsets = [0, 0, 0, 1], sizes = [2, 1, 5, 7]} : tensor<2x1x5x9xf32> -> tensor<2x1x5x7xf32>
// CHECK-NEXT: %[[DX:.*]] = gen.pad %[[DX_READ]] {high = [0, 0, 1, 0], low = [0, 0, 0, 0]} : tensor<2x1x5x7xf32> -> tensor<2x1x6x7xf32>
// CHECK-NEXT: %[[DW:.*]] = gen.conv2d_filter_grad %[[X]], %[[DY]] {padding = [0, 1], strides = [2, 2]} : tensor<2x1x6x7xf32>, tensor<2x2x2x4xf32> -> tensor<2x1x3x3xf32>
// CHECK-NEXT: gen.gradient @f::@x, %[[DX]] : tensor<2x1x6x7xf32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x1x3x3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @conv2d_uneven attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[X:.*]] = gen.get_param @f::@x : tensor<2x1x6x7xf32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x1x3x3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.conv2d %[[X]], %[[W]] {padding = [0, 1], strides = [2, 2]} : tensor<2x1x6x7xf32>, tensor<2x1x3x3xf32> -> tensor<2x2x2x4xf32>
// OPT-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x2x2x4xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1, 2, 3]} : tensor<2x2x2x4xf32> -> tensor<f32>
// OPT-NEXT: %[[DX_FULL:.*]] = gen.conv_transpose2d %[[Z]], %[[W]] {padding = [0, 0], strides = [2, 2]} : tensor<2x2x2x4xf32>, tensor<2x1x3x3xf32> -> tensor<2x1x5x9xf32>
// OPT-NEXT: %[[DX_READ:.*]] = gen.slice %[[DX_FULL]] {offsets = [0, 0, 0, 1], sizes = [2, 1, 5, 7]} : tensor<2x1x5x9xf32> -> tensor<2x1x5x7xf32>
// OPT-NEXT: %[[DX:.*]] = gen.pad %[[DX_READ]] {high = [0, 0, 1, 0], low = [0, 0, 0, 0]} : tensor<2x1x5x7xf32> -> tensor<2x1x6x7xf32>
// OPT-NEXT: %[[DW:.*]] = gen.conv2d_filter_grad %[[X]], %[[Z]] {padding = [0, 1], strides = [2, 2]} : tensor<2x1x6x7xf32>, tensor<2x2x2x4xf32> -> tensor<2x1x3x3xf32>
// OPT-NEXT: gen.gradient @f::@x, %[[DX]] : tensor<2x1x6x7xf32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x1x3x3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @conv2d_uneven attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @x : tensor<2x1x6x7xf32> {init = "ones"}
    gen.param @w : tensor<2x1x3x3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %x = gen.get_param @f::@x : tensor<2x1x6x7xf32>
    %w = gen.get_param @f::@w : tensor<2x1x3x3xf32>
    %y = gen.conv2d %x, %w {padding = [0, 1], strides = [2, 2]} : tensor<2x1x6x7xf32>, tensor<2x1x3x3xf32> -> tensor<2x2x2x4xf32>
    %z = gen.exp %y : tensor<2x2x2x4xf32>
    %l = gen.sum %z {axes = [0, 1, 2, 3]} : tensor<2x2x2x4xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// conv_transpose2d (IOHW filter): dX = conv2d(dY, W); dW is the filter
// gradient of the conv2d this op is the adjoint of, with the roles swapped.
// CHECK-LABEL: gen.model @conv_transpose2d attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[X:.*]] = gen.get_param @f::@x : tensor<2x2x3x3xf32>
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x1x3x3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.conv_transpose2d %[[X]], %[[W]] {padding = [1, 1], strides = [2, 2]} : tensor<2x2x3x3xf32>, tensor<2x1x3x3xf32> -> tensor<2x1x5x5xf32>
// CHECK-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x1x5x5xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1, 2, 3]} : tensor<2x1x5x5xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1x1x1xf32>
// CHECK-NEXT: %[[DZ:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1x1x1xf32> -> tensor<2x1x5x5xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.mul %[[DZ]], %[[Z]] : tensor<2x1x5x5xf32>, tensor<2x1x5x5xf32> -> tensor<2x1x5x5xf32>
// CHECK-NEXT: %[[DX:.*]] = gen.conv2d %[[DY]], %[[W]] {padding = [1, 1], strides = [2, 2]} : tensor<2x1x5x5xf32>, tensor<2x1x3x3xf32> -> tensor<2x2x3x3xf32>
// CHECK-NEXT: %[[DW:.*]] = gen.conv2d_filter_grad %[[DY]], %[[X]] {padding = [1, 1], strides = [2, 2]} : tensor<2x1x5x5xf32>, tensor<2x2x3x3xf32> -> tensor<2x1x3x3xf32>
// CHECK-NEXT: gen.gradient @f::@x, %[[DX]] : tensor<2x2x3x3xf32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x1x3x3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @conv_transpose2d attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[X:.*]] = gen.get_param @f::@x : tensor<2x2x3x3xf32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<2x1x3x3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.conv_transpose2d %[[X]], %[[W]] {padding = [1, 1], strides = [2, 2]} : tensor<2x2x3x3xf32>, tensor<2x1x3x3xf32> -> tensor<2x1x5x5xf32>
// OPT-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x1x5x5xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1, 2, 3]} : tensor<2x1x5x5xf32> -> tensor<f32>
// OPT-NEXT: %[[DX:.*]] = gen.conv2d %[[Z]], %[[W]] {padding = [1, 1], strides = [2, 2]} : tensor<2x1x5x5xf32>, tensor<2x1x3x3xf32> -> tensor<2x2x3x3xf32>
// OPT-NEXT: %[[DW:.*]] = gen.conv2d_filter_grad %[[Z]], %[[X]] {padding = [1, 1], strides = [2, 2]} : tensor<2x1x5x5xf32>, tensor<2x2x3x3xf32> -> tensor<2x1x3x3xf32>
// OPT-NEXT: gen.gradient @f::@x, %[[DX]] : tensor<2x2x3x3xf32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<2x1x3x3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @conv_transpose2d attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @x : tensor<2x2x3x3xf32> {init = "ones"}
    gen.param @w : tensor<2x1x3x3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %x = gen.get_param @f::@x : tensor<2x2x3x3xf32>
    %w = gen.get_param @f::@w : tensor<2x1x3x3xf32>
    %y = gen.conv_transpose2d %x, %w {padding = [1, 1], strides = [2, 2]} : tensor<2x2x3x3xf32>, tensor<2x1x3x3xf32> -> tensor<2x1x5x5xf32>
    %z = gen.exp %y : tensor<2x1x5x5xf32>
    %l = gen.sum %z {axes = [0, 1, 2, 3]} : tensor<2x1x5x5xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// batch_norm over [N, C]: with xhat = (x - mean) / sqrt(var + eps),
// dbeta = sum(dy), dgamma = sum(dy xhat), dxhat = dy gamma and
// dx = (dxhat - mean(dxhat) - xhat mean(dxhat xhat)) / sqrt(var + eps).
// CHECK-LABEL: gen.model @batch_norm attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[X:.*]] = gen.get_param @f::@x : tensor<4x3xf32>
// CHECK-NEXT: %[[G:.*]] = gen.get_param @f::@g : tensor<3xf32>
// CHECK-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.batch_norm %[[X]], %[[G]], %[[B]] {epsilon = 1.000000e-05 : f64} : tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<4x3xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<4x3xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DZ:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.mul %[[DZ]], %[[Z]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[MU:.*]] = gen.mean %[[X]] {axes = [0]} : tensor<4x3xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[MU_R:.*]] = gen.reshape %[[MU]] : tensor<3xf32> -> tensor<1x3xf32>
// CHECK-NEXT: %[[MU_B:.*]] = gen.broadcast_to %[[MU_R]] : tensor<1x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[CENTERED:.*]] = gen.sub %[[X]], %[[MU_B]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[SQ:.*]] = gen.mul %[[CENTERED]], %[[CENTERED]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[VAR:.*]] = gen.mean %[[SQ]] {axes = [0]} : tensor<4x3xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[VAR_R:.*]] = gen.reshape %[[VAR]] : tensor<3xf32> -> tensor<1x3xf32>
// CHECK-NEXT: %[[VAR_B:.*]] = gen.broadcast_to %[[VAR_R]] : tensor<1x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[EPS:.*]] = gen.constant dense<9.99999974E-6> : tensor<f32>
// CHECK-NEXT: %[[VAR_EPS:.*]] = gen.add %[[VAR_B]], %[[EPS]] : tensor<4x3xf32>, tensor<f32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[STD:.*]] = gen.sqrt %[[VAR_EPS]] : tensor<4x3xf32>
// CHECK-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[INV_STD:.*]] = gen.div %[[ONE]], %[[STD]] : tensor<f32>, tensor<4x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[XHAT:.*]] = gen.mul %[[CENTERED]], %[[INV_STD]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[GAMMA_R:.*]] = gen.reshape %[[G]] : tensor<3xf32> -> tensor<1x3xf32>
// CHECK-NEXT: %[[DXHAT:.*]] = gen.mul %[[DY]], %[[GAMMA_R]] : tensor<4x3xf32>, tensor<1x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[M1:.*]] = gen.mean %[[DXHAT]] {axes = [0]} : tensor<4x3xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[M1_R:.*]] = gen.reshape %[[M1]] : tensor<3xf32> -> tensor<1x3xf32>
// CHECK-NEXT: %[[M1_B:.*]] = gen.broadcast_to %[[M1_R]] : tensor<1x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[INNER1:.*]] = gen.sub %[[DXHAT]], %[[M1_B]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[DXHAT_XHAT:.*]] = gen.mul %[[DXHAT]], %[[XHAT]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[M2:.*]] = gen.mean %[[DXHAT_XHAT]] {axes = [0]} : tensor<4x3xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[M2_R:.*]] = gen.reshape %[[M2]] : tensor<3xf32> -> tensor<1x3xf32>
// CHECK-NEXT: %[[M2_B:.*]] = gen.broadcast_to %[[M2_R]] : tensor<1x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[XHAT_M2:.*]] = gen.mul %[[XHAT]], %[[M2_B]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[INNER:.*]] = gen.sub %[[INNER1]], %[[XHAT_M2]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[DX:.*]] = gen.mul %[[INNER]], %[[INV_STD]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[DY_XHAT:.*]] = gen.mul %[[DY]], %[[XHAT]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[DG:.*]] = gen.sum %[[DY_XHAT]] {axes = [0]} : tensor<4x3xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[DB:.*]] = gen.sum %[[DY]] {axes = [0]} : tensor<4x3xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.gradient @f::@x, %[[DX]] : tensor<4x3xf32>
// CHECK-NEXT: gen.gradient @f::@g, %[[DG]] : tensor<3xf32>
// CHECK-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @batch_norm attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// OPT-NEXT: %[[EPS:.*]] = gen.constant dense<9.99999974E-6> : tensor<f32>
// OPT-NEXT: %[[X:.*]] = gen.get_param @f::@x : tensor<4x3xf32>
// OPT-NEXT: %[[G:.*]] = gen.get_param @f::@g : tensor<3xf32>
// OPT-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.batch_norm %[[X]], %[[G]], %[[B]] {epsilon = 1.000000e-05 : f64} : tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32> -> tensor<4x3xf32>
// OPT-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<4x3xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1]} : tensor<4x3xf32> -> tensor<f32>
// OPT-NEXT: %[[MU:.*]] = gen.mean %[[X]] {axes = [0]} : tensor<4x3xf32> -> tensor<3xf32>
// OPT-NEXT: %[[MU_R:.*]] = gen.reshape %[[MU]] : tensor<3xf32> -> tensor<1x3xf32>
// OPT-NEXT: %[[MU_B:.*]] = gen.broadcast_to %[[MU_R]] : tensor<1x3xf32> -> tensor<4x3xf32>
// OPT-NEXT: %[[CENTERED:.*]] = gen.sub %[[X]], %[[MU_B]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// OPT-NEXT: %[[SQ:.*]] = gen.mul %[[CENTERED]], %[[CENTERED]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// OPT-NEXT: %[[VAR:.*]] = gen.mean %[[SQ]] {axes = [0]} : tensor<4x3xf32> -> tensor<3xf32>
// OPT-NEXT: %[[VAR_R:.*]] = gen.reshape %[[VAR]] : tensor<3xf32> -> tensor<1x3xf32>
// OPT-NEXT: %[[VAR_B:.*]] = gen.broadcast_to %[[VAR_R]] : tensor<1x3xf32> -> tensor<4x3xf32>
// OPT-NEXT: %[[VAR_EPS:.*]] = gen.add %[[VAR_B]], %[[EPS]] : tensor<4x3xf32>, tensor<f32> -> tensor<4x3xf32>
// OPT-NEXT: %[[STD:.*]] = gen.sqrt %[[VAR_EPS]] : tensor<4x3xf32>
// OPT-NEXT: %[[INV_STD:.*]] = gen.div %[[ONE]], %[[STD]] : tensor<f32>, tensor<4x3xf32> -> tensor<4x3xf32>
// OPT-NEXT: %[[XHAT:.*]] = gen.mul %[[CENTERED]], %[[INV_STD]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// OPT-NEXT: %[[GAMMA_R:.*]] = gen.reshape %[[G]] : tensor<3xf32> -> tensor<1x3xf32>
// OPT-NEXT: %[[DXHAT:.*]] = gen.mul %[[Z]], %[[GAMMA_R]] : tensor<4x3xf32>, tensor<1x3xf32> -> tensor<4x3xf32>
// OPT-NEXT: %[[M1:.*]] = gen.mean %[[DXHAT]] {axes = [0]} : tensor<4x3xf32> -> tensor<3xf32>
// OPT-NEXT: %[[M1_R:.*]] = gen.reshape %[[M1]] : tensor<3xf32> -> tensor<1x3xf32>
// OPT-NEXT: %[[M1_B:.*]] = gen.broadcast_to %[[M1_R]] : tensor<1x3xf32> -> tensor<4x3xf32>
// OPT-NEXT: %[[INNER1:.*]] = gen.sub %[[DXHAT]], %[[M1_B]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// OPT-NEXT: %[[DXHAT_XHAT:.*]] = gen.mul %[[DXHAT]], %[[XHAT]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// OPT-NEXT: %[[M2:.*]] = gen.mean %[[DXHAT_XHAT]] {axes = [0]} : tensor<4x3xf32> -> tensor<3xf32>
// OPT-NEXT: %[[M2_R:.*]] = gen.reshape %[[M2]] : tensor<3xf32> -> tensor<1x3xf32>
// OPT-NEXT: %[[M2_B:.*]] = gen.broadcast_to %[[M2_R]] : tensor<1x3xf32> -> tensor<4x3xf32>
// OPT-NEXT: %[[XHAT_M2:.*]] = gen.mul %[[XHAT]], %[[M2_B]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// OPT-NEXT: %[[INNER:.*]] = gen.sub %[[INNER1]], %[[XHAT_M2]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// OPT-NEXT: %[[DX:.*]] = gen.mul %[[INNER]], %[[INV_STD]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// OPT-NEXT: %[[DY_XHAT:.*]] = gen.mul %[[Z]], %[[XHAT]] : tensor<4x3xf32>, tensor<4x3xf32> -> tensor<4x3xf32>
// OPT-NEXT: %[[DG:.*]] = gen.sum %[[DY_XHAT]] {axes = [0]} : tensor<4x3xf32> -> tensor<3xf32>
// OPT-NEXT: %[[DB:.*]] = gen.sum %[[Z]] {axes = [0]} : tensor<4x3xf32> -> tensor<3xf32>
// OPT-NEXT: gen.gradient @f::@x, %[[DX]] : tensor<4x3xf32>
// OPT-NEXT: gen.gradient @f::@g, %[[DG]] : tensor<3xf32>
// OPT-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @batch_norm attributes {batch_size = 4 : i64} {
  gen.net @f(%x: tensor<4xf32>) -> tensor<4xf32> {
    gen.param @x : tensor<4x3xf32> {init = "ones"}
    gen.param @g : tensor<3xf32> {init = "ones"}
    gen.param @b : tensor<3xf32> {init = "zeros"}
    gen.return %x : tensor<4xf32>
  }
  gen.step @s updates [@f] {
    %x = gen.get_param @f::@x : tensor<4x3xf32>
    %g = gen.get_param @f::@g : tensor<3xf32>
    %b = gen.get_param @f::@b : tensor<3xf32>
    %y = gen.batch_norm %x, %g, %b {epsilon = 1.000000e-05 : f64} : tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32> -> tensor<4x3xf32>
    %z = gen.exp %y : tensor<4x3xf32>
    %l = gen.sum %z {axes = [0, 1]} : tensor<4x3xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// batch_norm over [N, C, H, W]: the statistics reduce over N, H and W; gamma
// is reshaped to [1, C, 1, 1].
// CHECK-LABEL: gen.model @batch_norm_4d attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[X:.*]] = gen.get_param @f::@x : tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[G:.*]] = gen.get_param @f::@g : tensor<3xf32>
// CHECK-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.batch_norm %[[X]], %[[G]], %[[B]] {epsilon = 1.000000e-03 : f64} : tensor<2x3x2x2xf32>, tensor<3xf32>, tensor<3xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1, 2, 3]} : tensor<2x3x2x2xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1x1x1xf32>
// CHECK-NEXT: %[[DZ:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1x1x1xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.mul %[[DZ]], %[[Z]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[MU:.*]] = gen.mean %[[X]] {axes = [0, 2, 3]} : tensor<2x3x2x2xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[MU_R:.*]] = gen.reshape %[[MU]] : tensor<3xf32> -> tensor<1x3x1x1xf32>
// CHECK-NEXT: %[[MU_B:.*]] = gen.broadcast_to %[[MU_R]] : tensor<1x3x1x1xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[CENTERED:.*]] = gen.sub %[[X]], %[[MU_B]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[SQ:.*]] = gen.mul %[[CENTERED]], %[[CENTERED]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[VAR:.*]] = gen.mean %[[SQ]] {axes = [0, 2, 3]} : tensor<2x3x2x2xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[VAR_R:.*]] = gen.reshape %[[VAR]] : tensor<3xf32> -> tensor<1x3x1x1xf32>
// CHECK-NEXT: %[[VAR_B:.*]] = gen.broadcast_to %[[VAR_R]] : tensor<1x3x1x1xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[EPS:.*]] = gen.constant dense<1.000000e-03> : tensor<f32>
// CHECK-NEXT: %[[VAR_EPS:.*]] = gen.add %[[VAR_B]], %[[EPS]] : tensor<2x3x2x2xf32>, tensor<f32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[STD:.*]] = gen.sqrt %[[VAR_EPS]] : tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[INV_STD:.*]] = gen.div %[[ONE]], %[[STD]] : tensor<f32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[XHAT:.*]] = gen.mul %[[CENTERED]], %[[INV_STD]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[GAMMA_R:.*]] = gen.reshape %[[G]] : tensor<3xf32> -> tensor<1x3x1x1xf32>
// CHECK-NEXT: %[[DXHAT:.*]] = gen.mul %[[DY]], %[[GAMMA_R]] : tensor<2x3x2x2xf32>, tensor<1x3x1x1xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[M1:.*]] = gen.mean %[[DXHAT]] {axes = [0, 2, 3]} : tensor<2x3x2x2xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[M1_R:.*]] = gen.reshape %[[M1]] : tensor<3xf32> -> tensor<1x3x1x1xf32>
// CHECK-NEXT: %[[M1_B:.*]] = gen.broadcast_to %[[M1_R]] : tensor<1x3x1x1xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[INNER1:.*]] = gen.sub %[[DXHAT]], %[[M1_B]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[DXHAT_XHAT:.*]] = gen.mul %[[DXHAT]], %[[XHAT]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[M2:.*]] = gen.mean %[[DXHAT_XHAT]] {axes = [0, 2, 3]} : tensor<2x3x2x2xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[M2_R:.*]] = gen.reshape %[[M2]] : tensor<3xf32> -> tensor<1x3x1x1xf32>
// CHECK-NEXT: %[[M2_B:.*]] = gen.broadcast_to %[[M2_R]] : tensor<1x3x1x1xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[XHAT_M2:.*]] = gen.mul %[[XHAT]], %[[M2_B]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[INNER:.*]] = gen.sub %[[INNER1]], %[[XHAT_M2]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[DX:.*]] = gen.mul %[[INNER]], %[[INV_STD]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[DY_XHAT:.*]] = gen.mul %[[DY]], %[[XHAT]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// CHECK-NEXT: %[[DG:.*]] = gen.sum %[[DY_XHAT]] {axes = [0, 2, 3]} : tensor<2x3x2x2xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[DB:.*]] = gen.sum %[[DY]] {axes = [0, 2, 3]} : tensor<2x3x2x2xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.gradient @f::@x, %[[DX]] : tensor<2x3x2x2xf32>
// CHECK-NEXT: gen.gradient @f::@g, %[[DG]] : tensor<3xf32>
// CHECK-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @batch_norm_4d attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// OPT-NEXT: %[[EPS:.*]] = gen.constant dense<1.000000e-03> : tensor<f32>
// OPT-NEXT: %[[X:.*]] = gen.get_param @f::@x : tensor<2x3x2x2xf32>
// OPT-NEXT: %[[G:.*]] = gen.get_param @f::@g : tensor<3xf32>
// OPT-NEXT: %[[B:.*]] = gen.get_param @f::@b : tensor<3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.batch_norm %[[X]], %[[G]], %[[B]] {epsilon = 1.000000e-03 : f64} : tensor<2x3x2x2xf32>, tensor<3xf32>, tensor<3xf32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[Z:.*]] = gen.exp %[[Y]] : tensor<2x3x2x2xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Z]] {axes = [0, 1, 2, 3]} : tensor<2x3x2x2xf32> -> tensor<f32>
// OPT-NEXT: %[[MU:.*]] = gen.mean %[[X]] {axes = [0, 2, 3]} : tensor<2x3x2x2xf32> -> tensor<3xf32>
// OPT-NEXT: %[[MU_R:.*]] = gen.reshape %[[MU]] : tensor<3xf32> -> tensor<1x3x1x1xf32>
// OPT-NEXT: %[[MU_B:.*]] = gen.broadcast_to %[[MU_R]] : tensor<1x3x1x1xf32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[CENTERED:.*]] = gen.sub %[[X]], %[[MU_B]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[SQ:.*]] = gen.mul %[[CENTERED]], %[[CENTERED]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[VAR:.*]] = gen.mean %[[SQ]] {axes = [0, 2, 3]} : tensor<2x3x2x2xf32> -> tensor<3xf32>
// OPT-NEXT: %[[VAR_R:.*]] = gen.reshape %[[VAR]] : tensor<3xf32> -> tensor<1x3x1x1xf32>
// OPT-NEXT: %[[VAR_B:.*]] = gen.broadcast_to %[[VAR_R]] : tensor<1x3x1x1xf32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[VAR_EPS:.*]] = gen.add %[[VAR_B]], %[[EPS]] : tensor<2x3x2x2xf32>, tensor<f32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[STD:.*]] = gen.sqrt %[[VAR_EPS]] : tensor<2x3x2x2xf32>
// OPT-NEXT: %[[INV_STD:.*]] = gen.div %[[ONE]], %[[STD]] : tensor<f32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[XHAT:.*]] = gen.mul %[[CENTERED]], %[[INV_STD]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[GAMMA_R:.*]] = gen.reshape %[[G]] : tensor<3xf32> -> tensor<1x3x1x1xf32>
// OPT-NEXT: %[[DXHAT:.*]] = gen.mul %[[Z]], %[[GAMMA_R]] : tensor<2x3x2x2xf32>, tensor<1x3x1x1xf32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[M1:.*]] = gen.mean %[[DXHAT]] {axes = [0, 2, 3]} : tensor<2x3x2x2xf32> -> tensor<3xf32>
// OPT-NEXT: %[[M1_R:.*]] = gen.reshape %[[M1]] : tensor<3xf32> -> tensor<1x3x1x1xf32>
// OPT-NEXT: %[[M1_B:.*]] = gen.broadcast_to %[[M1_R]] : tensor<1x3x1x1xf32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[INNER1:.*]] = gen.sub %[[DXHAT]], %[[M1_B]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[DXHAT_XHAT:.*]] = gen.mul %[[DXHAT]], %[[XHAT]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[M2:.*]] = gen.mean %[[DXHAT_XHAT]] {axes = [0, 2, 3]} : tensor<2x3x2x2xf32> -> tensor<3xf32>
// OPT-NEXT: %[[M2_R:.*]] = gen.reshape %[[M2]] : tensor<3xf32> -> tensor<1x3x1x1xf32>
// OPT-NEXT: %[[M2_B:.*]] = gen.broadcast_to %[[M2_R]] : tensor<1x3x1x1xf32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[XHAT_M2:.*]] = gen.mul %[[XHAT]], %[[M2_B]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[INNER:.*]] = gen.sub %[[INNER1]], %[[XHAT_M2]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[DX:.*]] = gen.mul %[[INNER]], %[[INV_STD]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[DY_XHAT:.*]] = gen.mul %[[Z]], %[[XHAT]] : tensor<2x3x2x2xf32>, tensor<2x3x2x2xf32> -> tensor<2x3x2x2xf32>
// OPT-NEXT: %[[DG:.*]] = gen.sum %[[DY_XHAT]] {axes = [0, 2, 3]} : tensor<2x3x2x2xf32> -> tensor<3xf32>
// OPT-NEXT: %[[DB:.*]] = gen.sum %[[Z]] {axes = [0, 2, 3]} : tensor<2x3x2x2xf32> -> tensor<3xf32>
// OPT-NEXT: gen.gradient @f::@x, %[[DX]] : tensor<2x3x2x2xf32>
// OPT-NEXT: gen.gradient @f::@g, %[[DG]] : tensor<3xf32>
// OPT-NEXT: gen.gradient @f::@b, %[[DB]] : tensor<3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @batch_norm_4d attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @x : tensor<2x3x2x2xf32> {init = "ones"}
    gen.param @g : tensor<3xf32> {init = "ones"}
    gen.param @b : tensor<3xf32> {init = "zeros"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %x = gen.get_param @f::@x : tensor<2x3x2x2xf32>
    %g = gen.get_param @f::@g : tensor<3xf32>
    %b = gen.get_param @f::@b : tensor<3xf32>
    %y = gen.batch_norm %x, %g, %b {epsilon = 1.000000e-03 : f64} : tensor<2x3x2x2xf32>, tensor<3xf32>, tensor<3xf32> -> tensor<2x3x2x2xf32>
    %z = gen.exp %y : tensor<2x3x2x2xf32>
    %l = gen.sum %z {axes = [0, 1, 2, 3]} : tensor<2x3x2x2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

// Losses: the per-example adjoint [N] (here 1/N from the mean over the batch)
// is expanded to the prediction's shape (G). The target is an input: no
// adjoint.
// bce = -sum(t max(log p, -100) + (1 - t) max(log(1 - p), -100)): dp is the
// exact derivative of the clamped forward,
//   dp = (1 - t) [log(1 - p) > -100] / max(1 - p, tiny)
//        - t [log p > -100] / max(p, tiny),
// with the masks [.] as gen.heaviside and tiny = 1.17549435e-38.
// CHECK-LABEL: gen.model @bce attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[T:.*]] = gen.get_input @t : tensor<2x3xf32>
// CHECK-NEXT: %[[P:.*]] = gen.get_param @f::@p : tensor<2x3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.bce %[[P]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[L:.*]] = gen.mean %[[Y]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[TWO:.*]] = gen.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_N:.*]] = gen.div %[[SEED]], %[[TWO]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED_N]] : tensor<f32> -> tensor<1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[DY_R:.*]] = gen.reshape %[[DY]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[G:.*]] = gen.broadcast_to %[[DY_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[FLOOR:.*]] = gen.constant dense<-1.000000e+02> : tensor<f32>
// CHECK-NEXT: %[[ONE_MINUS_P:.*]] = gen.sub %[[ONE]], %[[P]] : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[LOGP:.*]] = gen.log %[[P]] : tensor<2x3xf32>
// CHECK-NEXT: %[[LOG1MP:.*]] = gen.log %[[ONE_MINUS_P]] : tensor<2x3xf32>
// CHECK-NEXT: %[[TINY:.*]] = gen.constant dense<1.17549435E-38> : tensor<f32>
// CHECK-NEXT: %[[LOGP_MARGIN:.*]] = gen.sub %[[LOGP]], %[[FLOOR]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[LIVE_P:.*]] = gen.heaviside %[[LOGP_MARGIN]] : tensor<2x3xf32>
// CHECK-NEXT: %[[LOG1MP_MARGIN:.*]] = gen.sub %[[LOG1MP]], %[[FLOOR]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[LIVE_Q:.*]] = gen.heaviside %[[LOG1MP_MARGIN]] : tensor<2x3xf32>
// CHECK-NEXT: %[[ONE_MINUS_T:.*]] = gen.sub %[[ONE]], %[[T]] : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[WEIGHT_Q:.*]] = gen.mul %[[ONE_MINUS_T]], %[[LIVE_Q]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[Q_SAFE:.*]] = gen.max %[[ONE_MINUS_P]], %[[TINY]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[FROM_Q:.*]] = gen.div %[[WEIGHT_Q]], %[[Q_SAFE]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[WEIGHT_P:.*]] = gen.mul %[[T]], %[[LIVE_P]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[P_SAFE:.*]] = gen.max %[[P]], %[[TINY]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[FROM_P:.*]] = gen.div %[[WEIGHT_P]], %[[P_SAFE]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DP_FACTOR:.*]] = gen.sub %[[FROM_Q]], %[[FROM_P]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DP:.*]] = gen.mul %[[G]], %[[DP_FACTOR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: gen.gradient @f::@p, %[[DP]] : tensor<2x3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @bce attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[TINY:.*]] = gen.constant dense<1.17549435E-38> : tensor<f32>
// OPT-NEXT: %[[FLOOR:.*]] = gen.constant dense<-1.000000e+02> : tensor<f32>
// OPT-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// OPT-NEXT: %[[G:.*]] = gen.constant dense<5.000000e-01> : tensor<2x3xf32>
// OPT-NEXT: %[[T:.*]] = gen.get_input @t : tensor<2x3xf32>
// OPT-NEXT: %[[P:.*]] = gen.get_param @f::@p : tensor<2x3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.bce %[[P]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[L:.*]] = gen.mean %[[Y]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// OPT-NEXT: %[[ONE_MINUS_P:.*]] = gen.sub %[[ONE]], %[[P]] : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[LOGP:.*]] = gen.log %[[P]] : tensor<2x3xf32>
// OPT-NEXT: %[[LOG1MP:.*]] = gen.log %[[ONE_MINUS_P]] : tensor<2x3xf32>
// OPT-NEXT: %[[LOGP_MARGIN:.*]] = gen.sub %[[LOGP]], %[[FLOOR]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// OPT-NEXT: %[[LIVE_P:.*]] = gen.heaviside %[[LOGP_MARGIN]] : tensor<2x3xf32>
// OPT-NEXT: %[[LOG1MP_MARGIN:.*]] = gen.sub %[[LOG1MP]], %[[FLOOR]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// OPT-NEXT: %[[LIVE_Q:.*]] = gen.heaviside %[[LOG1MP_MARGIN]] : tensor<2x3xf32>
// OPT-NEXT: %[[ONE_MINUS_T:.*]] = gen.sub %[[ONE]], %[[T]] : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[WEIGHT_Q:.*]] = gen.mul %[[ONE_MINUS_T]], %[[LIVE_Q]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[Q_SAFE:.*]] = gen.max %[[ONE_MINUS_P]], %[[TINY]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// OPT-NEXT: %[[FROM_Q:.*]] = gen.div %[[WEIGHT_Q]], %[[Q_SAFE]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[WEIGHT_P:.*]] = gen.mul %[[T]], %[[LIVE_P]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[P_SAFE:.*]] = gen.max %[[P]], %[[TINY]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// OPT-NEXT: %[[FROM_P:.*]] = gen.div %[[WEIGHT_P]], %[[P_SAFE]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DP_FACTOR:.*]] = gen.sub %[[FROM_Q]], %[[FROM_P]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DP:.*]] = gen.mul %[[G]], %[[DP_FACTOR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: gen.gradient @f::@p, %[[DP]] : tensor<2x3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @bce attributes {batch_size = 2 : i64} {
  gen.input @t : tensor<2x3xf32>
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @p : tensor<2x3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %t = gen.get_input @t : tensor<2x3xf32>
    %p = gen.get_param @f::@p : tensor<2x3xf32>
    %y = gen.bce %p, %t : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2xf32>
    %l = gen.mean %y {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// bce_logits: dz = sigmoid(z) - t.
// CHECK-LABEL: gen.model @bce_logits attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[T:.*]] = gen.get_input @t : tensor<2x3xf32>
// CHECK-NEXT: %[[P:.*]] = gen.get_param @f::@p : tensor<2x3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.bce_logits %[[P]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[L:.*]] = gen.mean %[[Y]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[TWO:.*]] = gen.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_N:.*]] = gen.div %[[SEED]], %[[TWO]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED_N]] : tensor<f32> -> tensor<1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[DY_R:.*]] = gen.reshape %[[DY]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[G:.*]] = gen.broadcast_to %[[DY_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[SIGMOID:.*]] = gen.sigmoid %[[P]] : tensor<2x3xf32>
// CHECK-NEXT: %[[DP_FACTOR:.*]] = gen.sub %[[SIGMOID]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DP:.*]] = gen.mul %[[G]], %[[DP_FACTOR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: gen.gradient @f::@p, %[[DP]] : tensor<2x3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @bce_logits attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[G:.*]] = gen.constant dense<5.000000e-01> : tensor<2x3xf32>
// OPT-NEXT: %[[T:.*]] = gen.get_input @t : tensor<2x3xf32>
// OPT-NEXT: %[[P:.*]] = gen.get_param @f::@p : tensor<2x3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.bce_logits %[[P]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[L:.*]] = gen.mean %[[Y]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// OPT-NEXT: %[[SIGMOID:.*]] = gen.sigmoid %[[P]] : tensor<2x3xf32>
// OPT-NEXT: %[[DP_FACTOR:.*]] = gen.sub %[[SIGMOID]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DP:.*]] = gen.mul %[[G]], %[[DP_FACTOR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: gen.gradient @f::@p, %[[DP]] : tensor<2x3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @bce_logits attributes {batch_size = 2 : i64} {
  gen.input @t : tensor<2x3xf32>
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @p : tensor<2x3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %t = gen.get_input @t : tensor<2x3xf32>
    %p = gen.get_param @f::@p : tensor<2x3xf32>
    %y = gen.bce_logits %p, %t : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2xf32>
    %l = gen.mean %y {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// mse: dp = 2 (p - t) / n with n the elements per example (3).
// CHECK-LABEL: gen.model @mse attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[T:.*]] = gen.get_input @t : tensor<2x3xf32>
// CHECK-NEXT: %[[P:.*]] = gen.get_param @f::@p : tensor<2x3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.mse %[[P]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[L:.*]] = gen.mean %[[Y]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[TWO:.*]] = gen.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_N:.*]] = gen.div %[[SEED]], %[[TWO]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED_N]] : tensor<f32> -> tensor<1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[DY_R:.*]] = gen.reshape %[[DY]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[G:.*]] = gen.broadcast_to %[[DY_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[ERR:.*]] = gen.sub %[[P]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[TWO_OVER_N:.*]] = gen.constant dense<0.666666686> : tensor<f32>
// CHECK-NEXT: %[[SCALED_ERR:.*]] = gen.mul %[[TWO_OVER_N]], %[[ERR]] : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DP:.*]] = gen.mul %[[G]], %[[SCALED_ERR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: gen.gradient @f::@p, %[[DP]] : tensor<2x3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @mse attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[TWO_OVER_N:.*]] = gen.constant dense<0.666666686> : tensor<f32>
// OPT-NEXT: %[[G:.*]] = gen.constant dense<5.000000e-01> : tensor<2x3xf32>
// OPT-NEXT: %[[T:.*]] = gen.get_input @t : tensor<2x3xf32>
// OPT-NEXT: %[[P:.*]] = gen.get_param @f::@p : tensor<2x3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.mse %[[P]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[L:.*]] = gen.mean %[[Y]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// OPT-NEXT: %[[ERR:.*]] = gen.sub %[[P]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[SCALED_ERR:.*]] = gen.mul %[[TWO_OVER_N]], %[[ERR]] : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DP:.*]] = gen.mul %[[G]], %[[SCALED_ERR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: gen.gradient @f::@p, %[[DP]] : tensor<2x3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @mse attributes {batch_size = 2 : i64} {
  gen.input @t : tensor<2x3xf32>
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @p : tensor<2x3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %t = gen.get_input @t : tensor<2x3xf32>
    %p = gen.get_param @f::@p : tensor<2x3xf32>
    %y = gen.mse %p, %t : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2xf32>
    %l = gen.mean %y {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// softmax_cross_entropy: dz = sum(y) softmax(z) - y.
// CHECK-LABEL: gen.model @softmax_cross_entropy attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[T:.*]] = gen.get_input @t : tensor<2x3xf32>
// CHECK-NEXT: %[[P:.*]] = gen.get_param @f::@p : tensor<2x3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.softmax_cross_entropy %[[P]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[L:.*]] = gen.mean %[[Y]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[TWO:.*]] = gen.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_N:.*]] = gen.div %[[SEED]], %[[TWO]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED_N]] : tensor<f32> -> tensor<1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[DY_R:.*]] = gen.reshape %[[DY]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[G:.*]] = gen.broadcast_to %[[DY_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[LSE:.*]] = gen.logsumexp %[[P]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[LSE_R:.*]] = gen.reshape %[[LSE]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[LSE_B:.*]] = gen.broadcast_to %[[LSE_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[SHIFTED:.*]] = gen.sub %[[P]], %[[LSE_B]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[SOFTMAX:.*]] = gen.exp %[[SHIFTED]] : tensor<2x3xf32>
// CHECK-NEXT: %[[MASS:.*]] = gen.sum %[[T]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[MASS_R:.*]] = gen.reshape %[[MASS]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[MASS_B:.*]] = gen.broadcast_to %[[MASS_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[MASS_SOFTMAX:.*]] = gen.mul %[[MASS_B]], %[[SOFTMAX]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DP_FACTOR:.*]] = gen.sub %[[MASS_SOFTMAX]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DP:.*]] = gen.mul %[[G]], %[[DP_FACTOR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: gen.gradient @f::@p, %[[DP]] : tensor<2x3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @softmax_cross_entropy attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[G:.*]] = gen.constant dense<5.000000e-01> : tensor<2x3xf32>
// OPT-NEXT: %[[T:.*]] = gen.get_input @t : tensor<2x3xf32>
// OPT-NEXT: %[[P:.*]] = gen.get_param @f::@p : tensor<2x3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.softmax_cross_entropy %[[P]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[L:.*]] = gen.mean %[[Y]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// OPT-NEXT: %[[LSE:.*]] = gen.logsumexp %[[P]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[LSE_R:.*]] = gen.reshape %[[LSE]] : tensor<2xf32> -> tensor<2x1xf32>
// OPT-NEXT: %[[LSE_B:.*]] = gen.broadcast_to %[[LSE_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[SHIFTED:.*]] = gen.sub %[[P]], %[[LSE_B]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[SOFTMAX:.*]] = gen.exp %[[SHIFTED]] : tensor<2x3xf32>
// OPT-NEXT: %[[MASS:.*]] = gen.sum %[[T]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[MASS_R:.*]] = gen.reshape %[[MASS]] : tensor<2xf32> -> tensor<2x1xf32>
// OPT-NEXT: %[[MASS_B:.*]] = gen.broadcast_to %[[MASS_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[MASS_SOFTMAX:.*]] = gen.mul %[[MASS_B]], %[[SOFTMAX]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DP_FACTOR:.*]] = gen.sub %[[MASS_SOFTMAX]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DP:.*]] = gen.mul %[[G]], %[[DP_FACTOR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: gen.gradient @f::@p, %[[DP]] : tensor<2x3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @softmax_cross_entropy attributes {batch_size = 2 : i64} {
  gen.input @t : tensor<2x3xf32>
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @p : tensor<2x3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %t = gen.get_input @t : tensor<2x3xf32>
    %p = gen.get_param @f::@p : tensor<2x3xf32>
    %y = gen.softmax_cross_entropy %p, %t : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2xf32>
    %l = gen.mean %y {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// With a trained target t [3] that broadcasts to the prediction [2, 3], the
// target adjoint is summed over the batch.
// bce: dt = max(log(1 - p), -100) - max(log p, -100), each log clamped like
// the forward; the logs and 1 - p are shared with dp (see @bce).
// CHECK-LABEL: gen.model @bce_target attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[P:.*]] = gen.get_param @f::@p : tensor<2x3xf32>
// CHECK-NEXT: %[[T:.*]] = gen.get_param @f::@t : tensor<3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.bce %[[P]], %[[T]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[L:.*]] = gen.mean %[[Y]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[TWO:.*]] = gen.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_N:.*]] = gen.div %[[SEED]], %[[TWO]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED_N]] : tensor<f32> -> tensor<1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[DY_R:.*]] = gen.reshape %[[DY]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[G:.*]] = gen.broadcast_to %[[DY_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[FLOOR:.*]] = gen.constant dense<-1.000000e+02> : tensor<f32>
// CHECK-NEXT: %[[ONE_MINUS_P:.*]] = gen.sub %[[ONE]], %[[P]] : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[LOGP:.*]] = gen.log %[[P]] : tensor<2x3xf32>
// CHECK-NEXT: %[[LOG1MP:.*]] = gen.log %[[ONE_MINUS_P]] : tensor<2x3xf32>
// CHECK-NEXT: %[[TINY:.*]] = gen.constant dense<1.17549435E-38> : tensor<f32>
// CHECK-NEXT: %[[LOGP_MARGIN:.*]] = gen.sub %[[LOGP]], %[[FLOOR]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[LIVE_P:.*]] = gen.heaviside %[[LOGP_MARGIN]] : tensor<2x3xf32>
// CHECK-NEXT: %[[LOG1MP_MARGIN:.*]] = gen.sub %[[LOG1MP]], %[[FLOOR]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[LIVE_Q:.*]] = gen.heaviside %[[LOG1MP_MARGIN]] : tensor<2x3xf32>
// CHECK-NEXT: %[[ONE_MINUS_T:.*]] = gen.sub %[[ONE]], %[[T]] : tensor<f32>, tensor<3xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[WEIGHT_Q:.*]] = gen.mul %[[ONE_MINUS_T]], %[[LIVE_Q]] : tensor<3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[Q_SAFE:.*]] = gen.max %[[ONE_MINUS_P]], %[[TINY]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[FROM_Q:.*]] = gen.div %[[WEIGHT_Q]], %[[Q_SAFE]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[WEIGHT_P:.*]] = gen.mul %[[T]], %[[LIVE_P]] : tensor<3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[P_SAFE:.*]] = gen.max %[[P]], %[[TINY]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[FROM_P:.*]] = gen.div %[[WEIGHT_P]], %[[P_SAFE]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DP_FACTOR:.*]] = gen.sub %[[FROM_Q]], %[[FROM_P]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DP:.*]] = gen.mul %[[G]], %[[DP_FACTOR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[LOGP_CLAMPED:.*]] = gen.max %[[LOGP]], %[[FLOOR]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[LOG1MP_CLAMPED:.*]] = gen.max %[[LOG1MP]], %[[FLOOR]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DT_FACTOR:.*]] = gen.sub %[[LOG1MP_CLAMPED]], %[[LOGP_CLAMPED]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DT_FULL:.*]] = gen.mul %[[G]], %[[DT_FACTOR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DT:.*]] = gen.sum %[[DT_FULL]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.gradient @f::@p, %[[DP]] : tensor<2x3xf32>
// CHECK-NEXT: gen.gradient @f::@t, %[[DT]] : tensor<3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @bce_target attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[TINY:.*]] = gen.constant dense<1.17549435E-38> : tensor<f32>
// OPT-NEXT: %[[FLOOR:.*]] = gen.constant dense<-1.000000e+02> : tensor<f32>
// OPT-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// OPT-NEXT: %[[G:.*]] = gen.constant dense<5.000000e-01> : tensor<2x3xf32>
// OPT-NEXT: %[[P:.*]] = gen.get_param @f::@p : tensor<2x3xf32>
// OPT-NEXT: %[[T:.*]] = gen.get_param @f::@t : tensor<3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.bce %[[P]], %[[T]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[L:.*]] = gen.mean %[[Y]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// OPT-NEXT: %[[ONE_MINUS_P:.*]] = gen.sub %[[ONE]], %[[P]] : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[LOGP:.*]] = gen.log %[[P]] : tensor<2x3xf32>
// OPT-NEXT: %[[LOG1MP:.*]] = gen.log %[[ONE_MINUS_P]] : tensor<2x3xf32>
// OPT-NEXT: %[[LOGP_MARGIN:.*]] = gen.sub %[[LOGP]], %[[FLOOR]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// OPT-NEXT: %[[LIVE_P:.*]] = gen.heaviside %[[LOGP_MARGIN]] : tensor<2x3xf32>
// OPT-NEXT: %[[LOG1MP_MARGIN:.*]] = gen.sub %[[LOG1MP]], %[[FLOOR]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// OPT-NEXT: %[[LIVE_Q:.*]] = gen.heaviside %[[LOG1MP_MARGIN]] : tensor<2x3xf32>
// OPT-NEXT: %[[ONE_MINUS_T:.*]] = gen.sub %[[ONE]], %[[T]] : tensor<f32>, tensor<3xf32> -> tensor<3xf32>
// OPT-NEXT: %[[WEIGHT_Q:.*]] = gen.mul %[[ONE_MINUS_T]], %[[LIVE_Q]] : tensor<3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[Q_SAFE:.*]] = gen.max %[[ONE_MINUS_P]], %[[TINY]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// OPT-NEXT: %[[FROM_Q:.*]] = gen.div %[[WEIGHT_Q]], %[[Q_SAFE]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[WEIGHT_P:.*]] = gen.mul %[[T]], %[[LIVE_P]] : tensor<3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[P_SAFE:.*]] = gen.max %[[P]], %[[TINY]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// OPT-NEXT: %[[FROM_P:.*]] = gen.div %[[WEIGHT_P]], %[[P_SAFE]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DP_FACTOR:.*]] = gen.sub %[[FROM_Q]], %[[FROM_P]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DP:.*]] = gen.mul %[[G]], %[[DP_FACTOR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[LOGP_CLAMPED:.*]] = gen.max %[[LOGP]], %[[FLOOR]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// OPT-NEXT: %[[LOG1MP_CLAMPED:.*]] = gen.max %[[LOG1MP]], %[[FLOOR]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DT_FACTOR:.*]] = gen.sub %[[LOG1MP_CLAMPED]], %[[LOGP_CLAMPED]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DT_FULL:.*]] = gen.mul %[[G]], %[[DT_FACTOR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DT:.*]] = gen.sum %[[DT_FULL]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// OPT-NEXT: gen.gradient @f::@p, %[[DP]] : tensor<2x3xf32>
// OPT-NEXT: gen.gradient @f::@t, %[[DT]] : tensor<3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @bce_target attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @p : tensor<2x3xf32> {init = "ones"}
    gen.param @t : tensor<3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %p = gen.get_param @f::@p : tensor<2x3xf32>
    %t = gen.get_param @f::@t : tensor<3xf32>
    %y = gen.bce %p, %t : tensor<2x3xf32>, tensor<3xf32> -> tensor<2xf32>
    %l = gen.mean %y {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// bce_logits: dt = -z.
// CHECK-LABEL: gen.model @bce_logits_target attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[P:.*]] = gen.get_param @f::@p : tensor<2x3xf32>
// CHECK-NEXT: %[[T:.*]] = gen.get_param @f::@t : tensor<3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.bce_logits %[[P]], %[[T]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[L:.*]] = gen.mean %[[Y]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[TWO:.*]] = gen.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_N:.*]] = gen.div %[[SEED]], %[[TWO]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED_N]] : tensor<f32> -> tensor<1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[DY_R:.*]] = gen.reshape %[[DY]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[G:.*]] = gen.broadcast_to %[[DY_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[SIGMOID:.*]] = gen.sigmoid %[[P]] : tensor<2x3xf32>
// CHECK-NEXT: %[[DP_FACTOR:.*]] = gen.sub %[[SIGMOID]], %[[T]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DP:.*]] = gen.mul %[[G]], %[[DP_FACTOR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[G_Z:.*]] = gen.mul %[[G]], %[[P]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DT_FULL:.*]] = gen.neg %[[G_Z]] : tensor<2x3xf32>
// CHECK-NEXT: %[[DT:.*]] = gen.sum %[[DT_FULL]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.gradient @f::@p, %[[DP]] : tensor<2x3xf32>
// CHECK-NEXT: gen.gradient @f::@t, %[[DT]] : tensor<3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @bce_logits_target attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[G:.*]] = gen.constant dense<5.000000e-01> : tensor<2x3xf32>
// OPT-NEXT: %[[P:.*]] = gen.get_param @f::@p : tensor<2x3xf32>
// OPT-NEXT: %[[T:.*]] = gen.get_param @f::@t : tensor<3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.bce_logits %[[P]], %[[T]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[L:.*]] = gen.mean %[[Y]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// OPT-NEXT: %[[SIGMOID:.*]] = gen.sigmoid %[[P]] : tensor<2x3xf32>
// OPT-NEXT: %[[DP_FACTOR:.*]] = gen.sub %[[SIGMOID]], %[[T]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DP:.*]] = gen.mul %[[G]], %[[DP_FACTOR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[G_Z:.*]] = gen.mul %[[G]], %[[P]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DT_FULL:.*]] = gen.neg %[[G_Z]] : tensor<2x3xf32>
// OPT-NEXT: %[[DT:.*]] = gen.sum %[[DT_FULL]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// OPT-NEXT: gen.gradient @f::@p, %[[DP]] : tensor<2x3xf32>
// OPT-NEXT: gen.gradient @f::@t, %[[DT]] : tensor<3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @bce_logits_target attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @p : tensor<2x3xf32> {init = "ones"}
    gen.param @t : tensor<3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %p = gen.get_param @f::@p : tensor<2x3xf32>
    %t = gen.get_param @f::@t : tensor<3xf32>
    %y = gen.bce_logits %p, %t : tensor<2x3xf32>, tensor<3xf32> -> tensor<2xf32>
    %l = gen.mean %y {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// mse: dt = -dp.
// CHECK-LABEL: gen.model @mse_target attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[P:.*]] = gen.get_param @f::@p : tensor<2x3xf32>
// CHECK-NEXT: %[[T:.*]] = gen.get_param @f::@t : tensor<3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.mse %[[P]], %[[T]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[L:.*]] = gen.mean %[[Y]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[TWO:.*]] = gen.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_N:.*]] = gen.div %[[SEED]], %[[TWO]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED_N]] : tensor<f32> -> tensor<1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[DY_R:.*]] = gen.reshape %[[DY]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[G:.*]] = gen.broadcast_to %[[DY_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[ERR:.*]] = gen.sub %[[P]], %[[T]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[TWO_OVER_N:.*]] = gen.constant dense<0.666666686> : tensor<f32>
// CHECK-NEXT: %[[SCALED_ERR:.*]] = gen.mul %[[TWO_OVER_N]], %[[ERR]] : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DP:.*]] = gen.mul %[[G]], %[[SCALED_ERR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DT_FULL:.*]] = gen.neg %[[DP]] : tensor<2x3xf32>
// CHECK-NEXT: %[[DT:.*]] = gen.sum %[[DT_FULL]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.gradient @f::@p, %[[DP]] : tensor<2x3xf32>
// CHECK-NEXT: gen.gradient @f::@t, %[[DT]] : tensor<3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @mse_target attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[TWO_OVER_N:.*]] = gen.constant dense<0.666666686> : tensor<f32>
// OPT-NEXT: %[[G:.*]] = gen.constant dense<5.000000e-01> : tensor<2x3xf32>
// OPT-NEXT: %[[P:.*]] = gen.get_param @f::@p : tensor<2x3xf32>
// OPT-NEXT: %[[T:.*]] = gen.get_param @f::@t : tensor<3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.mse %[[P]], %[[T]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[L:.*]] = gen.mean %[[Y]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// OPT-NEXT: %[[ERR:.*]] = gen.sub %[[P]], %[[T]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[SCALED_ERR:.*]] = gen.mul %[[TWO_OVER_N]], %[[ERR]] : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DP:.*]] = gen.mul %[[G]], %[[SCALED_ERR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DT_FULL:.*]] = gen.neg %[[DP]] : tensor<2x3xf32>
// OPT-NEXT: %[[DT:.*]] = gen.sum %[[DT_FULL]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// OPT-NEXT: gen.gradient @f::@p, %[[DP]] : tensor<2x3xf32>
// OPT-NEXT: gen.gradient @f::@t, %[[DT]] : tensor<3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @mse_target attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @p : tensor<2x3xf32> {init = "ones"}
    gen.param @t : tensor<3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %p = gen.get_param @f::@p : tensor<2x3xf32>
    %t = gen.get_param @f::@t : tensor<3xf32>
    %y = gen.mse %p, %t : tensor<2x3xf32>, tensor<3xf32> -> tensor<2xf32>
    %l = gen.mean %y {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// softmax_cross_entropy: dy = logsumexp(z) - z (the target must have the
// logits' shape).
// CHECK-LABEL: gen.model @softmax_cross_entropy_target attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[P:.*]] = gen.get_param @f::@p : tensor<2x3xf32>
// CHECK-NEXT: %[[T:.*]] = gen.get_param @f::@t : tensor<2x3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.softmax_cross_entropy %[[P]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[L:.*]] = gen.mean %[[Y]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[TWO:.*]] = gen.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_N:.*]] = gen.div %[[SEED]], %[[TWO]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED_N]] : tensor<f32> -> tensor<1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[DY_R:.*]] = gen.reshape %[[DY]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[G:.*]] = gen.broadcast_to %[[DY_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[LSE:.*]] = gen.logsumexp %[[P]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[LSE_R:.*]] = gen.reshape %[[LSE]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[LSE_B:.*]] = gen.broadcast_to %[[LSE_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[SHIFTED:.*]] = gen.sub %[[P]], %[[LSE_B]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[SOFTMAX:.*]] = gen.exp %[[SHIFTED]] : tensor<2x3xf32>
// CHECK-NEXT: %[[MASS:.*]] = gen.sum %[[T]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[MASS_R:.*]] = gen.reshape %[[MASS]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[MASS_B:.*]] = gen.broadcast_to %[[MASS_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[MASS_SOFTMAX:.*]] = gen.mul %[[MASS_B]], %[[SOFTMAX]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DP_FACTOR:.*]] = gen.sub %[[MASS_SOFTMAX]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DP:.*]] = gen.mul %[[G]], %[[DP_FACTOR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DT_FACTOR:.*]] = gen.sub %[[LSE_B]], %[[P]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DT:.*]] = gen.mul %[[G]], %[[DT_FACTOR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: gen.gradient @f::@p, %[[DP]] : tensor<2x3xf32>
// CHECK-NEXT: gen.gradient @f::@t, %[[DT]] : tensor<2x3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @softmax_cross_entropy_target attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[G:.*]] = gen.constant dense<5.000000e-01> : tensor<2x3xf32>
// OPT-NEXT: %[[P:.*]] = gen.get_param @f::@p : tensor<2x3xf32>
// OPT-NEXT: %[[T:.*]] = gen.get_param @f::@t : tensor<2x3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.softmax_cross_entropy %[[P]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[L:.*]] = gen.mean %[[Y]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// OPT-NEXT: %[[LSE:.*]] = gen.logsumexp %[[P]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[LSE_R:.*]] = gen.reshape %[[LSE]] : tensor<2xf32> -> tensor<2x1xf32>
// OPT-NEXT: %[[LSE_B:.*]] = gen.broadcast_to %[[LSE_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[SHIFTED:.*]] = gen.sub %[[P]], %[[LSE_B]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[SOFTMAX:.*]] = gen.exp %[[SHIFTED]] : tensor<2x3xf32>
// OPT-NEXT: %[[MASS:.*]] = gen.sum %[[T]] {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
// OPT-NEXT: %[[MASS_R:.*]] = gen.reshape %[[MASS]] : tensor<2xf32> -> tensor<2x1xf32>
// OPT-NEXT: %[[MASS_B:.*]] = gen.broadcast_to %[[MASS_R]] : tensor<2x1xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[MASS_SOFTMAX:.*]] = gen.mul %[[MASS_B]], %[[SOFTMAX]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DP_FACTOR:.*]] = gen.sub %[[MASS_SOFTMAX]], %[[T]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DP:.*]] = gen.mul %[[G]], %[[DP_FACTOR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DT_FACTOR:.*]] = gen.sub %[[LSE_B]], %[[P]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DT:.*]] = gen.mul %[[G]], %[[DT_FACTOR]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: gen.gradient @f::@p, %[[DP]] : tensor<2x3xf32>
// OPT-NEXT: gen.gradient @f::@t, %[[DT]] : tensor<2x3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @softmax_cross_entropy_target attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @p : tensor<2x3xf32> {init = "ones"}
    gen.param @t : tensor<2x3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %p = gen.get_param @f::@p : tensor<2x3xf32>
    %t = gen.get_param @f::@t : tensor<2x3xf32>
    %y = gen.softmax_cross_entropy %p, %t : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2xf32>
    %l = gen.mean %y {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// Semantics
//===----------------------------------------------------------------------===//

// Freezing: the step updates only @g, but its objective goes through @d.
// Autodiff differentiates through @d's ops (the adjoint reaches @g's output
// through the matmul with @d::@v) but builds no adjoint for @d's parameters:
// the matmul rule computes only the lhs adjoint and @d::@c's add gets none.
// The random draw z gets no adjoint either.
// CHECK-LABEL: gen.model @frozen attributes
// CHECK: gen.step @g_step updates [@g] {
// CHECK-NEXT: %[[Z:.*]] = gen.normal {mean = 0.000000e+00 : f64, stddev = 1.000000e+00 : f64} : tensor<2x3xf32>
// CHECK-NEXT: %[[W:.*]] = gen.get_param @g::@w : tensor<3x3xf32>
// CHECK-NEXT: %[[H:.*]] = gen.matmul %[[Z]], %[[W]] : tensor<2x3xf32>, tensor<3x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[B:.*]] = gen.get_param @g::@b : tensor<3xf32>
// CHECK-NEXT: %[[FAKE:.*]] = gen.add %[[H]], %[[B]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[V:.*]] = gen.get_param @d::@v : tensor<3x1xf32>
// CHECK-NEXT: %[[LOGIT:.*]] = gen.matmul %[[FAKE]], %[[V]] : tensor<2x3xf32>, tensor<3x1xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[C:.*]] = gen.get_param @d::@c : tensor<1xf32>
// CHECK-NEXT: %[[LOGIT2:.*]] = gen.add %[[LOGIT]], %[[C]] : tensor<2x1xf32>, tensor<1xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[LOSS:.*]] = gen.bce_logits %[[LOGIT2]], %[[ONE]] : tensor<2x1xf32>, tensor<f32> -> tensor<2xf32>
// CHECK-NEXT: %[[L:.*]] = gen.mean %[[LOSS]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[TWO:.*]] = gen.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_N:.*]] = gen.div %[[SEED]], %[[TWO]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED_N]] : tensor<f32> -> tensor<1xf32>
// CHECK-NEXT: %[[DLOSS:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[G:.*]] = gen.reshape %[[DLOSS]] : tensor<2xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[SIGMOID:.*]] = gen.sigmoid %[[LOGIT2]] : tensor<2x1xf32>
// CHECK-NEXT: %[[DLOGIT_FACTOR:.*]] = gen.sub %[[SIGMOID]], %[[ONE]] : tensor<2x1xf32>, tensor<f32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[DLOGIT:.*]] = gen.mul %[[G]], %[[DLOGIT_FACTOR]] : tensor<2x1xf32>, tensor<2x1xf32> -> tensor<2x1xf32>
// CHECK-NEXT: %[[DFAKE:.*]] = gen.matmul %[[DLOGIT]], %[[V]] {transpose_rhs} : tensor<2x1xf32>, tensor<3x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DB:.*]] = gen.sum %[[DFAKE]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[DW:.*]] = gen.matmul %[[Z]], %[[DFAKE]] {transpose_lhs} : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<3x3xf32>
// CHECK-NOT: gen.gradient @d::
// CHECK-NEXT: gen.gradient @g::@w, %[[DW]] : tensor<3x3xf32>
// CHECK-NEXT: gen.gradient @g::@b, %[[DB]] : tensor<3xf32>
// CHECK-NOT: gen.gradient @d::
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @frozen attributes
// OPT: gen.step @g_step updates [@g] {
// OPT-NEXT: %[[G:.*]] = gen.constant dense<5.000000e-01> : tensor<2x1xf32>
// OPT-NEXT: %[[ONE:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// OPT-NEXT: %[[Z:.*]] = gen.normal {mean = 0.000000e+00 : f64, stddev = 1.000000e+00 : f64} : tensor<2x3xf32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @g::@w : tensor<3x3xf32>
// OPT-NEXT: %[[H:.*]] = gen.matmul %[[Z]], %[[W]] : tensor<2x3xf32>, tensor<3x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[B:.*]] = gen.get_param @g::@b : tensor<3xf32>
// OPT-NEXT: %[[FAKE:.*]] = gen.add %[[H]], %[[B]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[V:.*]] = gen.get_param @d::@v : tensor<3x1xf32>
// OPT-NEXT: %[[LOGIT:.*]] = gen.matmul %[[FAKE]], %[[V]] : tensor<2x3xf32>, tensor<3x1xf32> -> tensor<2x1xf32>
// OPT-NEXT: %[[C:.*]] = gen.get_param @d::@c : tensor<1xf32>
// OPT-NEXT: %[[LOGIT2:.*]] = gen.add %[[LOGIT]], %[[C]] : tensor<2x1xf32>, tensor<1xf32> -> tensor<2x1xf32>
// OPT-NEXT: %[[LOSS:.*]] = gen.bce_logits %[[LOGIT2]], %[[ONE]] : tensor<2x1xf32>, tensor<f32> -> tensor<2xf32>
// OPT-NEXT: %[[L:.*]] = gen.mean %[[LOSS]] {axes = [0]} : tensor<2xf32> -> tensor<f32>
// OPT-NEXT: %[[SIGMOID:.*]] = gen.sigmoid %[[LOGIT2]] : tensor<2x1xf32>
// OPT-NEXT: %[[DLOGIT_FACTOR:.*]] = gen.sub %[[SIGMOID]], %[[ONE]] : tensor<2x1xf32>, tensor<f32> -> tensor<2x1xf32>
// OPT-NEXT: %[[DLOGIT:.*]] = gen.mul %[[G]], %[[DLOGIT_FACTOR]] : tensor<2x1xf32>, tensor<2x1xf32> -> tensor<2x1xf32>
// OPT-NEXT: %[[DFAKE:.*]] = gen.matmul %[[DLOGIT]], %[[V]] {transpose_rhs} : tensor<2x1xf32>, tensor<3x1xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DB:.*]] = gen.sum %[[DFAKE]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// OPT-NEXT: %[[DW:.*]] = gen.matmul %[[Z]], %[[DFAKE]] {transpose_lhs} : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<3x3xf32>
// OPT-NOT: gen.gradient @d::
// OPT-NEXT: gen.gradient @g::@w, %[[DW]] : tensor<3x3xf32>
// OPT-NEXT: gen.gradient @g::@b, %[[DB]] : tensor<3xf32>
// OPT-NOT: gen.gradient @d::
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @frozen attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  gen.net @g(%z: tensor<2x3xf32>) -> tensor<2x3xf32> {
    gen.param @w : tensor<3x3xf32> {init = "glorot_uniform"}
    gen.param @b : tensor<3xf32> {init = "zeros"}
    %w = gen.get_param @g::@w : tensor<3x3xf32>
    %h = gen.matmul %z, %w : tensor<2x3xf32>, tensor<3x3xf32> -> tensor<2x3xf32>
    %b = gen.get_param @g::@b : tensor<3xf32>
    %y = gen.add %h, %b : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
    gen.return %y : tensor<2x3xf32>
  }
  gen.net @d(%in: tensor<2x3xf32>) -> tensor<2x1xf32> {
    gen.param @v : tensor<3x1xf32> {init = "glorot_uniform"}
    gen.param @c : tensor<1xf32> {init = "zeros"}
    %v = gen.get_param @d::@v : tensor<3x1xf32>
    %h = gen.matmul %in, %v : tensor<2x3xf32>, tensor<3x1xf32> -> tensor<2x1xf32>
    %c = gen.get_param @d::@c : tensor<1xf32>
    %y = gen.add %h, %c : tensor<2x1xf32>, tensor<1xf32> -> tensor<2x1xf32>
    gen.return %y : tensor<2x1xf32>
  }
  gen.step @g_step updates [@g] {
    %z = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<2x3xf32>
    %w = gen.get_param @g::@w : tensor<3x3xf32>
    %h = gen.matmul %z, %w : tensor<2x3xf32>, tensor<3x3xf32> -> tensor<2x3xf32>
    %b = gen.get_param @g::@b : tensor<3xf32>
    %fake = gen.add %h, %b : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
    %v = gen.get_param @d::@v : tensor<3x1xf32>
    %logit = gen.matmul %fake, %v : tensor<2x3xf32>, tensor<3x1xf32> -> tensor<2x1xf32>
    %c = gen.get_param @d::@c : tensor<1xf32>
    %logit2 = gen.add %logit, %c : tensor<2x1xf32>, tensor<1xf32> -> tensor<2x1xf32>
    %one = gen.constant dense<1.0> : tensor<f32>
    %loss = gen.bce_logits %logit2, %one : tensor<2x1xf32>, tensor<f32> -> tensor<2xf32>
    %l = gen.mean %loss {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// A net the objective does not depend on gets no backward ops: @b is
// updated, and its parameter is read and used, but not by the objective.
// CHECK-LABEL: gen.model @unused_net attributes
// CHECK: gen.step @s updates [@a, @b] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @a::@w : tensor<3xf32>
// CHECK-NEXT: %[[V:.*]] = gen.get_param @b::@v : tensor<3xf32>
// CHECK-NEXT: %[[EV:.*]] = gen.exp %[[V]] : tensor<3xf32>
// CHECK-NEXT: %[[LV:.*]] = gen.log %[[EV]] : tensor<3xf32>
// CHECK-NEXT: %[[EW:.*]] = gen.exp %[[W]] : tensor<3xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[EW]] {axes = [0]} : tensor<3xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1xf32>
// CHECK-NEXT: %[[DEW:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[DW:.*]] = gen.mul %[[DEW]], %[[EW]] : tensor<3xf32>, tensor<3xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.gradient @a::@w, %[[DW]] : tensor<3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @unused_net attributes
// OPT: gen.step @s updates [@a, @b] {
// OPT-NEXT: %[[W:.*]] = gen.get_param @a::@w : tensor<3xf32>
// OPT-NEXT: %[[EW:.*]] = gen.exp %[[W]] : tensor<3xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[EW]] {axes = [0]} : tensor<3xf32> -> tensor<f32>
// OPT-NEXT: gen.gradient @a::@w, %[[EW]] : tensor<3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @unused_net attributes {batch_size = 2 : i64} {
  gen.net @a(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.net @b(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @v : tensor<3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@a, @b] {
    %w = gen.get_param @a::@w : tensor<3xf32>
    %v = gen.get_param @b::@v : tensor<3xf32>
    %ev = gen.exp %v : tensor<3xf32>
    %lv = gen.log %ev : tensor<3xf32>
    %ew = gen.exp %w : tensor<3xf32>
    %l = gen.sum %ew {axes = [0]} : tensor<3xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// A parameter read twice gets the sum of the adjoints of its reads (and w2,
// used twice by one mul, the sum of both).
// CHECK-LABEL: gen.model @read_twice attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W1:.*]] = gen.get_param @f::@w : tensor<f32>
// CHECK-NEXT: %[[E:.*]] = gen.exp %[[W1]] : tensor<f32>
// CHECK-NEXT: %[[W2:.*]] = gen.get_param @f::@w : tensor<f32>
// CHECK-NEXT: %[[SQ:.*]] = gen.mul %[[W2]], %[[W2]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[Y:.*]] = gen.add %[[E]], %[[SQ]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[DW2_LHS:.*]] = gen.mul %[[SEED]], %[[W2]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[DW2_RHS:.*]] = gen.mul %[[SEED]], %[[W2]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[DW2:.*]] = gen.add %[[DW2_LHS]], %[[DW2_RHS]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[DW1:.*]] = gen.mul %[[SEED]], %[[E]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: %[[DW:.*]] = gen.add %[[DW1]], %[[DW2]] : tensor<f32>, tensor<f32> -> tensor<f32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// CHECK-NEXT: gen.minimize %[[Y]] : tensor<f32>
// OPT-LABEL: gen.model @read_twice attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// OPT-NEXT: %[[E:.*]] = gen.exp %[[W]] : tensor<f32>
// OPT-NEXT: %[[SQ:.*]] = gen.mul %[[W]], %[[W]] : tensor<f32>, tensor<f32> -> tensor<f32>
// OPT-NEXT: %[[Y:.*]] = gen.add %[[E]], %[[SQ]] : tensor<f32>, tensor<f32> -> tensor<f32>
// OPT-NEXT: %[[DW2:.*]] = gen.add %[[W]], %[[W]] : tensor<f32>, tensor<f32> -> tensor<f32>
// OPT-NEXT: %[[DW:.*]] = gen.add %[[E]], %[[DW2]] : tensor<f32>, tensor<f32> -> tensor<f32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<f32>
// OPT-NEXT: gen.minimize %[[Y]] : tensor<f32>
gen.model @read_twice attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<f32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w1 = gen.get_param @f::@w : tensor<f32>
    %e = gen.exp %w1 : tensor<f32>
    %w2 = gen.get_param @f::@w : tensor<f32>
    %sq = gen.mul %w2, %w2 : tensor<f32>, tensor<f32> -> tensor<f32>
    %y = gen.add %e, %sq : tensor<f32>, tensor<f32> -> tensor<f32>
    gen.minimize %y : tensor<f32>
  }
}

// -----

// Random draws get no adjoint: the reparameterization c = m + exp(s / 2) e
// differentiates through e (a constant for the gradient) and u.
// CHECK-LABEL: gen.model @random attributes
// CHECK: gen.step @elbo updates [@enc] {
// CHECK-NEXT: %[[M:.*]] = gen.get_param @enc::@m : tensor<3xf32>
// CHECK-NEXT: %[[S:.*]] = gen.get_param @enc::@s : tensor<3xf32>
// CHECK-NEXT: %[[HALF:.*]] = gen.constant dense<5.000000e-01> : tensor<f32>
// CHECK-NEXT: %[[HS:.*]] = gen.mul %[[S]], %[[HALF]] : tensor<3xf32>, tensor<f32> -> tensor<3xf32>
// CHECK-NEXT: %[[STD:.*]] = gen.exp %[[HS]] : tensor<3xf32>
// CHECK-NEXT: %[[E:.*]] = gen.normal {mean = 0.000000e+00 : f64, stddev = 1.000000e+00 : f64} : tensor<2x3xf32>
// CHECK-NEXT: %[[NOISE:.*]] = gen.mul %[[STD]], %[[E]] : tensor<3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[C:.*]] = gen.add %[[M]], %[[NOISE]] : tensor<3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[U:.*]] = gen.uniform {high = 1.000000e+00 : f64, low = 0.000000e+00 : f64} : tensor<2x3xf32>
// CHECK-NEXT: %[[CU:.*]] = gen.mul %[[C]], %[[U]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[CU]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DCU:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DC:.*]] = gen.mul %[[DCU]], %[[U]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DM:.*]] = gen.sum %[[DC]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[DNOISE_E:.*]] = gen.mul %[[DC]], %[[E]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DSTD:.*]] = gen.sum %[[DNOISE_E]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[DHS:.*]] = gen.mul %[[DSTD]], %[[STD]] : tensor<3xf32>, tensor<3xf32> -> tensor<3xf32>
// CHECK-NEXT: %[[DS:.*]] = gen.mul %[[DHS]], %[[HALF]] : tensor<3xf32>, tensor<f32> -> tensor<3xf32>
// CHECK-NEXT: gen.gradient @enc::@m, %[[DM]] : tensor<3xf32>
// CHECK-NEXT: gen.gradient @enc::@s, %[[DS]] : tensor<3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @random attributes
// OPT: gen.step @elbo updates [@enc] {
// OPT-NEXT: %[[HALF:.*]] = gen.constant dense<5.000000e-01> : tensor<f32>
// OPT-NEXT: %[[M:.*]] = gen.get_param @enc::@m : tensor<3xf32>
// OPT-NEXT: %[[S:.*]] = gen.get_param @enc::@s : tensor<3xf32>
// OPT-NEXT: %[[HS:.*]] = gen.mul %[[S]], %[[HALF]] : tensor<3xf32>, tensor<f32> -> tensor<3xf32>
// OPT-NEXT: %[[STD:.*]] = gen.exp %[[HS]] : tensor<3xf32>
// OPT-NEXT: %[[E:.*]] = gen.normal {mean = 0.000000e+00 : f64, stddev = 1.000000e+00 : f64} : tensor<2x3xf32>
// OPT-NEXT: %[[NOISE:.*]] = gen.mul %[[STD]], %[[E]] : tensor<3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[C:.*]] = gen.add %[[M]], %[[NOISE]] : tensor<3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[U:.*]] = gen.uniform {high = 1.000000e+00 : f64, low = 0.000000e+00 : f64} : tensor<2x3xf32>
// OPT-NEXT: %[[CU:.*]] = gen.mul %[[C]], %[[U]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[CU]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// OPT-NEXT: %[[DM:.*]] = gen.sum %[[U]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// OPT-NEXT: %[[U_E:.*]] = gen.mul %[[U]], %[[E]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[DSTD:.*]] = gen.sum %[[U_E]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// OPT-NEXT: %[[DHS:.*]] = gen.mul %[[DSTD]], %[[STD]] : tensor<3xf32>, tensor<3xf32> -> tensor<3xf32>
// OPT-NEXT: %[[DS:.*]] = gen.mul %[[DHS]], %[[HALF]] : tensor<3xf32>, tensor<f32> -> tensor<3xf32>
// OPT-NEXT: gen.gradient @enc::@m, %[[DM]] : tensor<3xf32>
// OPT-NEXT: gen.gradient @enc::@s, %[[DS]] : tensor<3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @random attributes {batch_size = 2 : i64} {
  gen.net @enc(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @m : tensor<3xf32> {init = "zeros"}
    gen.param @s : tensor<3xf32> {init = "zeros"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @elbo updates [@enc] {
    %m = gen.get_param @enc::@m : tensor<3xf32>
    %s = gen.get_param @enc::@s : tensor<3xf32>
    %half = gen.constant dense<5.000000e-01> : tensor<f32>
    %hs = gen.mul %s, %half : tensor<3xf32>, tensor<f32> -> tensor<3xf32>
    %std = gen.exp %hs : tensor<3xf32>
    %e = gen.normal {mean = 0.000000e+00 : f64, stddev = 1.000000e+00 : f64} : tensor<2x3xf32>
    %noise = gen.mul %std, %e : tensor<3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
    %c = gen.add %m, %noise : tensor<3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
    %u = gen.uniform {low = 0.000000e+00 : f64, high = 1.000000e+00 : f64} : tensor<2x3xf32>
    %cu = gen.mul %c, %u : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
    %l = gen.sum %cu {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// An op without a gradient rule is fine off the differentiated path: one
// reads only data, the other reads w but does not reach the objective.
// CHECK-LABEL: gen.model @no_rule_off_path attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[X:.*]] = gen.get_input @x : tensor<2x3xf32>
// CHECK-NEXT: %[[O:.*]] = "test.opaque"(%[[X]]) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<3xf32>
// CHECK-NEXT: %[[DEAD:.*]] = "test.opaque"(%[[W]]) : (tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT: %[[Y:.*]] = gen.mul %[[O]], %[[W]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// CHECK-NEXT: %[[SEED:.*]] = gen.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: %[[SEED_R:.*]] = gen.reshape %[[SEED]] : tensor<f32> -> tensor<1x1xf32>
// CHECK-NEXT: %[[DY:.*]] = gen.broadcast_to %[[SEED_R]] : tensor<1x1xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DY_O:.*]] = gen.mul %[[DY]], %[[O]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: %[[DW:.*]] = gen.sum %[[DY_O]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// CHECK-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<3xf32>
// CHECK-NEXT: gen.minimize %[[L]] : tensor<f32>
// OPT-LABEL: gen.model @no_rule_off_path attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[X:.*]] = gen.get_input @x : tensor<2x3xf32>
// OPT-NEXT: %[[O:.*]] = "test.opaque"(%[[X]]) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<3xf32>
// OPT-NEXT: %[[DEAD:.*]] = "test.opaque"(%[[W]]) : (tensor<3xf32>) -> tensor<3xf32>
// OPT-NEXT: %[[Y:.*]] = gen.mul %[[O]], %[[W]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// OPT-NEXT: %[[L:.*]] = gen.sum %[[Y]] {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
// OPT-NEXT: %[[DW:.*]] = gen.sum %[[O]] {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
// OPT-NEXT: gen.gradient @f::@w, %[[DW]] : tensor<3xf32>
// OPT-NEXT: gen.minimize %[[L]] : tensor<f32>
gen.model @no_rule_off_path attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %x = gen.get_input @x : tensor<2x3xf32>
    %o = "test.opaque"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
    %w = gen.get_param @f::@w : tensor<3xf32>
    %dead = "test.opaque"(%w) : (tensor<3xf32>) -> tensor<3xf32>
    %y = gen.mul %o, %w : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
    %l = gen.sum %y {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// A step that already has gradients is left alone.
// CHECK-LABEL: gen.model @already_differentiated attributes
// CHECK: gen.step @s updates [@f] {
// CHECK-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// CHECK-NEXT: %[[Y:.*]] = gen.exp %[[W]] : tensor<f32>
// CHECK-NEXT: gen.gradient @f::@w, %[[Y]] : tensor<f32>
// CHECK-NEXT: gen.minimize %[[Y]] : tensor<f32>
// OPT-LABEL: gen.model @already_differentiated attributes
// OPT: gen.step @s updates [@f] {
// OPT-NEXT: %[[W:.*]] = gen.get_param @f::@w : tensor<f32>
// OPT-NEXT: %[[Y:.*]] = gen.exp %[[W]] : tensor<f32>
// OPT-NEXT: gen.gradient @f::@w, %[[Y]] : tensor<f32>
// OPT-NEXT: gen.minimize %[[Y]] : tensor<f32>
gen.model @already_differentiated attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<f32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<f32>
    %y = gen.exp %w : tensor<f32>
    gen.gradient @f::@w, %y : tensor<f32>
    gen.minimize %y : tensor<f32>
  }
}
