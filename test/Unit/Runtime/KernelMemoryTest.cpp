//===- KernelMemoryTest.cpp - The heap the compiled kernels allocate from -===//
#include "genc/runtime/KernelMemory.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

using namespace genc::rt;

TEST(KernelMemory, BlocksAreAlignedAndPadded) {
  for (size_t size : {1, 63, 64, 1000, 1 << 20}) {
    auto *block = static_cast<unsigned char *>(kernelmemory::allocate(nullptr, size));
    ASSERT_NE(block, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(block) % 64, 0u) << size;
    std::memset(block, 0xab, size + 64); // the padding after the block is ours
    kernelmemory::release(nullptr, block);
  }
}

TEST(KernelMemory, AFreedBlockServesTheNextRequestOfItsSize) {
  kernelmemory::Stats before = kernelmemory::stats();
  void *first = kernelmemory::allocate(nullptr, 300000);
  kernelmemory::release(nullptr, first);
  void *other = kernelmemory::allocate(nullptr, 300001); // another size: a new block
  void *again = kernelmemory::allocate(nullptr, 300000);
  EXPECT_EQ(again, first);
  EXPECT_NE(other, first);
  kernelmemory::Stats after = kernelmemory::stats();
  EXPECT_EQ(after.fresh - before.fresh, 2u);
  EXPECT_EQ(after.reused - before.reused, 1u);
  kernelmemory::release(nullptr, other);
  kernelmemory::release(nullptr, again);
  EXPECT_EQ(kernelmemory::stats().kept - before.kept, 600001u);
}

TEST(KernelMemory, KeepsNoMoreThanItsLimit) {
  kernelmemory::setLimit(0); // gives back what is kept
  EXPECT_EQ(kernelmemory::stats().kept, 0u);
  kernelmemory::setLimit(100000);
  void *small = kernelmemory::allocate(nullptr, 60000);
  void *large = kernelmemory::allocate(nullptr, 60000);
  kernelmemory::release(nullptr, small);
  kernelmemory::release(nullptr, large); // over the limit: freed
  EXPECT_EQ(kernelmemory::stats().kept, 60000u);
  kernelmemory::setLimit(size_t(1) << 30);
}

// Threads holding blocks of the same sizes at once never share one.
TEST(KernelMemory, ThreadsAllocateAndFreeAtOnce) {
  std::vector<std::thread> threads;
  std::atomic<int> overwritten{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t, &overwritten] {
      for (int i = 0; i < 500; ++i) {
        std::vector<int *> held;
        for (int b = 0; b < 3; ++b) {
          size_t words = 1024 * (1 + b);
          auto *block = static_cast<int *>(kernelmemory::allocate(nullptr, words * sizeof(int)));
          std::fill(block, block + words, t);
          held.push_back(block);
        }
        std::this_thread::yield();
        for (int b = 0; b < 3; ++b) {
          size_t words = 1024 * (1 + b);
          if (std::count(held[b], held[b] + words, t) != std::ptrdiff_t(words))
            overwritten.fetch_add(1);
          kernelmemory::release(nullptr, held[b]);
        }
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(overwritten.load(), 0);
}
