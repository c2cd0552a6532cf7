//===- KernelMemory.h - The heap the compiled kernels allocate from -*- C++ -*-===//
//
// A step's kernels allocate their intermediates (hundreds of KB each for
// the VAE at batch 128) on every call and free them before returning.
// glibc serves blocks that large with mmap and gives them back with munmap,
// so every call page-faults them in again: a program that calls the VAE
// step without tuning malloc ran it 4.6x slower (13.9 against 3.0 ms on two
// Zen 5 threads). The runtime installs this allocator in Halide's runtime
// (halide_set_custom_malloc) before any kernel of a model runs: a freed
// block is kept for the next request of its size, which every call of a
// step repeats. (It frees only blocks it allocated: a Halide runtime that
// allocated with its default malloc before must not free through it.)
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_KERNELMEMORY_H
#define GENC_RUNTIME_KERNELMEMORY_H

#include <cstddef>

namespace genc::rt {

/// Halide's allocator signatures, and the setters that install them.
using HalideMalloc = void *(*)(void *userContext, size_t size);
using HalideFree = void (*)(void *userContext, void *ptr);
using SetHalideMalloc = HalideMalloc (*)(HalideMalloc);
using SetHalideFree = HalideFree (*)(HalideFree);

namespace kernelmemory {
/// A block of at least `size` bytes, 64-byte aligned, readable 64 bytes
/// before and after (as Halide asks); nullptr when the system has none.
void *allocate(void *userContext, size_t size);
/// Keeps the block for the next request of its size, unless the kept
/// blocks would exceed the limit; then returns it to the system.
void release(void *userContext, void *ptr);

/// Bytes of freed blocks kept at most (default 1 GiB).
void setLimit(size_t bytes);

struct Stats {
  size_t fresh = 0;  // blocks taken from the system
  size_t reused = 0; // requests served by a kept block
  size_t kept = 0;   // bytes kept now
};
Stats stats();
} // namespace kernelmemory

} // namespace genc::rt

#endif // GENC_RUNTIME_KERNELMEMORY_H
