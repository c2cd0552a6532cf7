//===- Idx.cpp - Reading and writing IDX files (MNIST's format) -----------===//
//
// An IDX file is two zero bytes, a data type code (0x08: unsigned byte), the
// number of dimensions, one big-endian uint32 per dimension, then the data.
// Files are read through zlib's gzread, which inflates a file that starts
// with the gzip magic 1f 8b and passes any other file through, so "x.gz"
// holding plain bytes and "x" holding gzip both read correctly. Reading
// stops where the header says the data ends.
//
//===----------------------------------------------------------------------===//
#include "genc/runtime/Data.h"
#include "genc/runtime/Error.h"
#include "genc/runtime/Files.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <unistd.h>
#include <zlib.h>

using namespace genc::rt;

namespace {

constexpr unsigned char kUnsignedByte = 0x08;

uint32_t bigEndian32(const unsigned char *p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

std::string hexByte(unsigned char byte) {
  static const char *digits = "0123456789abcdef";
  return {digits[byte >> 4], digits[byte & 15]};
}

/// An open IDX file (plain or gzip): reads only as far as asked, so a
/// gzip bomb or a lying header costs no more memory than the header claims.
class IdxReader {
public:
  explicit IdxReader(const std::string &path) : path_(path) {
    int fd = openRegularFile(path);
    file_ = gzdopen(fd, "rb");
    if (!file_) {
      ::close(fd);
      throw RuntimeError(path + ": cannot read: out of memory");
    }
  }
  ~IdxReader() { gzclose_r(file_); }
  IdxReader(const IdxReader &) = delete;
  IdxReader &operator=(const IdxReader &) = delete;

  /// Up to `count` bytes appended to `out`; fewer only at the end of the file.
  void read(std::vector<unsigned char> &out, uint64_t count) {
    constexpr uint64_t kChunk = 1 << 20;
    while (count > 0 && !atEnd_) {
      unsigned want = unsigned(std::min(count, kChunk));
      size_t old = out.size();
      out.resize(old + want);
      int got = gzread(file_, out.data() + old, want);
      out.resize(old + size_t(std::max(got, 0)));
      check();
      atEnd_ = got < int(want);
      count -= uint64_t(std::max(got, 0));
    }
  }

  /// Bytes left after what was read, counted up to `limit` (the caller says
  /// "more than" beyond it).
  uint64_t countRest(uint64_t limit) {
    std::vector<unsigned char> scratch;
    read(scratch, limit + 1);
    return scratch.size();
  }

private:
  void check() {
    // gzread reports a gzip stream cut short as end of file; gzerror still says so.
    int status = Z_OK;
    const char *message = gzerror(file_, &status);
    if (status == Z_BUF_ERROR)
      throw RuntimeError(path_ + ": truncated gzip data (" + message + ")");
    if (status != Z_OK)
      throw RuntimeError(path_ + ": cannot read: " + message);
  }

  std::string path_;
  gzFile file_;
  bool atEnd_ = false;
};

/// An IDX file's header, checked against the dimension count the caller
/// expects, and its data, checked against the header.
struct IdxFile {
  std::vector<uint64_t> dims;
  std::vector<unsigned char> data;
};

/// `bytes` in MiB, as a whole number or, beyond 2^64 (a forged header's
/// product of three uint32s), in scientific notation.
std::string mebibytes(long double bytes) {
  char text[32];
  long double mib = bytes / (1 << 20);
  if (mib < 1e18L)
    std::snprintf(text, sizeof text, "%.0Lf", std::floor(mib));
  else
    std::snprintf(text, sizeof text, "%.3Lg", mib);
  return text;
}

/// Bytes past the header's claim that are counted exactly in an error.
constexpr uint64_t kTrailingCounted = 1 << 20;

std::string dataSize(uint64_t held, bool more) {
  return (more ? "more than " : "") + std::to_string(held) + " bytes of data";
}

/// Reads `path` as an IDX file of `expectedDims` dimensions whose elements
/// become `bytesPerElement` bytes in memory. `claim` phrases the header
/// ("60000 images of 28x28") for errors.
IdxFile readIdx(const std::string &path, size_t expectedDims, const char *what,
                uint64_t bytesPerElement,
                const std::function<std::string(const std::vector<uint64_t> &)> &claim) {
  IdxReader reader(path);
  std::vector<unsigned char> b;
  reader.read(b, 4);
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
  size_t headerBytes = 4 + 4 * expectedDims;
  reader.read(b, headerBytes - 4);
  if (b.size() < headerBytes)
    throw RuntimeError(path + ": truncated: " + std::to_string(b.size()) +
                       " bytes, the IDX header needs " + std::to_string(headerBytes));
  IdxFile idx;
  // At most three uint32 factors: 96 bits, so count in long double first.
  long double claimed = 1;
  for (size_t d = 0; d < expectedDims; ++d) {
    idx.dims.push_back(bigEndian32(&b[4 + 4 * d]));
    claimed *= idx.dims.back();
  }
  uint64_t memory = physicalMemoryBytes();
  if (claimed * (1 + bytesPerElement) > memory)
    throw RuntimeError(path + ": header says " + claim(idx.dims) + ", " +
                       mebibytes(claimed * (1 + bytesPerElement)) +
                       " MiB in memory, more than this machine's " +
                       std::to_string(memory >> 20) + " MiB");
  uint64_t expected = uint64_t(claimed);
  idx.data.reserve(expected); // (within the machine's memory: checked above)
  reader.read(idx.data, expected);
  if (idx.data.size() < expected)
    throw RuntimeError(path + ": truncated: header says " + claim(idx.dims) + ", file holds " +
                       dataSize(idx.data.size(), false));
  uint64_t rest = reader.countRest(kTrailingCounted);
  if (rest > 0)
    throw RuntimeError(path + ": header says " + claim(idx.dims) + ", file holds " +
                       dataSize(expected + std::min(rest, kTrailingCounted),
                                rest > kTrailingCounted));
  return idx;
}

} // namespace

IdxImages genc::rt::readIdxImages(const std::string &path, int64_t keep) {
  auto claim = [](const std::vector<uint64_t> &d) {
    return std::to_string(d[0]) + " images of " + std::to_string(d[1]) + "x" +
           std::to_string(d[2]);
  };
  IdxFile idx = readIdx(path, 3, "images", sizeof(float), claim);
  if (idx.dims[1] == 0 || idx.dims[2] == 0)
    throw RuntimeError(path + ": header says " + claim(idx.dims) + ": an image needs pixels");
  IdxImages images;
  images.inFile = int64_t(idx.dims[0]);
  images.count = keep < 0 ? images.inFile : std::min(keep, images.inFile);
  images.rows = int64_t(idx.dims[1]);
  images.cols = int64_t(idx.dims[2]);
  size_t values = size_t(images.count) * size_t(images.rows * images.cols);
  images.values.reserve(values);
  for (size_t i = 0; i < values; ++i)
    images.values.push_back(idx.data[i] / 255.0f);
  return images;
}

std::vector<int32_t> genc::rt::readIdxLabels(const std::string &path) {
  IdxFile idx = readIdx(path, 1, "labels", sizeof(int32_t), [](const std::vector<uint64_t> &d) {
    return std::to_string(d[0]) + " labels";
  });
  return std::vector<int32_t>(idx.data.begin(), idx.data.end());
}

IdxWriter::IdxWriter(const std::string &path, uint64_t count,
                     const std::vector<uint64_t> &itemDims)
    : path_(path), file_(path), expected_(count) {
  std::string header = {0, 0, char(kUnsignedByte), char(1 + itemDims.size())};
  std::vector<uint64_t> dims = {count};
  dims.insert(dims.end(), itemDims.begin(), itemDims.end());
  for (uint64_t dim : dims) {
    if (dim > UINT32_MAX)
      throw RuntimeError(path + ": cannot write " + std::to_string(dim) +
                         " items along an IDX dimension, which holds at most " +
                         std::to_string(UINT32_MAX));
    header += {char(dim >> 24), char(dim >> 16), char(dim >> 8), char(dim)};
  }
  itemBytes_ = 1;
  for (uint64_t dim : itemDims)
    itemBytes_ *= dim;
  file_.write(header);
}

void IdxWriter::appendImages(const float *values, size_t n) {
  if (n % itemBytes_ != 0)
    throw RuntimeError(path_ + ": " + std::to_string(n) + " values are not whole items of " +
                       std::to_string(itemBytes_));
  std::vector<char> bytes(n);
  for (size_t i = 0; i < n; ++i)
    bytes[i] = char(std::lround(std::clamp(values[i], 0.0f, 1.0f) * 255.0f));
  file_.write({bytes.data(), n});
  written_ += n / itemBytes_;
}

void IdxWriter::appendLabels(const int32_t *labels, size_t n) {
  std::vector<char> bytes(n);
  for (size_t i = 0; i < n; ++i) {
    if (labels[i] < 0 || labels[i] > 255)
      throw RuntimeError(path_ + ": label " + std::to_string(labels[i]) + " at item " +
                         std::to_string(written_ + i) + " does not fit in an unsigned byte");
    bytes[i] = char(labels[i]);
  }
  file_.write({bytes.data(), n});
  written_ += n;
}

void IdxWriter::finish() {
  if (written_ != expected_)
    throw RuntimeError(path_ + ": wrote " + std::to_string(written_) + " items, the header says " +
                       std::to_string(expected_));
  file_.commit();
}

void genc::rt::writeIdxImages(const std::string &path, const IdxImages &images) {
  if (images.count < 0 || images.rows < 0 || images.cols < 0 ||
      uint64_t(images.values.size()) != uint64_t(images.count * images.rows * images.cols))
    throw RuntimeError(path + ": cannot write " + std::to_string(images.count) + " images of " +
                       std::to_string(images.rows) + "x" + std::to_string(images.cols) + " from " +
                       std::to_string(images.values.size()) + " values");
  IdxWriter writer(path, uint64_t(images.count), {uint64_t(images.rows), uint64_t(images.cols)});
  writer.appendImages(images.values.data(), images.values.size());
  writer.finish();
}

void genc::rt::writeIdxLabels(const std::string &path, const std::vector<int32_t> &labels) {
  IdxWriter writer(path, labels.size(), {});
  writer.appendLabels(labels.data(), labels.size());
  writer.finish();
}
