//===- RuntimeFuzzing.h - What the runtime readers' fuzz targets share ----===//
//
// The runtime's readers take paths (checkpoints, data files and manifests
// are files a user points genc at), so a fuzz input is written to a file of
// this process first. The one property every reader must have: bad bytes
// are a RuntimeError whose message is one line naming the file; anything
// else (another exception, a crash, a sanitizer report) aborts the run.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_TEST_FUZZ_RUNTIMEFUZZING_H
#define GENC_TEST_FUZZ_RUNTIMEFUZZING_H

#include "genc/runtime/Error.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace genc::fuzz {

[[noreturn]] inline void fail(const std::string &what) {
  std::fprintf(stderr, "\n==runtime-fuzzer== %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

/// The fuzz input as a file: one per process, rewritten for every input.
inline std::string inputFile(const uint8_t *data, size_t size) {
  static const std::string path = [] {
    const char *dir = std::getenv("TMPDIR");
    return std::string(dir && *dir ? dir : "/tmp") + "/genc-fuzz-input-" +
           std::to_string(::getpid());
  }();
  std::FILE *file = std::fopen(path.c_str(), "wb");
  if (!file || std::fwrite(data, 1, size, file) != size || std::fclose(file) != 0)
    fail("cannot write the input to " + path);
  return path;
}

/// Runs `read`; a RuntimeError must be one line that starts with `prefix`.
template <typename Read>
void expectCleanRejection(const std::string &prefix, Read read) {
  try {
    read();
  } catch (const genc::rt::RuntimeError &e) {
    std::string message = e.what();
    if (message.find('\n') != std::string::npos)
      fail("an error of more than one line: " + message);
    if (message.rfind(prefix, 0) != 0)
      fail("an error that does not start with '" + prefix + "': " + message);
  }
}

} // namespace genc::fuzz

#endif // GENC_TEST_FUZZ_RUNTIMEFUZZING_H
