// RUN: genc-opt %s --gen-inline-nets | FileCheck %s

// @outer calls @inner; the step updates only @outer (so @inner is frozen),
// calls @outer, and calls @inner a second time directly. Every call in the
// steps and in the declarations (gen.generate's two regions, gen.reconstruct,
// gen.discriminate) is replaced by the callee's body, transitively; the nets
// themselves are left as they are.

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>

  // CHECK-LABEL: gen.net @inner(
  // CHECK-SAME: %[[A:[^:]+]]: tensor<8x4xf32>) -> tensor<8x2xf32> {
  // CHECK-NEXT: gen.param @w : tensor<4x2xf32> {init = "glorot_uniform"}
  // CHECK-NEXT: %[[W:.*]] = gen.get_param @inner::@w : tensor<4x2xf32>
  // CHECK-NEXT: %[[Y:.*]] = gen.matmul %[[A]], %[[W]] : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<8x2xf32>
  // CHECK-NEXT: gen.return %[[Y]] : tensor<8x2xf32>
  gen.net @inner(%a: tensor<8x4xf32>) -> tensor<8x2xf32> {
    gen.param @w : tensor<4x2xf32> {init = "glorot_uniform"}
    %w = gen.get_param @inner::@w : tensor<4x2xf32>
    %y = gen.matmul %a, %w : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<8x2xf32>
    gen.return %y : tensor<8x2xf32>
  }

  // The calling net keeps its call.
  // CHECK-LABEL: gen.net @outer(
  // CHECK-SAME: %[[A:[^:]+]]: tensor<8x4xf32>) -> (tensor<8x2xf32>, tensor<8x4xf32>) {
  // CHECK-NEXT: gen.param @b : tensor<2xf32> {init = "zeros"}
  // CHECK-NEXT: %[[H:.*]] = gen.call @inner(%[[A]]) : (tensor<8x4xf32>) -> tensor<8x2xf32>
  // CHECK-NEXT: %[[B:.*]] = gen.get_param @outer::@b : tensor<2xf32>
  // CHECK-NEXT: %[[Y:.*]] = gen.add %[[H]], %[[B]] : tensor<8x2xf32>, tensor<2xf32> -> tensor<8x2xf32>
  // CHECK-NEXT: %[[R:.*]] = gen.relu %[[Y]] : tensor<8x2xf32>
  // CHECK-NEXT: gen.return %[[R]], %[[A]] : tensor<8x2xf32>, tensor<8x4xf32>
  gen.net @outer(%a: tensor<8x4xf32>) -> (tensor<8x2xf32>, tensor<8x4xf32>) {
    gen.param @b : tensor<2xf32> {init = "zeros"}
    %h = gen.call @inner(%a) : (tensor<8x4xf32>) -> tensor<8x2xf32>
    %b = gen.get_param @outer::@b : tensor<2xf32>
    %y = gen.add %h, %b : tensor<8x2xf32>, tensor<2xf32> -> tensor<8x2xf32>
    %r = gen.relu %y : tensor<8x2xf32>
    gen.return %r, %a : tensor<8x2xf32>, tensor<8x4xf32>
  }

  // The second result of @outer is its argument: its uses take the call's
  // operand. Parameter reads still name the net owning the parameter.
  // CHECK-LABEL: gen.step @s updates [@outer] {
  // CHECK-NEXT: %[[X:.*]] = gen.get_input @x : tensor<8x4xf32>
  // CHECK-NEXT: %[[W1:.*]] = gen.get_param @inner::@w : tensor<4x2xf32>
  // CHECK-NEXT: %[[H1:.*]] = gen.matmul %[[X]], %[[W1]] : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<8x2xf32>
  // CHECK-NEXT: %[[B:.*]] = gen.get_param @outer::@b : tensor<2xf32>
  // CHECK-NEXT: %[[Y:.*]] = gen.add %[[H1]], %[[B]] : tensor<8x2xf32>, tensor<2xf32> -> tensor<8x2xf32>
  // CHECK-NEXT: %[[R:.*]] = gen.relu %[[Y]] : tensor<8x2xf32>
  // CHECK-NEXT: %[[W2:.*]] = gen.get_param @inner::@w : tensor<4x2xf32>
  // CHECK-NEXT: %[[H2:.*]] = gen.matmul %[[X]], %[[W2]] : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<8x2xf32>
  // CHECK-NEXT: %[[D:.*]] = gen.sub %[[R]], %[[H2]] : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8x2xf32>
  // CHECK-NEXT: %[[L:.*]] = gen.sum %[[D]] {axes = [0, 1]} : tensor<8x2xf32> -> tensor<f32>
  // CHECK-NEXT: %[[XS:.*]] = gen.sum %[[X]] {axes = [0, 1]} : tensor<8x4xf32> -> tensor<f32>
  // CHECK-NEXT: %[[O:.*]] = gen.add %[[L]], %[[XS]] : tensor<f32>, tensor<f32> -> tensor<f32>
  // CHECK-NEXT: gen.minimize %[[O]] : tensor<f32>
  // CHECK-NEXT: }
  gen.step @s updates [@outer] {
    %x = gen.get_input @x : tensor<8x4xf32>
    %y, %same = gen.call @outer(%x) : (tensor<8x4xf32>) -> (tensor<8x2xf32>, tensor<8x4xf32>)
    %z = gen.call @inner(%x) : (tensor<8x4xf32>) -> tensor<8x2xf32>
    %d = gen.sub %y, %z : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8x2xf32>
    %l = gen.sum %d {axes = [0, 1]} : tensor<8x2xf32> -> tensor<f32>
    %xs = gen.sum %same {axes = [0, 1]} : tensor<8x4xf32> -> tensor<f32>
    %o = gen.add %l, %xs : tensor<f32>, tensor<f32> -> tensor<f32>
    gen.minimize %o : tensor<f32>
  }

  // A step without calls is unchanged.
  // CHECK-LABEL: gen.step @t updates [@inner] {
  // CHECK-NEXT: %[[E:.*]] = gen.normal {mean = 0.000000e+00 : f64, stddev = 1.000000e+00 : f64} : tensor<8x4xf32>
  // CHECK-NEXT: %[[S:.*]] = gen.sum %[[E]] {axes = [0, 1]} : tensor<8x4xf32> -> tensor<f32>
  // CHECK-NEXT: gen.minimize %[[S]] : tensor<f32>
  gen.step @t updates [@inner] {
    %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<8x4xf32>
    %s = gen.sum %e {axes = [0, 1]} : tensor<8x4xf32> -> tensor<f32>
    gen.minimize %s : tensor<f32>
  }
  // Calls inside declarations are inlined too: in both regions of
  // gen.generate (the decode region's argument, the latent, feeds the
  // inlined body) and in the body of the others.
  // CHECK-LABEL: gen.generate @x latent "z" {
  // CHECK-NEXT: %[[E:.*]] = gen.normal {mean = 0.000000e+00 : f64, stddev = 1.000000e+00 : f64} : tensor<8x4xf32>
  // CHECK-NEXT: %[[W:.*]] = gen.get_param @inner::@w : tensor<4x2xf32>
  // CHECK-NEXT: %[[H:.*]] = gen.matmul %[[E]], %[[W]] : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<8x2xf32>
  // CHECK-NEXT: gen.yield %[[H]] : tensor<8x2xf32>
  // CHECK-NEXT: } decode {
  // CHECK-NEXT: ^bb0(%[[Z:.*]]: tensor<8x2xf32>):
  // CHECK-NEXT: %[[C:.*]] = gen.concat %[[Z]], %[[Z]] {axis = 1 : i64} : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8x4xf32>
  // CHECK-NEXT: %[[W:.*]] = gen.get_param @inner::@w : tensor<4x2xf32>
  // CHECK-NEXT: %[[H:.*]] = gen.matmul %[[C]], %[[W]] : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<8x2xf32>
  // CHECK-NEXT: %[[B:.*]] = gen.get_param @outer::@b : tensor<2xf32>
  // CHECK-NEXT: %[[Y:.*]] = gen.add %[[H]], %[[B]] : tensor<8x2xf32>, tensor<2xf32> -> tensor<8x2xf32>
  // CHECK-NEXT: %[[R:.*]] = gen.relu %[[Y]] : tensor<8x2xf32>
  // CHECK-NEXT: %[[X:.*]] = gen.concat %[[R]], %[[R]] {axis = 1 : i64} : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8x4xf32>
  // CHECK-NEXT: gen.yield %[[X]] : tensor<8x4xf32>
  // CHECK-NEXT: }
  gen.generate @x latent "z" {
    %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<8x4xf32>
    %h = gen.call @inner(%e) : (tensor<8x4xf32>) -> tensor<8x2xf32>
    gen.yield %h : tensor<8x2xf32>
  } decode {
  ^bb0(%z: tensor<8x2xf32>):
    %c = gen.concat %z, %z {axis = 1 : i64} : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8x4xf32>
    %r, %same = gen.call @outer(%c) : (tensor<8x4xf32>) -> (tensor<8x2xf32>, tensor<8x4xf32>)
    %x = gen.concat %r, %r {axis = 1 : i64} : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8x4xf32>
    gen.yield %x : tensor<8x4xf32>
  }
  // CHECK-LABEL: gen.reconstruct @x {
  // CHECK-NEXT: %[[X:.*]] = gen.get_input @x : tensor<8x4xf32>
  // CHECK-NEXT: %[[W:.*]] = gen.get_param @inner::@w : tensor<4x2xf32>
  // CHECK-NEXT: %[[H:.*]] = gen.matmul %[[X]], %[[W]] : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<8x2xf32>
  // CHECK-NEXT: %[[B:.*]] = gen.get_param @outer::@b : tensor<2xf32>
  // CHECK-NEXT: %[[Y:.*]] = gen.add %[[H]], %[[B]] : tensor<8x2xf32>, tensor<2xf32> -> tensor<8x2xf32>
  // CHECK-NEXT: %[[R:.*]] = gen.relu %[[Y]] : tensor<8x2xf32>
  // CHECK-NEXT: %[[S:.*]] = gen.relu %[[X]] : tensor<8x4xf32>
  // CHECK-NEXT: gen.yield %[[S]] : tensor<8x4xf32>
  // CHECK-NEXT: }
  gen.reconstruct @x {
    %x = gen.get_input @x : tensor<8x4xf32>
    %r, %same = gen.call @outer(%x) : (tensor<8x4xf32>) -> (tensor<8x2xf32>, tensor<8x4xf32>)
    %s = gen.relu %same : tensor<8x4xf32>
    gen.yield %s : tensor<8x4xf32>
  }
  // CHECK-LABEL: gen.discriminate @x {
  // CHECK-NOT: gen.call
  // CHECK: gen.yield
  gen.discriminate @x {
    %x = gen.get_input @x : tensor<8x4xf32>
    %h = gen.call @inner(%x) : (tensor<8x4xf32>) -> tensor<8x2xf32>
    %s = gen.sum %h {axes = [1]} : tensor<8x2xf32> -> tensor<8xf32>
    gen.yield %s : tensor<8xf32>
  }
  // CHECK: gen.train [@s, @t]
  gen.train [@s, @t] repeats [1, 1] optimizer "sgd" {lr = 0.1}
}
