//===- ThreadPoolTest.cpp - The kernels' parallel loops ------------------===//
#include "genc/runtime/ThreadPool.h"
#include "TestUtil.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace genc::rt;

namespace {
/// What a loop's tasks saw: how often each index ran, and on which threads.
struct Record {
  std::vector<std::atomic<int>> runs;
  std::mutex mutex;
  std::set<std::thread::id> threads;
  explicit Record(int n) : runs(n) {}
};

int countTask(void *context, int index, uint8_t *closure) {
  auto *record = reinterpret_cast<Record *>(closure);
  record->runs[index].fetch_add(1);
  std::lock_guard<std::mutex> lock(record->mutex);
  record->threads.insert(std::this_thread::get_id());
  return 0;
}

/// Tasks 0 and 1 each wait (up to 10 s) until both have started: they can
/// only both finish promptly when two threads run them at once.
struct Meeting {
  std::atomic<int> arrived{0};
  std::atomic<int> met{0};
};
int meetTask(void *, int index, uint8_t *closure) {
  auto *meeting = reinterpret_cast<Meeting *>(closure);
  if (index > 1)
    return 0;
  meeting->arrived.fetch_add(1);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (meeting->arrived.load() < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  if (meeting->arrived.load() == 2)
    meeting->met.fetch_add(1);
  return 0;
}

/// Restores the pool's size after a test.
struct Threads {
  explicit Threads(int n) { threadpool::setThreads(n); }
  ~Threads() { threadpool::setThreads(0); }
};
} // namespace

TEST(ThreadPool, RunsEveryIndexOnceAcrossThreads) {
  Threads two(2);
  for (int extent : {2, 3, 8, 1000}) {
    Record record(extent + 5);
    ASSERT_EQ(threadpool::parallelFor(nullptr, countTask, 5, extent,
                                      reinterpret_cast<uint8_t *>(&record)),
              0);
    for (int i = 0; i < 5; ++i)
      EXPECT_EQ(record.runs[i].load(), 0);
    for (int i = 5; i < extent + 5; ++i)
      EXPECT_EQ(record.runs[i].load(), 1) << "index " << i << " of " << extent;
  }
}

TEST(ThreadPool, WorkersRunTasksAtTheSameTimeAsTheCaller) {
  Threads two(2);
  EXPECT_EQ(threadpool::threads(), 2);
  Meeting meeting;
  ASSERT_EQ(threadpool::parallelFor(nullptr, meetTask, 0, 2, reinterpret_cast<uint8_t *>(&meeting)), 0);
  EXPECT_EQ(meeting.met.load(), 2);
}

TEST(ThreadPool, SleepingWorkersWakeForTheNextLoop) {
  Threads two(2);
  threadpool::setSpinMicroseconds(0);
  Record warm(4);
  threadpool::parallelFor(nullptr, countTask, 0, 4, reinterpret_cast<uint8_t *>(&warm));
  std::this_thread::sleep_for(std::chrono::milliseconds(20)); // the workers sleep
  Meeting meeting;
  threadpool::parallelFor(nullptr, meetTask, 0, 2, reinterpret_cast<uint8_t *>(&meeting));
  threadpool::setSpinMicroseconds(200);
  EXPECT_EQ(meeting.met.load(), 2);
}

TEST(ThreadPool, OneThreadRunsEverythingOnTheCaller) {
  Threads one(1);
  Record record(64);
  threadpool::parallelFor(nullptr, countTask, 0, 64, reinterpret_cast<uint8_t *>(&record));
  EXPECT_EQ(record.threads, std::set<std::thread::id>{std::this_thread::get_id()});
}

namespace {
int failingTask(void *, int index, uint8_t *closure) {
  reinterpret_cast<std::atomic<int> *>(closure)->fetch_add(1);
  return index == 7 ? -3 : 0;
}
} // namespace

TEST(ThreadPool, ReturnsATaskError) {
  for (int threads : {2, 1}) { // in parallel, and serially
    Threads pool(threads);
    std::atomic<int> ran{0};
    EXPECT_EQ(threadpool::parallelFor(nullptr, failingTask, 0, 16, reinterpret_cast<uint8_t *>(&ran)),
              -3);
    EXPECT_EQ(ran.load(), 16); // the other tasks still ran, whichever thread failed
    EXPECT_EQ(threadpool::parallelFor(nullptr, failingTask, 0, 7, reinterpret_cast<uint8_t *>(&ran)),
              0);
  }
}

namespace {
struct Nested {
  Record inner{32};
  std::atomic<int> failures{0};
};
int outerTask(void *, int, uint8_t *closure) {
  auto *nested = reinterpret_cast<Nested *>(closure);
  if (threadpool::parallelFor(nullptr, countTask, 0, 32, reinterpret_cast<uint8_t *>(&nested->inner)))
    nested->failures.fetch_add(1);
  return 0;
}
} // namespace

TEST(ThreadPool, LoopsInsideTasksRunSerially) {
  for (int threads : {2, 1}) {
    Threads pool(threads);
    Nested nested;
    ASSERT_EQ(threadpool::parallelFor(nullptr, outerTask, 0, 4, reinterpret_cast<uint8_t *>(&nested)),
              0);
    EXPECT_EQ(nested.failures.load(), 0);
    for (int i = 0; i < 32; ++i)
      EXPECT_EQ(nested.inner.runs[i].load(), 4);
  }
}

TEST(ThreadPool, CallersOnSeveralThreadsEachGetTheirLoop) {
  Threads two(2);
  std::vector<std::unique_ptr<Record>> records;
  for (int t = 0; t < 4; ++t)
    records.push_back(std::make_unique<Record>(500));
  std::vector<std::thread> callers;
  for (int t = 0; t < 4; ++t)
    callers.emplace_back([&, t] {
      for (int rep = 0; rep < 50; ++rep)
        threadpool::parallelFor(nullptr, countTask, 0, 500,
                                reinterpret_cast<uint8_t *>(records[t].get()));
    });
  for (std::thread &caller : callers)
    caller.join();
  for (int t = 0; t < 4; ++t)
    for (int i = 0; i < 500; ++i)
      ASSERT_EQ(records[t]->runs[i].load(), 50) << "caller " << t << ", index " << i;
}

#if defined(__x86_64__) || defined(__SSE2_MATH__) || defined(__aarch64__)
namespace {
/// Two tasks that meet (so run on two threads), each noting its thread
/// and an underflowing product, computed in that thread's mode.
struct Underflows {
  Meeting meeting;
  float product[2];
  std::thread::id thread[2];
};
int underflowTask(void *context, int index, uint8_t *closure) {
  auto *underflows = reinterpret_cast<Underflows *>(closure);
  meetTask(context, index, reinterpret_cast<uint8_t *>(&underflows->meeting));
  underflows->product[index] = underflowingProduct();
  underflows->thread[index] = std::this_thread::get_id();
  return 0;
}

} // namespace

// The workers run tasks as Model::run runs kernels, subnormals flushed; the
// caller (outside Model::run here) keeps its own mode.
TEST(ThreadPool, WorkersFlushSubnormals) {
  Threads two(2);
  Underflows underflows;
  threadpool::parallelFor(nullptr, underflowTask, 0, 2, reinterpret_cast<uint8_t *>(&underflows));
  ASSERT_EQ(underflows.meeting.met.load(), 2);
  for (int i = 0; i < 2; ++i) {
    bool onCaller = underflows.thread[i] == std::this_thread::get_id();
    EXPECT_EQ(isZero(underflows.product[i]), !onCaller) << "task " << i;
  }
}
#endif
