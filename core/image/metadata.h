// What a photo's metadata says, whatever its container. Filled by the
// container parsers (jpeg.h, png.h, webp.h, isobmff.h) and read by the image
// rules (image_rules.h) and the JSON writer (metadata_json.h).
#ifndef VIGIE_CORE_IMAGE_METADATA_H_
#define VIGIE_CORE_IMAGE_METADATA_H_

#include <optional>
#include <string>
#include <vector>

namespace vigie::image {

// Caps that bound memory on hostile input. A parser that meets one stops
// collecting and records a warning; it never fails the whole file for it.
inline constexpr size_t kMaxTextBytes = 4096;  // per stored value
inline constexpr size_t kMaxTextEntries = 64;  // names + captions + ...
inline constexpr size_t kMaxWarnings = 16;
inline constexpr size_t kMaxInflatedBytes = 1 << 20;  // zTXt / iTXt / iCCP
inline constexpr size_t kMaxXmpBytes = 1 << 20;

enum class Container { kUnknown, kJpeg, kPng, kWebp, kHeif };

const char* ContainerName(Container c);

struct GpsPosition {
  double latitude = 0;                  // degrees, north positive
  double longitude = 0;                 // degrees, east positive
  std::optional<double> altitude_m;     // above sea level, negative below
  std::optional<double> direction_deg;  // direction the camera faced
  std::string source;                   // "exif", "xmp"
};

// Phones without a fix write 0/0: a point in the ocean off Africa, not
// where the photo was taken.
inline bool IsNoFix(double latitude, double longitude) {
  return latitude == 0 && longitude == 0;
}

// A value found in the metadata, with where it was found ("exif:Artist",
// "xmp:dc:creator", "iptc:By-line", "png:tEXt:Author"...).
struct TextValue {
  std::string source;
  std::string value;  // valid UTF-8, at most kMaxTextBytes
};

enum class TextKind {
  kName,     // author, artist, owner, creator, person shown
  kCaption,  // description, title, comment, caption, keywords
  kDate,     // any date or time stamp
  kDevice,   // make, model, lens, serial number
  kSoftware  // software, creator tool
};

struct ImageMetadata {
  Container container = Container::kUnknown;
  std::optional<GpsPosition> gps;
  std::vector<TextValue> names;
  std::vector<TextValue> captions;
  std::vector<TextValue> dates;
  std::vector<TextValue> devices;
  std::vector<TextValue> software;
  // Convenience copies of the best-known fields (first found wins).
  std::string make;
  std::string model;
  std::string date_original;  // "YYYY:MM:DD HH:MM:SS" as written
  int orientation = 0;        // EXIF orientation 1..8, 0 when absent
  // Embedded previews: "exif:IFD1", "jfif", "photoshop", "mpf", "heif:thmb".
  std::vector<std::string> thumbnails;
  // Metadata blocks seen: "exif", "xmp", "iptc", "icc", "comment", ...
  std::vector<std::string> blocks;
  // Compressed text that was present but not decoded (no inflate available).
  bool undecoded_text = false;
  // Parse problems (truncation, bad offsets...): the result is partial.
  std::vector<std::string> warnings;

  bool has_thumbnail() const { return !thumbnails.empty(); }
  void AddText(TextKind kind, std::string source, std::string_view raw);
  void AddBlock(std::string_view block);
  void AddThumbnail(std::string_view where);
  void Warn(std::string message);
  size_t text_count() const {
    return names.size() + captions.size() + dates.size() + devices.size() +
           software.size();
  }
};

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_METADATA_H_
