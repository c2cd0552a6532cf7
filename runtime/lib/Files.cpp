//===- Files.cpp - Output folders -----------------------------------------===//
#include "genc/runtime/Files.h"
#include "genc/runtime/Error.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

using namespace genc::rt;

bool genc::rt::fileExists(const std::string &path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0;
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
