// RUN: genc check-grad -x mlir %s | FileCheck %s --implicit-check-not=nan --implicit-check-not='zero within'

// Elementwise ops the language does not expose, or not in this form:
//   max(a, b): d = ([a > b], 1 - [a > b]), both operands trained, with
//              broadcasting;
//   pow(a, b) with a trained exponent: d = (b a^(b - 1), a^b log a), here
//              with a positive base, a trained base and exponent of
//              different shapes, and a per-example exponent;
//   heaviside: no adjoint (the mask of relu's rule), next to a trained use.

gen.model @ir_max_pow attributes {batch_size = 3 : i64} {
  gen.input @x : tensor<3x4xf32>

  gen.net @m(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
    gen.param @a : tensor<4xf32> {init = "uniform", init_args = [0.0, 1.0]}
    gen.param @b : tensor<3x1xf32> {init = "uniform", init_args = [0.0, 1.0]}
    gen.return %x : tensor<3x4xf32>
  }
  gen.net @p(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
    gen.param @a : tensor<4xf32> {init = "uniform", init_args = [0.5, 2.0]}
    gen.param @b : tensor<3x1xf32> {init = "uniform", init_args = [0.5, 2.0]}
    gen.param @c : tensor<f32> {init = "constant", init_args = [1.5]}
    gen.return %x : tensor<3x4xf32>
  }
  gen.net @h(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
    gen.param @w : tensor<4xf32> {init = "normal", init_args = [0.0, 1.0]}
    gen.return %x : tensor<3x4xf32>
  }

  // max(x * a, b) + max(x, a): the per-example x against both parameters.
  gen.step @s_max updates [@m] {
    %x = gen.get_input @x : tensor<3x4xf32>
    %a = gen.get_param @m::@a : tensor<4xf32>
    %b = gen.get_param @m::@b : tensor<3x1xf32>
    %xa = gen.mul %x, %a : tensor<3x4xf32>, tensor<4xf32> -> tensor<3x4xf32>
    %m1 = gen.max %xa, %b : tensor<3x4xf32>, tensor<3x1xf32> -> tensor<3x4xf32>
    %m2 = gen.max %x, %a : tensor<3x4xf32>, tensor<4xf32> -> tensor<3x4xf32>
    %s = gen.mul %m1, %m2 : tensor<3x4xf32>, tensor<3x4xf32> -> tensor<3x4xf32>
    %l = gen.sum %s {axes = [0, 1]} : tensor<3x4xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
  // (x + a) ^ b + a ^ (x + c): trained bases and exponents.
  gen.step @s_pow updates [@p] {
    %x = gen.get_input @x : tensor<3x4xf32>
    %a = gen.get_param @p::@a : tensor<4xf32>
    %b = gen.get_param @p::@b : tensor<3x1xf32>
    %c = gen.get_param @p::@c : tensor<f32>
    %xa = gen.add %x, %a : tensor<3x4xf32>, tensor<4xf32> -> tensor<3x4xf32>
    %p1 = gen.pow %xa, %b : tensor<3x4xf32>, tensor<3x1xf32> -> tensor<3x4xf32>
    %xc = gen.add %x, %c : tensor<3x4xf32>, tensor<f32> -> tensor<3x4xf32>
    %p2 = gen.pow %a, %xc : tensor<4xf32>, tensor<3x4xf32> -> tensor<3x4xf32>
    %s = gen.add %p1, %p2 : tensor<3x4xf32>, tensor<3x4xf32> -> tensor<3x4xf32>
    %l = gen.sum %s {axes = [0, 1]} : tensor<3x4xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
  // sum((x * w) * heaviside(x * w - 0.5)): only the first factor is
  // differentiated.
  gen.step @s_heaviside updates [@h] {
    %x = gen.get_input @x : tensor<3x4xf32>
    %w = gen.get_param @h::@w : tensor<4xf32>
    %xw = gen.mul %x, %w : tensor<3x4xf32>, tensor<4xf32> -> tensor<3x4xf32>
    %half = gen.constant dense<5.000000e-01> : tensor<f32>
    %shifted = gen.sub %xw, %half : tensor<3x4xf32>, tensor<f32> -> tensor<3x4xf32>
    %mask = gen.heaviside %shifted : tensor<3x4xf32>
    %y = gen.mul %xw, %mask : tensor<3x4xf32>, tensor<3x4xf32> -> tensor<3x4xf32>
    %z = gen.add %y, %xw : tensor<3x4xf32>, tensor<3x4xf32> -> tensor<3x4xf32>
    %e = gen.exp %z : tensor<3x4xf32>
    %l = gen.sum %e {axes = [0, 1]} : tensor<3x4xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }

  gen.train [@s_max, @s_pow, @s_heaviside] repeats [1, 1, 1] optimizer "sgd" {lr = 1.000000e-01 : f64}
}

// CHECK-LABEL: step s_max (batch 3,
// CHECK-NEXT: m.a 4 rel. error
// CHECK-NEXT: m.b 3x1 rel. error
// CHECK-LABEL: step s_pow (batch 3,
// CHECK-NEXT: p.a 4 rel. error
// CHECK-NEXT: p.b 3x1 rel. error
// CHECK-NEXT: p.c  rel. error
// CHECK-LABEL: step s_heaviside (batch 3,
// CHECK-NEXT: h.w 4 rel. error
// CHECK-NEXT: worst relative error {{.*}}: ok
