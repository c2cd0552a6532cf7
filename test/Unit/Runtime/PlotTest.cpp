//===- PlotTest.cpp - The bitmap font and the charts ----------------------===//
#include "genc/runtime/Visualize.h"
#include "viz/Plot.h"
#include "TestUtil.h"
#include "genc/runtime/Rng.h"

#include <cmath>
#include <gtest/gtest.h>
#include <set>

using namespace genc::rt;

namespace {
constexpr RGB kRed{220, 20, 20}, kBlue{20, 20, 220};

size_t countColor(const Image &image, RGB color) {
  size_t count = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      count += image.get(x, y) == color;
  return count;
}

Image textImage(const std::string &text, int scale = 1) {
  Image image(textWidth(text, scale) + 20, textHeight(scale) + 20);
  drawText(image, 10, 10, text, black, scale);
  return image;
}
} // namespace

TEST(PlotText, DrawsOnlyInsideItsBox) {
  std::string text = "Loss (KL) = 1.5e-3, 20% g_j";
  for (int scale : {1, 3}) {
    Image image = textImage(text, scale);
    size_t inked = 0;
    for (int y = 0; y < image.height; ++y)
      for (int x = 0; x < image.width; ++x)
        if (image.get(x, y) == black) {
          ++inked;
          EXPECT_TRUE(x >= 10 && x < 10 + textWidth(text, scale) && y >= 10 &&
                      y < 10 + textHeight(scale))
              << "ink at " << x << "," << y << " scale " << scale;
        }
    EXPECT_GT(inked, text.size() * scale * scale * 5);
  }
}

TEST(PlotText, EveryPrintableCharacterHasItsOwnGlyph) {
  std::set<std::vector<uint8_t>> glyphs;
  for (char c = 33; c < 127; ++c) {
    Image image = textImage(std::string(1, c));
    EXPECT_GT(countColor(image, black), 0u) << c;
    EXPECT_TRUE(glyphs.insert(image.rgb).second) << "'" << c << "' looks like another glyph";
  }
  EXPECT_EQ(countColor(textImage(" "), black), 0u);
  EXPECT_GT(countColor(textImage("\x7f"), black), 0u); // a box, not nothing
}

TEST(PlotText, DifferentStringsDiffer) {
  EXPECT_NE(textImage("loss").rgb, textImage("lass").rgb);
  EXPECT_NE(textImage("step 100").rgb, textImage("step 200").rgb);
  EXPECT_EQ(textWidth("abc", 2), 2 * (3 * 6 - 1));
}

TEST(PlotLine, SeriesColoursAreDistinctAndVisibleOnWhite) {
  std::set<std::vector<uint8_t>> colours;
  for (size_t i = 0; i < 10; ++i) {
    RGB c = seriesColor(i);
    EXPECT_NE(c, white);
    EXPECT_TRUE(colours.insert({c.r, c.g, c.b}).second) << i;
  }
  EXPECT_EQ(seriesColor(10), seriesColor(0));
}

TEST(PlotLine, DrawsEverySeriesInItsColour) {
  Series rising{"rising", {0, 1, 2, 3}, {0, 1, 4, 9}, kRed};
  Series falling{"falling", {0, 1, 2, 3}, {9, 4, 1, 0}, kBlue};
  Image image = linePlot("two curves", "step", {rising, falling}, 640, 400);
  EXPECT_EQ(image.width, 640);
  EXPECT_EQ(image.height, 400);
  EXPECT_GT(countColor(image, kRed), 300u);
  EXPECT_GT(countColor(image, kBlue), 300u);
}

TEST(PlotLine, DegenerateDataDoesNotCrash) {
  std::vector<Series> cases = {
      {"constant", {0, 1, 2}, {5, 5, 5}, kRed},
      {"single", {3}, {7}, kRed},
      {"zero", {0, 0}, {0, 0}, kRed},
      {"nan", {0, 1, 2, 3}, {NAN, INFINITY, 1, -INFINITY}, kRed},
      {"huge", {0, 1}, {-1e300, 1e300}, kRed},
      {"extreme", {-1e308, 1e308}, {-1e308, 1e308}, kRed},
  };
  for (const Series &s : cases)
    for (bool logY : {false, true}) {
      Image image = linePlot(s.label, "x", {s}, 300, 200, logY);
      EXPECT_EQ(image.width, 300);
      bool drawable = s.label != "zero" || !logY; // log axes cannot show 0
      if (drawable) {
        EXPECT_GT(countColor(image, kRed), 0u) << s.label << (logY ? " log" : "");
      }
    }
  linePlot("nothing", "", {}, 300, 200);
  linePlot("empty", "", {{"", {}, {}, kRed}}, 300, 200, true);
}

TEST(PlotLine, NanBreaksTheLine) {
  Image image = linePlot("", "", {{"", {0, 1, 2, 3, 4}, {1, 1, NAN, 1, 1}, kRed}}, 400, 300);
  // Find the row the horizontal line runs along, and its extent.
  int bestRow = 0, bestCount = 0;
  for (int y = 0; y < image.height; ++y) {
    int count = 0;
    for (int x = 0; x < image.width; ++x)
      count += image.get(x, y) == kRed;
    if (count > bestCount)
      bestRow = y, bestCount = count;
  }
  int first = image.width, last = 0;
  for (int x = 0; x < image.width; ++x)
    if (image.get(x, bestRow) == kRed)
      first = std::min(first, x), last = std::max(last, x);
  ASSERT_GT(last - first, 100);
  EXPECT_NE(image.get((first + last) / 2, bestRow), kRed); // x = 2 is missing
}

TEST(PlotLine, RejectsMismatchedSeries) {
  EXPECT_EQ(errorOf([] {
              linePlot("", "", {{"loss", {1, 2}, {1}, kRed}});
            }),
            "linePlot: series 'loss' has 2 x values but 1 y values");
  EXPECT_NE(errorOf([] { linePlot("", "", {}, 20, 20); }), "");
}

TEST(PlotScatter, EqualAspectKeepsCirclesRound) {
  Series ring{"", {}, {}, kBlue}; // unlabelled: no legend swatch to widen the blue extent
  for (int i = 0; i < 400; ++i) {
    ring.x.push_back(3 + 2 * std::cos(i * 0.0157));
    ring.y.push_back(-1 + 2 * std::sin(i * 0.0157));
  }
  Series centre{"centre", {3}, {-1}, kRed};
  Image image = scatterPlot("ring", {ring, centre}, 700, 400);
  int left = image.width, right = 0, top = image.height, bottom = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      if (image.get(x, y) == kBlue)
        left = std::min(left, x), right = std::max(right, x), top = std::min(top, y),
        bottom = std::max(bottom, y);
  EXPECT_GT(right - left, 100);
  EXPECT_NEAR(right - left, bottom - top, 3);
  EXPECT_GT(countColor(image, kRed), 0u);
  scatterPlot("empty", {}, 300, 300);
  scatterPlot("one", {centre}, 300, 300);
}

TEST(PlotToyGan, HasAllThreeCurvesInEveryPanel) {
  Rng rng(7);
  std::vector<ToyPanel> panels(2);
  for (size_t p = 0; p < panels.size(); ++p) {
    panels[p].title = "step " + std::to_string(p * 2000);
    for (int i = 0; i < 2000; ++i) {
      panels[p].dataSamples.push_back(rng.normal(4, 0.5));
      panels[p].generatedSamples.push_back(rng.normal(p ? 3.8 : 1.0, 0.6));
    }
    for (double x = -1; x <= 7; x += 0.05) {
      panels[p].gridX.push_back(x);
      panels[p].discriminator.push_back(1 / (1 + std::exp(-(x - 2.5))));
    }
  }
  Image image = toyGanPicture(panels, -1, 7, 400, 300);
  EXPECT_EQ(image.width, 800);
  EXPECT_EQ(image.height, 300);
  for (int p = 0; p < 2; ++p) {
    Image panel(400, 300);
    for (int y = 0; y < 300; ++y)
      for (int x = 0; x < 400; ++x)
        panel.set(x, y, image.get(p * 400 + x, y));
    EXPECT_GT(countColor(panel, toyGeneratorColor), 200u) << p;
    EXPECT_GT(countColor(panel, toyDiscriminatorColor), 200u) << p;
    EXPECT_GT(countColor(panel, toyDataColor), 200u) << p;
  }
  EXPECT_NE(errorOf([&] { toyGanPicture(panels, 1, 1); }), "");
  EXPECT_NE(errorOf([] { toyGanPicture({}, 0, 1); }), "");
}

TEST(PlotToyGan, EmptySamplesAndCollapsedGeneratorDoNotCrash) {
  ToyPanel collapsed{"collapsed", {}, std::vector<double>(100, 2.0), {0, 1, 2}, {0.5, NAN, 0.5}};
  Image image = toyGanPicture({collapsed, ToyPanel{}}, 0, 4, 300, 200);
  EXPECT_EQ(image.width, 600);
}
