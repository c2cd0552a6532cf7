//===- json-fuzzer.cpp - libFuzzer target for the runtime's JSON reader ---===//
//
// Parses the input; an accepted document must print and parse back to the
// same text, and typed access to its members must fail only cleanly.
//
//===----------------------------------------------------------------------===//
#include "RuntimeFuzzing.h"

#include "io/Json.h"

using namespace genc;

namespace {

/// Every typed accessor on every value: mismatches are RuntimeErrors.
void touch(const rt::Json &value) {
  fuzz::expectCleanRejection("", [&] { value.number(); });
  fuzz::expectCleanRejection("", [&] { value.integer(); });
  fuzz::expectCleanRejection("", [&] { value.integers(); });
  fuzz::expectCleanRejection("", [&] { value.string(); });
  fuzz::expectCleanRejection("", [&] { value["shape"]; });
  if (value.kind() == rt::Json::Kind::Array)
    for (const rt::Json &item : value.items())
      touch(item);
  if (value.kind() == rt::Json::Kind::Object)
    for (const auto &member : value.members())
      touch(member.second);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  fuzz::expectCleanRejection("fuzz.json: ", [&] {
    rt::Json value = rt::Json::parse(text, "fuzz.json");
    std::string printed = value.dump();
    std::string again = rt::Json::parse(printed, "fuzz.json (printed)").dump();
    if (again != printed)
      fuzz::fail("printing does not round-trip:\n" + printed + "\n" + again);
    touch(value);
  });
  return 0;
}
