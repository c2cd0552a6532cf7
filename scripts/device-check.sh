#!/usr/bin/env bash
# The GPU check, in two halves, since the GPU machine has no compiler:
#   bash scripts/device-check.sh build [TARGET]   (here) compiles every
#       example for host and TARGET (default host-cuda) with genc compile
#       --shared, as written and with momentum in place of Adam, plus the
#       VAE at batches 16 and 1, into build-device/, with genc-run and
#       genc-compare (which link only the runtime) and Fashion-MNIST (a
#       slice, and the whole set for a timed epoch); packs it as
#       build-device.tar.xz (what to carry, 37 MB);
#   bash scripts/device-check.sh run              (on the GPU machine, the
#       repository with build-device.tar.xz) unpacks it and runs
#       scripts/device_check.py: every example's device build against its
#       host build (genc-compare, and 200 training steps with genc-run), then
#       genc's step times against PyTorch eager, torch.compile and
#       torch.compile with CUDA graphs on the same device, and a VAE epoch.
# Rehearse both halves here with TARGET=host-opencl (POCL's CPU device):
#   bash scripts/device-check.sh build host-opencl && bash scripts/device-check.sh run
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/build-device"
models=(vae cvae vae_mixture_prior vae_gan classifier gmm gan_toy1d gan_ring2d gan_mlp dcgan)

case "${1:-}" in
build)
  target="${2:-host-cuda}"
  bash "$root/scripts/build.sh" genc genc-compare genc-run
  bin="${GENC_BUILD_DIR:-$root/build}/bin"
  rm -rf "$out" "$out.tar.xz"
  mkdir -p "$out/bin" "$out/sources"
  cp "$bin/genc-compare" "$bin/genc-run" "$out/bin/"
  python3 "$root/scripts/fashion_subset.py" "$out/data/fashion-mnist" 2560 500
  # The whole set too, for the timed VAE epoch (30 MB, already gzip).
  mkdir -p "$out/data/fashion-mnist-full"
  cp /usr/share/datasets/fashion-mnist/*.gz "$out/data/fashion-mnist-full/"
  echo "$target" > "$out/target"
  echo "${models[*]}" > "$out/models"
  # compile VARIANT SOURCE [genc flags]: host and $target builds, only the
  # files genc-run loads (the kernels' .so and the manifest).
  compile() {
    local variant="$1" source="$2" t
    shift 2
    for t in host "$target"; do
      local dir="$out/builds/$variant/$t" tmp
      tmp="$(mktemp -d)"
      "$bin/genc" compile "$source" --shared --target="$t" "$@" -o "$tmp" > /dev/null
      mkdir -p "$dir"
      cp "$tmp"/*.so "$tmp"/*.manifest.json "$dir/"
      rm -rf "$tmp"
    done
    echo "compiled $variant for host and $target"
  }
  for model in "${models[@]}"; do
    compile "$model" "$root/dsl_examples/$model.gen"
    # Momentum at Adam's learning rate (weight decay dropped).
    sed -E 's/with adam\(lr = ([^,)]+)[^)]*\)/with momentum(lr = \1)/' \
      "$root/dsl_examples/$model.gen" > "$out/sources/$model-momentum.gen"
    grep -q 'with momentum' "$out/sources/$model-momentum.gen"
    compile "$model-momentum" "$out/sources/$model-momentum.gen"
  done
  compile vae-b16 "$root/dsl_examples/vae.gen" --batch 16
  compile vae-b1 "$root/dsl_examples/vae.gen" --batch 1
  tar -C "$root" -cJf "$out.tar.xz" "$(basename "$out")"
  du -sh "$out" "$out.tar.xz"
  ;;
run)
  if [[ ! -d "$out" ]]; then
    tar -C "$root" -xJf "$out.tar.xz"
  fi
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null ||
    echo "(no nvidia-smi)"
  shift
  exec python3 "$root/scripts/device_check.py" "$out" "$@"
  ;;
*)
  echo "usage: scripts/device-check.sh build [TARGET] | run [--models a,b] [--skip-torch]" >&2
  exit 2
  ;;
esac
