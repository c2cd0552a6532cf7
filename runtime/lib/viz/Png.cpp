//===- Png.cpp - PNG encoding and decoding with zlib alone ----------------===//
//
// Just enough PNG for the runtime's own pictures: the writer emits 8-bit RGB
// (signature, IHDR, one IDAT, IEND), choosing each row's filter by the
// minimum-sum-of-absolute-differences heuristic of the PNG spec; the reader
// accepts 8-bit RGB or gray, non-interlaced, with every row filter, verifies
// every CRC and rejects everything else with a one-line error.
//
//===----------------------------------------------------------------------===//
#include "genc/runtime/Error.h"
#include "genc/runtime/Files.h"
#include "viz/Image.h"

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

using namespace genc::rt;

namespace {
const uint8_t kSignature[8] = {137, 'P', 'N', 'G', '\r', '\n', 26, '\n'};
constexpr int kFilterTypes = 5; // None, Sub, Up, Average, Paeth
// Caps what a hostile header can make us allocate.
constexpr size_t kMaxPixelBytes = size_t(1) << 30;

void appendU32(std::string &out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(char((value >> shift) & 0xff));
}

uint32_t readU32(const uint8_t *bytes) {
  return uint32_t(bytes[0]) << 24 | uint32_t(bytes[1]) << 16 | uint32_t(bytes[2]) << 8 | bytes[3];
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

/// A chunk type for messages: letters kept, anything else (a corrupt type) as '?'.
std::string chunkName(const uint8_t *type) {
  std::string name;
  for (int i = 0; i < 4; ++i)
    name.push_back(std::isalpha(type[i]) ? char(type[i]) : '?');
  return name;
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

/// Undoes filterRow in place.
void unfilterRow(int type, uint8_t *row, const uint8_t *previous, size_t length, int bpp) {
  for (size_t i = 0; i < length; ++i) {
    int a = i >= size_t(bpp) ? row[i - bpp] : 0;
    int c = i >= size_t(bpp) ? previous[i - bpp] : 0;
    row[i] = uint8_t(row[i] + predict(type, a, previous[i], c));
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

/// The parts of IHDR the decoder needs, already checked to be supported.
struct Header {
  uint32_t width, height;
  int channels; // 1 (gray) or 3 (RGB)
};

Header parseHeader(const std::string &path, const uint8_t *data, uint32_t length) {
  if (length != 13)
    throw RuntimeError(path + ": corrupt PNG (IHDR is " + std::to_string(length) + " bytes)");
  Header header{readU32(data), readU32(data + 4), data[9] == 0 ? 1 : 3};
  int depth = data[8], colorType = data[9], interlace = data[12];
  if (depth != 8 || (colorType != 0 && colorType != 2) || data[10] != 0 || data[11] != 0 ||
      interlace != 0)
    throw RuntimeError(path + ": unsupported PNG (bit depth " + std::to_string(depth) +
                       ", colour type " + std::to_string(colorType) + ", interlace " +
                       std::to_string(interlace) +
                       "); only 8-bit RGB or gray, non-interlaced, is read");
  if (header.width == 0 || header.height == 0 ||
      uint64_t(header.width) * header.height * header.channels > kMaxPixelBytes)
    throw RuntimeError(path + ": unsupported PNG size " + std::to_string(header.width) + "x" +
                       std::to_string(header.height));
  return header;
}

Image decodePng(const std::string &path, const std::string &file) {
  const auto *bytes = reinterpret_cast<const uint8_t *>(file.data());
  if (file.size() < sizeof(kSignature) || std::memcmp(bytes, kSignature, sizeof(kSignature)))
    throw RuntimeError(path + ": not a PNG file");
  Header header{};
  bool sawHeader = false, sawEnd = false;
  std::string packed;
  for (size_t at = sizeof(kSignature); !sawEnd;) {
    if (file.size() - at < 12 || readU32(bytes + at) > file.size() - at - 12)
      throw RuntimeError(path + ": truncated PNG");
    uint32_t length = readU32(bytes + at);
    const uint8_t *type = bytes + at + 4, *data = type + 4;
    std::string name = chunkName(type);
    if (chunkCrc(type, 4 + length) != readU32(data + length))
      throw RuntimeError(path + ": corrupt PNG (bad CRC in " + name + " chunk)");
    if (!sawHeader && name != "IHDR")
      throw RuntimeError(path + ": corrupt PNG (first chunk is " + name + ", not IHDR)");
    if (name == "IHDR") {
      header = parseHeader(path, data, length);
      sawHeader = true;
    } else if (name == "IDAT") {
      packed.append(reinterpret_cast<const char *>(data), length);
    } else if (name == "IEND") {
      sawEnd = true;
    } else if (name != "PLTE" && !(type[0] & 0x20)) {
      // Lower-case first letter: ancillary, safe to skip. A PLTE in an RGB
      // file is only a suggestion for palette displays.
      throw RuntimeError(path + ": unsupported PNG (critical chunk " + name + ")");
    }
    at += 12 + size_t(length);
  }

  int bpp = header.channels;
  size_t stride = size_t(header.width) * bpp;
  size_t rawSize = (stride + 1) * header.height;
  // Deflate expands at most about 1032:1, so a header promising more than the
  // IDATs can hold is corrupt; catching it here avoids a huge allocation.
  if (rawSize / 1032 > packed.size() + 1)
    throw RuntimeError(path + ": corrupt PNG (too little image data for " +
                       std::to_string(header.width) + "x" + std::to_string(header.height) +
                       " pixels)");
  std::vector<uint8_t> raw(rawSize);
  uLongf inflatedSize = uLongf(raw.size());
  if (uncompress(raw.data(), &inflatedSize, reinterpret_cast<const Bytef *>(packed.data()),
                 uLong(packed.size())) != Z_OK ||
      inflatedSize != raw.size())
    throw RuntimeError(path + ": corrupt PNG (image data does not inflate to " +
                       std::to_string(header.width) + "x" + std::to_string(header.height) +
                       " pixels)");

  Image image(int(header.width), int(header.height));
  std::vector<uint8_t> zeros(stride, 0);
  for (uint32_t y = 0; y < header.height; ++y) {
    uint8_t filter = raw[y * (stride + 1)];
    uint8_t *row = &raw[y * (stride + 1) + 1];
    if (filter >= kFilterTypes)
      throw RuntimeError(path + ": corrupt PNG (row " + std::to_string(y) + " has filter " +
                         std::to_string(filter) + ")");
    unfilterRow(filter, row, y ? row - stride - 1 : zeros.data(), stride, bpp);
    for (uint32_t x = 0; x < header.width; ++x) {
      const uint8_t *pixel = row + size_t(x) * bpp;
      image.set(int(x), int(y),
                bpp == 1 ? RGB{pixel[0], pixel[0], pixel[0]} : RGB{pixel[0], pixel[1], pixel[2]});
    }
  }
  return image;
}
} // namespace

void genc::rt::writePng(const std::string &path, const Image &image) {
  writeFileAtomically(path, encodePng(path, image));
}

Image genc::rt::readPng(const std::string &path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw RuntimeError(path + ": cannot read: " + std::strerror(errno));
  std::string file;
  char buffer[1 << 16];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof(buffer))) != 0) {
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      int error = errno;
      close(fd);
      throw RuntimeError(path + ": cannot read: " + std::strerror(error));
    }
    file.append(buffer, size_t(n));
  }
  close(fd);
  return decodePng(path, file);
}
