//===- Files.cpp - Files and folders --------------------------------------===//
#include "genc/runtime/Files.h"
#include "genc/runtime/Error.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace genc::rt;
namespace fs = std::filesystem;

bool genc::rt::fileExists(const std::string &path) {
  std::error_code error;
  return fs::exists(path, error);
}

void genc::rt::createDirectories(const std::string &path) {
  std::error_code error;
  fs::create_directories(path, error);
  std::error_code ignored;
  if (fs::is_directory(path, ignored))
    return;
  if (!error || fs::exists(path, ignored))
    throw RuntimeError(path + ": not a folder");
  throw RuntimeError(path + ": cannot create the folder: " + error.message());
}

int genc::rt::openRegularFile(const std::string &path, uint64_t *size) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    throw RuntimeError(path + ": cannot open: " + std::strerror(errno));
  struct stat info;
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    throw RuntimeError(path + ": not a regular file");
  }
  if (size)
    *size = uint64_t(info.st_size);
  return fd;
}

std::vector<char> genc::rt::readRegularFile(const std::string &path, uint64_t limit) {
  uint64_t size = 0;
  int fd = openRegularFile(path, &size);
  if (size > limit) {
    ::close(fd);
    throw RuntimeError(path + ": too large (" + std::to_string(size) + " bytes; at most " +
                       std::to_string(limit) + ")");
  }
  std::vector<char> bytes(static_cast<size_t>(size));
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      int error = errno;
      ::close(fd);
      throw RuntimeError(path + ": " +
                         (n == 0 ? std::string("changed while read") : std::strerror(error)));
    }
    done += size_t(n);
  }
  ::close(fd);
  return bytes;
}

uint64_t genc::rt::physicalMemoryBytes() {
  long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
  return pages > 0 && pageSize > 0 ? uint64_t(pages) * uint64_t(pageSize) : uint64_t(1) << 40;
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  static std::atomic<unsigned> serial{0};
  while (fd_ < 0) {
    temporary_ = path_ + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(serial++);
    fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd_ < 0 && errno != EEXIST)
      throw RuntimeError(path_ + ": cannot write: " + std::strerror(errno));
  }
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(temporary_.c_str());
  }
}

void AtomicFile::fail(int error) {
  ::close(fd_);
  fd_ = -1;
  ::unlink(temporary_.c_str());
  throw RuntimeError(path_ + ": cannot write: " + std::strerror(error));
}

void AtomicFile::write(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      fail(n < 0 ? errno : EIO);
    bytes.remove_prefix(size_t(n));
  }
}

void AtomicFile::commit() {
  if (::fsync(fd_) != 0)
    fail(errno);
  int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0 || std::rename(temporary_.c_str(), path_.c_str()) != 0) {
    int error = errno;
    ::unlink(temporary_.c_str());
    throw RuntimeError(path_ + ": cannot write: " + std::strerror(error));
  }
  // The rename itself must reach the disk too.
  fs::path folder = fs::path(path_).parent_path();
  if (int folderFd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_CLOEXEC);
      folderFd >= 0) {
    ::fsync(folderFd);
    ::close(folderFd);
  }
}

void genc::rt::writeFileAtomically(const std::string &path, std::string_view bytes) {
  AtomicFile file(path);
  file.write(bytes);
  file.commit();
}

void genc::rt::removeStaleTemporaries(const std::string &path) {
  fs::path folder = fs::path(path).parent_path();
  std::string prefix = fs::path(path).filename().string() + ".tmp";
  std::error_code error;
  for (fs::directory_iterator it(folder.empty() ? "." : folder, error), end; !error && it != end;
       it.increment(error))
    if (it->path().filename().string().compare(0, prefix.size(), prefix) == 0)
      fs::remove(it->path(), error);
}
