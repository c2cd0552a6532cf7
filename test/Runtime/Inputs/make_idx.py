#!/usr/bin/env python3
"""make_idx.py DIR N [--truncate|--no-labels|--bad-magic|--size S]: writes a
tiny Fashion-MNIST-style folder (train and t10k IDX files, N and N/2 items
of SxS images, default 28) of generated striped images, optionally broken."""
import os
import struct
import sys

directory, count = sys.argv[1], int(sys.argv[2])
flags = sys.argv[3:]
side = int(flags[flags.index('--size') + 1]) if '--size' in flags else 28
os.makedirs(directory, exist_ok=True)


def images(path, n):
    magic = 0x00000803 if '--bad-magic' not in flags else 0x00000a03
    pixels = bytes(((i * 7 + (i // side) * 3 + k * 11) % 256) for k in range(n) for i in range(side * side))
    data = struct.pack('>IIII', magic, n, side, side) + pixels
    if '--truncate' in flags:
        data = data[:len(data) // 2]
    open(path, 'wb').write(data)


def labels(path, n):
    open(path, 'wb').write(struct.pack('>II', 0x00000801, n) + bytes(k % 10 for k in range(n)))


images(os.path.join(directory, 'train-images-idx3-ubyte'), count)
images(os.path.join(directory, 't10k-images-idx3-ubyte'), count // 2)
if '--no-labels' not in flags:
    labels(os.path.join(directory, 'train-labels-idx1-ubyte'), count)
    labels(os.path.join(directory, 't10k-labels-idx1-ubyte'), count // 2)
