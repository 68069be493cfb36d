#include "core/image/isobmff.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "core/image/exif.h"
#include "core/image/xmp.h"

namespace vigie::image {
namespace {

constexpr int kMaxBoxes = 4096;
constexpr uint32_t kMaxItems = 1024;
constexpr uint32_t kMaxExtents = 64;         // kept per item
constexpr uint32_t kMaxExtentsRead = 65536;  // read in all, even if empty
constexpr size_t kMaxItemBytes = 4 << 20;

struct Box {
  std::string_view type;
  Bytes body;  // after the header
};

// Iterates the boxes inside `data`; false at the end or on malformed data.
class BoxReader {
 public:
  explicit BoxReader(Bytes data) : data_(data) {}
  bool Next(Box* box) {
    if (at_ + 8 > data_.size() || ++count_ > kMaxBoxes) {
      if (at_ < data_.size()) bad_ = true;
      return false;
    }
    uint32_t size32 = 0;
    data_.U32BE(at_, &size32);
    box->type = data_.Sub(at_ + 4, 4).AsString();
    uint64_t size = size32;
    size_t header = 8;
    if (size32 == 1) {
      if (!data_.U64BE(at_ + 8, &size)) return Fail();
      header = 16;
    } else if (size32 == 0) {
      size = data_.size() - at_;
    }
    if (size < header || size > data_.size() - at_) return Fail();
    box->body = data_.Sub(at_ + header, static_cast<size_t>(size) - header);
    at_ += static_cast<size_t>(size);
    return true;
  }
  bool bad() const { return bad_; }

 private:
  bool Fail() {
    bad_ = true;
    at_ = data_.size();
    return false;
  }
  Bytes data_;
  size_t at_ = 0;
  int count_ = 0;
  bool bad_ = false;
};

bool ReadSized(Bytes b, size_t* at, int size, uint64_t* out) {
  *out = 0;
  if (size == 0) return true;
  if (size == 4) {
    uint32_t v = 0;
    if (!b.U32BE(*at, &v)) return false;
    *out = v;
  } else if (size == 8) {
    if (!b.U64BE(*at, out)) return false;
  } else {
    return false;
  }
  *at += size;
  return true;
}

struct Extent {
  uint64_t offset = 0;
  uint64_t length = 0;
};

struct Item {
  uint32_t id = 0;
  std::string type;          // "Exif", "mime", "hvc1"...
  std::string content_type;  // for mime items
  int construction = 0;      // 0 file, 1 idat
  uint64_t base_offset = 0;
  std::vector<Extent> extents;
};

class HeifReader {
 public:
  HeifReader(Bytes file, ImageMetadata* out) : file_(file), out_(out) {}

  void Read(Bytes meta_body) {
    if (meta_body.size() < 4) return Bad("heif: short meta box");
    BoxReader boxes(meta_body.From(4));  // FullBox: version + flags
    Box box;
    while (boxes.Next(&box)) {
      if (box.type == "iinf") {
        ReadItemInfo(box.body);
      } else if (box.type == "iloc") {
        ReadLocations(box.body);
      } else if (box.type == "idat") {
        idat_ = box.body;
      } else if (box.type == "iref") {
        ReadReferences(box.body);
      }
    }
    if (boxes.bad()) Bad("heif: malformed meta box");
    for (const Item& item : items_) {
      if (item.type == "Exif") {
        ReadExifItem(item);
      } else if (item.type == "mime" &&
                 item.content_type.find("rdf+xml") != std::string::npos) {
        ReadXmpItem(item);
      }
    }
  }

 private:
  void Bad(const char* why) { out_->Warn(why); }

  Item* Find(uint32_t id) {
    for (Item& item : items_) {
      if (item.id == id) return &item;
    }
    if (items_.size() >= kMaxItems) return nullptr;
    items_.emplace_back();
    items_.back().id = id;
    return &items_.back();
  }

  void ReadItemInfo(Bytes b) {
    uint8_t version = 0;
    if (!b.U8(0, &version)) return Bad("heif: short iinf");
    size_t at = version == 0 ? 6 : 8;
    BoxReader boxes(b.From(at));
    Box box;
    while (boxes.Next(&box)) {
      if (box.type != "infe") continue;
      uint8_t v = 0;
      if (!box.body.U8(0, &v) || v < 2) continue;
      size_t p = 4;
      uint32_t id = 0;
      if (v == 2) {
        uint16_t id16 = 0;
        if (!box.body.U16BE(p, &id16)) continue;
        id = id16;
        p += 2;
      } else {
        if (!box.body.U32BE(p, &id)) continue;
        p += 4;
      }
      p += 2;  // protection index
      if (!box.body.Contains(p, 4)) continue;
      Item* item = Find(id);
      if (item == nullptr) return Bad("heif: too many items");
      item->type = std::string(box.body.Sub(p, 4).AsString());
      p += 4;
      const std::string_view rest = box.body.From(p).AsString();
      const size_t name_end = rest.find('\0');
      if (item->type == "mime" && name_end != std::string_view::npos) {
        const std::string_view after = rest.substr(name_end + 1);
        item->content_type = std::string(after.substr(0, after.find('\0')));
      }
    }
    if (boxes.bad()) Bad("heif: malformed iinf");
  }

  void ReadLocations(Bytes b) {
    uint8_t version = 0;
    uint8_t sizes = 0;
    uint8_t sizes2 = 0;
    if (!b.U8(0, &version) || !b.U8(4, &sizes) || !b.U8(5, &sizes2) ||
        version > 2) {
      return Bad("heif: bad iloc");
    }
    const int offset_size = sizes >> 4;
    const int length_size = sizes & 0x0F;
    const int base_size = sizes2 >> 4;
    const int index_size = version >= 1 ? (sizes2 & 0x0F) : 0;
    size_t at = 6;
    uint32_t count = 0;
    if (version < 2) {
      uint16_t c16 = 0;
      if (!b.U16BE(at, &c16)) return Bad("heif: bad iloc");
      count = c16;
      at += 2;
    } else {
      if (!b.U32BE(at, &count)) return Bad("heif: bad iloc");
      at += 4;
    }
    if (count > kMaxItems) return Bad("heif: too many items");
    uint32_t extents_read = 0;
    for (uint32_t i = 0; i < count; ++i) {
      uint32_t id = 0;
      if (version < 2) {
        uint16_t id16 = 0;
        if (!b.U16BE(at, &id16)) return Bad("heif: truncated iloc");
        id = id16;
        at += 2;
      } else {
        if (!b.U32BE(at, &id)) return Bad("heif: truncated iloc");
        at += 4;
      }
      uint16_t method = 0;
      if (version >= 1) {
        if (!b.U16BE(at, &method)) return Bad("heif: truncated iloc");
        at += 2;
      }
      at += 2;  // data reference index
      uint64_t base = 0;
      uint16_t extent_count = 0;
      if (!ReadSized(b, &at, base_size, &base) || !b.U16BE(at, &extent_count)) {
        return Bad("heif: truncated iloc");
      }
      at += 2;
      Item* item = Find(id);
      if (item == nullptr) return Bad("heif: too many items");
      item->construction = method & 0x0F;
      item->base_offset = base;
      extents_read += extent_count;
      if (extents_read > kMaxExtentsRead) return Bad("heif: too many extents");
      for (uint16_t e = 0; e < extent_count; ++e) {
        uint64_t index = 0;
        Extent extent;
        if (!ReadSized(b, &at, index_size, &index) ||
            !ReadSized(b, &at, offset_size, &extent.offset) ||
            !ReadSized(b, &at, length_size, &extent.length)) {
          return Bad("heif: truncated iloc");
        }
        if (item->extents.size() < kMaxExtents) item->extents.push_back(extent);
      }
    }
  }

  void ReadReferences(Bytes b) {
    BoxReader boxes(b.From(4));
    Box box;
    while (boxes.Next(&box)) {
      if (box.type == "thmb") out_->AddThumbnail("heif:thmb");
    }
  }

  // The item's bytes, or empty with a warning when they lie outside the file.
  std::string ItemData(const Item& item) {
    Bytes source;
    if (item.construction == 0) {
      source = file_;
    } else if (item.construction == 1) {
      source = idat_;
    } else {
      Bad("heif: unsupported item construction");
      return std::string();
    }
    std::string data;
    for (const Extent& e : item.extents) {
      const uint64_t start = item.base_offset + e.offset;
      uint64_t length = e.length;
      if (length == 0)
        length = source.size() - std::min<uint64_t>(start, source.size());
      if (start > source.size() || length > source.size() - start ||
          data.size() + length > kMaxItemBytes) {
        Bad("heif: item data outside the file");
        return std::string();
      }
      data.append(
          source.Sub(static_cast<size_t>(start), static_cast<size_t>(length))
              .AsString());
    }
    return data;
  }

  void ReadExifItem(const Item& item) {
    const std::string data = ItemData(item);
    const Bytes bytes(data);
    uint32_t header_offset = 0;
    if (!bytes.U32BE(0, &header_offset) || !bytes.Contains(4, header_offset)) {
      return Bad("heif: bad Exif item");
    }
    ParseExif(SkipExifPrefix(bytes.From(4 + size_t{header_offset})), out_);
  }

  void ReadXmpItem(const Item& item) { ParseXmp(ItemData(item), out_); }

  Bytes file_;
  ImageMetadata* out_;
  Bytes idat_;
  std::vector<Item> items_;
};

bool IsHeifBrand(std::string_view brand) {
  static constexpr std::string_view kBrands[] = {
      "heic", "heix", "heim", "heis", "hevc", "hevx",
      "mif1", "mif2", "msf1", "avif", "avis", "avio"};
  return std::any_of(std::begin(kBrands), std::end(kBrands),
                     [brand](std::string_view b) { return brand == b; });
}

}  // namespace

bool IsHeif(Bytes file) {
  uint32_t size = 0;
  if (!file.U32BE(0, &size) || file.Sub(4, 4).AsString() != "ftyp" ||
      size < 16 || size > file.size() || size > 4096) {
    return false;
  }
  if (IsHeifBrand(file.Sub(8, 4).AsString())) return true;
  for (size_t at = 16; at + 4 <= size; at += 4) {
    if (IsHeifBrand(file.Sub(at, 4).AsString())) return true;
  }
  return false;
}

absl::Status ReadHeifMetadata(Bytes file, ImageMetadata* out) {
  if (!IsHeif(file)) return absl::InvalidArgumentError("not a HEIF file");
  out->container = Container::kHeif;
  BoxReader top(file);
  Box box;
  while (top.Next(&box)) {
    if (box.type == "meta") {
      HeifReader(file, out).Read(box.body);
      return absl::OkStatus();
    }
  }
  out->Warn("heif: no meta box");
  return absl::OkStatus();
}

}  // namespace vigie::image
