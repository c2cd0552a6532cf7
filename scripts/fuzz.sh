#!/usr/bin/env bash
# fuzz.sh - build and run genc's libFuzzer targets (test/Fuzz/*-fuzzer.cpp):
#   gen          the .gen front end (lexer + parser + MLIRGen + IR verifier)
#   safetensors  checkpoint files (runtime SafetensorsFile)
#   idx          IDX data files, plain and gzip (runtime readIdxImages/Labels)
#   manifest     cache manifests (runtime Manifest::parse)
#   json         the runtime's JSON reader
#
#   bash scripts/fuzz.sh [TARGET] [SECONDS] [extra libFuzzer flags...]
#                                          (default: gen, 60 s)
#   bash scripts/fuzz.sh all SECONDS      every target in turn, SECONDS each
#   bash scripts/fuzz.sh [TARGET] build   only build the fuzzer
#   bash scripts/fuzz.sh [TARGET] replay FILE...
#                                         run the fuzzer binary on FILEs
#                                         (diagnostics printed; reproduce a crash)
#   bash scripts/fuzz.sh [TARGET] regress run every regression-corpus input once
#   bash scripts/fuzz.sh [TARGET] merge [N]
#                                         refresh the regression corpus from the
#                                         work corpus (-merge=1; keeps <= N, default 50)
#
# Needs clang-14 and libclang-rt-14-dev (`bash scripts/setup.sh fuzz`).
# Environment:
#   GENC_FUZZ_BUILD   build dir (default: <repo>/build-fuzz, git-ignored)
#   GENC_FUZZ_UBSAN=1 add UndefinedBehaviorSanitizer (non-recoverable) to ASan;
#                     uses its own build dir (<build dir>-ubsan)
#   GENC_FUZZ_JOBS    parallel compile jobs (default 1)
#   GENC_FUZZ_LEAKS=1 look for leaks too (gen: a fresh MLIRContext per input,
#                     half the speed; a reused context keeps interned strings
#                     alive, which would read as leaks)
#   GENC_FUZZ_STRICT  default 1 here: gen also aborts when the front end fails
#                     silently or lets an IR-level "'gen.x' op" error reach
#                     the user (set 0 for crashes/sanitizer reports only)
#   GENC_FUZZ_ROUNDTRIP / GENC_FUZZ_FRESH_CONTEXT / GENC_FUZZ_DEBUG
#                     passed to the gen target, see test/Fuzz/gen-fuzzer.cpp
#
# The generated op/dialect headers (*.h.inc) come from the normal build in
# <repo>/build (GENC_MAIN_BUILD), which is asked to (re)generate them first.
#
# Layout: the persistent work corpus of TARGET (everything libFuzzer finds)
# lives in <build dir>/corpus-TARGET; it is seeded with the checked-in
# regression corpus (test/Fuzz/corpus/ for gen, with dsl_examples/*.gen;
# test/Fuzz/corpus-TARGET/ for the others). Crash/timeout/OOM reproducers are
# written to <build dir>/artifacts-TARGET/ and copied to test/Fuzz/crashes/
# (not seeded, not a lit test). Once a bug is fixed, put its minimized
# reproducer (-minimize_crash=1) in the regression corpus as crash-NAME: lit
# replays every corpus input (test/Fuzz/corpus-replay.test through `genc
# check`, test/Fuzz/runtime-corpus-replay.test through the runtime targets
# linked with a plain main).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
main_build=${GENC_MAIN_BUILD:-$repo/build}
build=${GENC_FUZZ_BUILD:-$repo/build-fuzz}
jobs=${GENC_FUZZ_JOBS:-1}
llvm=/usr/lib/llvm-14
cxx=${CXX_FUZZ:-clang++-14}

san=address
if [[ "${GENC_FUZZ_UBSAN:-0}" != 0 ]]; then
  build=$build-ubsan
  # vptr needs RTTI, which LLVM 14 (and so genc) is built without.
  san=address,undefined
  ubsan_flags=(-fno-sanitize=vptr -fno-sanitize-recover=all)
else
  ubsan_flags=()
fi

targets=(gen safetensors idx manifest json)
target=gen
if [[ " ${targets[*]} all " == *" ${1:-} "* ]]; then
  target=$1
  shift
fi
if [[ $target == all ]]; then
  [[ ${1:-} =~ ^[0-9]+$ ]] || { echo "usage: bash scripts/fuzz.sh all SECONDS" >&2; exit 2; }
  status=0
  for t in "${targets[@]}"; do
    echo "== fuzz.sh: $t for $1 s"
    bash "${BASH_SOURCE[0]}" "$t" "$@" || status=$?
  done
  exit $status
fi

fuzzer=$build/$target-fuzzer
corpus=$build/corpus-$target
artifacts=$build/artifacts-$target
crash_dir=$repo/test/Fuzz/crashes
if [[ $target == gen ]]; then
  regress_dir=$repo/test/Fuzz/corpus
  ext=.gen
  dict=$repo/test/Fuzz/gen.dict
  max_len=4096
else
  regress_dir=$repo/test/Fuzz/corpus-$target
  ext=
  dict=$repo/test/Fuzz/json.dict
  # Manifests of the examples are 7-27 KB.
  max_len=32768
  [[ $target == idx ]] && { dict=; max_len=4096; }
fi

# MLIR/LLVM keep global state alive until exit; leaks are not genc bugs
# unless they point into compiler/ (rerun with detect_leaks=1 to check).
export GENC_FUZZ_STRICT=${GENC_FUZZ_STRICT:-1}
if [[ "${GENC_FUZZ_LEAKS:-0}" != 0 ]]; then
  export GENC_FUZZ_FRESH_CONTEXT=1
  leaks=1
else
  leaks=0
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=$leaks:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
if command -v llvm-symbolizer-14 >/dev/null; then
  export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14)}
elif [[ -x $llvm/bin/llvm-symbolizer ]]; then
  export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$llvm/bin/llvm-symbolizer}
fi

build_fuzzer() {
  command -v "$cxx" >/dev/null || { echo "fuzz.sh: $cxx not found (bash scripts/setup.sh fuzz)" >&2; exit 1; }
  if [[ -f $main_build/build.ninja ]]; then
    ninja -C "$main_build" -j"$jobs" MLIRGenOpsIncGen GencGenPassIncGen >/dev/null
  fi
  local inc=$main_build/compiler/include
  [[ -f $inc/genc/Dialect/Gen/IR/GenOps.h.inc ]] ||
    { echo "fuzz.sh: $inc lacks GenOps.h.inc; configure $main_build first" >&2; exit 1; }

  mkdir -p "$build/obj"
  local common=(-std=c++17 -fno-rtti -O1 -g -fno-omit-frame-pointer
                "${ubsan_flags[@]}"
                -I"$repo/compiler/include" -I"$inc" -I"$repo/runtime/include"
                -I"$repo/runtime/lib" -isystem "$llvm/include" -isystem /usr/include/halide14)
  local srcs libs
  if [[ $target == gen ]]; then
    # Every front-end and dialect source (new files are picked up automatically).
    srcs=("$repo"/compiler/lib/Frontend/*.cpp "$repo"/compiler/lib/Dialect/Gen/IR/*.cpp)
    libs=(-L"$llvm/lib" -lMLIR -lLLVM-14 -Wl,-rpath,"$llvm/lib")
  else
    # The runtime's readers and what they call.
    local name
    srcs=()
    for name in Files Json Manifest Safetensors Idx; do
      srcs+=($(find "$repo/runtime/lib" -name "$name.cpp"))
    done
    libs=(-lz)
  fi
  local objs=() pids=() src obj
  for src in "${srcs[@]}"; do
    obj=$build/obj/$(basename "$(dirname "$src")")_$(basename "$src" .cpp).o
    [[ $target == gen ]] || obj=$build/obj/runtime_$(basename "$src" .cpp).o
    objs+=("$obj")
    # Rebuild when the source, any genc header or a generated .inc is newer.
    if [[ ! -f $obj || $src -nt $obj ]] ||
       [[ -n $(find "$repo/compiler/include" "$repo/compiler/lib" "$repo/runtime" "$inc" \
                 \( -name '*.h' -o -name '*.inc' \) -newer "$obj" -print -quit) ]]; then
      echo "  CXX $src"
      "$cxx" "${common[@]}" -fsanitize=fuzzer-no-link,$san -c "$src" -o "$obj" &
      pids+=($!)
      if (( ${#pids[@]} >= jobs )); then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
    fi
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  echo "  LINK $fuzzer"
  "$cxx" "${common[@]}" -fsanitize=fuzzer,$san "$repo/test/Fuzz/$target-fuzzer.cpp" \
    "${objs[@]}" "${libs[@]}" -o "$fuzzer.tmp"
  mv "$fuzzer.tmp" "$fuzzer"
}

seed_corpus() {
  mkdir -p "$corpus" "$artifacts" "$regress_dir"
  local f
  local seeds=("$regress_dir"/*)
  [[ $target == gen ]] && seeds+=("$repo"/dsl_examples/*.gen)
  for f in "${seeds[@]}"; do
    [[ -f $f ]] || continue
    cp -f "$f" "$corpus/seed-$(basename "$f")"
  done
}

save_crashes() {
  local f found=0
  for f in "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* "$artifacts"/leak-* \
           "$artifacts"/slow-unit-*; do
    [[ -f $f ]] || continue
    mkdir -p "$crash_dir"
    if [[ ! -f $crash_dir/$(basename "$f") ]]; then
      cp "$f" "$crash_dir/"
      echo "fuzz.sh: new reproducer $crash_dir/$(basename "$f")"
      found=1
    fi
  done
  (( found )) && echo "fuzz.sh: replay with: bash scripts/fuzz.sh replay FILE" || true
}

cd "$repo"
mode=${1:-60}
case $mode in
  build)
    build_fuzzer ;;
  replay)
    shift
    [[ -x $fuzzer ]] || build_fuzzer
    GENC_FUZZ_DEBUG=${GENC_FUZZ_DEBUG:-1} "$fuzzer" "$@" ;;
  regress)
    [[ -x $fuzzer ]] || build_fuzzer
    # Files (not directories) as arguments: libFuzzer executes each once.
    "$fuzzer" "$regress_dir"/* ;;
  merge)
    # merge [N]: rebuild test/Fuzz/corpus/ as the hand-written inputs
    # (seed-*.gen, crash-*.gen; always kept) plus at most N (default 50)
    # inputs < 4 KB from the work corpus, chosen from a -merge=1 pass: the
    # ones that contributed the most coverage features.
    [[ -x $fuzzer ]] || build_fuzzer
    keep=${2:-50}
    mkdir -p "$regress_dir"
    tmp=$(mktemp -d)
    mkdir "$tmp/out" "$tmp/in"
    for f in "$regress_dir"/seed-* "$regress_dir"/crash-*; do
      [[ -f $f ]] && cp "$f" "$tmp/in/"
    done
    # The hand-written inputs come first, so only what they miss is credited
    # to the work corpus.
    "$fuzzer" -merge=1 -max_len="$max_len" -merge_control_file="$tmp/control" \
      "$tmp/out" "$tmp/in" "$corpus" > "$tmp/merge.log" 2>&1 ||
      { cat "$tmp/merge.log" >&2; exit 1; }
    grep '^MERGE-OUTER: .* new files' "$tmp/merge.log" || true
    # Drop the previous picks (named by 12 hex digits of their SHA-1).
    find "$regress_dir" -maxdepth 1 -regextype posix-extended \
      -regex ".*/[0-9a-f]{12}${ext//./\\.}" -delete
    python3 - "$tmp/control" "$keep" "$regress_dir" "$tmp/in" "$max_len" "$ext" <<'PY'
import hashlib, os, shutil, sys
control, keep, dest, handwritten = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
max_len, ext = int(sys.argv[5]), sys.argv[6]
lines = open(control).read().split("\n")
n = int(lines[0])
files = lines[2:2 + n]
credit = {}
for line in lines[2 + n:]:
    parts = line.split()
    if len(parts) >= 2 and parts[0] == "FT":
        credit[int(parts[1])] = len(parts) - 2
picked = [i for i in sorted(credit, key=lambda i: -credit[i])
          if credit[i] > 0 and not files[i].startswith(handwritten)
          and os.path.getsize(files[i]) < max_len][:keep]
for i in picked:
    data = open(files[i], "rb").read()
    shutil.copy(files[i], os.path.join(dest, hashlib.sha1(data).hexdigest()[:12] + ext))
print("fuzz.sh: kept %d corpus inputs (%d of %d features credited to work-corpus inputs)"
      % (len(picked), sum(credit[i] for i in picked),
         sum(v for i, v in credit.items() if not files[i].startswith(handwritten))))
PY
    rm -rf "$tmp"
    echo "fuzz.sh: $(ls "$regress_dir" | wc -l) inputs in $regress_dir" ;;
  *[!0-9]*)
    echo "usage: bash scripts/fuzz.sh [${targets[*]// /|}] [SECONDS [libFuzzer flags]|build|replay FILE...|regress|merge [N]]" >&2
    exit 2 ;;
  *)
    shift || true
    build_fuzzer
    seed_corpus
    status=0
    # One worker: the machine is shared. -print_final_stats for the report.
    dict_flag=()
    [[ -n $dict ]] && dict_flag=(-dict="$dict")
    "$fuzzer" "$corpus" -max_total_time="$mode" -max_len="$max_len" "${dict_flag[@]}" \
      -timeout=10 -rss_limit_mb=4096 -detect_leaks=$leaks -artifact_prefix="$artifacts/" \
      -print_final_stats=1 "$@" || status=$?
    save_crashes
    exit $status ;;
esac
