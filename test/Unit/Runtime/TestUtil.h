//===- TestUtil.h - Scratch files, error capture, hand-written kernels -*- C++ -*-===//
#ifndef GENC_TEST_UNIT_RUNTIME_TESTUTIL_H
#define GENC_TEST_UNIT_RUNTIME_TESTUTIL_H

#include "genc/runtime/Error.h"
#include "genc/runtime/Kernels.h"

#include "HalideRuntime.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <zlib.h>

/// A fresh directory under the system temp directory, removed with everything in it.
class TempDir {
public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "genc-test-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
      throw std::runtime_error("cannot create a temporary directory");
    path_ = pattern;
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  const std::string &path() const { return path_; }
  std::string file(const std::string &name) const { return path_ + "/" + name; }
  /// Writes `bytes` to the file `name` and returns its path.
  std::string write(const std::string &name, const std::string &bytes) const {
    std::ofstream(file(name), std::ios::binary) << bytes;
    return file(name);
  }

private:
  std::string path_;
};

inline std::string readBytes(const std::string &path) {
  std::ifstream is(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(is), {});
}

/// Gzips the file `from` into `to` with zlib's gzwrite, as gzip(1) would.
inline void gzipFile(const std::string &from, const std::string &to) {
  std::string bytes = readBytes(from);
  gzFile out = gzopen(to.c_str(), "wb");
  if (!out || gzwrite(out, bytes.data(), unsigned(bytes.size())) != int(bytes.size()) ||
      gzclose(out) != Z_OK)
    throw std::runtime_error("cannot gzip " + from);
}

/// The message of the genc::rt::RuntimeError that `f` throws, or "" when it throws none.
template <typename F> std::string errorOf(F f) {
  try {
    f();
  } catch (const genc::rt::RuntimeError &e) {
    return e.what();
  }
  return "";
}

/// The floats of a buffer that a hand-written kernel is passed.
inline float *host(void *buffer) {
  return reinterpret_cast<float *>(static_cast<halide_buffer_t *>(buffer)->host);
}

/// Kernels written by hand for a test, by symbol: no Halide runtime behind
/// them, so no thread pool to size and no error handler to install.
inline genc::rt::StaticKernels handWrittenKernels(
    std::map<std::string, genc::rt::EntryPoint> entries) {
  return genc::rt::StaticKernels(
      std::move(entries), [](int) { return 0; },
      [](genc::rt::ErrorHandler) -> genc::rt::ErrorHandler { return nullptr; });
}

/// The smallest normal float halved: a subnormal, or zero where the
/// calling thread flushes (volatile operands: computed at run time, in the
/// thread's current mode).
inline float underflowingProduct() {
  volatile float smallestNormal = std::numeric_limits<float>::min(), half = 0.5f;
  return smallestNormal * half;
}

/// Whether `v` is +0 or -0, from its bits: a comparison with 0 would itself
/// read a subnormal as zero while denormals-are-zero is set.
inline bool isZero(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, sizeof(bits));
  return (bits & 0x7fffffffu) == 0;
}

#endif // GENC_TEST_UNIT_RUNTIME_TESTUTIL_H
