"""The GANs of dsl_examples/gan_mlp.gen and dcgan.gen in PyTorch, same
architectures, BCE with logits, Adam(2e-4, beta1 0.5); one iteration = a
discriminator step, then a generator step.
Usage: gan_torch.py MODEL BATCH THREADS [DEVICE] [MODE] -> "torch <batch> <threads> <ms>"
(DEVICE: cpu, the default, or cuda; MODE: eager, the default, compile or graphs)."""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from torch_modes import compiled

model, batch, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
device = sys.argv[4] if len(sys.argv) > 4 else "cpu"
mode = sys.argv[5] if len(sys.argv) > 5 else "eager"
torch.set_num_threads(threads)
# Subnormals flushed to zero, as genc's runtime runs its kernels
# (genc/runtime/FloatMode.h): Adam's tiny second moments otherwise cost
# Intel cores microcode assists.
if not torch.set_flush_denormal(True):
    sys.exit("this CPU cannot flush subnormals in PyTorch: the comparison would be unfair")
torch.manual_seed(0)
if model == "gan_mlp":
    G = nn.Sequential(nn.Linear(100, 256), nn.LeakyReLU(0.2), nn.Linear(256, 512),
                      nn.LeakyReLU(0.2), nn.Linear(512, 784), nn.Sigmoid())
    D = nn.Sequential(nn.Linear(784, 512), nn.LeakyReLU(0.2), nn.Linear(512, 256),
                      nn.LeakyReLU(0.2), nn.Linear(256, 1))
else:  # dcgan
    G = nn.Sequential(nn.Linear(100, 128 * 7 * 7), nn.BatchNorm1d(128 * 7 * 7), nn.ReLU(),
                      nn.Unflatten(1, (128, 7, 7)),
                      nn.ConvTranspose2d(128, 64, 4, 2, 1), nn.BatchNorm2d(64), nn.ReLU(),
                      nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Sigmoid(), nn.Flatten())
    D = nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                      nn.Conv2d(64, 128, 4, 2, 1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
                      nn.Flatten(), nn.Linear(128 * 7 * 7, 1))
G, D = G.to(device), D.to(device)
opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
x = torch.rand(batch, 784, device=device)
ones, zeros = torch.ones(batch, 1, device=device), torch.zeros(batch, 1, device=device)


def iteration():
    opt_d.zero_grad(set_to_none=True)
    fake = G(torch.randn(batch, 100, device=device)).detach()
    loss_d = (F.binary_cross_entropy_with_logits(D(x), ones, reduction="none").sum(1)
              + F.binary_cross_entropy_with_logits(D(fake), zeros, reduction="none").sum(1)).mean()
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad(set_to_none=True)
    loss_g = F.binary_cross_entropy_with_logits(D(G(torch.randn(batch, 100, device=device))), ones,
                                                reduction="none").sum(1).mean()
    loss_g.backward()
    opt_g.step()


def sync():
    if device == "cuda":
        torch.cuda.synchronize()


iteration = compiled(iteration, mode)
for _ in range(10):
    iteration()
sync()
times = []
for _ in range(7):
    t0 = time.perf_counter()
    for _ in range(30):
        iteration()
    sync()
    times.append((time.perf_counter() - t0) / 30 * 1e3)
times.sort()
print(f"torch {batch} {threads} {times[len(times) // 2]:.4f}")
