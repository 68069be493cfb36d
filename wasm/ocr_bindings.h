// Text read in a photo for the bindings: the host (tesseract.js in the
// extension, the eval in Node) passes the words it recognised; each engine
// reads them with its own pack's `text` rules (bindings.cc:
// engine.textInImageFindings).

#ifndef VIGIE_WASM_OCR_BINDINGS_H_
#define VIGIE_WASM_OCR_BINDINGS_H_

#include <emscripten/val.h>

#include "core/engine.h"

namespace vigie::ocr {

using emscripten::val;

// `words`: [{text, confidence (0-100), x, y, w, h, line}] in picture pixels,
// in reading order. {findings} (each with "regions"), or {error} naming the
// JSON pointer of a malformed word; never throws.
val TextInImageFindings(const Engine& engine, const AnalysisContext& context,
                        const val& words);

}  // namespace vigie::ocr

#endif  // VIGIE_WASM_OCR_BINDINGS_H_
