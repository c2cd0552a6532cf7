//===- IdxTest.cpp - IDX files: round trips, gzip, corrupt files ----------===//
#include "TestUtil.h"

#include "genc/runtime/Data.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace genc::rt;
using ::testing::HasSubstr;

namespace {

/// Three 2x3 images whose pixels are k/255 for distinct k, so every byte position is checked.
IdxImages smallImages() {
  IdxImages images{3, 2, 3, {}};
  for (int k = 0; k < 18; ++k)
    images.values.push_back(float(k * 14) / 255.0f);
  return images;
}

/// An IDX header: magic 00 00, data type, dimension count, big-endian dimensions.
std::string header(unsigned char type, std::initializer_list<uint32_t> dims) {
  std::string bytes = {0, 0, char(type), char(dims.size())};
  for (uint32_t d : dims)
    bytes += {char(d >> 24), char(d >> 16), char(d >> 8), char(d)};
  return bytes;
}

} // namespace

TEST(Idx, ImagesRoundTripPlainAndGzip) {
  TempDir dir;
  IdxImages images = smallImages();
  writeIdxImages(dir.file("images"), images);
  gzipFile(dir.file("images"), dir.file("images.gz"));
  EXPECT_NE(readBytes(dir.file("images")), readBytes(dir.file("images.gz")));
  for (const char *name : {"images", "images.gz"}) {
    IdxImages read = readIdxImages(dir.file(name));
    EXPECT_EQ(read.count, 3);
    EXPECT_EQ(read.rows, 2);
    EXPECT_EQ(read.cols, 3);
    EXPECT_EQ(read.values, images.values) << name;
  }
}

TEST(Idx, FirstImagesOnlyButTheWholeFileChecked) {
  TempDir dir;
  IdxImages images = smallImages();
  writeIdxImages(dir.file("images"), images);
  IdxImages two = readIdxImages(dir.file("images"), 2);
  EXPECT_EQ(two.count, 2);
  EXPECT_EQ(two.inFile, 3);
  EXPECT_EQ(two.values, std::vector<float>(images.values.begin(), images.values.begin() + 12));
  IdxImages all = readIdxImages(dir.file("images"), 10);
  EXPECT_EQ(all.count, 3);
  EXPECT_EQ(all.values, images.values);
  // A file cut short is an error whatever is kept of it.
  std::string bytes = readBytes(dir.file("images"));
  std::string cut = dir.write("cut", bytes.substr(0, bytes.size() - 1));
  EXPECT_THAT(errorOf([&] { readIdxImages(cut, 1); }), HasSubstr(cut + ": truncated"));
}

TEST(Idx, WrittenFileIsStandardIdx) {
  TempDir dir;
  writeIdxLabels(dir.file("labels"), {7, 0, 255});
  EXPECT_EQ(readBytes(dir.file("labels")), header(0x08, {3}) + std::string("\x07\x00\xff", 3));
}

TEST(Idx, LabelsRoundTripPlainAndGzip) {
  TempDir dir;
  std::vector<int32_t> labels = {3, 1, 4, 1, 5, 9, 2, 6};
  writeIdxLabels(dir.file("labels"), labels);
  gzipFile(dir.file("labels"), dir.file("labels.gz"));
  EXPECT_EQ(readIdxLabels(dir.file("labels")), labels);
  EXPECT_EQ(readIdxLabels(dir.file("labels.gz")), labels);
}

TEST(Idx, CompressionIsDetectedByMagicNotByName) {
  TempDir dir;
  writeIdxLabels(dir.file("plain.gz"), {1, 2});
  gzipFile(dir.file("plain.gz"), dir.file("gzipped"));
  EXPECT_EQ(readIdxLabels(dir.file("plain.gz")), (std::vector<int32_t>{1, 2}));
  EXPECT_EQ(readIdxLabels(dir.file("gzipped")), (std::vector<int32_t>{1, 2}));
}

TEST(Idx, WriteRejectsValuesThatDoNotFit) {
  TempDir dir;
  EXPECT_THAT(errorOf([&] { writeIdxLabels(dir.file("l"), {1, 300}); }),
              HasSubstr("label 300 at item 1 does not fit in an unsigned byte"));
  IdxImages wrong = smallImages();
  wrong.values.pop_back();
  EXPECT_THAT(errorOf([&] { writeIdxImages(dir.file("i"), wrong); }),
              HasSubstr("cannot write 3 images of 2x3 from 17 values"));
}

TEST(Idx, MissingFile) {
  EXPECT_THAT(errorOf([] { readIdxImages("/nonexistent/train-images-idx3-ubyte"); }),
              HasSubstr("/nonexistent/train-images-idx3-ubyte: cannot open"));
}

TEST(Idx, BadMagic) {
  TempDir dir;
  std::string path = dir.write("x", "\x12\x34\x08\x01" + std::string(8, '\0'));
  EXPECT_EQ(errorOf([&] { readIdxLabels(path); }),
            path + ": not an IDX file: it starts with bytes 12 34, expected 00 00");
}

TEST(Idx, WrongDataType) {
  TempDir dir;
  std::string path = dir.write("x", header(0x0d, {2}) + std::string(8, '\0'));
  EXPECT_EQ(errorOf([&] { readIdxLabels(path); }),
            path + ": IDX data type code 0x0d is not unsigned byte (0x08)");
}

TEST(Idx, WrongDimensionCount) {
  TempDir dir;
  writeIdxImages(dir.file("images"), smallImages());
  EXPECT_EQ(errorOf([&] { readIdxLabels(dir.file("images")); }),
            dir.file("images") + ": IDX file has 3 dimensions, labels need 1");
}

TEST(Idx, TruncatedHeader) {
  TempDir dir;
  std::string tiny = dir.write("tiny", std::string(2, '\0'));
  EXPECT_THAT(errorOf([&] { readIdxImages(tiny); }), HasSubstr(tiny + ": truncated: 2 bytes"));
  std::string cut = dir.write("cut", header(0x08, {1, 2, 3}).substr(0, 10));
  EXPECT_THAT(errorOf([&] { readIdxImages(cut); }),
              HasSubstr(cut + ": truncated: 10 bytes, the IDX header needs 16"));
}

TEST(Idx, TruncatedImageData) {
  TempDir dir;
  std::string path = dir.write("x", header(0x08, {60000, 28, 28}) + std::string(1234, '\0'));
  EXPECT_EQ(errorOf([&] { readIdxImages(path); }),
            path + ": truncated: header says 60000 images of 28x28, file holds 1234 bytes of data");
}

TEST(Idx, TrailingImageData) {
  TempDir dir;
  std::string path = dir.write("x", header(0x08, {1, 2, 2}) + std::string(5, '\0'));
  EXPECT_EQ(errorOf([&] { readIdxImages(path); }),
            path + ": header says 1 images of 2x2, file holds 5 bytes of data");
}

TEST(Idx, TruncatedLabelData) {
  TempDir dir;
  std::string path = dir.write("x", header(0x08, {10}) + std::string(4, '\0'));
  EXPECT_EQ(errorOf([&] { readIdxLabels(path); }),
            path + ": truncated: header says 10 labels, file holds 4 bytes of data");
}

TEST(Idx, TruncatedGzipStream) {
  TempDir dir;
  IdxImages images{200, 28, 28, {}};
  for (int64_t i = 0; i < 200 * 28 * 28; ++i)
    images.values.push_back(float((i * 7919) % 256) / 255.0f); // barely compressible
  writeIdxImages(dir.file("images"), images);
  gzipFile(dir.file("images"), dir.file("images.gz"));
  std::string gz = readBytes(dir.file("images.gz"));
  std::string path = dir.write("cut.gz", gz.substr(0, gz.size() / 2));
  EXPECT_THAT(errorOf([&] { readIdxImages(path); }), HasSubstr(path + ": truncated gzip data"));
}

TEST(Idx, CorruptGzipStream) {
  TempDir dir;
  std::string path = dir.write("bad.gz", std::string("\x1f\x8b\x08\x00", 4) + std::string(6, '\0') +
                                             std::string(32, '\xff'));
  EXPECT_THAT(errorOf([&] { readIdxLabels(path); }), HasSubstr(path + ": cannot read: "));
}

TEST(Idx, HeaderClaimingMoreThanMemoryFailsBeforeReading) {
  TempDir dir;
  std::string path = dir.write("huge", header(0x08, {4000000000u, 60000, 60000}));
  EXPECT_THAT(errorOf([&] { readIdxImages(path); }),
              testing::MatchesRegex(".*huge: header says 4000000000 images of 60000x60000, [0-9]+ "
                                    "MiB in memory, more than this machine's [0-9]+ MiB"));
}

TEST(Idx, GzipBombStopsWhereTheHeaderSaysTheDataEnds) {
  // 8 MiB of zeros after a header of 10 labels inflate from ~8 KiB of gzip;
  // the reader stops 1 MiB past the claim instead of inflating it all.
  TempDir dir;
  std::string plain = dir.write("bomb", header(0x08, {10}) + std::string(8 << 20, '\0'));
  gzipFile(plain, dir.file("bomb.gz"));
  EXPECT_EQ(errorOf([&] { readIdxLabels(dir.file("bomb.gz")); }),
            dir.file("bomb.gz") + ": header says 10 labels, file holds more than " +
                std::to_string(10 + (1 << 20)) + " bytes of data");
}

TEST(Idx, RefusesFilesThatAreNotRegular) {
  EXPECT_EQ(errorOf([] { readIdxLabels("/dev/zero"); }), "/dev/zero: not a regular file");
}

TEST(Idx, ImagesWithoutPixelsAreRefused) {
  // Found by idx-fuzzer: 4294967295 images of 4278192129x0 passed every size check.
  TempDir dir;
  std::string path = dir.write("empty", header(0x08, {4294967295u, 4278192129u, 0}));
  EXPECT_EQ(errorOf([&] { readIdxImages(path); }),
            path + ": header says 4294967295 images of 4278192129x0: an image needs pixels");
}
