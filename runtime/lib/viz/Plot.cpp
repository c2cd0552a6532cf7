//===- Plot.cpp - Line plots and scatter plots -----------------------------===//
//
// Both lay out the same way: title on top, y tick labels on the left, x tick
// labels (and the x label) below, and a boxed legend in the top-right corner
// of the plot area. The margins are measured from the labels themselves.
//
//===----------------------------------------------------------------------===//
#include "viz/Chart.h"
#include "genc/runtime/Error.h"

#include <algorithm>
#include <cmath>

using namespace genc::rt;
using namespace genc::rt::chart;

namespace {
constexpr int kOuterMargin = 10, kLabelClearance = 12, kLegendInset = 8;

struct Bounds {
  double xLow = INFINITY, xHigh = -INFINITY, yLow = INFINITY, yHigh = -INFINITY;
  void add(double x, double y) {
    xLow = std::min(xLow, x);
    xHigh = std::max(xHigh, x);
    yLow = std::min(yLow, y);
    yHigh = std::max(yHigh, y);
  }
};

/// The extent of the points an axis can show (finite, and y > 0 on a log axis).
Bounds boundsOf(const std::string &picture, const std::vector<Series> &series, bool logY) {
  Bounds bounds;
  for (const Series &s : series) {
    if (s.x.size() != s.y.size())
      throw RuntimeError(picture + ": series '" + s.label + "' has " + std::to_string(s.x.size()) +
                         " x values but " + std::to_string(s.y.size()) + " y values");
    for (size_t i = 0; i < s.x.size(); ++i)
      if (std::isfinite(s.x[i]) && std::isfinite(s.y[i]) && (!logY || s.y[i] > 0))
        bounds.add(s.x[i], s.y[i]);
  }
  return bounds;
}

Legend legendOf(const std::vector<Series> &series, int scale) {
  std::vector<LegendEntry> entries;
  for (const Series &s : series)
    if (!s.label.empty())
      entries.push_back({s.label, s.color, Stroke::Solid});
  return Legend(std::move(entries), /*inRow=*/false, scale);
}

/// The plot rectangle left once the title, tick labels and x label have their room.
Rect plotArea(int width, int height, const std::string &title, const std::string &xLabel,
              const Axis &x, const Axis &y, int scale) {
  int top = kOuterMargin + (title.empty() ? 0 : textHeight(2 * scale) + kOuterMargin);
  int left = kOuterMargin + widestLabel(y, scale) + kLabelClearance;
  // An x label centred on the last tick may stick out past the frame.
  int right = std::max(2 * kOuterMargin,
                       x.labels.empty() ? 0 : textWidth(x.labels.back(), scale) / 2 + kOuterMargin);
  int bottom = kLabelClearance + textHeight(scale) + kOuterMargin +
               (xLabel.empty() ? 0 : textHeight(scale) + kOuterMargin);
  return {left, top, width - left - right, height - top - bottom};
}

void drawDecorations(Image &image, const Chart &chart, const Rect &area, const std::string &title,
                     const std::string &xLabel, const Legend &legend, int scale) {
  chart.drawFrame();
  chart.drawTickLabels(Side::Left, scale);
  chart.drawTickLabels(Side::Bottom, scale);
  drawCentredText(image, image.width / 2, kOuterMargin, title, black, 2 * scale);
  if (!xLabel.empty())
    drawCentredText(image, area.left + area.width / 2,
                    image.height - kOuterMargin - textHeight(scale), xLabel, black, scale);
  if (!legend.empty())
    legend.draw(image, area.right() - kLegendInset - legend.width(), area.top + kLegendInset);
}
} // namespace

RGB genc::rt::seriesColor(size_t index) {
  static const RGB tableau10[] = {{31, 119, 180},  {255, 127, 14}, {44, 160, 44},   {214, 39, 40},
                                  {148, 103, 189}, {140, 86, 75},  {227, 119, 194}, {127, 127, 127},
                                  {188, 189, 34},  {23, 190, 207}};
  return tableau10[index % 10];
}

Image genc::rt::linePlot(const std::string &title, const std::string &xLabel,
                         const std::vector<Series> &series, int width, int height, bool logY) {
  checkPictureSize("linePlot", width, height, 200, 150);
  Bounds bounds = boundsOf("linePlot", series, logY);
  Axis x = linearAxis(bounds.xLow, bounds.xHigh, std::max(2, width / 100));
  Axis y = logY ? logAxis(bounds.yLow, bounds.yHigh, std::max(2, height / 60))
                : linearAxis(bounds.yLow, bounds.yHigh, std::max(2, height / 60));
  int scale = labelScale(width, height);
  Rect area = plotArea(width, height, title, xLabel, x, y, scale);
  checkPictureSize("linePlot plot area", area.width, area.height, 20, 20);

  Image image(width, height);
  Chart chart(image, area, x, y);
  chart.drawGrid();
  for (const Series &s : series)
    chart.drawLine(s.x, s.y, s.color, Stroke::Solid);
  drawDecorations(image, chart, area, title, xLabel, legendOf(series, scale), scale);
  return image;
}

Image genc::rt::scatterPlot(const std::string &title, const std::vector<Series> &pointSets,
                            int width, int height) {
  checkPictureSize("scatterPlot", width, height, 150, 150);
  Bounds bounds = boundsOf("scatterPlot", pointSets, /*logY=*/false);
  if (!(bounds.xLow <= bounds.xHigh))
    bounds = Bounds{-1, 1, -1, 1};
  double centreX = (bounds.xLow + bounds.xHigh) / 2, centreY = (bounds.yLow + bounds.yHigh) / 2;
  // 5% of air around the points; a single point still gets a unit-sized view.
  double span = 1.1 * std::max(bounds.xHigh - bounds.xLow, bounds.yHigh - bounds.yLow);
  if (!(span > 0))
    span = 2;
  int scale = labelScale(width, height);

  // Equal aspect: one data unit is as many pixels across as up. The margins
  // depend on the tick labels, which depend on the ranges, so settle twice.
  Axis x = linearAxis(centreX - span / 2, centreX + span / 2, std::max(2, width / 80), false);
  Axis y = linearAxis(centreY - span / 2, centreY + span / 2, std::max(2, height / 80), false);
  Rect area{};
  for (int pass = 0; pass < 2; ++pass) {
    area = plotArea(width, height, title, "", x, y, scale);
    checkPictureSize("scatterPlot plot area", area.width, area.height, 20, 20);
    double unitsPerPixel = span / std::min(area.width, area.height);
    double halfX = unitsPerPixel * area.width / 2, halfY = unitsPerPixel * area.height / 2;
    x = linearAxis(centreX - halfX, centreX + halfX, std::max(2, area.width / 80), false);
    y = linearAxis(centreY - halfY, centreY + halfY, std::max(2, area.height / 80), false);
  }

  Image image(width, height);
  Chart chart(image, area, x, y);
  chart.drawGrid();
  for (const Series &set : pointSets)
    for (size_t i = 0; i < set.x.size(); ++i)
      chart.drawDot(set.x[i], set.y[i], set.color, 2);
  drawDecorations(image, chart, area, title, "", legendOf(pointSets, scale), scale);
  return image;
}
