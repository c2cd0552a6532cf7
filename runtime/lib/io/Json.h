//===- Json.h - JSON values with typed, checked access -------------*- C++ -*-===//
//
// The runtime reads manifests and safetensors headers and writes checkpoint
// metadata. Reading and writing is nlohmann/json's (header-only, so a user
// program that links a model needs neither LLVM nor a JSON library); this
// class gives the runtime typed access whose mismatches are one-line
// errors, and keeps nlohmann out of the runtime's headers.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_LIB_JSON_H
#define GENC_RUNTIME_LIB_JSON_H

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace genc::rt {

class Json {
public:
  enum class Kind { Null, Bool, Number, String, Array, Object };

  Json() = default;
  Json(bool b) : kind_(Kind::Bool), number_(b) {}
  Json(double d) : kind_(Kind::Number), number_(d) {}
  Json(int64_t i) : kind_(Kind::Number), number_(double(i)) {}
  Json(int i) : kind_(Kind::Number), number_(i) {}
  Json(std::string s) : kind_(Kind::String), string_(std::move(s)) {}
  Json(const char *s) : kind_(Kind::String), string_(s) {}
  static Json array() { Json j; j.kind_ = Kind::Array; return j; }
  static Json object() { Json j; j.kind_ = Kind::Object; return j; }

  /// Parses `text`; throws RuntimeError("<what>: invalid JSON at byte N: ...").
  static Json parse(const std::string &text, const std::string &what);
  std::string dump() const;

  Kind kind() const { return kind_; }
  bool isNull() const { return kind_ == Kind::Null; }

  /// Typed access; a mismatch throws RuntimeError naming `key` and the
  /// expected kind (manifests and checkpoints are user-visible files).
  double number() const;
  int64_t integer() const;
  const std::string &string() const;
  const std::vector<Json> &items() const &;
  const std::map<std::string, Json> &members() const &;
  /// Of a temporary (`j.get(key, fallback).items()` in a range-for), a
  /// copy: a reference would dangle once the temporary dies.
  std::vector<Json> items() &&;
  std::map<std::string, Json> members() &&;
  std::vector<int64_t> integers() const;

  bool has(const std::string &key) const;
  /// The member `key` of an object; throws if missing.
  const Json &operator[](const std::string &key) const;
  /// A copy of the member `key`, or `fallback` when missing. By value: a
  /// reference to a temporary fallback would dangle.
  Json get(const std::string &key, Json fallback) const;

  Json &set(const std::string &key, Json value);
  Json &push(Json value);

private:
  Kind kind_ = Kind::Null;
  double number_ = 0;
  std::string string_;
  std::vector<Json> items_;
  std::map<std::string, Json> members_;
};

} // namespace genc::rt

#endif // GENC_RUNTIME_LIB_JSON_H
