#include "tests/image/test_images.h"

#include <cmath>
#include <fstream>
#include <iterator>

namespace vigie::image::testing {
namespace {

constexpr unsigned char kTinyJpeg[] = {
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01,
    0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43,
    0x00, 0x03, 0x02, 0x02, 0x03, 0x02, 0x02, 0x03, 0x03, 0x03, 0x03, 0x04,
    0x03, 0x03, 0x04, 0x05, 0x08, 0x05, 0x05, 0x04, 0x04, 0x05, 0x0a, 0x07,
    0x07, 0x06, 0x08, 0x0c, 0x0a, 0x0c, 0x0c, 0x0b, 0x0a, 0x0b, 0x0b, 0x0d,
    0x0e, 0x12, 0x10, 0x0d, 0x0e, 0x11, 0x0e, 0x0b, 0x0b, 0x10, 0x16, 0x10,
    0x11, 0x13, 0x14, 0x15, 0x15, 0x15, 0x0c, 0x0f, 0x17, 0x18, 0x16, 0x14,
    0x18, 0x12, 0x14, 0x15, 0x14, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x03, 0x04,
    0x04, 0x05, 0x04, 0x05, 0x09, 0x05, 0x05, 0x09, 0x14, 0x0d, 0x0b, 0x0d,
    0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14,
    0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14,
    0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14,
    0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14,
    0x14, 0x14, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x08, 0x00, 0x08, 0x03,
    0x01, 0x11, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xc4, 0x00,
    0x14, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0xff, 0xc4, 0x00, 0x18, 0x10,
    0x00, 0x02, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x16, 0x63, 0x91, 0xff, 0xc4, 0x00,
    0x15, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0x08, 0xff, 0xc4, 0x00, 0x17,
    0x11, 0x00, 0x03, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x17, 0x63, 0xa1, 0xff, 0xda, 0x00,
    0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00, 0x1b,
    0x4f, 0xac, 0x5a, 0x38, 0xa3, 0xe5, 0x85, 0x1c, 0xe1, 0xae, 0x9f, 0xff,
    0xd9,
};

constexpr unsigned char kTinyWebp[] = {
    0x52, 0x49, 0x46, 0x46, 0x26, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50,
    0x56, 0x50, 0x38, 0x4c, 0x1a, 0x00, 0x00, 0x00, 0x2f, 0x03, 0xc0, 0x00,
    0x00, 0x1f, 0x10, 0x53, 0xf5, 0xd5, 0xff, 0xf9, 0x0f, 0x27, 0x81, 0x40,
    0x80, 0x30, 0x69, 0xd2, 0xa4, 0x8d, 0x88, 0xfe, 0xc7, 0x09,
};

std::string Be32(uint32_t v) {
  std::string s(4, '\0');
  for (int i = 0; i < 4; ++i) s[i] = static_cast<char>(v >> (24 - 8 * i));
  return s;
}

std::string Le32(uint32_t v) {
  std::string s(4, '\0');
  for (int i = 0; i < 4; ++i) s[i] = static_cast<char>(v >> (8 * i));
  return s;
}

std::string Be16(uint16_t v) {
  return std::string{static_cast<char>(v >> 8), static_cast<char>(v)};
}

uint32_t Crc32(const std::string& data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (char ch : data) {
    crc ^= static_cast<uint8_t>(ch);
    for (int k = 0; k < 8; ++k) {
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
  }
  return crc ^ 0xFFFFFFFFu;
}

uint32_t Adler32(const std::string& data) {
  uint32_t a = 1;
  uint32_t b = 0;
  for (char c : data) {
    a = (a + static_cast<uint8_t>(c)) % 65521;
    b = (b + a) % 65521;
  }
  return b << 16 | a;
}

std::string Box(const std::string& type, const std::string& body) {
  return Be32(static_cast<uint32_t>(body.size() + 8)) + type + body;
}

std::string FullBox(const std::string& type, uint8_t version,
                    const std::string& body) {
  return Box(type, std::string{static_cast<char>(version), 0, 0, 0} + body);
}

}  // namespace

std::string TinyJpeg() {
  return std::string(reinterpret_cast<const char*>(kTinyJpeg),
                     sizeof kTinyJpeg);
}

std::string TinyWebp() {
  return std::string(reinterpret_cast<const char*>(kTinyWebp),
                     sizeof kTinyWebp);
}

std::string TinyPng() {
  // 2x2, 8-bit grey, no interlace; IDAT is a stored (uncompressed) deflate
  // block of the filtered rows.
  const std::string ihdr = Be32(2) + Be32(2) + std::string{8, 0, 0, 0, 0};
  const std::string raw("\0\x10\x80\0\xc0\xff", 6);
  std::string z("\x78\x01", 2);
  z += std::string{1, static_cast<char>(raw.size()), 0,
                   static_cast<char>(~raw.size() & 0xFF),
                   static_cast<char>(0xFF)};
  z += raw + Be32(Adler32(raw));
  return std::string("\x89PNG\r\n\x1a\n", 8) + PngChunk("IHDR", ihdr) +
         PngChunk("IDAT", z) + PngChunk("IEND", "");
}

std::string TiffBuilder::U16(uint16_t v) const {
  return big_endian_
             ? Be16(v)
             : std::string{static_cast<char>(v), static_cast<char>(v >> 8)};
}

std::string TiffBuilder::U32(uint32_t v) const {
  return big_endian_ ? Be32(v) : Le32(v);
}

TiffBuilder& TiffBuilder::Ascii(Ifd ifd, uint16_t tag, const std::string& v) {
  return Raw(ifd, tag, 2, static_cast<uint32_t>(v.size() + 1), v + '\0');
}

TiffBuilder& TiffBuilder::Short(Ifd ifd, uint16_t tag, uint16_t value) {
  return Raw(ifd, tag, 3, 1, U16(value));
}

TiffBuilder& TiffBuilder::Long(Ifd ifd, uint16_t tag, uint32_t value) {
  return Raw(ifd, tag, 4, 1, U32(value));
}

TiffBuilder& TiffBuilder::Rationals(
    Ifd ifd, uint16_t tag,
    const std::vector<std::pair<uint32_t, uint32_t>>& v) {
  std::string bytes;
  for (const auto& [num, den] : v) bytes += U32(num) + U32(den);
  return Raw(ifd, tag, 5, static_cast<uint32_t>(v.size()), bytes);
}

TiffBuilder& TiffBuilder::Raw(Ifd ifd, uint16_t tag, uint16_t type,
                              uint32_t count, const std::string& bytes) {
  ifds_[ifd].push_back(Entry{tag, type, count, bytes});
  return *this;
}

TiffBuilder& TiffBuilder::Thumbnail(const std::string& jpeg) {
  thumbnail_ = jpeg;
  return *this;
}

TiffBuilder& TiffBuilder::Gps(double lat, double lon) {
  const auto dms = [](double deg) {
    deg = std::fabs(deg);
    const auto d = static_cast<uint32_t>(deg);
    const double m_full = (deg - d) * 60;
    const auto m = static_cast<uint32_t>(m_full);
    const auto s100 =
        static_cast<uint32_t>(std::lround((m_full - m) * 60 * 10000));
    return std::vector<std::pair<uint32_t, uint32_t>>{
        {d, 1}, {m, 1}, {s100, 10000}};
  };
  Ascii(kGpsIfd, 1, lat < 0 ? "S" : "N");
  Rationals(kGpsIfd, 2, dms(lat));
  Ascii(kGpsIfd, 3, lon < 0 ? "W" : "E");
  Rationals(kGpsIfd, 4, dms(lon));
  return *this;
}

std::string TiffBuilder::Build() const {
  std::vector<Entry> ifds[4] = {ifds_[0], ifds_[1], ifds_[2], ifds_[3]};
  if (!thumbnail_.empty()) {
    ifds[kIfd1].push_back(Entry{0x0201, 4, 1, U32(0)});
    ifds[kIfd1].push_back(
        Entry{0x0202, 4, 1, U32(static_cast<uint32_t>(thumbnail_.size()))});
  }
  if (!ifds[kExifIfd].empty())
    ifds[kIfd0].push_back(Entry{0x8769, 4, 1, U32(0)});
  if (!ifds[kGpsIfd].empty())
    ifds[kIfd0].push_back(Entry{0x8825, 4, 1, U32(0)});
  // Layout: header, then each IFD followed by its out-of-line data.
  uint32_t offsets[4] = {};
  uint32_t at = 8;
  for (int i = 0; i < 4; ++i) {
    if (ifds[i].empty() && i != 0) continue;
    offsets[i] = at;
    at += 2 + 12 * static_cast<uint32_t>(ifds[i].size()) + 4;
    for (const Entry& e : ifds[i]) {
      if (e.bytes.size() > 4)
        at += static_cast<uint32_t>(e.bytes.size() + e.bytes.size() % 2);
    }
  }
  const uint32_t thumbnail_at = at;
  const auto patch = [&](Entry& e) {
    if (e.tag == 0x8769) e.bytes = U32(offsets[kExifIfd]);
    if (e.tag == 0x8825) e.bytes = U32(offsets[kGpsIfd]);
  };
  std::string out =
      big_endian_ ? std::string("MM\0*", 4) : std::string("II*\0", 4);
  out += U32(8);
  for (int i = 0; i < 4; ++i) {
    if (ifds[i].empty() && i != 0) continue;
    std::vector<Entry>& list = ifds[i];
    std::string data;
    const uint32_t data_at =
        offsets[i] + 2 + 12 * static_cast<uint32_t>(list.size()) + 4;
    out += U16(static_cast<uint16_t>(list.size()));
    for (Entry& e : list) {
      patch(e);
      if (i == kIfd1 && e.tag == 0x0201) e.bytes = U32(thumbnail_at);
      out += U16(e.tag) + U16(e.type) + U32(e.count);
      if (e.bytes.size() <= 4) {
        out += e.bytes + std::string(4 - e.bytes.size(), '\0');
      } else {
        out += U32(data_at + static_cast<uint32_t>(data.size()));
        data += e.bytes;
        if (e.bytes.size() % 2) data += '\0';
      }
    }
    out += U32(i == kIfd0 && !ifds[kIfd1].empty() ? offsets[kIfd1] : 0);
    out += data;
  }
  return out + thumbnail_;
}

std::string JpegSegment(uint8_t marker, const std::string& payload) {
  return std::string{static_cast<char>(0xFF), static_cast<char>(marker)} +
         Be16(static_cast<uint16_t>(payload.size() + 2)) + payload;
}

std::string ExifApp1(const std::string& tiff) {
  return JpegSegment(0xE1, std::string("Exif\0\0", 6) + tiff);
}

std::string XmpApp1(const std::string& xmp) {
  return JpegSegment(0xE1,
                     std::string("http://ns.adobe.com/xap/1.0/\0", 29) + xmp);
}

std::string JpegWith(const std::vector<std::string>& segments) {
  const std::string tiny = TinyJpeg();
  const size_t after_app0 = 4 + ((static_cast<uint8_t>(tiny[4]) << 8) |
                                 static_cast<uint8_t>(tiny[5]));
  std::string out = tiny.substr(0, after_app0);
  for (const std::string& s : segments) out += s;
  return out + tiny.substr(after_app0);
}

std::string PngChunk(const std::string& type, const std::string& data) {
  return Be32(static_cast<uint32_t>(data.size())) + type + data +
         Be32(Crc32(type + data));
}

std::string PngWith(const std::vector<std::string>& chunks) {
  const std::string tiny = TinyPng();
  const size_t after_ihdr = 8 + 25;
  std::string out = tiny.substr(0, after_ihdr);
  for (const std::string& c : chunks) out += c;
  return out + tiny.substr(after_ihdr);
}

std::string RiffChunk(const std::string& fourcc, const std::string& data) {
  std::string out = fourcc + Le32(static_cast<uint32_t>(data.size())) + data;
  if (data.size() % 2) out += '\0';
  return out;
}

std::string WebpWith(const std::vector<std::string>& chunks, uint8_t flags) {
  const std::string tiny = TinyWebp();
  // VP8X: flags, 3 reserved bytes, canvas width-1 and height-1 (24 bits).
  std::string vp8x{static_cast<char>(flags), 0, 0, 0, 3, 0, 0, 3, 0, 0};
  std::string body = "WEBP" + RiffChunk("VP8X", vp8x) + tiny.substr(12);
  for (const std::string& c : chunks) body += c;
  return "RIFF" + Le32(static_cast<uint32_t>(body.size())) + body;
}

std::string HeifWith(const std::string& exif_tiff, const std::string& xmp,
                     bool thumbnail_reference) {
  const std::string ftyp =
      Box("ftyp", std::string("heic") + Be32(0) + "mif1heic");
  const std::string hdlr =
      FullBox("hdlr", 0,
              Be32(0) + "pict" + std::string(12, '\0') + std::string(1, '\0'));
  std::string exif_payload = Be32(6) + std::string("Exif\0\0", 6) + exif_tiff;
  std::string infe1 =
      FullBox("infe", 2, Be16(1) + Be16(0) + "hvc1" + std::string(1, '\0'));
  std::string infe2 =
      FullBox("infe", 2, Be16(2) + Be16(0) + "Exif" + std::string(1, '\0'));
  std::string infe3 =
      FullBox("infe", 2,
              Be16(3) + Be16(0) + "mime" + std::string(1, '\0') +
                  "application/rdf+xml" + std::string(1, '\0'));
  const std::string iinf = FullBox("iinf", 0, Be16(3) + infe1 + infe2 + infe3);
  std::string iref;
  if (thumbnail_reference) {
    iref = FullBox("iref", 0, Box("thmb", Be16(4) + Be16(1) + Be16(1)));
  }
  // iloc v1: offset_size 4, length_size 4, base_offset_size 0, index 0;
  // items 2 and 3 live in idat (construction method 1).
  const auto item = [&](uint16_t id, uint32_t offset, uint32_t length,
                        uint16_t method) {
    return Be16(id) + Be16(method) + Be16(0) + Be16(1) + Be32(offset) +
           Be32(length);
  };
  const std::string iloc =
      FullBox("iloc", 1,
              std::string{0x44, 0x00} + Be16(2) +
                  item(2, 0, static_cast<uint32_t>(exif_payload.size()), 1) +
                  item(3, static_cast<uint32_t>(exif_payload.size()),
                       static_cast<uint32_t>(xmp.size()), 1));
  const std::string idat = Box("idat", exif_payload + xmp);
  const std::string meta = FullBox("meta", 0, hdlr + iinf + iref + iloc + idat);
  return ftyp + meta + Box("mdat", std::string(16, '\x42'));
}

std::string XmpPacket(const std::string& body) {
  return "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>\n"
         "<x:xmpmeta xmlns:x='adobe:ns:meta/'>\n"
         "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\n"
         "<rdf:Description rdf:about='' "
         "xmlns:dc='http://purl.org/dc/elements/1.1/' "
         "xmlns:exif='http://ns.adobe.com/exif/1.0/' "
         "xmlns:tiff='http://ns.adobe.com/tiff/1.0/' "
         "xmlns:xmp='http://ns.adobe.com/xap/1.0/'" +
         body +
         "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
         "<?xpacket end='w'?>";
}

std::string ReadFileOrEmpty(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return "";
  return std::string(std::istreambuf_iterator<char>(file), {});
}

}  // namespace vigie::image::testing
