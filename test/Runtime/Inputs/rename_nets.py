#!/usr/bin/env python3
#===- rename_nets.py - Pictures and figures do not depend on net names -----===#
#
# usage: rename_nets.py GENC EXAMPLE.gen OUT_DIR [genc train flags...]
#
# Renames every net of EXAMPLE.gen (its definition, every call and every
# NET.PARAM, through the whole file but the model's own name) to a name the
# runtime cannot guess, trains both files with the same flags, evaluates
# both checkpoints, and prints the pictures and the evaluation figures each
# run produced. The two lists must be the same; the script exits 1 if not.
#
#===------------------------------------------------------------------------===#
import os
import re
import subprocess
import sys

genc, example, out = sys.argv[1], sys.argv[2], sys.argv[3]
flags = sys.argv[4:]
source = open(example).read()
nets = re.findall(r'^\s*net\s+(\w+)\s*\(', source, re.M)
renamed = []
for line in source.splitlines(keepends=True):
    if not re.match(r'\s*model\s', line):
        for i, net in enumerate(nets):
            line = re.sub(r'(?<![\w.])%s\b' % net, 'q%d_unnamed' % i, line)
    renamed.append(line)
os.makedirs(out, exist_ok=True)
renamed_path = os.path.join(out, 'renamed.gen')
open(renamed_path, 'w').write(''.join(renamed))


def run(*args):
    result = subprocess.run([genc, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit('FAIL: genc %s exited %d:\n%s%s' % (' '.join(args), result.returncode,
                                                     result.stdout, result.stderr))
    return result.stdout


def outcome(model, folder):
    run('train', model, '--out', folder, *flags)
    pictures = sorted(f for f in os.listdir(folder) if f.endswith('.png'))
    limits = [f for f in flags if f.startswith(('--test-limit', '--batch', '--data'))]
    figures = []
    for line in run('eval', model, '--checkpoint', os.path.join(folder, 'checkpoint.safetensors'),
                    '--eval-limit', '16', '--iwae-samples', '4', *limits).splitlines():
        label, colon, value = line.partition(':')
        if colon and re.match(r'\s*-?[0-9.]+', value) and not line.startswith('model '):
            figures.append(label)
    return pictures, figures


before = outcome(example, os.path.join(out, 'original'))
after = outcome(renamed_path, os.path.join(out, 'renamed'))
print('%s: nets %s renamed' % (os.path.basename(example), ' '.join(nets)))
print('pictures: ' + ' '.join(before[0]))
print('figures: ' + '; '.join(before[1]))
if before != after:
    print('FAIL: after renaming, pictures: %s; figures: %s' % (' '.join(after[0]),
                                                                '; '.join(after[1])))
    sys.exit(1)
print('same after renaming')
