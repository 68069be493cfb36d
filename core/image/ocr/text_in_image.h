// Text read in a photo (the words an OCR engine found: tesseract.js in the
// extension) turned into findings by the pack's `text` image rules:
//
//  - the words read with confidence (>= the rule's min_confidence) make one
//    text, lines joined by spaces (tesseract splits a label into blocks: its
//    name and its ward must still meet; punctuation still ends sentences),
//    that goes through the SAME text analysis as the post (the engine's text
//    rules); each text finding keeps its rule, category and severity, quotes
//    the lines it was read on (« DUPONT Jeanne née le… ») and points at the
//    union of the boxes of the words it covers;
//  - readable text that no text rule flags gives one `info` (the rule's
//    `message`, {text} = what was read) so the user checks it;
//  - words seen with low confidence are never used as text: they give one
//    `info` (`message_unsure`) with their regions, and no words.
//
// The host runs the OCR; this code never sees pixels. Linear in the words.
#ifndef VIGIE_CORE_IMAGE_OCR_TEXT_IN_IMAGE_H_
#define VIGIE_CORE_IMAGE_OCR_TEXT_IN_IMAGE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/engine.h"
#include "core/image/image_findings.h"
#include "nlohmann/json.hpp"

namespace vigie::ocr {

// Caps on what a host may pass (a page can put any picture in front of us).
inline constexpr size_t kMaxWords = 20000;
inline constexpr size_t kMaxWordBytes = 256;

struct Region {
  int x = 0;
  int y = 0;
  int w = 0;
  int h = 0;
};

// One recognised word, in reading order.
struct Word {
  std::string text;       // UTF-8
  double confidence = 0;  // 0-100, as tesseract gives it
  Region box;             // picture pixels
  // Words of one text line share it; a different value starts a new line.
  int line = 0;
};

struct TextFinding {
  image::ImageFinding finding;
  std::vector<Region> regions;  // picture pixels
};

// Reads [{"text", "confidence", "x", "y", "w", "h", "line"}].
// Errors name the JSON pointer of the fault ("/3/confidence: expected a
// number in [0, 100]").
absl::StatusOr<std::vector<Word>> WordsFromJson(const nlohmann::json& words);

// The findings of the `text` rules of `engine`'s pack for `words`, the text
// analysed in `context` (platform, affiliation) like a post.
std::vector<TextFinding> TextInImageFindings(const Engine& engine,
                                             const AnalysisContext& context,
                                             const std::vector<Word>& words);

// FindingToJson plus "regions": [{"x", "y", "w", "h"}].
nlohmann::json TextFindingToJson(const TextFinding& finding);

}  // namespace vigie::ocr

#endif  // VIGIE_CORE_IMAGE_OCR_TEXT_IN_IMAGE_H_
