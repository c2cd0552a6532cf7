//===- Image.h - RGB rasters, PNG files and sample grids ----------*- C++ -*-===//
//
// The runtime's pictures (sample grids, loss curves, the toy GAN figure) are
// 8-bit RGB rasters written as PNG with zlib alone, so linking the runtime
// pulls in no image library.
//
//===----------------------------------------------------------------------===//
#ifndef GENC_RUNTIME_LIB_IMAGE_H
#define GENC_RUNTIME_LIB_IMAGE_H

#include <cstdint>
#include <string>
#include <vector>

namespace genc::rt {

struct RGB {
  uint8_t r, g, b;
  bool operator==(const RGB &other) const { return r == other.r && g == other.g && b == other.b; }
  bool operator!=(const RGB &other) const { return !(*this == other); }
};

inline constexpr RGB white{255, 255, 255};
inline constexpr RGB black{0, 0, 0};

/// An 8-bit RGB raster, row-major, 3 bytes per pixel.
struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> rgb;

  Image() = default;
  Image(int width, int height, RGB background = white);

  bool contains(int x, int y) const { return x >= 0 && y >= 0 && x < width && y < height; }
  /// Pixels outside the raster are ignored, so drawing code clips for free.
  void set(int x, int y, RGB color);
  /// Throws RuntimeError outside the raster.
  RGB get(int x, int y) const;
  /// Fills the part of [x, x + w) x [y, y + h) that lies inside the raster.
  void fillRect(int x, int y, int w, int h, RGB color);
};

/// Writes `path` through an AtomicFile, so a crash never leaves half a PNG behind.
void writePng(const std::string &path, const Image &image);

/// A grid of grayscale tiles: tiles[i] holds tileH*tileW floats in [0,1]
/// (values outside are clamped, NaN is black), laid out `columns` per row
/// (fewer if there are fewer tiles), each scaled up by `scale` (nearest
/// neighbour). A dark `gap`-pixel separator runs between the tiles and around
/// the grid: width = c*tileW*scale + (c+1)*gap for c columns, likewise height.
Image tileGrid(const std::vector<const float *> &tiles, int tileH, int tileW, int columns,
               int scale = 2, int gap = 2);

} // namespace genc::rt

#endif // GENC_RUNTIME_LIB_IMAGE_H
