"""The same VAE step in PyTorch (the peer): 784-400-20, Bernoulli
reconstruction (BCE with logits, summed per example) plus the seed's
0.5 * sum(exp(s) - (1 + s) + m^2), mean over the batch, Adam(lr=1e-3).
Usage: vae_torch.py BATCH THREADS [DEVICE] [MODE] -> prints "torch <batch> <threads> <ms>"
(DEVICE: cpu, the default, or cuda; MODE: eager, the default, compile for
torch.compile, or graphs for torch.compile with CUDA graphs)."""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from torch_modes import compiled

batch, threads = int(sys.argv[1]), int(sys.argv[2])
device = sys.argv[3] if len(sys.argv) > 3 else "cpu"
mode = sys.argv[4] if len(sys.argv) > 4 else "eager"
torch.set_num_threads(threads)
# Subnormals flushed to zero, as genc's runtime runs its kernels
# (genc/runtime/FloatMode.h): Adam's tiny second moments otherwise cost
# Intel cores microcode assists.
if not torch.set_flush_denormal(True):
    sys.exit("this CPU cannot flush subnormals in PyTorch: the comparison would be unfair")
torch.manual_seed(0)


class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.e1, self.em, self.es = nn.Linear(784, 400), nn.Linear(400, 20), nn.Linear(400, 20)
        self.d1, self.d2 = nn.Linear(20, 400), nn.Linear(400, 784)

    def forward(self, x):
        h = F.relu(self.e1(x))
        m, s = self.em(h), self.es(h)
        c = m + torch.exp(s / 2) * torch.randn_like(m)
        logits = self.d2(F.relu(self.d1(c)))
        recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
        kl = 0.5 * (torch.exp(s) - (1 + s) + m * m).sum(1)
        return (recon + kl).mean()


model = VAE().to(device)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.rand(batch, 784, device=device)


def sync():
    if device == "cuda":
        torch.cuda.synchronize()


def step():
    opt.zero_grad(set_to_none=True)
    loss = model(x)
    loss.backward()
    opt.step()


step = compiled(step, mode)


for _ in range(10):
    step()
sync()
times = []
for _ in range(7):
    n = 30 if batch >= 64 else 200
    t0 = time.perf_counter()
    for _ in range(n):
        step()
    sync()
    times.append((time.perf_counter() - t0) / n * 1e3)
times.sort()
print(f"torch {batch} {threads} {times[len(times) // 2]:.4f}")
