// Connects the image rules to the text engine: metadata names and captions
// are analysed like a post.
#ifndef VIGIE_CORE_IMAGE_ENGINE_TEXT_ANALYZER_H_
#define VIGIE_CORE_IMAGE_ENGINE_TEXT_ANALYZER_H_

#include "core/engine.h"
#include "core/image/image_findings.h"

namespace vigie::image {

// A TextAnalyzer that runs `engine` (which must outlive it) in `context`.
// Findings are copied out of the engine's pack; offsets are dropped.
TextAnalyzer EngineTextAnalyzer(const Engine& engine, AnalysisContext context);

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_ENGINE_TEXT_ANALYZER_H_
