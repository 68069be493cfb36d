// Walks the marker segments of a JPEG file without decoding anything.
#ifndef VIGIE_CORE_IMAGE_JPEG_SEGMENTS_H_
#define VIGIE_CORE_IMAGE_JPEG_SEGMENTS_H_

#include <cstddef>
#include <cstdint>

#include "core/image/bytes.h"

namespace vigie::image {

inline constexpr uint8_t kJpegSoi = 0xD8;
inline constexpr uint8_t kJpegEoi = 0xD9;
inline constexpr uint8_t kJpegSos = 0xDA;
inline constexpr uint8_t kJpegCom = 0xFE;
inline constexpr uint8_t kJpegApp0 = 0xE0;

struct JpegSegment {
  uint8_t marker = 0;
  size_t offset = 0;  // of the 0xFF that starts it
  size_t size = 0;    // whole segment: marker, length field, payload
  Bytes payload;      // after the length field (empty for standalone markers)
  // For SOS only: the entropy-coded data that follows, up to the next marker
  // that is not a restart marker (or the end of the file).
  size_t entropy_size = 0;
};

// Iterates over segments from just after SOI. Each call to Next() reads one
// segment; it returns false at EOI, at the end of data or on malformed data
// (then `error()` says why). Entropy-coded data is scanned only when
// `scan_entropy` is true; otherwise the walk stops at the first SOS.
class JpegSegmentReader {
 public:
  JpegSegmentReader(Bytes file, bool scan_entropy)
      : file_(file), scan_entropy_(scan_entropy), at_(2) {}

  static bool IsJpeg(Bytes file) {
    return file.size() >= 3 && file[0] == 0xFF && file[1] == kJpegSoi &&
           file[2] == 0xFF;
  }

  bool Next(JpegSegment* segment);
  const char* error() const { return error_; }
  bool reached_eoi() const { return reached_eoi_; }
  // Offset just after the last segment read (after EOI at the end).
  size_t position() const { return at_; }

 private:
  size_t ScanEntropy(size_t from) const;

  Bytes file_;
  bool scan_entropy_;
  size_t at_;
  bool done_ = false;
  bool reached_eoi_ = false;
  const char* error_ = nullptr;
};

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_JPEG_SEGMENTS_H_
