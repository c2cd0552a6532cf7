#!/usr/bin/env bash
# One command from a fresh Debian bookworm machine: install, build, run every test.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup.sh" build
bash "$root/scripts/build.sh"
cd "${GENC_BUILD_DIR:-$root/build}"
ctest --output-on-failure
