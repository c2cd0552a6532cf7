// train_toy.cpp - alternating GAN training of dsl_examples/gan_toy1d.gen,
// built with genc_add_model. Prints the mean of the generator's samples,
// which moves towards the data's mean (4) as training works (the steps'
// scratch memory taken from the system once, then reused), then saves the
// trained model (safetensors) and checks that a fresh model loaded from the
// file generates exactly the same samples. Last, the runtime's own trainer
// (what `genc train` runs) trains a fresh model for an epoch on the model's
// data source.
#include "toy.h"

#include "genc/runtime/KernelMemory.h"
#include "genc/runtime/Trainer.h"

#include <cmath>
#include <cstdio>
#include <random>

int main() {
  toy::Model model(/*seed=*/1);
  std::mt19937 rng(7);
  std::normal_distribution<float> data(4.0f, 0.5f);
  toy::Tensor x = toy::makeTensor({toy::kBatchSize, 1});
  toy::Tensor z = toy::makeTensor({toy::kBatchSize, 1});
  auto generatedMean = [&] {
    toy::Tensor samples;
    std::normal_distribution<float> noise(0.0f, 1.0f);   // the steps' normal(1)
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
  genc::rt::kernelmemory::Stats untrained = genc::rt::kernelmemory::stats(), warm;
  for (int step = 0; step < 1500; ++step) {
    for (float &v : x)
      v = data(rng);
    d = model.d_step(x);
    g = model.g_step();
    if (step == 0)
      warm = genc::rt::kernelmemory::stats();
  }
  double after = generatedMean();
  std::printf("generated mean %.3f -> %.3f (data 4.0); last losses d %.4f g %.4f\n", before,
              after, d, g);
  bool ok = std::isfinite(d) && std::isfinite(g) && std::fabs(after - 4.0) < std::fabs(before - 4.0);
  genc::rt::kernelmemory::Stats trained = genc::rt::kernelmemory::stats();
  std::printf("kernel scratch blocks: %zu from the system, %zu reused\n", trained.fresh,
              trained.reused);
  size_t firstIteration = warm.fresh - untrained.fresh; // blocks the steps took
  ok &= firstIteration > 0 && trained.fresh == warm.fresh &&
        trained.reused - warm.reused >= 1499 * firstIteration;

  model.save("toy.safetensors");
  toy::Model restored(/*seed=*/99);
  restored.load("toy.safetensors");
  toy::Tensor mine, theirs;
  model.generator(z, mine);
  restored.generator(z, theirs);
  bool same = true;
  for (int i = 0; i < toy::kBatchSize; ++i)
    same &= mine(0, i) == theirs(0, i);
  std::printf("save/load round trip: %s\n", same ? "identical samples" : "DIFFERENT samples");
  ok &= same;
  try {
    restored.load("CMakeCache.txt");
    ok = false;
  } catch (const std::exception &e) {
    std::printf("loading a non-checkpoint fails: %s\n", e.what());
  }

  genc::rt::DataOptions dataOptions;
  dataOptions.trainLimit = 640; // whole batches of 64: this build has no remainder kernels
  dataOptions.testLimit = 256;
  genc::rt::Data toyData = genc::rt::loadData(model.manifest().inputs, dataOptions);
  toy::Model fresh(/*seed=*/5);
  genc::rt::TrainOptions options;
  options.epochs = 1;
  options.outDir = "trained";
  options.pictures = false;
  std::remove("trained/checkpoint.safetensors");
  ok &= genc::rt::train(fresh, toyData, options) == 0;
  std::printf("%s\n", ok ? "Success!" : "FAILED");
  return ok ? 0 : 1;
}
