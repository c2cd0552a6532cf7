# bench/common.sh - shared by the benchmark scripts (sourced, not run).
# link_model_program SOURCE MODEL DIR OUT: compiles a timing program against
# the model that `genc compile --name MODEL -o DIR` wrote, and genc's runtime.
link_model_program() {
  local source="$1" model="$2" dir="$3" out="$4"
  local build="${GENC_BUILD_DIR:-$root/build}"
  g++ -O2 -std=c++17 -DMODEL_HEADER="\"$model.h\"" -DMODEL="$model" "$source" \
      -I"$dir" -I"$root/runtime/include" -I/usr/include/halide14 \
      "$dir/${model}_kernels.a" "$dir/${model}_runtime.a" "$build/runtime/libGencRuntime.a" \
      -lz -lpthread -ldl -o "$out"
}

# select_isa ISA: sets, for the instruction set a benchmark compares at
# (avx512, the default, or avx2), the genc target (isa_target), the
# environment PyTorch runs in (torch_env: no glibc malloc trimming, passive
# OpenMP waits, its ATen kernels, OpenBLAS and oneDNN forced to the same
# ISA) and the vector width the peak is measured at (isa_bits). oneDNN (the
# convolutions) picks its ISA from CPUID alone: without ONEDNN_MAX_CPU_ISA,
# PyTorch's "AVX2" convolutions run AVX-512 code.
select_isa() {
  local tuned=(MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1000000000
               OMP_WAIT_POLICY=PASSIVE)
  case "$1" in
    avx512)
      if ! grep -qw avx512f /proc/cpuinfo; then
        echo "bench: this CPU has no AVX-512; run with avx2" >&2
        exit 2
      fi
      isa_target=host isa_bits=512
      torch_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE -u ONEDNN_MAX_CPU_ISA -u DNNL_MAX_CPU_ISA
                 ATEN_CPU_CAPABILITY=avx512 "${tuned[@]}")
      ;;
    avx2)
      isa_target=x86-64-linux-avx2-fma-sse41-f16c isa_bits=256
      torch_env=(env -u OPENBLAS_L2_SIZE -u DNNL_MAX_CPU_ISA ATEN_CPU_CAPABILITY=avx2
                 OPENBLAS_CORETYPE=Haswell ONEDNN_MAX_CPU_ISA=AVX2 "${tuned[@]}")
      ;;
    *)
      echo "bench: unknown ISA '$1' (expected avx512 or avx2)" >&2
      exit 2
      ;;
  esac
  isa="$1"
}

# check_torch_isa: fails unless PyTorch's convolutions (oneDNN) run at
# most the selected ISA, by the implementation oneDNN reports for one conv.
check_torch_isa() {
  local impl
  impl=$("${torch_env[@]}" ONEDNN_VERBOSE=1 /usr/bin/python3 -c '
import torch
torch.nn.functional.conv2d(torch.rand(16, 8, 14, 14), torch.rand(16, 8, 3, 3))' 2>&1 |
      awk -F, '$2 == "exec" && $4 == "convolution" {print $5; exit}')
  case "$isa:$impl" in
    avx2:*avx512*|avx2:*amx*)
      echo "bench: PyTorch's convolutions run $impl despite ONEDNN_MAX_CPU_ISA=AVX2" >&2
      exit 2
      ;;
  esac
  echo "PyTorch convolutions (oneDNN): ${impl:-not oneDNN}"
}

# measure_peak OUT_DIR: the fp32 FMA peak at the selected ISA's vector
# width on 1 and 2 threads, into peak1 and peak2 (GFLOP/s).
measure_peak() {
  local flags=(-mavx2 -mfma)
  [ "$isa_bits" = 512 ] && flags=(-mavx512f)
  g++ -O3 "${flags[@]}" -DPEAK_BITS="$isa_bits" -std=c++17 -pthread "$root/bench/peak.cpp" \
      -o "$1/peak_$isa"
  "$1/peak_$isa" > "$1/peak_$isa.txt"
  peak1=$(awk '$2 == 1 {print $3}' "$1/peak_$isa.txt")
  peak2=$(awk '$2 == 2 {print $3}' "$1/peak_$isa.txt")
}
