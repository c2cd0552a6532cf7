//===- Progress.cpp - Showing long work -----------------------------------===//
#include "train/Progress.h"

#include <unistd.h>

using namespace genc::rt;
using Clock = std::chrono::steady_clock;

std::string genc::rt::formatDuration(double seconds) {
  auto s = int64_t(seconds + 0.5);
  char buffer[32];
  if (s >= 3600)
    std::snprintf(buffer, sizeof(buffer), "%lld:%02lld:%02lld", (long long)(s / 3600),
                  (long long)(s / 60 % 60), (long long)(s % 60));
  else
    std::snprintf(buffer, sizeof(buffer), "%lld:%02lld", (long long)(s / 60), (long long)(s % 60));
  return buffer;
}

Progress::Progress(std::FILE *stream) : stream_(stream), terminal_(isatty(fileno(stream))) {}

void Progress::startEpoch(int64_t epoch, int64_t epochs, int64_t total, int64_t done) {
  epoch_ = epoch;
  epochs_ = epochs;
  total_ = total;
  startDone_ = done;
  lastTenth_ = done * 10 / (total ? total : 1);
  start_ = lastDraw_ = Clock::now();
}

void Progress::update(int64_t done, const std::string &losses) {
  auto now = Clock::now();
  double elapsed = std::chrono::duration<double>(now - start_).count();
  double rate = elapsed > 0 ? double(done - startDone_) / elapsed : 0;
  double eta = rate > 0 ? double(total_ - done) / rate : 0;
  if (terminal_) {
    if (now - lastDraw_ < std::chrono::milliseconds(100) && done < total_)
      return;
    lastDraw_ = now;
    const int width = 24;
    int filled = int(width * done / (total_ ? total_ : 1));
    std::string bar(size_t(filled), '#');
    bar.append(size_t(width - filled), '.');
    std::fprintf(stream_, "\r\033[Kepoch %lld/%lld [%s] %lld/%lld  %.0f ex/s  ETA %s  %s",
                 (long long)epoch_ + 1, (long long)epochs_, bar.c_str(), (long long)done,
                 (long long)total_, rate, formatDuration(eta).c_str(), losses.c_str());
    std::fflush(stream_);
    return;
  }
  int64_t tenth = done * 10 / (total_ ? total_ : 1);
  if (tenth == lastTenth_ || done >= total_)
    return;
  lastTenth_ = tenth;
  std::fprintf(stream_, "epoch %lld/%lld  %lld/%lld examples  %.0f ex/s  ETA %s  %s\n",
               (long long)epoch_ + 1, (long long)epochs_, (long long)done, (long long)total_,
               rate, formatDuration(eta).c_str(), losses.c_str());
  std::fflush(stream_);
}

void Progress::finishEpoch(const std::string &summary) {
  double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  std::fprintf(stream_, "%sepoch %lld/%lld done in %s  %s\n", terminal_ ? "\r\033[K" : "",
               (long long)epoch_ + 1, (long long)epochs_, formatDuration(elapsed).c_str(),
               summary.c_str());
  std::fflush(stream_);
}
