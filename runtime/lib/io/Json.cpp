//===- Json.cpp - JSON through nlohmann/json ------------------------------===//
#include "io/Json.h"
#include "genc/runtime/Error.h"

#include <cmath>

#include <nlohmann/json.hpp>

using namespace genc::rt;

namespace {
using Library = nlohmann::json;

/// Deeper nesting is no manifest, checkpoint or safetensors header: a
/// crafted one must not exhaust the stack of the conversion below.
constexpr int kMostDepth = 64;

Json fromLibrary(const Library &j, int depth, const std::string &what) {
  if (depth > kMostDepth)
    throw RuntimeError(what + ": invalid JSON: nested more than " + std::to_string(kMostDepth) +
                       " deep");
  switch (j.type()) {
  case Library::value_t::boolean:
    return Json(j.get<bool>());
  case Library::value_t::number_integer:
    return Json(double(j.get<int64_t>()));
  case Library::value_t::number_unsigned:
    return Json(double(j.get<uint64_t>()));
  case Library::value_t::number_float:
    return Json(j.get<double>());
  case Library::value_t::string:
    return Json(j.get<std::string>());
  case Library::value_t::array: {
    Json array = Json::array();
    for (const Library &item : j)
      array.push(fromLibrary(item, depth + 1, what));
    return array;
  }
  case Library::value_t::object: {
    Json object = Json::object();
    for (auto it = j.begin(); it != j.end(); ++it)
      object.set(it.key(), fromLibrary(it.value(), depth + 1, what));
    return object;
  }
  default:
    return Json();
  }
}

Library toLibrary(const Json &j) {
  switch (j.kind()) {
  case Json::Kind::Null:
    return nullptr;
  case Json::Kind::Bool:
    return j.number() != 0;
  case Json::Kind::Number: {
    // Whole numbers print as integers (shapes, offsets); the rest with
    // all 17 digits. (nlohmann writes NaN and infinities as null.)
    double v = j.number();
    if (v == std::floor(v) && std::fabs(v) <= 9007199254740992.0)
      return int64_t(v);
    return v;
  }
  case Json::Kind::String:
    return j.string();
  case Json::Kind::Array: {
    Library array = Library::array();
    for (const Json &item : j.items())
      array.push_back(toLibrary(item));
    return array;
  }
  case Json::Kind::Object: {
    Library object = Library::object();
    for (const auto &[key, value] : j.members())
      object[key] = toLibrary(value);
    return object;
  }
  }
  return nullptr;
}

/// nlohmann's message without its "[json.exception.x.N] parse error at ...: " prefix.
std::string reason(const Library::exception &e) {
  std::string why = e.what();
  size_t bracket = why.find("] ");
  if (bracket != std::string::npos)
    why = why.substr(bracket + 2);
  size_t colon = why.find(": ", why.find("parse error"));
  return why.rfind("parse error", 0) == 0 && colon != std::string::npos ? why.substr(colon + 2) : why;
}

[[noreturn]] void mismatch(const char *expected) {
  throw RuntimeError(std::string("malformed JSON: expected ") + expected);
}
} // namespace

Json Json::parse(const std::string &text, const std::string &what) {
  // nlohmann/json: strict RFC 8259 (no NaN, infinities or hex numbers;
  // \u escapes and UTF-8 checked), locale-independent numbers.
  try {
    return fromLibrary(Library::parse(text), 0, what);
  } catch (const Library::parse_error &e) {
    throw RuntimeError(what + ": invalid JSON at byte " + std::to_string(e.byte) + ": " +
                       reason(e));
  } catch (const Library::exception &e) {
    // E.g. out_of_range for a number that overflows a double (1e400).
    throw RuntimeError(what + ": invalid JSON: " + reason(e));
  }
}

std::string Json::dump() const {
  return toLibrary(*this).dump(-1, ' ', false, Library::error_handler_t::replace);
}

double Json::number() const {
  if (kind_ != Kind::Number && kind_ != Kind::Bool)
    mismatch("a number");
  return number_;
}

int64_t Json::integer() const {
  // Whole and exact in a double (|v| <= 2^53), so the conversion is too.
  double v = number();
  if (v != std::floor(v) || !(std::fabs(v) <= 9007199254740992.0))
    mismatch("an integer of magnitude at most 2^53");
  return int64_t(v);
}

const std::string &Json::string() const {
  if (kind_ != Kind::String)
    mismatch("a string");
  return string_;
}

const std::vector<Json> &Json::items() const & {
  if (kind_ != Kind::Array)
    mismatch("an array");
  return items_;
}

std::vector<Json> Json::items() && {
  if (kind_ != Kind::Array)
    mismatch("an array");
  return std::move(items_);
}

const std::map<std::string, Json> &Json::members() const & {
  if (kind_ != Kind::Object)
    mismatch("an object");
  return members_;
}

std::map<std::string, Json> Json::members() && {
  if (kind_ != Kind::Object)
    mismatch("an object");
  return std::move(members_);
}

std::vector<int64_t> Json::integers() const {
  std::vector<int64_t> out;
  for (const Json &item : items())
    out.push_back(item.integer());
  return out;
}

bool Json::has(const std::string &key) const {
  return kind_ == Kind::Object && members_.count(key);
}

const Json &Json::operator[](const std::string &key) const {
  auto it = members().find(key);
  if (it == members_.end())
    throw RuntimeError("malformed JSON: missing \"" + key + "\"");
  return it->second;
}

Json Json::get(const std::string &key, Json fallback) const {
  return has(key) ? members_.at(key) : std::move(fallback);
}

Json &Json::set(const std::string &key, Json value) {
  if (kind_ != Kind::Object)
    mismatch("an object");
  members_[key] = std::move(value);
  return *this;
}

Json &Json::push(Json value) {
  if (kind_ != Kind::Array)
    mismatch("an array");
  items_.push_back(std::move(value));
  return *this;
}
