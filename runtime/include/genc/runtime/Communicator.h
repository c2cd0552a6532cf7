//===- Communicator.h - The processes of a data-parallel run -------*- C++ -*-===//
//
// Data-parallel training runs one genc per process, launched by mpirun;
// each computes gradients on its share of every batch and the processes
// sum them. MPI is an optional plugin (libgenc-mpi.so, loaded only when
// the process was started by an MPI launcher), so genc needs no MPI
// library to run alone.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_COMMUNICATOR_H
#define GENC_RUNTIME_COMMUNICATOR_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace genc::rt {

class Communicator {
public:
  virtual ~Communicator() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  /// Sums `values` elementwise over the processes, in place. Every process
  /// gets bit-identical sums: each element is added up by one process
  /// (a reduce-scatter) and then copied to all (an allgather), so no
  /// process can round differently from another.
  virtual void sum(float *values, size_t count) = 0;
  /// Rank 0's `bytes` bytes at `data`, on every process.
  virtual void broadcast(void *data, size_t bytes) = 0;
  /// Every process's `value`, in rank order.
  virtual std::vector<uint64_t> gather(uint64_t value) = 0;
  /// Returns once every process has called it.
  virtual void barrier() = 0;
  /// Ends every process of the run with `code` (after an error in one:
  /// the others would wait for it forever).
  [[noreturn]] virtual void abort(int code) = 0;
};

/// One process alone.
class SingleProcess : public Communicator {
public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  void sum(float *, size_t) override {}
  void broadcast(void *, size_t) override {}
  std::vector<uint64_t> gather(uint64_t value) override { return {value}; }
  void barrier() override {}
  [[noreturn]] void abort(int code) override;
};

/// The processes this one was launched with: MPI's world when an MPI
/// launcher started it (Open MPI's, MPICH's or a PMIx one: found in the
/// environment), through the plugin; otherwise this process alone. Throws
/// RuntimeError when launched by mpirun without the plugin.
std::unique_ptr<Communicator> joinLaunchedProcesses();

/// The launcher's process count from the environment (1 without one).
int launchedProcessCount();

} // namespace genc::rt

/// What the MPI plugin exports: the communicator of MPI_COMM_WORLD, or null
/// with a reason in `error`. The name carries the version of Communicator's
/// interface (v2: barrier), so that a plugin of another genc build is
/// refused rather than called through a different vtable.
extern "C" genc::rt::Communicator *genc_mpi_join_v2(char *error, size_t errorSize);

#endif // GENC_RUNTIME_COMMUNICATOR_H
