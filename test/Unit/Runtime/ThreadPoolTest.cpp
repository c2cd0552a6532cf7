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
  for (int threads : {2, 3, 5}) {
    Threads pool(threads);
    for (int extent : {2, 3, 8, 1000}) { // fewer tasks than threads, and more
      Record record(extent + 5);
      ASSERT_EQ(threadpool::parallelFor(nullptr, countTask, 5, extent,
                                        reinterpret_cast<uint8_t *>(&record)),
                0);
      for (int i = 0; i < 5; ++i)
        EXPECT_EQ(record.runs[i].load(), 0);
      for (int i = 5; i < extent + 5; ++i)
        EXPECT_EQ(record.runs[i].load(), 1)
            << "index " << i << " of " << extent << ", " << threads << " threads";
    }
  }
}

namespace {
/// Four tasks on two threads; task i waits (up to 10 s) until task
/// awaits[i] has started (-1: none). Notes the thread of each task.
struct Waiting {
  int awaits[4];
  std::atomic<bool> started[4] = {};
  std::atomic<int> timedOut{0}, starts{0};
  int rank[4]; // the order in which the tasks started
  std::thread::id thread[4];
};
int waitingTask(void *, int index, uint8_t *closure) {
  auto *w = reinterpret_cast<Waiting *>(closure);
  w->thread[index] = std::this_thread::get_id();
  w->rank[index] = w->starts.fetch_add(1);
  w->started[index].store(true);
  if (int awaited = w->awaits[index]; awaited >= 0) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!w->started[awaited].load() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::yield();
    if (!w->started[awaited].load())
      w->timedOut.fetch_add(1);
  }
  return 0;
}
} // namespace

// Each thread starts at the front of its own share, the caller at task 0
// and the worker at task 2 (not at task 1, the next in order), so a loop
// run again finds each thread's data where it left it. (Tasks 0 and 2 each
// wait for the other to start: a thread held in one cannot take the
// other.)
TEST(ThreadPool, EachThreadStartsOnItsOwnShare) {
  Threads two(2);
  Waiting w{{2, -1, 0, -1}};
  ASSERT_EQ(threadpool::parallelFor(nullptr, waitingTask, 0, 4, reinterpret_cast<uint8_t *>(&w)), 0);
  ASSERT_EQ(w.timedOut.load(), 0);
  EXPECT_EQ(w.thread[0], std::this_thread::get_id());
  EXPECT_NE(w.thread[2], std::this_thread::get_id());
  EXPECT_LT(w.rank[2], w.rank[1]);
}

// A thread done with its share takes what is left of another's: the
// worker, held in task 2 until task 3 (its own) starts, needs the caller
// to take task 3 from it.
TEST(ThreadPool, AThreadDoneEarlyTakesTheOthersTasks) {
  Threads two(2);
  Waiting w{{-1, -1, 3, -1}};
  ASSERT_EQ(threadpool::parallelFor(nullptr, waitingTask, 0, 4, reinterpret_cast<uint8_t *>(&w)), 0);
  ASSERT_EQ(w.timedOut.load(), 0);
  EXPECT_EQ(w.thread[3], std::this_thread::get_id());
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
