#!/usr/bin/env bash
# One alternating GAN iteration (batch 64) of dsl_examples/gan_mlp.gen and
# dcgan.gen, genc against PyTorch in one run, each with its best of 1 and 2
# threads; PyTorch tuned as in vae.sh. Prints the ratio of iterations per
# second. Usage: bench/gan.sh [avx512|avx2] [gan_mlp|dcgan]...: the
# instruction set both sides run at (default avx512), then the models.
# GENC_BASELINE=/path/to/an/older/genc also times the iteration that genc
# compiles, in the same run (a before/after figure).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup.sh" bench
bash "$root/scripts/build.sh" genc GencRuntime
source "$root/bench/common.sh"
case "${1:-}" in avx512|avx2) select_isa "$1"; shift ;; *) select_isa avx512 ;; esac
check_torch_isa
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(gan_mlp dcgan)
for model in "${models[@]}"; do
  out="$root/build-bench/$isa/$model"
  mkdir -p "$out"
  "${GENC_BUILD_DIR:-$root/build}/bin/genc" compile "$root/dsl_examples/$model.gen" --target="$isa_target" \
      -o "$out" > /dev/null
  link_model_program "$root/bench/gan_step.cpp" "$model" "$out" "$out/step"
  if [ -n "${GENC_BASELINE:-}" ]; then
    "$GENC_BASELINE" compile "$root/dsl_examples/$model.gen" --target="$isa_target" \
        -o "$out/baseline" > /dev/null
    link_model_program "$root/bench/gan_step.cpp" "$model" "$out/baseline" "$out/baseline/step"
  fi
  results="$out/results.txt"
  : > "$results"
  for threads in 1 2; do
    HL_NUM_THREADS=$threads "$out/step" "$threads" >> "$results"
    if [ -n "${GENC_BASELINE:-}" ]; then
      HL_NUM_THREADS=$threads "$out/baseline/step" "$threads" | sed 's/^genc/baseline/' >> "$results"
    fi
    "${torch_env[@]}" /usr/bin/python3 "$root/bench/gan_torch.py" "$model" 64 "$threads" \
        >> "$results"
  done
  python3 - "$model" "$results" "$isa" <<'PY'
import sys
best = {}
for who, batch, threads, ms in (l.split() for l in open(sys.argv[2])):
    if who not in best or float(ms) < best[who][0]:
        best[who] = (float(ms), threads)
g, t = best["genc"], best["torch"]
print(f"{sys.argv[1]} iteration, batch 64, {sys.argv[3]}: genc {g[0]:.3f} ms ({g[1]} threads), "
      f"torch {t[0]:.3f} ms ({t[1]} threads): genc/torch iterations/s {t[0] / g[0]:.2f}")
if "baseline" in best:
    b = best["baseline"]
    print(f"{sys.argv[1]} baseline genc {b[0]:.3f} ms ({b[1]} threads): "
          f"baseline/torch iterations/s {t[0] / b[0]:.2f}")
PY
done
