// RUN: not genc-translate --gen-to-halide --halide-target=x86-64-linux-nonsense %s 2>&1 | FileCheck %s
// CHECK: error: unknown Halide target 'x86-64-linux-nonsense'
module {}
