//===- Image.cpp - RGB rasters and grids of grayscale tiles ---------------===//
#include "viz/Image.h"
#include "genc/runtime/Error.h"

#include <algorithm>
#include <cmath>

using namespace genc::rt;

Image::Image(int width, int height, RGB background) : width(width), height(height) {
  if (width < 0 || height < 0)
    throw RuntimeError("image size " + std::to_string(width) + "x" + std::to_string(height) +
                       " is negative");
  rgb.resize(size_t(width) * height * 3);
  for (size_t i = 0; i < rgb.size(); i += 3) {
    rgb[i] = background.r;
    rgb[i + 1] = background.g;
    rgb[i + 2] = background.b;
  }
}

void Image::set(int x, int y, RGB color) {
  if (!contains(x, y))
    return;
  uint8_t *pixel = &rgb[(size_t(y) * width + x) * 3];
  pixel[0] = color.r;
  pixel[1] = color.g;
  pixel[2] = color.b;
}

RGB Image::get(int x, int y) const {
  if (!contains(x, y))
    throw RuntimeError("pixel (" + std::to_string(x) + ", " + std::to_string(y) +
                       ") is outside a " + std::to_string(width) + "x" + std::to_string(height) +
                       " image");
  const uint8_t *pixel = &rgb[(size_t(y) * width + x) * 3];
  return {pixel[0], pixel[1], pixel[2]};
}

void Image::fillRect(int x, int y, int w, int h, RGB color) {
  for (int row = std::max(y, 0); row < std::min(y + h, height); ++row)
    for (int col = std::max(x, 0); col < std::min(x + w, width); ++col)
      set(col, row, color);
}

/// [0,1] -> 0..255, clamped; NaN maps to black rather than to undefined behaviour.
static uint8_t grayLevel(float value) {
  if (!(value > 0.0f))
    return 0;
  if (value >= 1.0f)
    return 255;
  return uint8_t(std::lround(value * 255.0f));
}

Image genc::rt::tileGrid(const std::vector<const float *> &tiles, int tileH, int tileW, int columns,
                         int scale, int gap) {
  if (tiles.empty() || tileH <= 0 || tileW <= 0 || columns <= 0 || scale <= 0 || gap < 0)
    throw RuntimeError("tileGrid: needs at least one tile and positive sizes (got " +
                       std::to_string(tiles.size()) + " tiles of " + std::to_string(tileH) + "x" +
                       std::to_string(tileW) + ", " + std::to_string(columns) + " columns, scale " +
                       std::to_string(scale) + ", gap " + std::to_string(gap) + ")");
  const RGB separator{48, 48, 64}; // dark, yet distinct from a tile's black background
  int cols = std::min<int>(columns, int(tiles.size()));
  int rows = int((tiles.size() + cols - 1) / cols);
  int cellW = tileW * scale, cellH = tileH * scale;
  Image grid(cols * cellW + (cols + 1) * gap, rows * cellH + (rows + 1) * gap, separator);
  for (size_t i = 0; i < tiles.size(); ++i) {
    int left = gap + int(i % cols) * (cellW + gap);
    int top = gap + int(i / cols) * (cellH + gap);
    for (int y = 0; y < tileH; ++y)
      for (int x = 0; x < tileW; ++x) {
        uint8_t level = grayLevel(tiles[i][y * tileW + x]);
        grid.fillRect(left + x * scale, top + y * scale, scale, scale, {level, level, level});
      }
  }
  return grid;
}
