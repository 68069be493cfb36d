#include "core/image/webp.h"

#include <cstdint>
#include <string>
#include <string_view>

#include "core/image/exif.h"
#include "core/image/xmp.h"

namespace vigie::image {
namespace {

constexpr uint8_t kExifFlag = 0x08;
constexpr uint8_t kXmpFlag = 0x04;
constexpr int kMaxChunks = 100000;

struct Chunk {
  std::string_view fourcc;
  Bytes data;
  size_t offset = 0;  // of the fourcc
  size_t size = 0;    // header + data + padding
};

class ChunkReader {
 public:
  explicit ChunkReader(Bytes riff) : riff_(riff) {}
  bool Next(Chunk* c) {
    if (at_ >= riff_.size()) return false;
    if (++count_ > kMaxChunks) return Fail("webp: too many chunks");
    uint32_t size = 0;
    if (!riff_.U32LE(at_ + 4, &size) || !riff_.Contains(at_ + 8, size)) {
      return Fail("webp: truncated chunk");
    }
    c->fourcc = riff_.Sub(at_, 4).AsString();
    c->data = riff_.Sub(at_ + 8, size);
    c->offset = at_;
    c->size = 8 + size_t{size} + (size % 2);
    if (c->size > riff_.size() - at_) c->size = riff_.size() - at_;
    at_ += c->size;
    return true;
  }
  const char* error() const { return error_; }

 private:
  bool Fail(const char* why) {
    error_ = why;
    at_ = riff_.size();
    return false;
  }
  Bytes riff_;
  size_t at_ = 12;
  int count_ = 0;
  const char* error_ = nullptr;
};

// The RIFF data the header claims, clamped to the file.
Bytes RiffBody(Bytes file) {
  uint32_t size = 0;
  file.U32LE(4, &size);
  return file.Sub(0, size_t{size} + 8);
}

void AppendU32Le(uint32_t v, std::string* out) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}

}  // namespace

bool IsWebp(Bytes file) {
  return file.size() >= 12 && file.StartsWith("RIFF") &&
         file.Sub(8, 4).AsString() == "WEBP";
}

absl::Status ReadWebpMetadata(Bytes file, ImageMetadata* out) {
  if (!IsWebp(file)) return absl::InvalidArgumentError("not a WebP file");
  out->container = Container::kWebp;
  const Bytes riff = RiffBody(file);
  if (riff.size() < file.size() && riff.size() + 1 < file.size()) {
    out->Warn("webp: data after the RIFF chunk");
  }
  ChunkReader reader(riff);
  Chunk c;
  while (reader.Next(&c)) {
    if (c.fourcc == "EXIF") {
      ParseExif(SkipExifPrefix(c.data), out);
    } else if (c.fourcc == "XMP ") {
      ParseXmp(c.data.AsString(), out);
    } else if (c.fourcc == "ICCP") {
      out->AddBlock("icc");
    }
  }
  if (reader.error() != nullptr) out->Warn(reader.error());
  return absl::OkStatus();
}

absl::StatusOr<std::string> StripWebp(Bytes file) {
  if (!IsWebp(file)) return absl::InvalidArgumentError("not a WebP file");
  ImageMetadata meta;
  (void)ReadWebpMetadata(file, &meta);
  const Bytes riff = RiffBody(file);
  std::string body;
  body.reserve(riff.size());
  ChunkReader reader(riff);
  Chunk c;
  size_t vp8x_flags_at = std::string::npos;
  bool saw_image = false;
  while (reader.Next(&c)) {
    const std::string_view f = c.fourcc;
    if (f == "VP8X") {
      vp8x_flags_at = body.size() + 8;
    } else if (f == "VP8 " || f == "VP8L" || f == "ANMF") {
      saw_image = true;
    } else if (f != "ICCP" && f != "ANIM" && f != "ALPH") {
      continue;  // EXIF, "XMP " and unknown chunks
    }
    body.append(riff.Sub(c.offset, c.size).AsString());
    if (c.data.size() % 2 == 1 && c.offset + c.size == riff.size() &&
        c.size == 8 + c.data.size()) {
      body.push_back('\0');  // missing padding byte at the end
    }
  }
  if (!saw_image) {
    return absl::InvalidArgumentError(
        reader.error() != nullptr ? reader.error() : "webp: no image data");
  }
  if (vp8x_flags_at != std::string::npos && vp8x_flags_at < body.size()) {
    auto flags = static_cast<uint8_t>(body[vp8x_flags_at]);
    flags &= static_cast<uint8_t>(~(kExifFlag | kXmpFlag));
    if (meta.orientation > 1) {
      const std::string exif = MinimalExifWithOrientation(meta.orientation);
      body.append("EXIF");
      AppendU32Le(static_cast<uint32_t>(exif.size()), &body);
      body.append(exif);
      if (exif.size() % 2 == 1) body.push_back('\0');
      flags |= kExifFlag;
    }
    body[vp8x_flags_at] = static_cast<char>(flags);
  }
  std::string out("RIFF");
  AppendU32Le(static_cast<uint32_t>(body.size() + 4), &out);
  out.append("WEBP");
  out.append(body);
  return out;
}

}  // namespace vigie::image
