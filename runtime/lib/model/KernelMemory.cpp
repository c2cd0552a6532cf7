//===- KernelMemory.cpp - The heap the compiled kernels allocate from -----===//
#include "genc/runtime/KernelMemory.h"

#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <map>
#include <mutex>
#include <new>
#include <vector>

namespace genc::rt::kernelmemory {
namespace {
/// A block's header holds its size; the 64 bytes after the block are
/// padding, so reads just past either end stay inside the allocation.
constexpr size_t kAlignment = 64;

struct Cache {
  std::mutex mutex;
  std::map<size_t, std::vector<void *>> kept; // by size
  size_t keptBytes = 0, limit = size_t(1) << 30;
  Stats stats;
};

/// Never destroyed: kernels may free blocks during static destruction.
Cache &cache() {
  static Cache *instance = new Cache;
  return *instance;
}
} // namespace

void *allocate(void *, size_t size) {
  Cache &c = cache();
  {
    std::lock_guard<std::mutex> lock(c.mutex);
    auto it = c.kept.find(size);
    if (it != c.kept.end() && !it->second.empty()) {
      void *block = it->second.back();
      it->second.pop_back();
      c.keptBytes -= size;
      ++c.stats.reused;
      return block;
    }
    ++c.stats.fresh;
  }
  if (size > SIZE_MAX - 3 * kAlignment)
    return nullptr;
  size_t total = (size + 3 * kAlignment - 1) / kAlignment * kAlignment;
  auto *base = static_cast<char *>(std::aligned_alloc(kAlignment, total));
  if (!base)
    return nullptr;
  *reinterpret_cast<size_t *>(base) = size;
  return base + kAlignment;
}

void release(void *, void *ptr) {
  if (!ptr)
    return;
  char *base = static_cast<char *>(ptr) - kAlignment;
  size_t size = *reinterpret_cast<size_t *>(base);
  Cache &c = cache();
  {
    std::lock_guard<std::mutex> lock(c.mutex);
    if (c.keptBytes + size <= c.limit) {
      try { // (halide_free is called from C: nothing may escape it)
        c.kept[size].push_back(ptr);
        c.keptBytes += size;
        return;
      } catch (const std::bad_alloc &) {
      }
    }
  }
  std::free(base);
}

void setLimit(size_t bytes) {
  Cache &c = cache();
  std::vector<void *> surplus;
  {
    std::lock_guard<std::mutex> lock(c.mutex);
    c.limit = bytes;
    for (auto it = c.kept.begin(); it != c.kept.end() && c.keptBytes > c.limit;) {
      while (!it->second.empty() && c.keptBytes > c.limit) {
        surplus.push_back(it->second.back());
        it->second.pop_back();
        c.keptBytes -= it->first;
      }
      it = it->second.empty() ? c.kept.erase(it) : std::next(it);
    }
  }
  for (void *ptr : surplus)
    std::free(static_cast<char *>(ptr) - kAlignment);
}

Stats stats() {
  Cache &c = cache();
  std::lock_guard<std::mutex> lock(c.mutex);
  Stats s = c.stats;
  s.kept = c.keptBytes;
  return s;
}
} // namespace genc::rt::kernelmemory
