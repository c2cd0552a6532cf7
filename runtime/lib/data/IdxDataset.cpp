//===- IdxDataset.cpp - The four files of an MNIST-style dataset ----------===//
//
// Fashion-MNIST, MNIST and their relatives ship as four IDX files with
// standard names, gzipped or not. A dataset directory must hold the training
// pair; the test pair may be absent (then the test split is empty).
//
//===----------------------------------------------------------------------===//
#include "data/DataSources.h"

#include "genc/runtime/Error.h"

#include <filesystem>

using namespace genc::rt;
using namespace genc::rt::detail;

namespace {

/// The path of `base` (".gz" preferred) in the directory, or "" when neither file exists.
std::string findIdxFile(const std::string &directory, const std::string &base) {
  for (const std::string &name : {base + ".gz", base}) {
    std::filesystem::path path = std::filesystem::path(directory) / name;
    if (std::filesystem::is_regular_file(path))
      return path.string();
  }
  return "";
}

[[noreturn]] void reportMissing(const IdxLocation &where, const std::string &base, bool train) {
  if (where.debianPackage)
    throw RuntimeError(where.name + ": not found in " + where.directory +
                       " (install the Debian package dataset-fashion-mnist, or pass --data DIR)");
  throw RuntimeError(where.directory + ": no " + base + ".gz or " + base +
                     (train ? " (a data directory needs the training files)"
                            : " (the test split needs both of its files or neither)"));
}

} // namespace

std::optional<IdxSplit> genc::rt::detail::loadIdxSplit(const IdxLocation &where, bool train,
                                                       bool needImages, bool needLabels,
                                                       int64_t keep) {
  std::string prefix = train ? "train" : "t10k";
  std::vector<std::pair<std::string, std::string>> wanted; // {base name, path or ""}
  if (needImages)
    wanted.push_back({prefix + "-images-idx3-ubyte", ""});
  if (needLabels)
    wanted.push_back({prefix + "-labels-idx1-ubyte", ""});
  size_t found = 0;
  for (auto &[base, path] : wanted) {
    path = findIdxFile(where.directory, base);
    found += !path.empty();
  }
  if (!train && found == 0)
    return std::nullopt;
  for (auto &[base, path] : wanted)
    if (path.empty())
      reportMissing(where, base, train);

  IdxSplit split;
  if (needImages) {
    split.imagesPath = wanted.front().second;
    split.images = readIdxImages(split.imagesPath, keep);
    split.count = split.images.inFile;
  }
  if (needLabels) {
    split.labelsPath = wanted.back().second;
    split.labels = readIdxLabels(split.labelsPath);
    if (needImages && int64_t(split.labels.size()) != split.count)
      throw RuntimeError(split.labelsPath + ": " + std::to_string(split.labels.size()) +
                         " labels, but " + split.imagesPath + " holds " +
                         std::to_string(split.count) + " images");
    split.count = int64_t(split.labels.size());
  }
  return split;
}
