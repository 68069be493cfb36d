#include "core/image/inflate.h"

#include <cstdint>

namespace vigie::image {
namespace {

constexpr int kMaxBits = 15;

class BitReader {
 public:
  explicit BitReader(Bytes in) : in_(in) {}

  // The next n bits (n <= 16), least significant first; -1 past the end.
  int Bits(int n) {
    while (count_ < n) {
      if (pos_ >= in_.size()) return -1;
      buffer_ |= uint32_t{in_[pos_++]} << count_;
      count_ += 8;
    }
    const int value = static_cast<int>(buffer_ & ((1u << n) - 1));
    buffer_ >>= n;
    count_ -= n;
    return value;
  }
  void AlignToByte() {
    buffer_ = 0;
    count_ = 0;
  }
  size_t pos() const { return pos_; }
  void Skip(size_t n) { pos_ += n; }
  const Bytes& in() const { return in_; }

 private:
  Bytes in_;
  size_t pos_ = 0;
  uint32_t buffer_ = 0;
  int count_ = 0;
};

struct Huffman {
  uint16_t count[kMaxBits + 1] = {};
  uint16_t symbol[288] = {};
};

// Canonical Huffman code from code lengths; false when over-subscribed.
bool Build(Huffman* h, const uint8_t* lengths, int n) {
  for (int len = 0; len <= kMaxBits; ++len) h->count[len] = 0;
  for (int i = 0; i < n; ++i) h->count[lengths[i]]++;
  int left = 1;
  for (int len = 1; len <= kMaxBits; ++len) {
    left <<= 1;
    left -= h->count[len];
    if (left < 0) return false;
  }
  uint16_t offsets[kMaxBits + 1] = {};
  for (int len = 1; len < kMaxBits; ++len) {
    offsets[len + 1] = offsets[len] + h->count[len];
  }
  for (int i = 0; i < n; ++i) {
    if (lengths[i] != 0)
      h->symbol[offsets[lengths[i]]++] = static_cast<uint16_t>(i);
  }
  return true;
}

// One symbol; -1 on end of input or an unused code.
int Decode(BitReader* bits, const Huffman& h) {
  int code = 0;
  int first = 0;
  int index = 0;
  for (int len = 1; len <= kMaxBits; ++len) {
    const int bit = bits->Bits(1);
    if (bit < 0) return -1;
    code |= bit;
    const int count = h.count[len];
    if (code - first < count) return h.symbol[index + (code - first)];
    index += count;
    first += count;
    first <<= 1;
    code <<= 1;
  }
  return -1;
}

constexpr uint16_t kLengthBase[29] = {
    3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
    31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr uint8_t kLengthExtra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1,
                                      1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
                                      4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr uint16_t kDistBase[30] = {
    1,    2,    3,    4,    5,    7,    9,    13,    17,    25,
    33,   49,   65,   97,   129,  193,  257,  385,   513,   769,
    1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr uint8_t kDistExtra[30] = {0, 0, 0,  0,  1,  1,  2,  2,  3,  3,
                                    4, 4, 5,  5,  6,  6,  7,  7,  8,  8,
                                    9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

enum class Result { kOk, kCut, kBad };

class Inflater {
 public:
  Inflater(Bytes in, size_t max_output) : bits_(in), max_(max_output) {}

  Result Run() {
    for (;;) {
      const int last = bits_.Bits(1);
      const int type = bits_.Bits(2);
      if (last < 0 || type < 0) return Result::kBad;
      Result r = Result::kBad;
      if (type == 0) {
        r = Stored();
      } else if (type == 1) {
        r = Fixed();
      } else if (type == 2) {
        r = Dynamic();
      }
      if (r != Result::kOk || last == 1) return r;
    }
  }
  std::string& output() { return out_; }

 private:
  Result Put(char c) {
    if (out_.size() >= max_) return Result::kCut;
    out_.push_back(c);
    return Result::kOk;
  }

  Result Stored() {
    bits_.AlignToByte();
    uint16_t len = 0;
    uint16_t nlen = 0;
    const Bytes& in = bits_.in();
    if (!in.U16(bits_.pos(), false, &len) ||
        !in.U16(bits_.pos() + 2, false, &nlen) ||
        len != static_cast<uint16_t>(~nlen) ||
        !in.Contains(bits_.pos() + 4, len)) {
      return Result::kBad;
    }
    bits_.Skip(4);
    for (size_t i = 0; i < len; ++i) {
      if (Put(static_cast<char>(in[bits_.pos() + i])) != Result::kOk) {
        return Result::kCut;
      }
    }
    bits_.Skip(len);
    return Result::kOk;
  }

  Result Codes(const Huffman& lit, const Huffman& dist) {
    for (;;) {
      const int symbol = Decode(&bits_, lit);
      if (symbol < 0) return Result::kBad;
      if (symbol < 256) {
        if (Put(static_cast<char>(symbol)) != Result::kOk) return Result::kCut;
        continue;
      }
      if (symbol == 256) return Result::kOk;
      const int li = symbol - 257;
      if (li >= 29) return Result::kBad;
      const int extra = bits_.Bits(kLengthExtra[li]);
      const int ds = Decode(&bits_, dist);
      if (extra < 0 || ds < 0 || ds >= 30) return Result::kBad;
      const int dextra = bits_.Bits(kDistExtra[ds]);
      if (dextra < 0) return Result::kBad;
      const size_t length = kLengthBase[li] + extra;
      const size_t distance = kDistBase[ds] + dextra;
      if (distance > out_.size()) return Result::kBad;
      for (size_t i = 0; i < length; ++i) {
        if (Put(out_[out_.size() - distance]) != Result::kOk) {
          return Result::kCut;
        }
      }
    }
  }

  Result Fixed() {
    uint8_t lengths[288];
    int i = 0;
    for (; i < 144; ++i) lengths[i] = 8;
    for (; i < 256; ++i) lengths[i] = 9;
    for (; i < 280; ++i) lengths[i] = 7;
    for (; i < 288; ++i) lengths[i] = 8;
    Huffman lit;
    Huffman dist;
    Build(&lit, lengths, 288);
    for (i = 0; i < 30; ++i) lengths[i] = 5;
    Build(&dist, lengths, 30);
    return Codes(lit, dist);
  }

  Result Dynamic() {
    static constexpr uint8_t kOrder[19] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                           11, 4,  12, 3, 13, 2, 14, 1, 15};
    const int nlen = bits_.Bits(5);
    const int ndist = bits_.Bits(5);
    const int ncode = bits_.Bits(4);
    if (nlen < 0 || ndist < 0 || ncode < 0) return Result::kBad;
    const int lit_count = nlen + 257;
    const int dist_count = ndist + 1;
    if (lit_count > 286 || dist_count > 30) return Result::kBad;
    uint8_t lengths[320] = {};
    for (int i = 0; i < ncode + 4; ++i) {
      const int v = bits_.Bits(3);
      if (v < 0) return Result::kBad;
      lengths[kOrder[i]] = static_cast<uint8_t>(v);
    }
    Huffman code_lengths;
    if (!Build(&code_lengths, lengths, 19)) return Result::kBad;
    int index = 0;
    while (index < lit_count + dist_count) {
      int symbol = Decode(&bits_, code_lengths);
      if (symbol < 0) return Result::kBad;
      if (symbol < 16) {
        lengths[index++] = static_cast<uint8_t>(symbol);
        continue;
      }
      uint8_t value = 0;
      int repeat = 0;
      if (symbol == 16) {
        if (index == 0) return Result::kBad;
        value = lengths[index - 1];
        repeat = 3 + bits_.Bits(2);
      } else if (symbol == 17) {
        repeat = 3 + bits_.Bits(3);
      } else {
        repeat = 11 + bits_.Bits(7);
      }
      if (repeat < 3 || index + repeat > lit_count + dist_count) {
        return Result::kBad;
      }
      while (repeat-- > 0) lengths[index++] = value;
    }
    if (lengths[256] == 0) return Result::kBad;
    Huffman lit;
    Huffman dist;
    if (!Build(&lit, lengths, lit_count) ||
        !Build(&dist, lengths + lit_count, dist_count)) {
      return Result::kBad;
    }
    return Codes(lit, dist);
  }

  BitReader bits_;
  size_t max_;
  std::string out_;
};

}  // namespace

absl::StatusOr<Inflated> InflateZlib(Bytes zlib, size_t max_output) {
  uint8_t cmf = 0;
  uint8_t flg = 0;
  if (!zlib.U8(0, &cmf) || !zlib.U8(1, &flg) || (cmf & 0x0F) != 8 ||
      ((cmf << 8) | flg) % 31 != 0 || (flg & 0x20) != 0) {
    return absl::InvalidArgumentError("inflate: bad zlib header");
  }
  Inflater inflater(zlib.From(2), max_output);
  const Result r = inflater.Run();
  if (r == Result::kBad) {
    return absl::InvalidArgumentError("inflate: corrupt data");
  }
  Inflated result;
  result.data = std::move(inflater.output());
  result.cut = r == Result::kCut;
  return result;
}

}  // namespace vigie::image
