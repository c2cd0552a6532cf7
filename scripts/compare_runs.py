"""Compares two training runs' logs: data-parallel against one process, a GPU
build against the CPU build (scripts/device-check.sh).

    compare_runs.py RUN_A RUN_B [--steps N] [--step-tolerance R] [--test-tolerance R] [--final]

Every logged step value of the first N rows of steps.csv must agree within
the relative step tolerance, and every test_* figure of metrics.csv within
the relative test tolerance (with --final, those of the last epoch only). Prints one line per check and 'same run' when
all pass; exits 1 otherwise.
"""
import argparse
import csv
import math
import sys


def rows(path):
    with open(path, newline='') as f:
        return list(csv.DictReader(f))


def relative(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('a')
    parser.add_argument('b')
    parser.add_argument('--steps', type=int, default=20)
    parser.add_argument('--step-tolerance', type=float, default=1e-4)
    parser.add_argument('--test-tolerance', type=float, default=5e-3)
    parser.add_argument('--final', action='store_true')
    args = parser.parse_args()
    ok = True
    steps_a, steps_b = rows(args.a + '/steps.csv'), rows(args.b + '/steps.csv')
    compared, worst = 0, 0.0
    for ra, rb in zip(steps_a[:args.steps], steps_b[:args.steps]):
        for key, va in ra.items():
            vb = rb.get(key, '')
            if key == 'epoch' or (va == '' and vb == ''):
                continue
            if va == '' or vb == '':
                print(f'step log {key}: one run logged a value the other did not')
                ok = False
                continue
            worst = max(worst, relative(float(va), float(vb)))
            compared += 1
    if len(steps_a) < args.steps or len(steps_b) < args.steps:
        print(f'fewer than {args.steps} logged steps ({len(steps_a)}, {len(steps_b)})')
        ok = False
    print(f'{compared} step values, worst relative difference {worst:.2e}')
    ok &= worst <= args.step_tolerance
    metrics_a, metrics_b = rows(args.a + '/metrics.csv'), rows(args.b + '/metrics.csv')
    pairs = list(zip(metrics_a, metrics_b))
    for ma, mb in pairs[-1:] if args.final else pairs:
        for key in ma:
            if not key.startswith('test_') or ma[key] in ('', 'nan'):
                continue
            diff = relative(float(ma[key]), float(mb[key]))
            print(f'epoch {ma["epoch"]} {key}: {float(ma[key]):.6g} and {float(mb[key]):.6g}, '
                  f'relative difference {diff:.2e}')
            ok &= diff <= args.test_tolerance and math.isfinite(diff)
    if len(metrics_a) != len(metrics_b) or not metrics_a:
        print('the runs logged different numbers of epochs')
        ok = False
    print('same run' if ok else 'DIFFERENT runs')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
