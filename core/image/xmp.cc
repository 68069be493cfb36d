#include "core/image/xmp.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/image/text_sanitize.h"
#include "core/text.h"

namespace vigie::image {
namespace {

constexpr size_t kMaxValuesPerProperty = 8;

// Decodes the five XML entities and numeric references; other text as is.
std::string DecodeEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    const size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    uint32_t cp = 0;
    if (name == "amp") {
      cp = '&';
    } else if (name == "lt") {
      cp = '<';
    } else if (name == "gt") {
      cp = '>';
    } else if (name == "quot") {
      cp = '"';
    } else if (name == "apos") {
      cp = '\'';
    } else if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const std::string digits(name.substr(hex ? 2 : 1));
      char* end = nullptr;
      const uint64_t v = std::strtoull(digits.c_str(), &end, hex ? 16 : 10);
      if (digits.empty() || *end != '\0' || v == 0 || v > 0x10FFFF) {
        out.push_back('&');
        continue;
      }
      cp = static_cast<uint32_t>(v);
    } else {
      out.push_back('&');
      continue;
    }
    // SanitizeText fixes anything odd later.
    AppendUtf8(static_cast<char32_t>(cp), &out);
    i = semi;
  }
  return out;
}

// Text content of an element body with its tags removed; rdf:li items
// separated by "; ".
std::string StripTags(std::string_view body) {
  std::string out;
  bool in_tag = false;
  bool pending_separator = false;
  for (char c : body) {
    if (c == '<') {
      in_tag = true;
      if (!out.empty()) pending_separator = true;
    } else if (c == '>') {
      in_tag = false;
    } else if (!in_tag) {
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        if (!out.empty() && out.back() != ' ' && !pending_separator) {
          out.push_back(' ');
        }
        continue;
      }
      if (pending_separator) {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += "; ";
        pending_separator = false;
      }
      out.push_back(c);
    }
  }
  return DecodeEntities(out);
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == ':' || c == '_' || c == '-' || c == '.';
}

// Every value of the property `name` (like "exif:GPSLatitude"), in attribute
// form (name="v") or element form (<name ...>v</name>).
std::vector<std::string> Values(std::string_view xmp, std::string_view name) {
  std::vector<std::string> values;
  size_t pos = 0;
  while (values.size() < kMaxValuesPerProperty) {
    pos = xmp.find(name, pos);
    if (pos == std::string_view::npos) break;
    const size_t after = pos + name.size();
    const bool starts_name =
        pos == 0 || !IsNameChar(xmp[pos - 1]) || xmp[pos - 1] == '<';
    const bool element = pos > 0 && xmp[pos - 1] == '<';
    if (!starts_name || after >= xmp.size() || IsNameChar(xmp[after])) {
      pos = after;
      continue;
    }
    if (element) {
      const size_t open_end = xmp.find('>', after);
      if (open_end == std::string_view::npos) break;
      if (xmp[open_end - 1] == '/') {  // <name rdf:resource=.../>
        pos = open_end;
        continue;
      }
      const std::string close = "</" + std::string(name) + ">";
      const size_t close_at = xmp.find(close, open_end);
      if (close_at == std::string_view::npos) break;
      values.push_back(
          StripTags(xmp.substr(open_end + 1, close_at - open_end - 1)));
      pos = close_at + close.size();
      continue;
    }
    size_t i = after;
    while (i < xmp.size() && (xmp[i] == ' ' || xmp[i] == '\n' ||
                              xmp[i] == '\t' || xmp[i] == '\r')) {
      ++i;
    }
    if (i >= xmp.size() || xmp[i] != '=') {
      pos = after;
      continue;
    }
    ++i;
    while (i < xmp.size() && (xmp[i] == ' ' || xmp[i] == '\n' ||
                              xmp[i] == '\t' || xmp[i] == '\r')) {
      ++i;
    }
    if (i >= xmp.size() || (xmp[i] != '"' && xmp[i] != '\'')) {
      pos = after;
      continue;
    }
    const char quote = xmp[i];
    const size_t end = xmp.find(quote, i + 1);
    if (end == std::string_view::npos) break;
    values.push_back(DecodeEntities(xmp.substr(i + 1, end - i - 1)));
    pos = end + 1;
  }
  return values;
}

std::string First(std::string_view xmp, std::string_view name) {
  std::vector<std::string> v = Values(xmp, name);
  return v.empty() ? std::string() : v.front();
}

std::optional<double> Rational(std::string_view s) {
  const std::string text(s);
  char* end = nullptr;
  const double num = std::strtod(text.c_str(), &end);
  if (end == text.c_str()) return std::nullopt;
  if (*end == '/') {
    const char* den_start = end + 1;
    const double den = std::strtod(den_start, &end);
    if (end == den_start || den == 0) return std::nullopt;
    return num / den;
  }
  return num;
}

struct Property {
  TextKind kind;
  const char* name;
};

constexpr Property kTextProperties[] = {
    {TextKind::kName, "dc:creator"},
    {TextKind::kName, "dc:rights"},
    {TextKind::kName, "photoshop:AuthorsPosition"},
    {TextKind::kName, "photoshop:Credit"},
    {TextKind::kName, "xmpRights:Owner"},
    {TextKind::kName, "aux:OwnerName"},
    {TextKind::kName, "exifEX:CameraOwnerName"},
    {TextKind::kName, "Iptc4xmpExt:PersonInImage"},
    {TextKind::kName, "mwg-rs:Name"},
    {TextKind::kName, "MP:PersonDisplayName"},
    {TextKind::kCaption, "dc:description"},
    {TextKind::kCaption, "dc:title"},
    {TextKind::kCaption, "dc:subject"},
    {TextKind::kCaption, "photoshop:Headline"},
    {TextKind::kCaption, "photoshop:City"},
    {TextKind::kCaption, "Iptc4xmpCore:Location"},
    {TextKind::kCaption, "exif:UserComment"},
    {TextKind::kDate, "exif:DateTimeOriginal"},
    {TextKind::kDate, "xmp:CreateDate"},
    {TextKind::kDate, "xmp:ModifyDate"},
    {TextKind::kDate, "photoshop:DateCreated"},
    {TextKind::kDevice, "tiff:Make"},
    {TextKind::kDevice, "tiff:Model"},
    {TextKind::kDevice, "aux:SerialNumber"},
    {TextKind::kDevice, "exifEX:LensModel"},
    {TextKind::kSoftware, "xmp:CreatorTool"},
    {TextKind::kSoftware, "tiff:Software"},
};

}  // namespace

std::optional<double> ParseXmpCoordinate(std::string_view value) {
  std::string s(value);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  if (s.empty()) return std::nullopt;
  double sign = 1;
  const char last = s.back();
  if (last == 'N' || last == 'E' || last == 'S' || last == 'W') {
    if (last == 'S' || last == 'W') sign = -1;
    s.pop_back();
  }
  double parts[3] = {0, 0, 0};
  int n = 0;
  const char* p = s.c_str();
  while (n < 3) {
    char* end = nullptr;
    const double v = std::strtod(p, &end);
    if (end == p || !std::isfinite(v) || v < 0) {
      if (n == 0 && end != p && std::isfinite(v)) {  // "-1.55"
        parts[n++] = v;
        p = end;
        break;
      }
      return std::nullopt;
    }
    parts[n++] = v;
    p = end;
    if (*p != ',') break;
    ++p;
  }
  if (*p != '\0') return std::nullopt;
  const double deg = parts[0] + parts[1] / 60 + parts[2] / 3600;
  return sign * deg;
}

void ParseXmp(std::string_view xmp, ImageMetadata* out) {
  if (xmp.size() > kMaxXmpBytes) {
    out->Warn("xmp: packet too large, cut");
    xmp = xmp.substr(0, kMaxXmpBytes);
  }
  out->AddBlock("xmp");
  for (const Property& p : kTextProperties) {
    for (const std::string& v : Values(xmp, p.name)) {
      out->AddText(p.kind, std::string("xmp:") + p.name, v);
    }
  }
  if (out->make.empty()) {
    out->make = SanitizeValue(First(xmp, "tiff:Make"), 256);
  }
  if (out->model.empty()) {
    out->model = SanitizeValue(First(xmp, "tiff:Model"), 256);
  }
  if (out->date_original.empty()) {
    out->date_original = SanitizeText(First(xmp, "exif:DateTimeOriginal"), 64);
  }
  if (out->orientation == 0) {
    const std::string o = First(xmp, "tiff:Orientation");
    if (o.size() == 1 && o[0] >= '1' && o[0] <= '8') {
      out->orientation = o[0] - '0';
    }
  }
  if (Values(xmp, "xmpGImg:image").size() +
          Values(xmp, "xapGImg:image").size() >
      0) {
    out->AddThumbnail("xmp:Thumbnails");
  }
  // Google Camera keeps the original of a portrait-mode photo (GImage) and
  // its depth map (GDepth) in (extended) XMP.
  if (xmp.find("GImage:Mime") != std::string_view::npos ||
      xmp.find("GImage:Data") != std::string_view::npos) {
    out->AddThumbnail("xmp:GImage");
  }
  if (xmp.find("GDepth:Data") != std::string_view::npos) {
    out->AddThumbnail("xmp:GDepth");
  }
  if (out->gps) return;
  const std::optional<double> lat =
      ParseXmpCoordinate(First(xmp, "exif:GPSLatitude"));
  const std::optional<double> lon =
      ParseXmpCoordinate(First(xmp, "exif:GPSLongitude"));
  if (!lat || !lon || IsNoFix(*lat, *lon)) return;
  if (std::fabs(*lat) > 90 || std::fabs(*lon) > 180) {
    out->Warn("xmp: GPS position out of range");
    return;
  }
  GpsPosition gps;
  gps.latitude = *lat;
  gps.longitude = *lon;
  gps.source = "xmp";
  if (std::optional<double> alt = Rational(First(xmp, "exif:GPSAltitude"))) {
    gps.altitude_m = First(xmp, "exif:GPSAltitudeRef") == "1" ? -*alt : *alt;
  }
  if (std::optional<double> dir =
          Rational(First(xmp, "exif:GPSImgDirection"))) {
    gps.direction_deg = *dir;
  }
  out->gps = gps;
}

}  // namespace vigie::image
