//===- Json.cpp - A small JSON reader and writer -------------------------===//
#include "genc/runtime/Json.h"
#include "genc/runtime/Error.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace genc::rt;

namespace {
class Parser {
public:
  Parser(const std::string &text, const std::string &what) : text_(text), what_(what) {}

  Json document() {
    Json value = parseValue(0);
    skipSpace();
    if (pos_ != text_.size())
      fail("trailing characters");
    return value;
  }

private:
  [[noreturn]] void fail(const std::string &why) {
    throw RuntimeError(what_ + ": invalid JSON at byte " + std::to_string(pos_) + ": " + why);
  }
  void skipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\t' || text_[pos_] == '\r'))
      ++pos_;
  }
  bool consume(char c) {
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!consume(c))
      fail(std::string("expected '") + c + "'");
  }
  bool literal(const char *word) {
    size_t n = std::char_traits<char>::length(word);
    if (text_.compare(pos_, n, word) != 0)
      return false;
    pos_ += n;
    return true;
  }

  Json parseValue(int depth) {
    if (depth > 64)
      fail("nested too deeply");
    skipSpace();
    if (pos_ >= text_.size())
      fail("unexpected end");
    char c = text_[pos_];
    if (c == '{') {
      ++pos_;
      Json object = Json::object();
      if (consume('}'))
        return object;
      do {
        skipSpace();
        std::string key = parseString();
        expect(':');
        object.set(key, parseValue(depth + 1));
      } while (consume(','));
      expect('}');
      return object;
    }
    if (c == '[') {
      ++pos_;
      Json array = Json::array();
      if (consume(']'))
        return array;
      do
        array.push(parseValue(depth + 1));
      while (consume(','));
      expect(']');
      return array;
    }
    if (c == '"')
      return Json(parseString());
    if (literal("true"))
      return Json(true);
    if (literal("false"))
      return Json(false);
    if (literal("null"))
      return Json();
    const char *start = text_.c_str() + pos_;
    char *end = nullptr;
    double value = std::strtod(start, &end);
    if (end == start)
      fail("unexpected character");
    pos_ += end - start;
    return Json(value);
  }

  std::string parseString() {
    if (pos_ >= text_.size() || text_[pos_] != '"')
      fail("expected a string");
    ++pos_;
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      char c = text_[pos_++];
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size())
        break;
      char e = text_[pos_++];
      switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        if (pos_ + 4 > text_.size())
          fail("bad \\u escape");
        unsigned code = std::strtoul(text_.substr(pos_, 4).c_str(), nullptr, 16);
        pos_ += 4;
        // Names in genc files are ASCII; other code points are kept as UTF-8.
        if (code < 0x80) {
          out += char(code);
        } else if (code < 0x800) {
          out += char(0xC0 | (code >> 6));
          out += char(0x80 | (code & 0x3F));
        } else {
          out += char(0xE0 | (code >> 12));
          out += char(0x80 | ((code >> 6) & 0x3F));
          out += char(0x80 | (code & 0x3F));
        }
        break;
      }
      default: out += e;
      }
    }
    if (pos_ >= text_.size())
      fail("unterminated string");
    ++pos_;
    return out;
  }

  const std::string &text_;
  const std::string &what_;
  size_t pos_ = 0;
};

void quote(const std::string &s, std::string &out) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof(buffer), "\\u%04x", c);
      out += buffer;
    } else {
      out += c;
    }
  }
  out += '"';
}

void dumpTo(const Json &j, std::string &out) {
  switch (j.kind()) {
  case Json::Kind::Null: out += "null"; return;
  case Json::Kind::Bool: out += j.number() != 0 ? "true" : "false"; return;
  case Json::Kind::Number: {
    double v = j.number();
    char buffer[32];
    if (v == std::floor(v) && std::fabs(v) < 9.0e15)
      std::snprintf(buffer, sizeof(buffer), "%.0f", v);
    else
      std::snprintf(buffer, sizeof(buffer), "%.17g", v);
    out += buffer;
    return;
  }
  case Json::Kind::String: quote(j.string(), out); return;
  case Json::Kind::Array: {
    out += '[';
    bool first = true;
    for (const Json &item : j.items()) {
      if (!first)
        out += ',';
      first = false;
      dumpTo(item, out);
    }
    out += ']';
    return;
  }
  case Json::Kind::Object: {
    out += '{';
    bool first = true;
    for (const auto &[key, value] : j.members()) {
      if (!first)
        out += ',';
      first = false;
      quote(key, out);
      out += ':';
      dumpTo(value, out);
    }
    out += '}';
    return;
  }
  }
}

[[noreturn]] void mismatch(const char *expected) {
  throw RuntimeError(std::string("malformed JSON: expected ") + expected);
}
} // namespace

Json Json::parse(const std::string &text, const std::string &what) {
  return Parser(text, what).document();
}

std::string Json::dump() const {
  std::string out;
  dumpTo(*this, out);
  return out;
}

double Json::number() const {
  if (kind_ != Kind::Number && kind_ != Kind::Bool)
    mismatch("a number");
  return number_;
}

int64_t Json::integer() const {
  double v = number();
  if (v != std::floor(v))
    mismatch("an integer");
  return int64_t(v);
}

const std::string &Json::string() const {
  if (kind_ != Kind::String)
    mismatch("a string");
  return string_;
}

const std::vector<Json> &Json::items() const {
  if (kind_ != Kind::Array)
    mismatch("an array");
  return items_;
}

const std::map<std::string, Json> &Json::members() const {
  if (kind_ != Kind::Object)
    mismatch("an object");
  return members_;
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

const Json &Json::get(const std::string &key, const Json &fallback) const {
  return has(key) ? members_.at(key) : fallback;
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
