#!/usr/bin/env bash
# Configures (once) and builds genc in build/. Usage: bash scripts/build.sh [ninja targets...]
# GENC_WERROR=ON (what CI sets) makes compiler warnings errors.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${GENC_BUILD_DIR:-$root/build}"
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
        -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-14/build/utils/lit/lit.py \
        -DGENC_WERROR="${GENC_WERROR:-OFF}"
fi
ninja -C "$build" "$@"
