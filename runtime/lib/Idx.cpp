//===- Idx.cpp - Reading and writing IDX files (MNIST's format) -----------===//
//
// An IDX file is two zero bytes, a data type code (0x08: unsigned byte), the
// number of dimensions, one big-endian uint32 per dimension, then the data.
// Files are read whole through zlib's gzread, which inflates a file that
// starts with the gzip magic 1f 8b and passes any other file through, so
// "x.gz" holding plain bytes and "x" holding gzip both read correctly.
//
//===----------------------------------------------------------------------===//
#include "genc/runtime/Data.h"
#include "genc/runtime/Error.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <zlib.h>

using namespace genc::rt;

namespace {

constexpr unsigned char kUnsignedByte = 0x08;

std::vector<unsigned char> readWholeFile(const std::string &path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file)
    throw RuntimeError(path + ": cannot open: " + std::strerror(errno));
  std::vector<unsigned char> bytes;
  constexpr unsigned kChunk = 1 << 20;
  int got;
  do {
    size_t old = bytes.size();
    bytes.resize(old + kChunk);
    got = gzread(file, bytes.data() + old, kChunk);
    bytes.resize(old + (got > 0 ? got : 0));
  } while (got > 0);
  // gzread reports a gzip stream cut short as end of file; gzerror still says so.
  int status = Z_OK;
  std::string message = gzerror(file, &status);
  gzclose_r(file);
  if (status == Z_BUF_ERROR)
    throw RuntimeError(path + ": truncated gzip data (" + message + ")");
  if (status != Z_OK)
    throw RuntimeError(path + ": cannot read: " + message);
  return bytes;
}

uint32_t bigEndian32(const unsigned char *p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

void putBigEndian32(std::ostream &os, uint64_t value) {
  char bytes[4] = {char(value >> 24), char(value >> 16), char(value >> 8), char(value)};
  os.write(bytes, 4);
}

std::string hexByte(unsigned char byte) {
  static const char *digits = "0123456789abcdef";
  return {digits[byte >> 4], digits[byte & 15]};
}

/// An IDX file's header, checked against the dimension count the caller expects.
struct IdxFile {
  std::vector<unsigned char> bytes;
  std::vector<uint64_t> dims;
  size_t dataOffset = 0;
  uint64_t dataBytes() const { return bytes.size() - dataOffset; }
};

IdxFile readIdx(const std::string &path, size_t expectedDims, const char *what) {
  IdxFile idx{readWholeFile(path), {}, 0};
  const std::vector<unsigned char> &b = idx.bytes;
  if (b.size() < 4)
    throw RuntimeError(path + ": truncated: " + std::to_string(b.size()) +
                       " bytes, an IDX header needs at least 4");
  if (b[0] != 0 || b[1] != 0)
    throw RuntimeError(path + ": not an IDX file: it starts with bytes " + hexByte(b[0]) + " " +
                       hexByte(b[1]) + ", expected 00 00");
  if (b[2] != kUnsignedByte)
    throw RuntimeError(path + ": IDX data type code 0x" + hexByte(b[2]) +
                       " is not unsigned byte (0x08)");
  if (b[3] != expectedDims)
    throw RuntimeError(path + ": IDX file has " + std::to_string(b[3]) + " dimensions, " + what +
                       " need " + std::to_string(expectedDims));
  idx.dataOffset = 4 + 4 * expectedDims;
  if (b.size() < idx.dataOffset)
    throw RuntimeError(path + ": truncated: " + std::to_string(b.size()) +
                       " bytes, the IDX header needs " + std::to_string(idx.dataOffset));
  for (size_t d = 0; d < expectedDims; ++d)
    idx.dims.push_back(bigEndian32(&b[4 + 4 * d]));
  return idx;
}

std::ofstream openForWriting(const std::string &path) {
  std::ofstream os(path, std::ios::binary);
  if (!os)
    throw RuntimeError(path + ": cannot write: " + std::strerror(errno));
  return os;
}

void finishWriting(std::ofstream &os, const std::string &path) {
  os.close();
  if (!os)
    throw RuntimeError(path + ": cannot write: " + std::strerror(errno));
}

} // namespace

IdxImages genc::rt::readIdxImages(const std::string &path) {
  IdxFile idx = readIdx(path, 3, "images");
  uint64_t count = idx.dims[0], rows = idx.dims[1], cols = idx.dims[2];
  uint64_t perImage = rows * cols; // two uint32 factors cannot overflow 64 bits
  std::string claim = "header says " + std::to_string(count) + " images of " + std::to_string(rows) +
                      "x" + std::to_string(cols);
  bool tooShort = perImage != 0 && count > idx.dataBytes() / perImage;
  if (tooShort || count * perImage != idx.dataBytes())
    throw RuntimeError(path + ": " + (tooShort ? "truncated: " : "") + claim + ", file holds " +
                       std::to_string(idx.dataBytes()) + " bytes of data");
  IdxImages images;
  images.count = int64_t(count);
  images.rows = int64_t(rows);
  images.cols = int64_t(cols);
  images.values.resize(idx.dataBytes());
  const unsigned char *data = idx.bytes.data() + idx.dataOffset;
  for (size_t i = 0; i < images.values.size(); ++i)
    images.values[i] = data[i] / 255.0f;
  return images;
}

std::vector<int32_t> genc::rt::readIdxLabels(const std::string &path) {
  IdxFile idx = readIdx(path, 1, "labels");
  uint64_t count = idx.dims[0];
  if (count != idx.dataBytes())
    throw RuntimeError(path + ": " + (count > idx.dataBytes() ? "truncated: " : "") +
                       "header says " + std::to_string(count) + " labels, file holds " +
                       std::to_string(idx.dataBytes()) + " bytes of data");
  const unsigned char *data = idx.bytes.data() + idx.dataOffset;
  return std::vector<int32_t>(data, data + count);
}

void genc::rt::writeIdxImages(const std::string &path, const IdxImages &images) {
  if (images.count < 0 || images.rows < 0 || images.cols < 0 ||
      uint64_t(images.values.size()) != uint64_t(images.count * images.rows * images.cols))
    throw RuntimeError(path + ": cannot write " + std::to_string(images.count) + " images of " +
                       std::to_string(images.rows) + "x" + std::to_string(images.cols) + " from " +
                       std::to_string(images.values.size()) + " values");
  std::ofstream os = openForWriting(path);
  os.write("\0\0\x08\x03", 4);
  for (int64_t dim : {images.count, images.rows, images.cols})
    putBigEndian32(os, uint64_t(dim));
  std::vector<char> bytes(images.values.size());
  for (size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = char(std::lround(std::clamp(images.values[i], 0.0f, 1.0f) * 255.0f));
  os.write(bytes.data(), std::streamsize(bytes.size()));
  finishWriting(os, path);
}

void genc::rt::writeIdxLabels(const std::string &path, const std::vector<int32_t> &labels) {
  std::vector<char> bytes(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0 || labels[i] > 255)
      throw RuntimeError(path + ": label " + std::to_string(labels[i]) + " at item " +
                         std::to_string(i) + " does not fit in an unsigned byte");
    bytes[i] = char(labels[i]);
  }
  std::ofstream os = openForWriting(path);
  os.write("\0\0\x08\x01", 4);
  putBigEndian32(os, labels.size());
  os.write(bytes.data(), std::streamsize(bytes.size()));
  finishWriting(os, path);
}
