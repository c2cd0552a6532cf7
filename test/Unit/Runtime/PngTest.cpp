//===- PngTest.cpp - PNG files, rasters and tile grids --------------------===//
//
// The PNG checks do not trust the code under test: CRCs come from a bitwise
// CRC-32 written here, and pixels are read back by a reader of its own
// (test/Runtime/Inputs/check_png.py, Python's zlib).
//
//===----------------------------------------------------------------------===//
#include "TestUtil.h"
#include "viz/Image.h"
#include "genc/runtime/Rng.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>

using namespace genc::rt;

namespace {
/// CRC-32 (ISO-HDLC, as PNG uses), bit by bit: independent of zlib's tables.
uint32_t referenceCrc(const std::string &bytes) {
  uint32_t crc = 0xffffffff;
  for (unsigned char byte : bytes) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit)
      crc = (crc >> 1) ^ (0xedb88320 & (0u - (crc & 1)));
  }
  return ~crc;
}

uint32_t bigEndian(const std::string &bytes, size_t at) {
  return uint32_t(uint8_t(bytes[at])) << 24 | uint32_t(uint8_t(bytes[at + 1])) << 16 |
         uint32_t(uint8_t(bytes[at + 2])) << 8 | uint8_t(bytes[at + 3]);
}

const std::string kSignature("\x89PNG\r\n\x1a\n", 8);

Image randomImage(int width, int height, uint64_t seed) {
  Rng rng(seed);
  Image image(width, height);
  for (uint8_t &byte : image.rgb)
    byte = uint8_t(rng.below(256));
  return image;
}

/// Whether check_png.py decodes `png` to exactly `image`'s pixels.
bool realReaderSees(const std::string &png, const Image &image, const TempDir &dir) {
  std::string raw = dir.write("expected.rgb", std::string(image.rgb.begin(), image.rgb.end()));
  std::string command = "python3 " GENC_CHECK_PNG " --rgb " + raw + " " + png + " > /dev/null";
  return std::system(command.c_str()) == 0;
}
} // namespace

TEST(Png, ARealReaderDecodesTheSamePixels) {
  TempDir dir;
  Image image = randomImage(37, 23, 1);
  // A smooth band, so the writer's Sub/Up/Average/Paeth choices get exercised too.
  for (int y = 0; y < 10; ++y)
    for (int x = 0; x < 37; ++x)
      image.set(x, y, {uint8_t(x * 7), uint8_t(y * 20), uint8_t(x + y)});
  writePng(dir.file("a.png"), image);
  EXPECT_TRUE(realReaderSees(dir.file("a.png"), image, dir));
  image.set(36, 22, RGB{1, 2, 3});
  EXPECT_FALSE(realReaderSees(dir.file("a.png"), image, dir));
}

TEST(Png, ChunksAreWellFormedWithValidCrcs) {
  TempDir dir;
  writePng(dir.file("a.png"), randomImage(5, 3, 2));
  std::string bytes = readBytes(dir.file("a.png"));
  ASSERT_EQ(bytes.substr(0, 8), kSignature);
  std::vector<std::string> types;
  for (size_t at = 8; at < bytes.size();) {
    ASSERT_LE(at + 12, bytes.size());
    uint32_t length = bigEndian(bytes, at);
    ASSERT_LE(at + 12 + length, bytes.size());
    std::string typeAndData = bytes.substr(at + 4, 4 + length);
    types.push_back(typeAndData.substr(0, 4));
    EXPECT_EQ(bigEndian(bytes, at + 8 + length), referenceCrc(typeAndData)) << types.back();
    if (types.back() == "IHDR") {
      EXPECT_EQ(bigEndian(typeAndData, 4), 5u);
      EXPECT_EQ(bigEndian(typeAndData, 8), 3u);
      EXPECT_EQ(typeAndData.substr(12), std::string({8, 2, 0, 0, 0}));
    }
    at += 12 + length;
  }
  EXPECT_EQ(types, (std::vector<std::string>{"IHDR", "IDAT", "IEND"}));
}

TEST(Png, WriteNamesTheFileItCannotWrite) {
  TempDir dir;
  std::string path = dir.file("no/such/dir/samples.png");
  EXPECT_EQ(errorOf([&] { writePng(path, Image(2, 2)); }),
            path + ": cannot write: No such file or directory");
}

TEST(Png, WriteReplacesAtomicallyAndLeavesNoTemporaries) {
  TempDir dir;
  std::string path = dir.file("a.png");
  writePng(path, Image(3, 3, black));
  Image second(2, 1, RGB{1, 2, 3});
  writePng(path, second);
  EXPECT_TRUE(realReaderSees(path, second, dir));
  std::filesystem::remove(dir.file("expected.rgb"));
  auto files = std::filesystem::directory_iterator(dir.path());
  EXPECT_EQ(std::distance(begin(files), end(files)), 1);
}

TEST(Image, SetOutsideIsIgnoredAndGetOutsideThrows) {
  Image image(2, 2);
  image.set(-1, 0, black);
  image.set(2, 1, black);
  EXPECT_EQ(image.rgb, std::vector<uint8_t>(12, 255));
  EXPECT_EQ(errorOf([&] { image.get(2, 0); }), "pixel (2, 0) is outside a 2x2 image");
}

TEST(TileGrid, GeometryPlacementAndClamping) {
  // 5 tiles of 3 rows x 4 columns, 3 per row, scaled 2x with 2-pixel gaps.
  std::vector<std::vector<float>> tiles(5, std::vector<float>(12, 0.0f));
  tiles[4][2 * 4 + 3] = 0.5f; // tile 4 (grid row 1, column 1), pixel y=2 x=3
  tiles[0][0] = -1.0f;
  tiles[0][1] = 2.0f;
  tiles[0][2] = NAN;
  std::vector<const float *> pointers;
  for (const auto &tile : tiles)
    pointers.push_back(tile.data());
  Image grid = tileGrid(pointers, 3, 4, 3, 2, 2);
  EXPECT_EQ(grid.width, 3 * 4 * 2 + 4 * 2);
  EXPECT_EQ(grid.height, 2 * 3 * 2 + 3 * 2);

  int left = 2 + 1 * (8 + 2) + 3 * 2, top = 2 + 1 * (6 + 2) + 2 * 2;
  for (int dy = 0; dy < 2; ++dy)
    for (int dx = 0; dx < 2; ++dx)
      EXPECT_EQ(grid.get(left + dx, top + dy), (RGB{128, 128, 128}));
  EXPECT_EQ(grid.get(left - 1, top), (RGB{0, 0, 0}));

  EXPECT_EQ(grid.get(2, 2), (RGB{0, 0, 0}));           // -1 clamps to black
  EXPECT_EQ(grid.get(2 + 2, 2), (RGB{255, 255, 255})); // 2 clamps to white
  EXPECT_EQ(grid.get(2 + 4, 2), (RGB{0, 0, 0}));       // NaN is black
  RGB separator = grid.get(0, 0);
  EXPECT_NE(separator, (RGB{0, 0, 0}));
  EXPECT_EQ(grid.get(2 + 8, 5), separator); // between columns 0 and 1
  EXPECT_EQ(grid.get(25, 12), separator);   // the empty sixth cell
}

TEST(TileGrid, FewerTilesThanColumnsShrinksTheRow) {
  std::vector<float> tile(4, 1.0f);
  Image grid = tileGrid({tile.data(), tile.data()}, 2, 2, 8, 1, 1);
  EXPECT_EQ(grid.width, 2 * 2 + 3);
  EXPECT_EQ(grid.height, 2 + 2);
}

TEST(TileGrid, RejectsEmptyInput) {
  EXPECT_NE(errorOf([] { tileGrid({}, 28, 28, 8); }), "");
  std::vector<float> tile(4, 1.0f);
  EXPECT_NE(errorOf([&] { tileGrid({tile.data()}, 2, 2, 0); }), "");
}
