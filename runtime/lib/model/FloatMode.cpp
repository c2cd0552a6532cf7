//===- FloatMode.cpp - The floating-point mode kernels run in -------------===//
#include "genc/runtime/FloatMode.h"

#if defined(__x86_64__) || (defined(__i386__) && defined(__SSE__))
#define GENC_MXCSR 1
#include <xmmintrin.h>
#endif

using namespace genc::rt;

namespace {
#if GENC_MXCSR
constexpr uint64_t kFlushBits = 0x8040; // MXCSR: flush to zero (15), denormals are zero (6)
uint64_t readMode() { return _mm_getcsr(); }
void writeMode(uint64_t mode) { _mm_setcsr(unsigned(mode)); }
#elif defined(__aarch64__)
constexpr uint64_t kFlushBits = uint64_t(1) << 24; // FPCR.FZ
uint64_t readMode() {
  uint64_t fpcr;
  asm volatile("mrs %0, fpcr" : "=r"(fpcr));
  return fpcr;
}
void writeMode(uint64_t mode) { asm volatile("msr fpcr, %0" : : "r"(mode)); }
#else
constexpr uint64_t kFlushBits = 0; // other hosts keep their mode
uint64_t readMode() { return 0; }
void writeMode(uint64_t) {}
#endif
} // namespace

FlushSubnormals::FlushSubnormals() : saved_(readMode()) {
  if ((saved_ & kFlushBits) != kFlushBits)
    writeMode(saved_ | kFlushBits);
}

// Only the flush bits go back: the exception flags the kernel raised stay.
FlushSubnormals::~FlushSubnormals() {
  if ((saved_ & kFlushBits) != kFlushBits)
    writeMode((readMode() & ~kFlushBits) | (saved_ & kFlushBits));
}
