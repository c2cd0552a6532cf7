//===- ConvSchedule.cpp - CPU schedules for convolutions ------------------===//
//
// The loop nests of the convolutions of Convolutions.cpp, chosen from their
// shapes:
// 1) Wide accumulations (at least one vector of output channels, or of
//    filters for the filter gradient) are register-tiled like the matmul:
//    a tile of `vectors` channel vectors by `rows` positions (output columns
//    of one row, or kernel taps for the filter gradient) stays in registers
//    for the whole reduction, which reads one vector of packed weights per
//    channel vector and one broadcast input value per position.
// 2) Narrow ones (fewer channels than lanes, e.g. a 1-channel image out of
//    a transposed conv) are vectorized over output columns instead, with a
//    few rows (and, for transposed convs, every stride phase) in registers.
// 3) The input is zero-padded once per image (or once, for the filter
//    gradient), the weights or dy packed once, and the outer loop over
//    images (or over tiles of the filter gradient) is parallel.
//
// Measured on dcgan at batch 64, one thread of a Zen 5 EPYC (FMA peak ~215
// GFLOP/s), Halide's profiler: each 822-MFLOP conv2d and conv_transpose2d
// 4.0-4.8 ms, each 822-MFLOP filter gradient 4.8-5.6 ms; the naive RDom
// loops they replace took 7.6 s per D+G iteration in all.
//
//===----------------------------------------------------------------------===//
#include "SchedulePolicy.h"

#include <algorithm>

using namespace genc::halide;
using Form = ConvStages::Form;
using Halide::Func;
using Halide::TailStrategy;
using Halide::Var;

namespace {
int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// A register tile: `vectors` vectors along the vectorized dimension by
/// `rows` positions of another (times `phases` stride phases, for
/// transposed convs).
struct Tile {
  int vectors = 1, rows = 1;
};

/// Picks the tile of an accumulation over `channels` (vectorized) by
/// `extent` positions, taken `unit` at a time (`rows` counts units), that
/// does the most useful FMAs per cycle. Per reduction step a tile issues
/// vectors x rows x unit FMAs and loads a weight vector per channel vector
/// and per stride phase its positions meet (`phases`: a transposed conv's
/// consecutive columns alternate between them), and one broadcast input per
/// distinct input column. The model assumes two FMAs and two loads per
/// cycle and at most three quarters of the vector registers for
/// accumulators (24 of AVX-512's 32, 12 of AVX2's 16), and counts what
/// shifted tail tiles compute twice; ties go to the larger tile.
/// Two limits come from the register file:
/// - the tile must fit with its operands: the accumulators, every weight
///   vector that more than one FMA reads (one read once is an FMA's memory
///   operand) and a broadcast. AVX2's dcgan transposed conv took 18 ms
///   per 822 MFLOP with a 2 x 6 tile, which needs 17 of the 16 ymm
///   registers, and 12-13 ms with the tiles that fit;
/// - hiding the FMA latency (4-5 cycles on two ports) takes 8 to 10
///   independent accumulators; the model asks for 12 where 32 registers
///   leave room for them, 8 where there are 16 (AVX2: 9.4-9.9 ms per
///   822-MFLOP conv2d with a 2 x 4 tile, 10.5-11 with 3 x 4).
/// Transposed convs take whole phase periods, so that every tile starts on
/// the same phase.
Tile pickTile(int64_t channels, int64_t extent, VectorMachine machine, int unit = 1,
              int phases = 1) {
  Tile best;
  double bestRate = -1;
  int lanes = machine.lanes, most = machine.registers * 3 / 4;
  double latency = std::min(12, machine.registers / 2);
  for (int v = 1; v <= 4 && v * lanes <= channels; ++v)
    for (int m = 1; m <= extent && v * m * unit <= most; ++m) {
      if (phases > 1 && m % phases != 0 && m != extent)
        continue;
      int positions = m * unit;
      int accumulators = v * positions;
      int reusedWeights = positions > phases ? v * std::min(positions, phases) : 0;
      if (accumulators + reusedWeights + 1 > machine.registers)
        continue;
      double loads = v * std::min(positions, phases) + ceilDiv(positions, phases) + (phases > 1);
      double cycles = std::max({double(accumulators), loads, latency});
      double waste = double(ceilDiv(channels, v * lanes) * v * lanes) / double(channels) *
                     double(ceilDiv(extent, m) * m) / double(extent);
      double rate = double(accumulators) / cycles / waste;
      if (rate > bestRate * (1 + 1e-9) ||
          (rate > bestRate * (1 - 1e-9) && accumulators > best.vectors * best.rows * unit)) {
        bestRate = rate;
        best = {v, m};
      }
    }
  return best;
}

/// Unrolls the short reduction loops (kernel taps) of an accumulation: a
/// kernel row's taps always; the rows too below 16 lanes, where a tap's
/// register tile is too little work to hide the loop (AVX2 dcgan: 146 ms
/// with the rows unrolled, 175 ms without). With 16 lanes unrolling the
/// rows made no measurable difference (54-58 ms either way) but cost
/// Halide's lowering a third more time (dcgan's cold compile: 26 s against
/// 16.5 s on 2 cores).
void unrollTaps(Halide::Stage update, const ConvStages &st, int64_t extentX, int64_t extentY,
                VectorMachine machine) {
  if (extentX <= 4)
    update.unroll(st.r.x);
  if (extentX <= 4 && extentY <= 4 && machine.lanes < 16)
    update.unroll(st.r.y);
}

/// Vectorizes the innermost dimension of a pure stage computed at `f`'s
/// `at` loop (or at root), as wide as `extent` allows.
void vectorizeInner(Func stage, int64_t extent, VectorMachine machine) {
  if (int width = machine.widthFor(extent))
    stage.vectorize(stage.args()[0], width);
}

/// Computes the zero-padded input at `at` (a convolution's loop over
/// images, or root, then in parallel over images when `parallelImages`),
/// its rows vectorized as wide as `width` columns allow, and its copy of
/// the input's interior too.
void placePadded(const ConvStages &st, Halide::LoopLevel at, bool parallelImages, int64_t width,
                 VectorMachine machine) {
  Func padded = st.padded;
  Var n = padded.args()[3];
  padded.compute_at(at);
  if (parallelImages)
    padded.parallel(n);
  vectorizeInner(padded, width, machine);
  if (!st.interior.defined())
    return;
  Halide::Stage copy = padded.update();
  if (parallelImages)
    copy.parallel(n);
  if (int lanes = machine.widthFor(constExtent(st.interior.x)))
    copy.vectorize(st.interior.x, lanes, TailStrategy::GuardWithIf);
}

/// Where a convolution computes its zero-padded input: per image (at `y`'s
/// loop over images) when its tasks are images, else once.
Halide::LoopLevel paddedLevel(Func y, Var image, bool perImage) {
  return perImage ? Halide::LoopLevel(y, image) : Halide::LoopLevel::root();
}

/// The outer loops of a convolution over images: parallel over images when
/// there are several (each task pads its own image), else over rows, unless
/// the whole convolution (`work` multiply-adds per image) is too small to
/// share. Returns whether the input can be padded per image.
bool parallelOverImages(Func f, Var row, Var image, int64_t images, int64_t work) {
  if (images * work < (int64_t(1) << 20))
    return images > 1;
  if (images >= 4) {
    f.parallel(image);
    return true;
  }
  Var rows(row.name() + "_" + image.name());
  f.fuse(row, image, rows).parallel(rows);
  return false;
}

/// Packs the weights of a convolution with >= one vector of output
/// channels, channels innermost, one block of a vector's channels after
/// another, the blocks in parallel when the pack is large: within a block
/// the loops walk the weights of each of its channels in memory order. A
/// conv2d's (OIHW) channels are outermost in memory: the pack of dcgan's
/// 128 x 64 x 4 x 4 filter read a vector across 128 channels per tap, 4 KiB
/// apart, and took 0.3 ms on the calling thread alone (Zen 5, AVX2).
void packWeights(const ConvStages &st, VectorMachine machine) {
  Func packed = st.packed;
  std::vector<Var> pa = packed.args(); // (o, ...)
  Var oo("oo"), oi("oi");
  std::vector<Halide::VarOrRVar> order{oi};
  order.insert(order.end(), pa.begin() + 1, pa.end());
  order.push_back(oo);
  packed.compute_root()
      .split(pa[0], oo, oi, machine.lanes, TailStrategy::ShiftInwards)
      .reorder(order)
      .vectorize(oi);
  int64_t phases = st.form == Form::ConvTranspose2D ? st.stride[0] * st.stride[1] : 1;
  if (st.channels * st.reduction * phases >= kParallelElements)
    packed.parallel(oo);
}

/// conv2d and conv_transpose2d with >= one vector of output channels:
/// tiles of vectors x lanes channels by `rows` output columns of one row.
void scheduleChannels(const FuncInfo &info, ConvStages st, VectorMachine machine) {
  int lanes = machine.lanes;
  Func y = info.func, acc = st.acc;
  std::vector<Var> ya = y.args(), aa = acc.args(); // (x, y, o, n), (o, x, y, n)
  int64_t N = info.shape[0], O = info.shape[1], OW = info.shape[3];
  bool transposed = st.form == Form::ConvTranspose2D;
  int phases = transposed ? int(st.stride[1]) : 1;
  Tile t = pickTile(O, OW, machine, 1, phases);
  Var oo("oo"), oi("oi"), xo("xo"), xi("xi");
  y.compute_root()
      .split(ya[2], oo, oi, lanes * t.vectors, TailStrategy::ShiftInwards)
      .split(ya[0], xo, xi, t.rows, TailStrategy::ShiftInwards)
      .reorder(oi, xi, xo, oo, ya[1], ya[3])
      .vectorize(oi, lanes)
      .unroll(oi)
      .unroll(xi);
  bool perImage = parallelOverImages(y, ya[1], ya[3], N, info.shape[2] * OW * O * st.reduction);
  acc.compute_at(y, xo).vectorize(aa[0], lanes).unroll(aa[0]).unroll(aa[1]);
  Halide::Stage update = acc.update();
  update.reorder(aa[0], aa[1], st.r.x, st.r.y, st.r.z)
      .vectorize(aa[0], lanes)
      .unroll(aa[0])
      .unroll(aa[1]);
  int64_t tapsX = transposed ? ceilDiv(st.kernel[1], phases) : st.kernel[1];
  int64_t tapsY = transposed ? ceilDiv(st.kernel[0], st.stride[0]) : st.kernel[0];
  unrollTaps(update, st, tapsX, tapsY, machine);
  packWeights(st, machine);
  int64_t width =
      transposed ? ceilDiv(OW, phases) + tapsX : (OW - 1) * st.stride[1] + st.kernel[1];
  placePadded(st, paddedLevel(y, ya[3], perImage), false, width, machine);
}

/// conv2d with fewer output channels than lanes: vectors of output columns
/// of `rows` rows, one channel at a time.
void scheduleConv2DPixels(const FuncInfo &info, ConvStages st, VectorMachine machine) {
  int lanes = machine.lanes;
  Func y = info.func, acc = st.acc;
  std::vector<Var> ya = y.args(), aa = acc.args(); // (x, y, o, n), (o, x, y, n)
  int64_t N = info.shape[0], OH = info.shape[2], OW = info.shape[3];
  int64_t vectors = ceilDiv(OW, lanes);
  int rows = int(std::clamp<int64_t>(8 / vectors, 1, OH));
  Var yo("yo"), yi("yi");
  y.compute_root()
      .split(ya[1], yo, yi, rows, TailStrategy::ShiftInwards)
      .reorder(ya[0], yi, yo, ya[2], ya[3]);
  if (int width = machine.widthFor(OW))
    y.vectorize(ya[0], width, TailStrategy::ShiftInwards);
  bool perImage =
      parallelOverImages(y, ya[2], ya[3], N, OH * OW * info.shape[1] * st.reduction);
  // Columns innermost in memory too, so that the accumulators are vectors.
  acc.compute_at(y, yo)
      .reorder_storage(aa[1], aa[2], aa[0], aa[3])
      .vectorize(aa[1], lanes, TailStrategy::RoundUp)
      .unroll(aa[2]);
  Halide::Stage update = acc.update();
  update.reorder(aa[1], aa[2], st.r.x, st.r.y, st.r.z)
      .vectorize(aa[1], lanes, TailStrategy::RoundUp)
      .unroll(aa[1])
      .unroll(aa[2]);
  unrollTaps(update, st, st.kernel[1], st.kernel[0], machine);
  st.packed.compute_root();
  placePadded(st, paddedLevel(y, ya[3], perImage), false,
              (OW - 1) * st.stride[1] + st.kernel[1], machine);
}

/// conv_transpose2d with fewer output channels than lanes: vectors of phase
/// columns, for every phase of `rows` phase rows, one channel at a time.
void scheduleConvTransposePixels(const FuncInfo &info, ConvStages st, VectorMachine machine) {
  int lanes = machine.lanes;
  Func y = info.func, acc = st.acc;
  std::vector<Var> ya = y.args(), aa = acc.args(); // (x, y, o, n), (o, rx, qx, ry, qy, n)
  int64_t N = info.shape[0], OH = info.shape[2], OW = info.shape[3];
  int sy = int(st.stride[0]), sx = int(st.stride[1]);
  int64_t QX = ceilDiv(OW, sx), QY = ceilDiv(OH, sy);
  int64_t vectors = ceilDiv(QX, lanes);
  int rows = int(std::clamp<int64_t>(8 / (vectors * sx * sy), 1, QY));
  Var qx("qx"), rx("rx"), qy("qy"), ry("ry"), qyo("qyo"), qyi("qyi");
  if (!info.isOutput)
    y.align_bounds(ya[0], sx).align_bounds(ya[1], sy);
  y.compute_root()
      .split(ya[0], qx, rx, sx, TailStrategy::GuardWithIf)
      .split(ya[1], qy, ry, sy, TailStrategy::GuardWithIf)
      .split(qy, qyo, qyi, rows, TailStrategy::ShiftInwards)
      .reorder(qx, rx, ry, qyi, qyo, ya[2], ya[3])
      .unroll(rx)
      .unroll(ry)
      .unroll(qyi);
  if (int width = machine.widthFor(QX))
    y.vectorize(qx, width, TailStrategy::ShiftInwards);
  bool perImage =
      parallelOverImages(y, qyo, ya[3], N, OH * OW * info.shape[1] * st.reduction);
  // Phase columns innermost in memory too, so that the accumulators are
  // vectors.
  acc.compute_at(y, qyo)
      .reorder_storage(aa[2], aa[1], aa[3], aa[4], aa[0], aa[5])
      .vectorize(aa[2], lanes, TailStrategy::RoundUp)
      .unroll(aa[1])
      .unroll(aa[3])
      .unroll(aa[4]);
  Halide::Stage update = acc.update();
  update.reorder(aa[2], aa[1], aa[3], aa[4], st.r.x, st.r.y, st.r.z)
      .vectorize(aa[2], lanes, TailStrategy::RoundUp)
      .unroll(aa[2])
      .unroll(aa[1])
      .unroll(aa[3])
      .unroll(aa[4]);
  unrollTaps(update, st, ceilDiv(st.kernel[1], sx), ceilDiv(st.kernel[0], sy), machine);
  st.packed.compute_root();
  placePadded(st, paddedLevel(y, ya[3], perImage), false,
              QX + ceilDiv(st.kernel[1], sx) + lanes, machine);
}

/// The filter gradient with >= one vector of filters: tiles of vectors x
/// lanes filters by every kernel column of `rows` kernel rows, for one
/// input channel, summed over all images and output pixels in registers;
/// the tiles are spread over the threads.
void scheduleFilterGrad(const FuncInfo &info, ConvStages st, VectorMachine machine) {
  int lanes = machine.lanes;
  Func dw = info.func, acc = st.acc;
  std::vector<Var> da = dw.args(), aa = acc.args(); // (kx, ky, c, o), (o, kx, ky, c)
  int64_t O = info.shape[0], KH = info.shape[2], KW = info.shape[3];
  // Rows of the tile are whole kernel rows: KW taps each.
  Tile t = pickTile(O, KH, machine, int(KW));
  Var oo("oo"), oi("oi"), kyo("kyo"), kyi("kyi"), tiles("tiles"), tile("tile");
  dw.compute_root()
      .split(da[3], oo, oi, lanes * t.vectors, TailStrategy::ShiftInwards)
      .split(da[1], kyo, kyi, t.rows, TailStrategy::ShiftInwards)
      .reorder(oi, da[0], kyi, kyo, da[2], oo)
      .vectorize(oi, lanes)
      .unroll(oi)
      .unroll(da[0])
      .unroll(kyi)
      .fuse(kyo, da[2], tiles)
      .fuse(tiles, oo, tile)
      .parallel(tile);
  acc.compute_at(dw, tile).vectorize(aa[0], lanes).unroll(aa[0]).unroll(aa[1]).unroll(aa[2]);
  Halide::Stage update = acc.update();
  update.reorder(aa[0], aa[1], aa[2], st.r.x, st.r.y, st.r.z)
      .vectorize(aa[0], lanes)
      .unroll(aa[0])
      .unroll(aa[1])
      .unroll(aa[2]);
  int64_t columns = constExtent(st.r.x);
  if (columns > 0 && columns <= 8) // the output columns of a small image
    update.unroll(st.r.x);
  std::vector<Var> pa = st.packed.args(); // (o, x, y, n)
  st.packed.compute_root().vectorize(pa[0], lanes).parallel(pa[3]);
  placePadded(st, Halide::LoopLevel::root(), true, lanes, machine);
}

/// The filter gradient with fewer filters than lanes: one tile per input
/// channel, in parallel.
void scheduleFilterGradNarrow(const FuncInfo &info, ConvStages st, VectorMachine machine) {
  Func dw = info.func, acc = st.acc;
  std::vector<Var> da = dw.args(); // (kx, ky, c, o)
  dw.compute_root().reorder(da[0], da[1], da[3], da[2]).parallel(da[2]);
  acc.compute_at(dw, da[2]);
  st.packed.compute_root();
  placePadded(st, Halide::LoopLevel::root(), true, machine.lanes, machine);
}
} // namespace

void genc::halide::scheduleConvolution(const FuncInfo &info, VectorMachine machine) {
  ConvStages st = *info.conv;
  bool wide = st.channels >= machine.lanes;
  switch (st.form) {
  case Form::Conv2D:
    return wide ? scheduleChannels(info, st, machine) : scheduleConv2DPixels(info, st, machine);
  case Form::ConvTranspose2D:
    return st.phaseMajor ? scheduleConvTransposePixels(info, st, machine)
                         : scheduleChannels(info, st, machine);
  case Form::FilterGrad:
    return wide ? scheduleFilterGrad(info, st, machine) : scheduleFilterGradNarrow(info, st, machine);
  }
}
