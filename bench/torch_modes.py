"""The PyTorch configurations genc is compared with: eager, torch.compile,
and torch.compile with CUDA graphs (mode="reduce-overhead"), each applied
to a whole training step (forward, backward and the optimizer's update)."""
import torch


def compiled(step, mode):
    if mode == "eager":
        return step
    if mode == "compile":
        return torch.compile(step)
    if mode == "graphs":
        return torch.compile(step, mode="reduce-overhead")
    raise SystemExit(f"unknown mode '{mode}': expected eager, compile or graphs")
