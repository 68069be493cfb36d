#include "core/image/ocr/text_in_image.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "core/image/text_sanitize.h"
#include "core/text.h"

namespace vigie::ocr {
namespace {

using nlohmann::json;

// Quotes stop here (on a character boundary) and end with "…".
constexpr size_t kMaxQuoteBytes = 72;
// Readable text counts once it holds this many letters or digits: a lone
// "|" or "—" read in a photo of a wall is not text anyone can read.
constexpr size_t kMinReadableChars = 3;
// A low-confidence word counts as possibly readable text only with this
// many letters or digits: tesseract reads textures as short "words".
constexpr size_t kMinUnsureWordChars = 3;

size_t WordChars(std::string_view text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size();) {
    char32_t cp = 0;
    pos += DecodeUtf8(text, pos, &cp);
    if (IsWordCodePoint(cp)) ++count;
  }
  return count;
}

Region Union(const Region& a, const Region& b) {
  const int x = std::min(a.x, b.x);
  const int y = std::min(a.y, b.y);
  return {x, y, std::max(a.x + a.w, b.x + b.w) - x,
          std::max(a.y + a.h, b.y + b.h) - y};
}

// One region per text line of `words` (each the union of its words' boxes).
std::vector<Region> LineRegions(const std::vector<const Word*>& words) {
  std::vector<Region> out;
  const Word* previous = nullptr;
  for (const Word* w : words) {
    if (previous != nullptr && previous->line == w->line) {
      out.back() = Union(out.back(), w->box);
    } else {
      out.push_back(w->box);
    }
    previous = w;
  }
  return out;
}

std::string Quote(std::string_view text) {
  std::string out(text);
  if (out.size() <= kMaxQuoteBytes) return out;
  out.resize(TruncateAtCodePoint(out, kMaxQuoteBytes));
  // End on a whole word unless that loses more than half the quote.
  if (const size_t space = out.rfind(' ');
      space != std::string::npos && space > kMaxQuoteBytes / 2) {
    out.resize(space);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "…";
}

std::string WithText(std::string pattern, const std::string& text) {
  const std::string placeholder = "{text}";
  for (size_t at = pattern.find(placeholder); at != std::string::npos;
       at = pattern.find(placeholder, at + text.size())) {
    pattern.replace(at, placeholder.size(), text);
  }
  return pattern;
}

int SeverityRank(std::string_view s) {
  return s == "critical" ? 2 : s == "warning" ? 1 : 0;
}

// The text read with confidence: words and lines joined by spaces, with
// each word's byte range in it and the byte range of its line.
struct ReadText {
  std::string text;
  std::vector<const Word*> words;
  std::vector<size_t> starts;       // byte offset of each word in `text`
  std::vector<size_t> line_starts;  // where each word's line starts
  std::vector<size_t> line_ends;    // and ends
};

ReadText Read(const std::vector<const Word*>& words) {
  ReadText read;
  size_t line_start = 0;
  for (const Word* w : words) {
    if (!read.words.empty()) {
      read.text += ' ';
      if (read.words.back()->line != w->line) line_start = read.text.size();
    }
    read.words.push_back(w);
    read.starts.push_back(read.text.size());
    read.line_starts.push_back(line_start);
    read.text += w->text;
  }
  // Each word's line ends where the line's last word ends.
  read.line_ends.resize(read.words.size());
  for (size_t i = read.words.size(); i-- > 0;) {
    const bool last = i + 1 == read.words.size() ||
                      read.words[i + 1]->line != read.words[i]->line;
    read.line_ends[i] = last ? read.starts[i] + read.words[i]->text.size()
                             : read.line_ends[i + 1];
  }
  return read;
}

// The lines a span of words was read on, from the start of its first line
// to the end of its last.
std::string_view LinesOf(const ReadText& read, size_t first, size_t last) {
  const size_t begin = read.line_starts[first];
  return std::string_view(read.text).substr(begin,
                                            read.line_ends[last] - begin);
}

image::ImageFinding RuleFinding(const image::ImageRule& rule,
                                const std::string& message,
                                const std::string& message_en,
                                const std::string& quote) {
  image::ImageFinding f;
  f.rule = rule.id;
  f.category = rule.category;
  f.severity = rule.severity;
  f.message = WithText(message, quote);
  f.message_en = WithText(message_en, quote);
  f.guide = rule.guide;
  f.guide_url = rule.guide_url;
  f.suggestion = WithText(rule.suggestion, quote);
  f.suggestion_en = WithText(rule.suggestion_en, quote);
  f.score = rule.score;
  f.source = "ocr";
  return f;
}

// What the text rules find in `read`, merged by text rule (the most severe
// occurrence speaks, every occurrence's region is kept).
std::vector<TextFinding> AnalyseRead(const Engine& engine,
                                     const AnalysisContext& context,
                                     const image::ImageRule& rule,
                                     const ReadText& read) {
  std::map<std::string, TextFinding> merged;
  std::vector<std::string> order;
  for (const Finding& f : engine.Analyze(read.text, context)) {
    if (f.rule == kTruncationRule) continue;
    // Words whose bytes overlap [byte_start, byte_end).
    const auto after =
        std::upper_bound(read.starts.begin(), read.starts.end(), f.byte_start);
    size_t first = after == read.starts.begin()
                       ? 0
                       : static_cast<size_t>(after - read.starts.begin()) - 1;
    if (read.starts[first] + read.words[first]->text.size() <= f.byte_start &&
        first + 1 < read.words.size()) {
      ++first;  // the span starts on the separator after `first`
    }
    size_t last = first;
    Region box = read.words[first]->box;
    while (last + 1 < read.words.size() && read.starts[last + 1] < f.byte_end) {
      ++last;
      box = Union(box, read.words[last]->box);
    }
    const std::string quote = Quote(LinesOf(read, first, last));
    TextFinding out;
    image::ImageFinding& g = out.finding;
    g.rule = std::string(f.rule);
    g.category = std::string(f.category);
    g.severity = std::string(SeverityName(f.severity));
    g.message = WithText(rule.prefix, quote) + std::string(f.message);
    g.message_en = WithText(rule.prefix_en, quote) + std::string(f.message_en);
    g.guide = std::string(f.guide);
    g.guide_url = std::string(f.guide_url);
    g.suggestion = std::string(f.suggestion);
    g.suggestion_en = std::string(f.suggestion_en);
    g.score = f.score;
    g.source = "ocr";
    out.regions.push_back(box);
    auto it = merged.find(g.rule);
    if (it == merged.end()) {
      order.push_back(g.rule);
      merged.emplace(g.rule, std::move(out));
      continue;
    }
    TextFinding& kept = it->second;
    const int rank = SeverityRank(g.severity);
    const int kept_rank = SeverityRank(kept.finding.severity);
    std::vector<Region> regions = std::move(kept.regions);
    regions.push_back(box);
    if (rank > kept_rank ||
        (rank == kept_rank && g.score > kept.finding.score)) {
      kept.finding = std::move(g);
    }
    kept.regions = std::move(regions);
  }
  std::vector<TextFinding> out;
  for (const std::string& id : order) out.push_back(std::move(merged[id]));
  return out;
}

absl::Status WordError(size_t index, const char* key, std::string_view what) {
  return absl::InvalidArgumentError("/" + std::to_string(index) + "/" + key +
                                    ": " + std::string(what));
}

absl::Status GetInt(const json& word, size_t index, const char* key, int min,
                    int* out) {
  const auto it = word.find(key);
  if (it == word.end()) return WordError(index, key, "missing required field");
  if (!it->is_number()) return WordError(index, key, "expected a number");
  const double v = it->get<double>();
  // Pixels of a picture the browser could decode fit well within this.
  if (!std::isfinite(v) || v < min || v > 1e6) {
    return WordError(index, key, "out of range");
  }
  *out = static_cast<int>(std::lround(v));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<Word>> WordsFromJson(const json& words) {
  if (!words.is_array()) {
    return absl::InvalidArgumentError(": expected an array of words");
  }
  if (words.size() > kMaxWords) {
    return absl::InvalidArgumentError(": too many words (at most " +
                                      std::to_string(kMaxWords) + ")");
  }
  std::vector<Word> out;
  out.reserve(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    const json& j = words[i];
    if (!j.is_object()) {
      return absl::InvalidArgumentError("/" + std::to_string(i) +
                                        ": expected an object");
    }
    Word w;
    const auto text = j.find("text");
    if (text == j.end() || !text->is_string()) {
      return WordError(i, "text", "expected a string");
    }
    w.text = image::SanitizeText(text->get<std::string>(), kMaxWordBytes);
    for (char& c : w.text) {
      if (c == '\n' || c == '\t') c = ' ';
    }
    const auto confidence = j.find("confidence");
    if (confidence == j.end() || !confidence->is_number() ||
        !std::isfinite(confidence->get<double>()) ||
        confidence->get<double>() < 0 || confidence->get<double>() > 100) {
      return WordError(i, "confidence", "expected a number in [0, 100]");
    }
    w.confidence = confidence->get<double>();
    for (const auto& [key, value, min] :
         {std::tuple{"x", &w.box.x, 0}, std::tuple{"y", &w.box.y, 0},
          std::tuple{"w", &w.box.w, 0}, std::tuple{"h", &w.box.h, 0},
          std::tuple{"line", &w.line, 0}}) {
      if (absl::Status s = GetInt(j, i, key, min, value); !s.ok()) return s;
    }
    out.push_back(std::move(w));
  }
  return out;
}

std::vector<TextFinding> TextInImageFindings(const Engine& engine,
                                             const AnalysisContext& context,
                                             const std::vector<Word>& words) {
  std::vector<TextFinding> out;
  for (const image::ImageRule& rule : engine.pack().image.rules) {
    if (rule.kind != image::ImageRuleKind::kText) continue;
    std::vector<const Word*> sure;
    std::vector<const Word*> unsure;
    size_t readable_chars = 0;
    for (const Word& w : words) {
      const size_t chars = WordChars(w.text);
      if (w.text.empty()) continue;
      if (w.confidence >= rule.min_confidence) {
        sure.push_back(&w);
        readable_chars += chars;
      } else if (chars >= kMinUnsureWordChars) {
        unsure.push_back(&w);
      }
    }
    if (readable_chars >= kMinReadableChars) {
      const ReadText read = Read(sure);
      std::vector<TextFinding> found = AnalyseRead(engine, context, rule, read);
      if (found.empty()) {
        TextFinding readable;
        readable.finding =
            RuleFinding(rule, rule.message, rule.message_en, Quote(read.text));
        readable.regions = LineRegions(sure);
        found.push_back(std::move(readable));
      }
      for (TextFinding& f : found) out.push_back(std::move(f));
    }
    if (!unsure.empty()) {
      TextFinding maybe;
      maybe.finding =
          RuleFinding(rule, rule.message_unsure, rule.message_unsure_en, "");
      maybe.finding.rule = rule.id + ".incertain";
      maybe.finding.severity = "info";
      maybe.regions = LineRegions(unsure);
      out.push_back(std::move(maybe));
    }
  }
  return out;
}

json TextFindingToJson(const TextFinding& f) {
  json j = image::FindingToJson(f.finding);
  json regions = json::array();
  for (const Region& r : f.regions) {
    regions.push_back({{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}});
  }
  j["regions"] = std::move(regions);
  return j;
}

}  // namespace vigie::ocr
