//===- CommandsTest.cpp - The commands' flags and the host check ----------===//
#include "genc/runtime/Commands.h"
#include "genc/runtime/Error.h"
#include "genc/runtime/HostTarget.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

using namespace genc::rt;
using ::testing::HasSubstr;

namespace {
const CommandFlag &flag(const std::string &name) {
  for (const CommandFlag &f : commandFlags())
    if (name == f.name)
      return f;
  ADD_FAILURE() << "no flag --" << name;
  return commandFlags().front();
}

std::string setError(const std::string &name, const std::string &text) {
  CommandRequest request;
  try {
    setFlag(request, flag(name), text);
  } catch (const RuntimeError &e) {
    return e.what();
  }
  return "(set)";
}

TEST(CommandFlags, EachFlagOnceAndForSomeCommand) {
  std::set<std::string> names;
  for (const CommandFlag &f : commandFlags()) {
    EXPECT_TRUE(names.insert(f.name).second) << f.name;
    EXPECT_FALSE(f.commands.empty()) << f.name;
  }
  EXPECT_TRUE(flag("epochs").takes(Command::Train));
  EXPECT_FALSE(flag("epochs").takes(Command::Eval));
  EXPECT_TRUE(flag("checkpoint").takes(Command::Sample));
}

TEST(CommandFlags, ValuesOfEachType) {
  CommandRequest request;
  setFlag(request, flag("epochs"), "-3"); // negative: checked with the others by runCommand
  EXPECT_EQ(request.epochs, -3);
  setFlag(request, flag("seed"), "18446744073709551615");
  EXPECT_EQ(request.seed, UINT64_MAX);
  setFlag(request, flag("average"), "0.999");
  EXPECT_DOUBLE_EQ(request.average, 0.999);
  setFlag(request, flag("resume"), "");
  EXPECT_TRUE(request.resume);
  setFlag(request, flag("resume"), "false");
  EXPECT_FALSE(request.resume);
  setFlag(request, flag("data"), "toy1d:normal(4, 0.5)");
  EXPECT_EQ(request.data, "toy1d:normal(4, 0.5)");
}

TEST(CommandFlags, TextThatIsNotAValueNamesTheFlag) {
  EXPECT_EQ(setError("epochs", "2x"), "--epochs: '2x' is not an integer");
  EXPECT_EQ(setError("epochs", ""), "--epochs: '' is not an integer");
  EXPECT_EQ(setError("epochs", " 2"), "--epochs: ' 2' is not an integer");
  EXPECT_EQ(setError("limit", "99999999999999999999"),
            "--limit: '99999999999999999999' is not an integer");
  EXPECT_THAT(setError("seed", "-1"), HasSubstr("is not a number from 0 to"));
  EXPECT_THAT(setError("seed", "18446744073709551616"), HasSubstr("is not a number from 0 to"));
  EXPECT_EQ(setError("average", "inf"), "--average: 'inf' is not a finite number");
  EXPECT_EQ(setError("average", "1e999"), "--average: '1e999' is not a number");
  EXPECT_THAT(setError("resume", "yes"), HasSubstr("is not true or false"));
}

TEST(HostTarget, ThisMachineRunsItsOwnPlatformWithoutExtensions) {
  EXPECT_EQ(cannotRunHere(hostPlatform()), std::nullopt);
  // Features this check does not know (GPU APIs, Halide's options) pass.
  EXPECT_EQ(cannotRunHere(hostPlatform() + "-no_asserts-no_runtime-cuda"), std::nullopt);
}

TEST(HostTarget, AnotherPlatformOrAMissingExtensionIsRefused) {
  std::string other = hostPlatform() == "arm-64-linux" ? "x86-64-linux" : "arm-64-linux";
  EXPECT_THAT(cannotRunHere(other).value_or(""),
              HasSubstr("its kernels are built for " + other + ", which this machine"));
  std::string osx = hostPlatform().substr(0, hostPlatform().rfind('-')) + "-osx";
  EXPECT_THAT(cannotRunHere(osx).value_or(""), HasSubstr("its kernels are built for " + osx));
  EXPECT_THAT(cannotRunHere("x86").value_or(""), HasSubstr("is not a Halide target"));
#if defined(__x86_64__)
  // Xeon Phi's AVX-512 ER and PF: on no current CPU.
  EXPECT_EQ(cannotRunHere("x86-64-linux-sse41-avx512_knl").value_or(""),
            "its kernels use avx512_knl, which this CPU lacks");
#endif
}
} // namespace
