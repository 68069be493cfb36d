#include "core/image/engine_text_analyzer.h"

#include <string>
#include <vector>

namespace vigie::image {

TextAnalyzer EngineTextAnalyzer(const Engine& engine, AnalysisContext context) {
  return [&engine, context](std::string_view text) {
    std::vector<ImageFinding> out;
    for (const Finding& f : engine.Analyze(text, context)) {
      if (f.rule == kTruncationRule) continue;
      ImageFinding g;
      g.rule = std::string(f.rule);
      g.category = std::string(f.category);
      g.severity = std::string(SeverityName(f.severity));
      g.message = std::string(f.message);
      g.message_en = std::string(f.message_en);
      g.guide = std::string(f.guide);
      g.guide_url = std::string(f.guide_url);
      g.suggestion = std::string(f.suggestion);
      g.suggestion_en = std::string(f.suggestion_en);
      g.score = f.score;
      out.push_back(std::move(g));
    }
    return out;
  };
}

}  // namespace vigie::image
