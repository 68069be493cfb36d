#include "core/image/png.h"

#include <string>

#include "core/image/exif.h"
#include "core/image/image_metadata.h"
#include "gtest/gtest.h"
#include "tests/image/test_images.h"

namespace vigie::image {
namespace {

using testing::PngChunk;
using testing::PngWith;
using testing::TiffBuilder;

// zlib.compress(b"Mme Durand, chambre 12"): fixed Huffman.
const std::string kCompressedCaption(
    "\x78\x9c\xf3\xcd\x4d\x55\x70\x29\x2d\x4a\xcc\x4b\xd1\x51\x48\xce\x48"
    "\xcc\x4d\x2a\x4a\x55\x30\x34\x02\x00\x56\x64\x07\x3f",
    30);

std::string LoadedPng() {
  TiffBuilder tiff;
  tiff.Ascii(testing::kIfd0, 0x010F, "Apple")
      .Short(testing::kIfd0, 0x0112, 3)
      .Gps(47.2389, -1.6359);
  const std::string xmp =
      testing::XmpPacket("><dc:description>Bloc opératoire</dc:description>");
  const std::string raw_exif_hex =
      "\nexif\n      14\n45786966000049492a00080000000000\n";
  return PngWith(
      {PngChunk("eXIf", tiff.Build()),
       PngChunk("tEXt", std::string("Author\0Jean Dupont", 18)),
       PngChunk("zTXt",
                std::string("Description\0\0", 13) + kCompressedCaption),
       PngChunk("iTXt", std::string("XML:com.adobe.xmp\0\0\0\0\0", 22) + xmp),
       PngChunk("tIME", std::string("\x07\xe8\x05\x11\x0e\x03\x16", 7)),
       PngChunk("tEXt",
                "Raw profile type exif" + std::string(1, '\0') + raw_exif_hex),
       PngChunk("gAMA", std::string("\0\0\xb1\x8f", 4)),
       PngChunk("vpAg", "private")});
}

TEST(PngTest, ReadsEveryTextChunk) {
  absl::StatusOr<ImageMetadata> meta = ReadMetadata(Bytes(LoadedPng()));
  ASSERT_TRUE(meta.ok()) << meta.status();
  EXPECT_EQ(meta->container, Container::kPng);
  ASSERT_TRUE(meta->gps.has_value());
  EXPECT_NEAR(meta->gps->latitude, 47.2389, 1e-6);
  EXPECT_NEAR(meta->gps->longitude, -1.6359, 1e-6);
  EXPECT_EQ(meta->make, "Apple");
  EXPECT_EQ(meta->orientation, 3);
  ASSERT_EQ(meta->names.size(), 1u);
  EXPECT_EQ(meta->names[0].source, "png:Author");
  ASSERT_EQ(meta->captions.size(), 2u);
  EXPECT_EQ(meta->captions[0].source, "png:Description");
  EXPECT_EQ(meta->captions[0].value, "Mme Durand, chambre 12");
  EXPECT_EQ(meta->captions[1].value, "Bloc opératoire");
  EXPECT_EQ(meta->dates.at(0).value, "2024:05:17 14:03:22");
  EXPECT_FALSE(meta->undecoded_text);
  EXPECT_TRUE(meta->warnings.empty()) << meta->warnings[0];
}

TEST(PngTest, CorruptCompressedTextIsReportedNotDecoded) {
  const std::string png = PngWith({PngChunk(
      "zTXt", std::string("Comment\0\0", 9) + "\x78\x9c\xff\xff\xff")});
  absl::StatusOr<ImageMetadata> meta = ReadMetadata(Bytes(png));
  ASSERT_TRUE(meta.ok());
  EXPECT_TRUE(meta->undecoded_text);
  EXPECT_TRUE(meta->captions.empty());
}

TEST(PngTest, StripKeepsRenderingChunksAndOrientation) {
  const std::string original = LoadedPng();
  absl::StatusOr<std::string> clean = StripPng(Bytes(original));
  ASSERT_TRUE(clean.ok()) << clean.status();
  EXPECT_NE(clean->find("IDAT"), std::string::npos);
  EXPECT_NE(clean->find("gAMA"), std::string::npos);
  for (const char* gone : {"tEXt", "zTXt", "iTXt", "tIME", "vpAg", "Dupont"}) {
    EXPECT_EQ(clean->find(gone), std::string::npos) << gone;
  }
  absl::StatusOr<ImageMetadata> meta = ReadMetadata(Bytes(*clean));
  ASSERT_TRUE(meta.ok());
  EXPECT_FALSE(meta->gps.has_value());
  EXPECT_EQ(meta->text_count(), 0u);
  EXPECT_EQ(meta->orientation, 3);
  EXPECT_TRUE(meta->warnings.empty());
  // The IDAT chunk is byte for byte the same.
  const std::string tiny = testing::TinyPng();
  const size_t idat = tiny.find("IDAT") - 4;
  const std::string idat_chunk = tiny.substr(idat, tiny.size() - idat - 12);
  EXPECT_NE(clean->find(idat_chunk), std::string::npos);
}

TEST(PngTest, StripOfACleanFileIsIdentity) {
  absl::StatusOr<std::string> clean = StripPng(Bytes(testing::TinyPng()));
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(*clean, testing::TinyPng());
}

TEST(PngTest, TruncatedFileGivesPartialResult) {
  std::string png = LoadedPng();
  png.resize(png.find("zTXt") + 6);
  absl::StatusOr<ImageMetadata> meta = ReadMetadata(Bytes(png));
  ASSERT_TRUE(meta.ok());
  EXPECT_TRUE(meta->gps.has_value());
  EXPECT_EQ(meta->names.size(), 1u);
  EXPECT_FALSE(meta->warnings.empty());
}

// Debian python3-skimage: astronaut.png (NASA, public domain).
TEST(PngTest, SkimageAstronautHasNoMetadataToStrip) {
  const std::string file = testing::ReadFileOrEmpty(
      "/usr/lib/python3/dist-packages/skimage/data/astronaut.png");
  if (file.empty()) GTEST_SKIP() << "python3-skimage not installed";
  absl::StatusOr<ImageMetadata> meta = ReadMetadata(Bytes(file));
  ASSERT_TRUE(meta.ok());
  EXPECT_FALSE(meta->gps.has_value());
  EXPECT_TRUE(meta->warnings.empty());
  absl::StatusOr<std::string> clean = StripMetadata(Bytes(file));
  ASSERT_TRUE(clean.ok());
  EXPECT_LE(clean->size(), file.size());
}

}  // namespace
}  // namespace vigie::image
