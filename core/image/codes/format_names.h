// Names of barcode and 2D code formats as the decoders spell them (zxing-wasm
// 3: "EAN13", "DataMatrix"; libzxing 1.4: "EAN-13", "DataMatrix"), made one.
// Header only: the image rules' validator (vigie_image_core) checks a codes
// rule's `formats` with it, and vigie_codes names formats in findings.
#ifndef VIGIE_CORE_IMAGE_CODES_FORMAT_NAMES_H_
#define VIGIE_CORE_IMAGE_CODES_FORMAT_NAMES_H_

#include <cctype>
#include <string>
#include <string_view>

namespace vigie::codes {
namespace format_names_internal {

// Lower-case letters and digits only: "EAN-13", "ean13", "EAN_13" are one.
inline std::string FormatKey(std::string_view format) {
  std::string key;
  for (const char c : format) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return key;
}

struct FormatName {
  const char* key;  // FormatKey of a name some decoder uses
  const char* display;
};
inline constexpr FormatName kFormats[] = {
    {"qrcode", "QR Code"},
    {"qrcodemodel1", "QR Code"},
    {"qrcodemodel2", "QR Code"},
    {"microqrcode", "Micro QR Code"},
    {"rmqrcode", "rMQR Code"},
    {"datamatrix", "Data Matrix"},
    {"aztec", "Aztec"},
    {"azteccode", "Aztec"},
    {"pdf417", "PDF417"},
    {"compactpdf417", "PDF417"},
    {"micropdf417", "MicroPDF417"},
    {"maxicode", "MaxiCode"},
    {"ean13", "EAN-13"},
    {"ean8", "EAN-8"},
    {"upca", "UPC-A"},
    {"upce", "UPC-E"},
    {"isbn", "ISBN"},
    {"code128", "Code 128"},
    {"code39", "Code 39"},
    {"code39std", "Code 39"},
    {"code39ext", "Code 39"},
    {"code93", "Code 93"},
    {"codabar", "Codabar"},
    {"itf", "ITF"},
    {"itf14", "ITF-14"},
    {"databar", "DataBar"},
    {"databaromni", "DataBar"},
    {"databarexpanded", "DataBar Expanded"},
    {"databarexp", "DataBar Expanded"},
    {"databarlimited", "DataBar Limited"},
    {"databarltd", "DataBar Limited"},
};

inline const char* KnownDisplayName(std::string_view format) {
  const std::string key = FormatKey(format);
  for (const FormatName& f : kFormats) {
    if (key == f.key) return f.display;
  }
  return nullptr;
}

}  // namespace format_names_internal

// Whether `format` names a format both decoders' users may list in a rule.
inline bool IsKnownFormat(std::string_view format) {
  return format_names_internal::KnownDisplayName(format) != nullptr;
}

// A decoder's format name as shown to users ("QRCode" gives "QR Code",
// "EAN13" gives "EAN-13"); unknown names are kept.
inline std::string FormatDisplayName(const std::string& format) {
  const char* known = format_names_internal::KnownDisplayName(format);
  return known != nullptr ? known : format;
}

// Whether two names are the same format ("EAN-13" and "EAN13" are).
inline bool SameFormat(std::string_view a, std::string_view b) {
  const char* known_a = format_names_internal::KnownDisplayName(a);
  const char* known_b = format_names_internal::KnownDisplayName(b);
  if (known_a != nullptr || known_b != nullptr) {
    return known_a != nullptr && known_b != nullptr &&
           std::string_view(known_a) == known_b;
  }
  return format_names_internal::FormatKey(a) ==
         format_names_internal::FormatKey(b);
}

}  // namespace vigie::codes

#endif  // VIGIE_CORE_IMAGE_CODES_FORMAT_NAMES_H_
