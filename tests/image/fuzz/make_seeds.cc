// Writes the fuzzers' seed corpus (one folder per container) from the test
// image builders: `image_fuzz_seeds DIR`.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "tests/image/test_images.h"

namespace t = vigie::image::testing;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: image_fuzz_seeds DIR\n";
    return 2;
  }
  const std::string dir = argv[1];
  t::TiffBuilder tiff;
  tiff.Ascii(t::kIfd0, 0x010F, "Apple")
      .Ascii(t::kIfd0, 0x013B, "Jean Dupont")
      .Short(t::kIfd0, 0x0112, 6)
      .Ascii(t::kExifIfd, 0x9003, "2024:05:17 14:03:22")
      .Gps(47.2120, -1.5540)
      .Thumbnail(t::TinyJpeg());
  const std::string exif = tiff.Build();
  const std::string xmp = t::XmpPacket(
      " exif:GPSLatitude='47,12.72N' exif:GPSLongitude='1,33.24W'>"
      "<dc:creator><rdf:Seq><rdf:li>Jean</rdf:li></rdf:Seq></dc:creator>");
  const std::vector<std::pair<std::string, std::string>> seeds = {
      {"jpeg/tiny.jpg", t::TinyJpeg()},
      {"jpeg/full.jpg", t::JpegWith({t::ExifApp1(exif), t::XmpApp1(xmp),
                                     t::JpegSegment(0xFE, "commentaire")})},
      {"png/tiny.png", t::TinyPng()},
      {"png/full.png",
       t::PngWith(
           {t::PngChunk("eXIf", exif),
            t::PngChunk("tEXt", std::string("Author\0Jean", 11)),
            t::PngChunk("iTXt", std::string("XML:com.adobe.xmp\0\0\0\0\0", 22) +
                                    xmp)})},
      {"webp/tiny.webp", t::TinyWebp()},
      {"webp/full.webp",
       t::WebpWith({t::RiffChunk("EXIF", exif), t::RiffChunk("XMP ", xmp)},
                   0x0C)},
      {"heif/full.heic", t::HeifWith(exif, xmp, true)},
  };
  for (const auto& [name, bytes] : seeds) {
    std::ofstream out(dir + "/" + name, std::ios::binary);
    out << bytes;
    if (!out) {
      std::cerr << "cannot write " << dir << "/" << name << "\n";
      return 1;
    }
  }
  return 0;
}
