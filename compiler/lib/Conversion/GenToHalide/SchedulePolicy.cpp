//===- SchedulePolicy.cpp - genc's shape-driven Halide schedules ----------===//
#include "SchedulePolicy.h"

#include <cassert>
#include <map>
#include <optional>
#include <set>

using namespace genc::halide;
using Halide::TailStrategy;
using Halide::Var;

VectorMachine VectorMachine::of(const Halide::Target &target) {
  VectorMachine machine;
  machine.lanes = std::max(1, target.natural_vector_size<float>());
  bool avx512 = target.has_feature(Halide::Target::AVX512) ||
                target.has_feature(Halide::Target::AVX512_KNL) ||
                target.has_feature(Halide::Target::AVX512_Skylake) ||
                target.has_feature(Halide::Target::AVX512_Cannonlake) ||
                target.has_feature(Halide::Target::AVX512_SapphireRapids);
  bool aarch64 = target.arch == Halide::Target::ARM && target.bits == 64;
  machine.registers = avx512 || aarch64 ? 32 : 16;
  return machine;
}

int64_t genc::halide::constExtent(const Halide::Expr &extent) {
  const int64_t *value = Halide::Internal::as_const_int(extent);
  return value ? *value : 0;
}

int64_t genc::halide::constExtent(const Halide::RVar &r) { return constExtent(r.extent()); }

int VectorMachine::widthFor(int64_t extent) const {
  for (int width = lanes; width >= 4; width /= 2)
    if (extent >= width)
      return width;
  return 0;
}

namespace {
/// The most tasks a parallel loop is split into. The runtime's pool gives
/// each thread a contiguous share of them and lets a thread that is done
/// take the others' last tasks, so more tasks than threads balance the
/// threads without losing cache locality (32 against 8: the VAE step on
/// two threads 0-5 % faster), and leave work for up to 32 cores.
constexpr int64_t kParallelTasks = 32;

/// The least work, in vector multiply-adds, of one matmul task: about 5 us,
/// many times what handing it to a thread costs.
constexpr int64_t kMinTaskWork = 1 << 15;

/// Splits the outer loop `outer` (of `extent` iterations) into at most
/// kParallelTasks parallel tasks: a task per row of a 784 x 400 Adam update
/// is too little work to pay for its hand-off to the thread pool.
void parallelInChunks(Halide::Func f, Var outer, int64_t extent) {
  int64_t tasks = std::min<int64_t>(extent, kParallelTasks);
  int factor = static_cast<int>((extent + tasks - 1) / tasks);
  Var chunk(outer.name() + "_chunk"), rows(outer.name() + "_rows");
  f.split(outer, chunk, rows, factor, TailStrategy::GuardWithIf).parallel(chunk);
}

/// The row loop inside parallelInChunks' tasks of a root elementwise Func,
/// if it has one.
std::optional<Var> rowLevel(const FuncInfo &info) {
  int64_t total = 1;
  for (int64_t d : info.shape)
    total *= d;
  if (info.shape.size() < 2 || info.shape.front() < 2 || total < kParallelElements)
    return std::nullopt;
  return Var("d" + std::to_string(info.shape.size() - 1) + "_rows");
}

/// A vector of sums over the rows of what it reads (a batch's mean per
/// feature: dense batch norm's statistics and their gradients), large
/// enough to share: each task sums a chunk of the columns, streaming the
/// rows through it in memory order with the chunk's sums in cache. Without
/// this, such sums ran on one thread, a column vector at a time down the
/// rows (dcgan: six sums over 64 x 6272 values per step). Returns false
/// for other Funcs.
bool scheduleColumnSums(const FuncInfo &info, int vectorWidth) {
  Halide::Func f = info.func;
  if (f.dimensions() != 1 || f.num_update_definitions() != 1)
    return false;
  // An update of f(x) itself (not of another element), over its own RDom.
  const Halide::Internal::Variable *target = f.update_args(0)[0].as<Halide::Internal::Variable>();
  if (!target || target->name != f.args()[0].name())
    return false;
  const std::vector<Halide::Internal::ReductionVariable> &rvars =
      f.update(0).get_schedule().rvars();
  int64_t columns = info.shape[0], terms = 1;
  for (const Halide::Internal::ReductionVariable &rv : rvars)
    terms *= constExtent(rv.extent);
  if (rvars.empty() || columns < 2 * vectorWidth || columns * terms < kParallelElements)
    return false;
  // Vectors first, then runs of vectors per task: Halide 14 drops the
  // guard of a vectorized split inside a guarded one and writes past the
  // end of the last chunk.
  int64_t vectors = (columns + vectorWidth - 1) / vectorWidth;
  int64_t tasks = std::min<int64_t>(kParallelTasks, vectors);
  int perTask = static_cast<int>((vectors + tasks - 1) / tasks);
  Var x = f.args()[0], vector(x.name() + "_vector"), lane(x.name() + "_lane"),
      chunk(x.name() + "_chunk");
  auto split = [&](Halide::Stage stage) {
    stage.split(x, vector, lane, vectorWidth, TailStrategy::GuardWithIf)
        .split(vector, chunk, vector, perTask, TailStrategy::GuardWithIf);
  };
  f.compute_root();
  split(f);
  f.parallel(chunk).vectorize(lane);
  std::vector<Halide::VarOrRVar> order{lane, vector};
  for (const Halide::Internal::ReductionVariable &rv : rvars)
    order.push_back(Halide::RVar(rv.var));
  order.push_back(chunk);
  Halide::Stage update = f.update(0);
  split(update);
  update.reorder(order).parallel(chunk).vectorize(lane);
  return true;
}

/// Vectorizes the innermost dimension and parallelizes the outermost of a
/// root-computed Func, for its pure definition and its updates. A pure
/// Func whose rows are narrower than a few vectors (14 x 14 images) has its
/// innermost dimensions fused first: the storage stays dense, so the fused
/// loop is as contiguous as a wide row.
void scheduleRoot(const FuncInfo &info, int vectorWidth) {
  Halide::Func f = info.func;
  f.compute_root();
  size_t rank = f.dimensions();
  if (rank == 0)
    return;
  std::vector<Var> args = f.args();
  int64_t inner = info.shape.empty() ? 1 : info.shape.back();
  int64_t outer = info.shape.empty() ? 1 : info.shape.front();
  int64_t total = 1;
  for (int64_t d : info.shape)
    total *= d;
  bool parallel = rank > 1 && outer > 1 && total >= kParallelElements;
  if (!f.has_update_definition()) {
    Var row = args[0];
    size_t fused = 1;
    while (inner % vectorWidth != 0 && inner < 4 * vectorWidth && fused < rank &&
           (fused + 1 < rank || !parallel)) {
      Var wider(row.name() + "_" + args[fused].name());
      f.fuse(row, args[fused], wider);
      row = wider;
      inner *= info.shape[rank - 1 - fused];
      ++fused;
    }
    if (inner >= vectorWidth)
      f.vectorize(row, vectorWidth, TailStrategy::ShiftInwards);
    if (parallel && fused < rank)
      parallelInChunks(f, args[rank - 1], outer);
    return;
  }
  bool vectorize = inner >= vectorWidth;
  if (vectorize)
    f.vectorize(args[0], vectorWidth, TailStrategy::GuardWithIf);
  if (parallel)
    f.parallel(args[rank - 1]);
  for (int u = 0; u < f.num_update_definitions(); ++u) {
    if (vectorize)
      f.update(u).vectorize(args[0], vectorWidth, TailStrategy::GuardWithIf);
    if (parallel)
      f.update(u).parallel(args[rank - 1]);
  }
}

/// A sum whose innermost loops walk the innermost dimensions of what it
/// reads (per-channel sums over batch and space, per-example losses): those
/// loops fused and split into vectors, the pure dimensions outside
/// (vectorizing them instead would gather across rows). Each output gathers
/// partial sums in the lanes of one vector (rfactor; a ragged last vector
/// is masked) and adds across lanes once: an atomic vector sum would add
/// across lanes, through memory, at every step (3x slower on dcgan's
/// batch-norm statistics). Returns false when the contiguous run is
/// shorter than a vector.
bool scheduleContiguousReduction(const FuncInfo &info, int vectorWidth) {
  Halide::Func f = info.func;
  Halide::RDom r = info.reduction;
  int64_t extent = 1;
  for (int i = 0; i < info.contiguousRVars; ++i)
    extent *= constExtent(r[i]);
  if (extent < vectorWidth || !f.has_update_definition())
    return false;
  // rfactor needs an update Halide can prove associative (a plain sum
  // can fail to be, e.g. when its term holds a select).
  if (!Halide::Internal::prove_associativity(f.name(), f.update_args(),
                                             f.update_values().as_vector())
           .associative())
    return false;
  Halide::Stage update = f.update();
  Halide::RVar run = r[0];
  for (int i = 1; i < info.contiguousRVars; ++i) {
    Halide::RVar longer(run.name() + "_" + r[i].name());
    update.fuse(run, r[i], longer);
    run = longer;
  }
  f.compute_root();
  std::vector<Var> args = f.args();
  Halide::RVar steps(run.name() + "_steps"), lanes(run.name() + "_lanes");
  Var lane("lane");
  update.split(run, steps, lanes, vectorWidth, TailStrategy::GuardWithIf);
  Halide::Func partial = update.rfactor(lanes, lane);
  if (args.empty())
    partial.compute_root();
  else
    partial.compute_at(f, args[0]);
  partial.vectorize(lane);
  partial.update().vectorize(lane);
  int64_t outputs = 1, terms = 1;
  for (int64_t d : info.shape)
    outputs *= d;
  for (int i = 0; i < r.dimensions(); ++i)
    terms *= constExtent(r[i]);
  if (!args.empty() && info.shape.front() > 1 && outputs * terms >= kParallelElements)
    update.parallel(args.back());
  return true;
}

/// Whether the policy computes this Func where it is read: an elementwise
/// value read by at most one other value (and by the copy it is written
/// out through), and every constant that is not itself an output.
bool isInlined(const FuncInfo &info) {
  if (info.kind == FuncKind::Constant)
    return !info.isOutput;
  return info.kind == FuncKind::Elementwise && !info.isOutput &&
         !info.func.has_update_definition() && info.consumers <= 1 && !info.reread;
}

/// A CPU matmul's output tile: vw vectors of columns by tm rows, whose
/// vw x tm vector accumulators stay in registers across the whole k loop;
/// each step loads vw vectors of B and broadcasts tm values of A. None for
/// outputs narrower than one vector.
struct MatmulTile {
  int vw, tm;
};

/// Rows of vw >= 2 vectors (16 columns at least) reuse each broadcast; the
/// accumulators take what the register file leaves after the vw B vectors,
/// a broadcast and a spare, at most 16 and 12 rows. AVX-512 (32 zmm): 32
/// columns x 8 rows, 90-95 % of peak on 128x784x400 (docs/design.md);
/// 16 x 12 for 20 columns. AVX2 (16 ymm): 16 x 6, BLIS's Haswell tile.
/// NEON (32 q): 16 x 4, OpenBLAS's Cortex-A57 tile.
std::optional<MatmulTile> matmulTile(const FuncInfo &info, VectorMachine machine) {
  int64_t rows = info.shape[0], cols = info.shape[1];
  if (cols < machine.lanes || rows < 2 || !info.reduction.defined())
    return std::nullopt;
  int preferred = std::max(2, 16 / machine.lanes);
  int vw = static_cast<int>(std::min<int64_t>(preferred, cols / machine.lanes));
  int accumulators = std::min(16, machine.registers - vw - 2);
  int tm = static_cast<int>(std::min<int64_t>(rows, std::min(12, accumulators / vw)));
  return MatmulTile{vw, tm};
}

/// The elementwise value a matmul's result flows into through values that
/// are computed inline (bias, activation; the relu mask of the backward
/// pass), if it has the matmul's shape and nothing else reads the way
/// there: that value's tiles then compute the matmul (a fused epilogue,
/// one store instead of the matmul's result plus a pass over it).
std::optional<size_t> epilogueOf(const FuncInfo &matmul, const std::vector<FuncInfo> &funcs) {
  if (matmul.isOutput)
    return std::nullopt;
  for (std::optional<size_t> next = matmul.soleReader; next; next = funcs[*next].soleReader) {
    const FuncInfo &reader = funcs[*next];
    if (reader.shape != matmul.shape)
      return std::nullopt;
    if (!isInlined(reader))
      return next;
  }
  return std::nullopt;
}

/// The loop over a matmul's output tiles, at which the matmul is computed.
Var matmulTileLoop() { return Var("mm_tile"); }

/// Tiles `tiles`, a matmul's result or its epilogue, as matmulTile says;
/// at most kParallelTasks parallel tasks, not one per tile, so that thread-pool
/// synchronization stays negligible.
void tileMatmulOutput(Halide::Func tiles, const FuncInfo &info, MatmulTile t, int lanes) {
  int64_t rows = info.shape[0], cols = info.shape[1];
  std::vector<Var> args = tiles.args();
  Var xo("mm_xo"), yo("mm_yo"), xi("mm_xi"), yi("mm_yi"), tile = matmulTileLoop(),
      chunk("mm_chunk");
  int64_t width = int64_t(lanes) * t.vw;
  int64_t count = ((cols + width - 1) / width) * ((rows + t.tm - 1) / t.tm);
  int64_t depth = 1; // the k loop's trip count; 0 when not constant
  for (int i = 0; i < info.reduction.dimensions(); ++i)
    depth *= constExtent(info.reduction[i]);
  int64_t tileWork = int64_t(t.vw) * t.tm * depth;
  int64_t leastTiles = tileWork > 0 ? (kMinTaskWork + tileWork - 1) / tileWork : 1;
  int perChunk = static_cast<int>(
      std::max({int64_t(1), (count + kParallelTasks - 1) / kParallelTasks, leastTiles}));
  tiles.compute_root()
      .tile(args[0], args[1], xo, yo, xi, yi, static_cast<int>(width), t.tm,
            TailStrategy::ShiftInwards)
      .reorder(xi, yi, yo, xo)
      .fuse(yo, xo, tile)
      .split(tile, chunk, tile, perChunk, TailStrategy::GuardWithIf)
      .parallel(chunk)
      .vectorize(xi, lanes)
      .unroll(xi)
      .unroll(yi);
}

/// A matmul C(m, n) = sum_k A(m, k) B(k, n), computed per output tile of
/// `tiles`: its epilogue, or a copy of itself that every consumer reads.
void scheduleMatmul(const FuncInfo &info, Halide::Func tiles, int lanes) {
  Halide::Func f = info.func;
  std::vector<Var> own = f.args();
  f.compute_at(tiles, matmulTileLoop()).vectorize(own[0], lanes).unroll(own[0]).unroll(own[1]);
  f.update()
      .reorder(own[0], own[1], info.reduction.x)
      .vectorize(own[0], lanes)
      .unroll(own[0])
      .unroll(own[1]);
}

/// A transposed copy of a matrix: tiles of a vector's width by 16 rows,
/// each read with gathers and written with vector stores (vectorizing both
/// dimensions is slow in LLVM 14: docs/design.md). Narrower matrices are
/// scheduled as any root Func.
void scheduleTranspose(const FuncInfo &info, VectorMachine machine) {
  Halide::Func f = info.func;
  std::vector<Var> args = f.args();
  Var xo("tr_xo"), yo("tr_yo"), xi("tr_xi"), yi("tr_yi");
  if (info.shape[0] < 16 || info.shape[1] < machine.lanes) {
    scheduleRoot(info, machine.lanes);
    return;
  }
  f.compute_root()
      .tile(args[0], args[1], xo, yo, xi, yi, machine.lanes, 16, TailStrategy::GuardWithIf)
      .vectorize(xi)
      .unroll(yi);
  if (info.shape[0] * info.shape[1] >= kParallelElements)
    parallelInChunks(f, yo, (info.shape[0] + 15) / 16);
}

/// Stages the chunk of `operand` that one k-chunk of a block's matmul tile
/// reads in shared memory: loaded cooperatively, 16x16 threads per pass.
void stageInSharedMemory(Halide::Func operand, Halide::Func matmul, Halide::RVar chunk) {
  Halide::Func staged = operand.in(matmul);
  std::vector<Var> args = staged.args();
  Var ao(args[0].name() + "_o"), ai(args[0].name() + "_i");
  Var bo(args[1].name() + "_o"), bi(args[1].name() + "_i");
  staged.compute_at(matmul, chunk)
      .store_in(Halide::MemoryType::GPUShared)
      .split(args[0], ao, ai, 16, TailStrategy::GuardWithIf)
      .split(args[1], bo, bi, 16, TailStrategy::GuardWithIf)
      .reorder(ai, bi, ao, bo)
      .gpu_threads(ai, bi);
}

/// Whether a matmul is tiled on a GPU (scheduleGpuMatmul): at least 16
/// rows, columns and terms.
bool tilesOnGpu(const FuncInfo &info) {
  return info.kind == FuncKind::Matmul && info.shape[0] >= 16 && info.shape[1] >= 16 &&
         info.reduction.defined() && info.lhs.defined() && constExtent(info.reduction.x) >= 16;
}

/// GPU matmul C(m, n) = sum_k A(m, k) B(k, n): a block of 16x16 threads
/// computes a tile of up to 64x64 outputs, each thread a register tile of
/// up to 4x4 (columns tx + 16 i, rows ty + 16 j: neighbouring threads read
/// neighbouring shared-memory words). The k loop runs in chunks of 16
/// whose slices of A and B are first staged in shared memory, so each
/// operand element is read from global memory once per block, not once
/// per output. The tiles are those of `out`: the matmul's epilogue (bias
/// and activation in the same kernel) or a copy that every consumer reads.
void scheduleGpuMatmul(const FuncInfo &info, Halide::Func out) {
  int64_t rows = info.shape[0], cols = info.shape[1];
  int rx = cols >= 64 ? 4 : cols >= 32 ? 2 : 1;
  int ry = rows >= 64 ? 4 : rows >= 32 ? 2 : 1;
  Halide::Func c = info.func;
  std::vector<Var> args = out.args();
  Var bx("mm_bx"), by("mm_by"), x("mm_x"), y("mm_y"), tx("mm_tx"), ty("mm_ty"), ix("mm_ix"),
      iy("mm_iy");
  out.compute_root()
      .tile(args[0], args[1], bx, by, x, y, 16 * rx, 16 * ry, TailStrategy::GuardWithIf)
      .split(x, ix, tx, 16, TailStrategy::GuardWithIf)
      .split(y, iy, ty, 16, TailStrategy::GuardWithIf)
      .reorder(ix, iy, tx, ty, bx, by)
      .gpu_blocks(bx, by)
      .gpu_threads(tx, ty)
      .unroll(ix)
      .unroll(iy);
  // The block's accumulators, in shared memory: each thread updates its
  // own register tile of them.
  std::vector<Var> own = c.args();
  Var cix("mm_cix"), ciy("mm_ciy"), ctx("mm_ctx"), cty("mm_cty");
  Halide::RVar ko("mm_ko"), ki("mm_ki");
  // Both of c's definitions are mapped onto the threads as `out` is; the
  // update's k loop runs in chunks around them.
  auto threadTiles = [&](Halide::Stage stage, const std::vector<Halide::VarOrRVar> &order) {
    stage.split(own[0], cix, ctx, 16, TailStrategy::GuardWithIf)
        .split(own[1], ciy, cty, 16, TailStrategy::GuardWithIf)
        .reorder(order)
        .gpu_threads(ctx, cty)
        .unroll(cix)
        .unroll(ciy);
  };
  c.compute_at(out, bx);
  threadTiles(c, {cix, ciy, ctx, cty});
  threadTiles(c.update().split(info.reduction.x, ko, ki, 16, TailStrategy::GuardWithIf),
              {cix, ciy, ki, ctx, cty, ko});
  stageInSharedMemory(info.lhs, c, ko);
  stageInSharedMemory(info.rhs, c, ko);
}

/// The innermost block loop of scheduleGpu's kernels, at which outputs of
/// one shape share a kernel.
Var gpuBlockLoop() { return Var("xo"); }

/// GPU: every root Func is a kernel. The two innermost dimensions map to
/// thread blocks of 16x16 (64 threads for vectors), any outer dimensions are
/// fused into the third block dimension, and an update's reduction loops
/// stay serial inside each thread. Scalars run on a single GPU thread.
void scheduleGpu(const FuncInfo &info) {
  Halide::Func f = info.func;
  f.compute_root();
  size_t rank = f.dimensions();
  std::vector<Var> args = f.args();
  auto schedule = [&](auto &&stage) {
    if (rank == 0) {
      stage.gpu_single_thread();
      return;
    }
    Var xo = gpuBlockLoop(), xi("xi"), yo("yo"), yi("yi");
    if (rank == 1) {
      stage.gpu_tile(args[0], xo, xi, 64, TailStrategy::GuardWithIf);
      return;
    }
    if (rank > 2) {
      Var outer = args[2];
      for (size_t d = 3; d < rank; ++d) {
        Var fused(outer.name() + "_" + args[d].name());
        stage.fuse(outer, args[d], fused);
        outer = fused;
      }
      stage.gpu_blocks(outer);
    }
    stage.gpu_tile(args[0], args[1], xo, yo, xi, yi, 16, 16, TailStrategy::GuardWithIf);
  };
  schedule(f);
  for (int u = 0; u < f.num_update_definitions(); ++u) {
    Halide::Stage update = f.update(u);
    schedule(update);
  }
}
/// The loop at which an elementwise output joins the loop nest of the one
/// before it: a CPU's row loop (rowLevel); on a GPU, the innermost block
/// loop, so they are one kernel (none for a scalar, on one thread).
std::optional<Var> fusionLevel(const FuncInfo &info, const Halide::Target &target) {
  if (!target.has_gpu_feature())
    return rowLevel(info);
  return info.shape.empty() ? std::nullopt : std::optional<Var>(gpuBlockLoop());
}
} // namespace

void genc::halide::applySchedulePolicy(std::vector<FuncInfo> &funcs, const Halide::Target &target) {
  VectorMachine machine = VectorMachine::of(target);
  int vectorWidth = machine.lanes;
  bool cpu = !target.has_gpu_feature();
  if (cpu) {
    for (FuncInfo &info : funcs)
      if (info.kind == FuncKind::Matmul && matmulTile(info, machine))
        if ((info.epilogue = epilogueOf(info, funcs)))
          funcs[*info.epilogue].isEpilogue = true;
  } else {
    // A GPU block computes one matmul's tile in shared memory: an
    // epilogue that two matmuls flow into (a sum) stays a kernel of its own.
    std::map<size_t, int> producers;
    for (FuncInfo &info : funcs)
      if (tilesOnGpu(info))
        if ((info.epilogue = epilogueOf(info, funcs)))
          ++producers[*info.epilogue];
    for (FuncInfo &info : funcs) {
      if (info.epilogue && producers[*info.epilogue] > 1)
        info.epilogue.reset();
      if (info.epilogue)
        funcs[*info.epilogue].isEpilogue = true;
    }
  }
  // Consecutive elementwise outputs of one shape run in one loop nest:
  // Adam's new moments and parameter read the gradient, moments and
  // parameter once, row by row (on a GPU, in one kernel: a launch instead
  // of three). (None reads another: values that others are computed from
  // are written through copies.)
  const FuncInfo *previous = nullptr;
  for (FuncInfo &info : funcs) {
    bool elementwise = info.isOutput && info.kind == FuncKind::Elementwise &&
                       !info.func.has_update_definition();
    if (!elementwise || info.isEpilogue)
      continue;
    if (previous && fusionLevel(info, target) && previous->shape == info.shape)
      info.fuseWith = previous->func;
    previous = &info;
  }
  std::set<size_t> tiledEpilogues;
  for (FuncInfo &info : funcs) {
    if (info.kind == FuncKind::Input && !info.isOutput)
      continue; // a plain read of a buffer: inline
    if (info.kind == FuncKind::ConvStage && !target.has_gpu_feature())
      continue; // placed by its convolution's schedule
    if (isInlined(info) || info.isEpilogue)
      continue; // (an epilogue is tiled by its first matmul)
    if (target.has_gpu_feature()) {
      if (tilesOnGpu(info))
        scheduleGpuMatmul(info, info.epilogue ? funcs[*info.epilogue].func : info.func.in());
      else
        scheduleGpu(info);
      if (info.fuseWith.defined())
        info.func.compute_with(info.fuseWith, *fusionLevel(info, target));
      continue;
    }
    else if (info.kind == FuncKind::Transpose)
      scheduleTranspose(info, machine);
    else if (info.kind == FuncKind::Convolution && info.conv)
      scheduleConvolution(info, machine);
    else if (info.kind == FuncKind::Matmul && matmulTile(info, machine)) {
      // Matmuls of one epilogue (the two halves of a sum) share its tiles.
      Halide::Func tiles = info.epilogue ? funcs[*info.epilogue].func : info.func.in();
      if (!info.epilogue || tiledEpilogues.insert(*info.epilogue).second)
        tileMatmulOutput(tiles, info, *matmulTile(info, machine), vectorWidth);
      scheduleMatmul(info, tiles, vectorWidth);
      continue;
    }
    else if (info.contiguousRVars > 0 && scheduleContiguousReduction(info, vectorWidth))
      continue;
    else if (scheduleColumnSums(info, vectorWidth))
      continue;
    else
      scheduleRoot(info, vectorWidth);
    if (info.fuseWith.defined())
      info.func.compute_with(info.fuseWith, *fusionLevel(info, target));
  }
}
