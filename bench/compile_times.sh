#!/usr/bin/env bash
# How long `genc compile` takes for each example: cold (an empty output
# folder: every step, loss and net lowered, scheduled and compiled by
# Halide) and cached (the same command again: the hash of model text, flags,
# target and genc build matches, nothing is recompiled).
# Usage: bench/compile_times.sh [TARGET]   (default host; e.g. host-cuda)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/build.sh" genc > /dev/null
genc="${GENC_BUILD_DIR:-$root/build}/bin/genc"
target="${1:-host}"
out="$root/build-bench/compile-times"
rm -rf "$out"
seconds() { # command...: wall seconds
  local start=$EPOCHREALTIME
  "$@" > /dev/null
  awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }'
}
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %-10s %10s %10s\n' model target "cold (s)" "cached (s)"
for model in vae cvae gan_toy1d gan_mlp dcgan gmm classifier gan_ring2d; do
  compile=("$genc" compile "$root/dsl_examples/$model.gen" --target="$target" -o "$out/$model")
  cold=$(seconds "${compile[@]}")
  cached=$(seconds "${compile[@]}")
  printf '%-12s %-10s %10.1f %10.2f\n' "$model" "$target" "$cold" "$cached"
done
