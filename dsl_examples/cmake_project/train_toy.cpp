// train_toy.cpp - alternating GAN training of dsl_examples/gan_toy1d.gen,
// built with genc_add_model. Prints the mean of the generator's samples,
// which moves towards the data's mean (4) as training works.
#include "toy.h"

#include <cmath>
#include <cstdio>

int main() {
  toy::Model model(/*seed=*/1);
  std::mt19937 rng(7);
  std::normal_distribution<float> data(4.0f, 0.5f);
  toy::Tensor x = toy::makeTensor({toy::kBatchSize, 1});
  auto generatedMean = [&] {
    toy::Tensor z = toy::makeTensor({toy::kBatchSize, 1});
    toy::Tensor samples;
    std::uniform_real_distribution<float> noise(-1.0f, 1.0f);
    for (float &v : z)
      v = noise(rng);
    model.generator(z, samples);
    double sum = 0;
    for (float v : samples)
      sum += v;
    return sum / toy::kBatchSize;
  };
  double before = generatedMean();
  float d = 0, g = 0;
  for (int step = 0; step < 1500; ++step) {
    for (float &v : x)
      v = data(rng);
    d = model.d_step(x);
    g = model.g_step();
  }
  double after = generatedMean();
  std::printf("generated mean %.3f -> %.3f (data 4.0); last losses d %.4f g %.4f\n", before,
              after, d, g);
  bool ok = std::isfinite(d) && std::isfinite(g) && std::fabs(after - 4.0) < std::fabs(before - 4.0);
  std::printf("%s\n", ok ? "Success!" : "FAILED");
  return ok ? 0 : 1;
}
