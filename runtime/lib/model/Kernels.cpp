//===- Kernels.cpp - Finding a model's compiled entry points -------------===//
#include "genc/runtime/Kernels.h"
#include "genc/runtime/Error.h"

#include <dlfcn.h>
#include <mutex>

using namespace genc::rt;

namespace {
std::mutex errorMutex;
std::string kernelError;
} // namespace

void genc::rt::recordKernelError(void *, const char *message) {
  std::lock_guard<std::mutex> lock(errorMutex);
  if (kernelError.empty()) // the first error is the cause; later ones follow from it
    kernelError = message;
}

std::string genc::rt::takeKernelError() {
  std::lock_guard<std::mutex> lock(errorMutex);
  std::string message;
  std::swap(message, kernelError);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
    message.pop_back();
  return message;
}

EntryPoint StaticKernels::entryPoint(const std::string &symbol) const {
  auto it = entries_.find(symbol);
  if (it == entries_.end())
    throw RuntimeError("compiled function '" + symbol + "' is not linked into this program");
  return it->second;
}

SharedLibraryKernels::SharedLibraryKernels(const std::string &path) : path_(path) {
  handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_)
    throw RuntimeError(path + ": cannot load the compiled model: " + dlerror());
  if (void *address = dlsym(handle_, "halide_set_error_handler"))
    reinterpret_cast<SetErrorHandler>(address)(recordKernelError);
  if (void *address = dlsym(handle_, "halide_set_custom_do_par_for"))
    reinterpret_cast<SetDoParFor>(address)(threadpool::parallelFor);
  void *setMalloc = dlsym(handle_, "halide_set_custom_malloc");
  void *setFree = dlsym(handle_, "halide_set_custom_free");
  if (setMalloc && setFree) {
    reinterpret_cast<SetHalideMalloc>(setMalloc)(kernelmemory::allocate);
    reinterpret_cast<SetHalideFree>(setFree)(kernelmemory::release);
  }
}

SharedLibraryKernels::~SharedLibraryKernels() {
  if (handle_)
    dlclose(handle_);
}

EntryPoint SharedLibraryKernels::entryPoint(const std::string &symbol) const {
  void *address = dlsym(handle_, (symbol + "_argv").c_str());
  if (!address)
    throw RuntimeError(path_ + ": has no compiled function '" + symbol + "'");
  return reinterpret_cast<EntryPoint>(address);
}

std::string SharedLibraryKernels::manifestText() const {
  auto *text = static_cast<const char *>(dlsym(handle_, "genc_manifest"));
  auto *size = static_cast<const unsigned long *>(dlsym(handle_, "genc_manifest_size"));
  if (!text || !size)
    throw RuntimeError(path_ + ": has no manifest compiled in (an older genc built it): "
                       "compile the model again");
  return std::string(text, *size);
}

void SharedLibraryKernels::setThreads(int threads) const {
  using SetThreads = int (*)(int);
  if (void *address = dlsym(handle_, "halide_set_num_threads"))
    reinterpret_cast<SetThreads>(address)(threads);
  threadpool::setThreads(threads);
}
