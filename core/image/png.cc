#include "core/image/png.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include "core/image/exif.h"
#include "core/image/inflate.h"
#include "core/image/iptc.h"
#include "core/image/xmp.h"

namespace vigie::image {
namespace {

constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
constexpr int kMaxChunks = 100000;

struct Chunk {
  std::string_view type;
  Bytes data;
  size_t offset = 0;  // of the length field
  size_t size = 0;    // length + type + data + CRC
};

// Iterates chunks; false at the end or on malformed data (error set).
class ChunkReader {
 public:
  explicit ChunkReader(Bytes file) : file_(file) {}
  bool Next(Chunk* chunk) {
    if (done_ || at_ >= file_.size()) return false;
    if (++count_ > kMaxChunks) return Fail("png: too many chunks");
    uint32_t length = 0;
    if (!file_.U32BE(at_, &length) || !file_.Contains(at_ + 8, length) ||
        !file_.Contains(at_ + 8 + length, 4)) {
      return Fail("png: truncated chunk");
    }
    chunk->type = file_.Sub(at_ + 4, 4).AsString();
    chunk->data = file_.Sub(at_ + 8, length);
    chunk->offset = at_;
    chunk->size = size_t{length} + 12;
    at_ += chunk->size;
    if (chunk->type == "IEND") done_ = true;
    return true;
  }
  const char* error() const { return error_; }

 private:
  bool Fail(const char* why) {
    error_ = why;
    done_ = true;
    return false;
  }
  Bytes file_;
  size_t at_ = kSignature.size();
  int count_ = 0;
  bool done_ = false;
  const char* error_ = nullptr;
};

// ImageMagick/exiftool "Raw profile type NAME": "\nNAME\n   LENGTH\nHEX...".
std::string DecodeRawProfile(std::string_view text) {
  size_t i = 0;
  int newlines = 0;
  while (i < text.size() && newlines < 3) {
    if (text[i] == '\n') ++newlines;
    ++i;
  }
  std::string out;
  int high = -1;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    int v = -1;
    if (c >= '0' && c <= '9')
      v = c - '0';
    else if (c >= 'a' && c <= 'f')
      v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      v = c - 'A' + 10;
    if (v < 0) continue;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<char>(high << 4 | v));
      high = -1;
    }
  }
  return out;
}

// What a tEXt/zTXt/iTXt keyword holds (PNG spec keywords, and those that
// ImageMagick and ExifTool write).
TextKind TextKindOfKeyword(std::string_view keyword) {
  static constexpr std::pair<std::string_view, TextKind> kKinds[] = {
      {"Author", TextKind::kName},       {"Artist", TextKind::kName},
      {"Copyright", TextKind::kName},    {"Creation Time", TextKind::kDate},
      {"Modify Date", TextKind::kDate},  {"date:create", TextKind::kDate},
      {"date:modify", TextKind::kDate},  {"date:timestamp", TextKind::kDate},
      {"Software", TextKind::kSoftware}, {"Source", TextKind::kDevice},
      {"Make", TextKind::kDevice},       {"Model", TextKind::kDevice},
  };
  for (const auto& [name, kind] : kKinds) {
    if (keyword == name) return kind;
  }
  return TextKind::kCaption;  // Title, Description, Comment, Disclaimer...
}

void ReadText(std::string_view keyword, std::string_view text,
              ImageMetadata* out) {
  if (keyword == "XML:com.adobe.xmp") return ParseXmp(text, out);
  if (keyword.substr(0, 17) == "Raw profile type ") {
    const std::string_view kind = keyword.substr(17);
    const std::string raw = DecodeRawProfile(text);
    const Bytes bytes(raw);
    if (kind == "exif" || kind == "APP1") {
      if (bytes.StartsWith(std::string_view("Exif\0", 5))) {
        ParseExif(SkipExifPrefix(bytes), out);
      } else if (ParseExif(bytes, out)) {
      } else {
        ParseXmp(raw, out);
      }
    } else if (kind == "iptc") {
      if (bytes.StartsWith("8BIM")) {
        ParsePhotoshopResources(bytes, out);
      } else {
        ParseIptc(bytes, out);
      }
    } else if (kind == "xmp") {
      ParseXmp(raw, out);
    } else {
      out->AddBlock("png:raw-profile");
    }
    return;
  }
  const std::string source = "png:" + std::string(keyword);
  out->AddText(TextKindOfKeyword(keyword), source, text);
}

// Decompresses zlib text, or notes that it could not.
bool Inflate(Bytes data, std::string* text, ImageMetadata* out) {
  absl::StatusOr<Inflated> inflated = InflateZlib(data, kMaxInflatedBytes);
  if (!inflated.ok()) {
    out->undecoded_text = true;
    out->Warn("png: compressed text not decoded");
    return false;
  }
  if (inflated->cut) out->Warn("png: compressed text too large, cut");
  *text = std::move(inflated->data);
  return true;
}

void ReadTextChunk(const Chunk& c, ImageMetadata* out) {
  const std::string_view all = c.data.AsString();
  const size_t nul = all.find('\0');
  if (nul == std::string_view::npos || nul == 0 || nul > 79) {
    out->Warn("png: bad text chunk");
    return;
  }
  const std::string_view keyword = all.substr(0, nul);
  out->AddBlock("png:text");
  if (c.type == "tEXt") return ReadText(keyword, all.substr(nul + 1), out);
  if (c.type == "zTXt") {
    std::string text;
    if (Inflate(c.data.From(nul + 2), &text, out)) ReadText(keyword, text, out);
    return;
  }
  // iTXt: keyword \0 flag method language \0 translated \0 text
  uint8_t compressed = 0;
  if (!c.data.U8(nul + 1, &compressed)) return out->Warn("png: bad iTXt");
  const size_t lang_end = all.find('\0', nul + 3);
  if (lang_end == std::string_view::npos) return out->Warn("png: bad iTXt");
  const size_t translated_end = all.find('\0', lang_end + 1);
  if (translated_end == std::string_view::npos) {
    return out->Warn("png: bad iTXt");
  }
  const Bytes body = c.data.From(translated_end + 1);
  if (compressed == 0) return ReadText(keyword, body.AsString(), out);
  std::string text;
  if (Inflate(body, &text, out)) ReadText(keyword, text, out);
}

void ReadTime(const Chunk& c, ImageMetadata* out) {
  uint16_t year = 0;
  if (c.data.size() != 7 || !c.data.U16BE(0, &year)) return;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04u:%02u:%02u %02u:%02u:%02u", year,
                c.data[2], c.data[3], c.data[4], c.data[5], c.data[6]);
  out->AddText(TextKind::kDate, "png:tIME", buf);
}

bool KeepChunk(std::string_view type) {
  if (type.size() != 4) return false;
  if (type[0] >= 'A' && type[0] <= 'Z') return true;  // critical
  static constexpr std::string_view kRendering[] = {
      "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "bKGD",
      "cICP", "mDCv", "cLLi", "acTL", "fcTL", "fdAT", "hIST", "sPLT"};
  return std::any_of(std::begin(kRendering), std::end(kRendering),
                     [type](std::string_view keep) { return type == keep; });
}

uint32_t Crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (char ch : data) {
    crc ^= static_cast<uint8_t>(ch);
    for (int k = 0; k < 8; ++k)
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
  }
  return crc ^ 0xFFFFFFFFu;
}

void AppendU32(uint32_t v, std::string* out) {
  out->push_back(static_cast<char>(v >> 24));
  out->push_back(static_cast<char>(v >> 16));
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v));
}

void AppendChunk(std::string_view type, std::string_view data,
                 std::string* out) {
  AppendU32(static_cast<uint32_t>(data.size()), out);
  const std::string body = std::string(type) + std::string(data);
  out->append(body);
  AppendU32(Crc32(body), out);
}

}  // namespace

bool IsPng(Bytes file) { return file.StartsWith(kSignature); }

absl::Status ReadPngMetadata(Bytes file, ImageMetadata* out) {
  if (!IsPng(file)) return absl::InvalidArgumentError("not a PNG file");
  out->container = Container::kPng;
  ChunkReader reader(file);
  Chunk c;
  while (reader.Next(&c)) {
    if (c.type == "eXIf") {
      ParseExif(SkipExifPrefix(c.data), out);
    } else if (c.type == "tEXt" || c.type == "zTXt" || c.type == "iTXt") {
      ReadTextChunk(c, out);
    } else if (c.type == "tIME") {
      out->AddBlock("png:tIME");
      ReadTime(c, out);
    } else if (c.type == "iCCP") {
      out->AddBlock("icc");
    } else if (c.type == "caBX") {
      out->AddBlock("c2pa");
    }
  }
  if (reader.error() != nullptr) out->Warn(reader.error());
  return absl::OkStatus();
}

absl::StatusOr<std::string> StripPng(Bytes file) {
  if (!IsPng(file)) return absl::InvalidArgumentError("not a PNG file");
  int orientation = 0;
  std::string out(kSignature);
  out.reserve(file.size());
  ChunkReader reader(file);
  Chunk c;
  bool saw_header = false;
  bool saw_end = false;
  size_t after_header = 0;
  while (reader.Next(&c)) {
    if (c.type == "eXIf") {
      ImageMetadata meta;
      ParseExif(SkipExifPrefix(c.data), &meta);
      orientation = meta.orientation;
    }
    if (!KeepChunk(c.type)) continue;
    if (c.type == "IEND") saw_end = true;
    out.append(file.Sub(c.offset, c.size).AsString());
    if (c.type == "IHDR" && !saw_header) {
      saw_header = true;
      after_header = out.size();
    }
  }
  if (!saw_header) {
    return absl::InvalidArgumentError(
        reader.error() != nullptr ? reader.error() : "png: no IHDR");
  }
  if (orientation > 1) {
    // eXIf goes before IDAT: right after IHDR.
    std::string exif_chunk;
    AppendChunk("eXIf", MinimalExifWithOrientation(orientation), &exif_chunk);
    out.insert(after_header, exif_chunk);
  }
  if (!saw_end) AppendChunk("IEND", "", &out);
  return out;
}

}  // namespace vigie::image
