//===- HostTarget.cpp - Whether this machine runs a build's kernels -------===//
#include "genc/runtime/HostTarget.h"

#include <cstdint>
#include <sstream>
#include <vector>

#if defined(__x86_64__)
#include <cpuid.h>
#elif defined(__aarch64__)
#include <sys/auxv.h>
#endif

using namespace genc::rt;

namespace {
std::vector<std::string> split(const std::string &text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, separator);)
    parts.push_back(part);
  return parts;
}

#if defined(__x86_64__)
bool bit(uint32_t word, int index) { return (word >> index) & 1; }

struct CpuId {
  unsigned a = 0, b = 0, c = 0, d = 0;
  CpuId(unsigned leaf, unsigned subleaf) { __get_cpuid_count(leaf, subleaf, &a, &b, &c, &d); }
};

/// The x86 extensions Halide targets name, as CPUID reports them (and the
/// OS enables their registers: XCR0); nullopt for a name that is not one.
std::optional<bool> hostHas(const std::string &feature) {
  CpuId leaf1(1, 0), leaf7(7, 0), leaf7s1(7, 1), extended(0x80000001, 0);
  unsigned c1 = leaf1.c, b7 = leaf7.b, c7 = leaf7.c;
  uint64_t xcr0 = 0;
  if (bit(c1, 27)) { // OSXSAVE: XGETBV is available
    uint32_t low, high;
    __asm__("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    xcr0 = (uint64_t(high) << 32) | low;
  }
  bool avxState = (xcr0 & 0x6) == 0x6, avx512State = avxState && (xcr0 & 0xe0) == 0xe0;
  if (feature == "sse41")
    return bit(c1, 19);
  if (feature == "avx")
    return bit(c1, 28) && avxState;
  if (feature == "f16c")
    return bit(c1, 29) && avxState;
  if (feature == "fma")
    return bit(c1, 12) && avxState;
  if (feature == "fma4")
    return bit(extended.c, 16) && avxState;
  if (feature == "avx2")
    return bit(b7, 5) && avxState;
  if (feature == "avx512") // F and CD
    return bit(b7, 16) && bit(b7, 28) && avx512State;
  if (feature == "avx512_skylake") // and VL, BW, DQ
    return bit(b7, 16) && bit(b7, 28) && bit(b7, 31) && bit(b7, 30) && bit(b7, 17) &&
           avx512State;
  if (feature == "avx512_cannonlake") // and IFMA, VBMI
    return hostHas("avx512_skylake").value_or(false) && bit(b7, 21) && bit(c7, 1);
  if (feature == "avx512_sapphirerapids") // and VNNI, BF16
    return hostHas("avx512_cannonlake").value_or(false) && bit(c7, 11) && bit(leaf7s1.a, 5);
  if (feature == "avx512_knl") // and ER, PF
    return bit(b7, 16) && bit(b7, 28) && bit(b7, 27) && bit(b7, 26) && avx512State;
  return std::nullopt;
}
#elif defined(__aarch64__)
std::optional<bool> hostHas(const std::string &feature) {
  unsigned long hwcap = getauxval(AT_HWCAP), hwcap2 = getauxval(AT_HWCAP2);
  if (feature == "arm_dot_prod")
    return (hwcap >> 20) & 1; // ASIMDDP
  if (feature == "arm_fp16")
    return (hwcap >> 10) & 1; // ASIMDHP
  if (feature == "sve")
    return (hwcap >> 22) & 1;
  if (feature == "sve2")
    return hwcap2 & 2;
  return std::nullopt;
}
#else
std::optional<bool> hostHas(const std::string &) { return std::nullopt; }
#endif
} // namespace

std::string genc::rt::hostPlatform() {
#if defined(__x86_64__)
  const char *arch = "x86-64";
#elif defined(__aarch64__)
  const char *arch = "arm-64";
#else
  const char *arch = "unknown";
#endif
#if defined(__linux__)
  const char *os = "linux";
#elif defined(__APPLE__)
  const char *os = "osx";
#else
  const char *os = "unknown";
#endif
  return std::string(arch) + "-" + os;
}

std::optional<std::string> genc::rt::cannotRunHere(const std::string &halideTarget) {
  std::vector<std::string> parts = split(halideTarget, '-');
  if (parts.size() < 3)
    return "'" + halideTarget + "' is not a Halide target (arch-bits-os[-feature...])";
  std::string platform = parts[0] + "-" + parts[1] + "-" + parts[2];
  if (platform != hostPlatform())
    return "its kernels are built for " + platform + ", which this machine (" + hostPlatform() +
           ") cannot run";
  for (size_t i = 3; i < parts.size(); ++i)
    if (hostHas(parts[i]) == false)
      return "its kernels use " + parts[i] + ", which this CPU lacks";
  return std::nullopt;
}
