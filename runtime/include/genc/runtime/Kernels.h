//===- Kernels.h - Finding a model's compiled entry points ---------*- C++ -*-===//
//
// Halide's AOT functions all have an `_argv` form, `int f_argv(void **)`,
// taking a pointer per argument in declaration order; the manifest gives
// that order. A program that links a model statically hands the runtime a
// table of those pointers (the generated header does); `genc train` loads
// them from the model's shared library instead.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_KERNELS_H
#define GENC_RUNTIME_KERNELS_H

#include "genc/runtime/KernelMemory.h"
#include "genc/runtime/ThreadPool.h"

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace genc::rt {

using EntryPoint = int (*)(void **);
using ErrorHandler = void (*)(void *, const char *);
using SetErrorHandler = ErrorHandler (*)(ErrorHandler);

/// Halide's runtime aborts the process on an error by default (a missing
/// GPU driver, an allocation failure). The runtime installs this handler
/// instead, so a failed kernel returns an error code and the message
/// becomes a RuntimeError: training never dies without its checkpoint.
void recordKernelError(void *userContext, const char *message);
/// The message recorded since the last call, or "" (and clears it).
std::string takeKernelError();

/// Where the entry points of compiled functions come from.
class KernelSource {
public:
  virtual ~KernelSource() = default;
  /// The `<symbol>_argv` entry point; throws RuntimeError if absent.
  virtual EntryPoint entryPoint(const std::string &symbol) const = 0;
  /// Sets how many threads run the kernels' parallel loops (0: one per
  /// core), in genc's pool (ThreadPool.h) and in Halide's own.
  virtual void setThreads(int threads) const = 0;
};

/// Entry points linked into the program (from the generated header). With
/// `setDoParFor`, their parallel loops run on genc's thread pool.
class StaticKernels : public KernelSource {
public:
  StaticKernels(std::map<std::string, EntryPoint> entries, int (*setThreads)(int),
                SetErrorHandler setErrorHandler, SetDoParFor setDoParFor = nullptr,
                SetHalideMalloc setMalloc = nullptr, SetHalideFree setFree = nullptr)
      : entries_(std::move(entries)), setThreads_(setThreads) {
    setErrorHandler(recordKernelError);
    if (setDoParFor)
      setDoParFor(threadpool::parallelFor);
    if (setMalloc && setFree) {
      setMalloc(kernelmemory::allocate);
      setFree(kernelmemory::release);
    }
  }
  EntryPoint entryPoint(const std::string &symbol) const override;
  void setThreads(int threads) const override {
    setThreads_(threads);
    threadpool::setThreads(threads);
  }

private:
  std::map<std::string, EntryPoint> entries_;
  int (*setThreads_)(int);
};

/// Entry points of a model's shared library (<name>.so), opened with its
/// own Halide runtime kept private (RTLD_LOCAL).
class SharedLibraryKernels : public KernelSource {
public:
  explicit SharedLibraryKernels(const std::string &path);
  ~SharedLibraryKernels() override;
  EntryPoint entryPoint(const std::string &symbol) const override;
  void setThreads(int threads) const override;
  /// The manifest text compiled into the library (`genc_manifest`); throws
  /// RuntimeError when it has none.
  std::string manifestText() const;

private:
  std::string path_;
  void *handle_ = nullptr;
};

} // namespace genc::rt

#endif // GENC_RUNTIME_KERNELS_H
