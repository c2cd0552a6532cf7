#!/usr/bin/env bash
# One command from a fresh Debian bookworm machine: install, build, run the demo.
# Until the trainer lands, the demo checks every example model and prints the
# gen dialect each one lowers to (written to out/demo/<model>.mlir).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup.sh" demo
bash "$root/scripts/build.sh" genc
genc="${GENC_BUILD_DIR:-$root/build}/bin/genc"
out="$root/out/demo"
mkdir -p "$out"
for model in "$root"/dsl_examples/*.gen; do
  name="$(basename "$model" .gen)"
  "$genc" check "$model"
  "$genc" "$model" --emit=mlir -o "$out/$name.mlir"
  printf '%-12s ok: %3d gen ops -> %s\n' "$name" "$(grep -c 'gen\.' "$out/$name.mlir")" "out/demo/$name.mlir"
done
echo
echo "The VAE (dsl_examples/vae.gen) in the gen dialect:"
cat "$out/vae.mlir"
