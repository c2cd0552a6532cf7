//===- Communicator.cpp - Finding the processes of a run ------------------===//
#include "genc/runtime/Communicator.h"
#include "genc/runtime/Error.h"

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <limits.h>
#include <unistd.h>

using namespace genc::rt;

void SingleProcess::abort(int code) {
  std::fflush(nullptr);
  std::_Exit(code);
}

namespace {
/// The variables MPI launchers set for each process they start, with the
/// process count: Open MPI's mpirun, MPICH's Hydra, PMIx launchers (srun).
const char *const kLauncherSizes[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"};

/// Where the plugin is: $GENC_MPI_PLUGIN, else beside this executable's
/// libraries (GENC_PLUGIN_FROM_BIN, set by the build), else the loader's path.
std::vector<std::string> pluginCandidates() {
  if (const char *explicitPath = std::getenv("GENC_MPI_PLUGIN"))
    return {explicitPath};
  std::vector<std::string> paths;
  char self[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (n > 0) {
    std::string exe(self, size_t(n));
    paths.push_back(exe.substr(0, exe.rfind('/')) + "/" GENC_PLUGIN_FROM_BIN "/libgenc-mpi.so");
  }
  paths.push_back("libgenc-mpi.so");
  return paths;
}
} // namespace

int genc::rt::launchedProcessCount() {
  for (const char *name : kLauncherSizes)
    if (const char *value = std::getenv(name)) {
      int count = std::atoi(value);
      return count > 0 ? count : 1;
    }
  return 1;
}

std::unique_ptr<Communicator> genc::rt::joinLaunchedProcesses() {
  const char *launcher = nullptr;
  for (const char *name : kLauncherSizes)
    if (std::getenv(name))
      launcher = name;
  if (!launcher)
    return std::make_unique<SingleProcess>();
  // RTLD_GLOBAL: Open MPI's own components resolve symbols of libmpi.
  void *plugin = nullptr;
  std::string tried;
  for (const std::string &path : pluginCandidates()) {
    plugin = ::dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
    if (plugin)
      break;
    tried += (tried.empty() ? "" : "; ") + std::string(::dlerror());
  }
  if (!plugin)
    throw RuntimeError(std::string("started by an MPI launcher (") + launcher + " is set), but "
                       "genc's MPI plugin cannot be loaded (" + tried + "): build genc with MPI "
                       "(libopenmpi-dev) or set GENC_MPI_PLUGIN");
  using Join = Communicator *(*)(char *, size_t);
  auto join = reinterpret_cast<Join>(::dlsym(plugin, "genc_mpi_join_v2"));
  if (!join)
    throw RuntimeError("genc's MPI plugin has no genc_mpi_join_v2: it is from another genc "
                       "build (GENC_MPI_PLUGIN, or the loader's path)");
  char error[256] = "";
  Communicator *world = join(error, sizeof(error));
  if (!world)
    throw RuntimeError(std::string("cannot join the MPI processes: ") + error);
  return std::unique_ptr<Communicator>(world);
}
