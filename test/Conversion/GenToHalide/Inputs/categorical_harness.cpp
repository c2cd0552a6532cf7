// Runs cat_declared_latent (categorical(dec.logits) of Inputs/categorical.gen)
// on fixed logits log [1, 2, 5] and seeded uniform draws, and checks each row
// against Gumbel-max computed here (argmax_k logit_k - log(-log u_k), u kept
// at least FLT_MIN), every row one-hot, and the frequencies against
// softmax(logits) = [1/8, 2/8, 5/8]. Rows 0 and 1 draw u = 0.
#include "HalideBuffer.h"
#include "cat_declared_latent.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>

int main() {
  const int K = 3;
  const int B = 20000;
  Halide::Runtime::Buffer<float> logits(K), u(K, B), out(K, B); // innermost first
  const float weights[K] = {1, 2, 5};
  for (int k = 0; k < K; ++k)
    logits(k) = std::log(weights[k]);
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> uniform(0.f, 1.f);
  for (int n = 0; n < B; ++n)
    for (int k = 0; k < K; ++k)
      u(k, n) = uniform(rng);
  for (int k = 0; k < K; ++k)
    u(k, 0) = 0;
  u(2, 1) = 0;
  if (int rc = cat_declared_latent(logits, u, out)) {
    std::printf("cat_declared_latent failed: %d\n", rc);
    return 1;
  }
  int notOneHot = 0, mismatches = 0;
  double count[K] = {0, 0, 0};
  for (int n = 0; n < B; ++n) {
    int ones = 0, got = -1, want = 0;
    float bestScore = 0;
    for (int k = 0; k < K; ++k) {
      if (out(k, n) == 1) {
        ++ones;
        got = k;
      } else if (out(k, n) != 0) {
        ones = -1;
        break;
      }
      float v = std::fmax(u(k, n), std::numeric_limits<float>::min());
      float score = logits(k) - std::log(-std::log(v));
      if (k == 0 || score > bestScore) {
        bestScore = score;
        want = k;
      }
    }
    if (ones != 1) {
      ++notOneHot;
      continue;
    }
    count[got] += 1;
    mismatches += got != want;
  }
  std::printf("rows not one-hot: %d\n", notOneHot);
  std::printf("rows unlike the reference: %s\n", mismatches <= 5 ? "at most 5" : "more than 5");
  for (int k = 0; k < K; ++k) {
    double expected = weights[k] / 8, freq = count[k] / B;
    std::printf("category %d: %s\n", k,
                std::fabs(freq - expected) < 0.01 ? "frequency within 0.01 of softmax"
                                                  : "frequency off");
    if (std::fabs(freq - expected) >= 0.01)
      std::printf("  got %.4f, expected %.4f\n", freq, expected);
  }
  return 0;
}
