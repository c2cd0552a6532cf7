#!/usr/bin/env python3
#===- check-examples.py - Generic checks over every example model ----------===#
#
# usage: check-examples.py GENC EXAMPLES_DIR
#
# For every EXAMPLES_DIR/*.gen, including ones added after examples.test was
# written: `genc check` succeeds; `genc --emit=mlir` holds the gen.model and a
# gen.net / gen.step for every `net` / `step` of the source, and an op for
# every declaration of how it generates (`generate x`, ...); and in
# `genc --emit=mlir-inlined` no step body holds a gen.call. Prints one line
# per example and exits non-zero on the first failure.
#
#===------------------------------------------------------------------------===#
import glob
import os
import re
import subprocess
import sys

genc, examples = sys.argv[1], sys.argv[2]


def run(*args):
    result = subprocess.run([genc, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit('FAIL: genc %s exited %d:\n%s' % (' '.join(args), result.returncode,
                                                   result.stderr))
    return result.stdout


def step_bodies(ir):
    """The lines of each gen.step body, by step name."""
    bodies, name, indent = {}, None, None
    for line in ir.splitlines():
        if name is None:
            m = re.match(r'^(\s*)gen\.step @(\w+) ', line)
            if m:
                indent, name = m.group(1), m.group(2)
                bodies[name] = []
        elif line == indent + '}':
            name = None
        else:
            bodies[name].append(line)
    return bodies


paths = sorted(glob.glob(os.path.join(examples, '*.gen')))
if not paths:
    sys.exit('FAIL: no examples in %s' % examples)
for path in paths:
    src = open(path).read()
    model = re.search(r'^\s*model\s+(\w+)', src, re.M).group(1)
    nets = re.findall(r'^\s*net\s+(\w+)\s*\(', src, re.M)
    steps = re.findall(r'^\s*step\s+(\w+)\s+updates\b', src, re.M)
    declared = re.findall(
        r'^\s*(generate|reconstruct|log_weight|discriminate|classify)\s+(\w+)\s*\{', src, re.M)
    run('check', path)
    ir = run(path, '--emit=mlir')
    if 'gen.model @%s ' % model not in ir:
        sys.exit('FAIL: %s: no gen.model @%s' % (path, model))
    for net in nets:
        if 'gen.net @%s(' % net not in ir:
            sys.exit('FAIL: %s: no gen.net @%s' % (path, net))
    for step in steps:
        if 'gen.step @%s ' % step not in ir:
            sys.exit('FAIL: %s: no gen.step @%s' % (path, step))
    for kind, subject in declared:
        if not re.search(r'gen\.%s @%s ' % (kind, subject), ir):
            sys.exit('FAIL: %s: no gen.%s @%s' % (path, kind, subject))
    inlined = step_bodies(run(path, '--emit=mlir-inlined'))
    if sorted(inlined) != sorted(steps):
        sys.exit('FAIL: %s: inlined steps %s, expected %s' % (path, sorted(inlined), sorted(steps)))
    for step, body in inlined.items():
        if not body or any('gen.call' in line for line in body):
            sys.exit('FAIL: %s: step @%s still calls a net after inlining' % (path, step))
        if 'gen.minimize' not in body[-1]:
            sys.exit('FAIL: %s: step @%s does not end in gen.minimize' % (path, step))
    print('OK %s: model %s, nets %s, steps %s, declares %s' % (
        os.path.basename(path), model, ' '.join(nets), ' '.join(steps),
        ' '.join('%s %s' % d for d in declared) or 'nothing'))
