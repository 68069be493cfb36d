#include "core/image/jpeg.h"

#include <string>

#include "core/image/exif.h"
#include "core/image/image_metadata.h"
#include "core/image/jpeg_segments.h"
#include "gtest/gtest.h"
#include "tests/image/test_images.h"

namespace vigie::image {
namespace {

using testing::ExifApp1;
using testing::JpegSegment;
using testing::JpegWith;
using testing::TiffBuilder;
using testing::XmpApp1;
using testing::XmpPacket;

// Everything from the first SOS to the last EOI: the compressed pixels (of a
// file without an embedded thumbnail).
std::string ScanData(const std::string& jpeg) {
  const size_t sos = jpeg.find("\xff\xda");
  const size_t eoi = jpeg.rfind("\xff\xd9");
  return jpeg.substr(sos, eoi + 2 - sos);
}

std::string LoadedJpeg() {
  TiffBuilder tiff;
  tiff.Ascii(testing::kIfd0, 0x010F, "Samsung")
      .Ascii(testing::kIfd0, 0x0110, "SM-S918B")
      .Short(testing::kIfd0, 0x0112, 6)
      .Ascii(testing::kExifIfd, 0x9003, "2024:05:17 14:03:22")
      .Gps(47.2120, -1.5540)
      .Thumbnail(testing::TinyJpeg());
  const std::string icc = std::string("ICC_PROFILE\0\x01\x01", 14) + "fake-icc";
  const std::string adobe = std::string("Adobe\0\x64\0\0\0\0\x01", 12);
  const std::string iptc = std::string("Photoshop 3.0\0", 14) + "8BIM\x04\x04" +
                           std::string("\0\0\0\0\0\x10", 6) +
                           std::string("\x1c\x02\x50\0\x0bPaul Martin", 16);
  return JpegWith({ExifApp1(tiff.Build()),
                   XmpApp1(XmpPacket("><dc:creator>Jean Dupont</dc:creator>")),
                   JpegSegment(0xE2, icc), JpegSegment(0xED, iptc),
                   JpegSegment(0xE2, std::string("MPF\0MM", 6)),
                   JpegSegment(0xFE, "Photo du service"),
                   JpegSegment(0xEE, adobe)}) +
         "TRAILER: Samsung motion photo";
}

TEST(JpegTest, ReadsEveryBlock) {
  ImageMetadata meta;
  ASSERT_TRUE(ReadJpegMetadata(Bytes(LoadedJpeg()), &meta).ok());
  EXPECT_EQ(meta.container, Container::kJpeg);
  ASSERT_TRUE(meta.gps.has_value());
  EXPECT_NEAR(meta.gps->latitude, 47.2120, 1e-6);
  EXPECT_EQ(meta.make, "Samsung");
  EXPECT_EQ(meta.orientation, 6);
  EXPECT_EQ(meta.date_original, "2024:05:17 14:03:22");
  ASSERT_EQ(meta.names.size(), 2u);
  EXPECT_EQ(meta.names[0].value, "Jean Dupont");
  EXPECT_EQ(meta.names[1].value, "Paul Martin");
  EXPECT_EQ(meta.captions.at(0).value, "Photo du service");
  EXPECT_EQ(meta.thumbnails, (std::vector<std::string>{"exif:IFD1", "mpf"}));
  EXPECT_TRUE(meta.warnings.empty()) << meta.warnings[0];
}

TEST(JpegTest, StripKeepsPixelsIccAdobeAndOrientation) {
  const std::string original = LoadedJpeg();
  absl::StatusOr<std::string> clean = StripJpeg(Bytes(original));
  ASSERT_TRUE(clean.ok()) << clean.status();
  EXPECT_EQ(ScanData(*clean), ScanData(testing::TinyJpeg()));
  EXPECT_NE(clean->find("ICC_PROFILE"), std::string::npos);
  EXPECT_NE(clean->find("Adobe"), std::string::npos);
  EXPECT_EQ(clean->find("TRAILER"), std::string::npos);
  EXPECT_EQ(clean->find("Photo du service"), std::string::npos);
  EXPECT_EQ(clean->find("MPF"), std::string::npos);
  ImageMetadata meta;
  ASSERT_TRUE(ReadJpegMetadata(Bytes(*clean), &meta).ok());
  EXPECT_FALSE(meta.gps.has_value());
  EXPECT_EQ(meta.text_count(), 0u);
  EXPECT_TRUE(meta.thumbnails.empty());
  EXPECT_EQ(meta.orientation, 6);
  EXPECT_TRUE(meta.warnings.empty());
  // Stripping twice changes nothing more.
  absl::StatusOr<std::string> again = StripJpeg(Bytes(*clean));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *clean);
}

TEST(JpegTest, StripDropsTheJfifThumbnailAndUprightOrientation) {
  std::string jpeg = testing::TinyJpeg();
  jpeg[18] = 1;  // JFIF thumbnail 1x1 (3 bytes of RGB follow)
  jpeg[19] = 1;
  jpeg.insert(20, "\x10\x20\x30");
  jpeg[5] = static_cast<char>(jpeg[5] + 3);  // APP0 length
  ImageMetadata before;
  ASSERT_TRUE(ReadJpegMetadata(Bytes(jpeg), &before).ok());
  EXPECT_EQ(before.thumbnails.at(0), "jfif");
  absl::StatusOr<std::string> clean = StripJpeg(Bytes(jpeg));
  ASSERT_TRUE(clean.ok());
  ImageMetadata after;
  ASSERT_TRUE(ReadJpegMetadata(Bytes(*clean), &after).ok());
  EXPECT_TRUE(after.thumbnails.empty());
  EXPECT_EQ(*clean, testing::TinyJpeg());
}

TEST(JpegTest, StripOfACleanFileIsIdentity) {
  absl::StatusOr<std::string> clean = StripJpeg(Bytes(testing::TinyJpeg()));
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(*clean, testing::TinyJpeg());
}

TEST(JpegTest, NotAJpeg) {
  ImageMetadata meta;
  EXPECT_FALSE(ReadJpegMetadata(Bytes(std::string("\xff\xd8")), &meta).ok());
  EXPECT_FALSE(StripJpeg(Bytes(std::string("GIF89a"))).ok());
}

TEST(JpegTest, TruncatedSegmentGivesPartialResult) {
  std::string jpeg = LoadedJpeg();
  jpeg.resize(jpeg.find("http://ns.adobe.com") + 10);
  ImageMetadata meta;
  ASSERT_TRUE(ReadJpegMetadata(Bytes(jpeg), &meta).ok());
  EXPECT_TRUE(meta.gps.has_value());  // from the complete EXIF segment
  EXPECT_FALSE(meta.warnings.empty());
  EXPECT_FALSE(StripJpeg(Bytes(jpeg)).ok());  // no image data
}

// npm exif-parser 0.1.12 test/starfish.jpg (MIT): a Nokia Lumia 820 photo.
// Expected values are ExifTool 12.57's (`exiftool -n`).
TEST(JpegTest, StarfishMatchesExifTool) {
  const std::string file = testing::ReadFileOrEmpty(
      VIGIE_SOURCE_DIR "/node_modules/exif-parser/test/starfish.jpg");
  if (file.empty()) GTEST_SKIP() << "npm exif-parser not installed";
  absl::StatusOr<ImageMetadata> meta = ReadMetadata(Bytes(file));
  ASSERT_TRUE(meta.ok());
  ASSERT_TRUE(meta->gps.has_value());
  EXPECT_NEAR(meta->gps->latitude, 55.0387558333333, 1e-9);
  EXPECT_NEAR(meta->gps->longitude, 8.45719055555556, 1e-9);
  EXPECT_NEAR(*meta->gps->altitude_m, 0.05, 1e-9);
  EXPECT_EQ(meta->make, "Nokia");
  EXPECT_EQ(meta->model, "Lumia 820");
  EXPECT_EQ(meta->date_original, "2013:05:10 15:21:35");
  EXPECT_EQ(meta->thumbnails.at(0), "exif:IFD1");
  absl::StatusOr<std::string> clean = StripMetadata(Bytes(file));
  ASSERT_TRUE(clean.ok());
  EXPECT_NE(file.find(ScanData(*clean)), std::string::npos);
  absl::StatusOr<ImageMetadata> after = ReadMetadata(Bytes(*clean));
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->gps.has_value());
  EXPECT_EQ(after->text_count(), 0u);
  EXPECT_TRUE(after->thumbnails.empty());
}

}  // namespace
}  // namespace vigie::image
