//===- Chart.cpp - Clipped strokes, axes and legends ----------------------===//
//
// Lines are clipped to the plot rectangle in floating point first
// (Liang-Barsky), so a wild data point costs nothing and never smears across
// the margins, and then drawn with Bresenham's algorithm, 2 pixels wide.
//
//===----------------------------------------------------------------------===//
#include "viz/Chart.h"
#include "genc/runtime/Error.h"

#include <algorithm>
#include <cmath>

using namespace genc::rt;
using namespace genc::rt::chart;

namespace {
constexpr int kTickLength = 4, kLabelGap = 3;
// Legend geometry in pixels.
constexpr int kLegendPadding = 6, kSwatchLength = 24, kSwatchGap = 6, kEntrySpacing = 16,
              kRowGap = 4;
constexpr RGB kLegendBorder{160, 160, 160};

/// Cuts the segment to the part inside `clip`; false if none is.
bool clipSegment(double &x0, double &y0, double &x1, double &y1, const Rect &clip) {
  double dx = x1 - x0, dy = y1 - y0, enter = 0, leave = 1;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {x0 - clip.left, clip.right() - x0, y0 - clip.top, clip.bottom() - y0};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0)
        return false; // parallel to this edge and outside it
      continue;
    }
    double t = q[i] / p[i];
    if (p[i] < 0)
      enter = std::max(enter, t);
    else
      leave = std::min(leave, t);
  }
  if (enter > leave)
    return false;
  double startX = x0, startY = y0;
  x0 = startX + enter * dx;
  y0 = startY + enter * dy;
  x1 = startX + leave * dx;
  y1 = startY + leave * dy;
  return true;
}

bool strokeIsOn(Stroke stroke, int phase) {
  switch (stroke) {
  case Stroke::Dashed:
    return phase % 14 < 9;
  case Stroke::Dotted:
    return phase % 6 < 2;
  default:
    return true;
  }
}
} // namespace

void chart::strokeSegment(Image &image, const Rect &clip, double x0, double y0, double x1,
                          double y1, RGB color, Stroke stroke, int &phase) {
  if (!clipSegment(x0, y0, x1, y1, clip))
    return;
  int x = int(std::lround(x0)), y = int(std::lround(y0));
  int endX = int(std::lround(x1)), endY = int(std::lround(y1));
  int dx = std::abs(endX - x), dy = -std::abs(endY - y);
  int stepX = x < endX ? 1 : -1, stepY = y < endY ? 1 : -1, error = dx + dy;
  for (;;) {
    if (strokeIsOn(stroke, phase++))
      for (int py = y; py <= y + 1; ++py)
        for (int px = x; px <= x + 1; ++px)
          if (clip.contains(px, py))
            image.set(px, py, color);
    if (x == endX && y == endY)
      return;
    int doubled = 2 * error;
    if (doubled >= dy) {
      error += dy;
      x += stepX;
    }
    if (doubled <= dx) {
      error += dx;
      y += stepY;
    }
  }
}

double Chart::columnAt(double axisUnits) const {
  return area_.left + x_.fraction(axisUnits) * (area_.width - 1);
}

double Chart::rowAt(double axisUnits) const {
  return area_.bottom() - y_.fraction(axisUnits) * (area_.height - 1);
}

void Chart::drawGrid() const {
  for (double tick : x_.ticks)
    image_.fillRect(int(std::lround(columnAt(tick))), area_.top, 1, area_.height, kGridColor);
  for (double tick : y_.ticks)
    image_.fillRect(area_.left, int(std::lround(rowAt(tick))), area_.width, 1, kGridColor);
}

void Chart::drawFrame() const {
  image_.fillRect(area_.left - 1, area_.top - 1, area_.width + 2, 1, black);
  image_.fillRect(area_.left - 1, area_.bottom() + 1, area_.width + 2, 1, black);
  image_.fillRect(area_.left - 1, area_.top - 1, 1, area_.height + 2, black);
  image_.fillRect(area_.right() + 1, area_.top - 1, 1, area_.height + 2, black);
}

void Chart::drawTickLabels(Side side, int scale) const {
  const Axis &axis = side == Side::Bottom ? x_ : y_;
  for (size_t i = 0; i < axis.ticks.size(); ++i) {
    const std::string &label = axis.labels[i];
    int width = textWidth(label, scale);
    if (side == Side::Bottom) {
      int x = int(std::lround(columnAt(axis.ticks[i])));
      image_.fillRect(x, area_.bottom() + 2, 1, kTickLength, black);
      drawText(image_, x - width / 2, area_.bottom() + 2 + kTickLength + kLabelGap, label, black,
               scale);
      continue;
    }
    int y = int(std::lround(rowAt(axis.ticks[i])));
    bool left = side == Side::Left;
    int markX = left ? area_.left - 1 - kTickLength : area_.right() + 2;
    image_.fillRect(markX, y, kTickLength, 1, black);
    int textX = left ? markX - kLabelGap - width : markX + kTickLength + kLabelGap;
    drawText(image_, textX, y - kCapHeight * scale / 2, label, black, scale);
  }
}

void Chart::drawLine(const std::vector<double> &xs, const std::vector<double> &ys, RGB color,
                     Stroke stroke) const {
  int phase = 0;
  size_t runLength = 0; // drawable points since the last break
  double lastX = 0, lastY = 0;
  auto endRun = [&] {
    if (runLength == 1)
      dotAtPixel(lastX, lastY, color, 2);
    runLength = 0;
  };
  for (size_t i = 0; i < std::min(xs.size(), ys.size()); ++i) {
    double px = columnAt(x_.toAxisUnits(xs[i])), py = rowAt(y_.toAxisUnits(ys[i]));
    if (!std::isfinite(px) || !std::isfinite(py)) {
      endRun();
      continue;
    }
    if (runLength)
      strokeSegment(image_, area_, lastX, lastY, px, py, color, stroke, phase);
    lastX = px;
    lastY = py;
    ++runLength;
  }
  endRun();
}

void Chart::drawDot(double x, double y, RGB color, int radius) const {
  double px = columnAt(x_.toAxisUnits(x)), py = rowAt(y_.toAxisUnits(y));
  if (std::isfinite(px) && std::isfinite(py))
    dotAtPixel(px, py, color, radius);
}

void Chart::dotAtPixel(double px, double py, RGB color, int radius) const {
  if (!(px >= area_.left && px <= area_.right() && py >= area_.top && py <= area_.bottom()))
    return;
  int cx = int(std::lround(px)), cy = int(std::lround(py));
  for (int dy = -radius; dy <= radius; ++dy)
    for (int dx = -radius; dx <= radius; ++dx)
      if (dx * dx + dy * dy <= radius * radius + radius && area_.contains(cx + dx, cy + dy))
        image_.set(cx + dx, cy + dy, color);
}

int Legend::entryWidth(const LegendEntry &entry) const {
  return kSwatchLength + kSwatchGap + textWidth(entry.label, scale_);
}

int Legend::width() const {
  int content = 0;
  for (const LegendEntry &entry : entries_)
    content = inRow_ ? content + entryWidth(entry) : std::max(content, entryWidth(entry));
  if (inRow_ && !entries_.empty())
    content += kEntrySpacing * int(entries_.size() - 1);
  return content + 2 * kLegendPadding;
}

int Legend::height() const {
  int rows = inRow_ ? 1 : int(entries_.size());
  return rows * textHeight(scale_) + (rows - 1) * kRowGap + 2 * kLegendPadding;
}

void Legend::draw(Image &image, int left, int top) const {
  Rect box{left, top, width(), height()};
  image.fillRect(box.left, box.top, box.width, box.height, kLegendBorder);
  image.fillRect(box.left + 1, box.top + 1, box.width - 2, box.height - 2, white);
  int x = left + kLegendPadding, y = top + kLegendPadding;
  for (const LegendEntry &entry : entries_) {
    int phase = 0;
    // The 2-pixel line straddles the middle of the letters.
    double middle = y + kCapHeight * scale_ / 2.0 - 1;
    strokeSegment(image, box, x, middle, x + kSwatchLength - 1, middle, entry.color, entry.stroke,
                  phase);
    drawText(image, x + kSwatchLength + kSwatchGap, y, entry.label, entry.color, scale_);
    if (inRow_)
      x += entryWidth(entry) + kEntrySpacing;
    else
      y += textHeight(scale_) + kRowGap;
  }
}

int chart::labelScale(int width, int height) {
  return std::max(1, std::min(width, height) / 800 + 1);
}

void chart::drawCentredText(Image &image, int centreX, int top, const std::string &text, RGB color,
                            int scale) {
  drawText(image, centreX - textWidth(text, scale) / 2, top, text, color, scale);
}

int chart::widestLabel(const Axis &axis, int scale) {
  int widest = 0;
  for (const std::string &label : axis.labels)
    widest = std::max(widest, textWidth(label, scale));
  return widest;
}

void chart::checkPictureSize(const std::string &picture, int width, int height, int minWidth,
                             int minHeight) {
  if (width < minWidth || height < minHeight)
    throw RuntimeError(picture + ": a " + std::to_string(width) + "x" + std::to_string(height) +
                       " picture is too small (at least " + std::to_string(minWidth) + "x" +
                       std::to_string(minHeight) + ")");
}
