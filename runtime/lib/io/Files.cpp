//===- Files.cpp - Output folders -----------------------------------------===//
#include "genc/runtime/Files.h"
#include "genc/runtime/Error.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace genc::rt;

bool genc::rt::fileExists(const std::string &path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0;
}

void genc::rt::copyFile(const std::string &from, const std::string &to) {
  std::error_code error;
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing, error);
  if (error)
    throw RuntimeError(to + ": cannot copy " + from + " there: " + error.message());
}

void genc::rt::createDirectories(const std::string &path) {
  for (size_t slash = path.find('/', 1);; slash = path.find('/', slash + 1)) {
    std::string prefix = path.substr(0, slash);
    if (!prefix.empty() && mkdir(prefix.c_str(), 0755) != 0 && errno != EEXIST)
      throw RuntimeError(prefix + ": cannot create the folder: " + std::strerror(errno));
    if (slash == std::string::npos)
      break;
  }
  struct stat info;
  if (stat(path.c_str(), &info) != 0 || !S_ISDIR(info.st_mode))
    throw RuntimeError(path + ": not a folder");
}

int genc::rt::openRegularFile(const std::string &path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    throw RuntimeError(path + ": cannot open: " + std::strerror(errno));
  struct stat info;
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    throw RuntimeError(path + ": not a regular file");
  }
  return fd;
}

std::vector<char> genc::rt::readRegularFile(const std::string &path, uint64_t limit) {
  int fd = openRegularFile(path);
  struct stat info;
  fstat(fd, &info);
  if (uint64_t(info.st_size) > limit) {
    ::close(fd);
    throw RuntimeError(path + ": too large (" + std::to_string(info.st_size) + " bytes; at most " +
                       std::to_string(limit) + ")");
  }
  std::vector<char> bytes(size_t(info.st_size));
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
