// RUN: genc check-grad -x mlir %s | FileCheck %s --implicit-check-not=nan --implicit-check-not='zero within'

// Shape ops the language does not expose, as gen IR (a complete model; the
// batch is the IR's, 3). The adjoint of a transpose is the inverse
// permutation, of a pad the unpadded slice, of broadcast_to the sum over the
// new and the stretched dimensions.

gen.model @ir_shape_ops attributes {batch_size = 3 : i64} {
  gen.input @x : tensor<3x2x4xf32>

  gen.net @t(%x: tensor<3x2x4xf32>) -> tensor<3x2x4xf32> {
    gen.param @w : tensor<2x4xf32> {init = "normal", init_args = [0.0, 1.0]}
    gen.param @d : tensor<4x3x2xf32> {init = "normal", init_args = [0.0, 1.0]}
    gen.return %x : tensor<3x2x4xf32>
  }
  gen.net @p(%x: tensor<3x2x4xf32>) -> tensor<3x2x4xf32> {
    gen.param @w : tensor<2x4xf32> {init = "normal", init_args = [0.0, 1.0]}
    gen.param @d : tensor<4x3x7xf32> {init = "normal", init_args = [0.0, 1.0]}
    gen.return %x : tensor<3x2x4xf32>
  }
  gen.net @b(%x: tensor<3x2x4xf32>) -> tensor<3x2x4xf32> {
    gen.param @w : tensor<2x1xf32> {init = "normal", init_args = [0.0, 1.0]}
    gen.param @v : tensor<4xf32> {init = "normal", init_args = [0.0, 1.0]}
    gen.return %x : tensor<3x2x4xf32>
  }

  // A rank-3 permutation that is not its own inverse, weighted elementwise.
  gen.step @s_transpose updates [@t] {
    %x = gen.get_input @x : tensor<3x2x4xf32>
    %w = gen.get_param @t::@w : tensor<2x4xf32>
    %xw = gen.mul %x, %w : tensor<3x2x4xf32>, tensor<2x4xf32> -> tensor<3x2x4xf32>
    %y = gen.transpose %xw {permutation = [2, 0, 1]} : tensor<3x2x4xf32> -> tensor<4x3x2xf32>
    %d = gen.get_param @t::@d : tensor<4x3x2xf32>
    %yd = gen.mul %y, %d : tensor<4x3x2xf32>, tensor<4x3x2xf32> -> tensor<4x3x2xf32>
    %z = gen.tanh %yd : tensor<4x3x2xf32>
    %l = gen.sum %z {axes = [0, 1, 2]} : tensor<4x3x2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
  // Padding on both sides of two dimensions; the padded zeros go through
  // the weights as well.
  gen.step @s_pad updates [@p] {
    %x = gen.get_input @x : tensor<3x2x4xf32>
    %w = gen.get_param @p::@w : tensor<2x4xf32>
    %xw = gen.mul %x, %w : tensor<3x2x4xf32>, tensor<2x4xf32> -> tensor<3x2x4xf32>
    %y = gen.pad %xw {low = [0, 1, 2], high = [1, 0, 1]} : tensor<3x2x4xf32> -> tensor<4x3x7xf32>
    %d = gen.get_param @p::@d : tensor<4x3x7xf32>
    %yd = gen.add %y, %d : tensor<4x3x7xf32>, tensor<4x3x7xf32> -> tensor<4x3x7xf32>
    %z = gen.tanh %yd : tensor<4x3x7xf32>
    %l = gen.sum %z {axes = [0, 1, 2]} : tensor<4x3x7xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
  // [2, 1] and [4] broadcast to the batched [3, 2, 4].
  gen.step @s_broadcast updates [@b] {
    %x = gen.get_input @x : tensor<3x2x4xf32>
    %w = gen.get_param @b::@w : tensor<2x1xf32>
    %v = gen.get_param @b::@v : tensor<4xf32>
    %wb = gen.broadcast_to %w : tensor<2x1xf32> -> tensor<3x2x4xf32>
    %vb = gen.broadcast_to %v : tensor<4xf32> -> tensor<3x2x4xf32>
    %a = gen.mul %wb, %x : tensor<3x2x4xf32>, tensor<3x2x4xf32> -> tensor<3x2x4xf32>
    %y = gen.add %a, %vb : tensor<3x2x4xf32>, tensor<3x2x4xf32> -> tensor<3x2x4xf32>
    %z = gen.tanh %y : tensor<3x2x4xf32>
    %l = gen.sum %z {axes = [0, 1, 2]} : tensor<3x2x4xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }

  gen.train [@s_transpose, @s_pad, @s_broadcast] repeats [1, 1, 1] optimizer "sgd" {lr = 1.000000e-01 : f64}
}

// CHECK-LABEL: step s_transpose (batch 3,
// CHECK-NEXT: t.d 4x3x2 rel. error
// CHECK-NEXT: t.w 2x4 rel. error
// CHECK-LABEL: step s_pad (batch 3,
// CHECK-NEXT: p.d 4x3x7 rel. error
// CHECK-NEXT: p.w 2x4 rel. error
// CHECK-LABEL: step s_broadcast (batch 3,
// CHECK-NEXT: b.v 4 rel. error
// CHECK-NEXT: b.w 2x1 rel. error
// CHECK-NEXT: worst relative error {{.*}}: ok
