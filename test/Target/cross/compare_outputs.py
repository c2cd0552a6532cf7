#!/usr/bin/env python3
#===- compare_outputs.py - Two runs of gen_harness.py harnesses, compared --===#
#
# usage: compare_outputs.py NAME.manifest.json REF_DIR TEST_DIR [FUNCTION...]
#
# For every function of the manifest (or the ones named) whose REF_DIR holds
# FUNCTION.bin, splits REF_DIR's and TEST_DIR's FUNCTION.bin into the
# manifest's outputs and checks, output by output:
#   - every value on both sides is finite (no NaN, no infinity);
#   - |a - b| <= 1e-4 * max(|a|, |b|, scale), where scale = 1e-2 * max |a|
#     over that output of REF: a relative tolerance that falls back, for
#     values that cancel to near 0, to an absolute one of 1e-6 of the
#     output's largest value (about 8 float32 ulps of it). A smaller floor
#     false-fails: an Adam update of a parameter of 0.12 that lands on
#     -1.9e-5 differs by 6e-9 (one ulp of 0.12, 3e-4 of the result) between
#     the host and AArch64, whose sums run in other orders (4 lanes, not 16)
#     and whose multiply-adds fuse differently;
#   - the function writes at least one non-zero value.
# Prints one line per function with the largest |a - b| / max(|a|, |b|,
# scale) seen and exits non-zero on any failure.
#
#===------------------------------------------------------------------------===#
import array
import json
import math
import os
import sys

TOLERANCE = 1e-4
FLOOR = 1e-2


def load(path, count):
    values = array.array('f')
    with open(path, 'rb') as file:
        values.frombytes(file.read())
    if len(values) != count:
        raise ValueError('%s holds %d floats, expected %d' % (path, len(values), count))
    return values


def compare_output(ref, test):
    """(worst relative difference, the worst element beyond tolerance or
    None) of one output."""
    if not all(math.isfinite(v) for v in ref) or not all(math.isfinite(v) for v in test):
        return math.inf, 'a value that is not finite'
    scale = FLOOR * max(map(abs, ref), default=0.0)
    worst, problem = 0.0, None
    for i, (a, b) in enumerate(zip(ref, test)):
        bound = max(abs(a), abs(b), scale)
        relative = abs(a - b) / bound if bound > 0 else 0.0
        if relative > worst:
            worst = relative
            if relative > TOLERANCE:
                problem = 'element %d: %.9g vs %.9g' % (i, a, b)
    return worst, problem


def compare_function(fn, ref_dir, test_dir):
    """True when FN's outputs agree; prints its line."""
    name, outputs = fn['function'], fn['outputs']
    sizes = [math.prod(out['shape']) for out in outputs]
    try:
        ref = load(os.path.join(ref_dir, name + '.bin'), sum(sizes))
        test = load(os.path.join(test_dir, name + '.bin'), sum(sizes))
    except (OSError, ValueError) as error:
        print('%s: FAIL: %s' % (name, error))
        return False
    worst, problems, start = 0.0, [], 0
    for out, size in zip(outputs, sizes):
        difference, problem = compare_output(ref[start:start + size], test[start:start + size])
        worst = max(worst, difference)
        if problem:
            problems.append('%s %s' % (out['name'], problem))
        start += size
    if not any(ref):
        problems.append('every output is zero')
    print('%s: %d outputs, %d values, max relative difference %.2e: %s'
          % (name, len(outputs), start, worst,
             'FAIL: ' + '; '.join(problems) if problems else 'ok'))
    return not problems


def main():
    if len(sys.argv) < 4:
        sys.exit('usage: compare_outputs.py NAME.manifest.json REF_DIR TEST_DIR [FUNCTION...]')
    manifest, ref_dir, test_dir, wanted = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    functions = json.load(open(manifest))['functions']
    chosen = [fn for fn in functions if fn['function'] in wanted
              or not wanted and os.path.exists(os.path.join(ref_dir, fn['function'] + '.bin'))]
    missing = set(wanted) - {fn['function'] for fn in chosen}
    if missing or not chosen:
        sys.exit('compare_outputs: nothing to compare for %s' % (sorted(missing) or ref_dir))
    results = [compare_function(fn, ref_dir, test_dir) for fn in chosen]
    sys.exit(0 if all(results) else 1)


main()
