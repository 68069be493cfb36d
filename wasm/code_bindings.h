// Barcodes and 2D codes for the bindings: the extension decodes them with
// zxing-wasm (its own module, beside the engine) and passes what it read;
// engines turn them into findings with their own pack (bindings.cc:
// engine.codeFindings).

#ifndef VIGIE_WASM_CODE_BINDINGS_H_
#define VIGIE_WASM_CODE_BINDINGS_H_

#include <emscripten/val.h>

#include "core/image/image_findings.h"
#include "core/image/image_rules.h"

namespace vigie::codes {

using emscripten::val;

// `codes`: [{format, text, x, y, w, h}] (picture pixels; other fields are
// ignored, so zxing-wasm's results with a box added will do). Returns
// {findings} with `rules` and `analyzer` (core/image/codes/code_findings.h),
// or {error} naming the faulty field ("codes/0/text: expected a string").
val CodeFindingsFromJs(const val& codes, const image::ImageRules& rules,
                       const image::TextAnalyzer& analyzer);

}  // namespace vigie::codes

#endif  // VIGIE_WASM_CODE_BINDINGS_H_
