#include "core/image/jpeg_segments.h"

#include <cstring>

namespace vigie::image {
namespace {

bool IsStandalone(uint8_t marker) {
  return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD9);
}

}  // namespace

size_t JpegSegmentReader::ScanEntropy(size_t from) const {
  size_t i = from;
  const size_t n = file_.size();
  while (i < n) {
    const void* hit = std::memchr(file_.data() + i, 0xFF, n - i);
    if (hit == nullptr) return n - from;
    i = static_cast<const uint8_t*>(hit) - file_.data();
    if (i + 1 >= n) return n - from;
    const uint8_t next = file_[i + 1];
    if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
      i += 2;  // stuffed byte or restart marker: still entropy-coded data
    } else if (next == 0xFF) {
      ++i;  // fill byte before a marker
    } else {
      return i - from;
    }
  }
  return n - from;
}

bool JpegSegmentReader::Next(JpegSegment* segment) {
  if (done_) return false;
  // Skip fill bytes (0xFF 0xFF ...) before a marker.
  if (at_ >= file_.size() || file_[at_] != 0xFF) {
    done_ = true;
    if (at_ < file_.size())
      error_ = "jpeg: expected a marker";
    else
      error_ = "jpeg: truncated before EOI";
    return false;
  }
  size_t marker_at = at_;
  while (marker_at + 1 < file_.size() && file_[marker_at + 1] == 0xFF) {
    ++marker_at;
  }
  uint8_t marker = 0;
  if (!file_.U8(marker_at + 1, &marker)) {
    done_ = true;
    error_ = "jpeg: truncated marker";
    return false;
  }
  *segment = JpegSegment();
  segment->marker = marker;
  segment->offset = marker_at;
  if (marker == kJpegEoi) {
    segment->size = 2;
    at_ = marker_at + 2;
    reached_eoi_ = true;
    done_ = true;
    return true;
  }
  if (IsStandalone(marker) || marker == 0x00) {
    if (marker == 0x00 || marker == kJpegSoi) {
      done_ = true;
      error_ = "jpeg: unexpected marker";
      return false;
    }
    segment->size = 2;
    at_ = marker_at + 2;
    return true;
  }
  uint16_t length = 0;
  if (!file_.U16BE(marker_at + 2, &length) || length < 2 ||
      !file_.Contains(marker_at + 2, length)) {
    done_ = true;
    error_ = "jpeg: truncated segment";
    return false;
  }
  segment->size = size_t{length} + 2;
  segment->payload = file_.Sub(marker_at + 4, length - 2);
  at_ = marker_at + 2 + length;
  if (marker == kJpegSos) {
    if (!scan_entropy_) {
      done_ = true;
      return true;
    }
    segment->entropy_size = ScanEntropy(at_);
    at_ += segment->entropy_size;
  }
  return true;
}

}  // namespace vigie::image
