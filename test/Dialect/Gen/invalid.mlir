// RUN: genc-opt %s -split-input-file -verify-diagnostics

// One case per verifier rule and per type-inference error of the gen dialect
// (compiler/lib/Dialect/Gen/IR/GenOps.cpp, GenShapeInference.cpp). Generic
// forms with a wrong operand count are caught by the ODS operand-count traits,
// which run before type inference.

//===----------------------------------------------------------------------===//
// gen.model
//===----------------------------------------------------------------------===//

// expected-error @+1 {{'gen.model' op batch_size must be positive, got 0}}
gen.model @m attributes {batch_size = 0 : i64} {
}

// -----

// expected-error @+1 {{'gen.model' op batch_size must be positive, got -4}}
gen.model @m attributes {batch_size = -4 : i64} {
}

// -----

// expected-error @+1 {{'gen.model' op requires attribute 'batch_size'}}
"gen.model"() ({
^bb0:
}) {sym_name = "m"} : () -> ()

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  gen.train [@s] repeats [1] optimizer "sgd" {lr = 0.1}
  // expected-error @+1 {{'gen.train' op a model has at most one train op}}
  gen.train [@s] repeats [1] optimizer "sgd" {lr = 0.2}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.net' op calls itself through the net call graph (recursion is not allowed)}}
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %y = gen.call @n(%x) : (tensor<8x4xf32>) -> tensor<8x4xf32>
    gen.return %y : tensor<8x4xf32>
  }
}

// -----

// Recursion between two nets, through a third one.
gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.net' op calls itself through the net call graph (recursion is not allowed)}}
  gen.net @a(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %y = gen.call @b(%x) : (tensor<8x4xf32>) -> tensor<8x4xf32>
    gen.return %y : tensor<8x4xf32>
  }
  gen.net @b(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %y = gen.call @c(%x) : (tensor<8x4xf32>) -> tensor<8x4xf32>
    gen.return %y : tensor<8x4xf32>
  }
  gen.net @c(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %y = gen.call @a(%x) : (tensor<8x4xf32>) -> tensor<8x4xf32>
    gen.return %y : tensor<8x4xf32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// gen.input
//===----------------------------------------------------------------------===//

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.input' op type must be a statically shaped tensor of f32, got 'tensor<?x4xf32>'}}
  gen.input @x : tensor<?x4xf32>
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.input' op type must be a statically shaped tensor of f32, got 'tensor<8x4xf64>'}}
  gen.input @x : tensor<8x4xf64>
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.input' op attribute 'tensor_type' failed to satisfy constraint: ranked tensor type attribute}}
  gen.input @x : tensor<*xf32>
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.input' op input type must have the batch size 8 as leading dimension, got 'tensor<4x4xf32>'}}
  gen.input @x : tensor<4x4xf32>
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.input' op input type must have the batch size 8 as leading dimension, got 'tensor<f32>'}}
  gen.input @x : tensor<f32>
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.input' op a label of 1 classes must be one-hot rows of at least 2 classes, got 'tensor<8x1xf32>'}}
  gen.input @y : tensor<8x1xf32> {label_classes = 1 : i64}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.input' op a label of 4 classes must be one-hot rows of at least 2 classes, got 'tensor<8x3xf32>'}}
  gen.input @y : tensor<8x3xf32> {label_classes = 4 : i64}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.input' op a label of 3 classes must be one-hot rows of at least 2 classes, got 'tensor<8x3x1xf32>'}}
  gen.input @y : tensor<8x3x1xf32> {label_classes = 3 : i64}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.input' op requires attribute 'tensor_type'}}
  "gen.input"() {sym_name = "x"} : () -> ()
}

// -----

// expected-error @+1 {{'gen.input' op expects parent op 'gen.model'}}
gen.input @x : tensor<8x4xf32>

// -----

//===----------------------------------------------------------------------===//
// gen.param
//===----------------------------------------------------------------------===//

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.param' op expects parent op 'gen.net'}}
  gen.param @w : tensor<4xf32> {init = "zeros"}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op type must be a statically shaped tensor of f32, got 'tensor<?xf32>'}}
    gen.param @w : tensor<?xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op type must be a statically shaped tensor of f32, got 'tensor<4xi32>'}}
    gen.param @w : tensor<4xi32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op unknown initializer 'xavier' (expected zeros, ones, constant, normal, uniform, glorot_uniform, he_normal or kmeans_pp)}}
    gen.param @w : tensor<4xf32> {init = "xavier"}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op 'init_from' goes only with the kmeans_pp initializer}}
    gen.param @w : tensor<3x4xf32> {init = "zeros", init_from = @x}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op the kmeans_pp initializer needs 'init_from', the input it seeds from}}
    gen.param @w : tensor<3x4xf32> {init = "kmeans_pp"}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op 'init_from' names @n, which is not a gen.input}}
    gen.param @w : tensor<3x4xf32> {init = "kmeans_pp", init_from = @n}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op seeded from @x must have shape [K, 4] (K rows of its examples)}}
    gen.param @w : tensor<3x2xf32> {init = "kmeans_pp", init_from = @x}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op initializer 'zeros' takes 0 argument(s), got 1}}
    gen.param @w : tensor<4xf32> {init = "zeros", init_args = [1.0]}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op initializer 'constant' takes 1 argument(s), got 0}}
    gen.param @w : tensor<4xf32> {init = "constant"}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op initializer 'normal' takes 2 argument(s), got 1}}
    gen.param @w : tensor<4xf32> {init = "normal", init_args = [0.0]}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op initializer 'uniform' takes 2 argument(s), got 3}}
    gen.param @w : tensor<4xf32> {init = "uniform", init_args = [0.0, 1.0, 2.0]}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op normal initializer needs a positive stddev}}
    gen.param @w : tensor<4xf32> {init = "normal", init_args = [0.0, 0.0]}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op normal initializer needs a positive stddev}}
    gen.param @w : tensor<4xf32> {init = "normal", init_args = [0.0, -1.0]}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op uniform initializer needs low < high}}
    gen.param @w : tensor<4xf32> {init = "uniform", init_args = [1.0, 1.0]}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op uniform initializer needs low < high}}
    gen.param @w : tensor<4xf32> {init = "uniform", init_args = [1.0, -1.0]}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op attribute 'init_args' failed to satisfy constraint: 64-bit float array attribute}}
    gen.param @w : tensor<4xf32> {init = "constant", init_args = [1, 2]}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.param' op requires attribute 'init'}}
    "gen.param"() {sym_name = "w", tensor_type = tensor<4xf32>} : () -> ()
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// gen.net and gen.return
//===----------------------------------------------------------------------===//

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.net' op argument must have the batch size 8 as leading dimension, got 'tensor<4x4xf32>'}}
  gen.net @n(%x: tensor<4x4xf32>) -> tensor<8x4xf32> {
    %y = gen.broadcast_to %x : tensor<4x4xf32> -> tensor<8x4x4xf32>
    %z = gen.sum %y {axes = [1]} : tensor<8x4x4xf32> -> tensor<8x4xf32>
    gen.return %z : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.net' op argument must have the batch size 8 as leading dimension, got 'i32'}}
  gen.net @n(%x: tensor<8x4xf32>, %i: i32) -> tensor<8x4xf32> {
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.net' op argument must have the batch size 8 as leading dimension, got 'tensor<f32>'}}
  gen.net @n(%x: tensor<8x4xf32>, %s: tensor<f32>) -> tensor<8x4xf32> {
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.net' op must return at least one tensor}}
  gen.net @n(%x: tensor<8x4xf32>) {
    gen.return
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.net' op result must have the batch size 8 as leading dimension, got 'tensor<4xf32>'}}
  gen.net @n(%x: tensor<8x4xf32>) -> (tensor<8x4xf32>, tensor<4xf32>) {
    %s = gen.sum %x {axes = [0]} : tensor<8x4xf32> -> tensor<4xf32>
    gen.return %x, %s : tensor<8x4xf32>, tensor<4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.net' op body must end with gen.return}}
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.net' op body must end with gen.return}}
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  }
}

// -----

// A net without a body: the SymbolTable trait reports it before verifyNet.
gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.net' op Operations with a 'SymbolTable' must have exactly one block}}
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32>
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.net' op requires a type attribute 'type'}}
  "gen.net"() ({
  ^bb0(%x: tensor<8x4xf32>):
    gen.return %x : tensor<8x4xf32>
  }) {sym_name = "n"} : () -> ()
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  // expected-error @+1 {{'gen.net' op entry block must have 1 arguments to match function signature}}
  "gen.net"() ({
  ^bb0:
    %c = gen.constant dense<1.0> : tensor<8x4xf32>
    gen.return %c : tensor<8x4xf32>
  }) {sym_name = "n", type = (tensor<8x4xf32>) -> tensor<8x4xf32>} : () -> ()
}

// -----

// expected-error @+1 {{'gen.net' op expects parent op 'gen.model'}}
gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  gen.return %x : tensor<8x4xf32>
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> (tensor<8x4xf32>, tensor<8x4xf32>) {
    // expected-error @+1 {{'gen.return' op returns 1 value(s) but the net declares 2}}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x3xf32> {
    // expected-error @+1 {{'gen.return' op result #0 has type 'tensor<8x4xf32>' but the net declares 'tensor<8x3xf32>'}}
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

// expected-error @+1 {{'gen.return' op expects parent op 'gen.net'}}
gen.return

// -----

//===----------------------------------------------------------------------===//
// gen.step and gen.minimize
//===----------------------------------------------------------------------===//

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  // expected-error @+1 {{'gen.step' op body must end with gen.minimize}}
  gen.step @s updates [@n] {
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  // expected-error @+1 {{'gen.step' op must update at least one net}}
  gen.step @s updates [] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  // expected-error @+1 {{'gen.step' op updates @n twice}}
  gen.step @s updates [@n, @n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  // expected-error @+1 {{'gen.step' op updates @x, which is not a net of this model}}
  gen.step @s updates [@n, @x] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  // expected-error @+1 {{'gen.step' op updates @nope, which is not a net of this model}}
  gen.step @s updates [@nope] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.return %x : tensor<8x4xf32>
  }
  // expected-error @+1 {{'gen.step' op updates no parameters: the nets it names own none}}
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<8xf32>
    // expected-error @+1 {{'gen.minimize' op operand #0 must be 0D tensor of 32-bit float values, but got 'tensor<8xf32>'}}
    gen.minimize %c : tensor<8xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    // expected-error @+1 {{'gen.minimize' op must be the last operation in the parent block}}
    gen.minimize %c : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// gen.train
//===----------------------------------------------------------------------===//

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op unknown optimizer 'rmsprop' (expected sgd, momentum or adam)}}
  gen.train [@s] repeats [1] optimizer "rmsprop" {lr = 0.1}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op schedule names no step}}
  gen.train [] repeats [] optimizer "sgd" {lr = 0.1}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op has 1 steps but 2 repeat counts}}
  gen.train [@s] repeats [1, 2] optimizer "sgd" {lr = 0.1}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op has 2 steps but 1 repeat counts}}
  gen.train [@s, @s] repeats [1] optimizer "sgd" {lr = 0.1}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op repeat counts must be at least 1}}
  gen.train [@s] repeats [0] optimizer "sgd" {lr = 0.1}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op repeat counts must be at least 1}}
  gen.train [@s] repeats [-1] optimizer "adam" {lr = 0.1}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op optimizer 'sgd' has no hyperparameter 'beta'}}
  gen.train [@s] repeats [1] optimizer "sgd" {lr = 0.1, beta = 0.9}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op optimizer 'momentum' has no hyperparameter 'beta1'}}
  gen.train [@s] repeats [1] optimizer "momentum" {lr = 0.1, beta1 = 0.9}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op optimizer 'adam' has no hyperparameter 'momentum'}}
  gen.train [@s] repeats [1] optimizer "adam" {lr = 0.1, momentum = 0.9}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op hyperparameter 'lr' must be a float}}
  gen.train [@s] repeats [1] optimizer "sgd" {lr = 1}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op hyperparameter 'lr' must be a float}}
  gen.train [@s] repeats [1] optimizer "sgd" {lr = "fast"}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op hyperparameter 'lr' is out of range: 0.000000e+00}}
  gen.train [@s] repeats [1] optimizer "sgd" {lr = 0.0}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op hyperparameter 'lr' is out of range: -1.000000e+00}}
  gen.train [@s] repeats [1] optimizer "sgd" {lr = -1.0}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op hyperparameter 'beta' is out of range: 1.000000e+00}}
  gen.train [@s] repeats [1] optimizer "momentum" {lr = 0.1, beta = 1.0}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op hyperparameter 'beta1' is out of range: -5.000000e-01}}
  gen.train [@s] repeats [1] optimizer "adam" {lr = 0.1, beta1 = -0.5}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op hyperparameter 'beta2' is out of range: 1.500000e+00}}
  gen.train [@s] repeats [1] optimizer "adam" {lr = 0.1, beta2 = 1.5}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op hyperparameter 'eps' is out of range: 0.000000e+00}}
  gen.train [@s] repeats [1] optimizer "adam" {lr = 0.1, eps = 0.0}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op optimizer needs a learning rate 'lr'}}
  gen.train [@s] repeats [1] optimizer "adam" {beta1 = 0.5}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op optimizer needs a learning rate 'lr'}}
  gen.train [@s] repeats [1] optimizer "sgd" {}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op schedule names @n, which is not a step of this model}}
  gen.train [@s, @n] repeats [1, 1] optimizer "sgd" {lr = 0.1}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op schedule names @nope, which is not a step of this model}}
  gen.train [@nope] repeats [1] optimizer "sgd" {lr = 0.1}
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
  // expected-error @+1 {{'gen.train' op requires attribute 'repeats'}}
  "gen.train"() {schedule = [@s], optimizer = "sgd", hyperparams = {lr = 1.0e-01 : f64}} : () -> ()
}

// -----

//===----------------------------------------------------------------------===//
// gen.get_input, gen.get_param, gen.call
//===----------------------------------------------------------------------===//

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    // expected-error @+1 {{'gen.get_input' op @nope does not name an input of the enclosing model}}
    %x = gen.get_input @nope : tensor<8x4xf32>
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    // expected-error @+1 {{'gen.get_input' op @n does not name an input of the enclosing model}}
    %x = gen.get_input @n : tensor<8x4xf32>
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    // expected-error @+1 {{'gen.get_input' op type 'tensor<8x5xf32>' differs from the input's 'tensor<8x4xf32>'}}
    %x = gen.get_input @x : tensor<8x5xf32>
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    // expected-error @+1 {{'gen.get_input' op type 'tensor<?x4xf32>' differs from the input's 'tensor<8x4xf32>'}}
    %x = "gen.get_input"() {input = @x} : () -> tensor<?x4xf32>
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

// expected-error @+1 {{'gen.get_input' op must be inside a gen.model}}
%x = gen.get_input @x : tensor<8x4xf32>

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    // expected-error @+1 {{'gen.get_param' op parameter must be named @net::@param, got @w}}
    %w = gen.get_param @w : tensor<4xf32>
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    // expected-error @+1 {{'gen.get_param' op parameter must be named @net::@param, got @n::@w::@v}}
    %w = gen.get_param @n::@w::@v : tensor<4xf32>
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    // expected-error @+1 {{'gen.get_param' op @n::@nope does not name a parameter of the enclosing model}}
    %w = gen.get_param @n::@nope : tensor<4xf32>
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    // expected-error @+1 {{'gen.get_param' op @x::@w does not name a parameter of the enclosing model}}
    %w = gen.get_param @x::@w : tensor<4xf32>
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    // expected-error @+1 {{'gen.get_param' op type 'tensor<5xf32>' differs from the parameter's 'tensor<4xf32>'}}
    %w = gen.get_param @n::@w : tensor<5xf32>
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    // expected-error @+1 {{'gen.get_param' op type 'tensor<4xf64>' differs from the parameter's 'tensor<4xf32>'}}
    %w = "gen.get_param"() {param = @n::@w} : () -> tensor<4xf64>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %x = gen.get_input @x : tensor<8x4xf32>
    // expected-error @+1 {{'gen.call' op @nope does not name a net of the enclosing model}}
    %y = gen.call @nope(%x) : (tensor<8x4xf32>) -> tensor<8x4xf32>
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %x = gen.get_input @x : tensor<8x4xf32>
    // expected-error @+1 {{'gen.call' op @x does not name a net of the enclosing model}}
    %y = gen.call @x(%x) : (tensor<8x4xf32>) -> tensor<8x4xf32>
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %x = gen.constant dense<1.0> : tensor<8x3xf32>
    // expected-error @+1 {{'gen.call' op type '(tensor<8x3xf32>) -> tensor<8x4xf32>' differs from the net's '(tensor<8x4xf32>) -> tensor<8x4xf32>'}}
    %y = gen.call @n(%x) : (tensor<8x3xf32>) -> tensor<8x4xf32>
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %x = gen.get_input @x : tensor<8x4xf32>
    // expected-error @+1 {{'gen.call' op type '(tensor<8x4xf32>) -> (tensor<8x4xf32>, tensor<8x4xf32>)' differs from the net's '(tensor<8x4xf32>) -> tensor<8x4xf32>'}}
    %y:2 = gen.call @n(%x) : (tensor<8x4xf32>) -> (tensor<8x4xf32>, tensor<8x4xf32>)
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.input @x : tensor<8x4xf32>
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
    %x = gen.get_input @x : tensor<8x4xf32>
    // expected-error @+1 {{'gen.call' op type '(tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>' differs from the net's '(tensor<8x4xf32>) -> tensor<8x4xf32>'}}
    %y = gen.call @n(%x, %x) : (tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// gen.constant, gen.normal, gen.uniform
//===----------------------------------------------------------------------===//

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.constant' op failed to verify that result and attribute have the same type}}
    %c = "gen.constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<3xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.constant' op result #0 must be statically shaped tensor of 32-bit float values, but got 'tensor<2xi32>'}}
    %c = gen.constant dense<1> : tensor<2xi32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.normal' op stddev must be positive}}
    %e = gen.normal {mean = 0.0 : f64, stddev = 0.0 : f64} : tensor<8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.normal' op stddev must be positive}}
    %e = gen.normal {mean = 0.0 : f64, stddev = -1.0 : f64} : tensor<8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.normal' op requires attribute 'mean'}}
    %e = gen.normal {stddev = 1.0 : f64} : tensor<8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.normal' op result #0 must be statically shaped tensor of 32-bit float values, but got 'tensor<?x4xf32>'}}
    %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<?x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.uniform' op needs low < high}}
    %u = gen.uniform {low = 1.0 : f64, high = 1.0 : f64} : tensor<8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.uniform' op needs low < high}}
    %u = gen.uniform {low = 1.0 : f64, high = -1.0 : f64} : tensor<8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.neg' op requires the same type for all operands and results}}
    %y = "gen.neg"(%x) : (tensor<8x4xf32>) -> tensor<8x3xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.exp' op requires a single operand}}
    %y = "gen.exp"(%x, %x) : (tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

func @f(%x: tensor<8x4xf32>, %d: tensor<8x?xf32>) {
  // expected-error @+1 {{'gen.relu' op operand #0 must be statically shaped tensor of 32-bit float values, but got 'tensor<8x?xf32>'}}
  %y = gen.relu %d : tensor<8x?xf32>
  return
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.leaky_relu' op requires attribute 'alpha'}}
    %y = gen.leaky_relu %x : tensor<8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %b = gen.constant dense<1.0> : tensor<8x3xf32>
    // expected-error @+1 {{'gen.add' op operand shapes [8, 4] and [8, 3] are not broadcast-compatible}}
    %y = gen.add %x, %b : tensor<8x4xf32>, tensor<8x3xf32> -> tensor<8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %b = gen.constant dense<1.0> : tensor<3x1xf32>
    // expected-error @+1 {{'gen.sub' op operand shapes [3, 1] and [8, 4] are not broadcast-compatible}}
    %y = gen.sub %b, %x : tensor<3x1xf32>, tensor<8x4xf32> -> tensor<8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %b = gen.constant dense<1.0> : tensor<4xf32>
    // expected-error @+1 {{'gen.mul' op inferred type(s) 'tensor<8x4xf32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
    %y = gen.mul %x, %b : tensor<8x4xf32>, tensor<4xf32> -> tensor<4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

func @f(%x: tensor<8x4xf32>, %h: tensor<8x4xf64>) {
  // expected-error @+1 {{'gen.div' op lhs must be a statically shaped tensor of f32}}
  %y = gen.div %h, %x : tensor<8x4xf64>, tensor<8x4xf32> -> tensor<8x4xf32>
  return
}

// -----

func @f(%x: tensor<8x4xf32>, %d: tensor<8x?xf32>) {
  // expected-error @+1 {{'gen.pow' op rhs must be a statically shaped tensor of f32}}
  %y = gen.pow %x, %d : tensor<8x4xf32>, tensor<8x?xf32> -> tensor<8x4xf32>
  return
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.add' op expected 2 operands, but found 1}}
    %y = "gen.add"(%x) : (tensor<8x4xf32>) -> tensor<8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %a = gen.constant dense<1.0> : tensor<65536x1xf32>
    %b = gen.constant dense<1.0> : tensor<1x65536xf32>
    // expected-error @+1 {{'gen.add' op result shape [65536, 65536] is too large}}
    %y = gen.add %a, %b : tensor<65536x1xf32>, tensor<1x65536xf32> -> tensor<65536x65536xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// gen.reshape, gen.broadcast_to, gen.transpose, gen.concat, gen.slice, gen.pad
//===----------------------------------------------------------------------===//

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.reshape' op cannot reshape 'tensor<8x4xf32>' (32 elements) to 'tensor<8x3xf32>' (24 elements)}}
    %y = gen.reshape %x : tensor<8x4xf32> -> tensor<8x3xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.reshape' op result #0 must be statically shaped tensor of 32-bit float values, but got 'tensor<?xf32>'}}
    %y = gen.reshape %x : tensor<8x4xf32> -> tensor<?xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %b = gen.constant dense<1.0> : tensor<3xf32>
    // expected-error @+1 {{'gen.broadcast_to' op cannot broadcast 'tensor<3xf32>' to 'tensor<8x4xf32>'}}
    %y = gen.broadcast_to %b : tensor<3xf32> -> tensor<8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.broadcast_to' op cannot broadcast 'tensor<8x4xf32>' to 'tensor<4xf32>'}}
    %y = gen.broadcast_to %x : tensor<8x4xf32> -> tensor<4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.transpose' op permutation has 1 entries for a rank-2 input}}
    %y = gen.transpose %x {permutation = [0]} : tensor<8x4xf32> -> tensor<8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.transpose' op permutation is not a permutation of the input's dimensions}}
    %y = gen.transpose %x {permutation = [0, 2]} : tensor<8x4xf32> -> tensor<8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.transpose' op permutation is not a permutation of the input's dimensions}}
    %y = gen.transpose %x {permutation = [1, 1]} : tensor<8x4xf32> -> tensor<4x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.transpose' op permutation is not a permutation of the input's dimensions}}
    %y = gen.transpose %x {permutation = [-1, 0]} : tensor<8x4xf32> -> tensor<4x8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.transpose' op requires an array of integers 'permutation'}}
    %y = gen.transpose %x : tensor<8x4xf32> -> tensor<4x8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.transpose' op requires an array of integers 'permutation'}}
    %y = gen.transpose %x {permutation = [1.0, 0.0]} : tensor<8x4xf32> -> tensor<4x8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.transpose' op inferred type(s) 'tensor<4x8xf32>' are incompatible with return type(s) of operation 'tensor<8x4xf32>'}}
    %y = gen.transpose %x {permutation = [1, 0]} : tensor<8x4xf32> -> tensor<8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.transpose' op requires a single operand}}
    %y = "gen.transpose"(%x, %x) {permutation = [1, 0]} : (tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<4x8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %b = gen.constant dense<1.0> : tensor<7x4xf32>
    // expected-error @+1 {{'gen.concat' op input #1 has shape [7, 4], which does not match [8, 4] outside axis 1}}
    %y = gen.concat %x, %b {axis = 1 : i64} : tensor<8x4xf32>, tensor<7x4xf32> -> tensor<8x8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %b = gen.constant dense<1.0> : tensor<8xf32>
    // expected-error @+1 {{'gen.concat' op input #1 has shape [8], which does not match [8, 4] outside axis 0}}
    %y = gen.concat %x, %b {axis = 0 : i64} : tensor<8x4xf32>, tensor<8xf32> -> tensor<16x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.concat' op axis 2 is out of range for rank 2}}
    %y = gen.concat %x, %x {axis = 2 : i64} : tensor<8x4xf32>, tensor<8x4xf32> -> tensor<8x8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.concat' op axis -1 is out of range for rank 2}}
    %y = gen.concat %x, %x {axis = -1 : i64} : tensor<8x4xf32>, tensor<8x4xf32> -> tensor<8x8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.concat' op requires an integer 'axis'}}
    %y = gen.concat %x, %x : tensor<8x4xf32>, tensor<8x4xf32> -> tensor<8x8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.concat' op needs at least one input}}
    %y = "gen.concat"() {axis = 0 : i64} : () -> tensor<8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

func @f(%x: tensor<8x4xf32>, %d: tensor<8x?xf32>) {
  // expected-error @+1 {{'gen.concat' op input #1 must be a statically shaped tensor of f32}}
  %y = gen.concat %x, %d {axis = 1 : i64} : tensor<8x4xf32>, tensor<8x?xf32> -> tensor<8x8xf32>
  return
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.slice' op slice [3, 5) of dimension 1 is outside [0, 4)}}
    %y = gen.slice %x {offsets = [0, 3], sizes = [8, 2]} : tensor<8x4xf32> -> tensor<8x2xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.slice' op slice [-1, 1) of dimension 0 is outside [0, 8)}}
    %y = gen.slice %x {offsets = [-1, 0], sizes = [2, 4]} : tensor<8x4xf32> -> tensor<2x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.slice' op slice [0, 0) of dimension 1 is outside [0, 4)}}
    %y = gen.slice %x {offsets = [0, 0], sizes = [8, 0]} : tensor<8x4xf32> -> tensor<8x0xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.slice' op offsets and sizes need one entry per input dimension}}
    %y = gen.slice %x {offsets = [0], sizes = [8, 2]} : tensor<8x4xf32> -> tensor<8x2xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.slice' op requires an array of integers 'sizes'}}
    %y = gen.slice %x {offsets = [0, 0]} : tensor<8x4xf32> -> tensor<8x2xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.pad' op padding must be non-negative}}
    %y = gen.pad %x {low = [0, -1], high = [0, 2]} : tensor<8x4xf32> -> tensor<8x5xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.pad' op low and high need one entry per input dimension}}
    %y = gen.pad %x {low = [0, 1], high = [1]} : tensor<8x4xf32> -> tensor<9x5xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.pad' op requires an array of integers 'high'}}
    %y = gen.pad %x {low = [0, 1]} : tensor<8x4xf32> -> tensor<8x5xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.pad' op result shape [8, 300000004] is too large}}
    %y = gen.pad %x {low = [0, 0], high = [0, 300000000]} : tensor<8x4xf32> -> tensor<8x300000004xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// gen.sum, gen.mean, gen.logsumexp
//===----------------------------------------------------------------------===//

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.sum' op axes must be distinct dimensions of the rank-2 input}}
    %y = gen.sum %x {axes = [2]} : tensor<8x4xf32> -> tensor<8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.sum' op axes must be distinct dimensions of the rank-2 input}}
    %y = gen.sum %x {axes = [1, 1]} : tensor<8x4xf32> -> tensor<8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.mean' op axes must be distinct dimensions of the rank-2 input}}
    %y = gen.mean %x {axes = [-1]} : tensor<8x4xf32> -> tensor<8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.logsumexp' op axes must be distinct dimensions of the rank-2 input}}
    %y = gen.logsumexp %x {axes = [0, 1, 0]} : tensor<8x4xf32> -> tensor<f32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.sum' op requires an array of integers 'axes'}}
    %y = "gen.sum"(%x) : (tensor<8x4xf32>) -> tensor<4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.mean' op requires an array of integers 'axes'}}
    %y = gen.mean %x {axes = 1 : i64} : tensor<8x4xf32> -> tensor<8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    // expected-error @+1 {{'gen.sum' op inferred type(s) 'tensor<8xf32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
    %y = gen.sum %x {axes = [1]} : tensor<8x4xf32> -> tensor<4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

func @f(%x: tensor<8x4xf32>, %d: tensor<8x?xf32>) {
  // expected-error @+1 {{'gen.sum' op input must be a statically shaped tensor of f32}}
  %y = gen.sum %d {axes = [1]} : tensor<8x?xf32> -> tensor<8xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// gen.matmul
//===----------------------------------------------------------------------===//

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %w = gen.constant dense<1.0> : tensor<3x2xf32>
    // expected-error @+1 {{'gen.matmul' op contraction dimensions differ: 4 vs 3}}
    %y = gen.matmul %x, %w : tensor<8x4xf32>, tensor<3x2xf32> -> tensor<8x2xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %w = gen.constant dense<1.0> : tensor<4x2xf32>
    // expected-error @+1 {{'gen.matmul' op contraction dimensions differ: 4 vs 2}}
    %y = gen.matmul %x, %w {transpose_rhs} : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %w = gen.constant dense<1.0> : tensor<4x2xf32>
    // expected-error @+1 {{'gen.matmul' op contraction dimensions differ: 8 vs 4}}
    %y = gen.matmul %x, %w {transpose_lhs} : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<4x2xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %w = gen.constant dense<1.0> : tensor<4xf32>
    // expected-error @+1 {{'gen.matmul' op operands must be 2-D, got [8, 4] and [4]}}
    %y = gen.matmul %x, %w : tensor<8x4xf32>, tensor<4xf32> -> tensor<8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %a = gen.constant dense<1.0> : tensor<2x8x4xf32>
    // expected-error @+1 {{'gen.matmul' op operands must be 2-D, got [2, 8, 4] and [8, 4]}}
    %y = gen.matmul %a, %x : tensor<2x8x4xf32>, tensor<8x4xf32> -> tensor<2x8x4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %w = gen.constant dense<1.0> : tensor<4x2xf32>
    // expected-error @+1 {{'gen.matmul' op inferred type(s) 'tensor<8x2xf32>' are incompatible with return type(s) of operation 'tensor<2x8xf32>'}}
    %y = gen.matmul %x, %w : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<2x8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// gen.conv2d, gen.conv_transpose2d
//===----------------------------------------------------------------------===//

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x1x6x6xf32>) -> tensor<8x1x6x6xf32> {
    %f = gen.constant dense<1.0> : tensor<3x2x3x3xf32>
    // expected-error @+1 {{'gen.conv2d' op filter expects 2 input channels but the input has 1}}
    %y = gen.conv2d %x, %f {strides = [1, 1], padding = [1, 1]} : tensor<8x1x6x6xf32>, tensor<3x2x3x3xf32> -> tensor<8x3x6x6xf32>
    gen.return %x : tensor<8x1x6x6xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x1x6x6xf32>) -> tensor<8x1x6x6xf32> {
    %f = gen.constant dense<1.0> : tensor<3x1x7x3xf32>
    // expected-error @+1 {{'gen.conv2d' op output would be empty: input [8, 1, 6, 6], kernel 7, stride 1, padding 0}}
    %y = gen.conv2d %x, %f {strides = [1, 1], padding = [0, 0]} : tensor<8x1x6x6xf32>, tensor<3x1x7x3xf32> -> tensor<8x3x0x4xf32>
    gen.return %x : tensor<8x1x6x6xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x1x6x6xf32>) -> tensor<8x1x6x6xf32> {
    %f = gen.constant dense<1.0> : tensor<3x1x3x3xf32>
    // expected-error @+1 {{'gen.conv2d' op strides must be positive and padding non-negative}}
    %y = gen.conv2d %x, %f {strides = [0, 1], padding = [1, 1]} : tensor<8x1x6x6xf32>, tensor<3x1x3x3xf32> -> tensor<8x3x6x6xf32>
    gen.return %x : tensor<8x1x6x6xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x1x6x6xf32>) -> tensor<8x1x6x6xf32> {
    %f = gen.constant dense<1.0> : tensor<3x1x3x3xf32>
    // expected-error @+1 {{'gen.conv2d' op strides must be positive and padding non-negative}}
    %y = gen.conv2d %x, %f {strides = [1, 1], padding = [1, -1]} : tensor<8x1x6x6xf32>, tensor<3x1x3x3xf32> -> tensor<8x3x6x2xf32>
    gen.return %x : tensor<8x1x6x6xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x1x6x6xf32>) -> tensor<8x1x6x6xf32> {
    %f = gen.constant dense<1.0> : tensor<3x1x3x3xf32>
    // expected-error @+1 {{'gen.conv2d' op strides and padding need 2 entries each}}
    %y = gen.conv2d %x, %f {strides = [1], padding = [1, 1]} : tensor<8x1x6x6xf32>, tensor<3x1x3x3xf32> -> tensor<8x3x6x6xf32>
    gen.return %x : tensor<8x1x6x6xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x1x6x6xf32>) -> tensor<8x1x6x6xf32> {
    %f = gen.constant dense<1.0> : tensor<3x1x3xf32>
    // expected-error @+1 {{'gen.conv2d' op input and filter must be 4-D (NCHW and OIHW), got [8, 1, 6, 6] and [3, 1, 3]}}
    %y = gen.conv2d %x, %f {strides = [1, 1], padding = [1, 1]} : tensor<8x1x6x6xf32>, tensor<3x1x3xf32> -> tensor<8x3x6x6xf32>
    gen.return %x : tensor<8x1x6x6xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x1x6x6xf32>) -> tensor<8x1x6x6xf32> {
    %f = gen.constant dense<1.0> : tensor<3x1x3x3xf32>
    // expected-error @+1 {{'gen.conv2d' op requires an array of integers 'strides'}}
    %y = gen.conv2d %x, %f {padding = [1, 1]} : tensor<8x1x6x6xf32>, tensor<3x1x3x3xf32> -> tensor<8x3x6x6xf32>
    gen.return %x : tensor<8x1x6x6xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x1x6x6xf32>) -> tensor<8x1x6x6xf32> {
    %f = gen.constant dense<1.0> : tensor<3x1x3x3xf32>
    // expected-error @+1 {{'gen.conv2d' op inferred type(s) 'tensor<8x3x6x6xf32>' are incompatible with return type(s) of operation 'tensor<8x3x5x5xf32>'}}
    %y = gen.conv2d %x, %f {strides = [1, 1], padding = [1, 1]} : tensor<8x1x6x6xf32>, tensor<3x1x3x3xf32> -> tensor<8x3x5x5xf32>
    gen.return %x : tensor<8x1x6x6xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x1x6x6xf32>) -> tensor<8x1x6x6xf32> {
    %f = gen.constant dense<1.0> : tensor<3x1x2x2xf32>
    // expected-error @+1 {{'gen.conv_transpose2d' op filter expects 3 input channels but the input has 1}}
    %y = gen.conv_transpose2d %x, %f {strides = [2, 2], padding = [0, 0]} : tensor<8x1x6x6xf32>, tensor<3x1x2x2xf32> -> tensor<8x1x12x12xf32>
    gen.return %x : tensor<8x1x6x6xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x1x6x6xf32>, %t: tensor<8x1x1x6xf32>) -> tensor<8x1x6x6xf32> {
    %f = gen.constant dense<1.0> : tensor<1x2x1x1xf32>
    // expected-error @+1 {{'gen.conv_transpose2d' op output would be empty: input [8, 1, 1, 6], kernel 1, stride 1, padding 1}}
    %y = gen.conv_transpose2d %t, %f {strides = [1, 1], padding = [1, 1]} : tensor<8x1x1x6xf32>, tensor<1x2x1x1xf32> -> tensor<8x2x4x4xf32>
    gen.return %x : tensor<8x1x6x6xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x1x6x6xf32>) -> tensor<8x1x6x6xf32> {
    %f = gen.constant dense<1.0> : tensor<1x3x2x2xf32>
    // expected-error @+1 {{'gen.conv_transpose2d' op strides must be positive and padding non-negative}}
    %y = gen.conv_transpose2d %x, %f {strides = [2, -2], padding = [0, 0]} : tensor<8x1x6x6xf32>, tensor<1x3x2x2xf32> -> tensor<8x3x12x12xf32>
    gen.return %x : tensor<8x1x6x6xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x1x6x6xf32>) -> tensor<8x1x6x6xf32> {
    %f = gen.constant dense<1.0> : tensor<1x3x2xf32>
    // expected-error @+1 {{'gen.conv_transpose2d' op input and filter must be 4-D (NCHW and IOHW), got [8, 1, 6, 6] and [1, 3, 2]}}
    %y = gen.conv_transpose2d %x, %f {strides = [2, 2], padding = [0, 0]} : tensor<8x1x6x6xf32>, tensor<1x3x2xf32> -> tensor<8x3x12x12xf32>
    gen.return %x : tensor<8x1x6x6xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x1x6x6xf32>) -> tensor<8x1x6x6xf32> {
    %f = gen.constant dense<1.0> : tensor<1x3x2x2xf32>
    // expected-error @+1 {{'gen.conv_transpose2d' op requires an array of integers 'padding'}}
    %y = gen.conv_transpose2d %x, %f {strides = [2, 2]} : tensor<8x1x6x6xf32>, tensor<1x3x2x2xf32> -> tensor<8x3x12x12xf32>
    gen.return %x : tensor<8x1x6x6xf32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// gen.batch_norm
//===----------------------------------------------------------------------===//

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x3x4x4xf32>) -> tensor<8x3x4x4xf32> {
    %g = gen.constant dense<1.0> : tensor<4xf32>
    %b = gen.constant dense<0.0> : tensor<3xf32>
    // expected-error @+1 {{'gen.batch_norm' op gamma and beta must have shape [3]}}
    %y = gen.batch_norm %x, %g, %b {epsilon = 1.0e-05 : f64} : tensor<8x3x4x4xf32>, tensor<4xf32>, tensor<3xf32> -> tensor<8x3x4x4xf32>
    gen.return %x : tensor<8x3x4x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x3x4x4xf32>) -> tensor<8x3x4x4xf32> {
    %g = gen.constant dense<1.0> : tensor<3xf32>
    %b = gen.constant dense<0.0> : tensor<1x3xf32>
    // expected-error @+1 {{'gen.batch_norm' op gamma and beta must have shape [3]}}
    %y = gen.batch_norm %x, %g, %b {epsilon = 1.0e-05 : f64} : tensor<8x3x4x4xf32>, tensor<3xf32>, tensor<1x3xf32> -> tensor<8x3x4x4xf32>
    gen.return %x : tensor<8x3x4x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x3x4x4xf32>, %z: tensor<8x3x4xf32>) -> tensor<8x3x4x4xf32> {
    %g = gen.constant dense<1.0> : tensor<3xf32>
    %b = gen.constant dense<0.0> : tensor<3xf32>
    // expected-error @+1 {{'gen.batch_norm' op input must be [N, C] or [N, C, H, W], got [8, 3, 4]}}
    %y = gen.batch_norm %z, %g, %b {epsilon = 1.0e-05 : f64} : tensor<8x3x4xf32>, tensor<3xf32>, tensor<3xf32> -> tensor<8x3x4xf32>
    gen.return %x : tensor<8x3x4x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x3x4x4xf32>) -> tensor<8x3x4x4xf32> {
    %g = gen.constant dense<1.0> : tensor<3xf32>
    %b = gen.constant dense<0.0> : tensor<3xf32>
    // expected-error @+1 {{'gen.batch_norm' op requires a positive float 'epsilon'}}
    %y = gen.batch_norm %x, %g, %b {epsilon = 0.0 : f64} : tensor<8x3x4x4xf32>, tensor<3xf32>, tensor<3xf32> -> tensor<8x3x4x4xf32>
    gen.return %x : tensor<8x3x4x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x3x4x4xf32>) -> tensor<8x3x4x4xf32> {
    %g = gen.constant dense<1.0> : tensor<3xf32>
    %b = gen.constant dense<0.0> : tensor<3xf32>
    // expected-error @+1 {{'gen.batch_norm' op requires a positive float 'epsilon'}}
    %y = gen.batch_norm %x, %g, %b : tensor<8x3x4x4xf32>, tensor<3xf32>, tensor<3xf32> -> tensor<8x3x4x4xf32>
    gen.return %x : tensor<8x3x4x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x3x4x4xf32>) -> tensor<8x3x4x4xf32> {
    %g = gen.constant dense<1.0> : tensor<3xf32>
    %b = gen.constant dense<0.0> : tensor<3xf32>
    // expected-error @+1 {{'gen.batch_norm' op expected 3 operands, but found 2}}
    %y = "gen.batch_norm"(%x, %g) {epsilon = 1.0e-05 : f64} : (tensor<8x3x4x4xf32>, tensor<3xf32>) -> tensor<8x3x4x4xf32>
    gen.return %x : tensor<8x3x4x4xf32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %t = gen.constant dense<1.0> : tensor<8x3xf32>
    // expected-error @+1 {{'gen.bce' op target shape [8, 3] does not broadcast to the prediction's [8, 4]}}
    %l = gen.bce %x, %t : tensor<8x4xf32>, tensor<8x3xf32> -> tensor<8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %t = gen.constant dense<1.0> : tensor<2x8x4xf32>
    // expected-error @+1 {{'gen.bce_logits' op target shape [2, 8, 4] does not broadcast to the prediction's [8, 4]}}
    %l = gen.bce_logits %x, %t : tensor<8x4xf32>, tensor<2x8x4xf32> -> tensor<8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %t = gen.constant dense<1.0> : tensor<8x1x4xf32>
    // expected-error @+1 {{'gen.mse' op target shape [8, 1, 4] does not broadcast to the prediction's [8, 4]}}
    %l = gen.mse %x, %t : tensor<8x4xf32>, tensor<8x1x4xf32> -> tensor<8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %s = gen.constant dense<0.5> : tensor<f32>
    %t = gen.constant dense<1.0> : tensor<f32>
    // expected-error @+1 {{'gen.bce' op prediction must have a leading batch dimension}}
    %l = gen.bce %s, %t : tensor<f32>, tensor<f32> -> tensor<f32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %t = gen.constant dense<1.0> : tensor<4xf32>
    // expected-error @+1 {{'gen.mse' op inferred type(s) 'tensor<8xf32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
    %l = gen.mse %x, %t : tensor<8x4xf32>, tensor<4xf32> -> tensor<4xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %t = gen.constant dense<1.0> : tensor<4xf32>
    // expected-error @+1 {{'gen.softmax_cross_entropy' op target shape [4] must equal the prediction's [8, 4]}}
    %l = gen.softmax_cross_entropy %x, %t : tensor<8x4xf32>, tensor<4xf32> -> tensor<8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>, %p: tensor<8x4x2xf32>) -> tensor<8x4xf32> {
    %t = gen.constant dense<1.0> : tensor<8x4x2xf32>
    // expected-error @+1 {{'gen.softmax_cross_entropy' op logits must be 2-D [batch, classes], got 'tensor<8x4x2xf32>'}}
    %l = gen.softmax_cross_entropy %p, %t : tensor<8x4x2xf32>, tensor<8x4x2xf32> -> tensor<8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>, %p: tensor<8xf32>) -> tensor<8x4xf32> {
    %t = gen.constant dense<1.0> : tensor<8xf32>
    // expected-error @+1 {{'gen.softmax_cross_entropy' op logits must be 2-D [batch, classes], got 'tensor<8xf32>'}}
    %l = gen.softmax_cross_entropy %p, %t : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

func @f(%x: tensor<8x4xf32>, %d: tensor<8x?xf32>) {
  %t = gen.constant dense<1.0> : tensor<8x3xf32>
  // expected-error @+1 {{'gen.mse' op target must be a statically shaped tensor of f32}}
  %l = gen.mse %x, %d : tensor<8x4xf32>, tensor<8x?xf32> -> tensor<8xf32>
  return
}

// -----

gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    %t = gen.constant dense<1.0> : tensor<8x3xf32>
    // expected-error @+1 {{'gen.bce' op expected 2 operands, but found 1}}
    %l = "gen.bce"(%x) : (tensor<8x4xf32>) -> tensor<8xf32>
    gen.return %x : tensor<8x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  // expected-error @+1 {{'gen.state' op type must be a statically shaped tensor of f32, got 'tensor<2xf64>'}}
  gen.state @s : tensor<2xf64>
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2x1xf32>) -> tensor<2x1xf32> {
    gen.param @w : tensor<1xf32> {init = "zeros"}
    gen.return %x : tensor<2x1xf32>
  }
  gen.net @g(%x: tensor<2x1xf32>) -> tensor<2x1xf32> {
    gen.param @v : tensor<1xf32> {init = "zeros"}
    gen.return %x : tensor<2x1xf32>
  }
  gen.step @s updates [@g] {
    %w = gen.get_param @f::@w : tensor<1xf32>
    // expected-error @+1 {{'gen.gradient' op writes @f::@w, but the step does not update net @f}}
    gen.gradient @f::@w, %w : tensor<1xf32>
    %o = gen.sum %w {axes = [0]} : tensor<1xf32> -> tensor<f32>
    gen.minimize %o : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2x1xf32>) -> tensor<2x1xf32> {
    gen.param @w : tensor<1xf32> {init = "zeros"}
    gen.return %x : tensor<2x1xf32>
  }
  gen.step @s updates [@f] {
    %c = gen.constant dense<1.0> : tensor<2xf32>
    // expected-error @+1 {{'gen.set_param' op type 'tensor<2xf32>' differs from the parameter's 'tensor<1xf32>'}}
    gen.set_param @f::@w, %c : tensor<2xf32>
    %o = gen.sum %c {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %o : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.state @t : tensor<f32>
  gen.net @f(%x: tensor<2x1xf32>) -> tensor<2x1xf32> {
    gen.param @w : tensor<1xf32> {init = "zeros"}
    gen.return %x : tensor<2x1xf32>
  }
  gen.step @s updates [@f] {
    // expected-error @+1 {{'gen.get_state' op type 'tensor<1xf32>' differs from the state's 'tensor<f32>'}}
    %t = gen.get_state @t : tensor<1xf32>
    %o = gen.sum %t {axes = [0]} : tensor<1xf32> -> tensor<f32>
    gen.minimize %o : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2x1xf32>) -> tensor<2x1xf32> {
    gen.param @w : tensor<1xf32> {init = "zeros"}
    gen.return %x : tensor<2x1xf32>
  }
  gen.step @s updates [@f] {
    %c = gen.constant dense<1.0> : tensor<f32>
    // expected-error @+1 {{'gen.set_state' op @nowhere does not name a training state of the enclosing model}}
    gen.set_state @nowhere, %c : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

func @filter_grad_shape(%x: tensor<2x1x4x4xf32>, %dy: tensor<2x3x4x4xf32>) {
  // expected-error @+1 {{'gen.conv2d_filter_grad' op result must be [output channels, input channels, kh, kw] = [3, 1, kh, kw]}}
  %w = gen.conv2d_filter_grad %x, %dy {padding = [1, 1], strides = [1, 1]} : tensor<2x1x4x4xf32>, tensor<2x3x4x4xf32> -> tensor<1x3x3x3xf32>
  return
}

// -----

func @filter_grad_spatial(%x: tensor<2x1x4x4xf32>, %dy: tensor<2x3x4x4xf32>) {
  // expected-error @+1 {{'gen.conv2d_filter_grad' op output_grad's spatial size does not match a conv2d of the input with this kernel, stride and padding}}
  %w = gen.conv2d_filter_grad %x, %dy {padding = [0, 0], strides = [1, 1]} : tensor<2x1x4x4xf32>, tensor<2x3x4x4xf32> -> tensor<3x1x3x3xf32>
  return
}

// -----

func @max_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'gen.max' op operand shapes [2, 3] and [4] are not broadcast-compatible}}
  %m = gen.max %a, %b : tensor<2x3xf32>, tensor<4xf32> -> tensor<2x3xf32>
  return
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2x1xf32>) -> tensor<2x1xf32> {
    gen.param @w : tensor<1xf32> {init = "zeros"}
    gen.return %x : tensor<2x1xf32>
  }
  gen.net @g(%x: tensor<2x1xf32>) -> tensor<2x1xf32> {
    gen.param @v : tensor<1xf32> {init = "zeros"}
    gen.return %x : tensor<2x1xf32>
  }
  gen.step @s updates [@g] {
    // expected-error @+1 {{'gen.get_gradient' op reads the gradient of @f::@w, but the step does not update net @f}}
    %w = gen.get_gradient @f::@w : tensor<1xf32>
    %o = gen.sum %w {axes = [0]} : tensor<1xf32> -> tensor<f32>
    gen.minimize %o : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2x1xf32>) -> tensor<2x1xf32> {
    gen.param @w : tensor<1xf32> {init = "zeros"}
    gen.return %x : tensor<2x1xf32>
  }
  gen.step @s updates [@f] {
    // expected-error @+1 {{'gen.get_gradient' op type 'tensor<2xf32>' differs from the parameter's 'tensor<1xf32>'}}
    %w = gen.get_gradient @f::@w : tensor<2xf32>
    %o = gen.sum %w {axes = [0]} : tensor<2xf32> -> tensor<f32>
    gen.minimize %o : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2x1xf32>) -> tensor<2x1xf32> {
    gen.param @w : tensor<1xf32> {init = "zeros"}
    gen.return %x : tensor<2x1xf32>
  }
  // expected-error @+1 {{'gen.get_gradient' op expects parent op 'gen.step'}}
  %w = gen.get_gradient @f::@w : tensor<1xf32>
}

//===----------------------------------------------------------------------===//
// Declarations of how the model generates: gen.generate, gen.reconstruct,
// gen.log_weight, gen.discriminate, gen.classify, gen.yield
//===----------------------------------------------------------------------===//

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  gen.generate @x latent "z" {
    %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<2x3xf32>
    gen.yield %e : tensor<2x3xf32>
  } decode {
  ^bb0(%z: tensor<2x3xf32>):
    gen.yield %z : tensor<2x3xf32>
  }
  // expected-error @+1 {{'gen.generate' op a model has at most one gen.generate}}
  gen.generate @x latent "w" {
    %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<2x3xf32>
    gen.yield %e : tensor<2x3xf32>
  } decode {
  ^bb0(%z: tensor<2x3xf32>):
    gen.yield %z : tensor<2x3xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // expected-error @+1 {{'gen.generate' op latent region takes no arguments}}
  gen.generate @x latent "z" {
  ^bb0(%a: tensor<2x3xf32>):
    gen.yield %a : tensor<2x3xf32>
  } decode {
  ^bb0(%z: tensor<2x3xf32>):
    gen.yield %z : tensor<2x3xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // expected-error @+1 {{'gen.generate' op latent region must end with gen.yield}}
  gen.generate @x latent "z" {
    %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<2x3xf32>
    gen.return %e : tensor<2x3xf32>
  } decode {
  ^bb0(%z: tensor<2x3xf32>):
    gen.yield %z : tensor<2x3xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // expected-error @+1 {{'gen.generate' op decode region must end with gen.yield}}
  gen.generate @x latent "z" {
    %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<2x3xf32>
    gen.yield %e : tensor<2x3xf32>
  } decode {
  ^bb0(%z: tensor<2x3xf32>):
    gen.return %z : tensor<2x3xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // expected-error @+1 {{'gen.generate' op latent region value must have the batch size 2 as leading dimension, got 'tensor<3xf32>'}}
  gen.generate @x latent "z" {
    %e = gen.constant dense<0.0> : tensor<3xf32>
    gen.yield %e : tensor<3xf32>
  } decode {
  ^bb0(%z: tensor<3xf32>):
    %x = gen.constant dense<0.0> : tensor<2x3xf32>
    gen.yield %x : tensor<2x3xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // expected-error @+1 {{'gen.generate' op decode region must take the latent, of type 'tensor<2x4xf32>', as its one argument}}
  gen.generate @x latent "z" {
    %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<2x4xf32>
    gen.yield %e : tensor<2x4xf32>
  } decode {
  ^bb0(%z: tensor<2x3xf32>):
    gen.yield %z : tensor<2x3xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // expected-error @+1 {{'gen.generate' op decode region must take the latent, of type 'tensor<2x3xf32>', as its one argument}}
  gen.generate @x latent "z" {
    %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<2x3xf32>
    gen.yield %e : tensor<2x3xf32>
  } decode {
    %x = gen.constant dense<0.0> : tensor<2x3xf32>
    gen.yield %x : tensor<2x3xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // expected-error @+1 {{'gen.generate' op yields 'tensor<2x4xf32>', but the decode region must yield the type of the input it generates}}
  gen.generate @x latent "z" {
    %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<2x4xf32>
    gen.yield %e : tensor<2x4xf32>
  } decode {
  ^bb0(%z: tensor<2x4xf32>):
    gen.yield %z : tensor<2x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // expected-error @+1 {{'gen.generate' op @nothing does not name an input of the enclosing model}}
  gen.generate @nothing latent "z" {
    %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<2x3xf32>
    gen.yield %e : tensor<2x3xf32>
  } decode {
  ^bb0(%z: tensor<2x3xf32>):
    gen.yield %z : tensor<2x3xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @y : tensor<2x3xf32> {label_classes = 3 : i64}
  // expected-error @+1 {{'gen.generate' op is about a label input @y; only gen.classify predicts labels}}
  gen.generate @y latent "z" {
    %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<2x3xf32>
    gen.yield %e : tensor<2x3xf32>
  } decode {
  ^bb0(%z: tensor<2x3xf32>):
    gen.yield %z : tensor<2x3xf32>
  }
}

// -----

// expected-error @+1 {{'gen.generate' op must be inside a gen.model}}
gen.generate @x latent "z" {
  %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<2x3xf32>
  gen.yield %e : tensor<2x3xf32>
} decode {
^bb0(%z: tensor<2x3xf32>):
  gen.yield %z : tensor<2x3xf32>
}

// -----

// The regions are isolated: the decode region cannot use the latent
// region's values, only its own argument.
gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  gen.generate @x latent "z" {
    %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<2x3xf32>
    gen.yield %e : tensor<2x3xf32>
  } decode {
  ^bb0(%z: tensor<2x3xf32>):
    // expected-error @+1 {{use of undeclared SSA value name}}
    gen.yield %e : tensor<2x3xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  gen.reconstruct @x {
    %x = gen.get_input @x : tensor<2x3xf32>
    gen.yield %x : tensor<2x3xf32>
  }
  // expected-error @+1 {{'gen.reconstruct' op a model has at most one gen.reconstruct}}
  gen.reconstruct @x {
    %x = gen.get_input @x : tensor<2x3xf32>
    gen.yield %x : tensor<2x3xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // expected-error @+1 {{'gen.reconstruct' op body must end with gen.yield}}
  gen.reconstruct @x {
    %x = gen.get_input @x : tensor<2x3xf32>
    gen.return %x : tensor<2x3xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // expected-error @+1 {{'gen.log_weight' op body value must have the batch size 2 as leading dimension, got 'tensor<3xf32>'}}
  gen.log_weight @x {
    %c = gen.constant dense<0.0> : tensor<3xf32>
    gen.yield %c : tensor<3xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // expected-error @+1 {{'gen.reconstruct' op yields 'tensor<2x1xf32>', but a reconstruction has the type of the input it reconstructs}}
  gen.reconstruct @x {
    %x = gen.get_input @x : tensor<2x3xf32>
    %s = gen.slice %x {offsets = [0, 0], sizes = [2, 1]} : tensor<2x3xf32> -> tensor<2x1xf32>
    gen.yield %s : tensor<2x1xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  gen.net @n(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
    gen.return %a : tensor<2x3xf32>
  }
  // expected-error @+1 {{'gen.reconstruct' op @n does not name an input of the enclosing model}}
  gen.reconstruct @n {
    %x = gen.get_input @x : tensor<2x3xf32>
    gen.yield %x : tensor<2x3xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // expected-error @+1 {{'gen.log_weight' op yields 'tensor<2x3xf32>', but a log-weight is one number per example}}
  gen.log_weight @x {
    %x = gen.get_input @x : tensor<2x3xf32>
    gen.yield %x : tensor<2x3xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  gen.log_weight @x {
    %x = gen.get_input @x : tensor<2x3xf32>
    %s = gen.sum %x {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
    gen.yield %s : tensor<2xf32>
  }
  // expected-error @+1 {{'gen.log_weight' op a model has at most one gen.log_weight}}
  gen.log_weight @x {
    %x = gen.get_input @x : tensor<2x3xf32>
    %s = gen.sum %x {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
    gen.yield %s : tensor<2xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // expected-error @+1 {{'gen.log_weight' op yields 'tensor<f32>', but a log-weight is one number per example}}
  gen.log_weight @x {
    %x = gen.get_input @x : tensor<2x3xf32>
    %s = gen.sum %x {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.yield %s : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // expected-error @+1 {{'gen.discriminate' op yields 'tensor<2x3xf32>', but a discriminator's logit is one number per example}}
  gen.discriminate @x {
    %x = gen.get_input @x : tensor<2x3xf32>
    gen.yield %x : tensor<2x3xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @y : tensor<2x3xf32> {label_classes = 3 : i64}
  // expected-error @+1 {{'gen.discriminate' op is about a label input @y; only gen.classify predicts labels}}
  gen.discriminate @y {
    %y = gen.get_input @y : tensor<2x3xf32>
    %s = gen.sum %y {axes = [1]} : tensor<2x3xf32> -> tensor<2xf32>
    gen.yield %s : tensor<2xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // expected-error @+1 {{'gen.discriminate' op body must end with gen.yield}}
  gen.discriminate @x {
    %x = gen.get_input @x : tensor<2x3xf32>
    %s = gen.sum %x {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %s : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // expected-error @+1 {{'gen.classify' op must be about a label input, not @x}}
  gen.classify @x {
    %x = gen.get_input @x : tensor<2x3xf32>
    gen.yield %x : tensor<2x3xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x4xf32>
  gen.input @y : tensor<2x3xf32> {label_classes = 3 : i64}
  // expected-error @+1 {{'gen.classify' op yields 'tensor<2x4xf32>', but class logits have the type of the label input}}
  gen.classify @y {
    %x = gen.get_input @x : tensor<2x4xf32>
    gen.yield %x : tensor<2x4xf32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @y : tensor<2x3xf32> {label_classes = 3 : i64}
  // expected-error @+1 {{'gen.classify' op region should have no arguments}}
  gen.classify @y {
  ^bb0(%a: tensor<2x3xf32>):
    gen.yield %a : tensor<2x3xf32>
  }
}

// -----

%c = gen.constant dense<0.0> : tensor<2x3xf32>
// expected-error @+1 {{'gen.yield' op expects parent op to be one of 'gen.generate, gen.reconstruct, gen.log_weight, gen.discriminate, gen.classify'}}
gen.yield %c : tensor<2x3xf32>

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.input @x : tensor<2x3xf32>
  // A value of no ranked type is gen.yield's to report (the model's symbol
  // check, which runs first, lets it through).
  // expected-error @+1 {{'gen.reconstruct' op body value must have the batch size 2 as leading dimension, got 'tensor<*xf32>'}}
  gen.reconstruct @x {
    %x = "gen.constant"() {value = dense<0.0> : tensor<2x3xf32>} : () -> tensor<*xf32>
    gen.yield %x : tensor<*xf32>
  }
}

// -----

//===----------------------------------------------------------------------===//
// gen.categorical
//===----------------------------------------------------------------------===//

gen.model @m attributes {batch_size = 2 : i64} {
  gen.net @n(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
    gen.param @w : tensor<3xf32> {init = "zeros"}
    gen.return %a : tensor<2x3xf32>
  }
  gen.step @s updates [@n] {
    %l = gen.constant dense<0.0> : tensor<3xf32>
    %u = gen.uniform {low = 0.0 : f64, high = 1.0 : f64} : tensor<2x3x1xf32>
    // expected-error @+1 {{'gen.categorical' op uniform draw must be [batch, categories], got 'tensor<2x3x1xf32>'}}
    %k = gen.categorical %l, %u : tensor<3xf32>, tensor<2x3x1xf32>
    %o = gen.sum %k {axes = [0, 1, 2]} : tensor<2x3x1xf32> -> tensor<f32>
    gen.minimize %o : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.net @n(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
    gen.param @w : tensor<3xf32> {init = "zeros"}
    gen.return %a : tensor<2x3xf32>
  }
  gen.step @s updates [@n] {
    %l = gen.constant dense<0.0> : tensor<3xf32>
    %u = gen.constant dense<0.5> : tensor<4x3xf32>
    // A draw of the wrong batch size is reported twice: what is wrong, then
    // what it must be.
    // expected-error @+2 {{'gen.categorical' op uniform draw must have the batch size 2 as leading dimension, got 'tensor<4x3xf32>'}}
    // expected-error @+1 {{'gen.categorical' op uniform draw must be [batch, categories], got 'tensor<4x3xf32>'}}
    %k = gen.categorical %l, %u : tensor<3xf32>, tensor<4x3xf32>
    %o = gen.sum %k {axes = [0, 1]} : tensor<4x3xf32> -> tensor<f32>
    gen.minimize %o : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.net @n(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
    gen.param @w : tensor<3xf32> {init = "zeros"}
    gen.return %a : tensor<2x3xf32>
  }
  gen.step @s updates [@n] {
    %l = gen.constant dense<0.0> : tensor<4xf32>
    %u = gen.uniform {low = 0.0 : f64, high = 1.0 : f64} : tensor<2x3xf32>
    // expected-error @+1 {{'gen.categorical' op logits 'tensor<4xf32>' must be 'tensor<2x3xf32>' or tensor<3xf32>}}
    %k = gen.categorical %l, %u : tensor<4xf32>, tensor<2x3xf32>
    %o = gen.sum %k {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %o : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.net @n(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
    gen.param @w : tensor<3xf32> {init = "zeros"}
    gen.return %a : tensor<2x3xf32>
  }
  gen.step @s updates [@n] {
    %l = gen.constant dense<0.0> : tensor<1x3xf32>
    %u = gen.uniform {low = 0.0 : f64, high = 1.0 : f64} : tensor<2x3xf32>
    // expected-error @+1 {{'gen.categorical' op logits 'tensor<1x3xf32>' must be 'tensor<2x3xf32>' or tensor<3xf32>}}
    %k = gen.categorical %l, %u : tensor<1x3xf32>, tensor<2x3xf32>
    %o = gen.sum %k {axes = [0, 1]} : tensor<2x3xf32> -> tensor<f32>
    gen.minimize %o : tensor<f32>
  }
}

// -----

gen.model @m attributes {batch_size = 2 : i64} {
  gen.net @n(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
    gen.param @w : tensor<3xf32> {init = "zeros"}
    gen.return %a : tensor<2x3xf32>
  }
  gen.step @s updates [@n] {
    %l = gen.constant dense<0.0> : tensor<3xf32>
    %u = gen.uniform {low = 0.0 : f64, high = 1.0 : f64} : tensor<2x3xf32>
    // expected-error @+1 {{'gen.categorical' op failed to verify that result has the uniform draw's type}}
    %k = "gen.categorical"(%l, %u) : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x4xf32>
    %o = gen.sum %k {axes = [0, 1]} : tensor<2x4xf32> -> tensor<f32>
    gen.minimize %o : tensor<f32>
  }
}
