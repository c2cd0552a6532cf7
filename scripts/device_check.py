"""The run half of scripts/device-check.sh, on the machine with the GPU (no
compiler there: genc-run and genc-compare load the builds made here).

    device_check.py BUILD_DEVICE [--models a,b] [--skip-torch] [--steps N] [--timeout S]
                    [--budget S]

1. Correctness, per example, of the device build against the host build:
   - genc-compare: a few training iterations from the same parameters,
     data and noise, every objective, parameter, state, loss and net;
   - training, momentum: the example with Adam replaced by momentum (same
     learning rate) trains N steps (epochs of 20, every step logged) with
     genc-run on both builds: every step's objective within 1e-4 for the
     first N/2 steps and 1e-3 for all. Adam turns rounding noise in a
     near-zero gradient into a full-size step of either sign, so two
     summation orders part ways under it; momentum does not, so a wrong
     kernel shows and rounding does not;
   - training, the example as written (Adam): the same run on both builds,
     the last epoch's test objectives within 1 % (the quality target); for
     alternating steps (GANs), whose games part ways under Adam, reported.
2. Timing: genc's step on the device (genc-compare --time) for the VAE at
   batches 128, 16 and 1, the MLP GAN and DCGAN; one epoch of the VAE on
   all of Fashion-MNIST with genc-run, on the device and on the host's CPU
   cores (data upload, steps, test loss and pictures included); then
   PyTorch on the same device, eager, torch.compile and torch.compile with
   CUDA graphs (bench/vae_torch.py, bench/gan_torch.py), and a table of
   ratios.
Every command runs under a timeout, and PyTorch's configurations stop when
the budget (default 280 s, for a 5-minute device lease) is spent; the exit
status is 1 if a check failed.
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 120


def run(command, log=None, timeout=TIMEOUT):
    """Runs a command; returns (exit status, output, seconds)."""
    start = time.perf_counter()
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=timeout)
        status, output = done.returncode, done.stdout
    except subprocess.TimeoutExpired as e:
        status, output = 124, (e.stdout or b'').decode(errors='replace') + '\n(timed out)'
    seconds = time.perf_counter() - start
    if log:
        with open(log, 'w') as f:
            f.write(output)
    return status, output, seconds


def last_line(output):
    lines = [l for l in output.strip().splitlines() if l.strip()]
    return lines[-1] if lines else '(no output)'


class Check:
    def __init__(self, build, target, timeout):
        self.build, self.target, self.failed, self.timeout = build, target, [], timeout
        self.tools = os.path.join(build, 'bin')
        self.logs = os.path.join(build, 'logs')
        os.makedirs(self.logs, exist_ok=True)

    def prefix(self, variant, target):
        folder = os.path.join(self.build, 'builds', variant, target)
        names = [f[:-len('.manifest.json')] for f in os.listdir(folder)
                 if f.endswith('.manifest.json')]
        return os.path.join(folder, names[0])

    def manifest(self, variant):
        with open(self.prefix(variant, 'host') + '.manifest.json') as f:
            return json.load(f)

    def fail(self, what):
        self.failed.append(what)
        print(f'  FAILED: {what}')

    def compare(self, variant, extra=()):
        command = [os.path.join(self.tools, 'genc-compare'), self.prefix(variant, 'host'),
                   self.prefix(variant, self.target), *extra]
        return run(command, os.path.join(self.logs, f'compare-{variant}.log'), self.timeout)

    def train(self, variant, target, steps):
        m = self.manifest(variant)
        batch = m['batch_size']
        out = os.path.join(self.build, 'runs', variant, target)
        run(['rm', '-rf', out])
        command = [os.path.join(self.tools, 'genc-run'), 'train', self.prefix(variant, target),
                   '--out', out, '--epochs', str(steps // 20), '--limit', str(20 * batch),
                   '--test-limit', '500', '--checkpoint-every', '0']
        if any(i.get('source', '').startswith('fashion-mnist') for i in m['inputs']):
            command += ['--data', os.path.join(self.build, 'data', 'fashion-mnist')]
        status, output, seconds = run(command, os.path.join(self.logs, f'train-{variant}-{target}.log'),
                                      self.timeout)
        if status:
            self.fail(f'{variant} does not train on {target}: {last_line(output)}')
            return None, seconds
        return out, seconds

    def compare_runs(self, runs, *flags):
        """compare_runs.py on two runs: (passed, its first line, its last test line)."""
        status, output, _ = run([sys.executable, os.path.join(ROOT, 'scripts', 'compare_runs.py'),
                                 *runs, *flags])
        lines = output.strip().splitlines()
        final = [l.strip() for l in lines if ' test_' in l][-1:] or ['']
        return status == 0, (lines[0] if lines else last_line(output)), final[0]

    def correctness(self, model, steps):
        print(f'{model}:')
        status, output, _ = self.compare(f'{model}-momentum', ['--iterations', '3', '--time', '0'])
        print(f'  genc-compare, 3 momentum iterations: {last_line(output)}')
        if status:
            self.fail(f'{model}: genc-compare')
        adversarial = len(self.manifest(model)['train']['schedule']) > 1
        for variant in (f'{model}-momentum', model):
            runs, times = [], []
            for target in ('host', self.target):
                out, seconds = self.train(variant, target, steps)
                runs.append(out)
                times.append(seconds)
            if None in runs:
                continue
            timing = f'(host {times[0]:.1f} s, {self.target} {times[1]:.1f} s)'
            if variant != model:
                # Every step of the first half within 1e-4, the rest within
                # 1e-3: an alternating game (vae_gan) drifts late even so.
                early = self.compare_runs(runs, '--steps', str(steps // 2), '--step-tolerance',
                                          '1e-4', '--test-tolerance', '1e-3')
                whole = self.compare_runs(runs, '--steps', str(steps), '--step-tolerance', '1e-3',
                                          '--test-tolerance', '1e-3')
                print(f'  train {steps} steps, momentum: first {steps // 2}: {early[1]}; '
                      f'all: {whole[1]}; last {whole[2]} {timing}')
                if not (early[0] and whole[0]):
                    self.fail(f'{variant}: training on {self.target} differs from host')
                continue
            passed, summary, final = self.compare_runs(
                runs, '--steps', str(steps), '--step-tolerance', 'inf', '--test-tolerance', '1e-2',
                '--final')
            if adversarial:
                # Alternating Adam steps amplify rounding into different
                # games; the momentum run above is what checks the kernels.
                print(f'  train {steps} steps, as written: last {final} (alternating steps '
                      f'under Adam: reported, not checked) {timing}')
                continue
            print(f'  train {steps} steps, as written: {summary}; last {final}; '
                  f'{"within 1 %" if passed else "NOT within 1 %"} {timing}')
            if not passed:
                self.fail(f'{variant}: the last test figures on {self.target} are not within 1 %')

    def genc_times(self, variant):
        """Milliseconds per step on the device, by step name."""
        status, output, _ = self.compare(variant, ['--iterations', '1', '--time', '50',
                                                   '--tolerance', '1'])
        times, table = {}, False
        for line in output.splitlines():
            if line.startswith('time per step'):
                table = True
                continue
            fields = line.split()
            if table and len(fields) == 4 and re.fullmatch(r'[0-9.]+', fields[2]):
                times[fields[0]] = float(fields[2])
        return times


def torch_time(script_args, mode, seconds_left):
    if seconds_left < 20:
        return None, 'skipped: the time budget (--budget) is spent'
    status, output, _ = run([sys.executable, *script_args, 'cuda', mode],
                            timeout=min(240, seconds_left))
    match = re.search(r'^torch \S+ \S+ ([0-9.]+)$', output, re.M)
    return float(match.group(1)) if match and status == 0 else None, last_line(output)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('build')
    parser.add_argument('--models', default='')
    parser.add_argument('--steps', type=int, default=200)
    parser.add_argument('--skip-torch', action='store_true')
    parser.add_argument('--budget', type=float, default=280,
                        help='seconds for the whole check: PyTorch configurations past it are skipped')
    parser.add_argument('--timeout', type=float, default=TIMEOUT,
                        help='seconds for each genc command (POCL needs more than a GPU)')
    args = parser.parse_args()
    with open(os.path.join(args.build, 'target')) as f:
        target = f.read().strip()
    check = Check(args.build, target, args.timeout)
    models = args.models.split(',') if args.models else open(
        os.path.join(args.build, 'models')).read().split()
    start = time.perf_counter()
    print(f'== correctness: {target} against host, {", ".join(models)}')
    for model in models:
        check.correctness(model, args.steps)
    print(f'   ({time.perf_counter() - start:.0f} s)')

    print(f'== timing: genc on {target} (ms per step; an iteration of a GAN is its two steps)')
    configs = [('vae, batch 128', 'vae', ['vae_torch.py', '128', '1']),
               ('vae, batch 16', 'vae-b16', ['vae_torch.py', '16', '1']),
               ('vae, batch 1', 'vae-b1', ['vae_torch.py', '1', '1']),
               ('gan_mlp, batch 64', 'gan_mlp', ['gan_torch.py', 'gan_mlp', '64', '1']),
               ('dcgan, batch 64', 'dcgan', ['gan_torch.py', 'dcgan', '64', '1'])]
    configs = [c for c in configs if c[1].split('-')[0] in models]
    rows = []
    for name, variant, torch_args in configs:
        times = check.genc_times(variant)
        genc = sum(times.values()) if times else None
        rows.append([name, genc, torch_args])
        print(f'  {name}: genc {genc if genc is not None else "failed"} ms ({times})')
    if 'vae' in models:
        print('== a VAE epoch (60000 examples, batch 128, then the test loss on 10000 and pictures)')
        for target in (check.target, 'host'):
            out = os.path.join(args.build, 'runs', 'epoch', target)
            run(['rm', '-rf', out])
            status, output, seconds = run(
                [os.path.join(check.tools, 'genc-run'), 'train', check.prefix('vae', target),
                 '--out', out, '--epochs', '1', '--checkpoint-every', '0', '--data',
                 os.path.join(args.build, 'data', 'fashion-mnist-full')],
                os.path.join(check.logs, f'epoch-{target}.log'), args.timeout)
            if status:
                check.fail(f'the VAE epoch on {target}: {last_line(output)}')
                continue
            with open(os.path.join(out, 'metrics.csv'), newline='') as f:
                row = list(csv.DictReader(f))[-1]
            print(f'  {target}: {float(row["seconds"]):.2f} s for the epoch ({seconds:.1f} s with '
                  f'loading), test elbo {float(row["test_elbo"]):.2f}')
    have_cuda = run([sys.executable, '-c', 'import torch; assert torch.cuda.is_available()'])[0] == 0
    if args.skip_torch or not have_cuda:
        print('== PyTorch: skipped (' + ('--skip-torch' if args.skip_torch else 'no CUDA device') + ')')
    else:
        version = last_line(run([sys.executable, '-c', 'import torch; print(torch.__version__)'])[1])
        print(f'== PyTorch {version} on the same device, ms per step or iteration')
        modes = ('eager', 'compile', 'graphs')
        print(f'  {"":20} {"genc":>9} ' + ' '.join(f'{m:>9}' for m in modes) +
              '   genc vs eager, compile, graphs')
        for row in rows:
            name, genc, torch_args = row
            script = [os.path.join(ROOT, 'bench', torch_args[0]), *torch_args[1:]]
            results = [torch_time(script, mode, args.budget - (time.perf_counter() - start))
                       for mode in modes]
            cells = [f'{t:9.3f}' if t else f'{"failed":>9}' for t, _ in results]
            ratios = [f'{t / genc:.2f}x' if t and genc else '-' for t, _ in results]
            print(f'  {name:20} {genc if genc else float("nan"):9.3f} ' + ' '.join(cells) +
                  '   ' + ', '.join(ratios))
            for (t, why), mode in zip(results, modes):
                if t is None:
                    print(f'    {mode}: {why}')
    print(f'== done in {time.perf_counter() - start:.0f} s: ' +
          ('every check passed' if not check.failed else f'{len(check.failed)} FAILED'))
    return 1 if check.failed else 0


if __name__ == '__main__':
    sys.exit(main())
