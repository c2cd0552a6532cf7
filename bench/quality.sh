#!/usr/bin/env bash
# Training quality, genc beside PyTorch in one run (same architecture, data,
# batch and optimizer; PyTorch from bench/quality_torch.py):
#   vae.gen, 10 epochs on Fashion-MNIST: test loss per example (target:
#     within 1% of PyTorch's), and the wall time of an epoch;
#   gan_toy1d.gen, 300 epochs, parameters averaged (--average 0.999): KS statistic of
#     generated samples against the data distribution
#     (target < 0.05);
#   cvae.gen: a classifier trained by genc (classifier.gen) labels the CVAE's
#     class-conditional samples with their intended class (target >= 80%);
#   gmm.gen, 10 epochs: held-out log-likelihood per point on ring2d:8 and on
#     other rings (K = modes, by --data) and spreads, beside scikit-learn's
#     EM with the same K (bench/gmm_em.py, on the same points; target:
#     within 1% of EM's).
# Usage: bench/quality.sh [vae] [toy] [cvae] [gmm]   (default: all); THREADS=N,
# SEED=S (genc's and PyTorch's seed, default 1). GENC=PATH uses that genc
# binary (GENC_BUILD_DIR=DIR: DIR/bin/genc) and builds nothing; SKIP_BUILD=1
# skips the setup and build of the default build/bin/genc.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ -z "${GENC:-}" ] && [ -z "${GENC_BUILD_DIR:-}" ] && [ -z "${SKIP_BUILD:-}" ]; then
  bash "$root/scripts/setup.sh" bench
  bash "$root/scripts/build.sh" genc
fi
genc="${GENC:-${GENC_BUILD_DIR:-$root/build}/bin/genc}"
seed="${SEED:-1}"
out="$root/build-bench/quality"
threads="${THREADS:-2}"
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(vae toy cvae gmm)
torch() {
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE MALLOC_MMAP_THRESHOLD_=33554432 \
      MALLOC_TRIM_THRESHOLD_=1000000000 OMP_WAIT_POLICY=PASSIVE \
      /usr/bin/python3 "$root/bench/quality_torch.py" "$@" --threads "$threads" --seed "$seed"
}
result() { awk -v key="$1" '$1 == "RESULT" && $2 == key {print $3}' "$2"; }
train() { # model epochs extra-flags...
  local model="$1" epochs="$2"
  shift 2
  rm -rf "$out/$model"
  "$genc" train "$root/dsl_examples/$model.gen" --out "$out/$model" --epochs "$epochs" \
    --threads "$threads" --checkpoint-every 0 --seed "$seed" "$@" > "$out/$model.log"
}
mkdir -p "$out"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), threads: $threads, load: $(cut -d' ' -f1-3 /proc/loadavg)"

for part in "${parts[@]}"; do
  case "$part" in
  vae)
    train vae 10
    "$genc" eval "$root/dsl_examples/vae.gen" --checkpoint "$out/vae/checkpoint.safetensors" \
      --iwae-samples 100 --eval-limit 1000 > "$out/vae.eval"
    torch vae --epochs 10 > "$out/vae.torch"
    python3 - "$out" <<'PY'
import csv, re, sys
out = sys.argv[1]
ev = open(out + '/vae.eval').read()
genc = float(re.search(r'test elbo: ([0-9.]+)', ev).group(1))
iwae = float(re.search(r'nats', ev) and re.search(r'examples\): (-?[0-9.]+)', ev).group(1))
rows = list(csv.DictReader(open(out + '/vae/metrics.csv')))
genc_epoch = sum(float(r['seconds']) for r in rows) / len(rows)
res = dict(l.split()[1:3] for l in open(out + '/vae.torch') if l.startswith('RESULT'))
torch, torch_epoch = float(res['test_elbo']), float(res['epoch_seconds'])
gap = (genc - torch) / torch * 100
print('vae, 10 epochs: test loss per example  genc %.2f  PyTorch %.2f  gap %+.2f%% (target within 1%%: %s)'
      % (genc, torch, gap, 'met' if abs(gap) <= 1 else 'MISSED'))
print('vae: importance-weighted log p(x), k=100, 1000 test images: %.2f nats (genc)' % iwae)
print('vae: epoch wall time  genc %.2f s  PyTorch %.2f s  (genc %.2fx faster)'
      % (genc_epoch, torch_epoch, torch_epoch / genc_epoch))
PY
    ;;
  toy)
    train gan_toy1d 300 --average 0.999
    "$genc" eval "$root/dsl_examples/gan_toy1d.gen" --checkpoint "$out/gan_toy1d/checkpoint.safetensors" > "$out/toy.eval"
    torch gan_toy1d --epochs 300 > "$out/toy.torch"
    genc_ks=$(awk '/KS statistic/ {print $NF}' "$out/toy.eval")
    torch_ks=$(result ks "$out/toy.torch")
    python3 -c "import sys; g, t = float(sys.argv[1]), float(sys.argv[2]); print('gan_toy1d, 300 epochs, --average 0.999: KS vs the data distribution  genc %.4f  PyTorch %.4f  (target < 0.05: %s)' % (g, t, 'met' if g < 0.05 else 'MISSED'))" "$genc_ks" "$torch_ks"
    ;;
  cvae)
    train cvae 10
    train classifier 5
    "$genc" sample "$root/dsl_examples/cvae.gen" --checkpoint "$out/cvae/checkpoint.safetensors" \
      --out "$out/cvae-samples" --export-idx "$out/cvae-generated" --count 1000 > /dev/null
    "$genc" eval "$root/dsl_examples/classifier.gen" --checkpoint "$out/classifier/checkpoint.safetensors" > "$out/classifier.eval"
    "$genc" eval "$root/dsl_examples/classifier.gen" --checkpoint "$out/classifier/checkpoint.safetensors" \
      --data "$out/cvae-generated" > "$out/cvae.eval"
    torch cvae --epochs 10 > "$out/cvae.torch"
    real=$(awk '/test accuracy/ {print $NF}' "$out/classifier.eval")
    judged=$(awk '/test accuracy/ {print $NF}' "$out/cvae.eval")
    python3 -c "
import sys
real, judged = float(sys.argv[1].rstrip('%')), float(sys.argv[2].rstrip('%'))
res = dict(l.split()[1:3] for l in open(sys.argv[3]) if l.startswith('RESULT'))
print('classifier.gen, 5 epochs: test accuracy  genc %.2f%%  PyTorch %.2f%%' % (real, 100 * float(res['classifier_test_accuracy'])))
print('cvae, 10 epochs: samples labelled with their intended class  genc %.1f%%  PyTorch %.1f%%  (target >= 80%%: %s)'
      % (judged, 100 * float(res['cvae_class_accuracy']), 'met' if judged >= 80 else 'MISSED'))
" "$real" "$judged" "$out/cvae.torch"
    ;;
  gmm)
    # source, then the modes of the ring (gmm.gen's K)
    for ring in ring2d:8 ring2d:8,2,0.05 ring2d:8,2,0.1 ring2d:8,2,0.2 ring2d:4 ring2d:12 ring2d:16; do
      modes=${ring#ring2d:}; modes=${modes%%,*}
      name="gmm-${ring//[:,]/_}"
      sed "s/^  modes = 8$/  modes = $modes/" "$root/dsl_examples/gmm.gen" > "$out/$name.gen"
      rm -rf "$out/$name"
      "$genc" train "$out/$name.gen" --data "$ring" --out "$out/$name" --threads "$threads" \
        --checkpoint-every 0 --seed "$seed" > "$out/$name.log"
      "$genc" eval "$out/$name.gen" --data "$ring" --checkpoint "$out/$name/checkpoint.safetensors" \
        --seed "$seed" > "$out/$name.eval"
      /usr/bin/python3 "$root/bench/gmm_em.py" --source "$ring" --seed "$seed" > "$out/$name.em"
      python3 - "$ring" "$out/$name.eval" "$out/$name.em" <<'PY'
import re, sys
ring, ev, em = sys.argv[1], open(sys.argv[2]).read(), open(sys.argv[3]).read()
genc = -float(re.search(r'test fit: (-?[0-9.]+)', ev).group(1))  # fit maximizes log p(x)
res = dict(l.split()[1:3] for l in em.splitlines() if l.startswith('RESULT'))
em, true = float(res['em_test_ll']), float(res['true_test_ll'])
gap = (genc - em) / abs(em) * 100
print('gmm on %s, 10 epochs: held-out log-likelihood per point  genc %.4f  EM %.4f  gap %+.2f%% '
      '(target within 1%%: %s)  true density %.4f'
      % (ring, genc, em, gap, 'met' if gap >= -1 else 'MISSED', true))
PY
    done
    ;;
  *) echo "quality.sh: unknown part '$part' (expected vae, toy, cvae or gmm)" >&2; exit 2 ;;
  esac
done
