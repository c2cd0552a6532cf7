#!/usr/bin/env bash
# How long `genc compile` takes for each example: cold (an empty output
# folder: every step, loss and net lowered, scheduled and compiled by
# Halide) and cached (the same command again: the hash of model text, flags,
# target and genc build matches, nothing is recompiled); and how long
# `genc train --limit 2000` on an empty compile cache takes to reach its
# first step (compiling, loading the data, initializing: the moment it
# prints "training MODEL on ...", just before the first step).
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
first_step() { # model: seconds from `genc train` to its "training ..." line
  local start=$EPOCHREALTIME at=
  while IFS= read -r line; do
    [[ -z $at && $line == training\ * ]] && at=$EPOCHREALTIME
  done < <(GENC_CACHE_DIR="$out/cache-$1" "$genc" train "$root/dsl_examples/$1.gen" \
             --target="$target" --out "$out/train-$1" --limit 2000 --stop-after-iterations 1)
  awk -v a="$start" -v b="$at" 'BEGIN { if (b == "") print "nan"; else print b - a }'
}
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %-10s %10s %10s %16s\n' model target "cold (s)" "cached (s)" "first step (s)"
for model in vae cvae gan_toy1d gan_mlp dcgan gmm classifier gan_ring2d; do
  compile=("$genc" compile "$root/dsl_examples/$model.gen" --target="$target" -o "$out/$model")
  cold=$(seconds "${compile[@]}")
  cached=$(seconds "${compile[@]}")
  first=$(first_step "$model")
  printf '%-12s %-10s %10.1f %10.2f %16.1f\n' "$model" "$target" "$cold" "$cached" "$first"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
