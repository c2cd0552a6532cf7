#!/usr/bin/env bash
# Regenerates the reference pages in docs/ from the ODS definitions
# (GenOps.td, Passes.td): run after changing an op or a pass.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${GENC_BUILD_DIR:-$root/build}"
bash "$root/scripts/build.sh" mlir-doc
cp "$build/docs/Dialects/GenDialect.md" "$root/docs/GenDialect.md"
cp "$build/docs/GenPasses.md" "$root/docs/GenPasses.md"
echo "docs/GenDialect.md and docs/GenPasses.md regenerated"
