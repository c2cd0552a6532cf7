#!/usr/bin/env bash
# The VAE training step, genc against PyTorch, in one run on this machine:
# same architecture (784-400-20), same batch (128, 16, 1), Adam. Each side
# gets its best of 1 and 2 threads; PyTorch runs tuned as docs/performance-notes.md
# says (OpenBLAS's AVX-512 kernels, no malloc trimming, passive OpenMP).
# Prints steps/s ratios and genc's GFLOP/s as a fraction of the fp32 peak
# measured in the same run. GENC_BASELINE=/path/to/an/older/genc also times
# the step that genc compiles, in the same run (a before/after column).
# Usage: bench/vae.sh [avx512|avx2]: the instruction set both sides run at
# (default avx512); the peak is measured at its vector width.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup.sh" bench
bash "$root/scripts/build.sh" genc GencRuntime
source "$root/bench/common.sh"
genc="${GENC_BUILD_DIR:-$root/build}/bin/genc"
select_isa "${1:-avx512}"
out="$root/build-bench/$isa"
mkdir -p "$out"

echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "isa: $isa (genc --target=$isa_target; PyTorch: ${torch_env[*]:1})"
measure_peak "$out"
echo "fp32 peak at $isa_bits bits: ${peak1} GFLOP/s on 1 thread, ${peak2} on 2"

results="$out/results.txt"
: > "$results"
for batch in 128 16 1; do
  name="vae_b$batch"
  "$genc" compile "$root/dsl_examples/vae.gen" --batch "$batch" --name "$name" \
      --target="$isa_target" -o "$out/$name" > /dev/null
  link_model_program "$root/bench/vae_step.cpp" "$name" "$out/$name" "$out/$name/step"
  if [ -n "${GENC_BASELINE:-}" ]; then
    "$GENC_BASELINE" compile "$root/dsl_examples/vae.gen" --batch "$batch" --name "$name" \
        --target="$isa_target" -o "$out/baseline/$name" > /dev/null
    link_model_program "$root/bench/vae_step.cpp" "$name" "$out/baseline/$name" \
        "$out/baseline/$name/step"
  fi
  for threads in 1 2; do
    HL_NUM_THREADS=$threads "$out/$name/step" "$threads" >> "$results"
    if [ -n "${GENC_BASELINE:-}" ]; then
      HL_NUM_THREADS=$threads "$out/baseline/$name/step" "$threads" | sed 's/^genc/baseline/' \
          >> "$results"
    fi
    "${torch_env[@]}" /usr/bin/python3 "$root/bench/vae_torch.py" "$batch" "$threads" >> "$results"
  done
done

# GEMM FLOPs of one step: forward 2B(784*400 + 2*400*20 + 20*400 + 400*784),
# backward twice that minus the first layer's input gradient.
python3 - "$results" "$peak1" "$peak2" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
peak = {1: float(sys.argv[2]), 2: float(sys.argv[3])}
best = {}
for who, batch, threads, ms in rows:
    key = (who, int(batch))
    if key not in best or float(ms) < best[key][0]:
        best[key] = (float(ms), int(threads))
baseline = ("baseline", 128) in best
print(f"{'batch':>5} {'genc ms':>9} {'torch ms':>9} {'genc/torch steps/s':>19} {'genc GFLOP/s':>13} {'of peak':>8}"
      + (f" {'baseline ms':>11} {'baseline/torch':>14}" if baseline else ""))
for batch in (128, 16, 1):
    g, gt = best[("genc", batch)]
    t, tt = best[("torch", batch)]
    flops = 2 * batch * (651200 * 3 - 313600)
    gflops = flops / (g * 1e-3) / 1e9
    line = f"{batch:>5} {g:>6.3f} ({gt}) {t:>6.3f} ({tt}) {t / g:>19.2f} {gflops:>13.1f} {gflops / peak[gt]:>8.1%}"
    if baseline:
        b, bt = best[("baseline", batch)]
        line += f" {b:>8.3f} ({bt}) {t / b:>14.2f}"
    print(line)
PY
