#!/usr/bin/env python3
"""A PNG reader independent of genc's writer (zlib and struct only), for
8-bit gray or RGB, non-interlaced PNGs with any row filter; it checks the
signature and every chunk CRC.

  check_png.py FILE.png...        prints 'NAME: WxH ok, varied' (or 'blank'),
                                  so lit can check that pictures decode and
                                  are not blank
  check_png.py --rgb RAW FILE.png prints 'same pixels' when FILE.png decodes
                                  to RAW's bytes (8-bit RGB, row-major)
"""
import struct
import sys
import zlib


def decode(path):
    """(width, height, channels, rows): rows are the unfiltered scanlines."""
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('not a PNG')
    pos, idat, width, height, channels = 8, b'', 0, 0, 0
    while pos < len(data):
        (length,) = struct.unpack('>I', data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack('>I', data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) & 0xffffffff != crc:
            raise ValueError('bad CRC in ' + kind.decode())
        if kind == b'IHDR':
            width, height, depth, colour, _, _, interlace = struct.unpack('>IIBBBBB', body)
            if depth != 8 or interlace != 0:
                raise ValueError('unsupported PNG')
            channels = {0: 1, 2: 3}[colour]
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    rows = []
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, upleft = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - upleft
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upleft)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else upleft
                line[i] = (line[i] + pred) & 255
        rows.append(line)
        previous = line
    return width, height, channels, rows


def rgb(channels, rows):
    if channels == 3:
        return b''.join(rows)
    return b''.join(bytes(v for v in line for _ in range(3)) for line in rows)


if sys.argv[1] == '--rgb':
    _, _, channels, rows = decode(sys.argv[3])
    same = rgb(channels, rows) == open(sys.argv[2], 'rb').read()
    print('same pixels' if same else 'different pixels')
    sys.exit(0 if same else 1)

for path in sys.argv[1:]:
    w, h, channels, rows = decode(path)
    colours = {bytes(line[i:i + channels])
               for line in rows for i in range(0, w * channels, channels * 7)}
    print('%s: %dx%d ok, %s' % (path.split('/')[-1], w, h, 'varied' if len(colours) > 4 else 'blank'))
