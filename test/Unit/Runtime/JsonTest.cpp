//===- JsonTest.cpp - Strict JSON, one-line errors, exact integers --------===//
#include "genc/runtime/Error.h"
#include "io/Json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <clocale>
#include <cmath>

using namespace genc::rt;
using ::testing::HasSubstr;

namespace {
std::string parseError(const std::string &text) {
  try {
    Json::parse(text, "f.json");
  } catch (const RuntimeError &e) {
    return e.what();
  }
  return "(parsed)";
}

TEST(Json, RejectsWhatJsonIsNot) {
  for (const char *text : {"nan", "[NaN]", "[inf]", "[-Infinity]", "[0x10]", "[1,]", "{\"a\" 1}",
                           "\"\\u12\"", "\"\\uZZZZ\"", "[1] 2", "", "\"\xff\""})
    EXPECT_THAT(parseError(text), HasSubstr("f.json: invalid JSON at byte")) << text;
}

TEST(Json, NumbersBeyondADoubleAreOneLineErrors) {
  // Found by json-fuzzer: nlohmann throws out_of_range, not parse_error.
  EXPECT_EQ(parseError("[1e400]"), "f.json: invalid JSON: number overflow parsing '1e400'");
}

TEST(Json, FallbackOutlivesARangeFor) {
  // Found by manifest-fuzzer: get() returned a reference to its temporary
  // fallback, which died before the loop ran.
  Json j = Json::parse("{}", "f.json");
  int n = 0;
  for (const Json &item : j.get("missing", Json::array().push(1).push(2)).items())
    n += int(item.integer());
  EXPECT_EQ(n, 3);
}

TEST(Json, NumbersIgnoreTheLocale) {
  // A locale whose decimal separator is a comma must not change parsing.
  const char *previous = std::setlocale(LC_NUMERIC, "de_DE.UTF-8");
  Json j = Json::parse("[0.5, 1e-3]", "f.json");
  EXPECT_EQ(j.items()[0].number(), 0.5);
  EXPECT_EQ(j.items()[1].number(), 1e-3);
  if (previous)
    std::setlocale(LC_NUMERIC, "C");
}

TEST(Json, IntegersAreExactOrRefused) {
  EXPECT_EQ(Json::parse("[9007199254740992]", "f").items()[0].integer(), int64_t(1) << 53);
  EXPECT_EQ(Json::parse("[-42]", "f").items()[0].integer(), -42);
  for (const char *text : {"[9223372036854775808]", "[1e300]", "[2.5]", "[18446744073709551615]"})
    EXPECT_THROW(Json::parse(text, "f").items()[0].integer(), RuntimeError) << text;
}

TEST(Json, EscapesRoundTrip) {
  Json j = Json::parse("\"a\\u00e9\\n\\\"b\\ud83d\\ude00\"", "f");
  EXPECT_EQ(j.string(), "a\xc3\xa9\n\"b\xf0\x9f\x98\x80");
  EXPECT_EQ(Json::parse(j.dump(), "f").string(), j.string());
}

TEST(Json, NonFiniteNumbersAreWrittenAsNull) {
  Json j = Json::array().push(Json(NAN)).push(Json(INFINITY)).push(Json(0.1));
  EXPECT_EQ(j.dump(), "[null,null,0.1]");
}

TEST(Json, DeepNestingIsAnError) {
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  EXPECT_THAT(parseError(deep), HasSubstr("nested more than"));
}
} // namespace
