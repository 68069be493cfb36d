#include "core/image/metadata.h"

#include <algorithm>
#include <utility>

#include "core/image/text_sanitize.h"

namespace vigie::image {

const char* ContainerName(Container c) {
  switch (c) {
    case Container::kJpeg:
      return "jpeg";
    case Container::kPng:
      return "png";
    case Container::kWebp:
      return "webp";
    case Container::kHeif:
      return "heif";
    case Container::kUnknown:
      break;
  }
  return "unknown";
}

void ImageMetadata::AddText(TextKind kind, std::string source,
                            std::string_view raw) {
  std::string value = SanitizeValue(raw, kMaxTextBytes);
  if (value.empty()) return;
  if (text_count() >= kMaxTextEntries) {
    Warn("too many text values; the rest were skipped");
    return;
  }
  std::vector<TextValue>* list = nullptr;
  switch (kind) {
    case TextKind::kName:
      list = &names;
      break;
    case TextKind::kCaption:
      list = &captions;
      break;
    case TextKind::kDate:
      list = &dates;
      break;
    case TextKind::kDevice:
      list = &devices;
      break;
    case TextKind::kSoftware:
      list = &software;
      break;
  }
  source = SanitizeText(source, 128);  // PNG keywords come from the file
  for (const TextValue& existing : *list) {
    if (existing.source == source && existing.value == value) return;
  }
  list->push_back(TextValue{std::move(source), std::move(value)});
}

void ImageMetadata::AddBlock(std::string_view block) {
  if (std::find(blocks.begin(), blocks.end(), block) == blocks.end() &&
      blocks.size() < kMaxTextEntries) {
    blocks.emplace_back(block);
  }
}

void ImageMetadata::AddThumbnail(std::string_view where) {
  if (std::find(thumbnails.begin(), thumbnails.end(), where) ==
          thumbnails.end() &&
      thumbnails.size() < kMaxTextEntries) {
    thumbnails.emplace_back(where);
  }
}

void ImageMetadata::Warn(std::string message) {
  if (warnings.size() >= kMaxWarnings) return;
  if (std::find(warnings.begin(), warnings.end(), message) != warnings.end()) {
    return;
  }
  warnings.push_back(std::move(message));
}

}  // namespace vigie::image
