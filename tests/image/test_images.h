// Test images built in code: tiny real pixel data (generated once with
// ImageMagick and cwebp, no metadata) wrapped in whatever metadata a test
// needs, plus readers for the Debian/npm sample files.
#ifndef VIGIE_TESTS_IMAGE_TEST_IMAGES_H_
#define VIGIE_TESTS_IMAGE_TEST_IMAGES_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace vigie::image::testing {

std::string TinyJpeg();  // 8x8 baseline JPEG with a JFIF APP0, no metadata
std::string TinyWebp();  // 4x4 lossless WebP (simple format, VP8L)
std::string TinyPng();   // 2x2 grey PNG (IHDR, IDAT, IEND)

enum Ifd { kIfd0 = 0, kExifIfd = 1, kGpsIfd = 2, kIfd1 = 3 };

// Writes a TIFF/EXIF structure; pointers to the Exif and GPS IFDs and IFD1
// are added when those IFDs have entries.
class TiffBuilder {
 public:
  explicit TiffBuilder(bool big_endian = false) : big_endian_(big_endian) {}
  TiffBuilder& Ascii(Ifd ifd, uint16_t tag, const std::string& value);
  TiffBuilder& Short(Ifd ifd, uint16_t tag, uint16_t value);
  TiffBuilder& Long(Ifd ifd, uint16_t tag, uint32_t value);
  TiffBuilder& Rationals(Ifd ifd, uint16_t tag,
                         const std::vector<std::pair<uint32_t, uint32_t>>& v);
  TiffBuilder& Raw(Ifd ifd, uint16_t tag, uint16_t type, uint32_t count,
                   const std::string& bytes);
  // IFD1 with JPEGInterchangeFormat/Length pointing at `jpeg`.
  TiffBuilder& Thumbnail(const std::string& jpeg);
  // lat/lon in signed degrees, written as deg/min/sec rationals.
  TiffBuilder& Gps(double lat, double lon);
  std::string Build() const;

 private:
  struct Entry {
    uint16_t tag;
    uint16_t type;
    uint32_t count;
    std::string bytes;
  };
  std::string U16(uint16_t v) const;
  std::string U32(uint32_t v) const;
  bool big_endian_;
  std::vector<Entry> ifds_[4];
  std::string thumbnail_;
};

std::string JpegSegment(uint8_t marker, const std::string& payload);
std::string ExifApp1(const std::string& tiff);
std::string XmpApp1(const std::string& xmp);
// TinyJpeg with `segments` inserted after its JFIF APP0.
std::string JpegWith(const std::vector<std::string>& segments);

std::string PngChunk(const std::string& type, const std::string& data);
// TinyPng with `chunks` inserted after IHDR.
std::string PngWith(const std::vector<std::string>& chunks);

std::string RiffChunk(const std::string& fourcc, const std::string& data);
// An extended WebP (VP8X) around TinyWebp's VP8L with `chunks` after it;
// `flags` is the VP8X flag byte.
std::string WebpWith(const std::vector<std::string>& chunks, uint8_t flags);

// A synthetic HEIF (ftyp heic + meta with Exif/XMP items; no real pixels).
std::string HeifWith(const std::string& exif_tiff, const std::string& xmp,
                     bool thumbnail_reference);

// An XMP packet holding `body` inside rdf:Description.
std::string XmpPacket(const std::string& body);

// The file at `path`, or "" when it does not exist.
std::string ReadFileOrEmpty(const std::string& path);

}  // namespace vigie::image::testing

#endif  // VIGIE_TESTS_IMAGE_TEST_IMAGES_H_
