//===- ThreadPool.cpp - The workers of the kernels' parallel loops ---------===//
#include "genc/runtime/ThreadPool.h"

#include "genc/runtime/FloatMode.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

namespace genc::rt::threadpool {
namespace {
void relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

/// Waits until `ready()`: pauses at first, then yields the core, so that a
/// worker preempted in the middle of a task (more threads than cores) gets
/// to finish it.
template <typename Ready> void waitUntil(Ready ready) {
  for (unsigned pauses = 0; !ready();) {
    if (pauses < 4096) {
      relax();
      ++pauses;
    } else {
      std::this_thread::yield();
    }
  }
}

int envInt(const char *name, int fallback) {
  const char *text = std::getenv(name);
  char *end = nullptr;
  long value = text ? std::strtol(text, &end, 10) : 0;
  return text && end != text && *end == '\0' && value > 0 && value < 1 << 20
             ? static_cast<int>(value)
             : fallback;
}

/// One thread's share of a loop's tasks, [begin, end) packed in one word:
/// its owner takes them from the front, a thread done with its own share
/// takes from the back.
struct alignas(64) Share {
  std::atomic<uint64_t> range{0};

  void assign(uint32_t begin, uint32_t end) { range.store(uint64_t(end) << 32 | begin); }

  /// The next task from the front (owner) or the back (thief), or -1.
  int take(bool front) {
    uint64_t r = range.load();
    for (;;) {
      uint32_t begin = uint32_t(r), end = uint32_t(r >> 32);
      if (begin >= end)
        return -1;
      uint64_t rest = front ? uint64_t(end) << 32 | (begin + 1) : uint64_t(end - 1) << 32 | begin;
      if (range.compare_exchange_weak(r, rest))
        return static_cast<int>(front ? begin : end - 1);
    }
  }
};

/// One parallel loop. Each thread starts on its own contiguous share of the
/// tasks, the same share at every call of a loop: a thread then finds in
/// its core's cache the weights it read in the previous step (handing tasks
/// out in order instead cost the VAE step 5 % on two threads). A thread
/// done early takes what is left of the others' shares.
struct Loop {
  HalideTask task;
  void *userContext;
  uint8_t *closure;
  int min, extent;
  Share *shares;
  int threads;
  std::atomic<int> done{0}, error{0};

  /// Runs tasks until none is left; counts them into `done` once (a count
  /// per task would bounce its cache line between the threads).
  void run(int thread) {
    int ran = 0;
    for (int i = 0; i < threads; ++i) {
      Share &share = shares[(thread + i) % threads];
      for (int index = share.take(i == 0); index >= 0; index = share.take(i == 0), ++ran) {
        if (int result = task(userContext, min + index, closure)) {
          int none = 0;
          error.compare_exchange_strong(none, result);
        }
      }
    }
    done.fetch_add(ran);
  }
};

/// Set on the workers, and on a caller while it runs its own loop's tasks:
/// a loop started there runs serially.
thread_local bool insideLoop = false;

class Pool {
public:
  Pool() : wanted(defaultThreads() - 1), spinNanoseconds(1000L * envInt("GENC_SPIN_US", 200)) {}

  /// HL_NUM_THREADS, as for Halide's own pool, else one per core.
  static int defaultThreads() {
    return envInt("HL_NUM_THREADS", std::max(1u, std::thread::hardware_concurrency()));
  }

  int parallelFor(void *userContext, HalideTask task, int min, int extent, uint8_t *closure) {
    auto serially = [&] { // every task, as in parallel; the first error
      int error = 0;
      for (int i = 0; i < extent; ++i)
        if (int result = task(userContext, min + i, closure); result && !error)
          error = result;
      return error;
    };
    int workers = wanted.load();
    // (A caller inside its loop holds `callers`: it must not try it again.)
    if (extent <= 1 || workers == 0 || insideLoop)
      return serially();
    std::unique_lock<std::mutex> sole(callers, std::try_to_lock);
    if (!sole.owns_lock())
      return serially();
    // A worker started now takes part in this loop, published below. (If
    // the system has no thread to give, the loop runs on those there are.)
    try {
      for (; started < workers; ++started)
        std::thread([this, id = started, seen = generation.load()] { work(id, seen); }).detach();
    } catch (...) { // std::system_error, std::bad_alloc
      wanted.store(started);
    }
    int threads = std::min(workers, started) + 1;
    if (shares.size() < size_t(threads))
      shares = std::vector<Share>(threads);
    for (int i = 0; i < threads; ++i)
      shares[i].assign(uint32_t(int64_t(extent) * i / threads),
                       uint32_t(int64_t(extent) * (i + 1) / threads));
    Loop loop{task, userContext, closure, min, extent, shares.data(), threads};
    current.store(&loop);
    {
      std::lock_guard<std::mutex> lock(sleepMutex);
      generation.fetch_add(1);
      if (sleepers)
        wake.notify_all();
    }
    insideLoop = true;
    loop.run(0);
    insideLoop = false;
    waitUntil([&] { return loop.done.load() == extent; });
    // No worker may still hold the loop when it goes out of scope: one
    // that registers after this point finds `current` empty.
    current.store(nullptr);
    waitUntil([&] { return users.load() == 0; });
    return loop.error.load();
  }

  std::atomic<int> wanted; // workers that take tasks
  std::atomic<long> spinNanoseconds;

private:
  void work(int id, uint64_t seen) {
    FlushSubnormals flushed; // as Model::run calls the kernels
    insideLoop = true;
    for (;;) {
      waitForLoop(seen);
      seen = generation.load();
      if (id >= wanted.load())
        continue;
      users.fetch_add(1);
      if (Loop *loop = current.load())
        loop->run(std::min(id + 1, loop->threads - 1));
      users.fetch_sub(1);
    }
  }

  /// Spins until a loop newer than `seen` starts, then sleeps.
  void waitForLoop(uint64_t seen) {
    auto start = std::chrono::steady_clock::now();
    auto spin = std::chrono::nanoseconds(spinNanoseconds.load());
    for (unsigned i = 1; generation.load() == seen; ++i) {
      relax();
      if (i % 64 == 0 && std::chrono::steady_clock::now() - start > spin) {
        std::unique_lock<std::mutex> lock(sleepMutex);
        ++sleepers;
        wake.wait(lock, [&] { return generation.load() != seen; });
        --sleepers;
        return;
      }
    }
  }

  std::mutex callers; // one loop at a time uses the workers
  int started = 0;    // (guarded by callers)
  std::vector<Share> shares; // (guarded by callers)
  std::atomic<uint64_t> generation{0};
  std::atomic<Loop *> current{nullptr};
  std::atomic<int> users{0};
  std::mutex sleepMutex;
  std::condition_variable wake;
  int sleepers = 0; // (guarded by sleepMutex)
};

/// Never destroyed: its detached workers outlive main.
Pool &pool() {
  static Pool *instance = new Pool;
  return *instance;
}
} // namespace

int parallelFor(void *userContext, HalideTask task, int min, int extent, uint8_t *closure) {
  return pool().parallelFor(userContext, task, min, extent, closure);
}

void setThreads(int threads) {
  int total = threads > 0 ? threads : Pool::defaultThreads();
  pool().wanted.store(total - 1);
}

int threads() { return pool().wanted.load() + 1; }

void setSpinMicroseconds(int microseconds) {
  pool().spinNanoseconds.store(1000L * std::max(0, microseconds));
}
} // namespace genc::rt::threadpool
