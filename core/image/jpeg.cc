#include "core/image/jpeg.h"

#include <string>
#include <string_view>

#include "core/image/exif.h"
#include "core/image/iptc.h"
#include "core/image/jpeg_segments.h"
#include "core/image/xmp.h"

namespace vigie::image {
namespace {

constexpr std::string_view kExifId("Exif\0", 5);
constexpr std::string_view kXmpId("http://ns.adobe.com/xap/1.0/\0", 29);
constexpr std::string_view kXmpExtendedId(
    "http://ns.adobe.com/xmp/extension/\0", 35);
constexpr std::string_view kIccId("ICC_PROFILE\0", 12);
constexpr std::string_view kMpfId("MPF\0", 4);
constexpr std::string_view kPhotoshopId("Photoshop 3.0\0", 14);
constexpr std::string_view kJfifId("JFIF\0", 5);
constexpr std::string_view kJfxxId("JFXX\0", 5);
constexpr std::string_view kAdobeId("Adobe");

void ReadApp0(Bytes payload, ImageMetadata* out) {
  if (payload.StartsWith(kJfifId)) {
    uint8_t tw = 0;
    uint8_t th = 0;
    if (payload.U8(12, &tw) && payload.U8(13, &th) && tw > 0 && th > 0) {
      out->AddThumbnail("jfif");
    }
  } else if (payload.StartsWith(kJfxxId)) {
    out->AddThumbnail("jfif");
  }
}

void ReadSegment(const JpegSegment& s, ImageMetadata* out) {
  const Bytes p = s.payload;
  switch (s.marker) {
    case kJpegApp0:
      return ReadApp0(p, out);
    case 0xE1:
      if (p.StartsWith(kExifId)) {
        ParseExif(SkipExifPrefix(p), out);
      } else if (p.StartsWith(kXmpId)) {
        ParseXmp(p.From(kXmpId.size()).AsString(), out);
      } else if (p.StartsWith(kXmpExtendedId)) {
        out->AddBlock("xmp-extended");
        const std::string_view chunk = p.AsString();
        if (chunk.find("GImage:Data") != std::string_view::npos) {
          out->AddThumbnail("xmp:GImage");
        }
      } else {
        out->AddBlock("app1");
      }
      return;
    case 0xE2:
      if (p.StartsWith(kIccId)) {
        out->AddBlock("icc");
      } else if (p.StartsWith(kMpfId)) {
        out->AddBlock("mpf");
        out->AddThumbnail("mpf");
      } else {
        out->AddBlock("app2");
      }
      return;
    case 0xED:
      if (p.StartsWith(kPhotoshopId)) {
        out->AddBlock("photoshop");
        ParsePhotoshopResources(p.From(kPhotoshopId.size()), out);
      }
      return;
    case kJpegCom:
      out->AddBlock("comment");
      out->AddText(TextKind::kCaption, "jpeg:Comment", p.AsString());
      return;
    default:
      if (s.marker > 0xE0 && s.marker <= 0xEF) {
        out->AddBlock("app" + std::to_string(s.marker - 0xE0));
      }
      return;
  }
}

// Whether a segment survives stripping (JFIF is rebuilt separately).
bool Keep(const JpegSegment& s) {
  const uint8_t m = s.marker;
  if (m == 0xE2) return s.payload.StartsWith(kIccId);
  if (m == 0xEE) return s.payload.StartsWith(kAdobeId);
  if (m >= 0xE0 && m <= 0xEF) return false;  // other APPn
  if (m == kJpegCom) return false;
  return true;  // tables, frame, scans, restart, DRI, DNL, EOI...
}

void AppendSegment(uint8_t marker, std::string_view payload, std::string* out) {
  const size_t length = payload.size() + 2;
  out->push_back(static_cast<char>(0xFF));
  out->push_back(static_cast<char>(marker));
  out->push_back(static_cast<char>(length >> 8));
  out->push_back(static_cast<char>(length & 0xFF));
  out->append(payload);
}

}  // namespace

absl::Status ReadJpegMetadata(Bytes file, ImageMetadata* out) {
  if (!JpegSegmentReader::IsJpeg(file)) {
    return absl::InvalidArgumentError("not a JPEG file");
  }
  out->container = Container::kJpeg;
  JpegSegmentReader reader(file, /*scan_entropy=*/false);
  JpegSegment segment;
  while (reader.Next(&segment)) {
    if (segment.marker == kJpegSos) break;
    ReadSegment(segment, out);
  }
  if (reader.error() != nullptr) out->Warn(reader.error());
  return absl::OkStatus();
}

absl::StatusOr<std::string> StripJpeg(Bytes file) {
  if (!JpegSegmentReader::IsJpeg(file)) {
    return absl::InvalidArgumentError("not a JPEG file");
  }
  ImageMetadata meta;
  (void)ReadJpegMetadata(file, &meta);

  std::string out;
  out.reserve(file.size());
  out.append("\xFF\xD8", 2);
  bool wrote_header = false;
  const auto write_header = [&](const JpegSegment* jfif) {
    if (wrote_header) return;
    wrote_header = true;
    if (jfif != nullptr && jfif->payload.size() >= 14) {
      std::string payload(jfif->payload.AsString().substr(0, 14));
      payload[12] = 0;  // no thumbnail
      payload[13] = 0;
      AppendSegment(kJpegApp0, payload, &out);
    }
    if (meta.orientation > 1) {
      std::string exif(kExifId);
      exif.push_back('\0');
      exif += MinimalExifWithOrientation(meta.orientation);
      AppendSegment(0xE1, exif, &out);
    }
  };

  JpegSegmentReader reader(file, /*scan_entropy=*/true);
  JpegSegment s;
  bool saw_scan = false;
  while (reader.Next(&s)) {
    if (s.marker == kJpegApp0 && !wrote_header &&
        s.payload.StartsWith(kJfifId)) {
      write_header(&s);
      continue;
    }
    if (!Keep(s)) continue;
    write_header(nullptr);
    if (s.marker == kJpegSos) saw_scan = true;
    out.append(file.Sub(s.offset, s.size + s.entropy_size).AsString());
  }
  if (!saw_scan) {
    return absl::InvalidArgumentError(std::string(
        reader.error() != nullptr ? reader.error() : "jpeg: no image data"));
  }
  if (!reader.reached_eoi()) out.append("\xFF\xD9", 2);
  return out;
}

}  // namespace vigie::image
