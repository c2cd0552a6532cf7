//===- Files.h - Output folders ------------------------------------*- C++ -*-===//
#ifndef GENC_RUNTIME_FILES_H
#define GENC_RUNTIME_FILES_H

#include <cstdint>
#include <string>
#include <vector>

namespace genc::rt {

/// Creates `path` and its missing parents (like mkdir -p); throws
/// RuntimeError naming the folder when that fails.
void createDirectories(const std::string &path);

bool fileExists(const std::string &path);

/// Copies `from` over `to`; throws a one-line RuntimeError naming them.
void copyFile(const std::string &from, const std::string &to);

/// The whole of a regular file of at most `limit` bytes; throws a one-line
/// RuntimeError naming `path` otherwise (a device such as /dev/zero, a
/// FIFO, which would block, or a folder). Opened without blocking.
std::vector<char> readRegularFile(const std::string &path, uint64_t limit = uint64_t(1) << 40);

/// A read-only descriptor of the regular file `path` (the checks of
/// readRegularFile); the caller closes it.
int openRegularFile(const std::string &path);

/// This machine's memory: what a file may claim to need before genc
/// refuses it instead of running out of memory.
uint64_t physicalMemoryBytes();

} // namespace genc::rt

#endif // GENC_RUNTIME_FILES_H
