//===- ToyGanPicture.cpp - The 1-D GAN figure of Goodfellow et al. 2014 ---===//
//
// Figure 1 of "Generative Adversarial Nets": the data density (black,
// dotted), the generator's density (green, solid) and the discriminator D(x)
// (blue, dashed), one panel per moment of training. Densities come from
// histograms on one y axis shared by every panel, so panels compare at a
// glance; D is read against a 0..1 axis on the right.
//
//===----------------------------------------------------------------------===//
#include "viz/Chart.h"
#include "genc/runtime/Error.h"
#include "genc/runtime/Visualize.h"

#include <algorithm>
#include <cmath>

using namespace genc::rt;
using namespace genc::rt::chart;

namespace {
constexpr int kMargin = 8, kLabelClearance = 12;

/// A histogram density over [xMin, xMax] as points at the bin centres. Samples
/// outside the range still count in the total, so the curve is the true
/// density restricted to the range.
struct Density {
  std::vector<double> x, y;
};

Density histogramDensity(const std::vector<double> &samples, double xMin, double xMax) {
  Density density;
  size_t total = 0;
  for (double sample : samples)
    total += std::isfinite(sample);
  if (total == 0)
    return density;
  // About sqrt(n) bins: fine enough to show shape, coarse enough not to be noise.
  int bins = std::clamp(int(std::sqrt(double(total))), 10, 60);
  double binWidth = (xMax - xMin) / bins;
  std::vector<size_t> counts(bins, 0);
  for (double sample : samples)
    if (sample >= xMin && sample <= xMax)
      ++counts[std::min(bins - 1, int((sample - xMin) / binWidth))];
  for (int i = 0; i < bins; ++i) {
    density.x.push_back(xMin + (i + 0.5) * binWidth);
    density.y.push_back(counts[i] / (total * binWidth));
  }
  return density;
}

double highest(const std::vector<double> &values) {
  double top = 0;
  for (double v : values)
    top = std::max(top, v);
  return top;
}

/// What every panel shares: the axes, the legend and the text size.
struct PanelStyle {
  Axis x, density;
  Legend legend;
  int scale;
};

void drawPanel(Image &image, int panelLeft, int panelWidth, const ToyPanel &panel,
               const Density &data, const Density &generated, const PanelStyle &style) {
  const Legend &legend = style.legend;
  int scale = style.scale;
  int titleHeight = textHeight(2 * scale);
  drawCentredText(image, panelLeft + panelWidth / 2, kMargin, panel.title, black, 2 * scale);
  int legendTop = kMargin + titleHeight + kMargin;
  legend.draw(image, panelLeft + (panelWidth - legend.width()) / 2, legendTop);

  Axis discriminatorAxis = linearAxis(0, 1, 4);
  int top = legendTop + legend.height() + kMargin;
  int left = panelLeft + kMargin + widestLabel(style.density, scale) + kLabelClearance;
  int right = kMargin + widestLabel(discriminatorAxis, scale) + kLabelClearance;
  int bottom = kLabelClearance + textHeight(scale) + kMargin;
  Rect area{left, top, panelLeft + panelWidth - right - left, image.height - bottom - top};
  checkPictureSize("toyGanPicture plot area", area.width, area.height, 20, 20);

  Chart densities(image, area, style.x, style.density);
  Chart discriminator(image, area, style.x, discriminatorAxis);
  densities.drawGrid();
  densities.drawLine(data.x, data.y, toyDataColor, Stroke::Dotted);
  densities.drawLine(generated.x, generated.y, toyGeneratorColor, Stroke::Solid);
  discriminator.drawLine(panel.gridX, panel.discriminator, toyDiscriminatorColor, Stroke::Dashed);
  densities.drawFrame();
  densities.drawTickLabels(Side::Left, scale);
  densities.drawTickLabels(Side::Bottom, scale);
  discriminator.drawTickLabels(Side::Right, scale);
}
} // namespace

Image genc::rt::toyGanPicture(const std::vector<ToyPanel> &panels, double xMin, double xMax,
                              int panelWidth, int panelHeight) {
  if (panels.empty())
    throw RuntimeError("toyGanPicture: no panels to draw");
  if (!(std::isfinite(xMin) && std::isfinite(xMax) && xMin < xMax))
    throw RuntimeError("toyGanPicture: the x range [" + std::to_string(xMin) + ", " +
                       std::to_string(xMax) + "] is empty");
  checkPictureSize("toyGanPicture panel", panelWidth, panelHeight, 200, 150);
  for (const ToyPanel &panel : panels)
    if (panel.gridX.size() != panel.discriminator.size())
      throw RuntimeError("toyGanPicture: panel '" + panel.title + "' has " +
                         std::to_string(panel.gridX.size()) + " grid points but " +
                         std::to_string(panel.discriminator.size()) + " values of D");

  std::vector<Density> data, generated;
  double peak = 0;
  for (const ToyPanel &panel : panels) {
    data.push_back(histogramDensity(panel.dataSamples, xMin, xMax));
    generated.push_back(histogramDensity(panel.generatedSamples, xMin, xMax));
    peak = std::max({peak, highest(data.back().y), highest(generated.back().y)});
  }
  int scale = labelScale(panelWidth, panelHeight);
  PanelStyle style{linearAxis(xMin, xMax, std::max(2, panelWidth / 80), /*extendToTicks=*/false),
                   linearAxis(0, peak > 0 ? peak : 1, std::max(2, panelHeight / 60)),
                   Legend({{"data", toyDataColor, Stroke::Dotted},
                           {"generator", toyGeneratorColor, Stroke::Solid},
                           {"D(x)", toyDiscriminatorColor, Stroke::Dashed}},
                          /*inRow=*/true, scale),
                   scale};

  Image image(panelWidth * int(panels.size()), panelHeight);
  for (size_t i = 0; i < panels.size(); ++i)
    drawPanel(image, int(i) * panelWidth, panelWidth, panels[i], data[i], generated[i], style);
  return image;
}
