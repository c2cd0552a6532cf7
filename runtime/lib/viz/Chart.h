//===- Chart.h - Axes, strokes and legends shared by the plots ----*- C++ -*-===//
//
// Private to the runtime: the pieces linePlot, scatterPlot and toyGanPicture
// are assembled from. A Chart maps data coordinates onto a rectangle of an
// image and clips everything it draws to that rectangle.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_LIB_CHART_H
#define GENC_RUNTIME_LIB_CHART_H

#include "viz/Plot.h"

#include <string>
#include <vector>

namespace genc::rt::chart {

inline constexpr RGB kGridColor{225, 225, 225};
/// Font pixels from the top of a capital to the baseline, for centring text on a mark.
inline constexpr int kCapHeight = 7;

struct Rect {
  int left, top, width, height;
  int right() const { return left + width - 1; }
  int bottom() const { return top + height - 1; }
  bool contains(int x, int y) const {
    return x >= left && x <= right() && y >= top && y <= bottom();
  }
};

/// One axis: its visible range and ticks, both in axis units (log10 of the
/// data on a log axis), and the tick labels in data units.
struct Axis {
  double low = 0, high = 1;
  bool log = false;
  std::vector<double> ticks;
  std::vector<std::string> labels;

  /// Data value -> axis units; NaN where the axis cannot show it (<= 0 on log).
  double toAxisUnits(double value) const;
  /// Axis units -> [0, 1] across the visible range.
  double fraction(double axisUnits) const { return (axisUnits - low) / (high - low); }
};

/// A linear axis over the finite range [low, high] with at most about
/// `maxTicks` ticks at multiples of 1, 2 or 5 x 10^k. An empty range (low >
/// high) becomes [0, 1] and a single value is padded. With `extendToTicks` the
/// range grows to the enclosing ticks; without, ticks stay inside it.
Axis linearAxis(double low, double high, int maxTicks, bool extendToTicks = true);
/// A log10 axis over positive [low, high], extended to 1, 2 or 5 x 10^k; ticks
/// at 1/2/5 x 10^k for short ranges and at powers of ten for long ones.
Axis logAxis(double low, double high, int maxTicks);

enum class Stroke { Solid, Dashed, Dotted };

/// Draws a 2-pixel line in pixel coordinates, clipped to `clip`; `phase`
/// carries a dash pattern from one segment of a polyline to the next.
void strokeSegment(Image &image, const Rect &clip, double x0, double y0, double x1, double y1,
                   RGB color, Stroke stroke, int &phase);

enum class Side { Left, Right, Bottom };

class Chart {
public:
  Chart(Image &image, Rect area, Axis x, Axis y)
      : image_(image), area_(area), x_(std::move(x)), y_(std::move(y)) {}

  /// Light lines at every tick, under the data.
  void drawGrid() const;
  void drawFrame() const;
  /// Tick marks and labels outside the frame: `y` ticks on Left or Right, `x` on Bottom.
  void drawTickLabels(Side side, int scale) const;
  /// A polyline through (xs[i], ys[i]); points the axes cannot show break it,
  /// and a point with no drawable neighbour becomes a dot.
  void drawLine(const std::vector<double> &xs, const std::vector<double> &ys, RGB color,
                Stroke stroke) const;
  void drawDot(double x, double y, RGB color, int radius) const;

private:
  /// Axis units -> pixel column or row.
  double columnAt(double axisUnits) const;
  double rowAt(double axisUnits) const;
  void dotAtPixel(double px, double py, RGB color, int radius) const;

  Image &image_;
  Rect area_;
  Axis x_, y_;
};

struct LegendEntry {
  std::string label;
  RGB color;
  Stroke stroke;
};

/// Labels in their colours behind short line samples, boxed, either stacked
/// or in one row.
class Legend {
public:
  Legend(std::vector<LegendEntry> entries, bool inRow, int scale)
      : entries_(std::move(entries)), inRow_(inRow), scale_(scale) {}
  bool empty() const { return entries_.empty(); }
  int width() const;
  int height() const;
  void draw(Image &image, int left, int top) const;

private:
  int entryWidth(const LegendEntry &entry) const;

  std::vector<LegendEntry> entries_;
  bool inRow_;
  int scale_;
};

/// Label text scale for a picture of this size: 1 up to about 800x800, then more.
int labelScale(int width, int height);
/// Draws `text` horizontally centred on `centreX`.
void drawCentredText(Image &image, int centreX, int top, const std::string &text, RGB color,
                     int scale);
/// The width of an axis' widest tick label.
int widestLabel(const Axis &axis, int scale);
/// Throws RuntimeError naming `picture` when width x height is under the minimum.
void checkPictureSize(const std::string &picture, int width, int height, int minWidth,
                      int minHeight);

} // namespace genc::rt::chart

#endif // GENC_RUNTIME_LIB_CHART_H
