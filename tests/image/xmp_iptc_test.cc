#include <string>

#include "core/image/iptc.h"
#include "core/image/xmp.h"
#include "gtest/gtest.h"
#include "tests/image/test_images.h"

namespace vigie::image {
namespace {

using testing::XmpPacket;

TEST(XmpTest, ParsesCoordinates) {
  EXPECT_NEAR(*ParseXmpCoordinate("47,12.72N"), 47.212, 1e-9);
  EXPECT_NEAR(*ParseXmpCoordinate("1,33.24W"), -1.554, 1e-9);
  EXPECT_NEAR(*ParseXmpCoordinate("47,12,43.2N"), 47.212, 1e-9);
  EXPECT_NEAR(*ParseXmpCoordinate("-1.554"), -1.554, 1e-9);
  EXPECT_FALSE(ParseXmpCoordinate("").has_value());
  EXPECT_FALSE(ParseXmpCoordinate("north").has_value());
  EXPECT_FALSE(ParseXmpCoordinate("47,12.72X").has_value());
}

TEST(XmpTest, ReadsAttributesAndElements) {
  const std::string xmp = XmpPacket(
      " exif:GPSLatitude='47,12.72N' exif:GPSLongitude=\"1,33.24W\""
      " exif:GPSAltitude='105/10' exif:GPSImgDirection='90/1'"
      " tiff:Make='Google' tiff:Model='Pixel 8'"
      " exif:DateTimeOriginal='2024-05-17T14:03:22'"
      " xmp:CreatorTool='Lightroom'>"
      "<dc:creator><rdf:Seq><rdf:li>Jean Dupont</rdf:li>"
      "<rdf:li>Anne &amp; Luc</rdf:li></rdf:Seq></dc:creator>"
      "<dc:description><rdf:Alt><rdf:li xml:lang='x-default'>Chambre&#160;12"
      "</rdf:li></rdf:Alt></dc:description>"
      "<mwg-rs:Name>Mme Durand</mwg-rs:Name>");
  ImageMetadata meta;
  ParseXmp(xmp, &meta);
  ASSERT_TRUE(meta.gps.has_value());
  EXPECT_NEAR(meta.gps->latitude, 47.212, 1e-9);
  EXPECT_NEAR(meta.gps->longitude, -1.554, 1e-9);
  EXPECT_DOUBLE_EQ(*meta.gps->altitude_m, 10.5);
  EXPECT_DOUBLE_EQ(*meta.gps->direction_deg, 90);
  EXPECT_EQ(meta.gps->source, "xmp");
  EXPECT_EQ(meta.make, "Google");
  EXPECT_EQ(meta.model, "Pixel 8");
  EXPECT_EQ(meta.date_original, "2024-05-17T14:03:22");
  ASSERT_EQ(meta.names.size(), 2u);
  EXPECT_EQ(meta.names[0].value, "Jean Dupont; Anne & Luc");
  EXPECT_EQ(meta.names[1].source, "xmp:mwg-rs:Name");
  ASSERT_EQ(meta.captions.size(), 1u);
  EXPECT_EQ(meta.captions[0].value,
            "Chambre\xc2\xa0"
            "12");
  EXPECT_EQ(meta.software.at(0).value, "Lightroom");
}

TEST(XmpTest, GoogleOriginalImageCountsAsAThumbnail) {
  ImageMetadata meta;
  ParseXmp(XmpPacket(" GImage:Mime='image/jpeg' GDepth:Data='AAAA'>"), &meta);
  EXPECT_EQ(meta.thumbnails,
            (std::vector<std::string>{"xmp:GImage", "xmp:GDepth"}));
}

TEST(XmpTest, ExifGpsWinsOverXmp) {
  ImageMetadata meta;
  meta.gps = GpsPosition{1, 2, {}, {}, "exif"};
  ParseXmp(
      XmpPacket(" exif:GPSLatitude='47,12.72N' exif:GPSLongitude='1,33.24W'>"),
      &meta);
  EXPECT_EQ(meta.gps->source, "exif");
}

TEST(XmpTest, ZeroZeroIsNoPosition) {
  ImageMetadata meta;
  ParseXmp(
      XmpPacket(" exif:GPSLatitude='0,0.00N' exif:GPSLongitude='0,0.00E'>"),
      &meta);
  EXPECT_FALSE(meta.gps.has_value());
}

TEST(XmpTest, UnclosedElementsEndTheScan) {
  ImageMetadata meta;
  ParseXmp("<dc:creator><rdf:Seq><rdf:li>Jean", &meta);
  ParseXmp("exif:GPSLatitude='47", &meta);
  EXPECT_TRUE(meta.names.empty());
  EXPECT_FALSE(meta.gps.has_value());
}

std::string Dataset(uint8_t record, uint8_t number, const std::string& value) {
  return std::string{0x1C, static_cast<char>(record), static_cast<char>(number),
                     static_cast<char>(value.size() >> 8),
                     static_cast<char>(value.size() & 0xFF)} +
         value;
}

std::string Resource(uint16_t id, const std::string& data) {
  std::string out = "8BIM";
  out += static_cast<char>(id >> 8);
  out += static_cast<char>(id & 0xFF);
  out += std::string(2, '\0');  // empty Pascal name, padded
  const uint32_t size = static_cast<uint32_t>(data.size());
  for (int i = 3; i >= 0; --i) out += static_cast<char>(size >> (8 * i));
  out += data;
  if (data.size() % 2) out += '\0';
  return out;
}

TEST(IptcTest, ReadsBylineCaptionAndPhotoshopThumbnail) {
  const std::string iim =
      Dataset(1, 90, "\x1b%G") + Dataset(2, 80, "Paul Martin") +
      Dataset(2, 120, "Service de pédiatrie") + Dataset(2, 55, "20240517");
  const std::string irb = Resource(0x0404, iim) + Resource(0x040C, "thumb");
  ImageMetadata meta;
  ParsePhotoshopResources(Bytes(irb), &meta);
  ASSERT_EQ(meta.names.size(), 1u);
  EXPECT_EQ(meta.names[0].source, "iptc:By-line");
  EXPECT_EQ(meta.names[0].value, "Paul Martin");
  EXPECT_EQ(meta.captions.at(0).value, "Service de pédiatrie");
  EXPECT_EQ(meta.dates.at(0).value, "20240517");
  EXPECT_EQ(meta.thumbnails.at(0), "photoshop");
  EXPECT_TRUE(meta.warnings.empty());
}

TEST(IptcTest, TruncatedDatasetWarns) {
  std::string iim = Dataset(2, 80, "Paul Martin");
  iim.resize(iim.size() - 3);
  ImageMetadata meta;
  ParseIptc(Bytes(iim), &meta);
  EXPECT_TRUE(meta.names.empty());
  EXPECT_FALSE(meta.warnings.empty());
}

}  // namespace
}  // namespace vigie::image
