//===- Error.h - The runtime's one error type ----------------------*- C++ -*-===//
//
// Everything the runtime rejects (data, checkpoints, flags, manifests) is a
// RuntimeError whose message is one line that names the file or flag and
// what is wrong; the command line prints it after "genc: error: ".
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_ERROR_H
#define GENC_RUNTIME_ERROR_H

#include <stdexcept>
#include <string>

namespace genc::rt {

class RuntimeError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace genc::rt

#endif // GENC_RUNTIME_ERROR_H
