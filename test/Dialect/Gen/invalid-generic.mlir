// RUN: genc-opt %s -split-input-file -verify-diagnostics
//
// Regression tests: each input once crashed genc-opt.

// Malformed generic IR (train-no-schedule): symbol checks run before the op's own
// attribute checks and must not crash.
gen.model @m attributes {batch_size = 8 : i64} {
// expected-error @+1 {{'gen.train' op requires attribute 'schedule'}}
  "gen.train"() {hyperparams = {lr = 1.0e-01 : f64}, optimizer = "sgd", repeats = [1]} : () -> ()
}

// -----

// Malformed generic IR (train-schedule-not-array): symbol checks run before the op's own
// attribute checks and must not crash.
gen.model @m attributes {batch_size = 8 : i64} {
// expected-error @+1 {{'gen.train' op attribute 'schedule' failed to satisfy constr}}
  "gen.train"() {schedule = 1, repeats = [1], optimizer = "sgd", hyperparams = {lr = 1.0e-01 : f64}} : () -> ()
}

// -----

// Malformed generic IR (step-no-updates): symbol checks run before the op's own
// attribute checks and must not crash.
gen.model @m attributes {batch_size = 8 : i64} {
// expected-error @+1 {{'gen.step' op requires attribute 'updates'}}
  "gen.step"() ({
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }) {sym_name = "s"} : () -> ()
}

// -----

// Malformed generic IR (step-updates-ints): symbol checks run before the op's own
// attribute checks and must not crash.
gen.model @m attributes {batch_size = 8 : i64} {
// expected-error @+1 {{'gen.step' op attribute 'updates' failed to satisfy constrai}}
  "gen.step"() ({
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }) {sym_name = "s", updates = [1]} : () -> ()
}

// -----

// Malformed generic IR (step-empty-region): symbol checks run before the op's own
// attribute checks and must not crash.
gen.model @m attributes {batch_size = 8 : i64} {
// expected-error @+1 {{'gen.step' op body must end with gen.minimize}}
  "gen.step"() ({
  }) {sym_name = "s", updates = [@n]} : () -> ()
}

// -----

// Malformed generic IR (call-no-symbol): symbol checks run before the op's own
// attribute checks and must not crash.
gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
// expected-error @+1 {{'gen.call' op requires attribute 'callee'}}
    %v = "gen.call"() : () -> tensor<8x4xf32>
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

// Malformed generic IR (get_input-no-symbol): symbol checks run before the op's own
// attribute checks and must not crash.
gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
// expected-error @+1 {{'gen.get_input' op requires attribute 'input'}}
    %v = "gen.get_input"() : () -> tensor<8x4xf32>
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

// Malformed generic IR (get_param-no-symbol): symbol checks run before the op's own
// attribute checks and must not crash.
gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
    gen.param @w : tensor<4xf32> {init = "zeros"}
    gen.return %x : tensor<8x4xf32>
  }
  gen.step @s updates [@n] {
// expected-error @+1 {{'gen.get_param' op requires attribute 'param'}}
    %v = "gen.get_param"() : () -> tensor<8x4xf32>
    %c = gen.constant dense<1.0> : tensor<f32>
    gen.minimize %c : tensor<f32>
  }
}

// -----

// Malformed generic IR (net-call-no-callee): symbol checks run before the op's own
// attribute checks and must not crash.
gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
// expected-error @+1 {{'gen.call' op requires attribute 'callee'}}
    %y = "gen.call"(%x) : (tensor<8x4xf32>) -> tensor<8x4xf32>
    gen.return %y : tensor<8x4xf32>
  }
}

// -----

// Malformed generic IR (net-call-callee-int): symbol checks run before the op's own
// attribute checks and must not crash.
gen.model @m attributes {batch_size = 8 : i64} {
  gen.net @n(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
// expected-error @+1 {{'gen.call' op attribute 'callee' failed to satisfy constrain}}
    %y = "gen.call"(%x) {callee = 1} : (tensor<8x4xf32>) -> tensor<8x4xf32>
    gen.return %y : tensor<8x4xf32>
  }
}

// -----

// Malformed generic IR (net-no-sym-name): symbol checks run before the op's own
// attribute checks and must not crash.
gen.model @m attributes {batch_size = 8 : i64} {
// expected-error @+1 {{'gen.net' op requires string attribute 'sym_name'}}
  "gen.net"() ({
  ^bb0(%x: tensor<8x4xf32>):
    gen.return %x : tensor<8x4xf32>
  }) {type = (tensor<8x4xf32>) -> tensor<8x4xf32>} : () -> ()
}

// -----

// Malformed generic IR (net-sym-name-int): symbol checks run before the op's own
// attribute checks and must not crash.
gen.model @m attributes {batch_size = 8 : i64} {
// expected-error @+1 {{'gen.net' op requires string attribute 'sym_name'}}
  "gen.net"() ({
  ^bb0(%x: tensor<8x4xf32>):
    gen.return %x : tensor<8x4xf32>
  }) {sym_name = 1, type = (tensor<8x4xf32>) -> tensor<8x4xf32>} : () -> ()
}

// -----

// Malformed generic IR (step-outside-model): symbol checks run before the op's own
// attribute checks and must not crash.
// expected-error @+1 {{'gen.step' op expects parent op 'gen.model'}}
gen.step @s updates [@n] {
  %c = gen.constant dense<1.0> : tensor<f32>
  gen.minimize %c : tensor<f32>
}

// -----

// Malformed generic IR (train-outside-model): symbol checks run before the op's own
// attribute checks and must not crash.
// expected-error @+1 {{'gen.train' op expects parent op 'gen.model'}}
gen.train [@s] repeats [1] optimizer "sgd" {lr = 0.1}
