#!/usr/bin/env bash
# One command from a fresh Debian bookworm machine: install, build, run every
# test. The end-to-end training tests use small slices of Debian's
# Fashion-MNIST, so the demo package set (build tools + dataset) is installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup.sh" demo
bash "$root/scripts/build.sh"
cd "${GENC_BUILD_DIR:-$root/build}"
ctest --output-on-failure
