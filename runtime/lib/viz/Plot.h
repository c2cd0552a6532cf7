//===- Plot.h - Small raster charts with a built-in font ----------*- C++ -*-===//
//
// Loss curves, 2-D sample scatters and the 1-D GAN figure of Goodfellow et
// al. 2014 (fig. 1), drawn straight into an Image with a 5x7 bitmap font, so
// training runs can leave readable pictures without a plotting stack.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_LIB_PLOT_H
#define GENC_RUNTIME_LIB_PLOT_H

#include "viz/Image.h"

#include <string>
#include <vector>

namespace genc::rt {

/// Each glyph is 5x7 font pixels (descenders reach 2 below), advancing 6 per
/// character; `scale` multiplies all of it. Printable ASCII is drawn; any other
/// byte is drawn as a hollow box. (x, y) is the top-left of the first cell.
void drawText(Image &image, int x, int y, const std::string &text, RGB color, int scale = 1);
/// The width in pixels that drawText covers.
int textWidth(const std::string &text, int scale = 1);
/// The height in pixels of a line of text, descenders included.
int textHeight(int scale = 1);

/// A categorical palette (Tableau 10) for callers that need series colours.
RGB seriesColor(size_t index);

struct Series {
  std::string label;
  std::vector<double> x, y;
  RGB color;
};

/// Lines through each series' points on "nice" (1/2/5 x 10^k) axes, with a
/// title, an x-axis label and a legend of the labelled series in their
/// colours. Non-finite points (and y <= 0 when logY) break the line; an
/// isolated point is drawn as a dot.
Image linePlot(const std::string &title, const std::string &xLabel,
               const std::vector<Series> &series, int width = 800, int height = 500,
               bool logY = false);

/// Each series' (x, y) points as dots, in order (later sets on top), on axes of
/// equal aspect, with a legend.
Image scatterPlot(const std::string &title, const std::vector<Series> &pointSets, int width = 600,
                  int height = 600);

struct ToyPanel; // genc/runtime/Visualize.h: what the picture shows

/// The colours of the toy GAN picture, as in the paper's figure.
inline constexpr RGB toyDataColor = black;             // dotted
inline constexpr RGB toyGeneratorColor{0, 150, 0};     // solid
inline constexpr RGB toyDiscriminatorColor{0, 0, 230}; // dashed

/// Panels side by side over [xMin, xMax]: histogram densities of the data and
/// generator samples on a y axis shared by all panels, D(x) against a 0..1
/// axis on the right, each with its title and a legend.
Image toyGanPicture(const std::vector<ToyPanel> &panels, double xMin, double xMax,
                    int panelWidth = 400, int panelHeight = 300);

} // namespace genc::rt

#endif // GENC_RUNTIME_LIB_PLOT_H
