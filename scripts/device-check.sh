#!/usr/bin/env bash
# The GPU check, in two halves, since the GPU machine has no compiler:
#   bash scripts/device-check.sh build   (here) compiles every example for
#       host and host-cuda (genc compile --shared) into build-device/, with
#       genc-compare, which links only the runtime;
#   bash scripts/device-check.sh run     (on the GPU machine, build-device/
#       carried there) runs each model's train schedule, losses and nets on
#       both targets from the same parameters, data and noise, compares
#       every result, and times each step; then PyTorch's VAE step on the
#       same GPU, for scale.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/build-device"
models=(vae cvae gan_toy1d gan_mlp dcgan gmm classifier gan_ring2d)

case "${1:-}" in
build)
  bash "$root/scripts/build.sh" genc genc-compare
  bin="${GENC_BUILD_DIR:-$root/build}/bin"
  mkdir -p "$out"
  cp "$bin/genc-compare" "$out/"
  for model in "${models[@]}"; do
    for target in host host-cuda; do
      "$bin/genc" compile "$root/dsl_examples/$model.gen" --shared --target="$target" \
        -o "$out/$model/$target"
    done
  done
  du -sh "$out"
  ;;
run)
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader || true
  status=0
  for model in "${models[@]}"; do
    "$out/genc-compare" "$out/$model/host/$model" "$out/$model/host-cuda/$model" --time 20 ||
      status=1
  done
  if /usr/bin/env python3 -c "import torch; assert torch.cuda.is_available()" 2>/dev/null; then
    for batch in 128 16; do
      echo "PyTorch $(python3 -c 'import torch; print(torch.__version__)') eager, cuda: $(python3 "$root/bench/vae_torch.py" "$batch" 1 cuda) (torch batch threads ms)"
    done
  fi
  exit $status
  ;;
*)
  echo "usage: scripts/device-check.sh build|run" >&2
  exit 2
  ;;
esac
