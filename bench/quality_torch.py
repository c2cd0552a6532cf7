"""Training-quality peer in PyTorch for genc's quality benchmark: trains the
models of dsl_examples/vae.gen, cvae.gen (+ classifier.gen) and gan_toy1d.gen
with the same architectures, losses, initialization and optimizer settings,
and reports how good the result is.

Usage: quality_torch.py vae|cvae|gan_toy1d [--epochs N] [--seed S] [--threads T]
Machine-readable output: lines "RESULT <name> <value>"; other lines are for people.
  vae:       test_elbo, epoch_seconds
  cvae:      test_elbo, epoch_seconds, classifier_test_accuracy, cvae_class_accuracy
  gan_toy1d: ks (Kolmogorov-Smirnov statistic of 20000 generated samples against
             the data distribution N(4, 0.5), as genc eval reports it), epoch_seconds
"""
import argparse
import copy
import gzip
import math
import os
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

DATA_DIR = "/usr/share/datasets/fashion-mnist"
BATCH = 128


# ---------------------------------------------------------------- data

def read_idx(name):
    """An IDX file (gzip) as a uint8 tensor of its declared shape."""
    with gzip.open(os.path.join(DATA_DIR, name), "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    assert zero == 0 and dtype == 0x08, f"{name}: not a uint8 IDX file"
    shape = struct.unpack(f">{ndim}I", data[4:4 + 4 * ndim])
    # bytearray: torch.frombuffer wants a writable buffer
    flat = torch.frombuffer(bytearray(data[4 + 4 * ndim:]), dtype=torch.uint8)
    return flat.reshape(shape)


def fashion_mnist(split):
    """(images float32 [N, 784] in [0, 1], labels int64 [N])."""
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(f"{prefix}-images-idx3-ubyte.gz")
    labels = read_idx(f"{prefix}-labels-idx1-ubyte.gz")
    return images.reshape(len(images), -1).float() / 255.0, labels.long()


def batches(n, batch=BATCH):
    """Index tensors of a fresh shuffle; the last partial batch is kept."""
    perm = torch.randperm(n)
    for i in range(0, n, batch):
        yield perm[i:i + batch]


# ---------------------------------------------------------------- helpers

def dense(n_in, n_out):
    """genc's dense(): Glorot-uniform weights, zero biases."""
    layer = nn.Linear(n_in, n_out)
    nn.init.xavier_uniform_(layer.weight)
    nn.init.zeros_(layer.bias)
    return layer


def adam(params, lr=1e-3, beta1=0.9, decay=0.0):
    """genc's adam(lr, beta1, decay): with decay > 0 the rate of the t-th
    update (t from 1) is lr / (1 + decay t); step the returned scheduler
    after each optimizer step."""
    opt = torch.optim.Adam(params, lr=lr, betas=(beta1, 0.999), eps=1e-8)
    return opt, torch.optim.lr_scheduler.LambdaLR(opt, lambda n: 1 / (1 + decay * (n + 1)))


def report(name, value):
    print(f"RESULT {name} {value:.6g}", flush=True)


# ---------------------------------------------------------------- (C)VAE

class VAE(nn.Module):
    """vae.gen (n_cond = 0) or cvae.gen (n_cond = 10: the one-hot label is
    concatenated to the input of every hidden layer of the encoder and of the
    decoder, which have two hidden layers each)."""

    def __init__(self, n_cond=0, latent=20, hidden=400):
        super().__init__()
        self.latent = latent
        self.e1 = dense(784 + n_cond, hidden)
        self.em, self.es = dense(hidden, latent), dense(hidden, latent)
        self.d1, self.d2 = dense(latent + n_cond, hidden), dense(hidden, 784)
        # cvae.gen's second hidden layers (the label fed again)
        self.e1b = dense(hidden + n_cond, hidden) if n_cond else None
        self.d1b = dense(hidden + n_cond, hidden) if n_cond else None

    @staticmethod
    def _with(h, y):
        return h if y is None else torch.cat([h, y], 1)

    def decode(self, c, y=None):
        h = F.relu(self.d1(self._with(c, y)))
        if self.d1b is not None:
            h = F.relu(self.d1b(self._with(h, y)))
        return torch.sigmoid(self.d2(h))

    def loss(self, x, y=None):
        """Negative ELBO per example, one reparameterization sample."""
        h = F.relu(self.e1(self._with(x, y)))
        if self.e1b is not None:
            h = F.relu(self.e1b(self._with(h, y)))
        m, s = self.em(h), self.es(h)
        c = m + torch.exp(s / 2) * torch.randn_like(m)
        # reduction='sum' per example (torch clamps log at -100, like genc's bce)
        recon = F.binary_cross_entropy(self.decode(c, y), x, reduction="none").sum(1)
        reg = 0.5 * (torch.exp(s) - (1 + s) + m * m).sum(1)
        return recon + reg


def train_vae(epochs, conditional):
    x_train, y_train = fashion_mnist("train")
    x_test, y_test = fashion_mnist("test")
    onehot = lambda y: F.one_hot(y, 10).float()
    model = VAE(n_cond=10 if conditional else 0)
    opt, _ = adam(model.parameters())
    n = len(x_train)
    epoch_times = []
    for epoch in range(epochs):
        t0 = time.perf_counter()
        total = 0.0
        for idx in batches(n):
            x = x_train[idx]
            y = onehot(y_train[idx]) if conditional else None
            loss = model.loss(x, y).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        epoch_times.append(time.perf_counter() - t0)
        print(f"epoch {epoch + 1} train_loss {total / n:.4f} "
              f"({epoch_times[-1]:.2f} s)", flush=True)
    with torch.no_grad():
        test_elbo = model.loss(x_test, onehot(y_test) if conditional else None).mean().item()
    return model, test_elbo, sum(epoch_times) / len(epoch_times)


def run_vae(args):
    _, test_elbo, epoch_s = train_vae(args.epochs, conditional=False)
    report("test_elbo", test_elbo)
    report("epoch_seconds", epoch_s)


# ---------------------------------------------------------------- classifier

def train_classifier(epochs=5):
    """classifier.gen: 784 -> 256 relu -> 256 relu -> 10 logits."""
    x_train, y_train = fashion_mnist("train")
    x_test, y_test = fashion_mnist("test")
    net = nn.Sequential(dense(784, 256), nn.ReLU(), dense(256, 256), nn.ReLU(), dense(256, 10))
    opt, _ = adam(net.parameters())
    n = len(x_train)
    for epoch in range(epochs):
        total = 0.0
        for idx in batches(n):
            loss = F.cross_entropy(net(x_train[idx]), y_train[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        print(f"classifier epoch {epoch + 1} train_loss {total / n:.4f}", flush=True)
    with torch.no_grad():
        acc = (net(x_test).argmax(1) == y_test).float().mean().item()
    return net, acc


def run_cvae(args):
    cvae, test_elbo, epoch_s = train_vae(args.epochs, conditional=True)
    classifier, clf_acc = train_classifier()
    with torch.no_grad():
        # 100 samples per class from the prior; the sample is the decoder's
        # mean image, rounded to 8 bits as genc's --export-idx writes it
        labels = torch.arange(10).repeat_interleave(100)
        images = cvae.decode(torch.randn(len(labels), cvae.latent),
                             F.one_hot(labels, 10).float())
        images = torch.round(images.clamp(0, 1) * 255) / 255
        cvae_acc = (classifier(images).argmax(1) == labels).float().mean().item()
    report("classifier_test_accuracy", clf_acc)
    report("cvae_class_accuracy", cvae_acc)
    report("test_elbo", test_elbo)
    report("epoch_seconds", epoch_s)


# ---------------------------------------------------------------- 1-D GAN

def mlp_1d(hidden=64):
    """gan_toy1d.gen's generator and discriminator share this shape."""
    return nn.Sequential(dense(1, hidden), nn.Tanh(), dense(hidden, hidden), nn.Tanh(),
                         dense(hidden, 1))


def ks_against_data(samples, mean=4.0, std=0.5):
    """One-sample KS statistic of samples against N(mean, std)."""
    s = torch.sort(samples.flatten().double()).values
    n = len(s)
    cdf = 0.5 * torch.erfc((mean - s) / (std * math.sqrt(2)))
    i = torch.arange(1, n + 1, dtype=torch.float64)
    return max((i / n - cdf).max().item(), (cdf - (i - 1) / n).max().item())


def run_gan_toy1d(args):
    data = 4.0 + 0.5 * torch.randn(10000, 1)     # drawn once, like a dataset
    G, D = mlp_1d(), mlp_1d()
    # genc train --average 0.999: debiased moving averages of G's parameters,
    # updated after each generator step, are what is scored
    beta = 0.999
    G_avg, weight = copy.deepcopy(G), 0.0
    for p in G_avg.parameters():
        p.requires_grad_(False).zero_()
    opt_g, sched_g = adam(G.parameters(), lr=3e-3, beta1=0.9, decay=1e-2)
    opt_d, sched_d = adam(D.parameters(), lr=3e-3, beta1=0.9, decay=1e-2)
    noise = lambda k: torch.randn(k, 1)            # N(0, 1)
    bce = F.binary_cross_entropy_with_logits
    epoch_times = []
    ks = float("nan")
    for epoch in range(args.epochs):
        t0 = time.perf_counter()
        for idx in batches(len(data)):
            x = data[idx]
            k = len(idx)
            # discriminator step; the generator is fixed (detached fakes)
            fake = G(noise(k)).detach()
            real_logits, fake_logits = D(x), D(fake)
            loss_d = (bce(real_logits, torch.ones_like(real_logits))
                      + bce(fake_logits, torch.zeros_like(fake_logits)))
            opt_d.zero_grad(set_to_none=True)
            loss_d.backward()
            opt_d.step()
            sched_d.step()
            # generator step (non-saturating); only opt_g steps, so D stays
            # fixed, and D's stray gradients are cleared before its next step
            fake_logits = D(G(noise(k)))
            loss_g = bce(fake_logits, torch.ones_like(fake_logits))
            opt_g.zero_grad(set_to_none=True)
            loss_g.backward()
            opt_g.step()
            sched_g.step()
            with torch.no_grad():
                for a, p in zip(G_avg.parameters(), G.parameters()):
                    a.mul_(beta).add_(p, alpha=1 - beta)
                weight = beta * weight + (1 - beta)
        epoch_times.append(time.perf_counter() - t0)
        with torch.no_grad():
            G_eval = copy.deepcopy(G_avg)
            for p in G_eval.parameters():
                p.div_(weight)
            samples = G_eval(noise(2000))
            # genc's measure: against the data distribution itself, from
            # 20000 generated samples (held-out noise would swamp it)
            ks = ks_against_data(G_eval(noise(20000)))
        print(f"epoch {epoch + 1} ks {ks:.4f} loss_d {loss_d.item():.4f} "
              f"loss_g {loss_g.item():.4f} gen_mean {samples.mean().item():.3f} "
              f"gen_std {samples.std().item():.3f}", flush=True)
    report("ks", ks)
    report("epoch_seconds", sum(epoch_times) / len(epoch_times))


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", choices=["vae", "cvae", "gan_toy1d"])
    parser.add_argument("--epochs", type=int, default=None,
                        help="default: 10 (vae, cvae), 300 (gan_toy1d)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    if args.epochs is None:
        args.epochs = 300 if args.model == "gan_toy1d" else 10
    if args.epochs < 1:
        parser.error("--epochs must be at least 1")
    torch.set_num_threads(args.threads)
    # Subnormals flushed to zero, as genc's runtime runs its kernels
    # (genc/runtime/FloatMode.h): Adam's tiny second moments otherwise cost
    # Intel cores microcode assists.
    if not torch.set_flush_denormal(True):
        sys.exit("this CPU cannot flush subnormals in PyTorch: the comparison would be unfair")
    torch.manual_seed(args.seed)
    {"vae": run_vae, "cvae": run_cvae, "gan_toy1d": run_gan_toy1d}[args.model](args)


if __name__ == "__main__":
    main()
