// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// Round trip of every gen op, in its custom and its generic form.

//===----------------------------------------------------------------------===//
// Structure: model, input, net, param (every initializer), return, call,
// get_input, get_param, step, minimize, train.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: gen.model @structure attributes {batch_size = 8 : i64} {
gen.model @structure attributes {batch_size = 8 : i64} {
  // CHECK: gen.input @x : tensor<8x4xf32>{{$}}
  // CHECK: gen.input @y : tensor<8x3xf32> {label_classes = 3 : i64}
  gen.input @x : tensor<8x4xf32>
  gen.input @y : tensor<8x3xf32> {label_classes = 3 : i64}

  // CHECK-LABEL: gen.net @enc(
  // CHECK-SAME: %[[A:[^:]+]]: tensor<8x4xf32>) -> (tensor<8x2xf32>, tensor<8x2xf32>) {
  // CHECK: gen.param @zeros : tensor<2xf32> {init = "zeros"}
  // CHECK: gen.param @ones : tensor<2xf32> {init = "ones"}
  // CHECK: gen.param @const : tensor<2xf32> {init = "constant", init_args = [5.000000e-01]}
  // CHECK: gen.param @normal : tensor<4x2xf32> {init = "normal", init_args = [0.000000e+00, 1.000000e-01]}
  // CHECK: gen.param @uniform : tensor<4x2xf32> {init = "uniform", init_args = [-1.000000e+00, 1.000000e+00]}
  // CHECK: gen.param @glorot : tensor<4x2xf32> {init = "glorot_uniform"}
  // CHECK: gen.param @he : tensor<4x2xf32> {init = "he_normal"}
  // CHECK: gen.param @centers : tensor<3x4xf32> {init = "kmeans_pp", init_from = @x}
  // CHECK: %[[W:.*]] = gen.get_param @enc::@glorot : tensor<4x2xf32>
  // CHECK: %[[B:.*]] = gen.get_param @enc::@zeros : tensor<2xf32>
  // CHECK: %[[H:.*]] = gen.matmul %[[A]], %[[W]] : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<8x2xf32>
  // CHECK: %[[M:.*]] = gen.add %[[H]], %[[B]] : tensor<8x2xf32>, tensor<2xf32> -> tensor<8x2xf32>
  // CHECK: gen.return %[[M]], %[[H]] : tensor<8x2xf32>, tensor<8x2xf32>
  gen.net @enc(%a: tensor<8x4xf32>) -> (tensor<8x2xf32>, tensor<8x2xf32>) {
    gen.param @zeros : tensor<2xf32> {init = "zeros"}
    gen.param @ones : tensor<2xf32> {init = "ones"}
    gen.param @const : tensor<2xf32> {init = "constant", init_args = [0.5]}
    gen.param @normal : tensor<4x2xf32> {init = "normal", init_args = [0.0, 0.1]}
    gen.param @uniform : tensor<4x2xf32> {init = "uniform", init_args = [-1.0, 1.0]}
    gen.param @glorot : tensor<4x2xf32> {init = "glorot_uniform"}
    gen.param @he : tensor<4x2xf32> {init = "he_normal"}
    gen.param @centers : tensor<3x4xf32> {init = "kmeans_pp", init_from = @x}
    %w = gen.get_param @enc::@glorot : tensor<4x2xf32>
    %b = gen.get_param @enc::@zeros : tensor<2xf32>
    %h = gen.matmul %a, %w : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<8x2xf32>
    %m = gen.add %h, %b : tensor<8x2xf32>, tensor<2xf32> -> tensor<8x2xf32>
    gen.return %m, %h : tensor<8x2xf32>, tensor<8x2xf32>
  }

  // CHECK-LABEL: gen.net @head(
  // CHECK-SAME: %[[M:[^:]+]]: tensor<8x2xf32>, %[[S:[^:]+]]: tensor<8x2xf32>) -> tensor<8x3xf32> {
  // CHECK: gen.param @w : tensor<4x3xf32> {init = "he_normal"}
  // CHECK: %[[W:.*]] = gen.get_param @head::@w : tensor<4x3xf32>
  // CHECK: %[[C:.*]] = gen.concat %[[M]], %[[S]] {axis = 1 : i64} : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8x4xf32>
  // CHECK: %[[Y:.*]] = gen.matmul %[[C]], %[[W]] : tensor<8x4xf32>, tensor<4x3xf32> -> tensor<8x3xf32>
  // CHECK: gen.return %[[Y]] : tensor<8x3xf32>
  gen.net @head(%m: tensor<8x2xf32>, %s: tensor<8x2xf32>) -> tensor<8x3xf32> {
    gen.param @w : tensor<4x3xf32> {init = "he_normal"}
    %w = gen.get_param @head::@w : tensor<4x3xf32>
    %c = gen.concat %m, %s {axis = 1 : i64} : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8x4xf32>
    %y = gen.matmul %c, %w : tensor<8x4xf32>, tensor<4x3xf32> -> tensor<8x3xf32>
    gen.return %y : tensor<8x3xf32>
  }

  // A net without parameters of its own, calling other nets.
  // CHECK-LABEL: gen.net @classifier(
  // CHECK-SAME: %[[A:[^:]+]]: tensor<8x4xf32>) -> tensor<8x3xf32> {
  // CHECK: %[[E:.*]]:2 = gen.call @enc(%[[A]]) : (tensor<8x4xf32>) -> (tensor<8x2xf32>, tensor<8x2xf32>)
  // CHECK: %[[Y:.*]] = gen.call @head(%[[E]]#0, %[[E]]#1) : (tensor<8x2xf32>, tensor<8x2xf32>) -> tensor<8x3xf32>
  // CHECK: gen.return %[[Y]] : tensor<8x3xf32>
  gen.net @classifier(%a: tensor<8x4xf32>) -> tensor<8x3xf32> {
    %m, %s = gen.call @enc(%a) : (tensor<8x4xf32>) -> (tensor<8x2xf32>, tensor<8x2xf32>)
    %y = gen.call @head(%m, %s) : (tensor<8x2xf32>, tensor<8x2xf32>) -> tensor<8x3xf32>
    gen.return %y : tensor<8x3xf32>
  }

  // CHECK-LABEL: gen.step @fit updates [@enc, @head] {
  // CHECK: %[[X:.*]] = gen.get_input @x : tensor<8x4xf32>
  // CHECK: %[[Y:.*]] = gen.get_input @y : tensor<8x3xf32>
  // CHECK: %[[P:.*]] = gen.call @classifier(%[[X]]) : (tensor<8x4xf32>) -> tensor<8x3xf32>
  // CHECK: %[[L:.*]] = gen.softmax_cross_entropy %[[P]], %[[Y]] : tensor<8x3xf32>, tensor<8x3xf32> -> tensor<8xf32>
  // CHECK: %[[O:.*]] = gen.mean %[[L]] {axes = [0]} : tensor<8xf32> -> tensor<f32>
  // CHECK: gen.minimize %[[O]] : tensor<f32>
  gen.step @fit updates [@enc, @head] {
    %x = gen.get_input @x : tensor<8x4xf32>
    %y = gen.get_input @y : tensor<8x3xf32>
    %p = gen.call @classifier(%x) : (tensor<8x4xf32>) -> tensor<8x3xf32>
    %l = gen.softmax_cross_entropy %p, %y : tensor<8x3xf32>, tensor<8x3xf32> -> tensor<8xf32>
    %o = gen.mean %l {axes = [0]} : tensor<8xf32> -> tensor<f32>
    gen.minimize %o : tensor<f32>
  }

  // CHECK-LABEL: gen.step @fit_head updates [@head] {
  // CHECK: %[[X:.*]] = gen.get_input @x : tensor<8x4xf32>
  // CHECK: %[[Y:.*]] = gen.get_input @y : tensor<8x3xf32>
  // CHECK: %[[P:.*]] = gen.call @classifier(%[[X]]) : (tensor<8x4xf32>) -> tensor<8x3xf32>
  // CHECK: %[[L:.*]] = gen.mse %[[P]], %[[Y]] : tensor<8x3xf32>, tensor<8x3xf32> -> tensor<8xf32>
  // CHECK: %[[O:.*]] = gen.sum %[[L]] {axes = [0]} : tensor<8xf32> -> tensor<f32>
  // CHECK: gen.minimize %[[O]] : tensor<f32>
  gen.step @fit_head updates [@head] {
    %x = gen.get_input @x : tensor<8x4xf32>
    %y = gen.get_input @y : tensor<8x3xf32>
    %p = gen.call @classifier(%x) : (tensor<8x4xf32>) -> tensor<8x3xf32>
    %l = gen.mse %p, %y : tensor<8x3xf32>, tensor<8x3xf32> -> tensor<8xf32>
    %o = gen.sum %l {axes = [0]} : tensor<8xf32> -> tensor<f32>
    gen.minimize %o : tensor<f32>
  }

  // CHECK: gen.train [@fit, @fit_head] repeats [2, 1] optimizer "adam"
  // CHECK-SAME: {beta1 = 5.000000e-01 : f64, beta2 = 0.99{{[0-9]*}} : f64, eps = 1.000000e-08 : f64, lr = 1.000000e-03 : f64}
  gen.train [@fit, @fit_head] repeats [2, 1] optimizer "adam" {lr = 1.0e-03, beta1 = 0.5, beta2 = 0.999, eps = 1.0e-08}
}

//===----------------------------------------------------------------------===//
// Compute ops: constants, random draws, elementwise, shape changes,
// reductions, layers and losses.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: gen.model @compute attributes {batch_size = 8 : i64} {
gen.model @compute attributes {batch_size = 8 : i64} {
  gen.input @img : tensor<8x1x6x6xf32>

  // CHECK-LABEL: gen.net @conv(
  // CHECK-SAME: %[[X:[^:]+]]: tensor<8x1x6x6xf32>) -> tensor<8x1x12x12xf32> {
  // CHECK: %[[F:.*]] = gen.get_param @conv::@f : tensor<3x1x3x3xf32>
  // CHECK: %[[G:.*]] = gen.get_param @conv::@g : tensor<3xf32>
  // CHECK: %[[B:.*]] = gen.get_param @conv::@b : tensor<3xf32>
  // CHECK: %[[T:.*]] = gen.get_param @conv::@t : tensor<3x1x2x2xf32>
  // CHECK: %[[C:.*]] = gen.conv2d %[[X]], %[[F]] {padding = [1, 1], strides = [1, 1]} : tensor<8x1x6x6xf32>, tensor<3x1x3x3xf32> -> tensor<8x3x6x6xf32>
  // CHECK: %[[N:.*]] = gen.batch_norm %[[C]], %[[G]], %[[B]] {epsilon = 1.000000e-05 : f64} : tensor<8x3x6x6xf32>, tensor<3xf32>, tensor<3xf32> -> tensor<8x3x6x6xf32>
  // CHECK: %[[U:.*]] = gen.conv_transpose2d %[[N]], %[[T]] {padding = [0, 0], strides = [2, 2]} : tensor<8x3x6x6xf32>, tensor<3x1x2x2xf32> -> tensor<8x1x12x12xf32>
  // CHECK: gen.return %[[U]] : tensor<8x1x12x12xf32>
  gen.net @conv(%x: tensor<8x1x6x6xf32>) -> tensor<8x1x12x12xf32> {
    gen.param @f : tensor<3x1x3x3xf32> {init = "glorot_uniform"}
    gen.param @g : tensor<3xf32> {init = "ones"}
    gen.param @b : tensor<3xf32> {init = "zeros"}
    gen.param @t : tensor<3x1x2x2xf32> {init = "glorot_uniform"}
    %f = gen.get_param @conv::@f : tensor<3x1x3x3xf32>
    %g = gen.get_param @conv::@g : tensor<3xf32>
    %b = gen.get_param @conv::@b : tensor<3xf32>
    %t = gen.get_param @conv::@t : tensor<3x1x2x2xf32>
    %c = gen.conv2d %x, %f {strides = [1, 1], padding = [1, 1]} : tensor<8x1x6x6xf32>, tensor<3x1x3x3xf32> -> tensor<8x3x6x6xf32>
    %n = gen.batch_norm %c, %g, %b {epsilon = 1.0e-05 : f64} : tensor<8x3x6x6xf32>, tensor<3xf32>, tensor<3xf32> -> tensor<8x3x6x6xf32>
    %u = gen.conv_transpose2d %n, %t {strides = [2, 2], padding = [0, 0]} : tensor<8x3x6x6xf32>, tensor<3x1x2x2xf32> -> tensor<8x1x12x12xf32>
    gen.return %u : tensor<8x1x12x12xf32>
  }

  // CHECK-LABEL: gen.step @all updates [@conv] {
  gen.step @all updates [@conv] {
    // CHECK: %[[IMG:.*]] = gen.get_input @img : tensor<8x1x6x6xf32>
    // CHECK: %[[BIG:.*]] = gen.call @conv(%[[IMG]]) : (tensor<8x1x6x6xf32>) -> tensor<8x1x12x12xf32>
    // CHECK: %[[FLAT:.*]] = gen.reshape %[[BIG]] : tensor<8x1x12x12xf32> -> tensor<8x144xf32>
    // CHECK: %[[X:.*]] = gen.slice %[[FLAT]] {offsets = [0, 10], sizes = [8, 2]} : tensor<8x144xf32> -> tensor<8x2xf32>
    %img = gen.get_input @img : tensor<8x1x6x6xf32>
    %big = gen.call @conv(%img) : (tensor<8x1x6x6xf32>) -> tensor<8x1x12x12xf32>
    %flat = gen.reshape %big : tensor<8x1x12x12xf32> -> tensor<8x144xf32>
    %x = gen.slice %flat {offsets = [0, 10], sizes = [8, 2]} : tensor<8x144xf32> -> tensor<8x2xf32>

    // CHECK: %[[HALF:.*]] = gen.constant dense<5.000000e-01> : tensor<f32>
    // CHECK: %[[VEC:.*]] = gen.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
    // CHECK: %[[E:.*]] = gen.normal {mean = 0.000000e+00 : f64, stddev = 1.000000e+00 : f64} : tensor<8x2xf32>
    // CHECK: %[[R:.*]] = gen.uniform {high = 1.000000e+00 : f64, low = -1.000000e+00 : f64} : tensor<8x2xf32>
    %half = gen.constant dense<5.000000e-01> : tensor<f32>
    %vec = gen.constant dense<[1.0, 2.0]> : tensor<2xf32>
    %e = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<8x2xf32>
    %r = gen.uniform {low = -1.0 : f64, high = 1.0 : f64} : tensor<8x2xf32>

    // CHECK: %[[NEG:.*]] = gen.neg %[[X]] : tensor<8x2xf32>
    // CHECK: %[[EXP:.*]] = gen.exp %[[NEG]] : tensor<8x2xf32>
    // CHECK: %[[LOG:.*]] = gen.log %[[EXP]] : tensor<8x2xf32>
    // CHECK: %[[SQRT:.*]] = gen.sqrt %[[EXP]] : tensor<8x2xf32>
    // CHECK: %[[RELU:.*]] = gen.relu %[[LOG]] : tensor<8x2xf32>
    // CHECK: %[[SIG:.*]] = gen.sigmoid %[[RELU]] : tensor<8x2xf32>
    // CHECK: %[[TANH:.*]] = gen.tanh %[[SIG]] : tensor<8x2xf32>
    // CHECK: %[[SP:.*]] = gen.softplus %[[TANH]] : tensor<8x2xf32>
    // CHECK: %[[LR:.*]] = gen.leaky_relu %[[SP]] {alpha = 2.000000e-01 : f64} : tensor<8x2xf32>
    // CHECK: %[[ELU:.*]] = gen.elu %[[LR]] : tensor<8x2xf32>
    %neg = gen.neg %x : tensor<8x2xf32>
    %exp = gen.exp %neg : tensor<8x2xf32>
    %log = gen.log %exp : tensor<8x2xf32>
    %sqrt = gen.sqrt %exp : tensor<8x2xf32>
    %relu = gen.relu %log : tensor<8x2xf32>
    %sig = gen.sigmoid %relu : tensor<8x2xf32>
    %tanh = gen.tanh %sig : tensor<8x2xf32>
    %sp = gen.softplus %tanh : tensor<8x2xf32>
    %lr = gen.leaky_relu %sp {alpha = 2.0e-01 : f64} : tensor<8x2xf32>
    %elu = gen.elu %lr : tensor<8x2xf32>

    // Broadcasting binary ops: same shape, a row, a scalar, a column.
    // CHECK: %[[ADD:.*]] = gen.add %[[ELU]], %[[E]] : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8x2xf32>
    // CHECK: %[[SUB:.*]] = gen.sub %[[ADD]], %[[VEC]] : tensor<8x2xf32>, tensor<2xf32> -> tensor<8x2xf32>
    // CHECK: %[[MUL:.*]] = gen.mul %[[HALF]], %[[SUB]] : tensor<f32>, tensor<8x2xf32> -> tensor<8x2xf32>
    // CHECK: %[[COL:.*]] = gen.slice %[[R]] {offsets = [0, 0], sizes = [8, 1]} : tensor<8x2xf32> -> tensor<8x1xf32>
    // CHECK: %[[DIV:.*]] = gen.div %[[MUL]], %[[COL]] : tensor<8x2xf32>, tensor<8x1xf32> -> tensor<8x2xf32>
    // CHECK: %[[POW:.*]] = gen.pow %[[DIV]], %[[SQRT]] : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8x2xf32>
    %add = gen.add %elu, %e : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8x2xf32>
    %sub = gen.sub %add, %vec : tensor<8x2xf32>, tensor<2xf32> -> tensor<8x2xf32>
    %mul = gen.mul %half, %sub : tensor<f32>, tensor<8x2xf32> -> tensor<8x2xf32>
    %col = gen.slice %r {offsets = [0, 0], sizes = [8, 1]} : tensor<8x2xf32> -> tensor<8x1xf32>
    %div = gen.div %mul, %col : tensor<8x2xf32>, tensor<8x1xf32> -> tensor<8x2xf32>
    %pow = gen.pow %div, %sqrt : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8x2xf32>

    // CHECK: %[[RS:.*]] = gen.reshape %[[POW]] : tensor<8x2xf32> -> tensor<16xf32>
    // CHECK: %[[BC:.*]] = gen.broadcast_to %[[VEC]] : tensor<2xf32> -> tensor<8x2xf32>
    // CHECK: %[[TR:.*]] = gen.transpose %[[BC]] {permutation = [1, 0]} : tensor<8x2xf32> -> tensor<2x8xf32>
    // CHECK: %[[CAT:.*]] = gen.concat %[[POW]], %[[BC]], %[[X]] {axis = 1 : i64} : tensor<8x2xf32>, tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8x6xf32>
    // CHECK: %[[PAD:.*]] = gen.pad %[[X]] {high = [0, 3], low = [0, 1]} : tensor<8x2xf32> -> tensor<8x6xf32>
    %rs = gen.reshape %pow : tensor<8x2xf32> -> tensor<16xf32>
    %bc = gen.broadcast_to %vec : tensor<2xf32> -> tensor<8x2xf32>
    %tr = gen.transpose %bc {permutation = [1, 0]} : tensor<8x2xf32> -> tensor<2x8xf32>
    %cat = gen.concat %pow, %bc, %x {axis = 1 : i64} : tensor<8x2xf32>, tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8x6xf32>
    %pad = gen.pad %x {low = [0, 1], high = [0, 3]} : tensor<8x2xf32> -> tensor<8x6xf32>

    // CHECK: %[[SUM:.*]] = gen.sum %[[CAT]] {axes = [1]} : tensor<8x6xf32> -> tensor<8xf32>
    // CHECK: %[[MEAN:.*]] = gen.mean %[[PAD]] {axes = [0]} : tensor<8x6xf32> -> tensor<6xf32>
    // CHECK: %[[LSE:.*]] = gen.logsumexp %[[RS]] {axes = [0]} : tensor<16xf32> -> tensor<f32>
    %s = gen.sum %cat {axes = [1]} : tensor<8x6xf32> -> tensor<8xf32>
    %m = gen.mean %pad {axes = [0]} : tensor<8x6xf32> -> tensor<6xf32>
    %lse = gen.logsumexp %rs {axes = [0]} : tensor<16xf32> -> tensor<f32>

    // CHECK: %[[MM:.*]] = gen.matmul %[[PAD]], %[[CAT]] {transpose_rhs} : tensor<8x6xf32>, tensor<8x6xf32> -> tensor<8x8xf32>
    // CHECK: %[[ML:.*]] = gen.matmul %[[PAD]], %[[X]] {transpose_lhs} : tensor<8x6xf32>, tensor<8x2xf32> -> tensor<6x2xf32>
    // CHECK: %[[MB:.*]] = gen.matmul %[[ML]], %[[CAT]] {transpose_lhs, transpose_rhs} : tensor<6x2xf32>, tensor<8x6xf32> -> tensor<2x8xf32>
    // CHECK: %[[MP:.*]] = gen.matmul %[[MM]], %[[TR]] {transpose_rhs} : tensor<8x8xf32>, tensor<2x8xf32> -> tensor<8x2xf32>
    %mm = gen.matmul %pad, %cat {transpose_rhs} : tensor<8x6xf32>, tensor<8x6xf32> -> tensor<8x8xf32>
    %ml = gen.matmul %pad, %x {transpose_lhs} : tensor<8x6xf32>, tensor<8x2xf32> -> tensor<6x2xf32>
    %mb = gen.matmul %ml, %cat {transpose_lhs, transpose_rhs} : tensor<6x2xf32>, tensor<8x6xf32> -> tensor<2x8xf32>
    %mp = gen.matmul %mm, %tr {transpose_rhs} : tensor<8x8xf32>, tensor<2x8xf32> -> tensor<8x2xf32>

    // A 2-D batch_norm ([N, C]).
    // CHECK: %[[G1:.*]] = gen.constant dense<1.000000e+00> : tensor<2xf32>
    // CHECK: %[[B1:.*]] = gen.constant dense<0.000000e+00> : tensor<2xf32>
    // CHECK: %[[BN:.*]] = gen.batch_norm %[[MP]], %[[G1]], %[[B1]] {epsilon = 1.000000e-03 : f64} : tensor<8x2xf32>, tensor<2xf32>, tensor<2xf32> -> tensor<8x2xf32>
    %g1 = gen.constant dense<1.0> : tensor<2xf32>
    %b1 = gen.constant dense<0.0> : tensor<2xf32>
    %bn = gen.batch_norm %mp, %g1, %b1 {epsilon = 1.0e-03 : f64} : tensor<8x2xf32>, tensor<2xf32>, tensor<2xf32> -> tensor<8x2xf32>

    // Losses; bce_logits takes a target that broadcasts to the prediction.
    // CHECK: %[[P:.*]] = gen.sigmoid %[[BN]] : tensor<8x2xf32>
    // CHECK: %[[L1:.*]] = gen.bce %[[P]], %[[SIG]] : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8xf32>
    // CHECK: %[[L2:.*]] = gen.bce_logits %[[BN]], %[[VEC]] : tensor<8x2xf32>, tensor<2xf32> -> tensor<8xf32>
    // CHECK: %[[L3:.*]] = gen.mse %[[BN]], %[[X]] : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8xf32>
    // CHECK: %[[L4:.*]] = gen.softmax_cross_entropy %[[BN]], %[[P]] : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8xf32>
    %p = gen.sigmoid %bn : tensor<8x2xf32>
    %l1 = gen.bce %p, %sig : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8xf32>
    %l2 = gen.bce_logits %bn, %vec : tensor<8x2xf32>, tensor<2xf32> -> tensor<8xf32>
    %l3 = gen.mse %bn, %x : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8xf32>
    %l4 = gen.softmax_cross_entropy %bn, %p : tensor<8x2xf32>, tensor<8x2xf32> -> tensor<8xf32>

    %a1 = gen.add %l1, %l2 : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
    %a2 = gen.add %l3, %l4 : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
    %a3 = gen.add %a1, %a2 : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
    %a4 = gen.add %a3, %s : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
    %tot = gen.sum %a4 {axes = [0]} : tensor<8xf32> -> tensor<f32>
    %t2 = gen.add %tot, %lse : tensor<f32>, tensor<f32> -> tensor<f32>
    %ms = gen.sum %m {axes = [0]} : tensor<6xf32> -> tensor<f32>
    %mbs = gen.sum %mb {axes = [0, 1]} : tensor<2x8xf32> -> tensor<f32>
    %t3 = gen.add %t2, %ms : tensor<f32>, tensor<f32> -> tensor<f32>
    // CHECK: gen.minimize %{{.*}} : tensor<f32>
    %obj = gen.add %t3, %mbs : tensor<f32>, tensor<f32> -> tensor<f32>
    gen.minimize %obj : tensor<f32>
  }

  // CHECK: gen.train [@all] repeats [1] optimizer "momentum" {beta = 9.000000e-01 : f64, lr = 1.000000e-01 : f64}
  gen.train [@all] repeats [1] optimizer "momentum" {lr = 0.1, beta = 0.9}
}

//===----------------------------------------------------------------------===//
// The sgd optimizer, and a random draw fed to a net.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: gen.model @sgd attributes {batch_size = 2 : i64} {
gen.model @sgd attributes {batch_size = 2 : i64} {
  // CHECK-LABEL: gen.net @lin(
  // CHECK-SAME: %[[X:[^:]+]]: tensor<2x1xf32>) -> tensor<2x1xf32> {
  // CHECK: %[[W:.*]] = gen.get_param @lin::@w : tensor<1x1xf32>
  // CHECK: %[[Y:.*]] = gen.mul %[[X]], %[[W]] : tensor<2x1xf32>, tensor<1x1xf32> -> tensor<2x1xf32>
  // CHECK: gen.return %[[Y]] : tensor<2x1xf32>
  gen.net @lin(%x: tensor<2x1xf32>) -> tensor<2x1xf32> {
    gen.param @w : tensor<1x1xf32> {init = "ones"}
    %w = gen.get_param @lin::@w : tensor<1x1xf32>
    %y = gen.mul %x, %w : tensor<2x1xf32>, tensor<1x1xf32> -> tensor<2x1xf32>
    gen.return %y : tensor<2x1xf32>
  }
  // CHECK-LABEL: gen.step @s updates [@lin] {
  // CHECK: %[[Z:.*]] = gen.uniform {high = 1.000000e+00 : f64, low = 0.000000e+00 : f64} : tensor<2x1xf32>
  // CHECK: %[[Y:.*]] = gen.call @lin(%[[Z]]) : (tensor<2x1xf32>) -> tensor<2x1xf32>
  gen.step @s updates [@lin] {
    %z = gen.uniform {low = 0.0 : f64, high = 1.0 : f64} : tensor<2x1xf32>
    %y = gen.call @lin(%z) : (tensor<2x1xf32>) -> tensor<2x1xf32>
    %o = gen.sum %y {axes = [0, 1]} : tensor<2x1xf32> -> tensor<f32>
    gen.minimize %o : tensor<f32>
  }
  // CHECK: gen.train [@s] repeats [1] optimizer "sgd" {lr = 1.000000e-02 : f64}
  gen.train [@s] repeats [1] optimizer "sgd" {lr = 0.01}
}

//===----------------------------------------------------------------------===//
// What autodiff and the optimizer lowering add: gradients, training state,
// parameter and state writes, and the ops their rules use.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: gen.model @training attributes {batch_size = 2 : i64} {
gen.model @training attributes {batch_size = 2 : i64} {
  // CHECK: gen.state @adam.m.f.w : tensor<1x1x3x3xf32>
  gen.state @adam.m.f.w : tensor<1x1x3x3xf32>
  gen.net @f(%x: tensor<2x1x4x4xf32>) -> tensor<2x1x4x4xf32> {
    gen.param @w : tensor<1x1x3x3xf32> {init = "he_normal"}
    gen.return %x : tensor<2x1x4x4xf32>
  }
  // CHECK-LABEL: gen.step @s updates [@f] {
  // CHECK: %[[X:.*]] = gen.normal {mean = 0.000000e+00 : f64, stddev = 1.000000e+00 : f64} : tensor<2x1x4x4xf32>
  // CHECK: %[[W:.*]] = gen.get_param @f::@w : tensor<1x1x3x3xf32>
  // CHECK: %[[DW:.*]] = gen.conv2d_filter_grad %[[X]], %[[X]] {padding = [1, 1], strides = [1, 1]} : tensor<2x1x4x4xf32>, tensor<2x1x4x4xf32> -> tensor<1x1x3x3xf32>
  // CHECK: %[[H:.*]] = gen.heaviside %[[DW]] : tensor<1x1x3x3xf32>
  // CHECK: %[[M:.*]] = gen.max %[[H]], %[[W]] : tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x3x3xf32>
  // CHECK: gen.gradient @f::@w, %[[M]] : tensor<1x1x3x3xf32>
  // CHECK: %[[S:.*]] = gen.get_state @adam.m.f.w : tensor<1x1x3x3xf32>
  // CHECK: %[[NEXT:.*]] = gen.add %[[S]], %[[M]] : tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x3x3xf32>
  // CHECK: gen.set_state @adam.m.f.w, %[[NEXT]] : tensor<1x1x3x3xf32>
  // CHECK: gen.set_param @f::@w, %[[NEXT]] : tensor<1x1x3x3xf32>
  gen.step @s updates [@f] {
    %x = gen.normal {mean = 0.0 : f64, stddev = 1.0 : f64} : tensor<2x1x4x4xf32>
    %w = gen.get_param @f::@w : tensor<1x1x3x3xf32>
    %dw = gen.conv2d_filter_grad %x, %x {padding = [1, 1], strides = [1, 1]} : tensor<2x1x4x4xf32>, tensor<2x1x4x4xf32> -> tensor<1x1x3x3xf32>
    %h = gen.heaviside %dw : tensor<1x1x3x3xf32>
    %m = gen.max %h, %w : tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x3x3xf32>
    gen.gradient @f::@w, %m : tensor<1x1x3x3xf32>
    %s = gen.get_state @adam.m.f.w : tensor<1x1x3x3xf32>
    %next = gen.add %s, %m : tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32> -> tensor<1x1x3x3xf32>
    gen.set_state @adam.m.f.w, %next : tensor<1x1x3x3xf32>
    gen.set_param @f::@w, %next : tensor<1x1x3x3xf32>
    %o = gen.sum %next {axes = [0, 1, 2, 3]} : tensor<1x1x3x3xf32> -> tensor<f32>
    gen.minimize %o : tensor<f32>
  }
  gen.train [@s] repeats [1] optimizer "adam" {lr = 1.0e-3 : f64}
}

// An update step of data-parallel training reads the summed gradients.
// CHECK-LABEL: gen.model @update attributes {batch_size = 2 : i64} {
gen.model @update attributes {batch_size = 2 : i64} {
  gen.net @f(%x: tensor<2x1xf32>) -> tensor<2x1xf32> {
    gen.param @w : tensor<3xf32> {init = "zeros"}
    gen.return %x : tensor<2x1xf32>
  }
  // CHECK: gen.step @s updates [@f] {
  // CHECK: %[[G:.*]] = gen.get_gradient @f::@w : tensor<3xf32>
  // CHECK: gen.gradient @f::@w, %[[G]] : tensor<3xf32>
  gen.step @s updates [@f] {
    %g = gen.get_gradient @f::@w : tensor<3xf32>
    gen.gradient @f::@w, %g : tensor<3xf32>
    %o = gen.constant dense<0.0> : tensor<f32>
    gen.minimize %o : tensor<f32>
  }
  gen.train [@s] repeats [1] optimizer "sgd" {lr = 1.0e-3 : f64}
}

//===----------------------------------------------------------------------===//
// Declarations of how the model generates: generate (latent and decode
// regions), reconstruct, log_weight, discriminate, classify, each ended by
// gen.yield; and gen.categorical, with logits per row and shared.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: gen.model @declared attributes {batch_size = 4 : i64} {
gen.model @declared attributes {batch_size = 4 : i64} {
  gen.input @x : tensor<4x6xf32>
  gen.input @y : tensor<4x3xf32> {label_classes = 3 : i64}
  gen.net @dec(%z: tensor<4x3xf32>) -> tensor<4x6xf32> {
    gen.param @w : tensor<3x6xf32> {init = "glorot_uniform"}
    gen.param @logits : tensor<3xf32> {init = "zeros"}
    %w = gen.get_param @dec::@w : tensor<3x6xf32>
    %x = gen.matmul %z, %w : tensor<4x3xf32>, tensor<3x6xf32> -> tensor<4x6xf32>
    gen.return %x : tensor<4x6xf32>
  }

  // CHECK-LABEL: gen.generate @x latent "z" {
  // CHECK-NEXT: %[[L:.*]] = gen.get_param @dec::@logits : tensor<3xf32>
  // CHECK-NEXT: %[[U:.*]] = gen.uniform {high = 1.000000e+00 : f64, low = 0.000000e+00 : f64} : tensor<4x3xf32>
  // CHECK-NEXT: %[[K:.*]] = gen.categorical %[[L]], %[[U]] : tensor<3xf32>, tensor<4x3xf32>
  // CHECK-NEXT: %[[K2:.*]] = gen.categorical %[[K]], %[[U]] : tensor<4x3xf32>, tensor<4x3xf32>
  // CHECK-NEXT: gen.yield %[[K2]] : tensor<4x3xf32>
  // CHECK-NEXT: } decode {
  // CHECK-NEXT: ^bb0(%[[Z:.*]]: tensor<4x3xf32>):
  // CHECK-NEXT: %[[X:.*]] = gen.call @dec(%[[Z]]) : (tensor<4x3xf32>) -> tensor<4x6xf32>
  // CHECK-NEXT: gen.yield %[[X]] : tensor<4x6xf32>
  // CHECK-NEXT: }
  gen.generate @x latent "z" {
    %l = gen.get_param @dec::@logits : tensor<3xf32>
    %u = gen.uniform {low = 0.0 : f64, high = 1.0 : f64} : tensor<4x3xf32>
    %k = gen.categorical %l, %u : tensor<3xf32>, tensor<4x3xf32>
    %k2 = gen.categorical %k, %u : tensor<4x3xf32>, tensor<4x3xf32>
    gen.yield %k2 : tensor<4x3xf32>
  } decode {
  ^bb0(%z: tensor<4x3xf32>):
    %x = gen.call @dec(%z) : (tensor<4x3xf32>) -> tensor<4x6xf32>
    gen.yield %x : tensor<4x6xf32>
  }

  // CHECK-LABEL: gen.reconstruct @x {
  // CHECK-NEXT: %[[X:.*]] = gen.get_input @x : tensor<4x6xf32>
  // CHECK-NEXT: gen.yield %[[X]] : tensor<4x6xf32>
  gen.reconstruct @x {
    %x = gen.get_input @x : tensor<4x6xf32>
    gen.yield %x : tensor<4x6xf32>
  }

  // CHECK-LABEL: gen.log_weight @x {
  // CHECK-NEXT: %[[X:.*]] = gen.get_input @x : tensor<4x6xf32>
  // CHECK-NEXT: %[[S:.*]] = gen.sum %[[X]] {axes = [1]} : tensor<4x6xf32> -> tensor<4xf32>
  // CHECK-NEXT: gen.yield %[[S]] : tensor<4xf32>
  gen.log_weight @x {
    %x = gen.get_input @x : tensor<4x6xf32>
    %s = gen.sum %x {axes = [1]} : tensor<4x6xf32> -> tensor<4xf32>
    gen.yield %s : tensor<4xf32>
  }

  // CHECK-LABEL: gen.discriminate @x {
  // CHECK-NEXT: %[[X:.*]] = gen.get_input @x : tensor<4x6xf32>
  // CHECK-NEXT: %[[S:.*]] = gen.slice %[[X]] {offsets = [0, 0], sizes = [4, 1]} : tensor<4x6xf32> -> tensor<4x1xf32>
  // CHECK-NEXT: gen.yield %[[S]] : tensor<4x1xf32>
  gen.discriminate @x {
    %x = gen.get_input @x : tensor<4x6xf32>
    %s = gen.slice %x {offsets = [0, 0], sizes = [4, 1]} : tensor<4x6xf32> -> tensor<4x1xf32>
    gen.yield %s : tensor<4x1xf32>
  }

  // CHECK-LABEL: gen.classify @y attributes {note = "labels"} {
  // CHECK-NEXT: %[[X:.*]] = gen.get_input @x : tensor<4x6xf32>
  // CHECK-NEXT: %[[S:.*]] = gen.slice %[[X]] {offsets = [0, 0], sizes = [4, 3]} : tensor<4x6xf32> -> tensor<4x3xf32>
  // CHECK-NEXT: gen.yield %[[S]] : tensor<4x3xf32>
  gen.classify @y attributes {note = "labels"} {
    %x = gen.get_input @x : tensor<4x6xf32>
    %s = gen.slice %x {offsets = [0, 0], sizes = [4, 3]} : tensor<4x6xf32> -> tensor<4x3xf32>
    gen.yield %s : tensor<4x3xf32>
  }
}
