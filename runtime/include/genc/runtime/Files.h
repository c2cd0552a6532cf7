//===- Files.h - Output folders ------------------------------------*- C++ -*-===//
#ifndef GENC_RUNTIME_FILES_H
#define GENC_RUNTIME_FILES_H

#include <string>

namespace genc::rt {

/// Creates `path` and its missing parents (like mkdir -p); throws
/// RuntimeError naming the folder when that fails.
void createDirectories(const std::string &path);

bool fileExists(const std::string &path);

} // namespace genc::rt

#endif // GENC_RUNTIME_FILES_H
