#include "core/image/iptc.h"

#include <string>

#include "core/image/xmp.h"

namespace vigie::image {
namespace {

constexpr int kMaxResources = 1024;
constexpr int kMaxDatasets = 4096;

struct Dataset {
  uint8_t number;
  TextKind kind;
  const char* name;
};

constexpr Dataset kRecord2[] = {
    {5, TextKind::kCaption, "ObjectName"},
    {25, TextKind::kCaption, "Keywords"},
    {55, TextKind::kDate, "DateCreated"},
    {60, TextKind::kDate, "TimeCreated"},
    {80, TextKind::kName, "By-line"},
    {85, TextKind::kName, "By-lineTitle"},
    {90, TextKind::kCaption, "City"},
    {92, TextKind::kCaption, "Sub-location"},
    {105, TextKind::kCaption, "Headline"},
    {110, TextKind::kName, "Credit"},
    {115, TextKind::kName, "Source"},
    {116, TextKind::kName, "CopyrightNotice"},
    {118, TextKind::kName, "Contact"},
    {120, TextKind::kCaption, "Caption-Abstract"},
    {122, TextKind::kName, "Writer-Editor"},
};

}  // namespace

void ParseIptc(Bytes iim, ImageMetadata* out) {
  out->AddBlock("iptc");
  size_t at = 0;
  for (int n = 0; n < kMaxDatasets; ++n) {
    uint8_t marker = 0;
    uint8_t record = 0;
    uint8_t dataset = 0;
    uint16_t size = 0;
    if (!iim.U8(at, &marker)) return;  // clean end
    if (marker != 0x1C || !iim.U8(at + 1, &record) ||
        !iim.U8(at + 2, &dataset) || !iim.U16BE(at + 3, &size)) {
      if (marker != 0) out->Warn("iptc: bad dataset");
      return;
    }
    at += 5;
    size_t length = size;
    if (size & 0x8000) {  // extended dataset: the next (size & 0x7FFF) bytes
      const size_t count = size & 0x7FFF;
      if (count == 0 || count > 4 || !iim.Contains(at, count)) {
        out->Warn("iptc: bad extended dataset");
        return;
      }
      length = 0;
      for (size_t i = 0; i < count; ++i) length = length << 8 | iim[at + i];
      at += count;
    }
    if (!iim.Contains(at, length)) {
      out->Warn("iptc: truncated dataset");
      return;
    }
    if (record == 2) {
      for (const Dataset& d : kRecord2) {
        if (d.number == dataset) {
          out->AddText(d.kind, std::string("iptc:") + d.name,
                       iim.Sub(at, length).AsString());
        }
      }
    }
    at += length;
  }
  out->Warn("iptc: too many datasets");
}

void ParsePhotoshopResources(Bytes irb, ImageMetadata* out) {
  size_t at = 0;
  for (int n = 0; n < kMaxResources; ++n) {
    if (at >= irb.size()) return;
    if (!irb.Sub(at, 4).StartsWith("8BIM")) {
      out->Warn("photoshop: bad resource signature");
      return;
    }
    uint16_t id = 0;
    uint8_t name_length = 0;
    if (!irb.U16BE(at + 4, &id) || !irb.U8(at + 6, &name_length)) {
      out->Warn("photoshop: truncated resource");
      return;
    }
    size_t name_total = 1 + size_t{name_length};
    if (name_total % 2 != 0) ++name_total;  // padded to even
    const size_t size_at = at + 6 + name_total;
    uint32_t size = 0;
    if (!irb.U32BE(size_at, &size) || !irb.Contains(size_at + 4, size)) {
      out->Warn("photoshop: truncated resource");
      return;
    }
    const Bytes data = irb.Sub(size_at + 4, size);
    if (id == 0x0404) {
      ParseIptc(data, out);
    } else if (id == 0x0409 || id == 0x040C) {
      out->AddThumbnail("photoshop");
    } else if (id == 0x0424) {
      ParseXmp(data.AsString(), out);
    }
    at = size_at + 4 + size + (size % 2);
  }
  out->Warn("photoshop: too many resources");
}

}  // namespace vigie::image
