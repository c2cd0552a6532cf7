#!/usr/bin/env bash
# Installs the Debian packages genc needs (idempotent, non-interactive).
#   bash scripts/setup.sh [build|demo|fuzz|bench]...   (default: build)
# "build" covers building and testing (POCL is an OpenCL device on the CPU:
# the tests run the GPU schedules on it; the AArch64 cross compiler and
# qemu-user run the arm-64-linux kernels); "demo" adds Fashion-MNIST; "fuzz"
# adds clang's libFuzzer; "bench" adds the PyTorch peer with OpenBLAS and
# scikit-learn (the EM peer of gmm.gen).
set -euo pipefail

build_pkgs=(cmake ninja-build g++ python3 llvm-14-dev llvm-14-tools libmlir-14-dev mlir-14-tools
            libhalide14-0-dev libgtest-dev nlohmann-json3-dev libpng-dev libjpeg-dev zlib1g-dev
            pocl-opencl-icd ocl-icd-opencl-dev
            g++-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
            openmpi-bin libopenmpi-dev)
demo_pkgs=(dataset-fashion-mnist)
fuzz_pkgs=(clang-14 libclang-rt-14-dev)
bench_pkgs=(python3-torch libopenblas0-pthread python3-sklearn)

wanted=()
for set in "${@:-build}"; do
  case "$set" in
    build) wanted+=("${build_pkgs[@]}") ;;
    demo) wanted+=("${build_pkgs[@]}" "${demo_pkgs[@]}") ;;
    fuzz) wanted+=("${build_pkgs[@]}" "${fuzz_pkgs[@]}") ;;
    bench) wanted+=("${build_pkgs[@]}" "${demo_pkgs[@]}" "${bench_pkgs[@]}") ;;
    *) echo "setup.sh: unknown package set '$set' (expected build, demo, fuzz or bench)" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
