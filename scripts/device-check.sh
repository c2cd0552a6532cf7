#!/usr/bin/env bash
# Builds build-device/cuda_vs_host: dsl_examples/vae.gen compiled for
# host-cuda and for host, linked statically against Halide's runtime (the
# GPU machine has no Halide). Run it where a GPU is:
#   bash scripts/device-check.sh && build-device/cuda_vs_host
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/build.sh" genc
genc="${GENC_BUILD_DIR:-$root/build}/bin/genc"
out="$root/build-device"
mkdir -p "$out"
"$genc" compile "$root/dsl_examples/vae.gen" -o "$out" --target=host-cuda --name vae_gpu
"$genc" compile "$root/dsl_examples/vae.gen" -o "$out" --name vae_cpu
g++ -std=c++17 -O2 "$root/test/Integration/cuda_vs_host.cpp" -I"$out" -I/usr/include/halide14 \
    "$out/vae_cpu_kernels.a" "$out/vae_gpu_kernels.a" "$out/vae_gpu_runtime.a" \
    -lpthread -ldl -static-libstdc++ -static-libgcc -o "$out/cuda_vs_host"
echo "built $out/cuda_vs_host"
