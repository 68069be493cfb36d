#include "core/image/exif.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "core/image/text_sanitize.h"

namespace vigie::image {
namespace {

constexpr int kMaxIfds = 8;  // IFD0, Exif, GPS, Interop, IFD1...
constexpr uint16_t kMaxEntriesPerIfd = 512;

enum Tag : uint16_t {
  kImageDescription = 0x010E,
  kMake = 0x010F,
  kModel = 0x0110,
  kOrientation = 0x0112,
  kSoftware = 0x0131,
  kModifyDate = 0x0132,
  kArtist = 0x013B,
  kHostComputer = 0x013C,
  kThumbnailOffset = 0x0201,
  kThumbnailLength = 0x0202,
  kStripOffsets = 0x0111,
  kCopyright = 0x8298,
  kExifIfd = 0x8769,
  kGpsIfd = 0x8825,
  kDateTimeOriginal = 0x9003,
  kCreateDate = 0x9004,
  kOffsetTimeOriginal = 0x9011,
  kUserComment = 0x9286,
  kXpTitle = 0x9C9B,
  kXpComment = 0x9C9C,
  kXpAuthor = 0x9C9D,
  kXpKeywords = 0x9C9E,
  kXpSubject = 0x9C9F,
  kOwnerName = 0xA430,
  kSerialNumber = 0xA431,
  kLensMake = 0xA433,
  kLensModel = 0xA434,
  kImageUniqueId = 0xA420,
};

enum GpsTag : uint16_t {
  kLatRef = 1,
  kLat = 2,
  kLonRef = 3,
  kLon = 4,
  kAltRef = 5,
  kAlt = 6,
  kTimeStamp = 7,
  kDirection = 0x11,
  kDateStamp = 0x1D,
};

enum class IfdKind { kIfd0, kExif, kGps, kIfd1 };

size_t TypeSize(uint16_t type) {
  switch (type) {
    case 1:  // BYTE
    case 2:  // ASCII
    case 6:  // SBYTE
    case 7:  // UNDEFINED
      return 1;
    case 3:  // SHORT
    case 8:  // SSHORT
      return 2;
    case 4:   // LONG
    case 9:   // SLONG
    case 11:  // FLOAT
    case 13:  // IFD
      return 4;
    case 5:   // RATIONAL
    case 10:  // SRATIONAL
    case 12:  // DOUBLE
      return 8;
    default:
      return 0;
  }
}

struct Entry {
  uint16_t tag = 0;
  uint16_t type = 0;
  uint32_t count = 0;
  Bytes value;  // empty when the value lies outside the TIFF
};

class ExifReader {
 public:
  ExifReader(Bytes tiff, bool big_endian, ImageMetadata* out)
      : tiff_(tiff), be_(big_endian), out_(out) {}

  void Walk(uint32_t ifd0_offset) {
    ReadIfd(ifd0_offset, IfdKind::kIfd0);
    FinishGps();
  }

 private:
  bool U16(size_t at, uint16_t* v) const { return tiff_.U16(at, be_, v); }
  bool U32(size_t at, uint32_t* v) const { return tiff_.U32(at, be_, v); }

  bool Seen(uint32_t offset) {
    for (int i = 0; i < visited_count_; ++i) {
      if (visited_[i] == offset) return true;
    }
    return false;
  }

  void ReadIfd(uint32_t offset, IfdKind kind) {
    if (visited_count_ >= kMaxIfds || Seen(offset)) {
      out_->Warn("exif: IFD loop or too many IFDs");
      return;
    }
    visited_[visited_count_++] = offset;
    uint16_t count = 0;
    if (!U16(offset, &count)) {
      out_->Warn("exif: IFD offset outside the data");
      return;
    }
    if (count > kMaxEntriesPerIfd) {
      out_->Warn("exif: IFD with too many entries");
      count = kMaxEntriesPerIfd;
    }
    uint32_t exif_ifd = 0;
    uint32_t gps_ifd = 0;
    for (uint16_t i = 0; i < count; ++i) {
      const size_t at = size_t{offset} + 2 + size_t{i} * 12;
      Entry e;
      uint32_t raw = 0;
      if (!U16(at, &e.tag) || !U16(at + 2, &e.type) || !U32(at + 4, &e.count) ||
          !U32(at + 8, &raw)) {
        out_->Warn("exif: truncated IFD");
        break;
      }
      const size_t unit = TypeSize(e.type);
      if (unit == 0) continue;
      const uint64_t total = uint64_t{unit} * e.count;
      if (total <= 4) {
        e.value = tiff_.Sub(at + 8, static_cast<size_t>(total));
      } else if (tiff_.Contains(raw, static_cast<size_t>(total)) &&
                 total <= tiff_.size()) {
        e.value = tiff_.Sub(raw, static_cast<size_t>(total));
      } else {
        out_->Warn("exif: value outside the data");
        continue;
      }
      if (e.tag == kExifIfd && kind == IfdKind::kIfd0) {
        exif_ifd = Unsigned(e, 0);
      } else if (e.tag == kGpsIfd && kind == IfdKind::kIfd0) {
        gps_ifd = Unsigned(e, 0);
      } else {
        Handle(e, kind);
      }
    }
    out_->AddBlock(kind == IfdKind::kGps ? "exif:gps" : "exif");
    if (kind == IfdKind::kIfd1 && thumb_length_ > 0) {
      out_->AddThumbnail("exif:IFD1");
    }
    if (exif_ifd != 0) ReadIfd(exif_ifd, IfdKind::kExif);
    if (gps_ifd != 0) ReadIfd(gps_ifd, IfdKind::kGps);
    if (kind == IfdKind::kIfd0) {
      uint32_t next = 0;
      if (U32(size_t{offset} + 2 + size_t{count} * 12, &next) && next != 0) {
        ReadIfd(next, IfdKind::kIfd1);
      }
    }
  }

  uint32_t Unsigned(const Entry& e, uint32_t index) const {
    const size_t unit = TypeSize(e.type);
    const size_t at = size_t{index} * unit;
    if (e.type == 1 || e.type == 7) {
      uint8_t v = 0;
      return e.value.U8(at, &v) ? v : 0;
    }
    if (e.type == 3) {
      uint16_t v = 0;
      return e.value.U16(at, be_, &v) ? v : 0;
    }
    if (e.type == 4 || e.type == 13) {
      uint32_t v = 0;
      return e.value.U32(at, be_, &v) ? v : 0;
    }
    return 0;
  }

  // A RATIONAL/SRATIONAL (or integer) as a double; NaN when unreadable.
  double Number(const Entry& e, uint32_t index) const {
    if (index >= e.count) return NAN;
    if (e.type == 5 || e.type == 10) {
      uint32_t num = 0;
      uint32_t den = 0;
      if (!e.value.U32(size_t{index} * 8, be_, &num) ||
          !e.value.U32(size_t{index} * 8 + 4, be_, &den) || den == 0) {
        return NAN;
      }
      if (e.type == 10) {
        return static_cast<double>(static_cast<int32_t>(num)) /
               static_cast<int32_t>(den);
      }
      return static_cast<double>(num) / den;
    }
    if (e.type == 1 || e.type == 3 || e.type == 4) return Unsigned(e, index);
    return NAN;
  }

  static std::string_view Ascii(const Entry& e) {
    return e.type == 2 || e.type == 7 || e.type == 1 ? e.value.AsString()
                                                     : std::string_view();
  }

  void Text(TextKind kind, const char* name, const Entry& e) {
    out_->AddText(kind, std::string("exif:") + name, Ascii(e));
  }

  void XpText(TextKind kind, const char* name, const Entry& e) {
    if (e.type != 1 && e.type != 7) return;
    out_->AddText(kind, std::string("exif:") + name,
                  Utf16LeToUtf8(e.value.AsString(), kMaxTextBytes));
  }

  void UserComment(const Entry& e) {
    if (e.value.size() < 8) return;
    const std::string_view charset = e.value.AsString().substr(0, 8);
    const std::string_view body = e.value.AsString().substr(8);
    std::string text;
    if (charset.substr(0, 7) == "UNICODE") {
      text = Utf16ToUtf8(body, be_, kMaxTextBytes);
    } else {
      text = SanitizeText(body, kMaxTextBytes);
    }
    out_->AddText(TextKind::kCaption, "exif:UserComment", text);
  }

  void Handle(const Entry& e, IfdKind kind) {
    if (kind == IfdKind::kGps) return HandleGps(e);
    if (kind == IfdKind::kIfd1) {
      if (e.tag == kThumbnailLength || e.tag == kStripOffsets) {
        thumb_length_ = e.tag == kThumbnailLength ? Unsigned(e, 0) : 1;
      }
      return;
    }
    switch (e.tag) {
      case kImageDescription:
        return Text(TextKind::kCaption, "ImageDescription", e);
      case kMake:
        Text(TextKind::kDevice, "Make", e);
        if (out_->make.empty()) out_->make = SanitizeValue(Ascii(e), 256);
        return;
      case kModel:
        Text(TextKind::kDevice, "Model", e);
        if (out_->model.empty()) out_->model = SanitizeValue(Ascii(e), 256);
        return;
      case kOrientation:
        if (kind == IfdKind::kIfd0) {
          const uint32_t o = Unsigned(e, 0);
          if (o >= 1 && o <= 8) out_->orientation = static_cast<int>(o);
        }
        return;
      case kSoftware:
        return Text(TextKind::kSoftware, "Software", e);
      case kHostComputer:
        return Text(TextKind::kDevice, "HostComputer", e);
      case kModifyDate:
        return Text(TextKind::kDate, "ModifyDate", e);
      case kArtist:
        return Text(TextKind::kName, "Artist", e);
      case kCopyright:
        return Text(TextKind::kName, "Copyright", e);
      case kDateTimeOriginal:
        Text(TextKind::kDate, "DateTimeOriginal", e);
        if (out_->date_original.empty()) {
          out_->date_original = SanitizeText(Ascii(e), 64);
        }
        return;
      case kCreateDate:
        return Text(TextKind::kDate, "CreateDate", e);
      case kOffsetTimeOriginal:
        return Text(TextKind::kDate, "OffsetTimeOriginal", e);
      case kUserComment:
        return UserComment(e);
      case kXpTitle:
        return XpText(TextKind::kCaption, "XPTitle", e);
      case kXpComment:
        return XpText(TextKind::kCaption, "XPComment", e);
      case kXpAuthor:
        return XpText(TextKind::kName, "XPAuthor", e);
      case kXpKeywords:
        return XpText(TextKind::kCaption, "XPKeywords", e);
      case kXpSubject:
        return XpText(TextKind::kCaption, "XPSubject", e);
      case kOwnerName:
        return Text(TextKind::kName, "OwnerName", e);
      case kSerialNumber:
        return Text(TextKind::kDevice, "SerialNumber", e);
      case kLensMake:
        return Text(TextKind::kDevice, "LensMake", e);
      case kLensModel:
        return Text(TextKind::kDevice, "LensModel", e);
      case kImageUniqueId:
        return Text(TextKind::kDevice, "ImageUniqueID", e);
      default:
        return;
    }
  }

  double Degrees(const Entry& e) const {
    if (e.count < 1) return NAN;
    double deg = Number(e, 0);
    const double min = e.count > 1 ? Number(e, 1) : 0;
    const double sec = e.count > 2 ? Number(e, 2) : 0;
    if (std::isnan(min) || std::isnan(sec)) return NAN;
    deg += min / 60 + sec / 3600;
    return deg;
  }

  void HandleGps(const Entry& e) {
    switch (e.tag) {
      case kLatRef:
        lat_ref_ = e.value.empty() ? '\0' : static_cast<char>(e.value[0]);
        return;
      case kLat:
        lat_ = Degrees(e);
        return;
      case kLonRef:
        lon_ref_ = e.value.empty() ? '\0' : static_cast<char>(e.value[0]);
        return;
      case kLon:
        lon_ = Degrees(e);
        return;
      case kAltRef:
        alt_below_ = Unsigned(e, 0) == 1;
        return;
      case kAlt:
        alt_ = Number(e, 0);
        return;
      case kDirection:
        direction_ = Number(e, 0);
        return;
      case kDateStamp:
        gps_date_ = SanitizeText(Ascii(e), 32);
        return;
      case kTimeStamp: {
        const double h = Number(e, 0);
        const double m = Number(e, 1);
        const double s = Number(e, 2);
        if (!std::isnan(h) && !std::isnan(m) && !std::isnan(s) && h >= 0 &&
            h < 25 && m >= 0 && m < 61 && s >= 0 && s < 62) {
          char buf[16];
          std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", static_cast<int>(h),
                        static_cast<int>(m), static_cast<int>(s));
          gps_time_ = buf;
        }
        return;
      }
      default:
        return;
    }
  }

  void FinishGps() {
    if (!gps_date_.empty()) {
      out_->AddText(
          TextKind::kDate, "exif:GPSDateTime",
          gps_time_.empty() ? gps_date_ : gps_date_ + " " + gps_time_);
    }
    if (std::isnan(lat_) || std::isnan(lon_)) return;
    if (IsNoFix(lat_, lon_)) return;
    if (lat_ > 90 || lon_ > 180 || lat_ < 0 || lon_ < 0) {
      out_->Warn("exif: GPS position out of range");
      return;
    }
    GpsPosition gps;
    gps.latitude = lat_ref_ == 'S' ? -lat_ : lat_;
    gps.longitude = lon_ref_ == 'W' ? -lon_ : lon_;
    if (!std::isnan(alt_)) gps.altitude_m = alt_below_ ? -alt_ : alt_;
    if (!std::isnan(direction_)) gps.direction_deg = direction_;
    gps.source = "exif";
    if (!out_->gps) out_->gps = gps;
  }

  Bytes tiff_;
  bool be_;
  ImageMetadata* out_;
  uint32_t visited_[kMaxIfds] = {};
  int visited_count_ = 0;
  uint32_t thumb_length_ = 0;
  double lat_ = NAN;
  double lon_ = NAN;
  double alt_ = NAN;
  double direction_ = NAN;
  bool alt_below_ = false;
  char lat_ref_ = 0;
  char lon_ref_ = 0;
  std::string gps_date_;
  std::string gps_time_;
};

}  // namespace

Bytes SkipExifPrefix(Bytes data) {
  if (data.StartsWith(std::string_view("Exif\0\0", 6))) return data.From(6);
  if (data.StartsWith(std::string_view("Exif\0", 5))) return data.From(5);
  return data;
}

bool ParseExif(Bytes tiff, ImageMetadata* out) {
  bool big_endian = false;
  if (tiff.StartsWith("MM")) {
    big_endian = true;
  } else if (!tiff.StartsWith("II")) {
    out->Warn("exif: no TIFF header");
    return false;
  }
  uint16_t magic = 0;
  uint32_t ifd0 = 0;
  if (!tiff.U16(2, big_endian, &magic) || magic != 42 ||
      !tiff.U32(4, big_endian, &ifd0)) {
    out->Warn("exif: bad TIFF header");
    return false;
  }
  ExifReader(tiff, big_endian, out).Walk(ifd0);
  return true;
}

std::string MinimalExifWithOrientation(int orientation) {
  // "II" 42, IFD0 at 8: one entry (Orientation SHORT 1), next IFD 0.
  const char bytes[] = {'I',
                        'I',
                        42,
                        0,
                        8,
                        0,
                        0,
                        0,  // header
                        1,
                        0,  // one entry
                        0x12,
                        0x01,
                        3,
                        0,
                        1,
                        0,
                        0,
                        0,  // tag, SHORT, count 1
                        static_cast<char>(orientation),
                        0,
                        0,
                        0,  // value
                        0,
                        0,
                        0,
                        0};  // no next IFD
  return std::string(bytes, sizeof bytes);
}

}  // namespace vigie::image
