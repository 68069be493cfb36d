// Turns bytes of unknown encoding from a file into clean UTF-8 text.
#ifndef VIGIE_CORE_IMAGE_TEXT_SANITIZE_H_
#define VIGIE_CORE_IMAGE_TEXT_SANITIZE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace vigie::image {

// Valid UTF-8 sequences are kept; any other byte is read as Latin-1. Control
// characters other than tab and newline become spaces; NULs end the text;
// leading and trailing spaces are trimmed; the result is cut (on a character
// boundary) to at most max_bytes.
std::string SanitizeText(std::string_view raw, size_t max_bytes);

// UCS-2/UTF-16 little-endian (Windows XP* tags), same cleaning.
std::string Utf16LeToUtf8(std::string_view raw, size_t max_bytes);

// SanitizeText, or "" when the text holds no letter or digit (any non-ASCII
// character counts): cameras fill fields they do not know with "--" or "?",
// which say nothing about the photo.
std::string SanitizeValue(std::string_view raw, size_t max_bytes);

// UTF-16 big-endian (EXIF UserComment "UNICODE" is in the file's byte order).
std::string Utf16ToUtf8(std::string_view raw, bool big_endian,
                        size_t max_bytes);

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_TEXT_SANITIZE_H_
