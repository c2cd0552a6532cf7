//===- Convolutions.cpp - Convolutions as implicit GEMMs ------------------===//
//
// Each convolution-like op is a small GEMM whose operands are read in place:
// for conv2d, rows are output pixels, columns output channels and the sum
// runs over (kx, ky, in-channel); the filter gradient sums over (x, y,
// image) for each (filter, channel, ky, kx). A transposed convolution with
// stride s is split into its s x s output phases: output column s qx + rx
// only meets the taps kx = (rx + p) mod s + s tx, so each phase is a dense
// stride-1 correlation with ceil(k / s) taps per dimension, and no term is
// multiplied by a structural zero.
//
// Halide dimensions are gen's reversed: an NCHW tensor is f(x, y, c, n), an
// OIHW filter w(kx, ky, c, o), an IOHW one w(kx, ky, o, c).
//
//===----------------------------------------------------------------------===//
#include "Convolutions.h"

using namespace genc::halide;
using Halide::Expr;
using Halide::Func;
using Halide::RDom;
using Halide::Var;

namespace {
/// The input, zero outside its rows and columns. With `denseInterior`, zero
/// everywhere, then the input copied over its rows and columns by an update
/// (`interior`): selecting per element reads the input at clamped
/// coordinates, a gather per vector, and recomputes every inlined producer
/// of the input (dcgan's batch norm and ReLU) at each border element too.
Func zeroPadded(const ConvOperands &ops, const std::string &name, bool denseInterior,
                Halide::RDom &interior) {
  const auto &s = ops.inputShape;
  Func padded(name + "_padded");
  Var x("x"), y("y"), c("c"), n("n");
  if (denseInterior) {
    padded(x, y, c, n) = 0.0f;
    interior = RDom(0, int(s[3]), 0, int(s[2]), name + "_interior");
    padded(interior.x, interior.y, c, n) = ops.input(interior.x, interior.y, c, n);
    return padded;
  }
  Func bounded = Halide::BoundaryConditions::constant_exterior(
      ops.input, 0.0f,
      {{0, int(s[3])}, {0, int(s[2])}, Halide::Range(Expr(), Expr()),
       Halide::Range(Expr(), Expr())});
  padded(x, y, c, n) = bounded(x, y, c, n);
  return padded;
}
} // namespace

ConvStages genc::halide::defineConvolution(ConvStages::Form form, const ConvOperands &ops,
                                           Func result, bool phaseMajor, bool denseInterior) {
  using Form = ConvStages::Form;
  const std::string name = result.name();
  ConvStages st;
  st.form = form;
  st.padded = zeroPadded(ops, name, denseInterior, st.interior);
  st.packed = Func(name + "_packed");
  st.acc = Func(name + "_acc");
  st.batch = ops.inputShape[0];
  st.stride[0] = ops.stride[0];
  st.stride[1] = ops.stride[1];
  const int sy = int(ops.stride[0]), sx = int(ops.stride[1]);
  const int py = int(ops.pad[0]), px = int(ops.pad[1]);
  const int64_t C = ops.inputShape[1];
  Func in = st.padded, w = ops.other, packed = st.packed, acc = st.acc;
  Var x("x"), y("y"), c("c"), n("n"), o("o"), kx("kx"), ky("ky");
  switch (form) {
  case Form::Conv2D: {
    // y[n, o, y, x] = sum_{c, ky, kx} x[n, c, y s - p + ky, x s - p + kx] w[o, c, ky, kx]
    const int KH = int(ops.otherShape[2]), KW = int(ops.otherShape[3]);
    st.kernel[0] = KH;
    st.kernel[1] = KW;
    st.channels = ops.resultShape[1];
    packed(o, kx, ky, c) = w(kx, ky, c, o);
    st.r = RDom(0, KW, 0, KH, 0, int(C), name + "_r");
    acc(o, x, y, n) = 0.0f;
    acc(o, x, y, n) += in(x * sx - px + st.r.x, y * sy - py + st.r.y, st.r.z, n) *
                       packed(o, st.r.x, st.r.y, st.r.z);
    result(x, y, o, n) = acc(o, x, y, n);
    st.reduction = int64_t(KW) * KH * C;
    break;
  }
  case Form::ConvTranspose2D: {
    // y[n, o, Y, X] = sum_{c, i, j} x[n, c, (Y + p - i) / s, (X + p - j) / s] w[c, o, i, j]
    // over the taps where s divides both: for column X those are
    // j = (X + p) mod s + s tx, reading column (X + p) / s - tx.
    const int KH = int(ops.otherShape[2]), KW = int(ops.otherShape[3]);
    st.kernel[0] = KH;
    st.kernel[1] = KW;
    st.channels = ops.resultShape[1];
    const int TY = (KH + sy - 1) / sy, TX = (KW + sx - 1) / sx;
    Var tx("tx"), ty("ty"), rx("rx"), ry("ry"), qx("qx"), qy("qy");
    Expr j = (rx + px) % sx + sx * tx, i = (ry + py) % sy + sy * ty;
    Expr tap = w(Halide::min(j, KW - 1), Halide::min(i, KH - 1), o, c);
    // Taps past the kernel (k not a multiple of s) are zero.
    if (KW % sx != 0 || KH % sy != 0)
      tap = Halide::select(j < KW && i < KH, tap, 0.0f);
    packed(o, tx, ty, c, rx, ry) = tap;
    st.r = RDom(0, TX, 0, TY, 0, int(C), name + "_r");
    st.reduction = int64_t(TX) * TY * C;
    if (!phaseMajor) {
      // In output coordinates, like conv2d: a tile of columns meets the
      // phases in turn.
      acc(o, x, y, n) = 0.0f;
      acc(o, x, y, n) += in((x + px) / sx - st.r.x, (y + py) / sy - st.r.y, st.r.z, n) *
                         packed(o, st.r.x, st.r.y, st.r.z, x % sx, y % sy);
      result(x, y, o, n) = acc(o, x, y, n);
      break;
    }
    // By phase: output pixel (s qx + rx, s qy + ry) of phase (rx, ry).
    st.phaseMajor = true;
    acc(o, rx, qx, ry, qy, n) = 0.0f;
    acc(o, rx, qx, ry, qy, n) +=
        in(qx + (rx + px) / sx - st.r.x, qy + (ry + py) / sy - st.r.y, st.r.z, n) *
        packed(o, st.r.x, st.r.y, st.r.z, rx, ry);
    result(x, y, o, n) = acc(o, x % sx, x / sx, y % sy, y / sy, n);
    break;
  }
  case Form::FilterGrad: {
    // dw[o, c, ky, kx] = sum_{n, y, x} x[n, c, y s - p + ky, x s - p + kx] dy[n, o, y, x]
    const int64_t N = ops.otherShape[0], OH = ops.otherShape[2], OW = ops.otherShape[3];
    st.kernel[0] = ops.resultShape[2];
    st.kernel[1] = ops.resultShape[3];
    st.channels = ops.resultShape[0];
    packed(o, x, y, n) = w(x, y, o, n);
    st.r = RDom(0, int(OW), 0, int(OH), 0, int(N), name + "_r");
    acc(o, kx, ky, c) = 0.0f;
    acc(o, kx, ky, c) += in(st.r.x * sx - px + kx, st.r.y * sy - py + ky, c, st.r.z) *
                         packed(o, st.r.x, st.r.y, st.r.z);
    result(kx, ky, c, o) = acc(o, kx, ky, c);
    st.reduction = OW * OH * N;
    break;
  }
  }
  return st;
}
