// The objective does not depend on the parameter being trained.
gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  gen.net @f(%v: tensor<2x3xf32>) -> tensor<2x3xf32> {
    gen.param @w : tensor<3xf32> {init = "zeros"}
    gen.return %v : tensor<2x3xf32>
  }
  gen.step @s updates [@f] {
    %x = gen.get_input @x : tensor<2x3xf32>
    %o = gen.sum %x {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %o : tensor<f32>
  }
  gen.train [@s] repeats [1] optimizer "sgd" {lr = 1.0e-01 : f64}
}
