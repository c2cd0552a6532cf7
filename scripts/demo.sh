#!/usr/bin/env bash
# One command from a fresh Debian bookworm machine: install what is missing
# (build tools and Debian's Fashion-MNIST), build genc, and train the VAE of
# dsl_examples/vae.gen on Fashion-MNIST with `genc train`, leaving sample,
# reconstruction and interpolation PNGs, loss curves, metrics.csv and a
# checkpoint in out/vae. DEMO_EPOCHS (default 10) sets the length; a
# finished run is evaluated again rather than overwritten.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup.sh" demo
bash "$root/scripts/build.sh" genc
genc="${GENC_BUILD_DIR:-$root/build}/bin/genc"
out="$root/out/vae"
epochs="${DEMO_EPOCHS:-10}"
if [ -f "$out/checkpoint.safetensors" ]; then
  "$genc" train "$root/dsl_examples/vae.gen" --out "$out" --epochs "$epochs" --resume
else
  "$genc" train "$root/dsl_examples/vae.gen" --out "$out" --epochs "$epochs"
fi
"$genc" eval "$root/dsl_examples/vae.gen" --checkpoint "$out/checkpoint.safetensors" \
  --eval-limit 2000
echo
echo "Pictures in $out:"
ls "$out"/*.png
