#include "core/image/exif.h"

#include <string>

#include "gtest/gtest.h"
#include "tests/image/test_images.h"

namespace vigie::image {
namespace {

using testing::kExifIfd;
using testing::kGpsIfd;
using testing::kIfd0;
using testing::TiffBuilder;

ImageMetadata Parse(const std::string& tiff) {
  ImageMetadata meta;
  EXPECT_TRUE(ParseExif(Bytes(tiff), &meta));
  return meta;
}

TEST(ExifTest, ReadsGpsNorthWest) {
  TiffBuilder b;
  b.Gps(47.2120, -1.5540)
      .Raw(kGpsIfd, 5, 1, 1, std::string(1, '\0'))
      .Rationals(kGpsIfd, 6, {{4250, 100}})
      .Ascii(kGpsIfd, 0x10, "T")
      .Rationals(kGpsIfd, 0x11, {{27150, 100}});
  const ImageMetadata meta = Parse(b.Build());
  ASSERT_TRUE(meta.gps.has_value());
  EXPECT_NEAR(meta.gps->latitude, 47.2120, 1e-6);
  EXPECT_NEAR(meta.gps->longitude, -1.5540, 1e-6);
  ASSERT_TRUE(meta.gps->altitude_m.has_value());
  EXPECT_DOUBLE_EQ(*meta.gps->altitude_m, 42.5);
  ASSERT_TRUE(meta.gps->direction_deg.has_value());
  EXPECT_DOUBLE_EQ(*meta.gps->direction_deg, 271.5);
  EXPECT_EQ(meta.gps->source, "exif");
}

TEST(ExifTest, ReadsGpsSouthEastBigEndianBelowSeaLevel) {
  TiffBuilder b(/*big_endian=*/true);
  b.Gps(-33.8568, 151.2153)
      .Raw(kGpsIfd, 5, 1, 1, std::string(1, '\1'))
      .Rationals(kGpsIfd, 6, {{12, 1}});
  const ImageMetadata meta = Parse(b.Build());
  ASSERT_TRUE(meta.gps.has_value());
  EXPECT_NEAR(meta.gps->latitude, -33.8568, 1e-6);
  EXPECT_NEAR(meta.gps->longitude, 151.2153, 1e-6);
  EXPECT_DOUBLE_EQ(*meta.gps->altitude_m, -12);
}

TEST(ExifTest, ZeroZeroWithoutReferencesIsNoPosition) {
  // What a phone without a GPS fix writes (seen on a real Android photo):
  // 0/0 rationals and empty N/S, E/W references.
  TiffBuilder b;
  b.Ascii(kGpsIfd, 1, "")
      .Rationals(kGpsIfd, 2, {{0, 1}, {0, 1}, {0, 1}})
      .Ascii(kGpsIfd, 3, "")
      .Rationals(kGpsIfd, 4, {{0, 1}, {0, 1}, {0, 1}});
  EXPECT_FALSE(Parse(b.Build()).gps.has_value());
}

TEST(ExifTest, PlaceholderDeviceFieldsSayNothing) {
  TiffBuilder b;
  b.Ascii(kIfd0, 0x010F, "--").Ascii(kIfd0, 0x0110, " ? ");
  const ImageMetadata meta = Parse(b.Build());
  EXPECT_EQ(meta.make, "");
  EXPECT_EQ(meta.model, "");
  EXPECT_TRUE(meta.devices.empty());
}

TEST(ExifTest, ReadsDeviceDatesNamesAndCaptions) {
  // XPAuthor is UTF-16LE: "Zoé".
  const std::string xp_author("Z\0o\0\xe9\0\0\0", 8);
  const std::string comment = std::string("ASCII\0\0\0", 8) + "Chambre 12";
  TiffBuilder b;
  b.Ascii(kIfd0, 0x010F, "Apple")
      .Ascii(kIfd0, 0x0110, "iPhone 15")
      .Ascii(kIfd0, 0x0131, "17.1")
      .Ascii(kIfd0, 0x0132, "2024:05:18 09:00:00")
      .Ascii(kIfd0, 0x013B, "Marie Curie")
      .Ascii(kIfd0, 0x010E, "Mme Durand au bloc")
      .Short(kIfd0, 0x0112, 6)
      .Raw(kIfd0, 0x9C9D, 1, 8, xp_author)
      .Ascii(kExifIfd, 0x9003, "2024:05:17 14:03:22")
      .Ascii(kExifIfd, 0x9004, "2024:05:17 14:03:22")
      .Ascii(kExifIfd, 0xA430, "Jean Martin")
      .Raw(kExifIfd, 0x9286, 7, static_cast<uint32_t>(comment.size()), comment);
  const ImageMetadata meta = Parse(b.Build());
  EXPECT_EQ(meta.make, "Apple");
  EXPECT_EQ(meta.model, "iPhone 15");
  EXPECT_EQ(meta.date_original, "2024:05:17 14:03:22");
  EXPECT_EQ(meta.orientation, 6);
  ASSERT_EQ(meta.names.size(), 3u);
  EXPECT_EQ(meta.names[0].value, "Marie Curie");
  EXPECT_EQ(meta.names[1].source, "exif:XPAuthor");
  EXPECT_EQ(meta.names[1].value, "Zoé");
  EXPECT_EQ(meta.names[2].value, "Jean Martin");
  ASSERT_EQ(meta.captions.size(), 2u);
  EXPECT_EQ(meta.captions[0].value, "Mme Durand au bloc");
  EXPECT_EQ(meta.captions[1].value, "Chambre 12");
  EXPECT_EQ(meta.dates.size(), 3u);
  EXPECT_EQ(meta.software.size(), 1u);
  EXPECT_FALSE(meta.gps.has_value());
  EXPECT_TRUE(meta.warnings.empty());
}

TEST(ExifTest, FindsTheThumbnail) {
  TiffBuilder b;
  b.Ascii(kIfd0, 0x010F, "Canon").Thumbnail(testing::TinyJpeg());
  const ImageMetadata meta = Parse(b.Build());
  ASSERT_EQ(meta.thumbnails.size(), 1u);
  EXPECT_EQ(meta.thumbnails[0], "exif:IFD1");
}

TEST(ExifTest, Latin1TextBecomesUtf8) {
  TiffBuilder b;
  b.Ascii(kIfd0, 0x013B, "Ren\xe9 L\xe9vesque");
  EXPECT_EQ(Parse(b.Build()).names.at(0).value, "René Lévesque");
}

TEST(ExifTest, IfdLoopEnds) {
  // IFD0 at 8 with no entries whose "next IFD" points back to itself.
  const std::string tiff("II*\0\x08\0\0\0\0\0\x08\0\0\0", 14);
  ImageMetadata meta;
  EXPECT_TRUE(ParseExif(Bytes(tiff), &meta));
  EXPECT_FALSE(meta.warnings.empty());
}

TEST(ExifTest, OffsetsOutsideTheDataAreSkipped) {
  // One ASCII entry of 100 bytes at offset 0xFFFFFF00.
  const std::string tiff(
      "II*\0\x08\0\0\0\x01\0\x3b\x01\x02\0\x64\0\0\0\0\xff\xff\xff\0\0\0\0",
      26);
  ImageMetadata meta;
  EXPECT_TRUE(ParseExif(Bytes(tiff), &meta));
  EXPECT_TRUE(meta.names.empty());
  EXPECT_FALSE(meta.warnings.empty());
}

TEST(ExifTest, RejectsNonTiff) {
  ImageMetadata meta;
  EXPECT_FALSE(ParseExif(Bytes(std::string("JUNKJUNK")), &meta));
  EXPECT_FALSE(ParseExif(Bytes(std::string()), &meta));
}

TEST(ExifTest, MinimalExifHoldsOnlyTheOrientation) {
  const std::string tiff = MinimalExifWithOrientation(8);
  ImageMetadata meta;
  EXPECT_TRUE(ParseExif(Bytes(tiff), &meta));
  EXPECT_EQ(meta.orientation, 8);
  EXPECT_EQ(meta.text_count(), 0u);
  EXPECT_FALSE(meta.gps.has_value());
  EXPECT_TRUE(meta.thumbnails.empty());
}

TEST(ExifTest, SkipsExifPrefix) {
  const std::string with = std::string("Exif\0\0", 6) + "II";
  EXPECT_EQ(SkipExifPrefix(Bytes(with)).AsString(), "II");
  EXPECT_EQ(SkipExifPrefix(Bytes(std::string("II"))).AsString(), "II");
}

}  // namespace
}  // namespace vigie::image
