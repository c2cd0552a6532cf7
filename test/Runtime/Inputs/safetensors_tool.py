#!/usr/bin/env python3
"""safetensors_tool.py same A B: exit 0 if the tensors of A and B are
bit-identical (metadata aside); safetensors_tool.py list A: names and shapes
(as PyTorch's safetensors loader would see them); corrupt A: flip a data byte;
set A KEY VALUE: rewrite a metadata field (its checksums left stale);
forge A KEY VALUE: rewrite it and recompute genc's header checksum, as a crafted
file would; overlap A: make the second tensor's bytes overlap the first's
(with the checksum recomputed); blow-up A: every parameter times 1e37, as a
diverged run would leave it (checksums recomputed); ema BETA A B: check that
B's averages are one step of parameter averaging on from A's (or from zero
without A, given as -): average = BETA * average_A + (1 - BETA) * param_B for
every element (fp32 rounding apart), and weight = BETA * weight_A + 1 - BETA."""
import json
import struct
import sys
import zlib


def header_checksum(header):
    """genc's header_crc32: metadata but the checksums, then each tensor's
    dtype, shape and byte range, in name order (Safetensors.cpp)."""
    text = b''
    meta = header.get('__metadata__', {})
    for key in sorted(meta):
        if key not in ('crc32', 'header_crc32'):
            text += key.encode() + b'\0' + meta[key].encode() + b'\0'
    for name in sorted(k for k in header if k != '__metadata__'):
        entry = header[name]
        shape = '[' + ', '.join(str(d) for d in entry['shape']) + ']'
        begin, end = entry['data_offsets']
        text += name.encode() + b'\0' + f'F32 {shape} {begin}:{end}'.encode() + b'\0'
    return str(zlib.crc32(text))


def rewrite(path, change, resign):
    data = open(path, 'rb').read()
    (size,) = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + size])
    change(header)
    if resign:
        header['__metadata__']['header_crc32'] = header_checksum(header)
    text = json.dumps(header).encode()
    text += b' ' * ((8 - len(text) % 8) % 8)
    open(path, 'wb').write(struct.pack('<Q', len(text)) + text + data[8 + size:])


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
elif command in ('set', 'forge'):
    def change(header):
        header['__metadata__'][sys.argv[3]] = sys.argv[4]
    rewrite(sys.argv[2], change, command == 'forge')
elif command == 'overlap':
    def change(header):
        names = sorted(k for k in header if k != '__metadata__')
        first, second = header[names[0]], header[names[1]]
        length = second['data_offsets'][1] - second['data_offsets'][0]
        begin = first['data_offsets'][0]
        second['data_offsets'] = [begin, begin + length]
    rewrite(sys.argv[2], change, True)
elif command == 'ema':
    beta = float(sys.argv[2])
    before = read(sys.argv[3]) if sys.argv[3] != '-' else ({}, {})
    meta, after = read(sys.argv[4])

    def floats(entry):
        return struct.unpack(f'<{len(entry[2]) // 4}f', entry[2])

    def weights(meta):
        pairs = (e.rsplit('=', 1) for e in meta.get('average_weights', '').split(',') if e)
        return {name: float(w) for name, w in pairs}

    was, now = weights(before[0]), weights(meta)
    averaged = sorted(n[len('average/'):] for n in after if n.startswith('average/'))
    bad = []
    for name in averaged:
        param = floats(after[name])
        old = floats(before[1]['average/' + name]) if was else [0.0] * len(param)
        new = floats(after['average/' + name])
        scale = max(max(abs(v) for v in new), 1e-30)
        worst = max(abs(n - (beta * o + (1 - beta) * p)) for n, o, p in zip(new, old, param))
        weight = beta * was.get(name, 0.0) + 1 - beta
        if worst > 1e-6 * scale or abs(now.get(name, 0.0) - weight) > 1e-12:
            bad.append(f'{name} (off by {worst / scale:.1e}, weight {now.get(name)} not {weight})')
    if not averaged:
        bad.append('no averages')
    print(f'{len(averaged)} averages follow their parameters' if not bad
          else 'averages differ: ' + ', '.join(bad[:5]))
    sys.exit(1 if bad else 0)
elif command == 'blow-up':
    data = open(sys.argv[2], 'rb').read()
    (size,) = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + size])
    body = bytearray(data[8 + size:])
    for name, entry in header.items():
        if name == '__metadata__' or '/' in name:
            continue
        begin, end = entry['data_offsets']
        values = struct.unpack(f'<{(end - begin) // 4}f', body[begin:end])
        body[begin:end] = struct.pack(f'<{len(values)}f', *(v * 1e37 for v in values))
    header['__metadata__']['crc32'] = str(zlib.crc32(bytes(body)))
    header['__metadata__']['header_crc32'] = header_checksum(header)
    text = json.dumps(header).encode()
    text += b' ' * ((8 - len(text) % 8) % 8)
    open(sys.argv[2], 'wb').write(struct.pack('<Q', len(text)) + text + bytes(body))
