#!/usr/bin/python3
"""The peer of dsl_examples/gmm.gen: scikit-learn's GaussianMixture (EM) on
the very points `genc train` and `genc eval` draw from a ring2d source.

genc draws a synthetic split with its xoshiro256** generator seeded by
(--seed, "data:train") or (--seed, "data:test") (runtime/include/genc/
runtime/Rng.h, runtime/lib/data/SyntheticSources.cpp); this file draws the
same numbers, bit for bit, and fits EM to the 10000 training points with the
model gmm.gen fits (K components, diagonal covariances). It prints the mean
log-likelihood per held-out point of the 2000 test points, and the ceiling:
the true density's.

Usage: bench/gmm_em.py [--source ring2d:8] [--seed 1] [--components K]
"""
import argparse
import math
import sys

import numpy as np

MASK = (1 << 64) - 1
TRAIN_COUNT, TEST_COUNT = 10000, 2000  # kSyntheticTrainCount, kSyntheticTestCount


class Rng:
    """genc::rt::Rng: xoshiro256**, seeded by splitmix64 of seed ^ FNV-1a(stream)."""

    def __init__(self, seed, stream=""):
        h = 1469598103934665603
        for c in stream.encode():
            h = ((h ^ c) * 1099511628211) & MASK
        x = (seed ^ h) & MASK
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & MASK
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(z ^ (z >> 31))

    @staticmethod
    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK

    def next(self):
        s = self.s
        result = (self.rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self.rotl(s[3], 45)
        return result

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53

    def normal(self, mean, std):
        u1 = 1.0 - self.uniform()
        u2 = self.uniform()
        return mean + std * (math.sqrt(-2.0 * math.log(u1)) * math.cos(6.283185307179586 * u2))

    def below(self, n):
        limit = MASK - MASK % n
        while True:
            x = self.next()
            if x < limit:
                return x % n


def parse_ring(source):
    if not source.startswith("ring2d:"):
        sys.exit("gmm_em.py: only ring2d:K or ring2d:K,RADIUS,STD sources, not '%s'" % source)
    p = [float(v) for v in source[len("ring2d:"):].split(",")]
    if len(p) == 1:
        p += [2.0, 0.02]
    if len(p) != 3:
        sys.exit("gmm_em.py: expected ring2d:K or ring2d:K,RADIUS,STD")
    return int(p[0]), p[1], p[2]


def draw_ring(source, count, rng):
    k, radius, std = parse_ring(source)
    points = np.empty((count, 2), dtype=np.float32)
    for i in range(count):
        mode = rng.below(k)
        angle = 6.283185307179586 * mode / k
        x = radius * math.cos(angle) + rng.normal(0, std)
        y = radius * math.sin(angle) + rng.normal(0, std)
        points[i] = (x, y)
    return points


def true_log_density(source, points):
    """log p(x) of the distribution the points come from."""
    k, radius, std = parse_ring(source)
    angles = 6.283185307179586 * np.arange(k) / k
    centers = radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    d2 = ((points.astype(np.float64)[:, None, :] - centers[None]) ** 2).sum(-1)
    logs = -d2 / (2 * std * std) - math.log(2 * math.pi * std * std) - math.log(k)
    top = logs.max(1)
    return top + np.log(np.exp(logs - top[:, None]).sum(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", default="ring2d:8")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--components", type=int, default=0, help="K (default: the ring's modes)")
    ap.add_argument("--covariance", default="diag", help="diag (gmm.gen's model) or full")
    ap.add_argument("--n-init", type=int, default=10)
    ap.add_argument("--dump", help="write train and test points to PREFIX.train.npy/.test.npy")
    args = ap.parse_args()
    from sklearn.mixture import GaussianMixture

    train = draw_ring(args.source, TRAIN_COUNT, Rng(args.seed, "data:train"))
    test = draw_ring(args.source, TEST_COUNT, Rng(args.seed, "data:test"))
    if args.dump:
        np.save(args.dump + ".train.npy", train)
        np.save(args.dump + ".test.npy", test)
    k = args.components or parse_ring(args.source)[0]
    gm = GaussianMixture(n_components=k, covariance_type=args.covariance, n_init=args.n_init,
                         init_params="kmeans", max_iter=1000, tol=1e-6,
                         random_state=args.seed).fit(train.astype(np.float64))
    em = gm.score(test.astype(np.float64))
    print("EM (scikit-learn GaussianMixture, K=%d, %s covariances, %d k-means starts) on %s, "
          "seed %d: held-out log-likelihood %.4f nats per point (train %.4f)"
          % (k, args.covariance, args.n_init, args.source, args.seed, em,
             gm.score(train.astype(np.float64))))
    print("true density: held-out log-likelihood %.4f nats per point"
          % true_log_density(args.source, test).mean())
    print("RESULT em_test_ll %.6f" % em)
    print("RESULT true_test_ll %.6f" % true_log_density(args.source, test).mean())


if __name__ == "__main__":
    main()
