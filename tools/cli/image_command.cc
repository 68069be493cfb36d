#include "tools/cli/image_command.h"

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/engine.h"
#include "core/image/bytes.h"
#include "core/image/codes/code_findings.h"
#include "core/image/codes/zxing_decoder.h"
#include "core/image/engine_text_analyzer.h"
#include "core/image/faces/blazeface.h"
#include "core/image/faces/decode_pixels.h"
#include "core/image/faces/face_findings.h"
#include "core/image/image_analysis.h"
#include "core/image/image_metadata.h"
#include "core/image/image_rules.h"
#include "nlohmann/json.hpp"
#include "tools/cli/cli_io.h"

namespace vigie::cli {
namespace {

constexpr char kUsage[] =
    R"(Usage: vigie image [--pack FILE] [--platform facebook|x|linkedin]
                   [--affiliated] [--face-model FILE] FILE...
       vigie image --strip IN -o OUT

Prints, for each photo (JPEG, PNG, WebP, HEIC, AVIF), one line of JSON:
  {"file": ..., "findings": [...], "metadata": {...}, "analyses": [...]}
findings as for text (start and end 0: they concern the whole file), from the
pack's image rules: GPS position inside a CHU site, any GPS position, dates,
device, embedded thumbnail, names and captions (also analysed as text), and
faces in the pixels (PNG and JPEG; "regions": [{"x","y","w","h","score"}] in
pixels of the picture as displayed, EXIF orientation applied), and barcodes
and 2D codes in the pixels (one finding per code with its "format" and one
region; the content also analysed as text, those findings with the code's
region). "analyses" says what ran ("metadata", "faces", "codes"); "skipped"
says why one did not.

Codes are read here with Debian's libzxing 1.4, at the photo's full size; the
extension reads them with zxing-wasm 3 at 1024 pixels on the longest side.
libzxing 1.4 cannot read some codes zxing-wasm reads: rMQR, MicroPDF417,
DataBar Limited, Telepen, Code 32/PZN and DX film edge symbols, nor ISBN as
its own format (read as EAN-13); it reads one linear barcode per photo (it
aborts on some photos with several) and boxes it as the 1-pixel scan line
that read it.

With --strip, writes to OUT the same image without its metadata, pixels
untouched (JPEG, PNG, WebP; HEIC/AVIF cannot be cleaned losslessly).

  --pack FILE       rule pack to use (default: the CHU de Nantes pack)
  --platform NAME   where the photo is posted: facebook, x or linkedin
  --affiliated      the author's profile shows the CHU affiliation
  --face-model FILE BlazeFace short- or full-range .tflite (default: the npm
                    package @mediapipe/face_detection's full range, the
                    extension's model, in node_modules; when the
                    default is missing, faces are skipped with a note)
Exit status: 0 on success (findings or not), 2 on bad input.
)";

struct ImageOptions {
  std::string pack;
  std::vector<std::string> files;
  AnalysisContext context;
  std::string strip_in;
  std::string strip_out;
  bool strip = false;
  std::string face_model;  // empty: the default, optional
};

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Parses the arguments; returns "" or the fault.
std::string ParseArgs(const std::vector<std::string>& args, ImageOptions* o) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--pack") {
      if (!TakeValue(args, &i, &o->pack)) return "--pack needs a file";
    } else if (a == "--platform") {
      std::string name;
      if (!TakeValue(args, &i, &name)) return "--platform needs a name";
      const std::optional<Platform> p = PlatformFromName(name);
      if (!p || name.empty()) {
        return "--platform must be facebook, x or linkedin";
      }
      o->context.platform = *p;
    } else if (a == "--face-model") {
      if (!TakeValue(args, &i, &o->face_model))
        return "--face-model needs a file";
    } else if (a == "--affiliated") {
      o->context.affiliated = true;
    } else if (a == "--strip") {
      o->strip = true;
      if (!TakeValue(args, &i, &o->strip_in)) return "--strip needs a file";
    } else if (a == "-o") {
      if (!TakeValue(args, &i, &o->strip_out)) return "-o needs a file";
    } else if (a.size() > 1 && a[0] == '-') {
      return "unknown option '" + a + "' (see vigie image --help)";
    } else {
      o->files.push_back(a);
    }
  }
  if (o->strip) {
    if (o->strip_out.empty()) return "--strip needs -o OUT";
    if (!o->files.empty()) return "--strip takes one input file";
    return "";
  }
  if (!o->strip_out.empty()) return "-o goes with --strip";
  if (o->files.empty()) return "no image file given (see vigie image --help)";
  return "";
}

int Strip(const ImageOptions& o) {
  absl::StatusOr<std::string> bytes = ReadFile(o.strip_in);
  if (!bytes.ok()) return BadInput(bytes.status().message());
  absl::StatusOr<std::string> clean =
      image::StripMetadata(image::Bytes(*bytes));
  if (!clean.ok()) {
    return BadInput(absl::StrCat(o.strip_in, ": ", clean.status().message()));
  }
  if (absl::Status s = WriteFile(o.strip_out, *clean); !s.ok()) {
    return BadInput(s.message());
  }
  return kExitOk;
}

// The face detector, or null with `skipped` saying why. A model named with
// --face-model must load; the default one may be missing.
absl::StatusOr<std::unique_ptr<faces::FaceDetector>> LoadFaceDetector(
    const ImageOptions& o, const image::ImageRules& rules,
    std::string* skipped) {
  if (faces::LowestFaceMinScore(rules) < 0) {
    *skipped = "the pack has no faces rule";
    return nullptr;
  }
  const std::string path =
      o.face_model.empty() ? VIGIE_FACE_MODEL : o.face_model;
  absl::StatusOr<std::string> model = ReadFile(path);
  if (!model.ok()) {
    if (!o.face_model.empty()) return model.status();
    *skipped = "face model not found: " + path;
    return nullptr;
  }
  auto detector = faces::FaceDetector::Create(image::Bytes(*model));
  if (!detector.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", detector.status().message()));
  }
  return detector;
}

// The picture as displayed (EXIF `orientation` applied), decoded once for
// the analyses of the pixels (faces, codes).
absl::StatusOr<faces::RgbaImage> UprightPixels(std::string_view bytes,
                                               int orientation) {
  absl::StatusOr<faces::RgbaImage> decoded = faces::DecodePixels(bytes);
  if (!decoded.ok()) return decoded.status();
  return faces::Upright(*decoded, orientation);
}

// Adds code findings (libzxing) to `line`; their content goes through the
// text rules. Regions are in the picture as displayed.
void AddCodes(const image::ImageRules& rules,
              const image::TextAnalyzer& analyzer,
              const absl::StatusOr<faces::RgbaImage>& pixels,
              nlohmann::json* line) {
  if (!pixels.ok()) {
    (*line)["skipped"]["codes"] = std::string(pixels.status().message());
    return;
  }
  const std::vector<codes::DecodedCode> read =
      codes::ReadCodes(pixels->pixels.data(), pixels->width, pixels->height);
  for (const codes::CodeFinding& f :
       codes::CodeFindings(rules, read, analyzer)) {
    (*line)["findings"].push_back(codes::CodeFindingToJson(f));
  }
  (*line)["analyses"].push_back("codes");
}

// Adds face findings to `line`, or says in "skipped" why there are none.
// Regions are in the picture as displayed (EXIF orientation applied).
void AddFaces(faces::FaceDetector* detector, const std::string& skipped,
              const image::ImageRules& rules,
              const absl::StatusOr<faces::RgbaImage>& upright,
              nlohmann::json* line) {
  const auto skip = [line](const std::string& why) {
    (*line)["skipped"]["faces"] = why;
  };
  if (detector == nullptr) return skip(skipped);
  if (!upright.ok()) return skip(std::string(upright.status().message()));
  const faces::RgbaImage& pixels = *upright;
  faces::FaceOptions options;
  options.min_score = static_cast<float>(faces::LowestFaceMinScore(rules));
  absl::StatusOr<std::vector<faces::Face>> found =
      detector->Detect(image::Bytes(pixels.pixels.data(), pixels.pixels.size()),
                       pixels.width, pixels.height, options);
  if (!found.ok()) return skip(std::string(found.status().message()));
  for (const faces::FaceFinding& f : faces::FaceFindings(rules, *found)) {
    (*line)["findings"].push_back(faces::FaceFindingToJson(f));
  }
  (*line)["analyses"].push_back("faces");
}

int Analyze(const ImageOptions& o) {
  absl::StatusOr<std::unique_ptr<Engine>> engine = LoadEngine(o.pack);
  if (!engine.ok()) return BadInput(engine.status().message());
  const image::ImageRules& rules = (*engine)->pack().image;
  std::string faces_skipped;
  absl::StatusOr<std::unique_ptr<faces::FaceDetector>> detector =
      LoadFaceDetector(o, rules, &faces_skipped);
  if (!detector.ok()) return BadInput(detector.status().message());
  const image::TextAnalyzer analyzer =
      image::EngineTextAnalyzer(**engine, o.context);
  for (const std::string& file : o.files) {
    absl::StatusOr<std::string> bytes = ReadFile(file);
    if (!bytes.ok()) return BadInput(bytes.status().message());
    absl::StatusOr<image::ImageAnalysis> analysis =
        image::AnalyzeImage(image::Bytes(*bytes), rules, analyzer);
    if (!analysis.ok()) {
      return BadInput(absl::StrCat(file, ": ", analysis.status().message()));
    }
    nlohmann::json line = nlohmann::json::object();
    line["file"] = file;
    const nlohmann::json body = image::AnalysisToJson(*analysis);
    line["findings"] = body["findings"];
    line["metadata"] = body["metadata"];
    line["analyses"] = nlohmann::json::array({"metadata"});
    const absl::StatusOr<faces::RgbaImage> pixels =
        UprightPixels(*bytes, analysis->metadata.orientation);
    AddFaces(detector->get(), faces_skipped, rules, pixels, &line);
    AddCodes(rules, analyzer, pixels, &line);
    std::cout << Dump(line) << "\n";
  }
  std::cout.flush();
  return kExitOk;
}

}  // namespace

int RunImageCommand(const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return kExitOk;
    }
  }
  ImageOptions options;
  if (std::string fault = ParseArgs(args, &options); !fault.empty()) {
    return BadInput(fault);
  }
  return options.strip ? Strip(options) : Analyze(options);
}

}  // namespace vigie::cli
