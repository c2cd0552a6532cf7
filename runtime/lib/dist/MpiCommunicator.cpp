//===- MpiCommunicator.cpp - The MPI plugin (libgenc-mpi.so) --------------===//
//
// Built only where MPI is found, and loaded by genc only when mpirun started
// it. The gradients' sum is a reduce-scatter then an allgather: each element
// is summed on one process and copied to the others, which makes the result
// bit-identical on every process by construction (an allreduce may let each
// process add in its own order).
//
//===----------------------------------------------------------------------===//
#include "genc/runtime/Communicator.h"

#include <mpi.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <vector>

using namespace genc::rt;

namespace {
class MpiCommunicator : public Communicator {
public:
  MpiCommunicator(int rank, int size) : rank_(rank), size_(size) {}
  ~MpiCommunicator() override { MPI_Finalize(); }

  int rank() const override { return rank_; }
  int size() const override { return size_; }

  void sum(float *values, size_t count) override {
    if (size_ == 1 || count == 0)
      return;
    size_t block = (count + size_t(size_) - 1) / size_t(size_);
    padded_.assign(block * size_t(size_), 0.0f);
    std::copy(values, values + count, padded_.begin());
    mine_.resize(block);
    // Blocks beyond INT_MAX floats would need derived datatypes; a model
    // of 8 GB of gradients per process is far beyond genc's.
    int n = int(std::min<size_t>(block, INT_MAX));
    check(MPI_Reduce_scatter_block(padded_.data(), mine_.data(), n, MPI_FLOAT, MPI_SUM,
                                   MPI_COMM_WORLD));
    check(MPI_Allgather(mine_.data(), n, MPI_FLOAT, padded_.data(), n, MPI_FLOAT,
                        MPI_COMM_WORLD));
    std::copy(padded_.begin(), padded_.begin() + count, values);
  }

  void broadcast(void *data, size_t bytes) override {
    char *at = static_cast<char *>(data);
    for (size_t done = 0; done < bytes;) {
      int n = int(std::min<size_t>(bytes - done, INT_MAX));
      check(MPI_Bcast(at + done, n, MPI_BYTE, 0, MPI_COMM_WORLD));
      done += size_t(n);
    }
  }

  std::vector<uint64_t> gather(uint64_t value) override {
    std::vector<uint64_t> all(size_t(size_), 0);
    check(MPI_Allgather(&value, 1, MPI_UINT64_T, all.data(), 1, MPI_UINT64_T, MPI_COMM_WORLD));
    return all;
  }

  void barrier() override { check(MPI_Barrier(MPI_COMM_WORLD)); }

  [[noreturn]] void abort(int code) override {
    std::fflush(nullptr);
    MPI_Abort(MPI_COMM_WORLD, code);
    std::_Exit(code); // MPI_Abort does not return; in case it does
  }

private:
  /// MPI's default handler aborts on errors, so a failed call never
  /// returns; this only guards against a handler that returns.
  void check(int rc) {
    if (rc != MPI_SUCCESS) {
      std::fprintf(stderr, "genc: error: MPI call failed (code %d) on rank %d\n", rc, rank_);
      abort(1);
    }
  }

  int rank_, size_;
  std::vector<float> padded_, mine_;
};
} // namespace

extern "C" Communicator *genc_mpi_join_v2(char *error, size_t errorSize) {
  int provided = 0;
  // Only the main thread calls MPI (Halide's workers never do).
  if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    std::snprintf(error, errorSize, "MPI_Init_thread failed");
    return nullptr;
  }
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return new MpiCommunicator(rank, size);
}
