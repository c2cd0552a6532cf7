//===- Checksum.h - CRC-32 of byte ranges (private) ---------------*- C++ -*-===//
//
// zlib's CRC-32, fed in chunks (zlib takes uInt lengths) and chainable over
// several ranges: checkpoints checksum their tensors with it, and
// data-parallel training compares the processes' parameters.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_IO_CHECKSUM_H
#define GENC_RUNTIME_IO_CHECKSUM_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <zlib.h>

namespace genc::rt {

/// The CRC-32 of `size` bytes at `data`, continuing `crc` (0 to start).
inline uint32_t crc32Of(const void *data, size_t size, uint32_t crc = 0) {
  const Bytef *bytes = static_cast<const Bytef *>(data);
  uLong value = crc;
  for (size_t done = 0; done < size;) {
    uInt chunk = uInt(std::min<size_t>(size - done, 1u << 30));
    value = crc32(value, bytes + done, chunk);
    done += chunk;
  }
  return uint32_t(value);
}

} // namespace genc::rt

#endif // GENC_RUNTIME_IO_CHECKSUM_H
