// RUN: genc-opt %s --allow-unregistered-dialect -split-input-file -verify-diagnostics --pass-pipeline='gen.model(gen-autodiff)'

// The errors of the gen-autodiff pass (compiler/lib/Dialect/Gen/Transforms/Autodiff.cpp).

// An op with no gradient rule on the path from an updated parameter to the
// objective. (Off that path it is fine: see @no_rule_off_path in
// gen-autodiff.mlir.)
gen.model @no_rule attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<2xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %w = gen.get_param @f::@w : tensor<2xf32>
    // expected-error @+1 {{'test.opaque' op has no gradient rule, but the objective depends on it through a parameter being trained}}
    %y = "test.opaque"(%w) : (tensor<2xf32>) -> tensor<2xf32>
    %l = gen.sum %y {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// The missing rule is found even when the op's result reaches the objective
// through ops that have rules.
gen.model @no_rule_deep attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<3xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %x = gen.get_input @x : tensor<2x3xf32>
    %w = gen.get_param @f::@w : tensor<3xf32>
    %h = gen.mul %x, %w : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
    // expected-error @+1 {{'test.opaque' op has no gradient rule}}
    %o = "test.opaque"(%h) : (tensor<2x3xf32>) -> tensor<2x3xf32>
    %e = gen.exp %o : tensor<2x3xf32>
    %l = gen.sum %e {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// Net calls must be inlined first (-gen-inline-nets).
gen.model @call attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  gen.net @f(%x: tensor<2x3xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<3xf32> {init = "ones"}
    %w = gen.get_param @f::@w : tensor<3xf32>
    %y = gen.mul %x, %w : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
    %s = gen.sum %y {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
    gen.return %s : tensor<2xf32>
  }
  gen.step @s updates [@f] {
    %x = gen.get_input @x : tensor<2x3xf32>
    // expected-error @+1 {{'gen.call' op must be inlined before autodiff (run -gen-inline-nets first)}}
    %y = gen.call @f(%x) : (tensor<2x3xf32>) -> tensor<2xf32>
    %l = gen.mean %y {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// The objective does not depend on the parameters of the updated net @g:
// it reads only the frozen net @d's parameter.
gen.model @no_dependence attributes {batch_size = 2 : i64} {
  gen.net @g(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<2xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  gen.net @d(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @v : tensor<2xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  // expected-error @+1 {{'gen.step' op objective does not depend on any parameter of the nets it updates, so it has no gradient}}
  gen.step @s updates [@g] {
    %w = gen.get_param @g::@w : tensor<2xf32>
    %unused = gen.exp %w : tensor<2xf32>
    %v = gen.get_param @d::@v : tensor<2xf32>
    %l = gen.sum %v {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %l : tensor<f32>
  }
}

// -----

// A constant objective.
gen.model @constant_objective attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    gen.param @w : tensor<2xf32> {init = "ones"}
    gen.return %x : tensor<2xf32>
  }
  // expected-error @+1 {{'gen.step' op objective does not depend on any parameter of the nets it updates}}
  gen.step @s updates [@f] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}
