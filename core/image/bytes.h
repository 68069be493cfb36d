// Bounds-checked reading of untrusted bytes. Every read says whether it fit;
// nothing here can read outside the view it was given.
#ifndef VIGIE_CORE_IMAGE_BYTES_H_
#define VIGIE_CORE_IMAGE_BYTES_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vigie::image {

// A read-only view of bytes (the file, or a part of it).
class Bytes {
 public:
  Bytes() = default;
  Bytes(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  explicit Bytes(std::string_view s)
      : data_(reinterpret_cast<const uint8_t*>(s.data())), size_(s.size()) {}

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  uint8_t operator[](size_t i) const { return data_[i]; }

  // True when [offset, offset + length) lies inside the view (overflow-safe).
  bool Contains(size_t offset, size_t length) const {
    return offset <= size_ && length <= size_ - offset;
  }
  // The part [offset, offset + length), clamped to the view.
  Bytes Sub(size_t offset, size_t length) const {
    if (offset > size_) return Bytes();
    if (length > size_ - offset) length = size_ - offset;
    return Bytes(data_ + offset, length);
  }
  Bytes From(size_t offset) const { return Sub(offset, size_); }
  std::string_view AsString() const {
    return std::string_view(reinterpret_cast<const char*>(data_), size_);
  }
  bool StartsWith(std::string_view prefix) const {
    return size_ >= prefix.size() &&
           AsString().substr(0, prefix.size()) == prefix;
  }

  bool U8(size_t at, uint8_t* out) const {
    if (!Contains(at, 1)) return false;
    *out = data_[at];
    return true;
  }
  bool U16(size_t at, bool big_endian, uint16_t* out) const {
    if (!Contains(at, 2)) return false;
    const uint8_t* p = data_ + at;
    *out = big_endian ? static_cast<uint16_t>(p[0] << 8 | p[1])
                      : static_cast<uint16_t>(p[1] << 8 | p[0]);
    return true;
  }
  bool U32(size_t at, bool big_endian, uint32_t* out) const {
    if (!Contains(at, 4)) return false;
    const uint8_t* p = data_ + at;
    *out = big_endian ? (uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 |
                         uint32_t{p[2]} << 8 | uint32_t{p[3]})
                      : (uint32_t{p[3]} << 24 | uint32_t{p[2]} << 16 |
                         uint32_t{p[1]} << 8 | uint32_t{p[0]});
    return true;
  }
  bool U64BE(size_t at, uint64_t* out) const {
    uint32_t hi = 0;
    uint32_t lo = 0;
    if (!U32(at, true, &hi) || !U32(at + 4, true, &lo)) return false;
    *out = uint64_t{hi} << 32 | lo;
    return true;
  }
  bool U16BE(size_t at, uint16_t* out) const { return U16(at, true, out); }
  bool U32BE(size_t at, uint32_t* out) const { return U32(at, true, out); }
  bool U32LE(size_t at, uint32_t* out) const { return U32(at, false, out); }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_BYTES_H_
