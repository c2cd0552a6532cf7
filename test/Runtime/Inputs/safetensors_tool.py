#!/usr/bin/env python3
"""safetensors_tool.py same A B: exit 0 if the tensors of A and B are
bit-identical (metadata aside); safetensors_tool.py list A: names and shapes
(as PyTorch's safetensors loader would see them); corrupt A: flip a data byte."""
import json
import struct
import sys


def read(path):
    data = open(path, 'rb').read()
    (size,) = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + size])
    body = data[8 + size:]
    tensors = {}
    for name, entry in header.items():
        if name == '__metadata__':
            continue
        begin, end = entry['data_offsets']
        tensors[name] = (entry['dtype'], entry['shape'], body[begin:end])
    return header.get('__metadata__', {}), tensors


command = sys.argv[1]
if command == 'same':
    _, a = read(sys.argv[2])
    _, b = read(sys.argv[3])
    differ = [n for n in sorted(set(a) | set(b)) if a.get(n) != b.get(n)]
    print('identical' if not differ else 'differ: ' + ', '.join(differ[:5]))
    sys.exit(1 if differ else 0)
elif command == 'list':
    meta, tensors = read(sys.argv[2])
    for name, (dtype, shape, _) in sorted(tensors.items()):
        print(name, dtype, shape)
    for key in sorted(meta):
        print('meta', key)
elif command == 'corrupt':
    data = bytearray(open(sys.argv[2], 'rb').read())
    data[-5] ^= 0x40
    open(sys.argv[2], 'wb').write(data)
