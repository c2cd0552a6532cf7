"""Writes the first examples of Fashion-MNIST as an IDX data folder (gzip),
for a machine without the dataset package (scripts/device-check.sh).

    fashion_subset.py OUT_DIR TRAIN_COUNT TEST_COUNT [SOURCE_DIR]
"""
import gzip
import os
import struct
import sys


def copy_head(source, target, count):
    with gzip.open(source, 'rb') as f:
        magic = f.read(4)
        dims = magic[3]
        shape = list(struct.unpack('>' + 'I' * dims, f.read(4 * dims)))
        if count > shape[0]:
            sys.exit(f'{source} holds {shape[0]} items, fewer than {count}')
        item = 1
        for d in shape[1:]:
            item *= d
        body = f.read(count * item)
    shape[0] = count
    with gzip.open(target, 'wb', compresslevel=6) as f:
        f.write(magic + struct.pack('>' + 'I' * dims, *shape) + body)


def main():
    out, train, test = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    source = sys.argv[4] if len(sys.argv) > 4 else '/usr/share/datasets/fashion-mnist'
    os.makedirs(out, exist_ok=True)
    for split, count in (('train', train), ('t10k', test)):
        for kind in ('images-idx3-ubyte', 'labels-idx1-ubyte'):
            name = f'{split}-{kind}.gz'
            copy_head(os.path.join(source, name), os.path.join(out, name), count)


if __name__ == '__main__':
    main()
