#!/usr/bin/env python3
"""edit_manifest.py IN OUT EDIT: writes OUT, the manifest IN with one
crafted change: batch0 (batch_size 0), huge-shape (a parameter of 2^62
elements), negative-shape, rename-param (a function's parameter argument
renamed), bad-symbol (a function symbol that is no C identifier), repeats0
(the schedule repeats a step 0 times), seed-zeros (init_from on a parameter
initialized otherwise), seed-unknown (a kmeans_pp parameter seeded from an
input the manifest does not declare), valid-but-other (a consistent, valid
manifest, but not the one the kernels were compiled with: a parameter's
initializer argument changed)."""
import json
import sys

source, target, edit = sys.argv[1:4]
m = json.load(open(source))
first = m['functions'][0]
param = next(a for a in first['arguments'] if a['kind'] == 'param')
if edit == 'batch0':
    m['batch_size'] = 0
elif edit == 'huge-shape':
    m['params'][0]['shape'] = [2 ** 31, 2 ** 31]
elif edit == 'negative-shape':
    m['params'][0]['shape'] = [-4, 2]
elif edit == 'rename-param':
    param['name'] = 'renamed'
elif edit == 'bad-symbol':
    first['function'] = '../../x'
elif edit == 'repeats0':
    m['train']['schedule'][0]['repeats'] = 0
elif edit == 'valid-but-other':
    next(p for p in m['params'] if p['init'] == 'zeros')['init'] = 'ones'
elif edit == 'seed-zeros':
    next(p for p in m['params'] if p['init'] == 'zeros')['init_from'] = 'x'
elif edit == 'seed-unknown':
    next(p for p in m['params'] if p['init'] == 'kmeans_pp')['init_from'] = 'nosuch'
else:
    sys.exit('unknown edit ' + edit)
json.dump(m, open(target, 'w'))
