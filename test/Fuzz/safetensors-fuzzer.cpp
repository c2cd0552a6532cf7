//===- safetensors-fuzzer.cpp - libFuzzer target for checkpoint files -----===//
//
// Opens the input as a safetensors file (header length, JSON header, offsets,
// overlap, checksums) and reads back every tensor it accepts.
//
//===----------------------------------------------------------------------===//
#include "RuntimeFuzzing.h"

#include "genc/runtime/Manifest.h"
#include "genc/runtime/Safetensors.h"

#include <vector>

using namespace genc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string path = fuzz::inputFile(data, size);
  fuzz::expectCleanRejection(path + ": ", [&] {
    rt::SafetensorsFile file(path);
    for (const std::string &name : file.names()) {
      const std::vector<int64_t> &shape = file.shape(name);
      std::vector<float> values(size_t(rt::elementCount(shape)));
      file.read(name, shape, values.data());
    }
  });
  return 0;
}
