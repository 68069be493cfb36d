#include <string>

#include "core/image/image_metadata.h"
#include "core/image/isobmff.h"
#include "core/image/webp.h"
#include "gtest/gtest.h"
#include "tests/image/test_images.h"

namespace vigie::image {
namespace {

using testing::RiffChunk;
using testing::TiffBuilder;
using testing::WebpWith;
using testing::XmpPacket;

std::string GpsTiff(double lat, double lon, int orientation) {
  TiffBuilder tiff;
  tiff.Ascii(testing::kIfd0, 0x010F, "Google")
      .Ascii(testing::kIfd0, 0x0110, "Pixel 8")
      .Ascii(testing::kExifIfd, 0x9003, "2024:05:17 14:03:22")
      .Gps(lat, lon);
  if (orientation != 0) tiff.Short(testing::kIfd0, 0x0112, orientation);
  return tiff.Build();
}

TEST(WebpTest, ReadsExifAndXmpChunks) {
  const std::string webp = WebpWith(
      {RiffChunk("EXIF", GpsTiff(47.1975, -1.5365, 0)),
       RiffChunk("XMP ", XmpPacket("><dc:creator>Jean Dupont</dc:creator>"))},
      0x0C);
  absl::StatusOr<ImageMetadata> meta = ReadMetadata(Bytes(webp));
  ASSERT_TRUE(meta.ok()) << meta.status();
  EXPECT_EQ(meta->container, Container::kWebp);
  ASSERT_TRUE(meta->gps.has_value());
  EXPECT_NEAR(meta->gps->latitude, 47.1975, 1e-6);
  EXPECT_EQ(meta->model, "Pixel 8");
  EXPECT_EQ(meta->names.at(0).value, "Jean Dupont");
  EXPECT_TRUE(meta->warnings.empty());
}

TEST(WebpTest, StripFixesFlagsAndRiffSize) {
  const std::string webp = WebpWith(
      {RiffChunk("EXIF", GpsTiff(47.1975, -1.5365, 0)),
       RiffChunk("XMP ", XmpPacket("><dc:creator>Jean Dupont</dc:creator>")),
       RiffChunk("ICCP", "icc!")},
      0x2C);
  absl::StatusOr<std::string> clean = StripWebp(Bytes(webp));
  ASSERT_TRUE(clean.ok()) << clean.status();
  EXPECT_EQ(clean->find("EXIF"), std::string::npos);
  EXPECT_EQ(clean->find("XMP "), std::string::npos);
  EXPECT_NE(clean->find("ICCP"), std::string::npos);
  EXPECT_EQ(static_cast<uint8_t>((*clean)[20]), 0x20);  // only the ICC flag
  const uint32_t riff_size = static_cast<uint8_t>((*clean)[4]) |
                             static_cast<uint8_t>((*clean)[5]) << 8 |
                             static_cast<uint8_t>((*clean)[6]) << 16 |
                             static_cast<uint8_t>((*clean)[7]) << 24;
  EXPECT_EQ(riff_size + 8, clean->size());
  const std::string vp8l = testing::TinyWebp().substr(12);
  EXPECT_NE(clean->find(vp8l), std::string::npos);
  absl::StatusOr<ImageMetadata> meta = ReadMetadata(Bytes(*clean));
  ASSERT_TRUE(meta.ok());
  EXPECT_FALSE(meta->gps.has_value());
  EXPECT_EQ(meta->text_count(), 0u);
  EXPECT_TRUE(meta->warnings.empty());
}

TEST(WebpTest, StripKeepsOrientationInAMinimalExif) {
  const std::string webp =
      WebpWith({RiffChunk("EXIF", GpsTiff(47.1975, -1.5365, 8))}, 0x08);
  absl::StatusOr<std::string> clean = StripWebp(Bytes(webp));
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(static_cast<uint8_t>((*clean)[20]), 0x08);
  absl::StatusOr<ImageMetadata> meta = ReadMetadata(Bytes(*clean));
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->orientation, 8);
  EXPECT_FALSE(meta->gps.has_value());
  EXPECT_EQ(meta->text_count(), 0u);
}

TEST(WebpTest, SimpleWebpIsUnchanged) {
  absl::StatusOr<std::string> clean = StripWebp(Bytes(testing::TinyWebp()));
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(*clean, testing::TinyWebp());
}

TEST(HeifTest, ReadsExifXmpAndThumbnailItems) {
  const std::string heif = testing::HeifWith(
      GpsTiff(47.2120, -1.5540, 0),
      XmpPacket("><dc:description>Chambre 12</dc:description>"), true);
  ASSERT_TRUE(IsHeif(Bytes(heif)));
  absl::StatusOr<ImageMetadata> meta = ReadMetadata(Bytes(heif));
  ASSERT_TRUE(meta.ok()) << meta.status();
  EXPECT_EQ(meta->container, Container::kHeif);
  ASSERT_TRUE(meta->gps.has_value());
  EXPECT_NEAR(meta->gps->latitude, 47.2120, 1e-6);
  EXPECT_NEAR(meta->gps->longitude, -1.5540, 1e-6);
  EXPECT_EQ(meta->make, "Google");
  EXPECT_EQ(meta->captions.at(0).value, "Chambre 12");
  EXPECT_EQ(meta->thumbnails.at(0), "heif:thmb");
  EXPECT_TRUE(meta->warnings.empty()) << meta->warnings[0];
}

TEST(HeifTest, NoLosslessStrip) {
  const std::string heif = testing::HeifWith(GpsTiff(47.2, -1.5, 0), "", false);
  absl::StatusOr<std::string> clean = StripMetadata(Bytes(heif));
  EXPECT_EQ(clean.status().code(), absl::StatusCode::kUnimplemented);
}

TEST(HeifTest, ItemOutsideTheFileWarns) {
  std::string heif = testing::HeifWith(GpsTiff(47.2, -1.5, 0), "", false);
  // Point the Exif extent far away: find the iloc box and break its offset.
  const size_t iloc = heif.find("iloc");
  ASSERT_NE(iloc, std::string::npos);
  heif[iloc + 4 + 4 + 2 + 2 + 2 + 2 + 2 + 2 + 2] = '\x7f';  // extent offset
  absl::StatusOr<ImageMetadata> meta = ReadMetadata(Bytes(heif));
  ASSERT_TRUE(meta.ok());
  EXPECT_FALSE(meta->gps.has_value());
  EXPECT_FALSE(meta->warnings.empty());
}

TEST(ContainerTest, UnknownBytesAreRefused) {
  EXPECT_EQ(ReadMetadata(Bytes(std::string("GIF89a...."))).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(ReadMetadata(Bytes(std::string())).ok());
  EXPECT_FALSE(StripMetadata(Bytes(std::string("BM...."))).ok());
}

}  // namespace
}  // namespace vigie::image
