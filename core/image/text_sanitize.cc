#include "core/image/text_sanitize.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "core/text.h"

namespace vigie::image {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one.
size_t ValidSequenceLength(std::string_view s, size_t i, uint32_t* cp) {
  const auto b = [&](size_t k) { return static_cast<uint8_t>(s[i + k]); };
  const uint8_t c = b(0);
  size_t len = 0;
  uint32_t value = 0;
  uint32_t min = 0;
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if ((c & 0xE0) == 0xC0) {
    len = 2, value = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, value = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, value = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    value = value << 6 | (b(k) & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return 0;
  }
  *cp = value;
  return len;
}

// Appends one code point, cleaned; returns false when the text must end.
bool AppendClean(uint32_t cp, std::string* out) {
  if (cp == 0) return false;
  if (cp == '\r') cp = '\n';
  if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp < 0xA0) ||
      cp == 0xFEFF || cp == 0xFFFD) {
    cp = ' ';
  }
  AppendUtf8(static_cast<char32_t>(cp), out);
  return true;
}

std::string Finish(std::string text, size_t max_bytes) {
  size_t begin = 0;
  while (begin < text.size() &&
         (text[begin] == ' ' || text[begin] == '\n' || text[begin] == '\t')) {
    ++begin;
  }
  size_t end = text.size();
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\n' ||
                         text[end - 1] == '\t')) {
    --end;
  }
  text = text.substr(begin, end - begin);
  if (text.size() > max_bytes) {
    size_t cut = max_bytes;
    while (cut > 0 && (static_cast<uint8_t>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
  }
  return text;
}

}  // namespace

std::string SanitizeText(std::string_view raw, size_t max_bytes) {
  std::string out;
  out.reserve(raw.size() < max_bytes ? raw.size() : max_bytes);
  size_t i = 0;
  while (i < raw.size() && out.size() < max_bytes + 4) {
    uint32_t cp = 0;
    size_t len = ValidSequenceLength(raw, i, &cp);
    if (len == 0) {
      cp = static_cast<uint8_t>(raw[i]);  // Latin-1
      len = 1;
    }
    if (!AppendClean(cp, &out)) break;
    i += len;
  }
  return Finish(std::move(out), max_bytes);
}

std::string Utf16ToUtf8(std::string_view raw, bool big_endian,
                        size_t max_bytes) {
  std::string out;
  size_t i = 0;
  const auto unit = [&](size_t at) -> uint32_t {
    const auto a = static_cast<uint8_t>(raw[at]);
    const auto b = static_cast<uint8_t>(raw[at + 1]);
    return big_endian ? (a << 8 | b) : (b << 8 | a);
  };
  while (i + 1 < raw.size() && out.size() < max_bytes + 4) {
    uint32_t cp = unit(i);
    i += 2;
    if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < raw.size()) {
      const uint32_t low = unit(i);
      if (low >= 0xDC00 && low < 0xE000) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      }
    }
    if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;
    if (!AppendClean(cp, &out)) break;
  }
  return Finish(std::move(out), max_bytes);
}

std::string Utf16LeToUtf8(std::string_view raw, size_t max_bytes) {
  return Utf16ToUtf8(raw, /*big_endian=*/false, max_bytes);
}

std::string SanitizeValue(std::string_view raw, size_t max_bytes) {
  std::string text = SanitizeText(raw, max_bytes);
  const bool says_something = std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x80 || std::isalnum(byte) != 0;
  });
  return says_something ? text : std::string();
}

}  // namespace vigie::image
