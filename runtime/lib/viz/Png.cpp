//===- Png.cpp - PNG encoding with zlib alone -----------------------------===//
//
// Just enough PNG for the runtime's own pictures: 8-bit RGB (signature,
// IHDR, one IDAT, IEND), each row's filter chosen by the
// minimum-sum-of-absolute-differences heuristic of the PNG spec. The tests
// read the files back with a reader of their own (check_png.py).
//
//===----------------------------------------------------------------------===//
#include "genc/runtime/Error.h"
#include "genc/runtime/Files.h"
#include "viz/Image.h"

#include <cstdlib>
#include <zlib.h>

using namespace genc::rt;

namespace {
const uint8_t kSignature[8] = {137, 'P', 'N', 'G', '\r', '\n', 26, '\n'};
constexpr int kFilterTypes = 5; // None, Sub, Up, Average, Paeth

void appendU32(std::string &out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(char((value >> shift) & 0xff));
}

uint32_t chunkCrc(const uint8_t *typeAndData, size_t length) {
  return uint32_t(crc32(0, typeAndData, uInt(length)));
}

void appendChunk(std::string &png, const char *type, const std::string &data) {
  appendU32(png, uint32_t(data.size()));
  size_t start = png.size();
  png.append(type, 4);
  png += data;
  appendU32(png, chunkCrc(reinterpret_cast<const uint8_t *>(&png[start]), 4 + data.size()));
}

/// The value filter `type` predicts from the left (a), up (b) and up-left (c) bytes.
uint8_t predict(int type, int a, int b, int c) {
  switch (type) {
  case 1:
    return uint8_t(a);
  case 2:
    return uint8_t(b);
  case 3:
    return uint8_t((a + b) / 2);
  case 4: {
    int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
    return uint8_t(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
  }
  default:
    return 0;
  }
}

/// Filters one scanline; `previous` is the unfiltered row above (zeros for the first).
void filterRow(int type, const uint8_t *row, const uint8_t *previous, size_t length, int bpp,
               uint8_t *out) {
  for (size_t i = 0; i < length; ++i) {
    int a = i >= size_t(bpp) ? row[i - bpp] : 0;
    int c = i >= size_t(bpp) ? previous[i - bpp] : 0;
    out[i] = uint8_t(row[i] - predict(type, a, previous[i], c));
  }
}

/// Each row as its filter byte plus the filtered bytes whose sum of absolute
/// values (as signed bytes) is smallest: the PNG spec's suggested heuristic.
std::string filteredScanlines(const Image &image) {
  size_t stride = size_t(image.width) * 3;
  std::vector<uint8_t> zeros(stride, 0), candidate(stride), best(stride);
  std::string out;
  out.reserve((stride + 1) * image.height);
  for (int y = 0; y < image.height; ++y) {
    const uint8_t *row = &image.rgb[y * stride];
    const uint8_t *previous = y ? row - stride : zeros.data();
    long bestCost = -1;
    int bestType = 0;
    for (int type = 0; type < kFilterTypes; ++type) {
      filterRow(type, row, previous, stride, 3, candidate.data());
      long cost = 0;
      for (uint8_t byte : candidate)
        cost += std::abs(int(int8_t(byte)));
      if (bestCost < 0 || cost < bestCost) {
        bestCost = cost;
        bestType = type;
        best.swap(candidate);
      }
    }
    out.push_back(char(bestType));
    out.append(best.begin(), best.end());
  }
  return out;
}

std::string encodePng(const std::string &path, const Image &image) {
  if (image.width <= 0 || image.height <= 0)
    throw RuntimeError(path + ": cannot write an empty " + std::to_string(image.width) + "x" +
                       std::to_string(image.height) + " image");
  std::string header;
  appendU32(header, uint32_t(image.width));
  appendU32(header, uint32_t(image.height));
  header += std::string{8, 2, 0, 0, 0}; // depth 8, RGB, deflate, adaptive filters, no interlace

  std::string raw = filteredScanlines(image);
  uLongf packedSize = compressBound(uLong(raw.size()));
  std::string packed(packedSize, '\0');
  if (compress2(reinterpret_cast<Bytef *>(&packed[0]), &packedSize,
                reinterpret_cast<const Bytef *>(raw.data()), uLong(raw.size()), 6) != Z_OK)
    throw RuntimeError(path + ": cannot write: zlib failed to compress the image");
  packed.resize(packedSize);

  std::string png(reinterpret_cast<const char *>(kSignature), sizeof(kSignature));
  appendChunk(png, "IHDR", header);
  appendChunk(png, "IDAT", packed);
  appendChunk(png, "IEND", "");
  return png;
}
} // namespace

void genc::rt::writePng(const std::string &path, const Image &image) {
  writeFileAtomically(path, encodePng(path, image));
}
