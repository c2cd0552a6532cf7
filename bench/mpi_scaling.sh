#!/usr/bin/env bash
# Data-parallel training on one machine: the same epoch of a model trained
# by 1 process x T threads and by P processes x 1 thread (mpirun), side by
# side in one run, with each configuration's time per step, the ratio to the
# single process, and the share of a step spent summing the gradients (what
# genc train prints at the end of an MPI run), and how far each run's logged
# losses and test losses are from the single process's (summation order
# only; a GAN amplifies such differences over hundreds of steps).
# Usage: bench/mpi_scaling.sh [MODEL] [STEPS]   (default vae 200; gan_mlp too)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/build.sh" genc genc-mpi > /dev/null
genc="${GENC_BUILD_DIR:-$root/build}/bin/genc"
model="${1:-vae}"
steps="${2:-200}"
batch=$(sed -n 's/.* batch \([0-9]*\).*/\1/p' "$root/dsl_examples/$model.gen" | tail -1)
rounds=$(awk -v m="$model" 'BEGIN { print (m ~ /gan/) ? 2 : 1 }') # GANs: 2 steps per batch pair
limit=$((steps / rounds * batch))
out="$root/build-bench/mpi-scaling"
rm -rf "$out" && mkdir -p "$out"
export GENC_CACHE_DIR="$out/cache"
mpirun=(mpirun --oversubscribe --allow-run-as-root --bind-to none)
cores=$(nproc)
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $cores cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$model: one epoch of $limit examples (batch $batch, $steps steps), best of 2 runs each"
# Compile every build first, so that no run waits for the compiler.
"$genc" train "$root/dsl_examples/$model.gen" --out "$out/warm1" --epochs 1 --limit "$batch" --test-limit 100 > /dev/null
for p in 2 4; do
  ((batch % p == 0)) && "${mpirun[@]}" -np $p "$genc" train "$root/dsl_examples/$model.gen" \
    --out "$out/warm$p" --epochs 1 --limit "$batch" --test-limit 100 > /dev/null
done
run() { # name processes threads: seconds per step (the epoch's training time)
  local name=$1 p=$2 t=$3 best=
  for attempt in 1 2; do
    rm -rf "$out/$name"
    if ((p == 1)); then
      "$genc" train "$root/dsl_examples/$model.gen" --out "$out/$name" --epochs 1 --limit "$limit" \
        --test-limit 100 --threads "$t" > "$out/$name.log"
    else
      "${mpirun[@]}" -np "$p" "$genc" train "$root/dsl_examples/$model.gen" --out "$out/$name" \
        --epochs 1 --limit "$limit" --test-limit 100 --threads "$t" > "$out/$name.log"
    fi
    local s
    s=$(awk -F, 'NR == 2 { printf "%.6f", $3 / $2 }' "$out/$name/metrics.csv")
    best=$(awk -v a="$best" -v b="$s" 'BEGIN { print (a == "" || b < a) ? b : a }')
  done
  echo "$best"
}
printf '%-22s %10s %10s %s\n' configuration "ms/step" "vs 1x$cores" "gradient sum"
base=$(run p1t$cores 1 "$cores")
printf '%-22s %10.3f %10s\n' "1 process x $cores threads" "$(awk -v s="$base" 'BEGIN { print 1e3 * s }')" "1.00x"
for config in "1 1" "2 1" "4 1"; do
  read -r p t <<< "$config"
  ((batch % p == 0)) || continue
  s=$(run "p${p}t$t" "$p" "$t")
  share=$(sed -n 's/.*summing the gradients took \([0-9.]*\) % of the steps. time (\([0-9.]*\) ms per step).*/\1 % (\2 ms)/p' "$out/p${p}t$t.log")
  printf '%-22s %10.3f %9.2fx %s\n' "$p process(es) x $t thread" "$(awk -v s="$s" 'BEGIN { print 1e3 * s }')" \
    "$(awk -v a="$base" -v b="$s" 'BEGIN { print a / b }')" "${share:--}"
  if ((p > 1)); then
    python3 "$root/scripts/compare_runs.py" "$out/p1t$cores" "$out/p${p}t$t" \
      --steps 20 | grep -v 'run' | sed 's/^/    against one process: /' || true
  fi
done
