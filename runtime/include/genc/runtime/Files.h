//===- Files.h - Files and folders ---------------------------------*- C++ -*-===//
//
// Every whole file the runtime writes (checkpoints, pictures, exported IDX
// data) goes through an AtomicFile, so a kill or a full disk leaves either
// the old file or the new one, never half of one. Only the logs
// (metrics.csv, steps.csv) are appended to in place.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_FILES_H
#define GENC_RUNTIME_FILES_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace genc::rt {

/// Creates `path` and its missing parents (like mkdir -p); throws
/// RuntimeError naming the folder when that fails.
void createDirectories(const std::string &path);

bool fileExists(const std::string &path);

/// The whole of a regular file of at most `limit` bytes; throws a one-line
/// RuntimeError naming `path` otherwise (a device such as /dev/zero, a
/// FIFO, which would block, or a folder). Opened without blocking.
std::vector<char> readRegularFile(const std::string &path, uint64_t limit = uint64_t(1) << 40);

/// A read-only descriptor of the regular file `path` (the checks of
/// readRegularFile), and its size in `*size` if asked; the caller closes it.
int openRegularFile(const std::string &path, uint64_t *size = nullptr);

/// This machine's memory: what a file may claim to need before genc
/// refuses it instead of running out of memory.
uint64_t physicalMemoryBytes();

/// A file that appears at `path` whole or not at all. What is written goes
/// to a fresh temporary beside it (PATH.tmp.PID.N; O_EXCL keeps concurrent
/// writers apart); commit() syncs it, renames it over `path` and syncs the
/// folder, so the rename survives a crash too. Destroyed uncommitted (after
/// an error), it removes the temporary and leaves `path` as it was. Every
/// failure is "PATH: cannot write: <reason>".
class AtomicFile {
public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile &) = delete;
  AtomicFile &operator=(const AtomicFile &) = delete;

  void write(std::string_view bytes);
  void commit();

private:
  [[noreturn]] void fail(int error);

  std::string path_, temporary_;
  int fd_ = -1;
};

/// Writes `bytes` as the whole of `path` through an AtomicFile.
void writeFileAtomically(const std::string &path, std::string_view bytes);

/// Removes the temporaries of AtomicFiles for `path` whose process was
/// killed mid-write (call while no other process writes `path`).
void removeStaleTemporaries(const std::string &path);

} // namespace genc::rt

#endif // GENC_RUNTIME_FILES_H
