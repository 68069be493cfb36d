// Every parser on damaged bytes: every prefix of each seed file, and random
// byte changes with a fixed seed. Nothing may crash, hang or grow without
// bound; results must stay within the documented caps.
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/image/image_metadata.h"
#include "core/image/metadata_json.h"
#include "gtest/gtest.h"
#include "tests/image/test_images.h"

namespace vigie::image {
namespace {

using testing::TiffBuilder;

std::vector<std::pair<std::string, std::string>> Seeds() {
  TiffBuilder tiff;
  tiff.Ascii(testing::kIfd0, 0x010F, "Apple")
      .Ascii(testing::kIfd0, 0x013B, "Jean Dupont")
      .Short(testing::kIfd0, 0x0112, 6)
      .Ascii(testing::kExifIfd, 0x9003, "2024:05:17 14:03:22")
      .Gps(47.2120, -1.5540)
      .Thumbnail(testing::TinyJpeg());
  const std::string exif = tiff.Build();
  const std::string xmp = testing::XmpPacket(
      " exif:GPSLatitude='47,12.72N' exif:GPSLongitude='1,33.24W'>"
      "<dc:creator><rdf:Seq><rdf:li>Jean</rdf:li></rdf:Seq></dc:creator>");
  std::vector<std::pair<std::string, std::string>> seeds = {
      {"jpeg",
       testing::JpegWith({testing::ExifApp1(exif), testing::XmpApp1(xmp),
                          testing::JpegSegment(0xFE, "commentaire")})},
      {"png",
       testing::PngWith(
           {testing::PngChunk("eXIf", exif),
            testing::PngChunk("tEXt", std::string("Author\0Jean", 11)),
            testing::PngChunk("zTXt",
                              std::string("Comment\0\0", 9) +
                                  std::string("\x78\x9c\xf3\xcd\x4d\x55\x70\x29"
                                              "\x2d\x4a\xcc\x4b\xd1\x51\x48\xce"
                                              "\x48\xcc\x4d\x2a\x4a\x55\x30\x34"
                                              "\x02\x00\x56\x64\x07\x3f",
                                              30))})},
      {"webp", testing::WebpWith({testing::RiffChunk("EXIF", exif),
                                  testing::RiffChunk("XMP ", xmp)},
                                 0x0C)},
      {"heif", testing::HeifWith(exif, xmp, true)},
  };
  const std::string starfish = testing::ReadFileOrEmpty(
      VIGIE_SOURCE_DIR "/node_modules/exif-parser/test/starfish.jpg");
  if (!starfish.empty()) seeds.emplace_back("starfish", starfish);
  return seeds;
}

// Runs every entry point on `bytes` and checks the results are sane.
void Exercise(const std::string& bytes) {
  absl::StatusOr<ImageMetadata> meta = ReadMetadata(Bytes(bytes));
  if (meta.ok()) {
    EXPECT_LE(meta->text_count(), kMaxTextEntries);
    EXPECT_LE(meta->warnings.size(), kMaxWarnings);
    for (const auto* list : {&meta->names, &meta->captions, &meta->dates}) {
      for (const TextValue& v : *list) EXPECT_LE(v.value.size(), kMaxTextBytes);
    }
    if (meta->gps) {
      EXPECT_LE(std::abs(meta->gps->latitude), 90);
      EXPECT_LE(std::abs(meta->gps->longitude), 180);
    }
    // The JSON must be valid UTF-8 (dump would otherwise fail).
    const std::string json = MetadataToJson(*meta).dump();
    EXPECT_FALSE(json.empty());
  }
  absl::StatusOr<std::string> clean = StripMetadata(Bytes(bytes));
  if (clean.ok()) {
    EXPECT_LE(clean->size(), bytes.size() + 64);
    absl::StatusOr<ImageMetadata> after = ReadMetadata(Bytes(*clean));
    if (after.ok()) {
      EXPECT_FALSE(after->gps.has_value());
      EXPECT_EQ(after->text_count(), 0u);
    }
  }
}

TEST(RobustnessTest, EveryPrefix) {
  for (const auto& [name, seed] : Seeds()) {
    SCOPED_TRACE(name);
    // Every prefix of the small seeds; for a large file, every prefix up to
    // 64 KiB (the metadata) and then every 997th.
    for (size_t n = 0; n <= seed.size(); n += (n < 65536 ? 1 : 997)) {
      Exercise(seed.substr(0, n));
      if (HasFailure()) FAIL() << "prefix of " << n << " bytes";
    }
  }
}

TEST(RobustnessTest, RandomByteChanges) {
  std::mt19937 random(20261128);
  for (const auto& [name, seed] : Seeds()) {
    SCOPED_TRACE(name);
    // Damage only the first 64 KiB (where the metadata is) of big files.
    const size_t span = std::min<size_t>(seed.size(), 65536);
    for (int round = 0; round < 3000; ++round) {
      std::string damaged =
          seed.substr(0, std::min<size_t>(seed.size(), 70000));
      const int changes = 1 + static_cast<int>(random() % 8);
      for (int k = 0; k < changes; ++k) {
        const size_t at = random() % span;
        switch (random() % 3) {
          case 0:
            damaged[at] =
                static_cast<char>(damaged[at] ^ (1 << (random() % 8)));
            break;
          case 1:
            damaged[at] = static_cast<char>(random());
            break;
          default:  // a length or offset turned huge
            damaged[at] = '\xff';
            break;
        }
      }
      Exercise(damaged);
      if (HasFailure()) FAIL() << "round " << round;
    }
  }
}

TEST(RobustnessTest, PathologicalInputs) {
  // Endless fill bytes, lying lengths, nested boxes, huge counts.
  Exercise(std::string("\xff\xd8\xff", 3) + std::string(100000, '\xff'));
  Exercise(std::string("\xff\xd8\xff\xe1\xff\xff", 6) + "Exif");
  Exercise(std::string("\x89PNG\r\n\x1a\n\xff\xff\xff\xffIHDR", 16));
  Exercise("RIFF\xff\xff\xff\xffWEBPVP8X\xff\xff\xff\xff");
  std::string boxes = std::string(
      "\0\0\0\x18"
      "ftypheic\0\0\0\0mif1heic",
      24);
  for (int i = 0; i < 5000; ++i)
    boxes += std::string(
        "\0\0\0\x08"
        "free",
        8);
  Exercise(boxes);
  // HEIF iloc with empty offset/length fields and 1024 items of 65535
  // extents each: nothing to read, but the loop must still stop early.
  std::string iloc("\0\0\0\0\0\0\x04\0", 8);  // v0, sizes 0, 1024 items
  for (int i = 0; i < 1024; ++i) iloc += std::string("\0\1\0\0\xff\xff", 6);
  const auto box = [](const std::string& type, const std::string& body) {
    const uint32_t size = static_cast<uint32_t>(body.size() + 8);
    return std::string{static_cast<char>(size >> 24),
                       static_cast<char>(size >> 16),
                       static_cast<char>(size >> 8), static_cast<char>(size)} +
           type + body;
  };
  Exercise(box("ftyp", std::string("heic\0\0\0\0mif1", 12)) +
           box("meta", std::string(4, '\0') + box("iloc", iloc)));
  std::string xmp = "<x>" + std::string(200000, '<') + "dc:creator";
  Exercise(testing::JpegWith({testing::XmpApp1(xmp)}));
}

// Inputs that once crashed a fuzzer stay here as regression tests.
TEST(RobustnessTest, FuzzerRegressions) {
  const std::filesystem::path dir =
      VIGIE_SOURCE_DIR "/tests/image/fuzz/regressions";
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
    SCOPED_TRACE(entry.path().string());
    Exercise(testing::ReadFileOrEmpty(entry.path().string()));
  }
}

}  // namespace
}  // namespace vigie::image
