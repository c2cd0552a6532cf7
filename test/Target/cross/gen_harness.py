#!/usr/bin/env python3
#===- gen_harness.py - A C harness that runs a build's kernels once --------===#
#
# usage: gen_harness.py BUILD_DIR/NAME.manifest.json [FUNCTION...] > harness.c
#
# test/Target/cross/ holds a target-independent check of genc's kernels: the
# same model is compiled for two targets (say arm-64-linux and the host),
# this script writes one C harness per build, each harness is built with
# that target's C compiler and run (under qemu-user for a foreign CPU), and
# compare_outputs.py compares what the two runs wrote.
#
# The harness calls every function of the manifest (or the ones named; C
# names, e.g. vae_elbo) once. Every argument is a dense float32 buffer of its
# manifest shape (Halide's dimension 0 is the last gen dimension) holding
# pseudo-random values from a fixed formula of (function, argument, element),
# the same on every machine: uniform in [0.05, 0.95] (positive, for
# variances, logs and Adam's step count), but for params uniform in
# [-0.95, 0.95] / sqrt(fan-in), a dense layer's fan-in being the product of
# all but the last dimension, so that deep nets neither blow up nor
# saturate. `harness OUT_DIR` writes OUT_DIR/FUNCTION.bin: the function's
# outputs in manifest order, raw native float32.
#
# The argument order is checked against the build's per-function header,
# FUNCTION.h: one halide_buffer_t per manifest argument, named after it and
# in the same order, then one per manifest output.
#
#===------------------------------------------------------------------------===#
import json
import math
import os
import re
import sys

PREAMBLE = r'''
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "HalideRuntime.h"

/* A dense buffer of SHAPE (gen order), never freed: the harness runs once. */
static halide_buffer_t *make_buffer(int rank, const int *shape) {
  halide_buffer_t *buf = calloc(1, sizeof(halide_buffer_t));
  halide_dimension_t *dim = calloc(rank ? rank : 1, sizeof(halide_dimension_t));
  int count = 1;
  for (int d = 0; d < rank; ++d) {
    dim[d].extent = shape[rank - 1 - d];
    dim[d].stride = count;
    count *= dim[d].extent;
  }
  buf->host = calloc(count, sizeof(float));
  buf->type.code = halide_type_float;
  buf->type.bits = 32;
  buf->type.lanes = 1;
  buf->dimensions = rank;
  buf->dim = dim;
  return buf;
}

static int buffer_count(const halide_buffer_t *buf) {
  int count = 1;
  for (int d = 0; d < buf->dimensions; ++d)
    count *= buf->dim[d].extent;
  return count;
}

/* Element i of a buffer seeded with SEED: lo + width * (a uniform value in
   [0, 1) from a 32-bit integer hash of seed + i). */
static void fill(halide_buffer_t *buf, uint32_t seed, double lo, double width) {
  float *data = (float *)buf->host;
  int count = buffer_count(buf);
  for (int i = 0; i < count; ++i) {
    uint32_t h = seed + (uint32_t)i;
    h = (h ^ (h >> 16)) * 0x7feb352dU;
    h = (h ^ (h >> 15)) * 0x846ca68bU;
    h ^= h >> 16;
    data[i] = (float)(lo + width * ((h >> 8) / 16777216.0));
  }
}

static int save(const char *dir, const char *function, int n,
                halide_buffer_t **outputs) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s.bin", dir, function);
  FILE *file = fopen(path, "wb");
  if (!file) {
    fprintf(stderr, "harness: cannot write %s\n", path);
    return 1;
  }
  for (int k = 0; k < n; ++k)
    fwrite(outputs[k]->host, sizeof(float), buffer_count(outputs[k]), file);
  return fclose(file) != 0;
}

static int check(int status, const char *function) {
  if (status != 0)
    fprintf(stderr, "harness: %s returned %d\n", function, status);
  return status != 0;
}
'''


def fnv1a(text):
    """A 32-bit FNV-1a hash: the seed of one argument of one function."""
    h = 0x811c9dc5
    for byte in text.encode():
        h = ((h ^ byte) * 0x01000193) & 0xffffffff
    return h


def header_buffers(path, function):
    """The buffer parameter names of FUNCTION's prototype in its header."""
    match = re.search(r'\bint %s\(([^)]*)\);' % re.escape(function), open(path).read())
    if not match:
        sys.exit('gen_harness: no prototype of %s in %s' % (function, path))
    return re.findall(r'struct halide_buffer_t \*(\w+)', match.group(1))


def emit_function(fn, build_dir):
    """C code of run_FUNCTION(dir): make, fill, call, save."""
    name, args, outs = fn['function'], fn['arguments'], fn['outputs']
    params = header_buffers(os.path.join(build_dir, name + '.h'), name)
    # (A gradient or running average is named after its parameter, prefixed.)
    prefix = {'gradient': 'gradient_', 'average': 'average_'}
    expected = ['_%s%s_buffer' % (prefix.get(a['kind'], ''), re.sub(r'\W', '_', a['name']))
                for a in args]
    if len(params) != len(args) + len(outs) or params[:len(args)] != expected:
        sys.exit('gen_harness: %s.h takes %s, the manifest says %s then %d outputs'
                 % (name, params, expected, len(outs)))
    lines = ['static int run_%s(const char *dir) {' % name]
    buffers = []
    for i, buf in enumerate(args + outs):
        shape = buf['shape']
        var = 'b%d' % i
        if shape:
            lines.append('  static const int %s_shape[] = {%s};' % (var, ', '.join(map(str, shape))))
        lines.append('  halide_buffer_t *%s = make_buffer(%d, %s);'
                     % (var, len(shape), var + '_shape' if shape else 'NULL'))
        if i < len(args):
            seed = fnv1a('%s/%s' % (name, buf['name']))
            if buf['kind'] == 'param':
                bound = 0.95 / math.sqrt(math.prod(shape[:-1]))
                lines.append('  fill(%s, %#xU, %.17g, %.17g);' % (var, seed, -bound, 2 * bound))
            else:
                lines.append('  fill(%s, %#xU, 0.05, 0.9);' % (var, seed))
        buffers.append(var)
    outputs = ', '.join(buffers[len(args):])
    lines += ['  if (check(%s(%s), "%s"))' % (name, ', '.join(buffers), name),
              '    return 1;',
              '  halide_buffer_t *outputs[] = {%s};' % outputs,
              '  return save(dir, "%s", %d, outputs);' % (name, len(outs)),
              '}']
    return '\n'.join(lines)


def main():
    if len(sys.argv) < 2:
        sys.exit('usage: gen_harness.py BUILD_DIR/NAME.manifest.json [FUNCTION...]')
    manifest_path, wanted = sys.argv[1], sys.argv[2:]
    build_dir = os.path.dirname(manifest_path)
    functions = json.load(open(manifest_path))['functions']
    known = [fn['function'] for fn in functions]
    for name in wanted:
        if name not in known:
            sys.exit('gen_harness: no function %s in %s (it has %s)' % (name, manifest_path, known))
    chosen = [fn for fn in functions if not wanted or fn['function'] in wanted]

    print('/* Generated by gen_harness.py from %s. */' % manifest_path)
    print(PREAMBLE)
    for fn in chosen:
        print('#include "%s.h"' % fn['function'])
    for fn in chosen:
        print('\n' + emit_function(fn, build_dir))
    print('\nint main(int argc, char **argv) {')
    print('  if (argc != 2) {')
    print('    fprintf(stderr, "usage: %s OUT_DIR\\n", argv[0]);')
    print('    return 2;')
    print('  }')
    print('  int failed = 0;')
    for fn in chosen:
        print('  failed |= run_%s(argv[1]);' % fn['function'])
    print('  return failed;')
    print('}')


main()
