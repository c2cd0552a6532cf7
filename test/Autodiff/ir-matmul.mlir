// RUN: genc check-grad -x mlir %s | FileCheck %s --implicit-check-not=nan --implicit-check-not='zero within'

// gen.matmul with each combination of transpose flags (dense only emits the
// plain form). With C = op(A) op(B): d op(A) = dC op(B)^T and
// d op(B) = op(A)^T dC. Both operands are trained: A is the per-example x
// [3, 4] scaled by a parameter s, B a parameter.

gen.model @ir_matmul attributes {batch_size = 3 : i64} {
  gen.input @x : tensor<3x4xf32>

  gen.net @nn(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
    gen.param @s : tensor<4xf32> {init = "normal", init_args = [0.0, 1.0]}
    gen.param @b : tensor<4x2xf32> {init = "normal", init_args = [0.0, 1.0]}
    gen.return %x : tensor<3x4xf32>
  }
  gen.net @tn(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
    gen.param @s : tensor<4xf32> {init = "normal", init_args = [0.0, 1.0]}
    gen.param @b : tensor<3x2xf32> {init = "normal", init_args = [0.0, 1.0]}
    gen.return %x : tensor<3x4xf32>
  }
  gen.net @nt(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
    gen.param @s : tensor<4xf32> {init = "normal", init_args = [0.0, 1.0]}
    gen.param @b : tensor<2x4xf32> {init = "normal", init_args = [0.0, 1.0]}
    gen.return %x : tensor<3x4xf32>
  }
  gen.net @tt(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
    gen.param @s : tensor<4xf32> {init = "normal", init_args = [0.0, 1.0]}
    gen.param @b : tensor<5x3xf32> {init = "normal", init_args = [0.0, 1.0]}
    gen.return %x : tensor<3x4xf32>
  }

  // [3, 4] x [4, 2] -> [3, 2]
  gen.step @s_nn updates [@nn] {
    %x = gen.get_input @x : tensor<3x4xf32>
    %s = gen.get_param @nn::@s : tensor<4xf32>
    %b = gen.get_param @nn::@b : tensor<4x2xf32>
    %a = gen.mul %x, %s : tensor<3x4xf32>, tensor<4xf32> -> tensor<3x4xf32>
    %c = gen.matmul %a, %b : tensor<3x4xf32>, tensor<4x2xf32> -> tensor<3x2xf32>
    %t = gen.tanh %c : tensor<3x2xf32>
    %l = gen.sum %t {axes = [0, 1]} : tensor<3x2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
  // [3, 4]^T x [3, 2] -> [4, 2]
  gen.step @s_tn updates [@tn] {
    %x = gen.get_input @x : tensor<3x4xf32>
    %s = gen.get_param @tn::@s : tensor<4xf32>
    %b = gen.get_param @tn::@b : tensor<3x2xf32>
    %a = gen.mul %x, %s : tensor<3x4xf32>, tensor<4xf32> -> tensor<3x4xf32>
    %c = gen.matmul %a, %b {transpose_lhs} : tensor<3x4xf32>, tensor<3x2xf32> -> tensor<4x2xf32>
    %t = gen.tanh %c : tensor<4x2xf32>
    %l = gen.sum %t {axes = [0, 1]} : tensor<4x2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
  // [3, 4] x [2, 4]^T -> [3, 2]
  gen.step @s_nt updates [@nt] {
    %x = gen.get_input @x : tensor<3x4xf32>
    %s = gen.get_param @nt::@s : tensor<4xf32>
    %b = gen.get_param @nt::@b : tensor<2x4xf32>
    %a = gen.mul %x, %s : tensor<3x4xf32>, tensor<4xf32> -> tensor<3x4xf32>
    %c = gen.matmul %a, %b {transpose_rhs} : tensor<3x4xf32>, tensor<2x4xf32> -> tensor<3x2xf32>
    %t = gen.tanh %c : tensor<3x2xf32>
    %l = gen.sum %t {axes = [0, 1]} : tensor<3x2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
  // [3, 4]^T x [5, 3]^T -> [4, 5]
  gen.step @s_tt updates [@tt] {
    %x = gen.get_input @x : tensor<3x4xf32>
    %s = gen.get_param @tt::@s : tensor<4xf32>
    %b = gen.get_param @tt::@b : tensor<5x3xf32>
    %a = gen.mul %x, %s : tensor<3x4xf32>, tensor<4xf32> -> tensor<3x4xf32>
    %c = gen.matmul %a, %b {transpose_lhs, transpose_rhs} : tensor<3x4xf32>, tensor<5x3xf32> -> tensor<4x5xf32>
    %t = gen.tanh %c : tensor<4x5xf32>
    %l = gen.sum %t {axes = [0, 1]} : tensor<4x5xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }

  gen.train [@s_nn, @s_tn, @s_nt, @s_tt] repeats [1, 1, 1, 1] optimizer "sgd" {lr = 1.000000e-01 : f64}
}

// CHECK-LABEL: step s_nn (batch 3,
// CHECK-NEXT: nn.b 4x2 rel. error
// CHECK-NEXT: nn.s 4 rel. error
// CHECK-LABEL: step s_tn (batch 3,
// CHECK-NEXT: tn.b 3x2 rel. error
// CHECK-NEXT: tn.s 4 rel. error
// CHECK-LABEL: step s_nt (batch 3,
// CHECK-NEXT: nt.b 2x4 rel. error
// CHECK-NEXT: nt.s 4 rel. error
// CHECK-LABEL: step s_tt (batch 3,
// CHECK-NEXT: tt.b 5x3 rel. error
// CHECK-NEXT: tt.s 4 rel. error
// CHECK-NEXT: worst relative error {{.*}}: ok
