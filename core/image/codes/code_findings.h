// Turns barcodes and 2D codes decoded in a photo into findings with the
// pack's `codes` image rules. Decoding is the host's business (zxing-wasm in
// the extension, libzxing in the CLI); both pass what they read here, so the
// findings are the same whatever decoded the picture.
//
// Each code is claimed by the first `codes` rule whose `formats` include its
// format (a rule without `formats` takes any). It then gives:
//  - one finding of that rule, with the code's region; its severity becomes
//    "critical" when the content looks like a patient identifier: it matches
//    the rule's `identifier_pattern`, or the text rules find something
//    critical in it (NIR, IPP with its label...);
//  - the text rules' findings on its content, each with the text rule's
//    category and severity, the code's region and the rule's `prefix`.
#ifndef VIGIE_CORE_IMAGE_CODES_CODE_FINDINGS_H_
#define VIGIE_CORE_IMAGE_CODES_CODE_FINDINGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/image/codes/format_names.h"
#include "core/image/image_findings.h"
#include "core/image/image_rules.h"
#include "nlohmann/json.hpp"

namespace vigie::codes {

// Bounds on what a host may pass (zxing stops at 255 symbols; a QR code holds
// at most about 3 KB of text).
inline constexpr size_t kMaxCodes = 256;
inline constexpr size_t kMaxFormatBytes = 64;
inline constexpr size_t kMaxContentBytes = 8192;
// Longest excerpt of a code's content quoted in a message ({content}).
inline constexpr size_t kMaxQuotedBytes = 120;

struct DecodedCode {
  std::string format;  // as the decoder names it: "QRCode", "EAN-13", "EAN13"
  std::string text;    // the content, as the decoder gives it
  // Axis-aligned box around the code, in picture pixels.
  double x = 0;
  double y = 0;
  double w = 0;
  double h = 0;
};

struct CodeFinding {
  image::ImageFinding finding;
  DecodedCode code;  // the code it is about: its box is the region
};

// Reads [{"format", "text", "x", "y", "w", "h"}, ...] (other fields are
// ignored). Errors name the JSON pointer: "/2/text: expected a string".
absl::StatusOr<std::vector<DecodedCode>> CodesFromJson(
    const nlohmann::json& codes);

// The findings of `codes` under the `codes` rules of `rules`, code by code
// (each code's own finding first, then its text findings). `analyzer` may be
// empty: then no text analysis and no text-based identifier.
std::vector<CodeFinding> CodeFindings(const image::ImageRules& rules,
                                      const std::vector<DecodedCode>& codes,
                                      const image::TextAnalyzer& analyzer);

// FindingToJson plus "regions": [{"x", "y", "w", "h"}] (pixels, rounded) and
// "format" (the display name, "QR Code", "EAN-13").
nlohmann::json CodeFindingToJson(const CodeFinding& finding);

}  // namespace vigie::codes

#endif  // VIGIE_CORE_IMAGE_CODES_CODE_FINDINGS_H_
