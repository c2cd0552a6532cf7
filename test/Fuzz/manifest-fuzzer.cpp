//===- manifest-fuzzer.cpp - libFuzzer target for cache manifests ---------===//
//
// Parses the input as a model manifest (<name>.manifest.json), whose
// validation stands between a tampered cache and the runtime's allocations.
//
//===----------------------------------------------------------------------===//
#include "RuntimeFuzzing.h"

#include "genc/runtime/Manifest.h"

using namespace genc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  fuzz::expectCleanRejection("fuzz.manifest.json: ", [&] {
    rt::Manifest manifest = rt::Manifest::parse(text, "fuzz.manifest.json");
    // What the runtime computes from an accepted manifest must not overflow.
    for (const rt::ParamSpec &param : manifest.params)
      rt::elementCount(param.shape);
  });
  return 0;
}
