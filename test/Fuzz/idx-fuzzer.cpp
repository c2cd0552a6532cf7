//===- idx-fuzzer.cpp - libFuzzer target for IDX data files ----------------===//
//
// Reads the input (plain or gzip) as IDX images and as IDX labels; what is
// accepted must hold exactly what its header says.
//
//===----------------------------------------------------------------------===//
#include "RuntimeFuzzing.h"

#include "genc/runtime/Data.h"

using namespace genc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string path = fuzz::inputFile(data, size);
  fuzz::expectCleanRejection(path + ": ", [&] {
    rt::IdxImages images = rt::readIdxImages(path);
    if (images.values.size() !=
        uint64_t(images.count) * uint64_t(images.rows) * uint64_t(images.cols))
      fuzz::fail("images whose values do not match their header");
    for (float v : images.values)
      if (!(v >= 0 && v <= 1))
        fuzz::fail("a pixel outside [0, 1]");
  });
  fuzz::expectCleanRejection(path + ": ", [&] { rt::readIdxLabels(path); });
  return 0;
}
