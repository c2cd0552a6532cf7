//===- Rng.h - The runtime's seeded, checkpointable random numbers -*- C++ -*-===//
//
// xoshiro256** (Blackman and Vigna): 256 bits of state that a checkpoint
// saves and restores, so a resumed run draws exactly the numbers the
// uninterrupted run would have drawn. Normals come from Box-Muller without a
// cached spare, so the state is the four words and nothing else.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_RNG_H
#define GENC_RUNTIME_RNG_H

#include <array>
#include <cmath>
#include <cstdint>
#include <string>

namespace genc::rt {

class Rng {
public:
  explicit Rng(uint64_t seed = 0, const std::string &stream = "") { reseed(seed, stream); }

  /// Seeds from a number and a stream name (FNV-1a of the name is mixed in),
  /// so independent consumers ("shuffle", "noise") never share a sequence.
  void reseed(uint64_t seed, const std::string &stream = "") {
    uint64_t hash = 1469598103934665603ULL;
    for (char c : stream)
      hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    uint64_t x = seed ^ hash;
    for (uint64_t &word : state_)
      word = splitmix64(x);
  }

  uint64_t next() {
    uint64_t result = rotl(state_[1] * 5, 7) * 9;
    uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  /// Uniform in [0, 1) with 53 random bits.
  double uniform() { return (next() >> 11) * 0x1.0p-53; }
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  /// Standard normal (Box-Muller; one uniform pair per draw).
  double normal() {
    double u1 = 1.0 - uniform(); // (0, 1]: log stays finite
    double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double normal(double mean, double stddev) { return mean + stddev * normal(); }
  /// Uniform integer in [0, n) (n > 0), without modulo bias.
  uint64_t below(uint64_t n) {
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do
      x = next();
    while (x >= limit);
    return x % n;
  }

  const std::array<uint64_t, 4> &state() const { return state_; }
  void setState(const std::array<uint64_t, 4> &state) { state_ = state; }

private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t splitmix64(uint64_t &x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::array<uint64_t, 4> state_{};
};

} // namespace genc::rt

#endif // GENC_RUNTIME_RNG_H
