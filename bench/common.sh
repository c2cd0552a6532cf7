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
