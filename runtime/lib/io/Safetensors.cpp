//===- Safetensors.cpp - Checkpoint files PyTorch can read ---------------===//
#include "genc/runtime/Safetensors.h"
#include "genc/runtime/Error.h"
#include "genc/runtime/Files.h"
#include "io/Checksum.h"
#include "io/Json.h"
#include "genc/runtime/Manifest.h"

#include <algorithm>
#include <cstring>
#include <zlib.h>

using namespace genc::rt;

namespace {
std::string shapeText(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

/// The checksum of a header's content, independent of its JSON layout:
/// every metadata entry but the checksums, and every tensor's dtype,
/// shape and place, in name order.
std::string headerChecksum(const std::map<std::string, std::string> &metadata,
                           const std::map<std::string, std::string> &tensors) {
  std::string text;
  for (const auto &[key, value] : metadata)
    if (key != "crc32" && key != "header_crc32")
      text += key + '\0' + value + '\0';
  for (const auto &[name, description] : tensors)
    text += name + '\0' + description + '\0';
  return std::to_string(crc32Of(text.data(), text.size()));
}

/// A tensor's dtype, shape and byte range, as headerChecksum reads them.
std::string describe(const std::vector<int64_t> &shape, uint64_t begin, uint64_t end) {
  return "F32 " + shapeText(shape) + " " + std::to_string(begin) + ":" + std::to_string(end);
}
} // namespace

void genc::rt::writeSafetensors(const std::string &path, const std::vector<TensorView> &tensors,
                                const std::map<std::string, std::string> &metadata) {
  Json header = Json::object();
  std::string data;
  std::map<std::string, std::string> described;
  for (const TensorView &t : tensors) {
    size_t bytes = size_t(elementCount(t.shape)) * sizeof(float);
    described[t.name] = describe(t.shape, data.size(), data.size() + bytes);
    Json entry = Json::object();
    Json shape = Json::array(), offsets = Json::array();
    for (int64_t d : t.shape)
      shape.push(Json(d));
    offsets.push(Json(int64_t(data.size()))).push(Json(int64_t(data.size() + bytes)));
    entry.set("dtype", "F32").set("shape", shape).set("data_offsets", offsets);
    header.set(t.name, entry);
    data.append(reinterpret_cast<const char *>(t.data), bytes);
  }
  Json meta = Json::object();
  for (const auto &[key, value] : metadata)
    meta.set(key, value);
  meta.set("crc32", std::to_string(crc32Of(data.data(), data.size())));
  meta.set("header_crc32", headerChecksum(metadata, described));
  header.set("__metadata__", meta);
  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' '); // keeps the tensors 8-byte aligned
  char prefix[8];
  for (int i = 0; i < 8; ++i)
    prefix[i] = char(uint64_t(text.size()) >> (8 * i));

  AtomicFile file(path);
  file.write({prefix, 8});
  file.write(text);
  file.write(data);
  file.commit();
}

SafetensorsFile::SafetensorsFile(const std::string &path) : path_(path) {
  bytes_ = readRegularFile(path);
  uint64_t size = 0;
  for (int i = 0; i < 8 && size_t(i) < bytes_.size(); ++i)
    size |= uint64_t(static_cast<unsigned char>(bytes_[i])) << (8 * i);
  if (bytes_.size() < 8 || size > bytes_.size() - 8)
    throw RuntimeError(path + ": not a safetensors file (truncated header)");
  dataStart_ = 8 + size_t(size);
  Json header = Json::parse(std::string(bytes_.begin() + 8, bytes_.begin() + dataStart_), path);
  if (header.kind() != Json::Kind::Object)
    throw RuntimeError(path + ": not a safetensors file (header is not a JSON object)");
  uint64_t dataSize = bytes_.size() - dataStart_;
  try {
    for (const auto &[name, value] : header.members()) {
      if (name == "__metadata__") {
        for (const auto &[key, text] : value.members())
          metadata_[key] = text.string();
        continue;
      }
      if (value["dtype"].string() != "F32")
        throw RuntimeError("tensor '" + name + "' is " + value["dtype"].string() +
                           ", genc reads F32");
      std::vector<int64_t> offsets = value["data_offsets"].integers();
      Entry entry{value["shape"].integers(), 0, 0};
      if (offsets.size() != 2 || offsets[0] < 0 || offsets[1] < offsets[0] ||
          uint64_t(offsets[1]) > dataSize ||
          uint64_t(offsets[1] - offsets[0]) != elementCount(entry.shape) * sizeof(float))
        throw RuntimeError("tensor '" + name + "' has bad data offsets");
      entry.begin = uint64_t(offsets[0]);
      entry.end = uint64_t(offsets[1]);
      entries_[name] = entry;
    }
  } catch (const RuntimeError &e) {
    throw RuntimeError(path + ": " + e.what());
  }
  // Tensors may not share bytes.
  std::vector<std::pair<uint64_t, uint64_t>> ranges;
  std::map<std::string, std::string> described;
  for (const auto &[name, entry] : entries_) {
    ranges.push_back({entry.begin, entry.end});
    described[name] = describe(entry.shape, entry.begin, entry.end);
  }
  std::sort(ranges.begin(), ranges.end());
  for (size_t i = 1; i < ranges.size(); ++i)
    if (ranges[i].first < ranges[i - 1].second)
      throw RuntimeError(path + ": not a valid safetensors file (tensors overlap)");
  auto crc = metadata_.find("crc32");
  if (crc != metadata_.end() &&
      crc->second != std::to_string(crc32Of(bytes_.data() + dataStart_, dataSize)))
    throw RuntimeError(path + ": checksum mismatch: the file is corrupt");
  auto headerCrc = metadata_.find("header_crc32");
  if (headerCrc != metadata_.end() && headerCrc->second != headerChecksum(metadata_, described))
    throw RuntimeError(path + ": header checksum mismatch: the file is corrupt");
}

void SafetensorsFile::read(const std::string &name, const std::vector<int64_t> &shape,
                           float *out) const {
  auto it = entries_.find(name);
  if (it == entries_.end())
    throw RuntimeError(path_ + ": missing tensor '" + name + "'");
  if (it->second.shape != shape)
    throw RuntimeError(path_ + ": tensor '" + name + "' has shape " +
                       shapeText(it->second.shape) + ", the model expects " + shapeText(shape));
  if (it->second.end > it->second.begin) // (an empty tensor's `out` may be null)
    std::memcpy(out, bytes_.data() + dataStart_ + it->second.begin,
                it->second.end - it->second.begin);
}

const std::vector<int64_t> &SafetensorsFile::shape(const std::string &name) const {
  auto it = entries_.find(name);
  if (it == entries_.end())
    throw RuntimeError(path_ + ": missing tensor '" + name + "'");
  return it->second.shape;
}

std::vector<std::string> SafetensorsFile::names() const {
  std::vector<std::string> out;
  for (const auto &entry : entries_)
    out.push_back(entry.first);
  return out;
}
