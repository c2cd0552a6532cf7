// tanh-rule.mlir - see check-grad-bounds.test.
module {
  gen.model @t attributes {batch_size = 2 : i64} {
    gen.input @x : tensor<2x3xf32>
    gen.net @f(%arg0: tensor<2x3xf32> {gen.name = "x"}) -> tensor<2xf32> {
      gen.param @w : tensor<3xf32> {init = "normal", init_args = [0.000000e+00, 1.000000e+00]}
      %0 = gen.get_param @f::@w : tensor<3xf32>
      %1 = gen.mul %arg0, %0 : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
      %2 = gen.tanh %1 : tensor<2x3xf32>
      %3 = gen.sum %2 {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
      gen.return %3 : tensor<2xf32>
    }
    gen.step @s updates [@f] {
      %0 = gen.constant dense<1.000000e+00> : tensor<f32>
      %1 = gen.constant dense<5.000000e-01> : tensor<2x3xf32>
      %2 = gen.get_input @x : tensor<2x3xf32>
      %3 = gen.get_param @f::@w : tensor<3xf32>
      %4 = gen.mul %2, %3 : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
      %5 = gen.tanh %4 : tensor<2x3xf32>
      %6 = gen.sum %5 {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
      %7 = gen.mean %6 {axes = [0]} : tensor<2xf32> -> tensor<f32>
      %8 = gen.mul %5, %5 : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
      %9 = gen.sub %0, %8 : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
      %10 = gen.mul %1, %9 : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
      %11 = gen.mul %10, %2 : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
      %12 = gen.sum %11 {axes = [0]} : tensor<2x3xf32> -> tensor<3xf32>
      gen.gradient @f::@w, %12 : tensor<3xf32>
      gen.minimize %7 : tensor<f32>
    }
    gen.train [@s] repeats [1] optimizer "sgd" {lr = 1.000000e-01 : f64}
  }
}

