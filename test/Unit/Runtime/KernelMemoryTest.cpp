//===- KernelMemoryTest.cpp - The heap the compiled kernels allocate from -===//
#include "genc/runtime/KernelMemory.h"

#include <gtest/gtest.h>

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

TEST(KernelMemory, ThreadsAllocateAndFreeAtOnce) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t] {
      for (int i = 0; i < 2000; ++i) {
        auto *block = static_cast<int *>(kernelmemory::allocate(nullptr, 4096 * (1 + i % 3)));
        block[0] = t;
        block[1023] = i;
        EXPECT_EQ(block[0], t);
        kernelmemory::release(nullptr, block);
      }
    });
  for (std::thread &thread : threads)
    thread.join();
}
