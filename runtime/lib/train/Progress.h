//===- Progress.h - Showing long work -------------------------------*- C++ -*-===//
//
// On a terminal, one line redrawn in place: epoch, a bar, step, rate, ETA
// and running losses. Otherwise (logs, CI), a plain line every tenth of an
// epoch, so a log neither floods nor stays silent.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_LIB_PROGRESS_H
#define GENC_RUNTIME_LIB_PROGRESS_H

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace genc::rt {

class Progress {
public:
  explicit Progress(std::FILE *stream);
  void startEpoch(int64_t epoch, int64_t epochs, int64_t total, int64_t done);
  /// `done` of `total` units (examples) this epoch; `losses` is shown as is.
  void update(int64_t done, const std::string &losses);
  /// Ends the epoch's line with a summary.
  void finishEpoch(const std::string &summary);

private:
  std::FILE *stream_;
  bool terminal_;
  int64_t epoch_ = 0, epochs_ = 0, total_ = 0, startDone_ = 0, lastTenth_ = -1;
  std::chrono::steady_clock::time_point start_, lastDraw_;
};

std::string formatDuration(double seconds);

} // namespace genc::rt

#endif // GENC_RUNTIME_LIB_PROGRESS_H
