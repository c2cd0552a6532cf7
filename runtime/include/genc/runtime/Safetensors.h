//===- Safetensors.h - Checkpoint files PyTorch can read -----------*- C++ -*-===//
//
// The safetensors format: an 8-byte little-endian header length, a JSON
// header {"name": {"dtype": "F32", "shape": [...], "data_offsets": [b, e]},
// "__metadata__": {"key": "value"}}, then the raw little-endian tensors.
// genc adds a CRC-32 of the data to the metadata, writes to a temporary
// file, fsyncs it and renames it over the target: a crash or a full disk
// never leaves a half-written checkpoint where a good one was.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_SAFETENSORS_H
#define GENC_RUNTIME_SAFETENSORS_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace genc::rt {

struct TensorView {
  std::string name;
  std::vector<int64_t> shape;
  const float *data;
};

/// Writes through an AtomicFile (genc/runtime/Files.h).
void writeSafetensors(const std::string &path, const std::vector<TensorView> &tensors,
                      const std::map<std::string, std::string> &metadata);

class SafetensorsFile {
public:
  /// Reads and validates `path` (header, offsets, dtype, CRC when present);
  /// errors are one line naming the file.
  explicit SafetensorsFile(const std::string &path);

  const std::map<std::string, std::string> &metadata() const { return metadata_; }
  bool has(const std::string &name) const { return entries_.count(name) != 0; }
  /// Copies tensor `name` into `out` after checking its shape.
  void read(const std::string &name, const std::vector<int64_t> &shape, float *out) const;
  std::vector<std::string> names() const;
  /// The shape of tensor `name` as the file declares it.
  const std::vector<int64_t> &shape(const std::string &name) const;

private:
  struct Entry {
    std::vector<int64_t> shape;
    uint64_t begin, end;
  };
  std::string path_;
  std::vector<char> bytes_;
  size_t dataStart_ = 0;
  std::map<std::string, Entry> entries_;
  std::map<std::string, std::string> metadata_;
};

} // namespace genc::rt

#endif // GENC_RUNTIME_SAFETENSORS_H
